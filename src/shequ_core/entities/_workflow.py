"""Case lifecycles as data: what may happen to a work order (工单) or a dispute case, and when.

The public home of these names is :mod:`shequ_core.workflow`; they live here, beside the
records, so that :class:`~shequ_core.entities.Dataset` can refuse a history the tables
forbid.

The texts the tables follow, and what they leave out, open :mod:`shequ_core.workflow`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import deque
from collections.abc import Callable, Iterable, Sequence

import attrs

from shequ_core.entities._cases import DisputeCase, ServiceRequest, ordered_request_events
from shequ_core.entities._enums import (
    CaseEventKind,
    DisputeStatus,
    LabelledEnum,
    RequestEventKind,
    RequestStatus,
)
from shequ_core.errors import Loc, Problem

__all__ = [
    "CASE_LIFECYCLE",
    "LIFECYCLES",
    "REQUEST_LIFECYCLE",
    "Actor",
    "Lifecycle",
    "Step",
    "Trace",
    "Transition",
    "allowed_next",
    "check_history",
    "lifecycle_of",
    "trace_history",
]

#: A state of a lifecycle: the record's status.
State = RequestStatus | DisputeStatus
#: What causes a step: an event kind; ``None`` in the case table is a plain status change
#: (a :class:`~shequ_core.entities.CaseEvent` without a kind).
Event = RequestEventKind | CaseEventKind | None


class Actor(LabelledEnum):
    """The side that may take a step (办理主体), as the 12345 rules and 人民调解法 name them."""

    CALLER = "caller", "来电人"  # 诉求人: the resident who called or applied
    HOTLINE = "hotline", "热线平台"  # 12345 热线 (接诉即办) centre: 受理、派单、回访
    UNIT = "unit", "承办单位"  # the unit the order is sent to: 响应、办理、退单
    SUPERVISOR = "supervisor", "督办方"  # 督办: the centre or the government above
    MEDIATOR = "mediator", "调解员"  # the people's mediation committee and its mediators
    PARTIES = "parties", "当事人"  # the parties to a dispute
    COURT = "court", "人民法院"  # the court that confirms an agreement (第33条)


@attrs.frozen
class Transition:
    """One row of a table: ``event`` takes a record from ``source`` to ``target``.

    ``actor`` is the side that may take it. ``after``, when set, is the event that must
    have happened since the last step of this kind (a reopening after a revisit). An
    ``implied`` step may go unrecorded: registers often keep only the later steps, so it
    is taken to have happened where a recorded step needs it.
    """

    source: State
    event: Event
    target: State
    actor: Actor
    after: Event = None
    implied: bool = False

    @property
    def is_loop(self) -> bool:
        """Whether the step leaves the state as it was (an extension, a supervision)."""
        return self.source is self.target

    def label(self, lang: str = "zh") -> str:
        """The event's label, or the target's for a plain status change."""
        return self.target.label(lang) if self.event is None else self.event.label(lang)


@attrs.frozen
class Lifecycle:
    """A table of transitions, with the state a record starts in and its final states.

    The strategies take the first row leaving a state half the time, so a table lists
    first the row generated data should show most (the way on, a suspension).

    ``receipt``, where set, is the receipt itself (受理) as a row from the start to the
    start: a history may record it as its first event, and nowhere else.
    """

    name: str
    label_zh: str
    start: State
    final: frozenset[State]
    transitions: tuple[Transition, ...]
    receipt: Transition | None = None
    _by_source: dict[State, tuple[Transition, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_source: dict[State, tuple[Transition, ...]] = {}
        for t in self.transitions:
            by_source[t.source] = (*by_source.get(t.source, ()), t)
        object.__setattr__(self, "_by_source", by_source)

    @property
    def states(self) -> tuple[State, ...]:
        """Every state the table names: the start, then in the order the rows name them."""
        seen: dict[State, None] = {self.start: None}
        for t in self.transitions:
            seen.setdefault(t.source)
            seen.setdefault(t.target)
        return tuple(seen)

    def leaving(self, state: State) -> tuple[Transition, ...]:
        """The rows whose source is ``state``, in table order."""
        return self._by_source.get(state, ())

    def licensed(
        self, events: Iterable[Event], before: frozenset[Event] = frozenset()
    ) -> frozenset[Event]:
        """The events of the rows with an ``after`` that may be taken once ``events`` have
        happened, in order (``before``: those that could be taken before them). A row's
        ``after`` allows one step of its kind: a revisit one reopening (重办), an
        application one confirmation. The checks and the strategies both ask this."""
        out = set(before)
        for event in events:
            out.discard(event)
            out.update(
                t.event for t in self.transitions if t.after is not None and t.after is event
            )
        return frozenset(out)


_K = RequestEventKind
_R = RequestStatus
_A = Actor


def _t(source: State, event: Event, target: State, actor: Actor, **kw: object) -> Transition:
    return Transition(source, event, target, actor, **kw)  # type: ignore[arg-type]


#: 12345 工单 (接诉即办) and the service hall's requests: one table. A hall request is
#: started (开始办理) where it is received; a hotline order is dispatched first.
REQUEST_LIFECYCLE = Lifecycle(
    name="service_request",
    label_zh="服务工单（接诉即办）",
    start=_R.RECEIVED,
    final=frozenset({_R.COMPLETED, _R.CANCELLED}),
    transitions=(
        # 受理 -> 派单, or the hall starts at once, or the hotline answers on the call
        _t(_R.RECEIVED, _K.ASSIGNED, _R.ASSIGNED, _A.HOTLINE, implied=True),
        _t(_R.RECEIVED, _K.STARTED, _R.IN_PROGRESS, _A.UNIT, implied=True),
        _t(_R.RECEIVED, _K.COMPLETED, _R.COMPLETED, _A.HOTLINE),  # 直接办结 (咨询)
        _t(_R.RECEIVED, _K.CANCELLED, _R.CANCELLED, _A.CALLER),
        # 派单 -> 响应 (the unit's first reply to the caller), 退单, or handling;
        # 督办 when the response is late
        _t(_R.ASSIGNED, _K.RESPONDED, _R.ASSIGNED, _A.UNIT),
        _t(_R.ASSIGNED, _K.RETURNED, _R.RETURNED, _A.UNIT),
        _t(_R.ASSIGNED, _K.STARTED, _R.IN_PROGRESS, _A.UNIT, implied=True),
        _t(_R.ASSIGNED, _K.SUPERVISED, _R.ASSIGNED, _A.SUPERVISOR),
        _t(_R.ASSIGNED, _K.CANCELLED, _R.CANCELLED, _A.CALLER),
        # 退单 -> 改派
        _t(_R.RETURNED, _K.REASSIGNED, _R.ASSIGNED, _A.HOTLINE),
        _t(_R.RETURNED, _K.CANCELLED, _R.CANCELLED, _A.CALLER),
        # 办理中: 中止, 延期, 督办 on the way, 办结
        _t(_R.IN_PROGRESS, _K.SUSPENDED, _R.SUSPENDED, _A.UNIT),
        _t(_R.IN_PROGRESS, _K.EXTENDED, _R.IN_PROGRESS, _A.UNIT),
        _t(_R.IN_PROGRESS, _K.SUPERVISED, _R.IN_PROGRESS, _A.SUPERVISOR),
        _t(_R.IN_PROGRESS, _K.COMPLETED, _R.COMPLETED, _A.UNIT),
        _t(_R.IN_PROGRESS, _K.CANCELLED, _R.CANCELLED, _A.CALLER),
        # 中止 -> 恢复; an extension may be granted while the clock stands
        _t(_R.SUSPENDED, _K.RESUMED, _R.IN_PROGRESS, _A.UNIT),
        _t(_R.SUSPENDED, _K.EXTENDED, _R.SUSPENDED, _A.UNIT),
        _t(_R.SUSPENDED, _K.CANCELLED, _R.CANCELLED, _A.CALLER),
        # 办结 -> 回访; 不满意 -> 重办, sent back to the unit
        _t(_R.COMPLETED, _K.REVISITED, _R.COMPLETED, _A.HOTLINE),
        _t(_R.COMPLETED, _K.REOPENED, _R.ASSIGNED, _A.HOTLINE, after=_K.REVISITED),
    ),
)

_D = DisputeStatus
_C = CaseEventKind

#: 人民调解: a dispute case from 受理 to 结案. Plain status changes (an event without a
#: kind) may go unrecorded; the confirmation and the follow-up may not.
CASE_LIFECYCLE = Lifecycle(
    name="dispute_case",
    label_zh="矛盾纠纷（人民调解）",
    start=_D.RECEIVED,
    final=frozenset({_D.CLOSED}),
    receipt=_t(_D.RECEIVED, None, _D.RECEIVED, _A.MEDIATOR),  # 第17条: 受理, as an event
    transitions=(
        _t(_D.RECEIVED, None, _D.MEDIATING, _A.MEDIATOR, implied=True),
        _t(_D.RECEIVED, None, _D.REFERRED, _A.MEDIATOR, implied=True),
        _t(_D.RECEIVED, None, _D.WITHDRAWN, _A.PARTIES, implied=True),  # 第23条
        _t(_D.MEDIATING, None, _D.AGREEMENT_REACHED, _A.PARTIES, implied=True),  # 第28条
        _t(_D.MEDIATING, None, _D.FAILED, _A.MEDIATOR, implied=True),  # 第26条
        _t(_D.MEDIATING, None, _D.REFERRED, _A.MEDIATOR, implied=True),
        _t(_D.MEDIATING, None, _D.WITHDRAWN, _A.PARTIES, implied=True),  # 第23条
        # 第26条: mediation that fails is ended, and the parties told where else to go
        _t(_D.FAILED, None, _D.REFERRED, _A.MEDIATOR, implied=True),
        # 第33条 and 第31条: the agreement confirmed by a court, and followed up
        _t(_D.AGREEMENT_REACHED, _C.CONFIRMATION_APPLIED, _D.AGREEMENT_REACHED, _A.PARTIES),
        _t(
            _D.AGREEMENT_REACHED,
            _C.CONFIRMED,
            _D.AGREEMENT_REACHED,
            _A.COURT,
            after=_C.CONFIRMATION_APPLIED,
        ),
        _t(_D.AGREEMENT_REACHED, _C.FOLLOWED_UP, _D.AGREEMENT_REACHED, _A.MEDIATOR),
        # 结案
        _t(_D.AGREEMENT_REACHED, None, _D.CLOSED, _A.MEDIATOR, implied=True),
        _t(_D.FAILED, None, _D.CLOSED, _A.MEDIATOR, implied=True),
        _t(_D.REFERRED, None, _D.CLOSED, _A.MEDIATOR, implied=True),
        _t(_D.WITHDRAWN, None, _D.CLOSED, _A.MEDIATOR, implied=True),
    ),
)

#: Every table, by name.
LIFECYCLES: tuple[Lifecycle, ...] = (REQUEST_LIFECYCLE, CASE_LIFECYCLE)


@attrs.frozen
class Step:
    """One step a record's history takes: from ``source`` by ``event`` to ``target``.

    ``index`` is the event's position in the record's ``events`` (``None``: a step
    not recorded, taken as implied or as the step the status records); ``on`` its date.
    ``transition`` is the table's row, or ``None`` for a step the table forbids.
    """

    source: State
    event: Event
    target: State
    index: int | None
    on: dt.date | None
    transition: Transition | None

    @property
    def allowed(self) -> bool:
        """Whether the table allows the step."""
        return self.transition is not None


@attrs.frozen
class Trace:
    """Where a record's history leads: its steps, the state it ends in, what is wrong."""

    lifecycle: Lifecycle
    steps: tuple[Step, ...]
    state: State
    problems: tuple[Problem, ...]

    def states(self) -> tuple[State, ...]:
        """The states the record passed through, its start first."""
        return (self.lifecycle.start, *(s.target for s in self.steps))

    def was(self, event: Event) -> bool:
        """Whether an allowed step was taken by ``event`` (``REOPENED``: was it reopened)."""
        return any(s.allowed and s.event is event for s in self.steps)


