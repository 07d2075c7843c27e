"""Shared chart style for :mod:`kamlab.plotting`: fonts, palette and the helpers every topic uses.

Importing it registers a Chinese font (:func:`use_cjk_font`, result in ``CJK_FONT``). The rest
is private to the package: axes and label helpers, percent / plain-number / CNY formats, tick
label wrapping, bar labels and legends — anything drawn the same way in more than one module.
"""

from __future__ import annotations

import textwrap
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.ticker import FuncFormatter, PercentFormatter

from kamlab.exceptions import ParameterError
from kamlab.i18n import LABELS, column_label, t
from kamlab.i18n import in_sentence as _in_sentence

# ---------------------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------------------

#: Families tried first, best first; then any installed family whose name contains a hint.
_CJK_PREFERRED = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                  "WenQuanYi Zen Hei", "Noto Sans SC", "Microsoft YaHei", "PingFang SC",
                  "Heiti SC", "SimHei")
_CJK_HINTS = ("CJK", "WenQuanYi", "Hei", "Han Sans", "PingFang")
_FONT_HINT = ('No Chinese font found: Chinese chart labels will show as empty boxes. '
              'Install one with  pip install "noto-cjk[sans]"  (any system) or  '
              'apt-get install fonts-wqy-microhei  (Debian/Ubuntu), then restart the kernel.')
_warned_no_font = False


def _has_glyph(family: str, char: str = "客") -> bool:
    """Whether the file matplotlib resolves for ``family`` has a glyph for ``char``."""
    from matplotlib.ft2font import FT2Font

    try:
        path = font_manager.findfont(font_manager.FontProperties(family=family),
                                     fallback_to_default=False)
        font = FT2Font(path, face_index=getattr(path, "face_index", 0))
    except (ValueError, OSError, RuntimeError):
        return False
    return font.get_char_index(ord(char)) != 0


def _register_noto_cjk() -> None:
    """Add the font file of the PyPI package ``noto-cjk[sans]`` to matplotlib, if installed."""
    try:
        import noto_cjk

        path = str(noto_cjk.otc_path("sans"))
    except Exception:  # not installed, or the font package missing: fall back to the system
        return
    if not any(entry.fname == path for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)


def use_cjk_font() -> str | None:
    """Make Chinese text render in charts; return the CJK font family used, or None.

    Registers the Noto Sans CJK font of the PyPI package ``noto-cjk[sans]`` when it is
    installed, else looks for a system font (Debian ``fonts-wqy-microhei`` or
    ``fonts-noto-cjk``, and the usual Windows/macOS Chinese fonts). Then sets
    ``rcParams["font.family"] = ["DejaVu Sans", <family>]``: Latin text keeps DejaVu Sans
    and Chinese characters fall back to the CJK font. Called once when
    :mod:`kamlab.plotting` is imported; call it again after ``plt.rcdefaults()``.

    Returns
    -------
    str or None
        The CJK family name, or None (then one warning tells how to install a font).
    """
    global _warned_no_font
    _register_noto_cjk()
    names = {entry.name for entry in font_manager.fontManager.ttflist}
    candidates = [f for f in _CJK_PREFERRED if f in names]
    candidates += sorted(n for n in names if any(h in n for h in _CJK_HINTS)
                         and "Mono" not in n and n not in candidates)
    family = next((f for f in candidates if _has_glyph(f)), None)
    if family is None:
        if not _warned_no_font:
            _warned_no_font = True
            warnings.warn(_FONT_HINT, UserWarning, stacklevel=2)
        return None
    mpl.rcParams["font.family"] = ["DejaVu Sans", family]
    # DejaVu Sans (first in the list) draws the minus sign, so axes.unicode_minus can stay.
    return family


#: The CJK family registered at import (None when no Chinese font was found).
CJK_FONT = use_cjk_font()


# ---------------------------------------------------------------------------------------
# Palette and sizes
# ---------------------------------------------------------------------------------------

_BLUE, _AMBER, _GREY, _GREEN, _RED, _INK = (
    "#1b6ca8", "#f2a541", "#9aa5b1", "#3c9d5d", "#c94c4c", "#1f2d3d")
_TIER_COLOURS = (_BLUE, _AMBER, _GREY, _GREEN, _RED, "#7b5ea7", "#5fa8d3", "#b07d48")
_LABEL_SIZE = 11


# ---------------------------------------------------------------------------------------
# Axes and labels
# ---------------------------------------------------------------------------------------

