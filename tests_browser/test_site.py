"""The offline course (``make site``) opened from disk in Chromium: every request the pages
make stays on the machine (``file:`` or ``data:``), charts show with their alt text, a
dashboard shows its saved chart, Chinese pages draw Chinese glyphs."""

from __future__ import annotations

import re
import time
from urllib.parse import urlparse

import pytest
from conftest import MEASURES

from kamlab.i18n import t
from kamlab.site import TEXT, build_site

LOCAL = {"file", "data", "blob", "about"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    start = time.perf_counter()
    index = build_site(tmp_path_factory.mktemp("site") / "site")
    MEASURES.append(("make site (every page, all cores)", f"{time.perf_counter() - start:.1f} s"))
    return index


@pytest.fixture
def offline(browser):
    """A page that records every request and refuses any that would leave the machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    requests: list[str] = []

    def route(r):
        requests.append(r.request.url)
        if urlparse(r.request.url).scheme in LOCAL:
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.set_default_timeout(30_000)
    yield page, requests
    context.close()


def _outside(requests: list[str]) -> list[str]:
    return sorted({url for url in requests if urlparse(url).scheme not in LOCAL})


def _glyph_widths(page) -> list[float]:
    return page.evaluate("""() => {
      const ctx = document.createElement("canvas").getContext("2d");
      ctx.font = "32px " + getComputedStyle(document.querySelector("[lang=zh-CN] a, .jp-RenderedMarkdown")).fontFamily;
      return [ctx.measureText("关键客户管理").width, ctx.measureText("\\u0378\\u0378\\u0378\\u0378\\u0378\\u0378").width,
              ctx.measureText("客").width];
    }""")


def test_the_course_reads_offline_from_disk(site, offline):
    page, requests = offline
    page.goto(site.as_uri(), wait_until="load")
    assert page.locator("a").count() > 150
    page.locator("a[href='notebooks/01_why_key_accounts.html']").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/notebooks/01_why_key_accounts.html")
    images = page.locator("img")
    assert images.count() >= 5
    for i in range(images.count()):
        image = images.nth(i)
        assert image.get_attribute("alt"), f"image {i} has no alt text"
        if i < 3:
            image.scroll_into_view_if_needed()
            assert image.evaluate("img => img.complete && img.naturalWidth > 100")
    note = page.get_by_text(t("dashboard.saved", "en")).first
    note.scroll_into_view_if_needed()
    assert note.is_visible()
    assert "ConcentrationDashboard(children" not in page.content()
    page.get_by_role("link", name=TEXT["back"][0]).click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/index.html")
    assert _outside(requests) == [], f"requests left the machine: {_outside(requests)}"


def test_a_chinese_page_offline_draws_chinese(site, offline):
    page, requests = offline
    page.goto(site.as_uri(), wait_until="load")
    chinese, tofu, one = _glyph_widths(page)
    assert chinese != tofu and one > 20, "Chinese renders as boxes: apt-get install fonts-noto-cjk"
    page.locator("section[lang=zh-CN] a").first.click()
    page.wait_for_load_state("load")
    assert "/notebooks/zh/" in page.url
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    text = page.locator("body").text_content()
    assert len(re.findall(r"[\u4e00-\u9fff]", text)) > 500
    assert t("dashboard.saved", "zh") in text
    chinese, tofu, one = _glyph_widths(page)
    assert chinese != tofu and one > 20
    assert _outside(requests) == [], f"requests left the machine: {_outside(requests)}"
