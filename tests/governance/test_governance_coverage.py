"""The edges the other governance tests leave: refusals, custom policies, both languages.

Each test pins an outcome (a number, a message, a refusal) on both sides of an edge, so
that a changed comparison, constant or message cannot pass unnoticed (docs/quality.md,
"Mutation testing").
"""

from __future__ import annotations

import datetime as dt
import re
import runpy
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from shequ_core.entities import (
    Basis,
    Community,
    CommunityKind,
    Dataset,
    Employment,
    Grid,
    Meeting,
    MeetingKind,
    Staff,
    StaffRole,
    TeamKind,
    VolunteerTeam,
)
from shequ_core.policy import Count, Ratio, Span, Threshold, national_policy, seed_policy
from shequ_core.rules import _catalogue
from shequ_core.rules._findings import (
    RULES,
    Finding,
    Findings,
    Severity,
    check_dataset,
    format_figure,
    rule,
)
from shequ_core.rules.facilities import missing_facilities
from shequ_core.rules.governance import (
    can_convene_residents_meeting,
    representatives_range,
)
from shequ_core.rules.party import branch_committee_required, organisation_form
from shequ_core.rules.staffing import households_per_grid_worker, staffing_findings

OLD = dt.date(2025, 12, 31)
NEW = dt.date(2026, 1, 1)
LAW = Basis(title="测试依据", article="第一条")


def community(**kw: object) -> Community:
    base: dict[str, object] = {
        "id": "c1",
        "name": "万和社区",
        "town": "平地泉镇",
        "kind": CommunityKind.ORDINARY,
        "households": 1200,
        "residents": 3000,
    }
    base.update(kw)
    return Community(**base)  # type: ignore[arg-type]


def convene(**kw: object) -> bool:
    args: dict[str, object] = {
        "as_of": NEW,
        "requesting_adults": 0,
        "adults": 100,
        "requesting_households": 0,
        "households": 100,
    }
    args.update(kw)
    return can_convene_residents_meeting(**args)  # type: ignore[arg-type]


# -- 居民代表: one per 20–50 households (2025 第13条) ----------------------------------------


@pytest.mark.parametrize(
    ("households", "expected"),
    [
        (1, (1, 1)),  # fewer than 20 still elect one
        (19, (1, 1)),
        (20, (1, 1)),
        (39, (1, 1)),
        (40, (1, 2)),
        (50, (1, 2)),
        (51, (2, 2)),  # 51 need two: one alone would have more than 50
        (100, (2, 5)),
        (101, (3, 5)),
        (1001, (21, 50)),
    ],
)
def test_representatives_range_at_the_edges_of_20_and_50(
    households: int, expected: tuple[int, int]
) -> None:
    assert representatives_range(households, NEW) == expected
    assert representatives_range(households, OLD) is None  # the 2018 text sets no ratio


@pytest.mark.parametrize("bad", [-1, True, False, 2.0, "100", None])
def test_representatives_range_refuses_what_is_not_a_count(bad: object) -> None:
    expected = f"households must be a whole number, 0 or more, got {bad!r}"
    with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
        representatives_range(bad, NEW)  # type: ignore[arg-type]


def test_representatives_range_follows_the_policy_it_is_given() -> None:
    law = national_policy(NEW)
    open_ended = attrs.evolve(
        law, households_per_representative=Span(minimum=10, maximum=None, basis=LAW)
    )
    # No maximum: one representative may stand for every household; at least 10 each.
    assert representatives_range(95, NEW, policy=open_ended) == (1, 9)
    assert representatives_range(9, NEW, policy=open_ended) == (1, 1)
    no_floor = attrs.evolve(
        law, households_per_representative=Span(minimum=0, maximum=30, basis=LAW)
    )
    # No minimum: as many representatives as households.
    assert representatives_range(61, NEW, policy=no_floor) == (3, 61)
    # A policy without the ratio wins over the date, and the date without a policy.
    silent = attrs.evolve(law, households_per_representative=None)
    assert representatives_range(1000, NEW, policy=silent) is None
    assert representatives_range(1000, OLD, policy=law) == (20, 50)


# -- convening a residents' meeting (2018 第10条; 2025 第26条) ------------------------------


