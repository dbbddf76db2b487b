"""Edges of the election, hotline and mediation rules that the larger tests do not reach:
a count that is not one, a day before the 1989 law, an order or a case the calendar
cannot judge."""

from __future__ import annotations

import datetime as dt

import pytest

from shequ_core import ValidationError
from shequ_core.calendar import china_calendar
from shequ_core.entities import ElectionKind, Urgency
from shequ_core.rules.elections import candidate_result, election_validity, proxies_allowed

STRICT = china_calendar()


def test_a_count_that_is_not_a_whole_number_is_refused() -> None:
    with pytest.raises(ValidationError) as e:
        election_validity(ElectionKind.DIRECT, registered=100, voted=-1, on=dt.date(2026, 5, 1))
    assert e.value.problems[0].loc == ("voted",)


def test_a_number_of_proxies_that_is_not_a_count_is_refused() -> None:
    with pytest.raises(ValidationError) as e:
        proxies_allowed(-1, kind=ElectionKind.DIRECT, on=dt.date(2026, 5, 1))
    assert e.value.problems[0].loc == ("proxies",)


def test_before_2026_a_result_has_no_comparison_word() -> None:
    result = election_validity(
        ElectionKind.DIRECT, registered=100, voted=60, on=dt.date(2020, 5, 1)
    )
    assert result.holds is None and result.comparison is None


def test_a_day_before_the_1989_law_cites_the_earliest_text() -> None:
    result = candidate_result(60, cast=100, kind=ElectionKind.DIRECT, on=dt.date(1985, 5, 1))
    assert result.holds is None
    assert result.basis.effective_from == dt.date(1990, 1, 1)  # the 1989 text, 第八条
    assert result.basis.article == "第八条"


def test_a_confirmation_window_in_a_year_without_a_notice_is_counted_without_rest_days() -> None:
    from shequ_core.rules.mediation import mediation_status
    from tests.rules.test_mediation import POLICY, agreed, case

    year = STRICT.confirmed_through + 2
    status = mediation_status(
        case(dt.date(year, 3, 2), agreed(dt.date(year, 3, 9))),
        as_of=dt.date(year, 3, 10),
        policy=POLICY,
        calendar=STRICT,
    )
    assert status.confirmation_last_day == dt.date(year, 4, 8)  # 30 days, not rolled


def test_an_order_in_a_year_without_a_notice_is_left_unjudged() -> None:
    from shequ_core.policy import JINAN_2018
    from shequ_core.rules.hotline import hotline_rates
    from tests.rules.test_hotline import _ds, at, order

    year = STRICT.confirmed_through + 2
    rates = hotline_rates(
        _ds(order("late", at(year, 12, 28))),
        start=dt.date(year, 1, 1),
        end=dt.date(year, 12, 31),
        as_of=dt.date(year, 12, 31),
        policy=JINAN_2018,
        calendar=STRICT,
    )
    assert rates.unjudged == ("late",)
    assert rates.total.orders == 0


def test_an_open_pause_is_counted_to_the_last_event_and_a_late_reply_is_never_made() -> None:
    from shequ_core.entities import RequestEvent, RequestEventKind, RequestStatus
    from shequ_core.policy import JINAN_2018
    from shequ_core.rules.hotline import hotline_rates, order_deadlines
    from tests.rules.test_hotline import _ds, at, order

    paused = order(
        "p",
        at(2018, 10, 8),
        RequestEvent(on=dt.date(2018, 10, 9), kind=RequestEventKind.STARTED),
        RequestEvent(on=dt.date(2018, 10, 9), kind=RequestEventKind.EXTENDED, days=2),
        RequestEvent(on=dt.date(2018, 10, 10), kind=RequestEventKind.SUSPENDED),
        status=RequestStatus.SUSPENDED,
    )
    # 9-12 and 15 October 2018 are the five working days (1-7 October the National Day
    # holiday), the extension adds the 16th and 17th; the open pause, counted to its own
    # day, adds nothing yet, and two working days when counted to Friday the 12th.
    dl = order_deadlines(paused, profile=JINAN_2018, calendar=STRICT)
    assert dl.handling_due == dt.date(2018, 10, 17)
    later = order_deadlines(
        paused, profile=JINAN_2018, calendar=STRICT, as_of=dt.date(2018, 10, 12)
    )
    assert later.handling_due == dt.date(2018, 10, 19)
    silent = order("s", at(2018, 10, 8))  # never answered, far past its five working days
    rates = hotline_rates(
        _ds(silent),
        start=dt.date(2018, 10, 1),
        end=dt.date(2018, 12, 31),
        as_of=dt.date(2018, 12, 31),
        policy=JINAN_2018,
        calendar=STRICT,
    )
    assert (rates.total.not_responded, rates.total.response.denominator) == (1, 1)


def test_an_hour_limit_passed_without_a_reply_is_not_responded() -> None:
    from shequ_core.rules.hotline import hotline_rates
    from tests.rules.test_hotline import CITY, _ds, at, order

    rates = hotline_rates(
        _ds(order("s", at(2022, 3, 1), urgency=Urgency.URGENT)),  # 2 hours to reply
        start=dt.date(2022, 3, 1),
        end=dt.date(2022, 3, 31),
        as_of=dt.date(2022, 3, 2),
        policy=CITY,
        calendar=STRICT,
    )
    assert rates.total.not_responded == 1


def test_a_province_that_times_objections_but_not_their_answer() -> None:
    """Before 2026 the national law times neither; a province's profile may time one."""
    import attrs

    from shequ_core.entities import Basis, BasisKind, TimeLimit, TimeUnit
    from shequ_core.policy import StatutoryLimit, national_policy
    from shequ_core.rules.elections import election_timeline

    day = dt.date(2021, 5, 15)
    province = Basis(
        title="某省居民委员会选举办法（示例）",
        kind=BasisKind.LOCAL_REGULATION,
        effective_from=dt.date(2000, 1, 1),
    )
    five = StatutoryLimit(limit=TimeLimit(amount=5, unit=TimeUnit.NATURAL_DAYS), basis=province)
    policy = attrs.evolve(national_policy(day), election_objection=five)
    steps = election_timeline(day, policy=policy, list_published_on=dt.date(2021, 4, 20))
    names = [s.name for s in steps]
    assert "objections to the list" in names
    assert "objections decided and published" not in names
