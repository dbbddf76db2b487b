"""The report page (``shequ_core.report``, ``shequ report``), checked by parsing it: every
section, every chart inline as SVG with its labels as text, nothing fetched from outside
the file, both languages, personal numbers masked, the same bytes for the same input, and
the command's exit codes. tests/report/test_browser.py opens it in Chromium.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shequ_core.calendar import china_calendar
from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import Dataset, IdNumber, PhoneNumber
from shequ_core.errors import ShequError, ValidationError
from shequ_core.io import save_dataset
from shequ_core.policy import seed_policy
from shequ_core.report import build_report
from shequ_core.rules import Severity, check_dataset
from shequ_core.rules.assessment import Dimension, scorecard
from shequ_core.rules.sla import SlaStage
from shequ_core.rules.visiting import must_visit
from shequ_core.serialization import from_json, to_json
from shequ_core.strategies import datasets, id_numbers, phone_numbers
from shequ_core.text import mask_personal
from tests.builders import late_december
from tests.leaks import hits, needles, run_cli, spellings, whole_numbers
from tests.report.conftest import AS_OF, parse

pytest.importorskip("jinja2")
pytest.importorskip("matplotlib")

SECTIONS = ("summary", "scorecard", "visits", "backlog", "findings")
LAST = china_calendar().confirmed_through


def _card() -> object:
    return scorecard(load_chayouqianqi(), as_of=AS_OF, policy=seed_policy(AS_OF))


class TestSections:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_every_section_is_there_and_no_other(self, pages: dict[str, str], lang: str) -> None:
        page = parse(pages[lang])
        assert [i for i in page.ids if i in (*SECTIONS, "time")] == list(SECTIONS)
        # Nothing was left unjudged or judged on estimated days on 2017-12-31.
        assert "time" not in page.ids

    def test_the_summary_sets_the_article_beside_the_data(self, pages: dict[str, str]) -> None:
        text = pages["zh"]
        assert "原文（2017年底）" in text
        row = re.search(
            r"<td>社区工作人员</td><td class=\"num\">(\d+)</td><td class=\"num\">(\d+)", text
        )
        assert row is not None and row.groups() == ("136", "136")
        assert re.search(
            r"大专以上学历占比</td><td class=\"num\">85%</td><td class=\"num\">85%", text
        )

    def test_the_scorecard_table_has_every_community_and_the_banner(
        self, pages: dict[str, str]
    ) -> None:
        ds = load_chayouqianqi()
        text = pages["en"]
        table = text[text.index('<table class="scorecard">') :]
        table = table[: table.index("</table>")]
        assert table.count("<tr") == 1 + len(ds.communities) + 1  # header, communities, banner
        assert '<tr class="banner"><td></td><td>banner</td>' in table

    def test_the_must_visit_list_by_group_and_urgency(self, pages: dict[str, str]) -> None:
        due = must_visit(load_chayouqianqi(), as_of=AS_OF, horizon_days=7)
        overdue = sum(1 for d in due if d.overdue_days > 0)
        text = pages["en"]
        assert f'<span class="n">{overdue}</span><span class="l">overdue</span>' in text
        assert f'<span class="n">{len(due)}</span><span class="l">due within 7 days</span>' in text
        # Most overdue first, as must_visit orders them.
        listed = re.findall(r'<table class="visit-list">.*?</table>', text, re.S)[0]
        ids = re.findall(r"<tr><td>([^<]+)</td>", listed)
        assert ids == [d.resident_id for d in due]
        groups = re.findall(r'<table class="visit-groups">.*?</table>', text, re.S)[0]
        empty_nest = re.search(
            r"<td>empty nest elder</td><td class=\"num\">(\d+)</td>"
            r"<td class=\"num\">(\d+)</td><td class=\"num\">(\d+)</td>",
            groups,
        )
        wanted = [d for d in due if any(k.value == "empty_nest_elder" for k in d.reasons)]
        assert empty_nest is not None
        assert sum(map(int, empty_nest.groups())) == len(wanted)
        assert int(empty_nest.group(1)) == sum(1 for d in wanted if d.overdue_days > 0)
        # Every community, in the dataset's order, with its own overdue count.
        ds = load_chayouqianqi()
        table = re.findall(r'<table class="visit-communities">.*?</table>', text, re.S)[0]
        rows = re.findall(r"<tr><td>([^<]+)</td><td class=\"num\">(\d+)</td>", table)
        assert [name for name, _ in rows] == [c.name for c in ds.communities]
        late = {c.name: sum(1 for d in due if d.community_id == c.id and d.overdue_days > 0)
                for c in ds.communities}  # fmt: skip
        assert {name: int(n) for name, n in rows} == late

    def test_the_backlog_lists_the_oldest_breach_first(self, pages: dict[str, str]) -> None:
        text = pages["zh"]
        breaches = re.findall(r'<table class="breaches">.*?</table>', text, re.S)[0]
        assert re.findall(r"<tr><td>([^<]+)</td>", breaches) == ["C03-Q0053", "C07-Q0048"]
        assert SlaStage.BREACHED.label_zh in text

    def test_each_finding_is_listed_under_its_severity_with_its_basis(
        self, pages: dict[str, str]
    ) -> None:
        policy = seed_policy(AS_OF)
        found = check_dataset(load_chayouqianqi(), as_of=AS_OF, policy=policy)
        violations = [f for f in found if f.severity is Severity.VIOLATION]
        assert violations  # the sample breaks the committee law somewhere
        text = pages["zh"]
        block = re.findall(r'<div class="sev-violation".*?</table>', text, re.S)[0]
        for f in violations:
            assert f.message in block
            assert f.basis.title in block
            assert f.basis.article is not None and f.basis.article in block
        # The scorecard's own notes are named as such, not by a bare id.
        assert "<td>评分：backlog</td>" in text and "<td>scorecard.backlog</td>" not in text
        order = [text.index(f'id="findings-{s}"') for s in ("violation", "advisory", "info")]
        assert order == sorted(order)


class TestCharts:
    def test_every_chart_is_inline_svg_with_its_labels_as_text(self, pages: dict[str, str]) -> None:
        card = _card()
        ds = load_chayouqianqi()
        names = [c.name for c in ds.communities]
        page = parse(pages["zh"])
        scored = {d for d in Dimension if card.banner.score(d) is not None}  # type: ignore[attr-defined]
        assert set(page.charts) == {f"chart-{d.value}" for d in scored} | {
            "chart-visits",
            "chart-backlog",
        }
        for d in scored:
            texts = page.charts[f"chart-{d.value}"]
            assert any(d.label_zh in t for t in texts)
            assert set(names) <= set(texts)
            assert f"全旗均值 {card.banner.score(d)}" in texts  # type: ignore[attr-defined]
        assert {"已逾期", "今日到期", "即将到期", "空巢老人", "刑释解教人员"} <= set(
            page.charts["chart-visits"]
        )
        assert {"办理中", "中止计时", "已超期", *names} <= set(page.charts["chart-backlog"])
        # A measure nobody can score has a note instead of an empty chart.
        assert Dimension.LEARNING not in scored
        assert 'id="measure-learning" class="unscored"' in pages["zh"]

    def test_chart_text_is_text_in_fonts_that_show_chinese(self, pages: dict[str, str]) -> None:
        text = pages["zh"]
        assert "<path" in text and "<text" in text
        assert "'Noto Sans CJK SC'" in text and "'Microsoft YaHei'" in text
        assert "<?xml" not in text and "<!DOCTYPE svg" not in text
        # No two elements share an id, though every chart comes from the same library.
        ids = parse(text).ids
        assert len(ids) == len(set(ids))

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_nothing_leaves_the_file(self, pages: dict[str, str], lang: str) -> None:
        text = pages[lang]
        page = parse(text)
        assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & set(page.tags)
        assert page.links and all(value.startswith("#") for _, _, value in page.links)
        assert re.findall(r"url\((?!#)", text) == []
        assert "@import" not in text and "@font-face" not in text

    def test_a_print_stylesheet_for_a4(self, pages: dict[str, str]) -> None:
        text = pages["zh"]
        assert "@page { size: A4;" in text
        print_rules = text[text.index("@media print") :]
        assert "section { break-before: page;" in print_rules
        assert "tr, figure, .tile { break-inside: avoid; }" in print_rules


class TestLanguages:
    def test_the_english_page_says_it_in_english(self, pages: dict[str, str]) -> None:
        en, zh = pages["en"], pages["zh"]
        assert '<html lang="en">' in en and '<html lang="zh-CN">' in zh
        assert "<h2>2. Scorecard</h2>" in en and "<h2>二、三有四化 · 六园一港评分</h2>" in zh
        assert "violation" in en and "违反规定" in zh
        headings = re.findall(r"<h[1-3][^>]*>([^<]*)</h", en)
        assert headings and not [h for h in headings if re.search(r"[\u4e00-\u9fff]", h)]

    def test_an_unknown_language_is_refused(self) -> None:
        from shequ_core.report import render_report

        with pytest.raises(ValidationError, match="lang"):
            render_report(load_chayouqianqi(), as_of=AS_OF, lang="fr")


#: Personal numbers put where a report shows text: an id, a name and a chart's label.
ID_NUMBER, MOBILE = "110101199003074258", "13912345678"


def _hostile() -> object:
    """The sample with an overdue resident's id and a breached request's id made identity
    numbers, and a community named with a mobile number."""
    ds = load_chayouqianqi()
    text = to_json(ds)
    due = must_visit(ds, as_of=AS_OF)[0].resident_id
    text = text.replace(f'"{due}"', f'"{ID_NUMBER}"')
    text = text.replace('"C03-Q0053"', '"330106198001010013"')
    text = text.replace('"文华社区"', f'"文华社区{MOBILE}"')
    return from_json(text, type(ds))


class TestPersonalData:
    def test_no_personal_number_of_the_sample_or_a_hostile_dataset_is_shown(self) -> None:
        from shequ_core.report import render_report

        ds = _hostile()
        page = render_report(ds, as_of=AS_OF, lang="zh")  # type: ignore[arg-type]
        secret = needles(ds) | spellings(ID_NUMBER) | spellings(MOBILE)  # type: ignore[arg-type]
        secret |= spellings("330106198001010013")
        shown = "\n".join(parse(page).words)
        assert hits(shown, secret) == []
        assert hits(page, {ID_NUMBER, MOBILE, "330106198001010013"}) == []
        # ... and the masked forms are there, chart labels included.
        assert "1101" in shown and "139****5678" in shown
        assert any("139****5678" in t for t in parse(page).charts["chart-backlog"])


class TestSeparateRuns:
    def test_requests_left_unjudged_have_their_section(self) -> None:
        from shequ_core.report import render_report

        ds = late_december(LAST)
        as_of = dt.date(LAST, 12, 31)
        page = render_report(ds, as_of=as_of, lang="en")
        assert 'id="time"' in page and "<h3>not judged: 2</h3>" in page
        estimated = render_report(
            ds, as_of=as_of, lang="en", calendar=china_calendar(provisional=True)
        )
        assert "<h3>judged on estimated days: 2</h3>" in estimated
        assert "not judged:" not in estimated

    def test_importing_the_package_loads_neither_jinja2_nor_matplotlib(self) -> None:
        code = (
            "import sys, shequ_core, shequ_core.report, shequ_core.cli; "
            "print([m for m in ('jinja2', 'matplotlib') if m in sys.modules])"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert out.stdout.strip() == "[]", out.stderr

    def test_without_the_extra_the_error_says_what_to_install(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from shequ_core.report import render_report

        monkeypatch.delitem(sys.modules, "shequ_core.report._page", raising=False)
        monkeypatch.setitem(sys.modules, "jinja2", None)
        with pytest.raises(ShequError, match=r"pip install 'shequ-core\[report\]'"):
            render_report(load_chayouqianqi(), as_of=AS_OF)


class TestCommand:
    def test_writes_the_page_of_the_sample(self, pages: dict[str, str], tmp_path: Path) -> None:
        """The page the command writes is the fixture's, rendered again: the same input
        gives the same bytes (charts included), and the sample gets the article's figures."""
        out = tmp_path / "report.html"
        sample = Path(__file__).parents[2] / "src/shequ_core/datasets/chayouqianqi.json"
        args = ["report", str(sample), "--as-of", "2017-12-31", "-o", str(out)]
        code, text = run_cli(*args, "--lang", "zh", "--policy", "seed")
        assert (code, text) == (0, f"已写入报告 {out}\n")
        assert out.read_text(encoding="utf-8") == pages["zh"]

    def test_unjudged_requests_exit_2_unless_provisional(self, tmp_path: Path) -> None:
        data = tmp_path / "data.json"
        save_dataset(late_december(LAST), data)
        out = tmp_path / "r.html"
        args = ["report", str(data), "--as-of", f"{LAST}-12-31", "-o", str(out), "--lang", "en"]
        code, text = run_cli(*args)
        assert code == 2 and "2 request(s) not judged" in text and out.exists()
        code, text = run_cli(*args, "--provisional", "--format", "json")
        assert code == 0
        doc = json.loads(text.splitlines()[0])
        assert (doc["unjudged"], doc["provisional"]) == (0, 2)

    def test_invalid_data_exits_1_and_writes_nothing(self, tmp_path: Path) -> None:
        data = tmp_path / "data.json"
        text = re.sub(r'"households": ?2650', '"households": -1', to_json(load_chayouqianqi()))
        data.write_text(text, encoding="utf-8")
        out = tmp_path / "r.html"
        code, said = run_cli("report", str(data), "--as-of", "2017-12-31", "-o", str(out))
        assert code == 1 and said.startswith("shequ: invalid data") and not out.exists()

    @pytest.mark.parametrize(
        ("extra", "fragment"),
        [
            ([], "-o/--out"),
            (["-o", "X", "--policy", "missing.toml"], "--policy"),
            (["-o", "X", "--as-of", "2017-02-30"], "not a date"),
            (["-o", "-"], "give its path"),
        ],
    )
    def test_usage_errors_exit_2(self, extra: list[str], fragment: str, tmp_path: Path) -> None:
        extra = [str(tmp_path / "r.html") if v == "X" else v for v in extra]
        code, said = run_cli("report", "data.json", "--as-of", "2017-12-31", *extra)
        assert code == 2 and fragment in said and said.count("\n") == 1


