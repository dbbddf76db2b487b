"""The lifecycle tables themselves (``shequ_core.workflow``): laws of the graphs.

Every row can be taken by some walk from the start that honours the rows' ``after``
events; from every state a final state can be reached; a recorded step names at most
one row; and every event kind and status of the model has its place in a table. The
search here is written afresh, not borrowed from the strategies, so that it checks
them too.
"""

from __future__ import annotations

from collections import deque

import pytest

from shequ_core.entities import (
    CaseEventKind,
    DisputeStatus,
    RequestEventKind,
    RequestStatus,
)
from shequ_core.workflow import (
    CASE_LIFECYCLE,
    LIFECYCLES,
    REQUEST_LIFECYCLE,
    Lifecycle,
    Transition,
)

TABLES = pytest.mark.parametrize("table", LIFECYCLES, ids=lambda t: t.name)

Config = tuple[object, frozenset[object]]


def _moves(table: Lifecycle, config: Config) -> list[tuple[Transition, Config]]:
    """The rows a record may take in ``config`` (its state and the guarded events its
    past allows), each with the configuration it leads to."""
    state, licensed = config
    out = []
    for t in table.transitions:
        if t.source is not state or (t.after is not None and t.event not in licensed):
            continue
        now = set(licensed) - {t.event}
        now |= {g.event for g in table.transitions if g.after is not None and g.after is t.event}
        out.append((t, (t.target, frozenset(now))))
    return out


def _explore(table: Lifecycle) -> tuple[set[Config], set[Transition]]:
    start: Config = (table.start, frozenset())
    seen, taken = {start}, set()
    queue = deque([start])
    while queue:
        for t, nxt in _moves(table, queue.popleft()):
            taken.add(t)
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen, taken


@TABLES
def test_every_row_is_reachable_from_the_start(table: Lifecycle) -> None:
    """No row is dead: some history the table allows takes each one."""
    _, taken = _explore(table)
    assert [t for t in table.transitions if t not in taken] == []


@TABLES
def test_every_reachable_configuration_can_still_end(table: Lifecycle) -> None:
    """Wherever a record stands, some allowed continuation brings it to a final state."""
    configs, _ = _explore(table)
    stuck = []
    for config in configs:
        queue, seen = deque([config]), {config}
        while queue:
            here = queue.popleft()
            if here[0] in table.final:
                break
            for _, nxt in _moves(table, here):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        else:
            stuck.append(config)
    assert stuck == []


@TABLES
def test_a_recorded_step_names_one_row(table: Lifecycle) -> None:
    """A request's event (source, kind) and a case's (source, kind, status) match at
    most one row, so the walk never has to choose."""
    keys = [
        (t.source, t.event) if table is REQUEST_LIFECYCLE else (t.source, t.event, t.target)
        for t in table.transitions
    ]
    assert len(keys) == len(set(keys))


def test_an_event_that_moves_a_request_moves_it_to_one_state() -> None:
    """Where a forbidden event leaves a request (the walk goes on from there) is
    defined: each event's rows that change the state all lead to the same one."""
    for kind in RequestEventKind:
        targets = {
            t.target for t in REQUEST_LIFECYCLE.transitions if t.event is kind and not t.is_loop
        }
        assert len(targets) <= 1, kind


@TABLES
def test_implied_rows_are_unconditional_and_conditions_name_events_of_the_table(
    table: Lifecycle,
) -> None:
    events = {t.event for t in table.transitions}
    for t in table.transitions:
        assert not (t.implied and t.after is not None), t
        assert t.after is None or t.after in events, t


def test_every_kind_and_status_has_its_place() -> None:
    """Every event kind and status of the model is named by its table."""
    request_events = {t.event for t in REQUEST_LIFECYCLE.transitions}
    case_events = {t.event for t in CASE_LIFECYCLE.transitions}
    assert request_events == set(RequestEventKind)
    assert case_events == {*CaseEventKind, None}
    assert set(REQUEST_LIFECYCLE.states) == set(RequestStatus)
    assert set(CASE_LIFECYCLE.states) == set(DisputeStatus)


def test_the_rows_of_practice_and_law() -> None:
    """The steps the issue names: 退单 then 改派; 回访 after 办结, 重办 after 回访; an
    agreement's confirmation after its application (人民调解法 第33条)."""
    R, K = RequestStatus, RequestEventKind
    rows = {(t.source, t.event): t for t in REQUEST_LIFECYCLE.transitions}
    assert rows[R.ASSIGNED, K.RETURNED].target is R.RETURNED
    assert rows[R.RETURNED, K.REASSIGNED].target is R.ASSIGNED
    assert rows[R.COMPLETED, K.REVISITED].target is R.COMPLETED
    assert rows[R.COMPLETED, K.REOPENED].after is K.REVISITED
    assert (R.IN_PROGRESS, K.REVISITED) not in rows
    assert (R.COMPLETED, K.RETURNED) not in rows
    (confirmed,) = [t for t in CASE_LIFECYCLE.transitions if t.event is CaseEventKind.CONFIRMED]
    assert confirmed.after is CaseEventKind.CONFIRMATION_APPLIED
    assert confirmed.source is DisputeStatus.AGREEMENT_REACHED
    assert confirmed.actor.label_zh == "人民法院"
