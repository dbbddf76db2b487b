"""The report page in a real browser: Debian's headless Chromium, driven by Playwright.

The page is opened from its file with every request but the file itself refused: it
must load with no console error, draw something (the screenshot is not blank), and hold
every chart's text in its DOM as text. Skipped, with the reason, where Chromium or
Playwright is not installed; ``make report-check`` installs both and runs it, writing
the screenshot to where ``SHEQU_REPORT_SCREENSHOT`` says (docs/images/report.png), and
failing rather than skipping there (``SHEQU_REQUIRE_BROWSER``).

Playwright's own browsers are never downloaded: it drives /usr/bin/chromium.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

from tests.report.conftest import parse

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing(reason: str) -> NoReturn:
    """Skip, or fail where the browser was asked for (``SHEQU_REQUIRE_BROWSER=1``, as
    ``make report-check`` sets it: a check that skipped would have checked nothing)."""
    if os.environ.get("SHEQU_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


# Session-wide, as the pages are: set up first (it comes first in the tests' arguments),
# so a run without Chromium skips before the pages are drawn.
@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _missing("Debian's chromium is not installed (make report-check installs it)")
    try:
        from playwright import sync_api
    except ImportError:
        _missing("playwright is not installed (make report-check installs it)")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _open(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    """The page of ``path`` loaded; the console errors and the requests refused."""
    page = browser.new_page(viewport={"width": 1200, "height": 1500})
    errors: list[str] = []
    refused: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    url = path.resolve().as_uri()

    def route(r: Any) -> None:
        if r.request.url == url:
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(url, wait_until="load")
    return page, errors, refused


def _drawn(png: bytes) -> tuple[int, float]:
    """How many colours a screenshot holds, and the share of its pixels that are not the
    background (its commonest colour)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
        background = max(n for n, _ in colours)
        return len(colours), 1 - background / (image.width * image.height)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_loads_offline_and_shows_every_chart_as_text(
    browser: Any, pages: dict[str, str], lang: str, tmp_path: Path
) -> None:
    path = tmp_path / f"report-{lang}.html"
    path.write_text(pages[lang], encoding="utf-8")
    page, errors, refused = _open(browser, path)
    try:
        assert errors == []
        assert refused == []
        shot = page.screenshot(full_page=False)
        # A blank page is one colour, a page with one broken image 129 colours on 0.2 %
        # of its pixels; the report's top gives hundreds, on over a tenth of them.
        colours, inked = _drawn(shot)
        assert colours > 200 and inked > 0.05
        target = os.environ.get("SHEQU_REPORT_SCREENSHOT")
        if target and lang == "zh":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            Path(target).write_bytes(shot)
        # Every chart's text, as the page's source has it, is text in the DOM.
        shown = page.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll('svg.chart')].map(
                   s => [s.getAttribute('aria-label'),
                         [...s.querySelectorAll('text')].map(t => t.textContent)]))"""
        )
        wanted = {name: texts for name, texts in parse(pages[lang]).charts.items() if texts}
        assert len(wanted) >= 12
        assert shown == wanted
        # And drawn: each chart takes room on the page.
        sizes = page.evaluate(
            "() => [...document.querySelectorAll('svg.chart')].map("
            "s => s.getBoundingClientRect().width * s.getBoundingClientRect().height)"
        )
        assert len(sizes) == len(wanted) and min(sizes) > 10_000
        sections = page.evaluate("() => [...document.querySelectorAll('section')].map(s => s.id)")
        assert sections == ["summary", "scorecard", "visits", "backlog", "findings"]
    finally:
        page.close()


def test_printed_each_section_starts_an_a4_page(
    browser: Any, pages: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "report.html"
    path.write_text(pages["zh"], encoding="utf-8")
    page, errors, refused = _open(browser, path)
    try:
        page.emulate_media(media="print")
        breaks = page.evaluate(
            "() => [...document.querySelectorAll('section')].map("
            "s => getComputedStyle(s).breakBefore)"
        )
        assert breaks == ["auto", "page", "page", "page", "page"]
        # Not one table wider than the printed page (A4 less its margins, at 96 px an inch).
        widest = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('table')].map(t => t.scrollWidth))"
        )
        page.set_viewport_size({"width": 700, "height": 1000})
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 700, widest
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        boxes = {tuple(round(float(v)) for v in m.split()[2:]) for m in re.findall(
            rb"/MediaBox\s*\[([^\]]+)\]", pdf)}  # fmt: skip
        assert boxes == {(595, 842)}  # A4 in points
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 5
        assert (errors, refused) == ([], [])
    finally:
        page.close()
