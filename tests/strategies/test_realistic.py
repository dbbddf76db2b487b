"""What the strategies draw by default, and what ``hostile=True`` adds.

By default they draw what real mainland registers hold and the rules accept: Chinese
names with a small share of other scripts, identity numbers of mainland provinces, birth
dates of living people, one attention of a kind at a time, and events inside the default
calendar's confirmed years (read from the calendar here too), with a request's deadline a
confirmed day. With ``hostile=True`` the content fuzzing wants stays reachable: any
Unicode, the permits of Hong Kong, Macao and Taiwan residents, dates at and past the
calendar's edges.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import unicodedata
from collections.abc import Iterator

import attrs
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import shequ_core.strategies as S
from shequ_core import (
    AttentionKind,
    Dataset,
    IdNumber,
    Resident,
    ServiceItem,
    ServiceRequest,
    Staff,
    due_date,
    sla_status,
)
from shequ_core.calendar import china_calendar
from shequ_core.rules.staffing import age_on
from tests.helpers import reach

CALENDAR = china_calendar()
FIRST = dt.date(CALENDAR.first_year, 1, 1)
LAST = dt.date(CALENDAR.confirmed_through, 12, 31)
PERMITS = {"71", "81", "82", "83"}
CODED_ID = re.compile(r"(|C|R|S|HH-|G|SQ|2024-|社区)\d+")


def event_days(ds: Dataset) -> Iterator[dt.date]:
    """Every day of an event in a dataset (not birthdays, nor when a community was set up)."""
    for r in ds.residents:
        for a in r.attentions:
            yield a.since
            if a.until is not None:
                yield a.until
    for s in ds.staff:
        if s.hired_on is not None:
            yield s.hired_on
    yield from (v.registered_on for v in ds.volunteers)
    yield from (m.reported_on for m in ds.party_members if m.reported_on is not None)
    for c in ds.dispute_cases:
        yield c.received_on
        yield from (e.on for e in c.events)
        if c.closed_on is not None:
            yield c.closed_on
    for q in ds.service_requests:
        yield q.received_on
        yield from (e.on for e in q.events)
        if q.completed_on is not None:
            yield q.completed_on
    yield from (v.visited_on for v in ds.visits)
    yield from (u.since for u in ds.partner_units if u.since is not None)
    yield from (m.held_on for m in ds.meetings)


def is_cjk(c: str) -> bool:
    return unicodedata.name(c, "").startswith("CJK")


def register_name(name: str) -> bool:
    """A Han name, a minority name joined by the middle dot, or a Latin one."""
    if all(is_cjk(c) for c in name):
        return True
    if "·" in name:
        return all(part and all(is_cjk(c) for c in part) for part in name.split("·"))
    return all(unicodedata.name(c, "").startswith("LATIN") or c in " -'" for c in name)


def born(x: Resident | Staff) -> dt.date | None:
    return x.birth_date or (x.id_number.birth_date if x.id_number else None)


def drawn(strategy: st.SearchStrategy[object], n: int) -> list[object]:
    """``n`` values of ``strategy``, drawn the same way on every run."""
    out: list[object] = []

    @settings(max_examples=n, database=None, phases=[Phase.generate], derandomize=True)
    @given(strategy)
    def collect(x: object) -> None:
        out.append(x)

    collect()
    return out


class TestDatesByDefault:
    """Events fall in the calendar's confirmed years; deadlines are confirmed days."""

    @settings(max_examples=15)  # a dataset takes a tenth of a second to draw
    @given(S.datasets())
    def test_events_fall_in_the_confirmed_years(self, ds: Dataset) -> None:
        assert all(FIRST <= day <= LAST for day in event_days(ds))
        assert all(q.received_on <= LAST - dt.timedelta(days=366) for q in ds.service_requests)
        assert all(c.established_on <= LAST for c in ds.communities if c.established_on)

    def test_the_years_are_the_calendars_own(self) -> None:
        reach(S.visits(), lambda v: v.visited_on.year == CALENDAR.first_year)
        reach(S.visits(), lambda v: v.visited_on.year == CALENDAR.confirmed_through)

    @given(st.from_type(ServiceRequest), st.from_type(ServiceItem))
    def test_a_requests_deadline_is_a_confirmed_day(
        self, request: ServiceRequest, item: ServiceItem
    ) -> None:
        """Judged half a year before the last confirmed day (a suspended request's clock is
        stopped until the day it is judged, so a later day can push its deadline out)."""
        item = attrs.evolve(item, id=request.item_id)
        as_of = LAST - dt.timedelta(days=183)
        due = due_date(
            request.received_on, item.time_limit, CALENDAR, events=request.events, as_of=as_of
        )
        assert due <= LAST
        assert sla_status(request, item, as_of=as_of, calendar=CALENDAR).request_id == request.id