def lifecycle_of(record: ServiceRequest | DisputeCase) -> Lifecycle:
    """The table a record follows."""
    return REQUEST_LIFECYCLE if isinstance(record, ServiceRequest) else CASE_LIFECYCLE


# -- checking a history ----------------------------------------------------------------

#: One recorded event as the checker reads it: position, date, event, the status it
#: records (cases only) and where a problem with it is reported.
_Seen = tuple[int, dt.date, Event, "State | None", Loc]


def _recorded(record: ServiceRequest | DisputeCase, as_of: dt.date | None) -> list[_Seen]:
    out: list[_Seen] = []
    if isinstance(record, ServiceRequest):
        where: dict[int, list[int]] = {}
        for i, e in enumerate(record.events):
            where.setdefault(id(e), []).append(i)
        for req in ordered_request_events(record.events):
            i = where[id(req)].pop(0)
            if as_of is None or req.on <= as_of:
                out.append((i, req.on, req.kind, None, ("events", i, "kind")))
        return out
    for i, case in enumerate(record.events):
        if as_of is None or case.on <= as_of:
            field = "status" if case.kind is None else "kind"
            out.append((i, case.on, case.kind, case.status, ("events", i, field)))
    return out


def _matches(t: Transition, event: Event, target: State | None) -> bool:
    return t.event is event and (target is None or t.target is target)


