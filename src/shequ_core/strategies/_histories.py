"""Histories as random walks over a lifecycle table (:mod:`shequ_core.workflow`).

A walk starts where the table starts and takes rows the table allows, honouring each
row's ``after`` event, and ends in the state it is asked for: at each step it takes only
rows from which that state can still be reached, and after ``max_steps`` it goes there
by a shortest way. The record strategies turn the rows into events and may leave out
the rows the table marks implied, as registers do; :func:`~shequ_core.workflow.check_history`
accepts every history drawn here (a property test holds it to that).
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable

from hypothesis import strategies as st

from shequ_core.workflow import Lifecycle, Transition

__all__ = ["walks"]

#: Where a walk stands: the state, and the guarded events its past allows now.
_Config = tuple[object, frozenset[object]]


def _apply(table: Lifecycle, config: _Config, t: Transition) -> _Config:
    licensed = config[1]
    guarded = {(g.event, g.after) for g in table.transitions if g.after is not None}
    out = set(licensed) - {t.event}
    out |= {event for event, after in guarded if after is t.event}
    return t.target, frozenset(out)


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


def reachable(table: Lifecycle) -> frozenset[object]:
    """The states some walk from the start reaches."""
    return frozenset(config[0] for config in _graph(table))


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
        t, config = draw(st.sampled_from(moves))
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
    kind of event happens); the way home at the end ignores it. ``goal`` must be
    reachable (:func:`reachable`)."""
    return _walks(table, goal, max_steps, allow or (lambda path, t: True))
