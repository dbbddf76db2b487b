"""Mediation cases: the one-month target (2002 rules 第三十三条), the 30-day window for
judicial confirmation (人民调解法 第三十三条, counted as 民事诉讼法 第八十五条 says), the
follow-up (第三十一条), and the 化解率 the seed article counts its 67 with."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shequ_core.calendar import china_calendar
from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import (
    Basis,
    BasisKind,
    CaseEvent,
    CaseEventKind,
    Dataset,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Party,
)
from shequ_core.policy import DEFAULT_MEDIATION_POLICY, Interval, MediationPolicy
from shequ_core.rules.hotline import Rate
from shequ_core.rules.mediation import mediation_status, resolution_rate
from tests.builders import community

CAL = china_calendar()
S = DisputeStatus
POLICY = DEFAULT_MEDIATION_POLICY


def case(
    received: dt.date, *events: CaseEvent, cid: str = "k", community_id: str = "A"
) -> DisputeCase:
    status = events[-1].status if events else S.RECEIVED
    closed = events[-1].on if status is S.CLOSED else None
    return DisputeCase(
        id=cid,
        community_id=community_id,
        category=DisputeCategory.NEIGHBOUR,
        parties=(Party(name="甲"), Party(name="乙")),
        received_on=received,
        status=status,
        events=(CaseEvent(on=received, status=S.RECEIVED), *events),
        closed_on=closed,
    )


def agreed(on: dt.date) -> CaseEvent:
    return CaseEvent(on=on, status=S.AGREEMENT_REACHED)


class TestTarget:
    @pytest.mark.parametrize(
        ("received", "target"),
        [
            (dt.date(2024, 1, 15), dt.date(2024, 2, 15)),
            (dt.date(2024, 1, 31), dt.date(2024, 2, 29)),  # no 31 February: the month's end
            (dt.date(2023, 1, 31), dt.date(2023, 2, 28)),
        ],
    )
    def test_one_calendar_month_after_receipt(self, received: dt.date, target: dt.date) -> None:
        s = mediation_status(case(received), as_of=received, policy=POLICY, calendar=CAL)
        assert s.target_on == target
        assert s.target_kept is None  # open, and the month still running

    @pytest.mark.parametrize(
        ("ended", "kept"), [(dt.date(2024, 2, 15), True), (dt.date(2024, 2, 16), False)]
    )
    def test_kept_when_mediation_ends_by_the_target(self, ended: dt.date, kept: bool) -> None:
        c = case(dt.date(2024, 1, 15), CaseEvent(on=ended, status=S.FAILED))
        s = mediation_status(c, as_of=dt.date(2024, 3, 1), policy=POLICY, calendar=CAL)
        assert (s.ended_on, s.target_kept, s.stage) == (ended, kept, S.FAILED)

    @pytest.mark.parametrize(
        ("as_of", "kept"), [(dt.date(2024, 2, 15), None), (dt.date(2024, 2, 16), False)]
    )
    def test_still_mediating_after_the_target_is_not_kept(
        self, as_of: dt.date, kept: bool | None
    ) -> None:
        c = case(dt.date(2024, 1, 15), CaseEvent(on=dt.date(2024, 1, 16), status=S.MEDIATING))
        s = mediation_status(c, as_of=as_of, policy=POLICY, calendar=CAL)
        assert (s.stage, s.target_kept) == (S.MEDIATING, kept)

    @pytest.mark.parametrize(
        ("received", "target"),
        [(dt.date(2002, 10, 31), None), (dt.date(2002, 11, 1), dt.date(2002, 12, 1))],
    )
    def test_the_2002_rules_set_the_month_from_2002_11_01(
        self, received: dt.date, target: dt.date | None
    ) -> None:
        s = mediation_status(case(received), as_of=received, policy=POLICY, calendar=CAL)
        assert s.target_on == target
        assert POLICY.target.basis.kind is BasisKind.DEPARTMENTAL_RULE
        assert POLICY.target.basis.article == "第三十三条"


class TestJudicialConfirmation:
    @pytest.mark.parametrize(
        ("agreement", "last_day"),
        [
            (dt.date(2024, 3, 4), dt.date(2024, 4, 3)),  # the 30th day, a Wednesday
            (dt.date(2024, 3, 1), dt.date(2024, 4, 1)),  # 31 March is a Sunday
            (dt.date(2024, 9, 1), dt.date(2024, 10, 8)),  # 1 October: the National Day week
        ],
    )
    def test_thirty_days_from_the_next_day_carried_past_rest_days(
        self, agreement: dt.date, last_day: dt.date
    ) -> None:
        c = case(agreement - dt.timedelta(days=3), agreed(agreement))
        s = mediation_status(c, as_of=agreement, policy=POLICY, calendar=CAL)
        assert s.confirmation_last_day == last_day
        assert POLICY.period_rule.article == "第八十五条"

    @pytest.mark.parametrize(
        ("as_of", "open_"), [(dt.date(2024, 4, 3), True), (dt.date(2024, 4, 4), False)]
    )
    def test_the_window_is_open_through_its_last_day(self, as_of: dt.date, open_: bool) -> None:
        c = case(dt.date(2024, 3, 1), agreed(dt.date(2024, 3, 4)))
        s = mediation_status(c, as_of=as_of, policy=POLICY, calendar=CAL)
        assert s.confirmation_open is open_

    def test_an_application_closes_the_window(self) -> None:
        applied = CaseEvent(
            on=dt.date(2024, 3, 10),
            status=S.AGREEMENT_REACHED,
            kind=CaseEventKind.CONFIRMATION_APPLIED,
        )
        c = case(dt.date(2024, 3, 1), agreed(dt.date(2024, 3, 4)), applied)
        s = mediation_status(c, as_of=dt.date(2024, 3, 20), policy=POLICY, calendar=CAL)
        assert (s.confirmation_applied_on, s.confirmation_open) == (dt.date(2024, 3, 10), False)

    def test_no_agreement_no_window(self) -> None:
        c = case(dt.date(2024, 3, 1), CaseEvent(on=dt.date(2024, 3, 4), status=S.FAILED))
        s = mediation_status(c, as_of=dt.date(2024, 3, 5), policy=POLICY, calendar=CAL)
        assert (s.confirmation_last_day, s.follow_up_due) == (None, False)


class TestFollowUp:
    def test_the_law_sets_no_period_so_an_agreement_is_due_a_follow_up_at_once(self) -> None:
        c = case(dt.date(2024, 3, 1), agreed(dt.date(2024, 3, 4)))
        s = mediation_status(c, as_of=dt.date(2024, 3, 4), policy=POLICY, calendar=CAL)
        assert (s.follow_up_due, s.follow_up_by) == (True, None)
        assert POLICY.follow_up_duty.article == "第三十一条"
        done = CaseEvent(
            on=dt.date(2024, 3, 8), status=S.AGREEMENT_REACHED, kind=CaseEventKind.FOLLOWED_UP
        )
        s = mediation_status(
            case(dt.date(2024, 3, 1), agreed(dt.date(2024, 3, 4)), done),
            as_of=dt.date(2024, 3, 9),
            policy=POLICY,
            calendar=CAL,
        )
        assert (s.follow_up_due, s.followed_up_on) == (False, dt.date(2024, 3, 8))

    @pytest.mark.parametrize(
        ("as_of", "due"), [(dt.date(2024, 3, 18), False), (dt.date(2024, 3, 19), True)]
    )
    def test_a_local_interval_sets_the_day(self, as_of: dt.date, due: bool) -> None:
        local = Basis(title="某街道人民调解回访制度（示例）", kind=BasisKind.LOCAL_PRACTICE)
        policy = MediationPolicy(follow_up=Interval(days=15, basis=local))
        c = case(dt.date(2024, 3, 1), agreed(dt.date(2024, 3, 4)))
        s = mediation_status(c, as_of=as_of, policy=policy, calendar=CAL)
        assert (s.follow_up_by, s.follow_up_due) == (dt.date(2024, 3, 19), due)
        assert local in s.bases


class TestResolutionRate:
    def test_the_sample_banner_counts_the_articles_67(self) -> None:
        ds = load_chayouqianqi()
        r = resolution_rate(ds, start=dt.date(2014, 1, 1), end=dt.date(2017, 12, 31))
        assert r.total.numerator == 67  # 创建"平安家园"以来共化解各类矛盾67件
        assert r.total.denominator == len(ds.dispute_cases)
        assert sum(c.rate.numerator for c in r.communities) == 67

    def test_an_agreement_after_as_of_is_not_counted_yet(self) -> None:
        """Nor a case received outside the period (the day before, the day after)."""
        outside = [
            case(day, agreed(day), cid=f"k{day.day}")
            for day in (dt.date(2023, 12, 31), dt.date(2024, 4, 1))
        ]
        ds = Dataset(
            communities=(community("A"),),
            dispute_cases=(case(dt.date(2024, 3, 1), agreed(dt.date(2024, 4, 2))), *outside),
        )
        kwargs = {"start": dt.date(2024, 1, 1), "end": dt.date(2024, 3, 31)}
        assert resolution_rate(ds, **kwargs).total == Rate(numerator=0, denominator=1)
        later = resolution_rate(ds, **kwargs, as_of=dt.date(2024, 4, 2))
        assert later.total == Rate(numerator=1, denominator=1)


@settings(max_examples=30, deadline=None)
@given(
    received=st.dates(dt.date(2015, 1, 1), dt.date(2025, 6, 30)),
    after=st.integers(0, 90),
    wait=st.integers(0, 120),
)
def test_the_window_opens_after_an_agreement_and_ends_30_to_40_days_later(
    received: dt.date, after: int, wait: int
) -> None:
    agreement = received + dt.timedelta(days=after)
    c = case(received, agreed(agreement))
    s = mediation_status(c, as_of=agreement + dt.timedelta(days=wait), policy=POLICY, calendar=CAL)
    assert s.confirmation_last_day is not None
    assert 30 <= (s.confirmation_last_day - agreement).days <= 40
    assert CAL.is_working_day(s.confirmation_last_day)
    assert s.target_on is not None  # every case here came in after 2002-11-01
    assert s.target_kept is (agreement <= s.target_on)
