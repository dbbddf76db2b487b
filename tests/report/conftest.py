"""The sample banner's report pages, rendered once per test session (each render draws
sixteen charts), and a parse of a page into what the tests look at."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

from shequ_core.datasets import ARTICLE_FIGURES, load_chayouqianqi
from shequ_core.policy import seed_policy

AS_OF = dt.date(2017, 12, 31)

#: The attributes of an SVG that hold geometry and style, not text.
GEOMETRY = frozenset(
    {"d", "x", "y", "x1", "x2", "y1", "y2", "width", "height", "viewbox", "transform", "style",
     "points", "clip-path", "cx", "cy", "r", "rx", "ry", "stroke-width", "version"}
)  # fmt: skip


class Page(HTMLParser):
    """What a page holds: element ids, links (``src``, ``href`` ...), the tags seen, the
    text of each chart's ``<text>`` elements by the chart's name, and every text and
    attribute value but an SVG's geometry (``words``)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self.charts: dict[str, list[str]] = {}
        self.words: list[str] = []
        self._svg: str | None = None
        self._in_text = False

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attributes)
        if "id" in found and found["id"] is not None:
            self.ids.append(found["id"])
        for name, value in attributes:
            if name in ("src", "href", "xlink:href", "action", "srcset", "poster"):
                self.links.append((tag, name, value or ""))
            if value and name not in GEOMETRY:
                self.words.append(value)
        if tag == "svg":
            self._svg = found.get("aria-label") or f"svg-{len(self.charts)}"
            self.charts[self._svg] = []
        if tag == "text":
            self._in_text = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg = None
        if tag == "text":
            self._in_text = False

    def handle_data(self, data: str) -> None:
        if self._svg is not None and self._in_text:
            self.charts[self._svg].append(data)
        self.words.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def render(lang: str = "zh", **options: object) -> str:
    from shequ_core.report import render_report

    return render_report(
        load_chayouqianqi(),
        as_of=AS_OF,
        policy=seed_policy(AS_OF),
        lang=lang,
        article=ARTICLE_FIGURES,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def pages() -> dict[str, str]:
    """The sample banner's page on 2017-12-31 under the seed profile, in each language."""
    pytest.importorskip("jinja2")
    pytest.importorskip("matplotlib")
    return {lang: render(lang) for lang in ("zh", "en")}