def test_convening_follows_the_policy_it_is_given() -> None:
    law = national_policy(NEW)
    half = Threshold(share=Ratio(numerator=1, denominator=2), inclusive=False, basis=LAW)
    strict = attrs.evolve(law, convening_adults=half, convening_households=half)
    assert convene(requesting_adults=50)  # 1/10 or more under the 2025 text
    assert not convene(requesting_adults=50, policy=strict)  # not more than half
    assert convene(requesting_adults=51, policy=strict)
    assert not convene(requesting_households=50, policy=strict)
    assert convene(requesting_households=51, policy=strict)


def test_each_basis_alone_suffices_on_its_edge() -> None:
    # 2025: 1/10 of adults, 1/10 of households, 1/3 of 居民代表; any one is enough.
    assert convene(requesting_adults=10) and not convene(requesting_adults=9)
    assert convene(requesting_households=10) and not convene(requesting_households=9)
    assert convene(requesting_representatives=1, representatives=3)
    assert not convene(requesting_representatives=1, representatives=4)
    # 2018: 1/5 of adults or households, or 1/3 of 居民小组.
    assert convene(as_of=OLD, requesting_adults=20) and not convene(as_of=OLD, requesting_adults=19)
    assert convene(as_of=OLD, requesting_groups=1, groups=3)
    assert not convene(as_of=OLD, requesting_groups=1, groups=4)
    # The groups and representatives default to none, which never meets a share.
    assert not convene(as_of=OLD) and not convene()


