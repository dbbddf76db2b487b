"""People's mediation (人民调解): each case's stage and dates, and the 化解率.

References:
    * 人民调解工作若干规定 (司法部令第75号, in force 2002-11-01) 第三十三条: 人民调解委员会
      调解纠纷，一般在一个月内调结: the target date is one calendar month after receipt
      (民法典 第202条: the corresponding day of the month, else its last day).
    * 人民调解法 (in force 2011-01-01) 第二十九条、第三十条: a written agreement takes
      effect when signed and sealed, an oral one when reached; 第三十三条: the parties may
      jointly apply for judicial confirmation within 三十日 of its taking effect
      (民事诉讼法 2023 第二百零五条 says the same); 第三十一条: the committee supervises
      the performance of the agreement, **with no period**.
    * 民事诉讼法 (2023) 第八十五条: the day a period starts is not counted, and a period
      whose last day is a statutory holiday ends on the first day after it (read, as
      :mod:`shequ_core.rules.sla` reads 民法典 第203条, as the next working day).
    * 化解率: the seed article counts 共化解各类矛盾67件 (cases resolved, with no
      denominator); the rate here is cases resolved by mediation (an agreement reached)
      over cases received, the banner-level figure 12345 and 综治 reports use.

Limitations:
    * The agreement's day (``AGREEMENT_REACHED``) is taken as the day it took effect.
    * A follow-up falls due only by a policy's interval (:class:`~shequ_core.policy.
      MediationPolicy` ``follow_up``, local practice): with none, an agreement not yet
      followed up is reported as due from its day, with no date.
    * A last day the calendar does not cover is not carried past rest days, and says so
      (``rest_days_unknown``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from shequ_core.calendar import WorkCalendar
from shequ_core.entities import (
    Basis,
    CaseEvent,
    CaseEventKind,
    Dataset,
    DisputeCase,
    DisputeStatus,
)
from shequ_core.errors import CalendarCoverageError
from shequ_core.policy import MediationPolicy
from shequ_core.rules._views import as_frame
from shequ_core.rules.hotline import Rate
from shequ_core.rules.sla import deadline
from shequ_core.text import Lang

__all__ = [
    "CommunityResolution",
    "MediationStatus",
    "ResolutionRates",
    "mediation_status",
    "resolution_rate",
]

_MEDIATING = frozenset({DisputeStatus.RECEIVED, DisputeStatus.MEDIATING})


@attrs.frozen(kw_only=True)
class MediationStatus:
    """Where one case stands on ``as_of``, with its target and confirmation dates.

    ``target_kept`` is True when mediation ended (an agreement, a failure, a referral, a
    withdrawal) by ``target_on``, False when it ended later or is still open after it,
    None while it is open and the target not yet passed, or when the 2002 rules did not
    yet govern the day the case was received (``target_on`` None).
    """

    case_id: str
    community_id: str
    stage: DisputeStatus
    received_on: dt.date
    target_on: dt.date | None
    ended_on: dt.date | None
    target_kept: bool | None
    agreement_on: dt.date | None
    #: The last day to apply for judicial confirmation (人民调解法 第三十三条).
    confirmation_last_day: dt.date | None
    confirmation_applied_on: dt.date | None
    confirmed_on: dt.date | None
    #: An agreement whose window is still open on ``as_of`` and not yet used.
    confirmation_open: bool
    followed_up_on: dt.date | None
    follow_up_by: dt.date | None
    follow_up_due: bool
    rest_days_unknown: bool = False
    bases: tuple[Basis, ...] = ()


def _first(events: Iterable[CaseEvent], test: Callable[[CaseEvent], bool]) -> dt.date | None:
    return next((e.on for e in events if test(e)), None)


def _last_day(
    start: dt.date, policy: MediationPolicy, calendar: WorkCalendar
) -> tuple[dt.date, bool]:
    limit = policy.confirmation.limit
    try:
        return deadline(start, limit, calendar, roll_forward=True).due_on, False
    except CalendarCoverageError:
        return deadline(start, limit, calendar, roll_forward=False).due_on, True


def mediation_status(
    case: DisputeCase,
    *,
    as_of: dt.date,
    policy: MediationPolicy,
    calendar: WorkCalendar,
) -> MediationStatus:
    """The stage of ``case`` on ``as_of``, its mediation target and whether it is kept,
    the last day to apply for judicial confirmation after an agreement, and whether a
    follow-up on performance is due. Events after ``as_of`` are not known yet.
    """
    events = tuple(e for e in case.events if e.on <= as_of)
    stage = events[-1].status if events else DisputeStatus.RECEIVED
    target = policy.target
    target_on = target.after(case.received_on) if target.basis.in_force(case.received_on) else None
    ended_on = _first(events, lambda e: e.status not in _MEDIATING)
    kept: bool | None = None
    if target_on is not None:
        if ended_on is not None:
            kept = ended_on <= target_on
        elif as_of > target_on:
            kept = False
    agreement = _first(events, lambda e: e.status is DisputeStatus.AGREEMENT_REACHED)
    applied = _first(events, lambda e: e.kind is CaseEventKind.CONFIRMATION_APPLIED)
    confirmed = _first(events, lambda e: e.kind is CaseEventKind.CONFIRMED)
    followed = [e.on for e in events if e.kind is CaseEventKind.FOLLOWED_UP]
    last_day, unknown = (None, False)
    follow_by = None
    if agreement is not None:
        last_day, unknown = _last_day(agreement, policy, calendar)
        if policy.follow_up is not None:
            follow_by = policy.follow_up.after(agreement)
    bases = [target.basis, policy.confirmation.basis, policy.period_rule, policy.follow_up_duty]
    if policy.follow_up is not None:
        bases.append(policy.follow_up.basis)
    return MediationStatus(
        case_id=case.id,
        community_id=case.community_id,
        stage=stage,
        received_on=case.received_on,
        target_on=target_on,
        ended_on=ended_on,
        target_kept=kept,
        agreement_on=agreement,
        confirmation_last_day=last_day,
        confirmation_applied_on=applied,
        confirmed_on=confirmed,
        confirmation_open=(
            last_day is not None and applied is None and confirmed is None and as_of <= last_day
        ),
        followed_up_on=followed[-1] if followed else None,
        follow_up_by=follow_by,
        follow_up_due=(
            agreement is not None and not followed and (follow_by is None or as_of >= follow_by)
        ),
        rest_days_unknown=unknown,
        bases=tuple(bases),
    )


@attrs.frozen(kw_only=True)
class CommunityResolution:
    """One community's 化解率: cases resolved by mediation over cases received."""

    community_id: str | None = attrs.field(metadata={"label_zh": "社区编号"})
    rate: Rate = attrs.field(metadata={"label_zh": "化解率"})


