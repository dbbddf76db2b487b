"""Laws of due_date that hold for every limit, calendar day and event history."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from shequ_core.calendar import china_calendar
from shequ_core.entities import RequestEvent, RequestEventKind, TimeLimit, TimeUnit
from shequ_core.rules.sla import ExtensionRefused, deadline, due_date
from shequ_core.strategies import time_limits

CAL = china_calendar()
K = RequestEventKind


@dataclass(frozen=True)
class History:
    """A request's start, limit and pauses and extensions, easy to vary one part of.

    ``pauses`` are ``(suspended_on, resumed_on)`` in order, not overlapping; ``open_since``
    is a last suspension not yet resumed; ``as_of`` is on or after every event.
    """

    start: date
    limit: TimeLimit
    pauses: tuple[tuple[date, date], ...]
    open_since: date | None
    extensions: tuple[tuple[date, int], ...]
    as_of: date

    def events(self) -> list[RequestEvent]:
        out = [RequestEvent(on=self.start, kind=K.STARTED)]
        for s, r in self.pauses:
            out += [RequestEvent(on=s, kind=K.SUSPENDED), RequestEvent(on=r, kind=K.RESUMED)]
        if self.open_since is not None:
            out.append(RequestEvent(on=self.open_since, kind=K.SUSPENDED))
        out += [
            RequestEvent(on=on, kind=K.EXTENDED, days=days, approved_by="S01")
            for on, days in self.extensions
        ]
        return out

    def due(self, **kw: object) -> date:
        return due_date(
            self.start,
            self.limit,
            CAL,
            events=self.events(),
            as_of=self.as_of,
            **kw,  # type: ignore[arg-type]
        )


@st.composite
def histories(draw: st.DrawFn, *, units: st.SearchStrategy[TimeUnit] | None = None) -> History:
    # Starts up to mid-2025 keep every deadline inside the calendar's data (to 2026).
    start = draw(st.dates(date(2022, 1, 1), date(2025, 6, 30)))
    limit = draw(time_limits(units=units, max_amount=60))
    day = start
    pauses = []
    for _ in range(draw(st.integers(0, 3))):
        s = day + timedelta(days=draw(st.integers(0, 40)))
        r = s + timedelta(days=draw(st.integers(0, 30)))
        pauses.append((s, r))
        day = r
    open_since = None
    if draw(st.booleans()):
        open_since = day + timedelta(days=draw(st.integers(0, 40)))
        day = open_since
    extensions = tuple(
        (start + timedelta(days=draw(st.integers(0, 150))), draw(st.integers(1, 30)))
        for _ in range(draw(st.integers(0, 3)))
    )
    last = max([day, *(on for on, _ in extensions)])
    as_of = last + timedelta(days=draw(st.integers(0, 30)))
    return History(start, limit, tuple(pauses), open_since, extensions, as_of)


@given(histories(), st.integers(1, 30))
def test_a_longer_limit_never_ends_earlier(h: History, more: int) -> None:
    longer = replace(h, limit=TimeLimit(amount=h.limit.amount + more, unit=h.limit.unit))
    assert h.due() <= longer.due()


@given(histories(), st.data())
def test_a_longer_pause_never_ends_earlier(h: History, data: st.DataObject) -> None:
    assume(h.pauses)
    i = data.draw(st.integers(0, len(h.pauses) - 1), label="pause")
    s, r = h.pauses[i]
    # Room up to the next suspension, so that the history stays a valid one.
    following = [p[0] for p in h.pauses[i + 1 :]] + (
        [h.open_since] if h.open_since is not None else []
    )
    room = (min(following) - r).days if following else 30
    more = data.draw(st.integers(0, room), label="more days")
    pauses = list(h.pauses)
    pauses[i] = (s, r + timedelta(days=more))
    longer = replace(h, pauses=tuple(pauses), as_of=max(h.as_of, pauses[i][1]))
    assert h.due() <= longer.due()


@given(histories(), st.integers(0, 30))
def test_a_pause_still_open_never_ends_earlier_as_time_passes(h: History, later: int) -> None:
    assume(h.open_since is not None)
    assert h.due() <= replace(h, as_of=h.as_of + timedelta(days=later)).due()


@given(histories(), st.data())
def test_a_longer_extension_never_ends_earlier(h: History, data: st.DataObject) -> None:
    assume(h.extensions)
    i = data.draw(st.integers(0, len(h.extensions) - 1), label="extension")
    more = data.draw(st.integers(1, 30), label="more days")
    extensions = list(h.extensions)
    extensions[i] = (extensions[i][0], extensions[i][1] + more)
    assert h.due() <= replace(h, extensions=tuple(extensions)).due()


@given(histories(), st.data(), st.integers(1, 30))
def test_an_added_extension_never_ends_earlier(h: History, data: st.DataObject, days: int) -> None:
    on = data.draw(st.dates(h.start, h.as_of), label="approved on")
    assert h.due() <= replace(h, extensions=(*h.extensions, (on, days))).due()


@given(histories(), st.data())
def test_the_order_of_the_events_does_not_matter(h: History, data: st.DataObject) -> None:
    events = h.events()
    shuffled = data.draw(st.permutations(events), label="events")
    kw = {"events": shuffled, "as_of": h.as_of}
    assert deadline(h.start, h.limit, CAL, **kw) == deadline(  # type: ignore[arg-type]
        h.start, h.limit, CAL, events=events, as_of=h.as_of
    )


@given(histories())
def test_events_never_bring_the_due_date_before_the_plain_limit(h: History) -> None:
    plain = due_date(h.start, h.limit, CAL)
    assert plain <= h.due()


@given(histories())
def test_the_due_date_is_a_working_day_unless_rollover_is_off(h: History) -> None:
    due = h.due()
    assert due > h.start
    assert CAL.is_working_day(due)
    # Without rollover a natural period ends on its exact last day, never later.
    assert h.due(roll_forward=False) <= due


@given(histories(units=st.just(TimeUnit.NATURAL_DAYS)))
def test_rollover_only_moves_a_last_day_that_is_a_rest_day(h: History) -> None:
    # Without events: with them, the rollover days also give a late step more time.
    strict = due_date(h.start, h.limit, CAL, roll_forward=False)
    rolled = due_date(h.start, h.limit, CAL)
    assert (strict - h.start).days == h.limit.amount
    if CAL.is_working_day(strict):
        assert rolled == strict
    else:
        # The first working day after the rest days.
        assert rolled == CAL.next_working_day(strict)


@given(histories())
def test_the_plain_working_day_limit_spans_exactly_its_amount(h: History) -> None:
    assume(h.limit.unit is TimeUnit.WORKING_DAYS)
    due = due_date(h.start, h.limit, CAL)
    assert CAL.working_days_between(h.start, due) == h.limit.amount
    assert CAL.is_working_day(due)


@given(histories(), st.integers(1, 30))
def test_an_extension_dated_after_the_due_date_changes_nothing(h: History, gap: int) -> None:
    # While the clock is stopped nothing is late: take histories with no pause open.
    assume(h.open_since is None)
    dl = deadline(h.start, h.limit, CAL, events=h.events(), as_of=h.as_of)
    on = dl.due_on + timedelta(days=gap)
    late = replace(h, extensions=(*h.extensions, (on, 5)), as_of=max(h.as_of, on))
    later_dl = deadline(h.start, h.limit, CAL, events=late.events(), as_of=late.as_of)
    assert later_dl.due_on == dl.due_on
    assert later_dl.extension_days == dl.extension_days


@given(histories())
def test_the_extension_cap_refuses_exactly_what_exceeds_it(h: History) -> None:
    dl = deadline(h.start, h.limit, CAL, events=h.events(), as_of=h.as_of)
    used = dl.extension_days
    # The cap equal to what was counted is enough, and changes nothing.
    assert h.due(max_extension_days=used) == dl.due_on
    if used:
        with pytest.raises(ExtensionRefused) as info:
            h.due(max_extension_days=used - 1)
        assert info.value.allowed == used - 1
        assert info.value.requested == used


@given(histories())
def test_a_period_never_ends_before_the_clock_restarts(h: History) -> None:
    dl = deadline(h.start, h.limit, CAL, events=h.events(), as_of=h.as_of)
    for p in dl.pauses:
        if p.counted:
            assert dl.due_on >= p.until


@given(
    st.dates(date(2022, 1, 1), date(2025, 6, 30)),
    time_limits(max_amount=60),
    st.integers(0, 10),
    st.integers(0, 20),
)
def test_a_pause_begun_at_the_very_end_still_leaves_the_restart_day(
    start: date, limit: TimeLimit, back: int, length: int
) -> None:
    # Suspended on the due day, or on a rest day a natural period rolled over: the
    # latest moments a suspension is still in time.
    plain = deadline(start, limit, CAL)
    suspended = max(plain.rolled_from or plain.due_on, plain.due_on - timedelta(days=back))
    resumed = suspended + timedelta(days=length)
    events = [
        RequestEvent(on=suspended, kind=K.SUSPENDED),
        RequestEvent(on=resumed, kind=K.RESUMED),
    ]
    due = due_date(start, limit, CAL, events=events)
    assert due >= resumed
    assert CAL.is_working_day(due)
