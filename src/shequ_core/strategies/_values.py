"""Strategies for the value records: parts of entities with no identity of their own."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from shequ_core.entities import (
    Attention,
    AttentionKind,
    Basis,
    BasisKind,
    CaseEvent,
    CaseEventKind,
    DisputeStatus,
    Party,
    RequestEvent,
    RequestEventKind,
    RiskLevel,
    Satisfaction,
    TimeLimit,
    TimeUnit,
)
from shequ_core.strategies._common import (
    check_hostile,
    check_size,
    check_strategy,
    entity_ids,
    id_numbers,
    opt,
    person_names,
    phone_numbers,
    texts,
)
from shequ_core.strategies._dates import (
    event_dates,
    event_end,
    later,
    time_zones,
    times_on,
    timestamp,
)
from shequ_core.validation import MAX_DAYS

__all__ = [
    "DAY_UNITS",
    "attentions",
    "bases",
    "case_events",
    "parties",
    "request_events",
    "time_limits",
    "unit_names",
]


@st.composite
def _attentions(
    draw: st.DrawFn,
    kinds: st.SearchStrategy[AttentionKind],
    since: st.SearchStrategy[dt.date],
    risks: st.SearchStrategy[RiskLevel],
    hostile: bool,
) -> Attention:
    start = draw(since)
    # An open-ended attention (until None) is the common case, so it comes first.
    end = event_end(hostile)
    until = later(draw, start, max_days=3 * 365, end=end) if draw(st.booleans()) else None
    return Attention(
        kind=draw(kinds),
        since=start,
        until=until,
        risk=draw(risks),
        note=draw(opt(texts(hostile=hostile))),
    )


def attentions(
    *,
    kinds: st.SearchStrategy[AttentionKind] | None = None,
    since: st.SearchStrategy[dt.date] | None = None,
    risks: st.SearchStrategy[RiskLevel] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[Attention]:
    """Attentions (重点关注), open-ended or with an ``until`` on or after ``since``;
    ``since`` defaults to the calendar's confirmed years (1990-2035 and the calendar's
    edges if ``hostile``)."""
    check_hostile(hostile)
    kinds = st.sampled_from(AttentionKind) if kinds is None else kinds
    since = event_dates(hostile) if since is None else since
    risks = st.sampled_from(RiskLevel) if risks is None else risks
    for value, name in ((kinds, "kinds"), (since, "since"), (risks, "risks")):
        check_strategy(value, name)
    return _attentions(kinds, since, risks, hostile)


_TITLES = (
    "中华人民共和国城市居民委员会组织法",
    "中华人民共和国人民调解法",
    "关于加强和完善城乡社区治理的意见",
    "中华人民共和国个人信息保护法",
    "Local policy notice",
)


_LAWS_END = dt.date(2035, 12, 31)


@st.composite
def _bases(draw: st.DrawFn, hostile: bool) -> Basis:
    title = draw(st.sampled_from(_TITLES) | texts(hostile=hostile))
    article = draw(
        opt(st.integers(1, 99).map(lambda n: f"第{n}条") | texts(max_size=10, hostile=hostile))
    )
    # Laws are dated from the founding of the state and may be announced years ahead.
    start = draw(opt(st.dates(dt.date(1949, 10, 1), _LAWS_END)))
    end = None
    if start is not None:
        end = later(draw, start, max_days=40 * 365, end=_LAWS_END) if draw(st.booleans()) else None
    kind = draw(st.sampled_from(BasisKind))
    return Basis(title=title, article=article, effective_from=start, effective_to=end, kind=kind)


def bases(*, hostile: bool = False) -> st.SearchStrategy[Basis]:
    """Legal bases (依据): a title, maybe an article, a period of force in order, and the
    force of the text (every ``BasisKind``)."""
    check_hostile(hostile)
    return _bases(hostile)


def case_events(
    *,
    statuses: st.SearchStrategy[DisputeStatus] | None = None,
    dates: st.SearchStrategy[dt.date] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[CaseEvent]:
    """Single steps of a dispute's history, with or without a kind (申请司法确认, 司法确认,
    回访); :func:`dispute_cases` builds whole histories."""
    check_hostile(hostile)
    statuses = st.sampled_from(DisputeStatus) if statuses is None else statuses
    dates = event_dates(hostile) if dates is None else dates
    check_strategy(statuses, "statuses")
    check_strategy(dates, "dates")
    return st.builds(
        CaseEvent,
        on=dates,
        status=statuses,
        note=opt(texts(hostile=hostile)),
        kind=opt(st.sampled_from(CaseEventKind)),
    )


def parties(
    *,
    resident_id: st.SearchStrategy[str | None] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[Party]:
    """Parties to a dispute (当事人), with or without phone, identity number, resident id."""
    check_hostile(hostile)
    resident_id = opt(entity_ids(hostile=hostile)) if resident_id is None else resident_id
    check_strategy(resident_id, "resident_id")
    return st.builds(
        Party,
        name=person_names(hostile=hostile),
        resident_id=resident_id,
        phone=opt(phone_numbers()),
        id_number=opt(id_numbers(hostile=hostile)),
    )


#: Units a 12345 work order is dispatched to (承办单位).
_UNITS = (
    "区城市管理委员会",
    "街道城管科",
    "区住房和城乡建设委员会",
    "区水务局",
    "供电公司",
    "物业公司",
)


def unit_names(*, hostile: bool = False) -> st.SearchStrategy[str]:
    """Names of the units a work order is dispatched to (承办单位), or any text."""
    check_hostile(hostile)
    return st.sampled_from(_UNITS) | texts(hostile=hostile)


_DISPATCHES = (RequestEventKind.ASSIGNED, RequestEventKind.REASSIGNED)


@st.composite
def _request_events(
    draw: st.DrawFn,
    kinds: st.SearchStrategy[RequestEventKind],
    dates: st.SearchStrategy[dt.date],
    max_extension_days: int,
    hostile: bool,
) -> RequestEvent:
    kind = draw(kinds)
    on = draw(dates)
    days = approved_by = None
    if kind is RequestEventKind.EXTENDED:
        days = draw(st.integers(1, max_extension_days))
        approved_by = draw(entity_ids(hostile=hostile))
    at = None
    if draw(st.booleans()):
        [local] = times_on(draw, [on], after=None, hostile=hostile)
        at = None if local is None else timestamp(local, draw(time_zones(hostile)))
    unit = draw(unit_names(hostile=hostile)) if kind in _DISPATCHES else None
    if kind is RequestEventKind.RETURNED:
        unit = draw(opt(unit_names(hostile=hostile)))
    return RequestEvent(
        on=on,
        kind=kind,
        days=days,
        approved_by=approved_by,
        note=draw(opt(texts(hostile=hostile))),
        at=at,
        satisfaction=(
            draw(st.sampled_from(Satisfaction)) if kind is RequestEventKind.REVISITED else None
        ),
        unit=unit,
    )


def request_events(
    *,
    kinds: st.SearchStrategy[RequestEventKind] | None = None,
    dates: st.SearchStrategy[dt.date] | None = None,
    max_extension_days: int = 30,
    hostile: bool = False,
) -> st.SearchStrategy[RequestEvent]:
    """Single steps of a request's history: an extension has ``days > 0`` and an
    ``approved_by``, a return call (回访) a satisfaction, a dispatch (派单, 改派) its
    unit; about half carry a time (``at``) on their day, naive or in some zone.
    :func:`service_requests` builds whole consistent histories."""
    check_hostile(hostile)
    kinds = st.sampled_from(RequestEventKind) if kinds is None else kinds
    dates = event_dates(hostile) if dates is None else dates
    check_strategy(kinds, "kinds")
    check_strategy(dates, "dates")
    _check_positive(max_extension_days, "max_extension_days")
    return _request_events(kinds, dates, max_extension_days, hostile)


def _check_positive(value: object, name: str) -> None:
    check_size(0, value, max_name=name)
    if value == 0:
        msg = f"{name}=0 must be at least 1"
        raise InvalidArgument(msg)
    if isinstance(value, int) and value > MAX_DAYS:
        msg = f"{name}={value} is more than a time limit or an extension can be ({MAX_DAYS} days)"
        raise InvalidArgument(msg)


#: The units of a limit counted in days, the default of :func:`time_limits`.
DAY_UNITS = (TimeUnit.WORKING_DAYS, TimeUnit.NATURAL_DAYS)


def time_limits(
    *,
    units: st.SearchStrategy[TimeUnit] | None = None,
    max_amount: int = 60,
) -> st.SearchStrategy[TimeLimit]:
    """Time limits (时限) of 1 to ``max_amount`` working or natural days.

    The default stays within what service items are given in practice, so that a
    deadline stays inside the years a working-day calendar covers. Limits in hours (a
    hotline's response) are drawn only when ``units`` includes ``TimeUnit.HOURS``
    (``hostile`` service items do): the day-counting laws do not hold for them.
    """
    units = st.sampled_from(DAY_UNITS) if units is None else units
    check_strategy(units, "units")
    _check_positive(max_amount, "max_amount")
    return st.builds(TimeLimit, amount=st.integers(1, max_amount), unit=units)
