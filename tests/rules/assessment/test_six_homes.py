"""The dimensions of 六园一港 (the service goals): 阳光家园 with the seven zeros, 爱心家园,
康乐家园, 温馨家园, 平安家园 and 红色港湾 (学习家园, which the data cannot score, is pinned in
test_scorecard.py). Each formula is pinned on small hand-built datasets, its period
(1 January to ``as_of``, both ends included) at its edges.

Scores are worked out by hand from each dimension's formula (the caring dimension's,
``100 × mean(visit coverage, visits on time)``, on 2017-12-31 under the default visit
policy: first visit 7 days after coming into scope, local practice, no national norm).

The seven zeros at the edges of their period are worked on 2026-12-31 (the last day the
national calendar covers), the period being 2026: three completions in 2026 (one late),
two of them charged 1 yuan; two complaints received in 2026 (one on 1 January); one
request open past its deadline; one whose 60 working days run past 2026 and cannot be
judged; and requests outside the period (a completion of 2025, a complaint of 2025, one
received in 2027) that count for nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from shequ_core.calendar import china_calendar
from shequ_core.entities import (
    Attention,
    AttentionKind,
    CaseEvent,
    Community,
    CommunityKind,
    Dataset,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Party,
    PartyMemberCategory,
    Registration,
    RequestStatus,
    Resident,
    ServiceItem,
    ServiceRequest,
    TeamKind,
    TimeLimit,
    TimeUnit,
    VisitOutcome,
    Volunteer,
    VolunteerTeam,
)
from shequ_core.policy import national_policy, seed_policy
from shequ_core.rules._findings import Severity
from shequ_core.rules.assessment import (
    DEFAULT_SCORING,
    Dimension,
    Scorecard,
    SevenZeros,
    scorecard,
)
from shequ_core.rules.sla import deadline
from shequ_core.rules.visiting import DEFAULT_VISIT_POLICY
from tests.builders import (
    community,
    party_member,
    people,
    people_with_uninsured_committee,
    period_banner,
    resident,
    visit,
)

AS_OF = dt.date(2017, 12, 31)
NATIONAL = national_policy(AS_OF)
CAL = china_calendar()
K = AttentionKind


def resident_since(rid: str, kind: AttentionKind, since: dt.date) -> Resident:
    return Resident(
        id=rid,
        community_id="c",
        household_id="h",
        name="丙",
        attentions=(Attention(kind=kind, since=since),),
    )


def caring(ds: Dataset, **kw: object) -> int | None:
    card = scorecard(ds, as_of=AS_OF, policy=NATIONAL, calendar=CAL, **kw)  # type: ignore[arg-type]
    return card.communities["c"].score(Dimension.CARING)


D = dt.date
SEED = seed_policy(AS_OF)


def card(ds: Dataset, policy=NATIONAL, **kw: object) -> Scorecard:
    return scorecard(ds, as_of=AS_OF, policy=policy, calendar=CAL, **kw)


def score(ds: Dataset, dimension: Dimension, policy=NATIONAL, cid: str = "c") -> int | None:
    return card(ds, policy).communities[cid].score(dimension)


ELDER = AttentionKind.LONELY_ELDER
RELEASED = AttentionKind.RELEASED_PRISONER


def mediation_team(members: int) -> tuple[VolunteerTeam, tuple[Volunteer, ...]]:
    team = VolunteerTeam(id="t", community_id="c", name="调委会", kind=TeamKind.MEDIATION)
    volunteers = tuple(
        Volunteer(
            id=f"vol{i}", community_id="c", name="丁", registered_on=D(2016, 1, 1), team_id="t"
        )
        for i in range(members)
    )
    return team, volunteers


DISPUTE = DisputeCase(
    id="k1",
    community_id="c",
    category=DisputeCategory.NEIGHBOUR,
    parties=(Party(name="甲"), Party(name="乙")),
    received_on=D(2017, 3, 1),
    status=DisputeStatus.AGREEMENT_REACHED,
    events=(CaseEvent(on=D(2017, 3, 10), status=DisputeStatus.AGREEMENT_REACHED),),
)


FIVE_DAYS = TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
FREE = ServiceItem(id="free", name="开证明", time_limit=FIVE_DAYS)
PAID = ServiceItem(id="paid", name="复印", time_limit=FIVE_DAYS, fee=Decimal(5))


def request(rid: str, received: dt.date, done: dt.date | None = None, **kw: object):
    return ServiceRequest(
        id=rid,
        item_id=kw.pop("item_id", "free"),
        community_id="c",
        received_on=received,
        status=RequestStatus.COMPLETED if done else RequestStatus.IN_PROGRESS,
        completed_on=done,
        **kw,
    )


def _score(d: Dimension) -> tuple[int | None, list[tuple[str, object, object]]]:
    card = scorecard(
        period_banner(), as_of=AS_OF, policy=national_policy(AS_OF), calendar=china_calendar()
    )
    s = card.communities["c"].dimensions[d]
    return s.score, [(f.rule, f.actual, f.required) for f in s.findings]


LAST_COVERED_DAY = dt.date(2026, 12, 31)
FIVE = TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)


ITEMS = (
    ServiceItem(id="I_fee", name="收费事项", time_limit=FIVE, fee=Decimal(1)),
    ServiceItem(id="I_free", name="免费事项", time_limit=FIVE),
    ServiceItem(
        id="I_long", name="长期事项", time_limit=TimeLimit(amount=60, unit=TimeUnit.WORKING_DAYS)
    ),
)


def _req(
    rid: str,
    item: str,
    received: dt.date,
    completed: dt.date | None = None,
    *,
    complaint: bool = False,
) -> ServiceRequest:
    return ServiceRequest(
        id=rid,
        item_id=item,
        community_id="c",
        received_on=received,
        status=RequestStatus.COMPLETED if completed else RequestStatus.IN_PROGRESS,
        completed_on=completed,
        complaint=complaint,
    )


REQUESTS = (
    _req("R0", "I_free", D(2027, 1, 5), complaint=True),  # not yet received: nothing
    _req("R1", "I_fee", D(2025, 12, 29), D(2026, 1, 1)),  # charged on the first day
    _req("R2", "I_fee", D(2026, 12, 24), D(2026, 12, 31)),  # charged on the last day
    _req("R3", "I_fee", D(2025, 12, 1), D(2025, 12, 5), complaint=True),  # all in 2025
    _req("R4", "I_free", D(2026, 1, 1), complaint=True),  # open, breached; complaint
    _req("R5", "I_free", D(2026, 3, 2), D(2026, 3, 20), complaint=True),  # late
    _req("R6", "I_long", D(2026, 12, 1)),  # its deadline lies in 2027: unjudged
)


def _card(lang: str = "en"):  # type: ignore[no-untyped-def]
    ds = Dataset(
        communities=(
            Community(
                id="c",
                name="c社区",
                town="镇",
                kind=CommunityKind.ORDINARY,
                households=100,
                residents=300,
            ),
        ),
        service_items=ITEMS,
        service_requests=REQUESTS,
    )
    return scorecard(
        ds,
        as_of=LAST_COVERED_DAY,
        policy=national_policy(LAST_COVERED_DAY),
        calendar=CAL,
        lang=lang,
    )


class TestSunshine:
    """阳光家园 and the seven zeros (七零): on time, no backlog, no complaint, no fee."""

    def test_sunshine_and_the_seven_zeros(self) -> None:
        # 5 working days from Monday 2017-11-06 end on Monday 2017-11-13; from Friday
        # 2017-12-01 on Friday 2017-12-08 (no holiday in between).
        requests = (
            request("r1", D(2017, 11, 6), D(2017, 11, 8)),  # on time
            request("r2", D(2017, 11, 6), D(2017, 11, 20)),  # late
            request("r3", D(2017, 12, 1)),  # open, past its deadline on 2017-12-31
            request("r4", D(2017, 11, 6), D(2017, 11, 8), complaint=True),  # on time, complained
            request("r5", D(2017, 11, 6), D(2017, 11, 8), item_id="paid"),  # on time, 5 CNY
            request("r6", D(2018, 1, 2)),  # received after as_of: not known yet
        )
        ds = Dataset(
            communities=(community(),), service_items=(FREE, PAID), service_requests=requests
        )
        c = card(ds).communities["c"]
        assert c.seven_zeros == SevenZeros(
            backlog=1,
            complaints=1,
            fees_charged=Decimal(5),
            late_completions=1,
            completed=4,
            on_time_share=0.75,
            unjudged=0,
        )
        assert c.seven_zeros.on_time_percent == 75
        # 75 % on time, less 10 each for the backlog, the complaint and the fee.
        assert c.score(Dimension.SUNSHINE) == 45
        assert {f.rule for f in c[Dimension.SUNSHINE].findings} == {
            "scorecard.backlog",
            "scorecard.complaint",
            "scorecard.fee",
        }
        assert score(Dataset(communities=(community(),)), Dimension.SUNSHINE) is None

    def test_a_request_the_calendar_cannot_judge_is_counted_apart(self) -> None:
        # The calendar starts in 2001: a deadline in 2000 cannot be computed.
        ds = Dataset(
            communities=(community(),),
            service_items=(FREE,),
            service_requests=(request("old", D(2000, 6, 1)),),
        )
        c = scorecard(
            ds, as_of=D(2000, 12, 31), policy=national_policy(D(2000, 12, 31)), calendar=CAL
        )
        zeros = c.communities["c"].seven_zeros
        assert (zeros.unjudged, zeros.backlog, zeros.completed) == (1, 0, 0)
        assert c.communities["c"].score(Dimension.SUNSHINE) is None

    def test_seven_zeros_count_each_request_once_and_only_in_the_period(self) -> None:
        z = _card().communities["c"].seven_zeros
        assert z.complaints == 2  # R4 (received 1 January) and R5
        assert z.fees_charged == Decimal(2) and z.completed == 3 and z.late_completions == 1
        assert z.backlog == 1 and z.unjudged == 1
        assert z.on_time_share == 2 / 3

    def test_sunshine_deducts_per_non_zero_and_says_why(self) -> None:
        sunshine = _card().communities["c"].dimensions[Dimension.SUNSHINE]
        points = DEFAULT_SCORING.seven_zeros_points
        # 100 × 2/3 on time, less one deduction each for R4's backlog, two complaints and
        # two charged fees.
        expected = Fraction(200, 3) - 5 * points
        assert sunshine.score == max(0, int(expected + Fraction(1, 2)))
        due_r4 = deadline(D(2026, 1, 1), FIVE, CAL).due_on
        assert [(f.rule, f.subject_id, f.message) for f in sunshine.findings] == [
            ("scorecard.fee", "R1", "request R1 charged 1 CNY"),
            ("scorecard.fee", "R2", "request R2 charged 1 CNY"),
            ("scorecard.complaint", "R4", "request R4 drew a complaint"),
            ("scorecard.backlog", "R4", f"request R4 is past its deadline ({due_r4})"),
            ("scorecard.complaint", "R5", "request R5 drew a complaint"),
            (
                "scorecard.unjudged",
                "c",
                "1 requests need days the calendar does not cover: left out",
            ),
        ]
        fee = sunshine.findings[0]
        assert (fee.actual, fee.required) == (Decimal(1), Decimal(0))
        # Every one of them rests on the seed's seven-zeros pledge.
        assert len({f.basis for f in sunshine.findings}) == 1
        assert "七零" in str(sunshine.findings[0].basis)
        zh = _card("zh").communities["c"].dimensions[Dimension.SUNSHINE]
        assert [f.message for f in zh.findings] == [
            "工单R1收费1元",
            "工单R2收费1元",
            "工单R4有投诉",
            f"工单R4已超过办结期限（{due_r4}）",
            "工单R5有投诉",
            "1件工单的期限超出日历覆盖的年份，未计入",
        ]


class TestCaring:
    """爱心家园: visit coverage and visits on time of the caring kinds."""

    def test_caring_coverage_and_an_overdue_visit(self) -> None:
        elder = resident("r1", ELDER)
        # Met on 2017-11-20: covered this year, but next due 2017-12-20 and overdue on
        # 2017-12-31: mean(100 %, 0 %) = 50.
        once = people(elder, visits=(visit("v1", "r1", D(2017, 11, 20), ELDER),))
        assert score(once, Dimension.CARING) == 50
        # Met again on 2017-12-15: next due 2018-01-15, so no one is overdue.
        twice = once.replace(visits=(*once.visits, visit("v2", "r1", D(2017, 12, 15), ELDER)))
        assert score(twice, Dimension.CARING) == 100
        # Not at home does not count as a visit.
        missed = visit("v2", "r1", D(2017, 12, 15), ELDER, outcome=VisitOutcome.NOT_HOME)
        assert score(once.replace(visits=(*once.visits, missed)), Dimension.CARING) == 50
        assert score(people(), Dimension.CARING) is None

    def test_every_elder_in_special_difficulty_is_a_caring_kind(self) -> None:
        """A left-behind elder, one of the 2022 guidance's groups, is scored under the
        caring home like a lonely elder: in scope since 23 December, overdue on the 31st."""
        for kind in (K.LEFT_BEHIND_ELDER, K.FAMILY_PLANNING_SPECIAL_ELDER):
            ds = people_with_uninsured_committee(resident_since("r1", kind, dt.date(2017, 12, 23)))
            assert caring(ds) == 0, kind

    def test_a_visit_due_on_as_of_is_not_yet_overdue(self) -> None:
        # In scope from 24 December: first visit due 31 December, as_of itself. Not met this
        # year (coverage 0) but not overdue (on time 100 %): mean 50.
        assert (
            caring(
                people_with_uninsured_committee(
                    resident_since("r1", K.LONELY_ELDER, dt.date(2017, 12, 24))
                )
            )
            == 50
        )
        # One day earlier, due 30 December: overdue on the 31st, on time 0 %: mean 0.
        assert (
            caring(
                people_with_uninsured_committee(
                    resident_since("r1", K.LONELY_ELDER, dt.date(2017, 12, 23))
                )
            )
            == 0
        )
        # Not yet due (since 25 December): in scope now but not overdue either.
        assert (
            caring(
                people_with_uninsured_committee(
                    resident_since("r1", K.LONELY_ELDER, dt.date(2017, 12, 25))
                )
            )
            == 50
        )

    def test_a_visit_policy_without_the_caring_kinds_leaves_caring_unscored(self) -> None:
        ds = people_with_uninsured_committee(
            resident_since("r1", K.LONELY_ELDER, dt.date(2017, 1, 1)),
            resident_since("r2", K.PETITIONER, dt.date(2017, 1, 1)),
        )
        petitioners_only = attrs.evolve(
            DEFAULT_VISIT_POLICY,
            cadences={K.PETITIONER: DEFAULT_VISIT_POLICY.cadences[K.PETITIONER]},
        )
        assert caring(ds) == 0  # the elder: never met, overdue since 8 January
        assert caring(ds, visit_policy=petitioners_only) is None
        card = scorecard(
            ds, as_of=AS_OF, policy=NATIONAL, calendar=CAL, visit_policy=petitioners_only
        )
        # The petitioner is still scored: never met and overdue.
        assert card.communities["c"].score(Dimension.FINE_GRAINED_SERVICE) == 0
        assert card.communities["c"].score(Dimension.SAFETY) is not None


class TestHealthLeisure:
    """康乐家园: one culture team per 2,000 households."""

    @pytest.mark.parametrize(
        ("households", "teams", "expected"),
        [(4500, 1, 33), (4000, 1, 50), (4000, 2, 100), (0, 1, 100), (0, 0, 0), (2001, 3, 100)],
    )
    def test_health_leisure_one_culture_team_per_2000_households(
        self, households: int, teams: int, expected: int
    ) -> None:
        ds = Dataset(
            communities=(community(households=households),),
            teams=tuple(
                VolunteerTeam(
                    id=f"t{i}", community_id="c", name="舞蹈队", kind=TeamKind.CULTURE_SPORTS
                )
                for i in range(teams)
            ),
        )
        assert score(ds, Dimension.HEALTH_LEISURE) == expected


class TestFloatingPopulation:
    """温馨家园: floating residents served by a met visit or a request this year."""

    def test_floating_population_served_by_a_met_visit_or_a_request_this_year(self) -> None:
        floating = {"registration": Registration.FLOATING}
        ds = people(
            resident("f1", **floating),
            resident("f2", **floating),
            resident("f3", **floating),
            resident("f4", **floating),
            resident("local"),
            visits=(
                visit("v1", "f1", D(2017, 5, 1)),
                visit("v3", "f3", D(2017, 5, 1), outcome=VisitOutcome.NOT_HOME),
                visit("v4", "f4", D(2016, 12, 1)),  # last year
                visit("v5", "local", D(2017, 5, 1)),
            ),
            service_items=(FREE,),
            service_requests=(request("q", D(2017, 6, 1), resident_id="f2"),),
        )
        assert score(ds, Dimension.FLOATING_POPULATION) == 50
        assert score(people(resident("local")), Dimension.FLOATING_POPULATION) is None

    def test_floating_residents_served_on_either_end_of_the_period(self) -> None:
        score, found = _score(Dimension.FLOATING_POPULATION)
        assert found == [("scorecard.floating_served", 3, 4)] and score == 75


class TestSafety:
    """平安家园: visits, the mediation committee and patrols, disputes."""

    def test_safety_visits_organisation_and_disputes(self) -> None:
        team, volunteers = mediation_team(3)
        ds = people(
            resident("r2", RELEASED, since=D(2017, 6, 1)),
            teams=(team,),
            volunteers=volunteers,
            dispute_cases=(DISPUTE,),
        )
        # mean(coverage 0, on time 0, organisation ½ (mediation, no patrol), disputes 1)
        # = 3/8 = 37.5, rounded half up.
        s = card(ds).communities["c"][Dimension.SAFETY]
        assert s.score == 38
        assert "scorecard.safety_patrol" in [f.rule for f in s.findings]
        # A committee of 2 breaks 人民调解法 第8条 (3–9 members): −25.
        _, two = mediation_team(2)
        small = ds.replace(volunteers=two)
        assert score(small, Dimension.SAFETY) == 13
        assert card(small).has_violations

    def test_safety_without_a_mediation_committee_is_flagged(self) -> None:
        s = card(people()).communities["c"][Dimension.SAFETY]
        assert s.score == 0  # no one to visit, no dispute: organisation 0 is the only part
        flagged = [f for f in s.findings if f.rule == "scorecard.mediation_committee"]
        assert [f.severity for f in flagged] == [Severity.ADVISORY]

    def test_disputes_received_on_either_end_of_the_period(self) -> None:
        _, found = _score(Dimension.SAFETY)
        assert ("scorecard.disputes", 0, 2) in found


class TestPartyHarbour:
    """红色港湾: employed members once they reported."""

    def test_party_harbour_counts_employed_members_once_they_reported(self) -> None:
        members = (
            party_member("a", PartyMemberCategory.RESIDENT),
            party_member("b", PartyMemberCategory.RETIRED),
            party_member("e1", PartyMemberCategory.EMPLOYED, reported_on=D(2017, 1, 1)),
            party_member("e2", PartyMemberCategory.EMPLOYED),
        )
        ds = Dataset(communities=(community(),), party_members=members)
        assert score(ds, Dimension.PARTY_HARBOUR) == 75
        seed = card(ds, SEED).communities["c"][Dimension.PARTY_HARBOUR]
        assert [f.subject_id for f in seed.findings if f.rule == "party.employed_not_reported"] == [
            "e2"
        ]
        assert score(Dataset(communities=(community(),)), Dimension.PARTY_HARBOUR) is None