@pytest.mark.parametrize(
    ("kw", "error", "message"),
    [
        ({"adults": 10.0}, TypeError, "adults: counts must be whole numbers, got float"),
        (
            {"requesting_households": True},
            TypeError,
            "households: counts must be whole numbers, got bool",
        ),
        ({"groups": "3"}, TypeError, "groups: counts must be whole numbers, got str"),
        ({"requesting_adults": -1}, ValueError, "adults: counts must be 0 or more, got -1 of 100"),
        ({"households": -1}, ValueError, "households: counts must be 0 or more, got 0 of -1"),
        (
            {"requesting_representatives": 4, "representatives": 3},
            ValueError,
            "representatives: 4 cannot be more than the 3 there are",
        ),
        (
            {"requesting_groups": 1},
            ValueError,
            "groups: 1 cannot be more than the 0 there are",
        ),
        (
            {"requesting_representatives": 1},
            ValueError,
            "representatives: 1 cannot be more than the 0 there are",
        ),
    ],
)
def test_convening_refuses_counts_that_cannot_be(
    kw: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        convene(**kw)


def test_all_requesters_is_enough_and_equal_counts_are_allowed() -> None:
    assert convene(requesting_adults=100)
    assert convene(as_of=OLD, requesting_groups=3, groups=3)


# -- party, facilities, staffing: the remaining edges ---------------------------------------


@pytest.mark.parametrize("bad", [-1, True, 3.0])
def test_party_counts_must_be_whole_numbers(bad: object) -> None:
    expected = f"full_members must be a whole number, 0 or more, got {bad!r}"
    with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
        organisation_form(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="full_members"):
        branch_committee_required(bad)  # type: ignore[arg-type]


def test_the_national_profile_requires_no_rooms() -> None:
    # 六室两中心 is a local (seed) standard: nationally nothing is missing, even nothing.
    bare = community(facilities=frozenset())
    assert missing_facilities(bare, national_policy(NEW)) == ()
    assert len(missing_facilities(bare, seed_policy(NEW))) == 8


def test_only_the_grid_worker_over_the_bound_is_flagged() -> None:
    seed = seed_policy(NEW)
    bounded = attrs.evolve(seed, grid_households_max=Count(value=500, basis=LAW))
    grids = [
        Grid(id="g1", community_id="c1", name="一网格", households=501, worker_id="s1"),
        Grid(id="g2", community_id="c1", name="二网格", households=500, worker_id="s2"),
    ]
    people = [
        Staff(
            id=sid,
            community_id="c1",
            name="网格员",
            role=StaffRole.GRID_WORKER,
            employment=Employment.CONTRACTED,
        )
        for sid in ("s1", "s2")
    ]
    found = [
        f
        for f in staffing_findings(community(), people, as_of=NEW, policy=bounded, grids=grids)
        if f.rule == "staffing.households_per_grid_worker"
    ]
    assert [(f.subject_id, f.severity, f.actual) for f in found] == [
        ("c1", Severity.INFO, Fraction(1001, 2)),
        ("s1", Severity.ADVISORY, 501),
    ]


def grid_worker(sid: str, community_id: str = "c1") -> Staff:
    return Staff(
        id=sid,
        community_id=community_id,
        name="网格员",
        role=StaffRole.GRID_WORKER,
        employment=Employment.CONTRACTED,
    )


def test_grids_without_a_worker_or_with_another_communitys_worker() -> None:
    seed = seed_policy(NEW)  # the seed requires a responsible worker in every grid
    staffed = Grid(id="g1", community_id="c1", name="一网格", households=300, worker_id="s9")
    unstaffed = Grid(id="g2", community_id="c1", name="二网格", households=200)
    elsewhere = Grid(id="g3", community_id="c2", name="三网格", households=100)
    people = [grid_worker("s9", community_id="c2")]
    found = staffing_findings(
        community(),
        people,
        as_of=NEW,
        policy=seed,
        grids=[staffed, unstaffed, elsewhere],
        lang="en",
    )
    assert [(f.subject_id, f.message) for f in found if f.rule == "staffing.grid_worker"] == [
        ("g1", "the worker s9 responsible for grid g1 belongs to another community"),
        ("g2", "grid g2 has no responsible worker"),
    ]
    # No grid of the community has a worker: the load is undefined, not zero.
    assert households_per_grid_worker(community(), [unstaffed, elsewhere]) == (None, {})
    (load,) = [
        f
        for f in staffing_findings(
            community(), people, as_of=NEW, policy=seed, grids=[unstaffed, elsewhere], lang="en"
        )
        if f.rule == "staffing.households_per_grid_worker"
    ]
    assert (load.subject_id, load.severity, load.actual) == ("c1", Severity.INFO, None)
    assert load.message == (
        "no grid of the community has a responsible worker: households per worker undefined"
    )


def test_staffing_rules_over_a_dataset_count_each_communitys_own_staff() -> None:
    busy = community(id="c1", residents=10000)
    empty = community(id="c2", households=0, residents=0)
    ds = Dataset(
        communities=(busy, empty),
        staff=(grid_worker("s1"), grid_worker("s2"), grid_worker("s3", community_id="c2")),
    )
    rules = ["staffing.employment_mix", "staffing.workers_per_10k"]
    found = check_dataset(ds, as_of=NEW, policy=national_policy(NEW), rules=rules, lang="en")
    mix = {f.subject_id: f for f in found.for_rule("staffing.employment_mix")}
    assert "contracted=2" in mix["c1"].actual and "contracted=1" in mix["c2"].actual  # type: ignore[operator]
    per_10k = {f.subject_id: f for f in found.for_rule("staffing.workers_per_10k")}
    assert per_10k["c1"].actual == 2 and per_10k["c1"].severity is Severity.ADVISORY  # < 18
    assert per_10k["c2"].actual is None and per_10k["c2"].severity is Severity.INFO
    bare = check_dataset(
        Dataset(communities=(busy,)),
        as_of=NEW,
        policy=national_policy(NEW),
        rules=["staffing.employment_mix"],
        lang="en",
    )
    assert bare[0].message == "no staff recorded for the community"
    assert (
        check_dataset(
            Dataset(communities=(busy,)),
            as_of=NEW,
            policy=national_policy(NEW),
            rules=["staffing.employment_mix"],
        )[0].message
        == "未登记社区工作人员"
    )


def test_meetings_after_as_of_or_before_the_1989_law_are_not_judged() -> None:
    def meeting(mid: str, held: dt.date) -> Meeting:
        kind = MeetingKind.RESIDENTS_MEETING
        return Meeting(
            id=mid,
            community_id="c1",
            kind=kind,
            held_on=held,
            entitled=100,
            present=10,
            topic="议题",
        )

    ds = Dataset(
        communities=(community(),),
        meetings=(
            meeting("m1", NEW),
            meeting("m2", NEW + dt.timedelta(days=1)),  # after as_of: not known yet
            meeting("m3", dt.date(1989, 12, 31)),  # before the 1989 law took effect
            meeting("m4", dt.date(1990, 1, 1)),  # its first day
        ),
    )
    found = check_dataset(
        ds, as_of=NEW, policy=national_policy(NEW), rules=["governance.meeting_quorum"]
    )
    assert [(f.subject_id, f.severity) for f in found] == [
        ("m1", Severity.INFO),
        ("m4", Severity.INFO),
    ]


def test_every_rule_over_an_empty_community_under_the_seed_profile() -> None:
    # 1,200 households and no one recorded, on 2026-01-01 under the seed's standards.
    # Requirements fail (committee law 2025 第8条: 5–9 members, a woman among them;
    # 人民调解法 第8条: 3–9; the seed's 六室两中心), figures without data say so (INFO),
    # and rules with nothing to judge stay silent: 1,200 households lie in 1,000–3,000
    # (2025 第3条); no meeting, grid, party member or staff member to check.
    team = VolunteerTeam(id="t1", community_id="c1", name="调委会", kind=TeamKind.MEDIATION)
    ds = Dataset(communities=(community(),), teams=(team,))
    found = check_dataset(ds, as_of=NEW, policy=seed_policy(NEW))
    V, A, I = Severity.VIOLATION, Severity.ADVISORY, Severity.INFO  # noqa: E741
    assert [(f.rule, f.subject_id, f.severity) for f in found] == [
        ("facilities.area_per_100_households", "c1", I),
        ("facilities.service_hall_area", "c1", I),
        ("facilities.six_rooms_two_centres", "c1", A),
        ("funding.office_funds", "c1", I),
        ("funding.party_building_funds", "c1", I),
        ("governance.committee_size", "c1", V),
        ("governance.committee_women", "c1", V),
        ("governance.mediation_committee_size", "t1", V),
        ("party.organisation_form", "c1", I),
        ("staffing.employment_mix", "c1", I),
        ("staffing.secretary_age", "c1", I),
        ("staffing.secretary_education", "c1", I),
        ("staffing.workers_per_10k", "c1", A),  # 0 per 10,000, below 18
    ]
    assert found.for_rule("governance.committee_size")[0].required == (5, 9)
    assert found.for_rule("governance.mediation_committee_size")[0].required == (3, 9)
    assert found.for_rule("facilities.six_rooms_two_centres")[0].required == 8


# -- findings and the registry ---------------------------------------------------------------


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
def test_figures_are_shown_as_a_table_shows_them(figure: object, shown: str) -> None:
    assert format_figure(figure) == shown


def finding(rule_id: str, subject: str, severity: Severity, message: str = "m") -> Finding:
    return Finding(rule=rule_id, subject_id=subject, severity=severity, message=message, basis=LAW)


def test_a_finding_reads_as_one_line_with_its_basis() -> None:
    f = finding("governance.committee_size", "c1", Severity.VIOLATION, "居委会成员4人")
    assert str(f) == "[violation] governance.committee_size c1: 居委会成员4人 (测试依据 第一条)"


def test_findings_index_add_and_select_by_subject_keeping_the_language() -> None:
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


def test_the_html_table_in_english_escapes_every_cell() -> None:
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


def test_a_rule_has_a_title_in_each_language_and_the_registry_lists_ids_in_order() -> None:
    size = RULES["governance.committee_size"]
    assert size.title() == "居委会成员人数" and size.title("zh") == "居委会成员人数"
    assert size.title("en") == "size of the residents' committee"
    text = repr(RULES)
    assert text.startswith("RULES(") and text.endswith(")")
    assert text[len("RULES(") : -1].split(", ") == sorted(RULES)


def test_a_rule_id_cannot_be_registered_twice_nor_read_an_unknown_number() -> None:
    count = len(RULES)

    def again(ds: Dataset, /, **kw: object) -> list[Finding]:
        return []

    decorate = rule(
        "governance.committee_size",
        policy=("committee_members",),
        title_zh="重复",
        title_en="again",
    )
    with pytest.raises(ValueError, match=r"^rule 'governance.committee_size' is registered twice$"):
        decorate(again)
    with pytest.raises(ValueError, match=r"reads unknown policy fields \['no_such_number'\]"):
        rule("x.new", policy=("committee_members", "no_such_number"), title_zh="新", title_en="new")
    assert len(RULES) == count
    assert RULES["governance.committee_size"].title_en == "size of the residents' committee"


def test_check_dataset_runs_the_rules_named_in_order_given() -> None:
    small = community(households=50)  # under the 2018 text's 100-700: advisory
    ds = Dataset(communities=(small,))
    policy = national_policy(OLD)
    ids = ["governance.committee_size", "governance.committee_households"]
    found = check_dataset(ds, as_of=OLD, policy=policy, rules=ids, lang="en")
    assert [f.rule for f in found] == ids and found.lang == "en"
    assert found[1].message == "50 households; a committee's area generally has 100–700"


def test_the_catalogue_module_prints_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(_catalogue.__file__, run_name="__main__")
    printed = capsys.readouterr().out
    assert printed == _catalogue.catalogue_markdown()
    assert printed.startswith("# Rules catalogue\n")