@attrs.frozen(kw_only=True)
class ResolutionRates:
    """:func:`resolution_rate`: each community's 化解率 and the banner's (``total``)."""

    start: dt.date
    end: dt.date
    as_of: dt.date
    communities: tuple[CommunityResolution, ...]
    total: Rate

    def to_frame(self, *, lang: Lang | None = None, reveal: bool = False) -> Any:
        """These rates as a pandas DataFrame (the ``pandas`` extra): one row per community,
        each rate as its counts and a float, the total in ``frame.attrs["total"]``."""
        return as_frame(self, lang=lang, reveal=reveal)


def resolution_rate(
    dataset: Dataset,
    *,
    start: dt.date,
    end: dt.date,
    as_of: dt.date | None = None,
) -> ResolutionRates:
    """The 化解率 of the cases received from ``start`` to ``end`` (both included): those
    with an agreement reached by ``as_of`` (``end`` when None) over all of them, per
    community and for the whole dataset (the banner)."""
    day = end if as_of is None else as_of
    received: dict[str, int] = defaultdict(int)
    resolved: dict[str, int] = defaultdict(int)
    for case in dataset.dispute_cases:
        if not start <= case.received_on <= end:
            continue
        received[case.community_id] += 1
        agreed = case.resolved_on()
        resolved[case.community_id] += agreed is not None and agreed <= day
    communities = tuple(
        CommunityResolution(
            community_id=c, rate=Rate(numerator=resolved[c], denominator=received[c])
        )
        for c in sorted(received)
    )
    total = Rate(numerator=sum(resolved.values()), denominator=sum(received.values()))
    return ResolutionRates(start=start, end=end, as_of=day, communities=communities, total=total)
