"""The contract every rule of ``RULES`` keeps, in the spirit of python-holidays'
``CommonCountryTests``: each rule, run over the sample banner, an empty Dataset and
generated datasets, under the national and the seed profile, on a day under the 2018
texts (2017-12-31) and one under the 2025 committee law (2026-06-30):

- is silent when the policy numbers it reads are not set (all of them None);
- cites only bases its policy holds (``RULES[id].bases(policy)``), or, for a record
  judged by the law of its own day (a meeting), the national text of that earlier day,
  and then only a text no longer in force;
- gives the same answer twice;
- speaks both languages: Chinese and English give the same findings, in Chinese and in
  English words;
- and names itself in every finding.

And the registry's own contract: every rule reads some policy number (or, reporting a
figure it compares with nothing, has its own basis), lives in its module, is total over
any dataset and date, cites a basis for every finding, and calls nothing a violation
that rests on a plan's target or on local practice.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import (
    Basis,
    Dataset,
    Meeting,
    MeetingKind,
    TeamKind,
    VolunteerTeam,
)
from shequ_core.policy import (
    FIRST_DAY,
    MEDIATION_LAW,
    PLAN_14TH_COMMUNITY_SERVICE,
    RESIDENTS_COMMITTEE_LAW_2018,
    RESIDENTS_COMMITTEE_LAW_2025,
    Policy,
    national_policy,
    policy_bases,
    seed_policy,
)
from shequ_core.rules import (
    RULES,
    Finding,
    Severity,
    check_dataset,
)
from shequ_core.rules.staffing import BANNER
from shequ_core.strategies import datasets
from tests.builders import community_1200

NEW = dt.date(2026, 1, 1)
MODULES = {"staffing", "facilities", "funding", "governance", "party", "elections"}
rule_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))


# -- each rule, one contract at a time -------------------------------------------------------

RULE_IDS = sorted(RULES)
#: A day under the 2018 committee law and one under the 2025 law (in force 2026-01-01).
DAYS = (dt.date(2017, 12, 31), dt.date(2026, 6, 30))
POLICIES = {"national": national_policy, "seed": seed_policy}
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

#: Each rule by id, on every day and under every profile.
each_rule = pytest.mark.parametrize(
    ("rule_id", "policy_name", "day"),
    [pytest.param(r, p, d, id=f"{r}-{p}-{d}") for r in RULE_IDS for p in POLICIES for d in DAYS],
)
#: A few generated datasets per rule (datasets() is slow to draw).
few = settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
days = st.sampled_from(DAYS)
policy_names = st.sampled_from(sorted(POLICIES))


@pytest.fixture(scope="module")
def sample() -> Dataset:
    """The sample banner, 察右前旗 (ten communities)."""
    return load_chayouqianqi()


def run(rule_id: str, ds: Dataset, day: dt.date, policy: Policy, lang: str = "zh") -> list[Finding]:
    return RULES[rule_id](ds, as_of=day, policy=policy, lang=lang)  # type: ignore[arg-type]


def without_numbers(rule_id: str, policy: Policy) -> Policy:
    """``policy`` with every number ``rule_id`` reads set to None; a skip when it reads a
    number the Policy requires (one that cannot be None)."""
    fields = attrs.fields_dict(Policy)
    if not RULES[rule_id].policy_fields:
        pytest.skip(f"{rule_id} compares with no policy number: it rests on its own basis")
    required = [n for n in RULES[rule_id].policy_fields if fields[n].default is not None]
    if required:
        pytest.skip(f"{rule_id} reads {', '.join(required)}, which a Policy requires")
    return attrs.evolve(policy, **dict.fromkeys(RULES[rule_id].policy_fields))


def check_silent(rule_id: str, ds: Dataset, day: dt.date, policy: Policy) -> None:
    bare = without_numbers(rule_id, policy)
    for lang in ("zh", "en"):
        assert run(rule_id, ds, day, bare, lang) == [], (rule_id, lang)


#: The first day of each national text a profile switches on: the law of any earlier
#: day is the national profile of one of these days.
TEXT_STARTS = sorted(
    {FIRST_DAY}
    | {
        text.effective_from
        for text in (
            RESIDENTS_COMMITTEE_LAW_2018,
            RESIDENTS_COMMITTEE_LAW_2025,
            MEDIATION_LAW,
            PLAN_14TH_COMMUNITY_SERVICE,
        )
        if text.effective_from is not None
    }
)


def earlier_law(rule_id: str, day: dt.date) -> set[Basis]:
    """The bases the rule read under the national texts of days before ``day`` that are
    no longer in force on it: what a record judged by the law of its own day cites."""
    return {
        basis
        for start in TEXT_STARTS
        if start <= day
        for basis in RULES[rule_id].bases(national_policy(start))
        if not basis.in_force(day)
    }


def check_bases(rule_id: str, ds: Dataset, day: dt.date, policy: Policy) -> None:
    allowed = set(RULES[rule_id].bases(policy)) | earlier_law(rule_id, day)
    for f in run(rule_id, ds, day, policy):
        assert f.rule == rule_id
        assert f.basis in allowed, (f.subject_id, str(f.basis), [str(b) for b in allowed])


def check_same_twice(rule_id: str, ds: Dataset, day: dt.date, policy: Policy) -> None:
    for lang in ("zh", "en"):
        assert run(rule_id, ds, day, policy, lang) == run(rule_id, ds, day, policy, lang)


def own_words(message: str, ds: Dataset) -> str:
    """``message`` without the ids of the dataset's records, which are data (a generated
    id may well be Chinese) and are quoted as they are in either language."""
    ids = {r.id for _, records in ds.collections() for r in records}
    for record_id in sorted(ids, key=len, reverse=True):
        message = message.replace(record_id, "")
    return message


def check_languages(rule_id: str, ds: Dataset, day: dt.date, policy: Policy) -> None:
    zh, en = run(rule_id, ds, day, policy, "zh"), run(rule_id, ds, day, policy, "en")

    def facts(f: Finding) -> tuple[object, ...]:
        return (f.rule, f.subject_id, f.severity, f.actual, f.required, f.basis)

    assert [facts(f) for f in zh] == [facts(f) for f in en]
    for f in zh:
        assert CJK.search(own_words(f.message, ds)), f.message
    for f in en:
        assert not CJK.search(own_words(f.message, ds)), f.message


class TestSilentWithoutNumbers:
    """(a) A rule whose numbers the policy does not set (None) finds nothing."""

    @each_rule
    def test_on_the_sample_and_an_empty_dataset(
        self, sample: Dataset, rule_id: str, policy_name: str, day: dt.date
    ) -> None:
        for ds in (sample, Dataset()):
            check_silent(rule_id, ds, day, POLICIES[policy_name](day))

    @pytest.mark.parametrize("rule_id", RULE_IDS)
    @few
    @given(ds=datasets(hostile=True), day=days, policy_name=policy_names)
    def test_on_generated_datasets(
        self, rule_id: str, ds: Dataset, day: dt.date, policy_name: str
    ) -> None:
        check_silent(rule_id, ds, day, POLICIES[policy_name](day))


#: A residents' meeting of 2017 without its quorum, judged on 2026-06-30.
OLD_MEETING = Dataset(
    communities=(community_1200(),),
    meetings=(
        Meeting(
            id="m1",
            community_id="c1",
            kind=MeetingKind.RESIDENTS_MEETING,
            held_on=dt.date(2017, 6, 1),
            entitled=100,
            present=40,
            topic="停车",
        ),
    ),
)


def test_the_law_of_an_earlier_day_is_cited_only_once_it_has_ended() -> None:
    """A meeting of 2017 judged in 2026 cites the 2018 text's article, which the policy
    of 2026 does not hold; the contract admits it as the law of an earlier day, and
    admits nothing of the 2025 text that way (it is still in force)."""
    day = dt.date(2026, 6, 30)
    (finding,) = run("governance.meeting_quorum", OLD_MEETING, day, national_policy(day))
    assert finding.basis not in RULES["governance.meeting_quorum"].bases(national_policy(day))
    assert finding.basis in earlier_law("governance.meeting_quorum", day)
    assert all(not b.in_force(day) for b in earlier_law("governance.meeting_quorum", day))


class TestBases:
    """(b) A rule cites only the bases of the numbers it reads, as its policy sets them,
    and names itself in every finding."""

    @each_rule
    def test_on_the_sample_and_an_empty_dataset(
        self, sample: Dataset, rule_id: str, policy_name: str, day: dt.date
    ) -> None:
        for ds in (sample, Dataset()):
            check_bases(rule_id, ds, day, POLICIES[policy_name](day))

    @pytest.mark.parametrize("rule_id", RULE_IDS)
    @few
    @given(ds=datasets(hostile=True), day=days, policy_name=policy_names)
    @example(ds=OLD_MEETING, day=dt.date(2026, 6, 30), policy_name="national")
    def test_on_generated_datasets(
        self, rule_id: str, ds: Dataset, day: dt.date, policy_name: str
    ) -> None:
        check_bases(rule_id, ds, day, POLICIES[policy_name](day))


class TestSameAnswerTwice:
    """(c) The same inputs give equal findings."""

    @each_rule
    def test_on_the_sample_and_an_empty_dataset(
        self, sample: Dataset, rule_id: str, policy_name: str, day: dt.date
    ) -> None:
        for ds in (sample, Dataset()):
            check_same_twice(rule_id, ds, day, POLICIES[policy_name](day))

    @pytest.mark.parametrize("rule_id", RULE_IDS)
    @few
    @given(ds=datasets(hostile=True), day=days, policy_name=policy_names)
    def test_on_generated_datasets(
        self, rule_id: str, ds: Dataset, day: dt.date, policy_name: str
    ) -> None:
        check_same_twice(rule_id, ds, day, POLICIES[policy_name](day))


class TestBothLanguages:
    """(d) Chinese and English give the same findings (rule, subject, severity, figures,
    basis), worded in Chinese and in English."""

    @each_rule
    def test_on_the_sample_and_an_empty_dataset(
        self, sample: Dataset, rule_id: str, policy_name: str, day: dt.date
    ) -> None:
        for ds in (sample, Dataset()):
            check_languages(rule_id, ds, day, POLICIES[policy_name](day))

    @pytest.mark.parametrize("rule_id", RULE_IDS)
    @few
    @given(ds=datasets(hostile=True), day=days, policy_name=policy_names)
    def test_on_generated_datasets(
        self, rule_id: str, ds: Dataset, day: dt.date, policy_name: str
    ) -> None:
        check_languages(rule_id, ds, day, POLICIES[policy_name](day))


class TestRegistry:
    """The registry's own contract: every rule reads a number, lives in its module, is
    total, and cites a basis."""

    def test_every_rule_reads_some_policy_number_and_lives_in_its_module(self) -> None:
        assert len(RULES) >= 15
        for rule_id, entry in RULES.items():
            assert entry.id == rule_id and rule_id.split(".")[0] in MODULES
            # a rule compares with policy numbers, or reports a figure on its own basis
            assert entry.policy_fields or entry.basis is not None, rule_id
            assert entry.title_zh and entry.title_en
            # under the fullest profile every rule has a basis to cite: the seed's on the
            # last day of the 十四五 plan, or on the day the 2025 committee law took effect
            fullest = (seed_policy(dt.date(2025, 12, 31)), seed_policy(NEW))
            assert any(entry.bases(p) for p in fullest), rule_id

    @given(datasets(hostile=True), rule_dates, st.booleans(), st.sampled_from(["zh", "en"]))
    def test_every_rule_is_total_and_every_finding_has_its_basis(
        self, ds: Dataset, day: dt.date, seed: bool, lang: str
    ) -> None:
        policy = seed_policy(day) if seed else national_policy(day)
        findings = check_dataset(ds, as_of=day, policy=policy, lang=lang)  # type: ignore[arg-type]
        ids = {c.id for c in ds.communities} | {g.id for g in ds.grids}
        ids |= {s.id for s in ds.staff} | {t.id for t in ds.teams} | {m.id for m in ds.meetings}
        ids |= {p.id for p in ds.party_members} | {BANNER}
        ids |= {e.id for e in ds.elections}
        # Rules of a held meeting or election, or of a committee's term, cite the law of
        # the day it was held or the committee elected, not the policy's.
        days: dict[str, dict[str, dt.date | None]] = {
            "governance.meeting_quorum": {m.id: m.held_on for m in ds.meetings},
            "elections.committee_term": {c.id: c.committee_elected_on for c in ds.communities},
        }
        held_on = {e.id: e.held_on for e in ds.elections}
        for name in ("elections.validity", "elections.candidates", "elections.results"):
            days[name] = held_on
        of_the_day = set(days)
        for f in findings:
            assert f.rule in RULES
            assert isinstance(f.basis, Basis)
            if f.rule in of_the_day:
                held = days[f.rule][f.subject_id]
                assert held is not None
                # a committee elected before the first law known cites the policy's term
                assert f.basis.in_force(held) or (
                    f.rule == "elections.committee_term"
                    and held < FIRST_DAY
                    and f.basis in RULES[f.rule].bases(policy)
                )
            else:
                assert f.basis in RULES[f.rule].bases(policy)
            assert f.subject_id in ids
            assert f.message.strip()
        assert set(policy_bases(policy).values()) >= {
            f.basis for f in findings if f.rule not in of_the_day and f.basis != RULES[f.rule].basis
        }
        # no finding resting on a plan's target or on local practice is a violation
        assert all(f.basis.kind.binding for f in findings if f.severity is Severity.VIOLATION)

    def test_every_rule_over_an_empty_community_under_the_seed_profile(self) -> None:
        # 1,200 households and no one recorded, on 2026-01-01 under the seed's standards.
        # Requirements fail (committee law 2025 第8条: 5–9 members, a woman among them;
        # 人民调解法 第8条: 3–9; the seed's 六室两中心), figures without data say so (INFO),
        # and rules with nothing to judge stay silent: 1,200 households lie in 1,000–3,000
        # (2025 第3条); no meeting, grid, party member or staff member to check. The
        # 十四五 plan's targets were for 2025: none applies on 2026-01-01.
        team = VolunteerTeam(id="t1", community_id="c1", name="调委会", kind=TeamKind.MEDIATION)
        ds = Dataset(communities=(community_1200(),), teams=(team,))
        found = check_dataset(ds, as_of=NEW, policy=seed_policy(NEW))
        V, A, I = Severity.VIOLATION, Severity.ADVISORY, Severity.INFO  # noqa: E741
        assert [(f.rule, f.subject_id, f.severity) for f in found] == [
            ("facilities.service_hall_area", "c1", I),
            ("facilities.six_rooms_two_centres", "c1", A),
            ("funding.office_funds", "c1", I),
            ("funding.party_building_funds", "c1", I),
            ("governance.committee_size", "c1", V),
            ("governance.committee_women", "c1", V),
            ("governance.mediation_committee_size", "t1", V),
            ("party.organisation_form", "c1", I),
            ("staffing.employment_mix", "c1", I),
            ("staffing.secretary_age", BANNER, I),  # the banner as a whole: no data
            ("staffing.secretary_age", "c1", I),
            ("staffing.secretary_education", BANNER, I),
            ("staffing.secretary_education", "c1", I),
        ]
        assert found.for_rule("governance.committee_size")[0].required == (5, 9)
        assert found.for_rule("governance.mediation_committee_size")[0].required == (3, 9)
        assert found.for_rule("facilities.six_rooms_two_centres")[0].required == 8
