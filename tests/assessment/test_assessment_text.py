"""What the banner summary, the scorecard and the findings show: tables and HTML.

These are what a dashboard or a notebook puts in front of people, so their structure
is checked whole: a title line, a header, one line or row per figure or finding with
nothing else in between, and the language chosen kept by every view derived from it.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import attrs

from shequ_core.calendar import china_calendar
from shequ_core.datasets import load_chayouqianqi
from shequ_core.policy import national_policy, seed_policy
from shequ_core.rules import Findings, Severity
from shequ_core.rules.assessment import BannerSummary, scorecard, summary
from shequ_core.rules.governance import household_range

AS_OF = dt.date(2017, 12, 31)


class _Cells(HTMLParser):
    """The text of every element by tag, and any text that sits outside a cell."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.cells: dict[str, list[str]] = {"th": [], "td": [], "caption": []}
        self.stray: list[str] = []
        self.rows = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.stack.append(tag)
        self.tags.append(tag)
        if tag == "tr":
            self.rows += 1
        if tag in self.cells:
            self.cells[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] in self.cells:
            self.cells[self.stack[-1]][-1] += data
        else:
            self.stray.append(data)


def _parse(html_text: str) -> _Cells:
    p = _Cells()
    p.feed(html_text)
    p.close()
    assert p.stack == [], "every element is closed"
    assert p.stray == [], f"text outside any cell: {p.stray!r}"
    return p


# -- the banner summary ------------------------------------------------------------------


def test_summary_table_is_title_header_rule_and_one_line_per_figure() -> None:
    s = summary(load_chayouqianqi(), as_of=AS_OF)
    for lang, title, head in (
        ("zh", "社区建设概况", ("指标", "数值")),
        ("en", "Community system at a glance", ("figure", "value")),
    ):
        lines = s.table(lang).splitlines()
        assert lines[0] == title
        assert lines[1].split() == list(head)
        assert set(lines[2]) <= {"-", " "}
        rows = s.rows(lang)
        assert len(lines) == 3 + len(rows)
        labels = [a.metadata[f"label_{lang}"] for a in attrs.fields(BannerSummary)]
        assert [label for label, _ in rows] == labels
        for line, (label, value) in zip(lines[3:], rows, strict=True):
            assert line.startswith(label) and line.endswith(value)
    assert str(s) == s.table("zh")


def test_summary_rows_show_the_date_in_iso_form_and_the_share_as_a_percentage() -> None:
    s = summary(load_chayouqianqi(), as_of=AS_OF)
    rows = dict(s.rows("en"))
    assert rows["as of"] == "2017-12-31"
    assert s.college_share is not None
    assert rows["share with junior college or more"] == f"{round(s.college_share * 100)}%"


# -- the scorecard's HTML ----------------------------------------------------------------


def test_scorecard_html_is_a_table_of_its_rows_with_a_caption() -> None:
    ds = load_chayouqianqi()
    for lang in ("zh", "en"):
        card = scorecard(
            ds, as_of=AS_OF, policy=seed_policy(AS_OF), calendar=china_calendar(), lang=lang
        )
        headers, rows = card.table_rows()
        p = _parse(card._repr_html_())
        assert p.tags[:2] == ["table", "caption"]
        assert p.cells["th"] == [str(h) for h in headers]
        assert p.rows == 1 + len(rows)
        assert p.cells["td"] == ["-" if v is None else str(v) for row in rows for v in row]
        n = len(card.findings)
        expected = (
            f"三有四化 · 六园一港评分（2017-12-31）：{n}条发现"
            if lang == "zh"
            else f"Scorecard on 2017-12-31: {n} findings"
        )
        assert p.cells["caption"] == [expected]


# -- findings ----------------------------------------------------------------------------


def _findings(lang: str) -> Findings:
    card = scorecard(
        load_chayouqianqi(),
        as_of=AS_OF,
        policy=national_policy(AS_OF),
        calendar=china_calendar(),
        lang=lang,
    )
    return card.findings


def test_findings_html_has_a_header_and_one_row_of_seven_cells_per_finding() -> None:
    for lang in ("zh", "en"):
        found = _findings(lang)[:5]
        p = _parse(found._repr_html_())
        assert len(p.cells["th"]) == 7
        assert p.rows == 1 + len(found)
        assert len(p.cells["td"]) == 7 * len(found)
        assert p.cells["td"][1::7] == [f.rule for f in found]
        assert p.cells["td"][3::7] == [f.message for f in found]


def test_views_of_findings_keep_their_language() -> None:
    found = _findings("en")
    assert found.lang == "en"
    rule = found[0].rule
    assert found.for_rule(rule).lang == "en"
    assert found.at_least(Severity.INFO).lang == "en"
    assert found.for_subject(found[0].subject_id).lang == "en"
    assert found[:2].lang == "en"
    assert found.__add__(()).lang == "en"  # Findings + findings keeps the language
    assert len(found.for_rule(rule)) == sum(1 for f in found if f.rule == rule)


# -- governance --------------------------------------------------------------------------


def test_household_range_follows_the_policy_given() -> None:
    national = household_range(AS_OF)
    assert (national.minimum, national.maximum) == (100, 700)
    custom = attrs.evolve(
        national_policy(AS_OF),
        committee_households=attrs.evolve(national, minimum=200, maximum=900),
    )
    mine = household_range(AS_OF, policy=custom)
    assert (mine.minimum, mine.maximum) == (200, 900)


def test_field_labels_are_read_under_the_keys_the_tables_use() -> None:
    from shequ_core.rules import assessment

    label = assessment._label("社区数", "communities")
    assert label == {"label_zh": "社区数", "label_en": "communities"}
    field = attrs.fields_dict(BannerSummary)["communities"]
    assert {k: field.metadata[k] for k in label} == label


def test_scorecard_table_defaults_to_its_own_language() -> None:
    ds = load_chayouqianqi()
    policy, cal = seed_policy(AS_OF), china_calendar()
    en = scorecard(ds, as_of=AS_OF, policy=policy, calendar=cal, lang="en")
    zh = scorecard(ds, as_of=AS_OF, policy=policy, calendar=cal)
    assert en.table() == en.table("en") != en.table("zh") == zh.table()
    assert str(en) == en.table()
    header = en.table().splitlines()[1]
    assert header.split()[:2] == ["id", "community"]
    assert zh.table().splitlines()[1].split()[:2] == ["编号", "社区"]
