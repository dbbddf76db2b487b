"""12345 work orders (接诉即办): each order's deadlines, and the three rates (三率).

References:
    * The limits are data in a :class:`~shequ_core.policy.HotlineProfile`, each with its
      article: 济南市12345市民服务热线条例 第二十四条 (reply and handle within 五个工作日),
      潍坊市12345政务服务便民热线条例 第二十条 (handle within 五个工作日); the national
      guidance (国办发〔2020〕53号) and 北京市接诉即办工作条例 set no number (its 第十三条
      leaves the 办理时限 to the city's 政务服务部门). :mod:`shequ_core.policy` says what
      each text was read for.
    * 北京市接诉即办工作条例 第三十二条 names 响应率、解决率、满意率 as the core of the
      evaluation; 第二十三条 provides for 回访 when the limit expires. 济南 第二十七条
      sends a matter the caller is not satisfied with back to be handled again (重办).
    * Working days, and the start day not counted, as in :mod:`shequ_core.rules.sla`
      (民法典 第201条); hours from the moment the order was received (``received_at``).

How the rates are counted (the library's definitions, whose basis is
``RateDefinitions().basis``, local practice: no text read defines them): the orders are
those received from ``start`` to ``end`` (both included), cancelled ones left out.

* **Response rate** (响应率): orders that answered the caller by the response limit,
  over the orders whose answer is due by ``as_of`` or was made. The answer is the first
  ``RESPONDED`` or ``COMPLETED`` event, else the day ``completed_on``: an order done has
  answered its caller (a consultation answered on the call is completed at once, 直接办结;
  an export may hold only its 办结日期). An order not yet answered whose limit is still
  running is *pending* and left out of the denominator. Where the profile sets no
  response limit (or its text was not yet in force when the order came in), any answer
  counts, and one not yet made is pending.
* **Resolution rate** (解决率): orders completed (办结) by ``as_of`` and never reopened
  (重办, a ``REOPENED`` event), over the orders completed, reopened, or past their
  handling limit. A reopened order is never resolved, even when completed again.
* **Satisfaction rate** (满意率): orders whose last rated revisit (回访) is one of the
  profile's satisfied levels (满意 and 基本满意 by default), over the orders rated.

Every rate comes with its counts, and is None when its denominator is 0.

Limitations:
    * The clock runs from receipt. The local texts count the unit's limits from transfer
      (转交); a centre transfers within the day, so the difference is at most that day.
    * Suspensions and extensions move the handling limit as
      :func:`~shequ_core.rules.sla.deadline` counts them (in hours by their times); the
      response limit runs on regardless. A response recorded with a date and no time is
      on time when its day is not after the day of the deadline.
    * A limit's cap on extensions (``max_extension_days``) is not applied: an extension
      past it still moves the handling limit.
    * An order whose deadline the calendar cannot reach is left out of the rates and
      listed (``unjudged``), as the backlog does.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import attrs

from shequ_core.calendar import WorkCalendar
from shequ_core.entities import (
    Dataset,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    ServiceRequest,
    ordered_request_events,
)
from shequ_core.errors import CalendarCoverageError
from shequ_core.policy import HotlineProfile, StatutoryLimit
from shequ_core.rules._views import as_frame
from shequ_core.rules.sla import deadline
from shequ_core.text import Lang
from shequ_core.validation import local_date, local_moment

__all__ = [
    "CommunityRates",
    "HotlineRates",
    "OrderDeadlines",
    "Rate",
    "hotline_rates",
    "merge_rates",
    "order_deadlines",
]

_CLOCK = frozenset(
    {RequestEventKind.SUSPENDED, RequestEventKind.RESUMED, RequestEventKind.EXTENDED}
)

#: What answers the caller: a response (响应), or the order done (办结), which answers
#: the caller too (直接办结 on the call; a unit replies as it completes).
_ANSWERS = frozenset({RequestEventKind.RESPONDED, RequestEventKind.COMPLETED})

Due = dt.date | dt.datetime


@attrs.frozen(kw_only=True)
class OrderDeadlines:
    """When an order must be responded to and handled, under one profile.

    A due value is an aware ``datetime`` (Beijing time) for a limit in hours, else the
    last ``date`` on which the order is on time. None: the profile sets no such limit,
    or (``in_force`` False) its text did not yet govern the day the order came in.
    """

    request_id: str
    profile: str
    in_force: bool
    received: dt.datetime
    response_limit: StatutoryLimit | None
    response_due: Due | None
    handling_limit: StatutoryLimit | None
    handling_due: Due | None
    provisional: bool = False


def _due(
    limit: StatutoryLimit | None,
    start: dt.datetime,
    events: tuple[RequestEvent, ...],
    calendar: WorkCalendar,
    as_of: dt.date | None,
) -> tuple[Due | None, bool]:
    if limit is None:
        return None, False
    # No cap is passed: a limit's max_extension_days is not applied (see the limitations).
    dl = deadline(start, limit.limit, calendar, events=events, as_of=as_of)
    return (dl.due_on if dl.due_at is None else dl.due_at), dl.provisional


def order_deadlines(
    request: ServiceRequest,
    *,
    profile: HotlineProfile,
    calendar: WorkCalendar,
    as_of: dt.date | None = None,
) -> OrderDeadlines:
    """The response and handling deadlines of ``request`` under ``profile``.

    The limits are chosen by the order's urgency (:meth:`HotlineLimits.for_urgency`).
    Working-day limits count from the day after receipt and move with the order's
    suspensions and extensions known by ``as_of`` (all of them when None); hour limits
    run from ``received_at`` (midnight of ``received_on`` when the time is not recorded).
    Raises :class:`~shequ_core.errors.CalendarCoverageError` for a day the calendar
    does not cover.
    """
    start = local_moment(request.received_at or request.received_on)
    in_force = profile.in_force(start.date())
    response = profile.response.for_urgency(request.urgency) if in_force else None
    handling = profile.handling.for_urgency(request.urgency) if in_force else None
    events = tuple(e for e in request.events if e.kind in _CLOCK)
    if as_of is None:  # every event known; a pause not yet resumed counted to the last
        as_of = max([start.date(), *(e.on for e in events)])
    response_due, p1 = _due(response, start, (), calendar, None)
    handling_due, p2 = _due(handling, start, events, calendar, as_of)
    return OrderDeadlines(
        request_id=request.id,
        profile=profile.name,
        in_force=in_force,
        received=start,
        response_limit=response,
        response_due=response_due,
        handling_limit=handling,
        handling_due=handling_due,
        provisional=p1 or p2,
    )


def _day(value: Due) -> dt.date:
    return local_date(value) if isinstance(value, dt.datetime) else value


def _on_time(on: dt.date, at: dt.datetime | None, due: Due) -> bool:
    """Whether what happened on ``on`` (at ``at``) was by ``due``; without a time, or
    with a due date, by the due day."""
    if isinstance(due, dt.datetime) and at is not None:
        return local_moment(at) <= due
    return on <= _day(due)


def _past(due: Due, as_of: dt.date) -> bool:
    """Whether ``due`` has passed by the end of ``as_of`` (a due date is the whole day)."""
    if isinstance(due, dt.datetime):
        return _day(due) <= as_of
    return due < as_of


@attrs.frozen(kw_only=True)
class Rate:
    """A rate and the counts behind it; ``value`` is None when nothing was counted."""

    numerator: int = attrs.field(metadata={"label_zh": "分子"})
    denominator: int = attrs.field(metadata={"label_zh": "分母"})

    @property
    def value(self) -> Fraction | None:
        """``numerator / denominator`` exactly, or None over 0."""
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    def __str__(self) -> str:
        v = self.value
        return "—" if v is None else f"{float(v):.1%} ({self.numerator}/{self.denominator})"


@attrs.frozen(kw_only=True)
class CommunityRates:
    """The three rates of one community (``community_id`` None: every community).

    The counts add up: ``orders`` is ``response.denominator + response_pending``, and
    ``response.denominator`` is ``response.numerator + responded_late + not_responded``;
    ``orders`` is ``resolution.denominator + resolution_pending``, of which ``reopened``
    are never resolved; ``orders`` is ``satisfaction.denominator + unrated``.
    """

    community_id: str | None = attrs.field(metadata={"label_zh": "社区编号"})
    orders: int = attrs.field(metadata={"label_zh": "工单数"})
    response: Rate = attrs.field(metadata={"label_zh": "响应率"})
    responded_late: int = attrs.field(metadata={"label_zh": "超时响应"})
    not_responded: int = attrs.field(metadata={"label_zh": "未响应"})
    response_pending: int = attrs.field(metadata={"label_zh": "响应待定"})
    resolution: Rate = attrs.field(metadata={"label_zh": "解决率"})
    reopened: int = attrs.field(metadata={"label_zh": "重办"})
    resolution_pending: int = attrs.field(metadata={"label_zh": "解决待定"})
    satisfaction: Rate = attrs.field(metadata={"label_zh": "满意率"})
    unrated: int = attrs.field(metadata={"label_zh": "未评价"})


@attrs.frozen(kw_only=True)
class HotlineRates:
    """:func:`hotline_rates`: every community's three rates, and the total.

    As a DataFrame: :meth:`to_frame` (pandas is an extra).
    """

    profile: str
    start: dt.date
    end: dt.date
    as_of: dt.date
    communities: tuple[CommunityRates, ...]
    total: CommunityRates
    #: Orders the calendar could not judge, left out of every count (by request id).
    unjudged: tuple[str, ...] = ()
    #: Orders whose deadline rests on a provisional calendar's estimated days.
    provisional: int = 0

    def to_frame(self, *, lang: Lang | None = None, reveal: bool = False) -> Any:
        """These rates as a pandas DataFrame (the ``pandas`` extra): one row per community,
        each rate as its counts and a float, the total in ``frame.attrs["total"]``."""
        return as_frame(self, lang=lang, reveal=reveal)


@attrs.define
class _Tally:
    orders: int = 0
    on_time: int = 0
    late: int = 0
    never: int = 0
    r_pending: int = 0
    resolved: int = 0
    reopened: int = 0
    unresolved: int = 0
    s_pending: int = 0
    satisfied: int = 0
    rated: int = 0

    def add(self, other: _Tally) -> None:
        for f in attrs.fields(_Tally):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def result(self, community_id: str) -> CommunityRates:
        answered = self.on_time + self.late + self.never
        judged = self.resolved + self.reopened + self.unresolved
        return CommunityRates(
            community_id=community_id,
            orders=self.orders,
            response=Rate(numerator=self.on_time, denominator=answered),
            responded_late=self.late,
            not_responded=self.never,
            response_pending=self.r_pending,
            resolution=Rate(numerator=self.resolved, denominator=judged),
            reopened=self.reopened,
            resolution_pending=self.s_pending,
            satisfaction=Rate(numerator=self.satisfied, denominator=self.rated),
            unrated=self.orders - self.rated,
        )


def _known(request: ServiceRequest, as_of: dt.date) -> tuple[RequestEvent, ...]:
    return tuple(e for e in ordered_request_events(request.events) if e.on <= as_of)


def _count(request: ServiceRequest, dl: OrderDeadlines, as_of: dt.date, satisfied: Any) -> _Tally:
    t = _Tally(orders=1)
    events = _known(request, as_of)
    done = request.completed_on
    if done is not None and done > as_of:
        done = None  # not known yet
    answer = next(((e.on, e.at) for e in events if e.kind in _ANSWERS), None)
    if answer is None and done is not None:  # an export's 办结日期 without its events
        answer = (done, None)
    if answer is not None:
        on_time = dl.response_due is None or _on_time(*answer, dl.response_due)
        t.on_time, t.late = (1, 0) if on_time else (0, 1)
    elif dl.response_due is not None and _past(dl.response_due, as_of):
        t.never = 1
    else:
        t.r_pending = 1
    completed = done is not None or any(e.kind is RequestEventKind.COMPLETED for e in events)
    if any(e.kind is RequestEventKind.REOPENED for e in events):
        t.reopened = 1
    elif completed:
        t.resolved = 1
    elif dl.handling_due is not None and _past(dl.handling_due, as_of):
        t.unresolved = 1
    else:
        t.s_pending = 1
    ratings = [e.satisfaction for e in events if e.kind is RequestEventKind.REVISITED]
    rated = [r for r in ratings if r is not None]
    if rated:
        t.rated = 1
        t.satisfied = int(rated[-1] in satisfied)
    return t


def hotline_rates(
    dataset: Dataset,
    *,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    policy: HotlineProfile,
    calendar: WorkCalendar,
) -> HotlineRates:
    """Response, resolution and satisfaction rates (三率) of the orders received from
    ``start`` to ``end``, per community and in total, as known on ``as_of``.

    ``policy`` is the profile whose limits and rate definitions apply (see the module
    docstring for how each rate is counted). The total's counts are the sums of the
    communities' counts. Orders received after ``as_of`` are not known yet.
    """
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    unjudged: list[str] = []
    provisional = 0
    satisfied = policy.rates.satisfied
    for request in _orders(dataset.service_requests, start, min(end, as_of)):
        try:
            dl = order_deadlines(request, profile=policy, calendar=calendar, as_of=as_of)
        except CalendarCoverageError:
            unjudged.append(request.id)
            continue
        provisional += dl.provisional
        tallies[request.community_id].add(_count(request, dl, as_of, satisfied))
    communities = tuple(tallies[c].result(c) for c in sorted(tallies))
    return HotlineRates(
        profile=policy.name,
        start=start,
        end=end,
        as_of=as_of,
        communities=communities,
        total=_summed(communities),
        unjudged=tuple(sorted(unjudged)),
        provisional=provisional,
    )


def merge_rates(first: HotlineRates, *rest: HotlineRates) -> HotlineRates:
    """The rates of parts of one dataset that share no community (each from
    :func:`hotline_rates` with the same period, profile and ``as_of``), as one: what
    :func:`hotline_rates` gives on their union. :mod:`shequ_core.extra.dask` uses it to
    combine its partitions."""
    parts = (first, *rest)
    rows = sorted((c for p in parts for c in p.communities), key=lambda c: str(c.community_id))
    return HotlineRates(
        profile=first.profile,
        start=first.start,
        end=first.end,
        as_of=first.as_of,
        communities=tuple(rows),
        total=_summed(rows),
        unjudged=tuple(sorted(u for p in parts for u in p.unjudged)),
        provisional=sum(p.provisional for p in parts),
    )


def _summed(rows: Sequence[CommunityRates]) -> CommunityRates:
    """The total of some communities' rates: every count summed (as the total is)."""
    fields: dict[str, Any] = {"community_id": None}
    for f in attrs.fields(CommunityRates):
        if f.name == "community_id":
            continue
        values = [getattr(r, f.name) for r in rows]
        if f.name in ("response", "resolution", "satisfaction"):
            fields[f.name] = Rate(
                numerator=sum(v.numerator for v in values),
                denominator=sum(v.denominator for v in values),
            )
        else:
            fields[f.name] = sum(values)
    return CommunityRates(**fields)


def _orders(
    requests: Iterable[ServiceRequest], start: dt.date, end: dt.date
) -> Iterable[ServiceRequest]:
    for r in requests:
        if r.status is RequestStatus.CANCELLED:
            continue
        if start <= r.received_on <= end:
            yield r