def _licensed(table: Lifecycle, t: Transition, steps: Sequence[Step]) -> bool:
    """Whether row ``t`` may be taken after ``steps`` (:meth:`Lifecycle.licensed`)."""
    return t.after is None or t.event in table.licensed(s.event for s in steps if s.allowed)


def _takes(
    table: Lifecycle, event: Event, target: State | None, steps: Sequence[Step], t: Transition
) -> bool:
    """Whether row ``t`` takes ``event`` (to ``target``) after ``steps``."""
    return _matches(t, event, target) and _licensed(table, t, steps)


def _implied_path(
    table: Lifecycle, state: State, last: Callable[[Transition], bool]
) -> list[Transition] | None:
    """The shortest run of implied rows from ``state`` to a row for which ``last`` holds:
    the implied rows first, that row last; ``None`` if there is none."""
    queue: deque[tuple[State, list[Transition]]] = deque([(state, [])])
    seen = {state}
    while queue:
        here, path = queue.popleft()
        for t in table.leaving(here):
            if last(t):
                return [*path, t]
        for t in table.leaving(here):
            if t.implied and t.target not in seen:
                seen.add(t.target)
                queue.append((t.target, [*path, t]))
    return None


def _where_it_says(table: Lifecycle, state: State, event: Event, target: State | None) -> State:
    """Where a forbidden step leaves the record: the status the event records; else the
    one state the table's rows for that event lead to, leaving loops aside; else (an
    event whose rows are all loops, or which has none) where it was."""
    if target is not None:
        return target
    targets = {t.target for t in table.transitions if t.event is event and not t.is_loop}
    return targets.pop() if len(targets) == 1 else state