def _result_of(value, cls, made_by: str, func: str):
    """``value`` if it is a ``cls`` (what ``made_by`` returns), else a ParameterError saying so."""
    if not isinstance(value, cls):
        raise ParameterError(f"{func}(): pass the result of {made_by}; got "
                             f"{type(value).__name__}.", got=type(value).__name__)
    return value


# style name -> how much larger chart text looks. Projector mode draws each chart on a
# figure that many times smaller, at that many times the resolution: the image keeps its
# size in pixels and every text (whatever its font size) is that much larger on it.
STYLES = {"default": 1.0, "projector": 1.35}
_scale = 1.0


def set_style(style: str = "default") -> None:
    """``"projector"`` enlarges every chart's text for the back of a room; ``"default"``
    restores it. Applies to charts drawn afterwards (returns nothing, so a notebook cell
    that calls it shows no output).

    >>> set_style("projector"); get_style()
    'projector'
    >>> set_style("default")
    """
    global _scale
    if style not in STYLES:
        raise ParameterError(f"set_style(): style must be one of {sorted(STYLES)}; got {style!r}. "
                             f"Use 'projector' for a room, 'default' for a screen.", style=style)
    _scale = STYLES[style]


def get_style() -> str:
    """The current chart style name."""
    return next(name for name, scale in STYLES.items() if scale == _scale)


def _figure_size(figsize) -> dict:
    """``figsize`` and ``dpi`` for a new figure in the current style (see :data:`STYLES`)."""
    width, height = figsize
    return {"figsize": (width / _scale, height / _scale),
            "dpi": mpl.rcParams["figure.dpi"] * _scale}


def _new_axes(ax, figsize):
    """``ax`` itself, or the Axes of a new figure of ``figsize`` inches (see :func:`set_style`)."""
    if ax is None:
        _, ax = plt.subplots(**_figure_size(figsize), layout="constrained")
    return ax


def _tidy(ax, grid: str | None = "y") -> None:
    """Trainer style: no top/right frame, a light grid on the value axis, grid below data."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_axisbelow(True)
    if grid:
        ax.grid(axis=grid, color="#dddddd", linewidth=0.8)
    ax.tick_params(labelsize=10)


def _finish(ax, *, title: str, xlabel: str, ylabel: str, pad: float = 10) -> None:
    """Axis labels and title, at the sizes used throughout."""
    ax.set(xlabel=xlabel, ylabel=ylabel)
    ax.set_title(title, fontsize=13, pad=pad)
    ax.xaxis.label.set_size(_LABEL_SIZE)
    ax.yaxis.label.set_size(_LABEL_SIZE)


def _label(key: str, lang: str, default: str, **fmt) -> str:
    """The i18n label for ``key`` when it exists, else ``default``."""
    return t(key, lang, **fmt) if key in LABELS else default


def _text(value, lang: str, default: str, **fmt) -> str:
    """A label given as an i18n key or as literal text (its ``{placeholders}`` filled from
    ``fmt`` too); the key ``default`` when None."""
    key = default if value is None else value
    if key in LABELS:
        return t(key, lang, **fmt)
    try:
        return str(key).format(**fmt) if fmt else str(key)
    except (KeyError, IndexError, ValueError):  # braces that are not placeholders
        return str(key)



def _value_name(value: str | None, lang: str) -> str:
    return _in_sentence(column_label(value, lang), lang) if value else t("accounts", lang)


def _order(values: pd.Series) -> list:
    """Category order of a column, worst first: an ordered categorical's own order, else sorted."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return list(values.cat.categories)
    return sorted(values.dropna().unique(), key=str)


def _as_list(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, str) or not hasattr(value, "__iter__") else list(value)


def _check_max_points(max_points, func: str) -> int:
    if not (isinstance(max_points, (int, np.integer)) and max_points >= 10):
        raise ParameterError(
            f"{func}(): max_points must be a whole number ≥ 10; got {max_points!r}.",
            max_points=max_points)
    return int(max_points)


def _downsample(m: int, max_points: int, keep=()) -> np.ndarray:
    """At most ``max_points`` indices into ``range(m)``, evenly spaced, with the first, the
    last and every index in ``keep``."""
    keep = np.unique(np.asarray(keep, dtype="int64"))
    if m <= max_points:
        return np.arange(m)
    spaced = np.linspace(0, m - 1, max(2, max_points - keep.size)).round().astype("int64")
    return np.union1d(spaced, keep)


# ---------------------------------------------------------------------------------------
# Numbers: percent, plain, CNY
# ---------------------------------------------------------------------------------------

