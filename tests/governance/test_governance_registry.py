"""The registry and its contract: every rule listed, documented, total and with a basis.

Imports come from ``shequ_core.rules._findings`` until ``shequ_core.rules`` re-exports
``Finding``, ``Findings``, ``RULES``, ``Severity`` and ``check_dataset``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

from shequ_core.entities import Basis, Dataset, Employment, Staff, StaffRole
from shequ_core.policy import national_policy, policy_bases, seed_policy
from shequ_core.rules._catalogue import catalogue_markdown
from shequ_core.rules._findings import RULES, Finding, Findings, Severity, check_dataset
from shequ_core.rules.staffing import workers_per_10k
from shequ_core.strategies import communities, datasets, staff_members

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
MODULES = {"staffing", "facilities", "funding", "governance", "party"}


def test_docs_list_exactly_the_registered_rules() -> None:
    listed = set(
        re.findall(r"^\| `([a-z_]+\.[a-z0-9_]+)` \|", DOCS.read_text(encoding="utf-8"), re.M)
    )
    assert listed, "docs/rules.md lists no rule ids"
    assert listed == set(RULES), {
        "only in docs": listed - set(RULES),
        "only in RULES": set(RULES) - listed,
    }


def test_docs_page_is_the_generated_catalogue() -> None:
    assert DOCS.read_text(encoding="utf-8") == catalogue_markdown(), (
        "regenerate with: python -m shequ_core.rules._catalogue > docs/rules.md"
    )


def test_every_rule_reads_some_policy_number_and_lives_in_its_module() -> None:
    assert len(RULES) >= 15
    for rule_id, entry in RULES.items():
        assert entry.id == rule_id and rule_id.split(".")[0] in MODULES
        assert entry.policy_fields and entry.title_zh and entry.title_en
        # under the fullest profile every rule has a basis to cite
        assert entry.bases(seed_policy(dt.date(2026, 1, 1))), rule_id


def test_findings_render_as_an_escaped_table() -> None:
    basis = Basis(title="<法>", article="第一条")
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


def test_findings_filters_and_worst() -> None:
    basis = Basis(title="法")
    mk = lambda s, r: Finding(rule=r, subject_id="c1", severity=s, message="m", basis=basis)  # noqa: E731
    fs = Findings(
        [mk(Severity.INFO, "a.b"), mk(Severity.VIOLATION, "a.c"), mk(Severity.ADVISORY, "a.b")]
    )
    assert [f.rule for f in fs.at_least(Severity.ADVISORY)] == ["a.c", "a.b"]
    assert len(fs.for_rule("a.b")) == 2 and fs.worst() is Severity.VIOLATION
    assert Findings().worst() is None and len(fs[1:]) == 2


rule_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))


@given(datasets(), rule_dates, st.booleans(), st.sampled_from(["zh", "en"]))
def test_every_rule_is_total_and_every_finding_has_its_basis(
    ds: Dataset, day: dt.date, seed: bool, lang: str
) -> None:
    policy = seed_policy(day) if seed else national_policy(day)
    findings = check_dataset(ds, as_of=day, policy=policy, lang=lang)  # type: ignore[arg-type]
    ids = {c.id for c in ds.communities} | {g.id for g in ds.grids}
    ids |= {s.id for s in ds.staff} | {t.id for t in ds.teams} | {m.id for m in ds.meetings}
    ids |= {p.id for p in ds.party_members}
    for f in findings:
        assert f.rule in RULES
        assert isinstance(f.basis, Basis)
        if f.rule == "governance.meeting_quorum":
            held = next(m.held_on for m in ds.meetings if m.id == f.subject_id)
            assert f.basis.in_force(held)
        else:
            assert f.basis in RULES[f.rule].bases(policy)
        assert f.subject_id in ids
        assert f.message.strip()
    assert set(policy_bases(policy).values()) >= {
        f.basis for f in findings if f.rule != "governance.meeting_quorum"
    }


@given(communities(), st.lists(staff_members(), max_size=8), st.sampled_from(list(Employment)))
def test_more_workers_never_lower_workers_per_10k(community, people, employment) -> None:  # type: ignore[no-untyped-def]
    people = [attrs.evolve(s, community_id=community.id) for s in people]
    before = workers_per_10k(community, people)
    extra = Staff(
        id="extra-worker",
        community_id=community.id,
        name="新人",
        role=StaffRole.OTHER,
        employment=employment,
    )
    after = workers_per_10k(community, [*people, extra])
    if community.residents == 0:
        assert before is None and after is None
    else:
        assert before is not None and after is not None
        assert after >= before
        assert (after > before) == extra.is_community_worker