class TestPeopleByDefault:
    """Names, identity numbers and ages of the people of a mainland register."""

    @given(S.id_numbers())
    def test_identity_numbers_are_of_mainland_provinces(self, n: IdNumber) -> None:
        assert n.reveal()[:2] not in PERMITS

    @given(S.residents())
    def test_residents_are_alive_and_named_as_registers_name_them(self, r: Resident) -> None:
        day = born(r)
        assert day is None or (LAST.year - 110 <= day.year and day <= LAST)
        assert register_name(r.name), r.name

    @given(S.staff_members())
    def test_staff_are_of_working_age_in_the_last_confirmed_year(self, s: Staff) -> None:
        day = born(s)
        assert day is None or 18 <= age_on(day, dt.date(LAST.year, 12, 31)) <= 70

    def test_most_names_are_han_and_some_are_not(self) -> None:
        names = [p.name for p in drawn(S.parties(resident_id=st.none()), 200)]  # type: ignore[attr-defined]
        han = sum(all(is_cjk(c) for c in name) for name in names)
        assert han >= 0.7 * len(names)
        assert any("·" in name for name in names)
        assert any(name.isascii() for name in names)

    @settings(max_examples=30)
    @given(
        S.residents(
            attentions=S.attentions(
                kinds=st.sampled_from([AttentionKind.PETITIONER, AttentionKind.DISABLED])
            ),
            min_attentions=2,
            max_attentions=4,
        )
    )
    def test_one_attention_of_a_kind_at_a_time(self, r: Resident) -> None:
        for a in r.attentions:
            for b in r.attentions:
                if a is not b and a.kind is b.kind and a.since <= b.since:
                    assert a.until is not None and a.until < b.since, (a, b)

    @given(S.entity_ids())
    def test_ids_are_coded(self, rid: str) -> None:
        assert CODED_ID.fullmatch(rid), rid


class TestHostile:
    """``hostile=True`` reaches what fuzzing wants, and every strategy of records takes it."""

    def test_every_strategy_of_records_takes_hostile(self) -> None:
        plain = {"phone_numbers", "phone_number_texts", "time_limits"}
        for name in S.__all__:
            takes = "hostile" in inspect.signature(getattr(S, name)).parameters
            assert takes == (name not in plain), name

    def test_permits_of_hong_kong_macao_and_taiwan_residents(self) -> None:
        codes = {n.reveal()[:2] for n in drawn(S.id_numbers(hostile=True), 100)}  # type: ignore[attr-defined]
        assert codes >= PERMITS

    def test_births_no_living_person_has(self) -> None:
        reach(S.id_numbers(hostile=True), lambda n: n.birth_date.year < LAST.year - 110)
        reach(S.id_numbers(hostile=True), lambda n: n.birth_date > LAST)

    def test_any_unicode_in_names_and_ids(self) -> None:
        reach(S.residents(hostile=True), lambda r: not register_name(r.name))
        reach(S.entity_ids(hostile=True), lambda rid: not CODED_ID.fullmatch(rid))

    def test_dates_outside_the_confirmed_years_and_at_their_edges(self) -> None:
        days = {v.visited_on for v in drawn(S.visits(hostile=True), 100)}  # type: ignore[attr-defined]
        assert min(days) < FIRST and max(days) > LAST
        edges = {FIRST - dt.timedelta(1), FIRST, LAST + dt.timedelta(1)}
        edges |= {dt.date(LAST.year, 12, d) for d in range(24, 32)}
        assert len(days & edges) >= 3
        # The days on which a request's deadline runs into a year with no notice yet.
        reach(S.service_requests(hostile=True), lambda q: LAST - q.received_on < dt.timedelta(7))

    def test_attentions_of_a_kind_that_overlap(self) -> None:
        def overlapping(r: Resident) -> bool:
            return any(
                a is not b
                and a.kind is b.kind
                and a.since <= b.since
                and (a.until is None or a.until >= b.since)
                for a in r.attentions
                for b in r.attentions
            )

        reach(S.residents(hostile=True, min_attentions=2), overlapping)