def _strip_zero(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def _pct(x: float, decimals: int | None = None) -> str:
    """A share as readable percent: 0.8 -> '80%', 0.083 -> '8.3%', 0.0006 -> '0.06%'."""
    v = 100.0 * float(x)
    if decimals is None:
        decimals = 0 if abs(v) >= 10 or v == 0 else 1 if abs(v) >= 1 else 2
    text = f"{v:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def _signed_pct(x: float) -> str:
    """A change in percent with its sign: −0.049 -> '−4.9%', 0.1 -> '+10%'."""
    x = float(x)
    text = _pct(abs(x))
    return ("−" if x < 0 and text != "0%" else "+" if x > 0 else "") + text


def _plain(v, *, signed: bool = False, decimals: int | None = None) -> str:
    """A per-unit price or a quantity with thousands separators: 36120.4 -> '36,120',
    94.5 -> '94.5', -11 -> '−11' (with ``signed``, 29 -> '+29'). Not scaled to 万/m."""
    v = float(v)
    if not np.isfinite(v):
        return "–"
    a = abs(v)
    if decimals is None:
        decimals = 0 if a >= 1000 else 1 if a >= 10 else 2
    text = _strip_zero(f"{a:,.{decimals}f}")
    sign = "−" if v < 0 and text != "0" else "+" if signed and v > 0 else ""
    return sign + text


def _cny(v: float, lang: str, *, signed: bool = False) -> str:
    """Money for a label: 'CNY 8,000', 'CNY 62.2m' / '8,000元', '6,220万元'."""
    v = float(v)
    sign = "+" if signed and v > 0 else "−" if v < 0 else ""
    a = abs(v)
    if lang == "zh":
        digits = 0 if a >= 1e7 else 1
        text = (f"{_strip_zero(f'{a / 1e4:,.{digits}f}')}万元" if a >= 1e6 else f"{a:,.0f}元")
        return sign + text
    text = f"CNY {_strip_zero(f'{a / 1e6:,.1f}')}m" if a >= 1e6 else f"CNY {a:,.0f}"
    return sign + text


def _cny_scaled(v: float, lang: str, top: float) -> str:
    """Money on the scale of ``top`` (the chart's largest value): 'CNY 0.40m' beside 'CNY 3.87m'."""
    if abs(top) < 1e6:
        return _cny(v, lang)
    v = float(v)
    sign = "−" if v < 0 else ""
    if lang == "zh":
        digits = 0 if top >= 1e7 else 1
        return f"{sign}{abs(v) / 1e4:,.{digits}f}万元"
    digits = 1 if top >= 1e7 else 2
    return f"{sign}CNY {abs(v) / 1e6:,.{digits}f}m"


def _percent_axis(ax, axis: str = "y", *, decimals: int = 0) -> None:
    """Format an axis whose data are fractions (0–1) as percent."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(PercentFormatter(xmax=1.0, decimals=decimals))


def _plain_axis(ax, axis: str = "y") -> None:
    """Tick labels with thousands separators (per-unit prices, capacities)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _pos: _plain(v)))


def _money_axis(ax, top: float, lang: str, axis: str = "x") -> str:
    """Tick labels in CNY, or CNY m (zh: 万元) once values reach a million; returns the unit
    label. The data stay in CNY: only the tick labels are scaled."""
    big = abs(top) >= 1e6
    scale = (1e4 if lang == "zh" else 1e6) if big else 1.0
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(FuncFormatter(lambda v, _pos: _strip_zero(f"{v / scale:,.2f}")))
    return t(("unit.cny_10k" if lang == "zh" else "unit.cny_m") if big else "unit.cny", lang)


# ---------------------------------------------------------------------------------------
# Text: names, wrapping, fitting
# ---------------------------------------------------------------------------------------

_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团", " Co., Ltd.", " Co. Ltd.",
                " Ltd.", " Inc.")


