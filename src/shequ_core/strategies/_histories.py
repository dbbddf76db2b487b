"""Histories as random walks over a lifecycle table (:mod:`shequ_core.workflow`).

A walk starts where the table starts and takes rows the table allows, honouring each
row's ``after`` event, and ends in the state it is asked for: at each step it takes only
rows from which that state can still be reached (half the time the first of them, the
row the table lists first), and after ``max_steps`` it goes there by a shortest way. The record
strategies turn the rows into events and may leave out the rows the table marks
implied, as registers do; :func:`~shequ_core.workflow.check_history` accepts every
history drawn here (a property test holds it to that).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import deque
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from shequ_core.entities import (
    CaseEvent,
    DisputeStatus,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    Satisfaction,
)
from shequ_core.strategies._common import entity_ids, opt, texts
from shequ_core.strategies._dates import later, time_zones, times_on, timestamp
from shequ_core.strategies._values import unit_names
from shequ_core.workflow import CASE_LIFECYCLE, REQUEST_LIFECYCLE, Lifecycle, Transition

__all__ = ["case_history", "request_history", "walks"]

#: Where a walk stands: the state, and the guarded events its past allows now.
_Config = tuple[object, frozenset[Any]]


def _apply(table: Lifecycle, config: _Config, t: Transition) -> _Config:
    return t.target, table.licensed([t.event], config[1])


def _options(table: Lifecycle, config: _Config) -> list[Transition]:
    state, licensed = config
    return [t for t in table.leaving(state) if t.after is None or t.event in licensed]  # type: ignore[arg-type]


@functools.cache
def _graph(table: Lifecycle) -> dict[_Config, list[tuple[Transition, _Config]]]:
    """Every configuration a walk can reach, with the rows that leave it."""
    start: _Config = (table.start, frozenset())
    graph: dict[_Config, list[tuple[Transition, _Config]]] = {}
    queue = deque([start])
    while queue:
        config = queue.popleft()
        if config in graph:
            continue
        graph[config] = [(t, _apply(table, config, t)) for t in _options(table, config)]
        queue.extend(nxt for _, nxt in graph[config] if nxt not in graph)
    return graph


@functools.cache
def _distance(table: Lifecycle, goal: object) -> dict[_Config, int]:
    """How many rows each configuration is from ``goal`` (unreachable ones left out)."""
    graph = _graph(table)
    back: dict[_Config, list[_Config]] = {}
    for config, edges in graph.items():
        for _, nxt in edges:
            back.setdefault(nxt, []).append(config)
    dist = {c: 0 for c in graph if c[0] is goal}
    queue = deque(dist)
    while queue:
        config = queue.popleft()
        for prev in back.get(config, ()):
            if prev not in dist:
                dist[prev] = dist[config] + 1
                queue.append(prev)
    return dist


@st.composite
def _walks(
    draw: st.DrawFn,
    table: Lifecycle,
    goal: object,
    max_steps: int,
    allow: Callable[[list[Transition], Transition], bool],
) -> list[Transition]:
    dist = _distance(table, goal)
    config: _Config = (table.start, frozenset())
    path: list[Transition] = []
    for _ in range(max_steps):
        if config[0] is goal and draw(st.booleans()):
            return path
        moves = [(t, nxt) for t, nxt in _graph(table)[config] if nxt in dist and allow(path, t)]
        if not moves:
            break
        # Half the time the first row the table lists (what data should show most).
        t, config = moves[0] if draw(st.booleans()) else draw(st.sampled_from(moves))
        path.append(t)
    while config[0] is not goal:  # the shortest way home
        t, config = min(
            ((t, nxt) for t, nxt in _graph(table)[config] if nxt in dist),
            key=lambda move: dist[move[1]],
        )
        path.append(t)
    return path


def walks(
    table: Lifecycle,
    goal: object,
    *,
    max_steps: int = 8,
    allow: Callable[[list[Transition], Transition], bool] | None = None,
) -> st.SearchStrategy[list[Transition]]:
    """Walks over ``table`` from its start to the state ``goal``: the rows taken, in
    order. ``allow(path, row)`` may refuse a row after ``path`` (to bound how often a
    kind of event happens); the way home at the end ignores it. ``goal`` must be a state
    the table reaches from its start (every state is: tests/workflow/test_tables.py)."""
    return _walks(table, goal, max_steps, allow or (lambda path, t: True))


def _kept(draw: st.DrawFn, path: list[Transition]) -> list[Transition]:
    """The rows a register records: each implied row may be left out (one in four),
    unless a step of a kind follows it in the state it led to (the agreement before its
    confirmation, the dispatch before its supervision)."""
    kept = []
    for i, t in enumerate(path):
        nxt = path[i + 1] if i + 1 < len(path) else None
        needed = nxt is not None and nxt.is_loop and nxt.event is not None
        if needed or not (t.implied and draw(st.integers(0, 3)) == 0):
            kept.append(t)
    return kept


def _days(draw: st.DrawFn, start: dt.date, n: int, *, end: dt.date) -> list[dt.date] | None:
    """``n`` different days from ``start`` on, oldest first, within 180 days and on or
    before ``end``; ``None`` if there are not so many. Different days, since events of one
    day take effect in the fixed order of their kinds, not in the walk's."""
    last = later(draw, start, max_days=180, end=end)
    span = max((last - start).days, min(n - 1, (end - start).days, 180))
    if span + 1 < n:
        return None
    offsets = draw(st.lists(st.integers(0, span), min_size=n, max_size=n, unique=True))
    return [start + dt.timedelta(days=k) for k in sorted(offsets)]


