"""The shared chart style (kamlab.plotting._style): a Chinese font is registered on import, so
Chinese titles and ticks render as glyphs, and a missing font gives one clear warning."""

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from kamlab import plotting
from kamlab.plotting import _style
from kamlab.segmentation import strategy_grid

# ---------------------------------------------------------------------------------------
# Chinese text renders as glyphs
# ---------------------------------------------------------------------------------------

def test_a_cjk_font_is_found():
    family = plotting.use_cjk_font()
    assert family, 'no Chinese font: pip install "noto-cjk[sans]" or apt-get install fonts-wqy-microhei'
    assert list(matplotlib.rcParams["font.family"]) == ["DejaVu Sans", family]
    path = font_manager.findfont(font_manager.FontProperties(family=family),
                                 fallback_to_default=False)
    font = FT2Font(path, face_index=getattr(path, "face_index", 0))
    for char in "客户销售额集中度":
        assert font.get_char_index(ord(char)) != 0, char


def test_chinese_title_and_ticks_render_without_missing_glyphs(small_book):
    fig, ax = plt.subplots()
    ax.bar(["大客户", "中小企业", "住宅客户"], [0.31, 0.25, 0.44])
    ax.set_title("细分市场:收入占比 −5%")
    ax.set_xlabel("客户数累计占比(%)")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
        plotting.plot_strategy_grid(strategy_grid(small_book), lang="zh").figure.savefig(
            io.BytesIO(), format="png")
    messages = [str(w.message) for w in caught]
    assert not [m for m in messages if "missing from font" in m or "Glyph" in m], messages


def test_no_font_gives_one_clear_warning(monkeypatch):
    monkeypatch.setattr(_style, "_register_noto_cjk", lambda: None)
    monkeypatch.setattr(_style, "_CJK_PREFERRED", ())
    monkeypatch.setattr(_style, "_CJK_HINTS", ("No Such Font Family",))
    monkeypatch.setattr(_style, "_warned_no_font", False)
    with pytest.warns(UserWarning, match=r'pip install "noto-cjk\[sans\]".*fonts-wqy-microhei'):
        assert plotting.use_cjk_font() is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert plotting.use_cjk_font() is None  # once only


# --- projector mode -----------------------------------------------------------------------------

def _text_share(ax) -> float:
    """The title's height as a share of the image height (what the back row sees)."""
    fig = ax.figure
    fig.canvas.draw()
    box = ax.title.get_window_extent()
    return box.height / (fig.get_size_inches()[1] * fig.dpi)


def test_projector_mode_enlarges_every_text_and_keeps_the_image_size():
    import kamlab
    from kamlab import concentration, plotting
    from kamlab.plotting._style import STYLES

    book = kamlab.load_dataset("customers")
    pareto = concentration.pareto_table(book, "revenue")
    try:
        assert kamlab.set_style("default") is None  # no output in a notebook cell
        plain = plotting.plot_pareto(pareto, value="revenue")
        kamlab.set_style("projector")
        assert plotting.get_style() == "projector"
        big = plotting.plot_pareto(pareto, value="revenue")
    finally:
        kamlab.set_style("default")
    pixels = [ax.figure.get_size_inches() * ax.figure.dpi for ax in (plain, big)]
    assert pixels[0] == pytest.approx(pixels[1])
    assert _text_share(big) / _text_share(plain) == pytest.approx(STYLES["projector"], rel=0.02)
    plt.close("all")


def test_an_unknown_style_says_which_exist():
    import kamlab
    from kamlab.exceptions import ParameterError

    with pytest.raises(ParameterError, match=r"one of \['default', 'projector'\]"):
        kamlab.set_style("poster")