def _short_name(name: str, limit: int = 28) -> str:
    """A company name for a tick label: legal form dropped ("…有限公司"), long names cut."""
    for form in _LEGAL_FORMS:
        if name.endswith(form) and len(name) > len(form) + 1:
            name = name[: -len(form)]
            break
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _wrap(text, width: int, max_lines: int | None = None) -> str:
    """A tick label in lines of about ``width`` Latin characters (a CJK character counts
    as two); Chinese without spaces is split into lines of equal length. With
    ``max_lines`` the rest is cut and marked with '…'."""
    text = str(text)
    if _has_cjk(text) and " " not in text:
        weight = [2 if _has_cjk(ch) else 1 for ch in text]
        target = sum(weight) / max(1, -(-sum(weight) // width))  # balanced line weight
        lines, line, used = [], "", 0
        for ch, w in zip(text, weight):
            if line and used + w > target + 1:
                lines.append(line)
                line, used = "", 0
            line, used = line + ch, used + w
        lines.append(line)
    else:
        lines = textwrap.wrap(text, width, break_long_words=False) or [text]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" ,;:") + "…"
    return "\n".join(lines)


def _text_pts(text: str, fontsize: float) -> float:
    """Estimated length of one line of text in points: Latin ≈ 0.6 em, CJK ≈ 1 em."""
    return sum(fontsize if _has_cjk(ch) else 0.6 * fontsize for ch in text)


def _fits(ax, text: str, width_data: float, fontsize: float) -> tuple[bool, float]:
    """Whether ``text`` fits across a bar ``width_data`` x-units wide, and the bar's
    width in points (from the Axes' current size and x limits)."""
    length = _text_pts(text, fontsize)
    lo, hi = ax.get_xlim()
    axes_pts = ax.get_position().width * ax.figure.get_size_inches()[0] * 72
    bar_pts = abs(width_data) / max(abs(hi - lo), 1e-12) * axes_pts
    return bar_pts >= length + 6, bar_pts


def _label_size(ax, texts, *, slot: float, size: float = 10, smallest: float = 7) -> float:
    """The font size (``size`` at most, ``smallest`` at least) at which the longest of
    ``texts`` fits a slot ``slot`` x-units wide, so labels over neighbouring bars never run
    into each other. Call it once the x limits are set."""
    longest = max((_text_pts(text, size) for text in texts), default=0.0)
    _, slot_pts = _fits(ax, "", slot, size)
    if longest <= 0 or longest + 4 <= slot_pts:
        return size
    return max(smallest, size * (slot_pts - 4) / longest)


def _ink_on(colour) -> str:
    """White or dark text, whichever reads better on ``colour``."""
    r, g, b = mpl.colors.to_rgb(colour)
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.6 else _INK


def _spread(targets, heights) -> list[float]:
    """Centres for labels of the given heights, as near their ``targets`` as possible
    without overlapping (all in data units)."""
    targets = np.asarray(targets, dtype="float64")
    heights = np.asarray(heights, dtype="float64")
    order = np.argsort(targets, kind="stable")
    want, size = targets[order], heights[order]
    placed = want.copy()

    def push_up():
        for i in range(1, len(placed)):
            placed[i] = max(placed[i], placed[i - 1] + (size[i - 1] + size[i]) / 2)

    push_up()
    placed -= max(float((placed - want).mean()), 0.0)  # centre the block on its targets
    push_up()
    out = np.empty_like(placed)
    out[order] = placed
    return out.tolist()


# ---------------------------------------------------------------------------------------
# Bars and legends
# ---------------------------------------------------------------------------------------

def _bar_labels(ax, bars, values, *, size: float = 9) -> None:
    ax.bar_label(bars, labels=[_pct(v) for v in values], padding=2, fontsize=size)


def _grouped_bars(ax, categories, series, *, width: float = 0.8) -> None:
    """Bars of several share columns side by side per category, each labelled in percent.

    ``series`` is a list of (legend label, values, colour).
    """
    x = np.arange(len(categories))
    w = width / len(series)
    top = 0.0
    for i, (label, values, colour) in enumerate(series):
        values = np.asarray(values, dtype="float64")
        bars = ax.bar(x + (i - (len(series) - 1) / 2) * w, values, w * 0.92, label=label,
                      color=colour)
        _bar_labels(ax, bars, values)
        top = max(top, np.nanmax(values))
    ax.set_xticks(x, [str(c) for c in categories])
    ax.set_ylim(0, max(top * 1.22, 0.05))  # headroom for the legend and bar labels
    _percent_axis(ax, "y")
    legend = ax.legend(frameon=False, fontsize=10, loc="upper left", ncols=len(series))
    fig = ax.figure
    if legend.get_window_extent(fig.canvas.get_renderer()).width > 0.95 * fig.bbox.width:
        ax.legend(frameon=False, fontsize=10, loc="upper left", ncols=1)  # a narrow figure
        ax.set_ylim(0, max(top * 1.5, 0.05))  # room for the legend's rows


def _below_legend(ax, handles, ncols: int, *, gap: float = 0.6) -> None:
    """A legend centred ``gap`` inches under the axes (below the x label), clear of the
    data (as plot_scores does)."""
    dy = -gap / max(ax.get_position().height * ax.figure.get_size_inches()[1], 0.5)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, dy),
              ncols=max(1, ncols), fontsize=9.5, frameon=False)