_K = RequestEventKind
#: The events that name a unit (承办单位): a dispatch must, a return may.
_TO_UNIT = frozenset({_K.ASSIGNED, _K.RETURNED, _K.REASSIGNED})
#: Most callers are satisfied (满意率 is commonly above 90%).
_GRADES = [Satisfaction.SATISFIED] * 8 + [
    Satisfaction.BASICALLY_SATISFIED,
    Satisfaction.DISSATISFIED,
]


@st.composite
def request_history(
    draw: st.DrawFn,
    received: dt.date,
    status: RequestStatus,
    *,
    max_pauses: int,
    max_extension_days: int,
    end: dt.date,
    hostile: bool,
) -> tuple[list[RequestEvent], dt.date | None, dt.datetime | None]:
    """The events of a request received on ``received`` whose history leads to
    ``status``; its ``completed_on``; and its ``received_at`` where a hotline system
    stamps every step (a hall's ledger only dates them: None).

    A walk over the request table with at most ``max_pauses`` closed suspensions and
    extensions of at most ``max_extension_days`` in all; a return call records the
    caller's grade (不满意 when the order is reopened after it), a dispatch its unit."""
    max_ext = min(2, max_extension_days)

    def allow(path: list[Transition], t: Transition) -> bool:
        if t.event is _K.SUSPENDED:
            return sum(p.event is _K.SUSPENDED for p in path) < max_pauses
        if t.event is _K.EXTENDED:
            return sum(p.event is _K.EXTENDED for p in path) < max_ext
        # a response, a supervision, a return call: at most twice
        return not t.is_loop or sum(p.event is t.event for p in path) < 2

    path = _kept(draw, draw(walks(REQUEST_LIFECYCLE, status, allow=allow)))
    days = _days(draw, received, len(path), end=end)
    if days is None:  # too close to the calendar's end: the shortest history
        path = [t for t in draw(walks(REQUEST_LIFECYCLE, status, max_steps=0)) if not t.implied]
        days = [received] * len(path)
    zone = draw(time_zones(hostile))
    received_at = times = None
    if draw(st.booleans()):
        [received_at] = times_on(draw, [received], after=None, hostile=hostile)
        times = times_on(draw, days, after=received_at, hostile=hostile)
    n_ext = sum(t.event is _K.EXTENDED for t in path)
    budget = max_extension_days
    events: list[RequestEvent] = []
    for i, (day, t) in enumerate(zip(days, path, strict=True)):
        extra: dict[str, object] = {}
        if t.event is _K.EXTENDED:
            n_ext -= 1
            extra["days"] = days_ = draw(st.integers(1, budget - n_ext))
            budget -= days_
            extra["approved_by"] = draw(entity_ids(hostile=hostile))
        elif t.event is _K.REVISITED:
            reopened = i + 1 < len(path) and path[i + 1].event is _K.REOPENED
            extra["satisfaction"] = (
                Satisfaction.DISSATISFIED if reopened else draw(st.sampled_from(_GRADES))
            )
        elif t.event in _TO_UNIT:
            extra["unit"] = draw(unit_names(hostile=hostile))
        local = None if times is None else times[i]
        events.append(
            RequestEvent(
                on=day,
                kind=t.event,  # type: ignore[arg-type]
                note=draw(opt(texts(hostile=hostile))),
                at=None if local is None else timestamp(local, zone),
                **extra,  # type: ignore[arg-type]
            )
        )
    completions = [e.on for e in events if e.kind is _K.COMPLETED]
    completed_on = None
    if status is RequestStatus.COMPLETED:
        completed_on = (
            completions[-1] if completions else later(draw, received, max_days=90, end=end)
        )
    stamp = None if received_at is None else timestamp(received_at, zone)
    return events, completed_on, stamp


@st.composite
def case_history(
    draw: st.DrawFn, received: dt.date, status: DisputeStatus, *, end: dt.date, hostile: bool
) -> tuple[list[CaseEvent], dt.date | None]:
    """The events of a dispute case received on ``received`` whose history leads to
    ``status``, oldest first, and its ``closed_on``. Registers often keep only part of a
    case's status changes, so the plain changes may be left out; when the last one is,
    all are (the status records it)."""

    def allow(path: list[Transition], t: Transition) -> bool:
        return t.event is None or sum(p.event is t.event for p in path) < 2

    path = draw(walks(CASE_LIFECYCLE, status, allow=allow))
    kept = _kept(draw, path)
    if path and (not kept or kept[-1] is not path[-1]):
        kept = []
    receipt = CASE_LIFECYCLE.receipt
    recorded = draw(st.integers(0, 3)) > 0  # most registers record the receipt
    if receipt is not None and (kept or status is receipt.target) and recorded:
        kept.insert(0, receipt)  # the receipt recorded as an event
    days = _days(draw, received, len(kept), end=end) or [received] * len(kept)
    events = [
        CaseEvent(on=day, status=t.target, kind=t.event, note=draw(opt(texts(hostile=hostile))))  # type: ignore[arg-type]
        for day, t in zip(days, kept, strict=True)
    ]
    closed_on = None
    if status is DisputeStatus.CLOSED or (not status.is_open and draw(st.booleans())):
        start = events[-1].on if events else received
        closed_on = (
            start
            if status is DisputeStatus.CLOSED and events
            else later(draw, start, max_days=90, end=end)
        )
    return events, closed_on