def test_the_templates_ship_with_the_package() -> None:
    from importlib.resources import files

    templates = files("shequ_core.report").joinpath("templates")
    assert templates.joinpath("report.html.j2").is_file()
    assert templates.joinpath("report.css").is_file()


def _texts(value: object) -> list[str]:
    """Every text a Report holds, however deep."""
    if isinstance(value, str):
        return [value]
    if attrs.has(type(value)):
        return [t for a in attrs.fields(type(value)) for t in _texts(getattr(value, a.name))]
    if isinstance(value, tuple):
        return [t for v in value for t in _texts(v)]
    return []


class TestAnyDataset:
    """On any dataset (hostile text in ids and names included), every text the page is
    made of is already masked, and the counts are the rules' own."""

    @settings(max_examples=6, suppress_health_check=[HealthCheck.too_slow])
    @given(
        ds=datasets(hostile=True, min_communities=1),
        number=st.one_of(id_numbers(), phone_numbers()),
        day=st.sampled_from([AS_OF, dt.date(2026, 6, 30)]),
        lang=st.sampled_from(["zh", "en"]),
    )
    def test_every_text_is_masked(
        self, ds: Dataset, number: IdNumber | PhoneNumber, day: dt.date, lang: str
    ) -> None:
        # A community named with a personal number: its name is in tables and charts.
        first = ds.communities[0]
        named = attrs.evolve(first, name=f"社区{number.reveal()}")
        ds = attrs.evolve(ds, communities=(named, *ds.communities[1:]))
        report = build_report(ds, as_of=day, lang=lang)
        texts = _texts(report)
        assert [t for t in texts if mask_personal(t) != t] == []
        assert hits("\n".join(texts), whole_numbers(ds) | spellings(number)) == []
        due = must_visit(ds, as_of=day, horizon_days=7)
        assert (report.visits_total, report.visits_overdue) == (
            len(due),
            sum(1 for d in due if d.overdue_days > 0),
        )
        assert len(report.backlog_rows) >= len(ds.communities)
