"""12345 work orders: each shipped profile's numbers on both sides of their edges and of
the day their text took effect, and the three rates (三率) with their counts."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shequ_core.calendar import china_calendar
from shequ_core.entities import (
    Basis,
    BasisKind,
    Dataset,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    Satisfaction,
    ServiceItem,
    ServiceRequest,
    TimeLimit,
    TimeUnit,
    Urgency,
)
from shequ_core.policy import (
    BEIJING_2021,
    HOTLINE_PROFILES,
    JINAN_2018,
    NATIONAL_2020,
    WEIFANG_2021,
    HotlineLimits,
    StatutoryLimit,
)
from shequ_core.rules.hotline import hotline_rates, order_deadlines
from tests.builders import community

CAL = china_calendar()
SH = dt.timezone(dt.timedelta(hours=8))
K = RequestEventKind


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=SH)


def order(
    rid: str,
    received: dt.datetime,
    *events: RequestEvent,
    status: RequestStatus = RequestStatus.IN_PROGRESS,
    completed_on: dt.date | None = None,
    community_id: str = "A",
    urgency: Urgency | None = None,
) -> ServiceRequest:
    return ServiceRequest(
        id=rid,
        item_id="I",
        community_id=community_id,
        received_on=received.date(),
        received_at=received,
        urgency=urgency,
        status=status,
        completed_on=completed_on,
        events=events,
    )


def responded(when: dt.datetime) -> RequestEvent:
    return RequestEvent(on=when.date(), kind=K.RESPONDED, at=when)


def revisited(on: dt.date, level: Satisfaction | None) -> RequestEvent:
    return RequestEvent(on=on, kind=K.REVISITED, satisfaction=level)


class TestJinan2018:
    """济南 第二十四条: reply and handle within 5 working days; in force 2018-09-01."""

    def test_five_working_days_from_a_monday_end_on_the_next_monday(self) -> None:
        d = order_deadlines(order("o", at(2018, 9, 3)), profile=JINAN_2018, calendar=CAL)
        assert d.in_force
        assert d.response_due == dt.date(2018, 9, 10)
        assert d.handling_due == dt.date(2018, 9, 10)
        assert d.response_limit is not None and d.response_limit.basis.article == "第二十四条第一款"
        assert d.handling_limit is not None
        assert d.handling_limit.basis.kind is BasisKind.LOCAL_REGULATION

    @pytest.mark.parametrize(
        ("received", "in_force", "due"),
        [
            (at(2018, 8, 31, 23, 59), False, None),  # the day before 第四十四条's date
            (at(2018, 9, 1, 0, 0), True, dt.date(2018, 9, 7)),  # a Saturday: Mon..Fri
        ],
    )
    def test_the_text_governs_from_2018_09_01(
        self, received: dt.datetime, in_force: bool, due: dt.date | None
    ) -> None:
        d = order_deadlines(order("o", received), profile=JINAN_2018, calendar=CAL)
        assert (d.in_force, d.handling_due, d.response_due) == (in_force, due, due)

    @pytest.mark.parametrize(
        ("reply", "on_time"),
        [(at(2018, 9, 10, 23, 59), 1), (at(2018, 9, 11, 0, 0), 0)],
    )
    def test_a_reply_on_the_fifth_working_day_is_on_time_and_the_next_day_late(
        self, reply: dt.datetime, on_time: int
    ) -> None:
        o = order("o", at(2018, 9, 3), responded(reply))
        r = hotline_rates(_ds(o), **_period(2018), policy=JINAN_2018, calendar=CAL)
        assert (r.total.response.numerator, r.total.responded_late) == (on_time, 1 - on_time)

    def test_a_suspension_moves_the_handling_limit_but_not_the_reply(self) -> None:
        o = order(
            "o",
            at(2018, 9, 3),
            RequestEvent(on=dt.date(2018, 9, 4), kind=K.SUSPENDED),
            RequestEvent(on=dt.date(2018, 9, 6), kind=K.RESUMED),
        )
        d = order_deadlines(o, profile=JINAN_2018, calendar=CAL)
        assert d.response_due == dt.date(2018, 9, 10)
        assert d.handling_due == dt.date(2018, 9, 12)  # two working days later


class TestWeifang2021:
    """潍坊 第二十条: handled within 5 working days, the reply 及时; in force 2021-12-15."""

    @pytest.mark.parametrize(
        ("received", "due"),
        [(at(2021, 12, 14, 23, 59), None), (at(2021, 12, 15, 0, 0), dt.date(2021, 12, 22))],
    )
    def test_five_working_days_from_2021_12_15(
        self, received: dt.datetime, due: dt.date | None
    ) -> None:
        d = order_deadlines(order("o", received), profile=WEIFANG_2021, calendar=CAL)
        assert d.handling_due == due
        assert d.response_due is None  # 及时: the text sets no number

    def test_the_fifth_working_day_counts_over_a_new_year_holiday(self) -> None:
        d = order_deadlines(order("o", at(2021, 12, 29)), profile=WEIFANG_2021, calendar=CAL)
        # 30, 31 Dec; 1-3 Jan 2022 is the holiday; 4, 5, 6 Jan
        assert d.handling_due == dt.date(2022, 1, 6)


class TestProfilesWithoutNumbers:
    @pytest.mark.parametrize("profile", [NATIONAL_2020, BEIJING_2021])
    def test_no_deadline_on_either_side_of_the_date(self, profile: object) -> None:
        assert isinstance(profile, type(JINAN_2018))
        start = profile.text.effective_from
        assert start is not None
        for day in (start - dt.timedelta(days=1), start):
            received = dt.datetime.combine(day, dt.time(10), SH)
            d = order_deadlines(order("o", received), profile=profile, calendar=CAL)
            assert d.in_force is (day == start)
            assert (d.response_due, d.handling_due) == (None, None)

    def test_the_profiles_are_named_dated_and_cite_their_text(self) -> None:
        assert set(HOTLINE_PROFILES) == {
            "national-2020",
            "beijing-2021",
            "jinan-2018",
            "weifang-2021",
        }
        assert NATIONAL_2020.text.kind is BasisKind.NORMATIVE_DOCUMENT
        assert BEIJING_2021.text.effective_from == dt.date(2021, 9, 24)
        assert BEIJING_2021.revisit is not None and BEIJING_2021.revisit.article == "第二十三条"
        for p in HOTLINE_PROFILES.values():
            assert p.rates.basis.kind is BasisKind.LOCAL_PRACTICE  # no text defines them


HOURS = HotlineLimits(
    urgent=StatutoryLimit(
        limit=TimeLimit(amount=2, unit=TimeUnit.HOURS),
        basis=Basis(title="某市12345工作规范（示例）", kind=BasisKind.LOCAL_PRACTICE),
        max_extension_days=0,
    ),
    default=JINAN_2018.response.default,
)
CITY = attrs.evolve(JINAN_2018, name="city", response=HOURS)


class TestHours:
    def test_an_urgent_order_is_due_two_hours_after_it_came_in(self) -> None:
        o = order("o", at(2024, 3, 5, 10, 0), urgency=Urgency.URGENT)
        d = order_deadlines(o, profile=CITY, calendar=CAL)
        assert d.response_due == at(2024, 3, 5, 12, 0)
        normal = order_deadlines(
            attrs.evolve(o, urgency=Urgency.NORMAL), profile=CITY, calendar=CAL
        )
        assert normal.response_due == dt.date(2024, 3, 12)

    @pytest.mark.parametrize(("minute", "on_time"), [(0, 1), (1, 0)])
    def test_responded_at_the_limit_or_one_minute_late(self, minute: int, on_time: int) -> None:
        o = order(
            "o", at(2024, 3, 5, 10), responded(at(2024, 3, 5, 12, minute)), urgency=Urgency.URGENT
        )
        r = hotline_rates(_ds(o), **_period(2024), policy=CITY, calendar=CAL)
        assert (r.total.response.numerator, r.total.responded_late) == (on_time, 1 - on_time)

    def test_a_pause_moves_an_hour_limit_by_its_times(self) -> None:
        day = StatutoryLimit(
            limit=TimeLimit(amount=24, unit=TimeUnit.HOURS),
            basis=Basis(title="某市12345工作规范（示例）", kind=BasisKind.LOCAL_PRACTICE),
        )
        profile = attrs.evolve(CITY, handling=HotlineLimits(urgent=day))
        pause = (
            RequestEvent(on=dt.date(2024, 3, 5), kind=K.SUSPENDED, at=at(2024, 3, 5, 12)),
            RequestEvent(on=dt.date(2024, 3, 5), kind=K.RESUMED, at=at(2024, 3, 5, 14)),
        )
        o = order("o", at(2024, 3, 5, 10), urgency=Urgency.URGENT)
        plain = order_deadlines(o, profile=profile, calendar=CAL)
        paused = order_deadlines(attrs.evolve(o, events=pause), profile=profile, calendar=CAL)
        assert plain.handling_due == at(2024, 3, 6, 10)
        assert paused.handling_due == at(2024, 3, 6, 12)


def _ds(*orders: ServiceRequest) -> Dataset:
    ids = sorted({o.community_id for o in orders}) or ["A"]
    item = ServiceItem(
        id="I", name="热线工单", time_limit=TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
    )
    return Dataset(
        communities=tuple(community(c) for c in ids),
        service_items=(item,),
        service_requests=orders,
    )


def _period(year: int) -> dict[str, dt.date]:
    return {
        "start": dt.date(year, 1, 1),
        "end": dt.date(year, 12, 31),
        "as_of": dt.date(year, 12, 31),
    }


class TestRates:
    def orders(self) -> tuple[ServiceRequest, ...]:
        done = {"status": RequestStatus.COMPLETED}
        return (
            order(
                "o1",
                at(2018, 10, 8),
                responded(at(2018, 10, 9)),
                RequestEvent(on=dt.date(2018, 10, 10), kind=K.COMPLETED),
                revisited(dt.date(2018, 10, 11), Satisfaction.SATISFIED),
                completed_on=dt.date(2018, 10, 10),
                **done,
            ),
            order(
                "o2",
                at(2018, 10, 8),
                responded(at(2018, 10, 20)),  # after 2018-10-15, the fifth working day
                RequestEvent(on=dt.date(2018, 10, 21), kind=K.COMPLETED),
                revisited(dt.date(2018, 10, 22), Satisfaction.DISSATISFIED),
                RequestEvent(on=dt.date(2018, 10, 22), kind=K.REOPENED),
                completed_on=dt.date(2018, 10, 21),
                **done,
            ),
            order(  # done, rated 基本满意, then reopened: unresolved, still being redone
                "o3",
                at(2018, 10, 8),
                RequestEvent(on=dt.date(2018, 10, 20), kind=K.COMPLETED),
                revisited(dt.date(2018, 10, 22), Satisfaction.BASICALLY_SATISFIED),
                RequestEvent(on=dt.date(2018, 10, 22), kind=K.REOPENED),
                status=RequestStatus.IN_PROGRESS,
                community_id="B",
            ),
            order("o4", at(2018, 12, 28), community_id="B"),  # still running on 12-31
            order("o5", at(2018, 10, 8), status=RequestStatus.CANCELLED, community_id="B"),
        )

    def test_each_rate_and_its_counts(self) -> None:
        r = hotline_rates(_ds(*self.orders()), **_period(2018), policy=JINAN_2018, calendar=CAL)
        a, b = r.communities
        assert (a.community_id, b.community_id) == ("A", "B")
        assert a.orders == 2 and b.orders == 2  # the cancelled order is left out
        assert (a.response.numerator, a.response.denominator, a.responded_late) == (1, 2, 1)
        # o3 answered the caller when it was done, after its five working days: late
        assert (b.response.denominator, b.responded_late, b.response_pending) == (1, 1, 1)
        assert (a.resolution.numerator, a.resolution.denominator, a.reopened) == (1, 2, 1)
        assert (b.resolution.value, b.resolution_pending) == (Fraction(0), 1)
        assert a.satisfaction.value == Fraction(1, 2)
        assert (b.satisfaction.value, b.unrated) == (Fraction(1), 1)  # 基本满意 counts
        t = r.total
        assert (t.orders, t.response.value, t.resolution.value) == (
            4,
            Fraction(1, 3),
            Fraction(1, 3),
        )
        assert t.satisfaction.value == Fraction(2, 3)

    def test_a_profile_can_count_only_satisfied(self) -> None:
        strict = attrs.evolve(
            JINAN_2018,
            rates=attrs.evolve(JINAN_2018.rates, satisfied=frozenset({Satisfaction.SATISFIED})),
        )
        r = hotline_rates(_ds(*self.orders()), **_period(2018), policy=strict, calendar=CAL)
        assert r.total.satisfaction.value == Fraction(1, 3)

    def test_an_order_completed_is_an_order_answered(self) -> None:
        """A consultation answered on the call (直接办结, the lifecycle's RECEIVED to
        COMPLETED) and an export's order known only by its 办结日期 answered the caller
        when they were done: on time by the fifth working day, late after it."""
        on_call = order(
            "o1",
            at(2018, 10, 8, 9),
            RequestEvent(on=dt.date(2018, 10, 8), kind=K.COMPLETED, at=at(2018, 10, 8, 9, 5)),
            status=RequestStatus.COMPLETED,
            completed_on=dt.date(2018, 10, 8),
            urgency=Urgency.CONSULTATION,
        )
        flat = order(
            "o2",
            at(2018, 10, 8),
            status=RequestStatus.COMPLETED,
            completed_on=dt.date(2018, 10, 15),
        )
        late = attrs.evolve(flat, id="o3", completed_on=dt.date(2018, 10, 16))
        r = hotline_rates(
            _ds(on_call, flat, late), **_period(2018), policy=JINAN_2018, calendar=CAL
        )
        t = r.total
        assert (t.response.numerator, t.responded_late, t.not_responded) == (2, 1, 0)

    def test_no_orders_no_rates(self) -> None:
        r = hotline_rates(_ds(), **_period(2018), policy=JINAN_2018, calendar=CAL)
        assert r.communities == ()
        assert (r.total.response.value, r.total.resolution.value) == (None, None)

    def test_the_frame_has_a_row_per_community_and_the_total(self) -> None:
        pytest.importorskip("pandas")
        from shequ_core.extra.pandas import to_frame

        r = hotline_rates(_ds(*self.orders()), **_period(2018), policy=JINAN_2018, calendar=CAL)
        frame = r.to_frame()
        assert len(frame) == 2  # the communities; the total apart
        assert list(frame["resolution_rate"].round(4)) == [0.5, 0.0]
        assert round(frame.attrs["total"]["resolution_rate"], 4) == round(1 / 3, 4)
        assert frame.attrs["total"]["resolution_numerator"] == 1
        assert frame.attrs["profile"] == r.profile
        assert str(frame["response_rate"].dtype) == "Float64"
        assert list(to_frame(r, lang="zh").columns)[:2] == ["社区编号", "工单数"]


def test_the_sample_banners_reopened_order_is_its_one_unresolved() -> None:
    from shequ_core.datasets import load_chayouqianqi

    banner = load_chayouqianqi()
    r = hotline_rates(
        banner,
        start=dt.date(2016, 1, 1),
        end=dt.date(2017, 12, 31),
        as_of=dt.date(2017, 12, 31),
        policy=NATIONAL_2020,  # no limit: open orders are pending, not late
        calendar=CAL,
    )
    assert r.total.reopened == 1  # completed, found wanting at the return call, redone
    assert (r.total.resolution.numerator, r.total.resolution.denominator) == (382, 383)


# -- properties --------------------------------------------------------------------------------

_days = st.dates(dt.date(2022, 1, 1), dt.date(2022, 12, 31))


@st.composite
def orders(draw: st.DrawFn, rid: str) -> ServiceRequest:
    """An order whose history the lifecycle table allows (``shequ_core.workflow``): maybe
    dispatched, maybe answered, maybe done, then maybe rated at a return call, and then
    maybe reopened and maybe done again, each step on its day or later."""
    received = draw(_days)
    last = dt.date(2022, 12, 31)
    day = received

    def later(after: int = 0) -> dt.date:
        nonlocal day
        day = draw(st.dates(day + dt.timedelta(days=after), last))
        return day

    events = []
    if draw(st.booleans()):
        events.append(RequestEvent(on=later(), kind=K.ASSIGNED, unit="社区居委会"))
    if draw(st.booleans()):
        events.append(RequestEvent(on=later(), kind=K.RESPONDED))
    completed = None
    if draw(st.booleans()):
        completed = later()
        events.append(RequestEvent(on=completed, kind=K.COMPLETED))
        if draw(st.booleans()):
            level = draw(st.sampled_from(list(Satisfaction)))
            events.append(RequestEvent(on=later(), kind=K.REVISITED, satisfaction=level))
            if draw(st.booleans()):
                events.append(RequestEvent(on=later(), kind=K.REOPENED))
                completed = None
                if day < last and draw(st.booleans()):  # done again, a later day
                    completed = later(after=1)
                    events.append(RequestEvent(on=completed, kind=K.COMPLETED))
    return order(
        rid,
        dt.datetime.combine(received, dt.time(9), SH),
        *events,
        status=RequestStatus.COMPLETED if completed else RequestStatus.IN_PROGRESS,
        completed_on=completed,
        community_id=draw(st.sampled_from(["A", "B"])),
        urgency=draw(st.none() | st.sampled_from(list(Urgency))),
    )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 10_000), max_size=6, unique=True).flatmap(
        lambda ids: st.tuples(*(orders(f"o{i}") for i in ids))
    ),
    _days,
    st.sampled_from([*HOTLINE_PROFILES.values(), CITY]),
)
def test_rates_stay_in_bounds_add_up_and_reopened_orders_are_never_resolved(
    drawn: tuple[ServiceRequest, ...], as_of: dt.date, profile: object
) -> None:
    assert isinstance(profile, type(JINAN_2018))
    r = hotline_rates(
        _ds(*drawn),
        start=dt.date(2022, 1, 1),
        end=dt.date(2022, 12, 31),
        as_of=as_of,
        policy=profile,
        calendar=CAL,
    )
    known = [o for o in drawn if o.received_on <= as_of]
    reopened = sum(any(e.kind is K.REOPENED and e.on <= as_of for e in o.events) for o in known)
    assert r.total.orders == len(known)
    assert r.total.reopened == reopened
    for c in (*r.communities, r.total):
        for rate in (c.response, c.resolution, c.satisfaction):
            assert 0 <= rate.numerator <= rate.denominator
            assert (rate.value is None) is (rate.denominator == 0)
            assert rate.value is None or 0 <= rate.value <= 1
        assert c.orders == c.response.denominator + c.response_pending
        assert c.response.denominator == c.response.numerator + c.responded_late + c.not_responded
        assert c.orders == c.resolution.denominator + c.resolution_pending
        assert c.resolution.numerator <= c.resolution.denominator - c.reopened
        assert c.orders == c.satisfaction.denominator + c.unrated
    for field in ("orders", "responded_late", "not_responded", "reopened", "unrated"):
        assert getattr(r.total, field) == sum(getattr(c, field) for c in r.communities)
    for name in ("response", "resolution", "satisfaction"):
        for part in ("numerator", "denominator"):
            total = getattr(getattr(r.total, name), part)
            assert total == sum(getattr(getattr(c, name), part) for c in r.communities)


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.from_type(ServiceRequest), max_size=4, unique_by=lambda q: q.id),
    st.sampled_from([*HOTLINE_PROFILES.values(), CITY]),
    st.data(),
)
def test_the_librarys_own_lifecycles_keep_the_laws_too(
    drawn: list[ServiceRequest], profile: object, data: st.DataObject
) -> None:
    """The strategies' histories (dispatch, response, 回访, 重办 and completion again)."""
    assert isinstance(profile, type(JINAN_2018))
    drawn = [
        attrs.evolve(
            q,
            item_id="I",
            community_id=data.draw(st.sampled_from(["A", "B"])),
            resident_id=None,
            first_responder_id=None,
        )
        for q in drawn
    ]
    as_of = data.draw(st.dates(dt.date(2001, 1, 1), dt.date(2026, 6, 30)), "as_of")
    r = hotline_rates(
        _ds(*drawn),
        start=dt.date(2001, 1, 1),
        end=dt.date(2026, 12, 31),
        as_of=as_of,
        policy=profile,
        calendar=CAL,
    )
    for c in (*r.communities, r.total):
        assert c.orders == c.resolution.denominator + c.resolution_pending
        assert c.resolution.numerator <= c.resolution.denominator - c.reopened
        assert c.orders == c.response.denominator + c.response_pending
        assert c.orders == c.satisfaction.denominator + c.unrated