def _label(x: State | Event) -> str:
    return "a plain status change" if x is None else f"{x.label_en} ({x.label_zh})"


def _forbidden(table: Lifecycle, state: State, event: Event, target: State | None) -> str:
    rows = [t for t in table.transitions if _matches(t, event, target) and t.source is state]
    if event is None:
        return f"a change to {_label(target)} cannot follow {_label(state)}"
    if rows and rows[0].after is not None:
        after = _label(rows[0].after)
        return f"the event {_label(event)} must follow {after} since the last {_label(event)}"
    return f"the event {_label(event)} cannot follow {_label(state)}"


def _walk(
    record: ServiceRequest | DisputeCase, as_of: dt.date | None
) -> tuple[Lifecycle, list[Step], list[Problem]]:
    table = lifecycle_of(record)
    state = table.start
    steps: list[Step] = []
    problems: list[Problem] = []
    for i, on, event, target, loc in _recorded(record, as_of):
        receipt = table.receipt
        if not steps and receipt is not None and _matches(receipt, event, target):
            steps.append(Step(state, event, state, i, on, receipt))
            continue
        path = _implied_path(table, state, functools.partial(_takes, table, event, target, steps))
        if path is None:
            problems.append(
                Problem(loc, _forbidden(table, state, event, target), "forbidden_transition")
            )
            after = _where_it_says(table, state, event, target)
            steps.append(Step(state, event, after, i, on, None))
            state = after
            continue
        for t in path[:-1]:
            steps.append(Step(t.source, t.event, t.target, None, None, t))
        steps.append(Step(path[-1].source, event, path[-1].target, i, on, path[-1]))
        state = path[-1].target
    return table, steps, problems


