"""What the plotting tests share (not a test module itself): a small seeded account book with
every column the charts' inputs need, drawing a chart case, finding artists by gid, and the
text, overlap and PNG checks."""

import copy
import io
import itertools
import warnings

import numpy as np
import pandas as pd

from kamlab.scoring import DEFAULT_WEIGHTS


def book(n=60, seed=7):
    """A small account book with every column the charts' inputs need."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "account_id": [f"K{i:03d}" for i in range(n)],
        "name": [f"客户{i} Co." for i in range(n)],
        "revenue": np.round(rng.pareto(1.3, n) * 1e5 + 2e4),
    })
    for c in [*DEFAULT_WEIGHTS, "our_attractiveness"]:
        df[c] = rng.uniform(1, 5, n).round(2)
    df["profit"] = (df["revenue"] * rng.uniform(0.02, 0.2, n)).round()
    df["sales_hours"] = rng.uniform(10, 120, n).round()
    df["wallet"] = (df["revenue"] / rng.uniform(0.05, 0.6, n)).round()
    return df


BOOK = book()


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def overlapping_labels(ax):
    """Pairs of visible texts (ticks, annotations) whose boxes overlap once drawn."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    items = [t for t in ax.texts + ax.get_xticklabels() + ax.get_yticklabels()
             if t.get_visible() and t.get_text().strip()]
    boxes = [(t.get_text(), t.get_window_extent(renderer).expanded(0.98, 0.9)) for t in items]
    return [(a, b) for (a, abox), (b, bbox) in itertools.combinations(boxes, 2)
            if abox.overlaps(bbox)]


def texts_on(ax):
    """Every piece of text on the Axes: title, labels, ticks, annotations, legend."""
    out = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    out += [t.get_text() for t in ax.texts]
    out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    legend = ax.get_legend()
    if legend is not None:
        out += [t.get_text() for t in legend.get_texts()]
    return [s for s in out if s]


def png_warnings(ax) -> list[str]:
    """Render ``ax``'s figure to PNG; the warnings it raised (e.g. missing glyphs)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        buf = io.BytesIO()
        ax.figure.savefig(buf, format="png")
    assert buf.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"
    return [str(w.message) for w in caught]


def draw(case, lang, ax=None):
    """Draw a chart case ``(plot function, data, keyword arguments)`` in ``lang``."""
    func, data, kw = case
    return func(data, ax=ax, lang=lang, **kw)


def _artists(ax):
    return ax.get_children() + ax.texts


def by_gid(ax, gid):
    """The first artist on ``ax`` with this gid (the test fails if there is none)."""
    found = [a for a in _artists(ax) if a.get_gid() == gid]
    assert found, gid
    return found[0]


def gids(ax) -> set:
    return {a.get_gid() for a in _artists(ax) if a.get_gid()}


def assert_drawing_leaves_inputs_alone(cases: dict, inputs: dict, *also):
    """Drawing every case in Chinese (and calling each of ``also``) changes none of ``inputs``
    (name: DataFrame, Series or any object that compares with ==)."""
    before = {k: copy.deepcopy(v) for k, v in inputs.items()}
    for case in cases.values():
        draw(case, "zh")
    for call in also:
        call()
    for k, v in inputs.items():
        if isinstance(v, pd.DataFrame):
            pd.testing.assert_frame_equal(v, before[k], obj=k)
        elif isinstance(v, pd.Series):
            pd.testing.assert_series_equal(v, before[k], obj=k)
        else:
            assert v == before[k], k
