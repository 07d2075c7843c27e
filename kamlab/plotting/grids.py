"""Tiles for the segmentation grids: every cell of a two-way classification as a coloured tile
with its name, its number of accounts and its share of value written in it.

What a trainer projects for seed 002's potential × share-of-wallet grid (R1 … A3), seed 000's
two-sided attractiveness 2x2 and seed 004's relationship types and gold / star / problem /
dog positions. Bubbles sized by value shrink the small cells to dots; a tile keeps every
cell readable, and its colour (or its shade, in a heat map) says which cells matter.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
import pandas as pd

from kamlab.i18n import t
from kamlab.plotting._style import _INK, _ink_on, _pct, _wrap

_EDGE = 3.0  # white gap between tiles, points
_FRAME = 3.5  # the frame round a highlighted tile, points


@dataclass(frozen=True)
class Tile:
    """One cell (or several merged cells) of a grid, in data units: lower-left ``x``, ``y``."""

    key: str  # the cell's name in gids: "tile:<key>", "name:<key>", "cell:<key>"
    x: float
    y: float
    name: str
    count: int
    total: float
    colour: str
    w: float = 1.0
    h: float = 1.0
    highlight: bool = False


def cell_totals(df: pd.DataFrame, by: list[str], value: str | None) -> pd.DataFrame:
    """Accounts (``count``) and summed ``value`` (``total``) per combination of the ``by``
    columns; every account counts once when ``value`` is None."""
    weights = (pd.to_numeric(df[value], errors="coerce").to_numpy(dtype="float64") if value
               else np.ones(len(df)))
    keys = {f"k{i}": df[col].to_numpy() for i, col in enumerate(by)}
    frame = pd.DataFrame({**keys, "v": weights})
    return (frame.groupby(list(keys), observed=True, dropna=True)["v"]
            .agg(count="size", total="sum"))


def _signed_pct(x: float) -> str:
    text = _pct(abs(x))
    return ("−" + text) if x < 0 and text != "0%" else text


def _blend(colour, strength: float):
    """``colour`` mixed with white: 0 white, 1 the colour itself."""
    rgb = np.array(mpl.colors.to_rgb(colour))
    return tuple(1 - strength * (1 - rgb))


def fit_texts(ax, smallest: float = 8.5) -> None:
    """Make each tile's name and numbers fit inside the tile, as the figure is laid out now
    (projector mode draws the same text on a smaller figure): a smaller font, and where that
    would be too small to read, each line broken in two."""
    fig = ax.figure
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)
    renderer = fig.canvas.get_renderer()
    tiles = {p.get_gid()[5:]: p for p in ax.patches if (p.get_gid() or "").startswith("tile:")}
    for text in ax.texts:
        kind, _, key = (text.get_gid() or "").partition(":")
        if kind not in ("name", "cell") or key not in tiles:
            continue
        room = 0.92 * tiles[key].get_window_extent(renderer).width
        width = text.get_window_extent(renderer).width
        if width <= room:
            continue
        size = text.get_fontsize()
        if size * room / width < smallest and kind == "cell":
            text.set_text("\n".join(_wrap(line, max(6, len(line) // 2 + 2))
                                    for line in text.get_text().split("\n")))
            width = text.get_window_extent(renderer).width
        if width > room:
            text.set_fontsize(max(smallest, size * room / width))


def draw_tiles(ax, tiles: list[Tile], *, grand: float, value_name: str, lang: str,
               shade: bool = False, wrap: int = 22) -> None:
    """Each tile as a rectangle with its name at the top and, in the middle, its accounts and
    its share of ``grand`` (the grid's total value).

    ``shade`` draws a heat map: the larger a tile's share, the deeper its colour. Otherwise
    every tile has its own light colour. A ``highlight`` tile gets a dark frame.
    """
    tops = [abs(tile.total) / grand for tile in tiles if grand] or [0.0]
    top = max(max(tops), 1e-12)
    for tile in tiles:
        share = tile.total / grand if grand else float("nan")
        strength = (0.12 + 0.68 * max(share, 0.0) / top) if shade and grand else 0.28
        face = _blend(tile.colour, strength)
        ink = _ink_on(face)
        ax.add_patch(mpl.patches.Rectangle((tile.x, tile.y), tile.w, tile.h, facecolor=face,
                                           edgecolor="white", lw=_EDGE, gid=f"tile:{tile.key}",
                                           zorder=1))
        if tile.highlight:
            inset = 0.02
            ax.add_patch(mpl.patches.Rectangle(
                (tile.x + inset, tile.y + inset), tile.w - 2 * inset, tile.h - 2 * inset,
                fill=False, edgecolor=_INK, lw=_FRAME, gid=f"highlight:{tile.key}", zorder=2))
        cx = tile.x + tile.w / 2
        ax.text(cx, tile.y + tile.h - 0.1, _wrap(tile.name, wrap, max_lines=2), ha="center",
                va="top", fontsize=13.5, color=ink, linespacing=1.15,
                gid=f"name:{tile.key}", zorder=3)
        lines = [t("grid.account", lang) if tile.count == 1
                 else t("grid.accounts", lang, n=f"{int(tile.count):,}")]
        if grand:
            lines.append(t("grid.share", lang, share=_signed_pct(share), value=value_name))
        ax.text(cx, tile.y + 0.42 * tile.h, "\n".join(lines), ha="center", va="center",
                fontsize=11.5, color=ink, linespacing=1.35, gid=f"cell:{tile.key}", zorder=3)


def frame_grid(ax, *, n_cols: int, n_rows: float, xticks: list[str], yticks: list[str],
               yticks_at=None, note: str | None = None) -> None:
    """Limits, level names on the axes (one per column and row, best top and right), no
    frame; ``note`` (lines saying what shade or frame mean) is written small under the
    bottom-right corner."""
    ax.set_xlim(0, n_cols)
    ax.set_ylim(0, n_rows)
    ax.set_xticks(np.arange(n_cols) + 0.5, xticks)
    ax.set_yticks(np.arange(len(yticks)) + 0.5 if yticks_at is None else yticks_at, yticks)
    ax.tick_params(length=0, labelsize=11)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.grid(False)
    if note:
        ax.annotate(note, (1.0, 0.0), xycoords="axes fraction", xytext=(0, -34),
                    textcoords="offset points", ha="right", va="top", fontsize=9.5,
                    color="#555555", gid="note")
