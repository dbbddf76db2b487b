"""Findings and the registry (``rules._findings``): how a figure and a finding read,
what a Findings collection does (filters, views that keep their language, an escaped
HTML table), and how rules are registered and run by ``check_dataset``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core.calendar import china_calendar
from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import (
    Basis,
    BasisKind,
    Dataset,
)
from shequ_core.errors import ValidationError
from shequ_core.policy import (
    national_policy,
)
from shequ_core.rules import RuleId
from shequ_core.rules._findings import (
    RULES,
    Finding,
    Findings,
    Rule,
    Severity,
    _Registry,
    check_dataset,
    format_figure,
    rule,
)
from shequ_core.rules.assessment import scorecard
from tests.builders import community_1200
from tests.helpers import parse_html

AS_OF = dt.date(2017, 12, 31)


def _findings(lang: str) -> Findings:
    card = scorecard(
        load_chayouqianqi(),
        as_of=AS_OF,
        policy=national_policy(AS_OF),
        calendar=china_calendar(),
        lang=lang,
    )
    return card.findings


OLD = dt.date(2025, 12, 31)
LAW = Basis(title="测试依据", article="第一条", kind=BasisKind.STATUTE)


def finding(rule_id: str, subject: str, severity: Severity, message: str = "m") -> Finding:
    return Finding(rule=rule_id, subject_id=subject, severity=severity, message=message, basis=LAW)


class TestFormatFigure:
    """``format_figure``: a figure as a table shows it."""

    @pytest.mark.parametrize(
        ("figure", "shown"),
        [
            (None, ""),
            (True, "是"),
            (False, "否"),
            (Fraction(6, 3), "2"),
            (Fraction(2, 3), "0.67"),
            (Fraction(1, 8), "0.12"),  # two decimals, as float formatting rounds
            ((5, 9), "5–9"),
            ((3, None), "≥3"),
            ((1, 2, 3), "1, 2, 3"),
            (("hall", "library"), "hall, library"),
            ((Fraction(1, 2), True), "0.50, 是"),
            (Decimal("99999.99"), "99999.99"),
            (18, "18"),
            ("s1", "s1"),
        ],
    )
    def test_figures_are_shown_as_a_table_shows_them(self, figure: object, shown: str) -> None:
        assert format_figure(figure) == shown


class TestFinding:
    """A Finding reads as one line with its basis."""

    def test_a_finding_reads_as_one_line_with_its_basis(self) -> None:
        f = finding("governance.committee_size", "c1", Severity.VIOLATION, "居委会成员4人")
        assert str(f) == "[violation] governance.committee_size c1: 居委会成员4人 (测试依据 第一条)"


class TestSeverityFollowsTheForceOfTheBasis:
    """A finding resting on a plan's target or on local practice is never a violation:
    the cap is applied where a Finding is made, whichever rule makes it."""

    def test_only_plan_targets_and_local_practice_do_not_bind(self) -> None:
        assert {k for k in BasisKind if not k.binding} == {
            BasisKind.PLAN_TARGET,
            BasisKind.LOCAL_PRACTICE,
        }

    @given(kind=st.sampled_from(BasisKind), severity=st.sampled_from(Severity))
    def test_a_violation_needs_a_basis_that_binds(
        self, kind: BasisKind, severity: Severity
    ) -> None:
        basis = Basis(title="某依据", kind=kind)
        made = Finding(rule="r", subject_id="c1", severity=severity, message="m", basis=basis)
        if kind.binding or severity is not Severity.VIOLATION:
            assert made.severity is severity
        else:
            assert made.severity is Severity.ADVISORY
        # attrs.evolve builds a new finding: the cap holds for it too
        again = attrs.evolve(made, severity=Severity.VIOLATION)
        assert again.severity is (Severity.VIOLATION if kind.binding else Severity.ADVISORY)

    def test_a_basis_recorded_without_its_force_is_not_taken_for_law(self) -> None:
        made = finding("governance.committee_size", "c1", Severity.VIOLATION)
        assert made.severity is Severity.VIOLATION  # LAW says it is a statute
        unknown = attrs.evolve(made, basis=Basis(title="某文件"))
        assert unknown.basis.kind is BasisKind.LOCAL_PRACTICE
        assert unknown.severity is Severity.ADVISORY


class TestFindings:
    """Findings: indexing, filters, views that keep their language, HTML."""

    def test_findings_index_add_and_select_by_subject_keeping_the_language(self) -> None:
        a = finding("a.x", "c1", Severity.INFO)
        b = finding("a.y", "c2", Severity.ADVISORY)
        c = finding("a.x", "c1", Severity.VIOLATION)
        fs = Findings([a, b], "en")
        assert fs[0] is a and fs[-1] is b
        both = fs + [c]  # noqa: RUF005 (Findings.__add__ is what is tested)
        assert isinstance(both, Findings) and list(both) == [a, b, c] and both.lang == "en"
        assert list(both.for_subject("c1")) == [a, c] and both.for_subject("c1").lang == "en"
        assert list(both.for_subject("c3")) == []
        assert both[1:].lang == "en" and list(both[1:]) == [b, c]
        assert both.worst() is Severity.VIOLATION
        assert list(both.at_least(Severity.VIOLATION)) == [c]

    def test_findings_filters_and_worst(self) -> None:
        basis = Basis(title="法", kind=BasisKind.STATUTE)
        mk = lambda s, r: Finding(rule=r, subject_id="c1", severity=s, message="m", basis=basis)  # noqa: E731
        fs = Findings(
            [mk(Severity.INFO, "a.b"), mk(Severity.VIOLATION, "a.c"), mk(Severity.ADVISORY, "a.b")]
        )
        assert [f.rule for f in fs.at_least(Severity.ADVISORY)] == ["a.c", "a.b"]
        assert len(fs.for_rule("a.b")) == 2 and fs.worst() is Severity.VIOLATION
        assert Findings().worst() is None and len(fs[1:]) == 2

    def test_views_of_findings_keep_their_language(self) -> None:
        found = _findings("en")
        assert found.lang == "en"
        rule = found[0].rule
        assert found.for_rule(rule).lang == "en"
        assert found.at_least(Severity.INFO).lang == "en"
        assert found.for_subject(found[0].subject_id).lang == "en"
        assert found[:2].lang == "en"
        assert found.__add__(()).lang == "en"  # Findings + findings keeps the language
        assert len(found.for_rule(rule)) == sum(1 for f in found if f.rule == rule)

    def test_the_html_table_in_english_escapes_every_cell(self) -> None:
        f = Finding(
            rule="x.y",
            subject_id='c"1',
            severity=Severity.ADVISORY,
            message="<script>",
            basis=Basis(title="A & B"),
            actual=Fraction(1, 3),
            required=(3, None),
        )
        page = Findings([f], "en")._repr_html_()
        assert page.startswith('<table class="shequ-findings"><thead><tr><th>severity</th>')
        row = page.split("<tbody>")[1]
        assert row == (
            "<tr><td>advisory</td><td>x.y</td><td>c&quot;1</td><td>&lt;script&gt;</td>"
            "<td>0.33</td><td>≥3</td><td>A &amp; B</td></tr></tbody></table>"
        )
        assert "<th>级别</th>" in Findings([f])._repr_html_()

    def test_findings_render_as_an_escaped_table(self) -> None:
        basis = Basis(title="<法>", article="第一条", kind=BasisKind.STATUTE)
        items = [
            Finding(
                rule="x.y",
                subject_id="c<1>",
                severity=Severity.VIOLATION,
                message="a & b",
                basis=basis,
                actual=(5, 9),
            )
        ]
        page = Findings(items)._repr_html_()
        assert page.count("<tr>") == 2  # header and one row
        assert "&lt;法&gt; 第一条" in page and "c&lt;1&gt;" in page and "a &amp; b" in page
        assert "5–9" in page and "违反规定" in page
        assert "<th>severity</th>" in Findings(items, "en")._repr_html_()

    def test_findings_html_has_a_header_and_one_row_of_seven_cells_per_finding(self) -> None:
        for lang in ("zh", "en"):
            found = _findings(lang)[:5]
            p = parse_html(found._repr_html_())
            assert len(p.cells["th"]) == 7
            assert p.rows == 1 + len(found)
            assert len(p.cells["td"]) == 7 * len(found)
            assert p.cells["td"][1::7] == [f.rule for f in found]
            assert p.cells["td"][3::7] == [f.message for f in found]


class TestRegistry:
    """RULES, the ``rule`` decorator and ``check_dataset``."""

    def test_a_rule_has_a_title_in_each_language_and_the_registry_lists_ids_in_order(self) -> None:
        size = RULES["governance.committee_size"]
        assert size.title() == "居委会成员人数" and size.title("zh") == "居委会成员人数"
        assert size.title("en") == "size of the residents' committee"
        text = repr(RULES)
        assert text.startswith("RULES(") and text.endswith(")")
        assert text[len("RULES(") : -1].split(", ") == sorted(RULES)

    def test_a_rule_id_cannot_be_registered_twice_nor_read_an_unknown_number(self) -> None:
        count = len(RULES)

        def again(ds: Dataset, /, **kw: object) -> list[Finding]:
            return []

        decorate = rule(
            "governance.committee_size",
            policy=("committee_members",),
            title_zh="重复",
            title_en="again",
        )
        with pytest.raises(ValidationError) as twice:
            decorate(again)
        assert twice.value.subject == "rule"
        assert [(p.path, p.code, p.message) for p in twice.value.problems] == [
            ("rule_id", "invalid_argument", "rule 'governance.committee_size' is registered twice")
        ]
        with pytest.raises(ValidationError) as unknown:
            rule(
                "x.new",
                policy=("committee_members", "no_such_number"),
                title_zh="新",
                title_en="new",
            )
        assert [(p.path, p.code, p.message) for p in unknown.value.problems] == [
            (
                "policy",
                "invalid_argument",
                "rule 'x.new' reads unknown policy fields ['no_such_number']",
            )
        ]
        assert len(RULES) == count
        assert RULES["governance.committee_size"].title_en == "size of the residents' committee"

    def test_a_fresh_registry_holds_what_is_added_and_refuses_a_second_entry(self) -> None:
        registry = _Registry()

        def check(dataset: object, **_: object) -> list[Finding]:
            return []

        entry = Rule(
            id="test.only", title_zh="测试", title_en="test", function=check, policy_fields=()
        )
        registry._add(entry)
        assert list(registry) == ["test.only"] and registry["test.only"] is entry
        assert len(registry) == 1 and repr(registry) == "RULES(test.only)"
        with pytest.raises(ValueError, match="registered twice"):
            registry._add(entry)
        assert Severity.VIOLATION.rank > Severity.INFO.rank

    def test_the_rule_decorator_registers_titles_function_and_policy_fields(self) -> None:
        from shequ_core.rules import RULES
        from shequ_core.rules._findings import rule

        def check(dataset: object, **_: object) -> list[Finding]:
            return []

        assert (
            rule("test.decorated", policy=("decision_majority",), title_zh="测试", title_en="test")(
                check
            )
            is check
        )
        try:
            entry = RULES["test.decorated"]
            assert (entry.id, entry.title_zh, entry.title_en) == ("test.decorated", "测试", "test")
            assert entry.function is check and entry.policy_fields == ("decision_majority",)
        finally:
            RULES._rules.pop("test.decorated")  # type: ignore[attr-defined]
        with pytest.raises(ValueError, match="unknown policy fields"):
            rule("test.bad", policy=("no_such_field",), title_zh="坏", title_en="bad")

    def test_check_dataset_runs_the_rules_named_in_order_given(self) -> None:
        small = community_1200(households=50)  # under the 2018 text's 100-700: advisory
        ds = Dataset(communities=(small,))
        policy = national_policy(OLD)
        ids = ["governance.committee_size", "governance.committee_households"]
        found = check_dataset(ds, as_of=OLD, policy=policy, rules=ids, lang="en")
        assert [f.rule for f in found] == ids and found.lang == "en"
        assert found[1].message == "50 households; a committee's area generally has 100–700"

    def test_check_dataset_refuses_an_id_no_rule_has_before_running_any(self) -> None:
        ds = Dataset(communities=(community_1200(),))
        ids = ["governance.committee_size", "governance.no_such_rule", RuleId.SCORECARD_NO_DATA]
        with pytest.raises(ValidationError) as info:
            check_dataset(ds, as_of=OLD, policy=national_policy(OLD), rules=ids)
        assert info.value.subject == "check_dataset"
        assert [(p.path, p.code, p.message) for p in info.value.problems] == [
            ("rules[1]", "invalid_argument", "no rule has the id 'governance.no_such_rule'"),
            ("rules[2]", "invalid_argument", "no rule has the id 'scorecard.no_data'"),
        ]
