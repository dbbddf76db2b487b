"""Strategies for residents' committee elections and their counts.

By default an election is what a 居民选举委员会's result sheet holds: 1 to 9 seats (a
by-election fills one or two, a 换届 five to nine), registered voters in the range of the
mode (a few dozen 居民代表, hundreds to thousands of households or voters), a turnout
between nothing and everyone, a few invalid ballots, up to twice as many candidates as
seats for 主任, 副主任 and 委员 (with now and then a write-in name), each with no more
votes than there are valid ballots and all together no more than the ballots can hold,
and the outcome declared by majority of those who voted (or not declared at all).

``hostile=True`` draws any registered count up to 10^6, any names and notes, and any
declared outcome the count allows (a loser declared elected, say), which the rules of
law, not the record, have to catch.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from shequ_core.entities import ELECTED_POSTS, CandidateVotes, Election, ElectionKind, StaffRole
from shequ_core.strategies._common import (
    check_hostile,
    check_strategy,
    entity_ids,
    opt,
    person_names,
    texts,
)
from shequ_core.strategies._dates import event_dates

__all__ = ["candidate_votes", "elections"]


def candidate_votes(
    *,
    names: st.SearchStrategy[str] | None = None,
    max_votes: int = 10_000,
    hostile: bool = False,
) -> st.SearchStrategy[CandidateVotes]:
    """One candidate's line of a count: a name, 0 to ``max_votes`` votes, a post or none,
    the outcome declared or not, and now and then a write-in (另选他人)."""
    check_hostile(hostile)
    _at_least(max_votes, 0, "max_votes")
    names = person_names(hostile=hostile) if names is None else names
    check_strategy(names, "names")
    return st.builds(
        CandidateVotes,
        name=names,
        votes=st.integers(0, max_votes),
        post=opt(st.sampled_from(ELECTED_POSTS)),
        elected=opt(st.booleans()),
        write_in=st.booleans(),
    )


def _at_least(value: object, low: int, name: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        msg = f"{name}={value!r} must be an int of at least {low}"
        raise InvalidArgument(msg)


# Registered counts by mode: 居民代表 are one per 20-50 households (a few dozen to a few
# hundred); households and voters run to the thousands.
_REGISTERED = {
    ElectionKind.DIRECT: (0, 20_000),
    ElectionKind.HOUSEHOLD_REPRESENTATIVES: (0, 6_000),
    ElectionKind.RESIDENTS_REPRESENTATIVES: (0, 300),
}


@st.composite
def _elections(
    draw: st.DrawFn,
    community_id: st.SearchStrategy[str],
    kinds: st.SearchStrategy[ElectionKind],
    held_on: st.SearchStrategy[dt.date],
    max_seats: int,
    hostile: bool,
) -> Election:
    kind = draw(kinds)
    low, high = (0, 1_000_000) if hostile else _REGISTERED[kind]
    registered = draw(st.integers(low, high))
    voted = draw(st.integers(0, registered))
    invalid = draw(st.integers(0, voted if hostile else min(voted, max(voted // 20, 3))))
    valid = voted - invalid
    seats = draw(st.integers(1, max_seats))
    budget = valid * seats  # what the valid ballots can hold, all names together
    lines: list[CandidateVotes] = []
    taken: set[tuple[str, StaffRole | None]] = set()
    posts = st.sampled_from(ELECTED_POSTS) if not hostile else opt(st.sampled_from(ELECTED_POSTS))
    for _ in range(draw(st.integers(0, 2 * seats + 1))):
        name = draw(person_names(hostile=hostile))
        post = draw(posts)
        if (name, post) in taken:
            continue
        taken.add((name, post))
        votes = draw(st.integers(0, min(valid, budget)))
        budget -= votes
        write_in = draw(st.integers(0, 9)) == 0
        lines.append(CandidateVotes(name=name, votes=votes, post=post, write_in=write_in))
    lines = _declared(draw, lines, voted, seats, hostile)
    return Election(
        id=draw(entity_ids(hostile=hostile)),
        community_id=draw(community_id),
        held_on=draw(held_on),
        kind=kind,
        registered=registered,
        voted=voted,
        seats=seats,
        invalid_ballots=invalid,
        candidates=tuple(lines),
        runoff=draw(st.integers(0, 4)) == 0,
        notes=draw(opt(texts(hostile=hostile))),
    )


def _declared(
    draw: st.DrawFn, lines: list[CandidateVotes], voted: int, seats: int, hostile: bool
) -> list[CandidateVotes]:
    """The outcome declared: none; by more than half of those who voted, the most votes
    first, up to the seats (realistic); or (hostile) any, up to the seats."""
    how = draw(st.sampled_from(("none", "majority", "any") if hostile else ("none", "majority")))
    if how == "none":
        return lines
    if how == "majority":
        ranked = sorted(range(len(lines)), key=lambda i: -lines[i].votes)
        won = {i for i in ranked if 2 * lines[i].votes > voted}
        won = set(sorted(won, key=lambda i: -lines[i].votes)[:seats])
    else:
        won = set(draw(st.lists(st.integers(0, max(len(lines) - 1, 0)), max_size=seats)))
        won &= set(range(len(lines)))
    return [
        CandidateVotes(
            name=c.name, votes=c.votes, post=c.post, elected=i in won, write_in=c.write_in
        )
        for i, c in enumerate(lines)
    ]


def elections(
    *,
    community_id: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[ElectionKind] | None = None,
    held_on: st.SearchStrategy[dt.date] | None = None,
    max_seats: int = 9,
    hostile: bool = False,
) -> st.SearchStrategy[Election]:
    """Elections (选举) with a count the arithmetic allows: 1 to ``max_seats`` seats,
    turnout up to everyone registered, votes within the valid ballots."""
    check_hostile(hostile)
    _at_least(max_seats, 1, "max_seats")
    community_id = entity_ids(hostile=hostile) if community_id is None else community_id
    kinds = st.sampled_from(ElectionKind) if kinds is None else kinds
    held_on = event_dates(hostile) if held_on is None else held_on
    check_strategy(community_id, "community_id")
    check_strategy(kinds, "kinds")
    check_strategy(held_on, "held_on")
    return _elections(community_id, kinds, held_on, max_seats, hostile)