def _reach_status(table: Lifecycle, state: State, status: State, steps: list[Step]) -> bool:
    """Extend ``steps`` with unrecorded steps from ``state`` to ``status``: implied ones,
    then at most one more step into ``status``, the one the status records."""
    if state is status:
        return True
    path = _implied_path(
        table,
        state,
        lambda t: t.target is status and not t.is_loop and _licensed(table, t, steps),
    )
    if path is None:
        return False
    steps.extend(Step(p.source, p.event, p.target, None, None, p) for p in path)
    return True


def trace_history(record: ServiceRequest | DisputeCase) -> Trace:
    """Follow a record's events through its table, and its status after them.

    Each recorded event is one step, in the order the events took effect (a request's
    by :func:`~shequ_core.entities.ordered_request_events`, a case's as listed). A step
    the table does not allow from the current state is still allowed when *implied*
    rows lead to a state that allows it: a request's dispatch and start (派单, 开始办理)
    and a case's plain status changes may go unrecorded, and are added as steps with
    ``index=None``. Any other step the table does not allow is forbidden: it is
    reported (``forbidden_transition``, at ``("events", i, "kind")``, or ``"status"``
    for a case's plain change), and the walk goes on from where the event says the
    record went (the status a case's event records; the one state the table's rows for
    that event lead to; or, for an event whose rows all leave the state as it was,
    the state it was in), so that every forbidden step is found, not only the first.

    Last, the record's ``status`` must be where the history leads, or a state reached
    from there by implied steps and at most one step more, the one the status itself
    records (a request completed with no event for it). Otherwise the status is
    reported, at ``("status",)``; it is checked only against a history the table allows,
    since after a forbidden step where the history leads is a guess.
    """
    table, steps, problems = _walk(record, None)
    state = steps[-1].target if steps else table.start
    if not problems and not _reach_status(table, state, record.status, steps):
        msg = f"the history leads to {_label(state)}, not to the status {_label(record.status)}"
        problems.append(Problem("status", msg, "forbidden_transition"))
    state = steps[-1].target if steps else table.start
    return Trace(table, tuple(steps), state, tuple(problems))


def check_history(record: ServiceRequest | DisputeCase) -> list[Problem]:
    """Every step of the record's history that its table forbids (see :func:`trace_history`);
    empty when the history is allowed. Each problem's ``loc`` is inside the record."""
    return list(trace_history(record).problems)


def allowed_next(record: ServiceRequest | DisputeCase, as_of: dt.date) -> list[Transition]:
    """The rows of the table the record may take next, as of the end of ``as_of``.

    The events dated after ``as_of`` are left out; where none are, the record is in its
    status. A row with an ``after`` event is offered only once that event has happened
    since the last step of its kind. Empty before the record was received, and for a
    history the table forbids (fix the history first).
    """
    if as_of < record.received_on:
        return []
    table, steps, problems = _walk(record, as_of)
    if problems:
        return []
    state = steps[-1].target if steps else table.start
    if all(e.on <= as_of for e in record.events):
        if not _reach_status(table, state, record.status, steps):
            return []
        state = record.status
    return [t for t in table.leaving(state) if _licensed(table, t, steps)]
