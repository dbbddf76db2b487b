"""Deadlines pinned to the official holiday schedules and to the texts of law.

Every expected date below is worked out by hand from the State Council's notices
(国办发明电〔2024〕12号 for 2025, the notice of 2025-11-04 for 2026), not from the code:

* National Day 2025: 10月1日至8日放假调休，共8天; 9月28日（星期日）、10月11日（星期六）上班.
* Spring Festival 2026: 2月15日（星期日）至23日（星期一）放假调休，共9天;
  2月14日（星期六）、2月28日（星期六）上班.
"""

from __future__ import annotations

from datetime import date

import pytest

from shequ_core.calendar import CalendarCoverageError, china_calendar
from shequ_core.entities import RequestEvent, RequestEventKind, TimeLimit, TimeUnit
from shequ_core.errors import ValidationError
from shequ_core.rules.sla import (
    PETITION_HANDLING,
    ExtensionRefused,
    deadline,
    due_date,
)

CAL = china_calendar()
K = RequestEventKind


def working(n: int) -> TimeLimit:
    return TimeLimit(amount=n, unit=TimeUnit.WORKING_DAYS)


def natural(n: int) -> TimeLimit:
    return TimeLimit(amount=n, unit=TimeUnit.NATURAL_DAYS)


def ev(on: date, kind: RequestEventKind, days: int | None = None) -> RequestEvent:
    return RequestEvent(on=on, kind=kind, days=days, approved_by="S01" if days else None)


# -- working days across the holidays ---------------------------------------------------


def test_five_working_days_across_national_day_2025() -> None:
    # Received Tue 30 Sep (not counted). Oct 1-8 are off. Oct 9 Thu (1), Oct 10 Fri (2),
    # Oct 11 Sat is a make-up working day (3), Oct 12 Sun is off, Oct 13 Mon (4),
    # Oct 14 Tue (5).
    assert due_date(date(2025, 9, 30), working(5), CAL) == date(2025, 10, 14)


def test_make_up_sunday_before_national_day_2025_counts() -> None:
    # Received Fri 26 Sep. Sat 27 off; Sun 28 Sep is worked (1); Mon 29 (2); Tue 30 (3);
    # Oct 1-8 off; Oct 9 (4); Oct 10 (5).
    assert due_date(date(2025, 9, 26), working(5), CAL) == date(2025, 10, 10)


def test_working_days_across_spring_festival_2026() -> None:
    # Received Thu 12 Feb. Fri 13 (1); Sat 14 Feb is worked (2); Feb 15-23 off;
    # Tue 24 (3), Wed 25 (4), Thu 26 (5).
    assert due_date(date(2026, 2, 12), working(5), CAL) == date(2026, 2, 26)
    # ... then Fri 27 (6); Sat 28 Feb is worked (7); Mon 2 Mar (8), Tue 3 (9), Wed 4 (10).
    assert due_date(date(2026, 2, 12), working(10), CAL) == date(2026, 3, 4)


def test_received_on_a_rest_day_counts_from_the_next_working_day() -> None:
    # Received during the Spring Festival break, Wed 18 Feb 2026: Tue 24 (1), Wed 25 (2).
    assert due_date(date(2026, 2, 18), working(2), CAL) == date(2026, 2, 25)


# -- natural days and the rest-day rule (民法典 第203条) ----------------------------------


def test_sixty_natural_days_ending_in_national_day_roll_to_the_next_working_day() -> None:
    # 2025-08-04 + 60 days: 27 days to Aug 31, 30 in September, 3 in October: Fri 3 Oct,
    # a holiday. The holidays end on Oct 8; the period ends Thu 9 Oct.
    start = date(2025, 8, 4)
    assert due_date(start, natural(60), CAL) == date(2025, 10, 9)
    assert due_date(start, natural(60), CAL, roll_forward=False) == date(2025, 10, 3)
    dl = deadline(start, natural(60), CAL)
    assert dl.rolled_from == date(2025, 10, 3)


def test_a_natural_period_ending_on_a_make_up_saturday_does_not_roll() -> None:
    # 2026-01-29 + 30 days = Sat 28 Feb 2026, a make-up working day: it stands.
    assert due_date(date(2026, 1, 29), natural(30), CAL) == date(2026, 2, 28)
    # One day less: Fri 27 Feb. One day more: Sun 1 Mar, a rest day -> Mon 2 Mar.
    assert due_date(date(2026, 1, 28), natural(30), CAL) == date(2026, 2, 27)
    assert due_date(date(2026, 1, 30), natural(30), CAL) == date(2026, 3, 2)


def test_natural_period_ending_in_spring_festival_2026() -> None:
    # 2026-01-16 + 30 days = Sun 15 Feb, first day of the break; it ends on Mon 23 Feb:
    # the period ends Tue 24 Feb.
    assert due_date(date(2026, 1, 16), natural(30), CAL) == date(2026, 2, 24)


# -- pauses ------------------------------------------------------------------------------


def test_a_suspension_counted_in_working_days() -> None:
    # Received Fri 26 Sep 2025, 5 working days: due Fri 10 Oct (see above). Suspended Mon
    # 29 Sep, resumed Thu 9 Oct. Used: Sun 28 (1), Mon 29 (2, the suspension day). The
    # clock restarts on Oct 9 (not counted): Fri 10 (3), Sat 11 make-up (4), Mon 13 (5).
    events = (ev(date(2025, 9, 29), K.SUSPENDED), ev(date(2025, 10, 9), K.RESUMED))
    dl = deadline(date(2025, 9, 26), working(5), CAL, events=events)
    assert dl.due_on == date(2025, 10, 13)
    # Only Tue 30 Sep and Thu 9 Oct are working days in the pause: it adds 2.
    assert dl.paused_days == 2


def test_the_same_suspension_counted_in_natural_days() -> None:
    # A 15-day natural limit from Fri 26 Sep: Sat 11 Oct, a make-up working day. The
    # pause 29 Sep -> 9 Oct adds 10 days: Tue 21 Oct.
    events = (ev(date(2025, 9, 29), K.SUSPENDED), ev(date(2025, 10, 9), K.RESUMED))
    assert due_date(date(2025, 9, 26), natural(15), CAL) == date(2025, 10, 11)
    assert due_date(date(2025, 9, 26), natural(15), CAL, events=events) == date(2025, 10, 21)


def test_a_suspension_still_open_needs_as_of() -> None:
    events = (ev(date(2025, 6, 11), K.SUSPENDED),)
    with pytest.raises(ValidationError, match="as_of"):
        due_date(date(2025, 6, 9), working(5), CAL, events=events)
    # Counted up to as_of: received Mon 9 June, due Mon 16 June; suspended Wed 11, still
    # suspended on Mon 16: Thu 12, Fri 13, Mon 16 are added -> Thu 19 June.
    assert due_date(
        date(2025, 6, 9), working(5), CAL, events=events, as_of=date(2025, 6, 16)
    ) == date(2025, 6, 19)


def test_a_resumption_without_a_suspension_is_refused() -> None:
    with pytest.raises(ValidationError, match="resumption must follow a suspension"):
        due_date(date(2025, 6, 9), working(5), CAL, events=(ev(date(2025, 6, 10), K.RESUMED),))


def test_an_event_before_the_start_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"events\[0\]\.on"):
        due_date(date(2025, 6, 9), working(5), CAL, events=(ev(date(2025, 6, 8), K.SUSPENDED),))


def test_a_pause_begun_on_the_last_day_ends_no_earlier_than_the_restart() -> None:
    # Due Mon 16 June 2025; suspended that day, resumed Sat 21 June. The working days
    # in the pause (17-20 June) alone would end the period on Fri 20, before the clock
    # restarted: it ends on the first working day from the restart, Mon 23 June.
    events = [ev(date(2025, 6, 16), K.SUSPENDED), ev(date(2025, 6, 21), K.RESUMED)]
    dl = deadline(date(2025, 6, 9), working(5), CAL, events=events)
    assert dl.due_on == date(2025, 6, 23)
    assert dl.pauses[0].stretched
    # An extension of one working day then still adds a day: Tue 24 June.
    events.append(ev(date(2025, 6, 23), K.EXTENDED, days=1))
    assert due_date(date(2025, 6, 9), working(5), CAL, events=events) == date(2025, 6, 24)


# -- extensions ---------------------------------------------------------------------------


def test_petition_handling_extension_capped_at_thirty_days() -> None:
    # 信访工作条例 第34条: 60 days, extendable by at most 30. Received 2025-08-04: 60 days
    # end Fri 3 Oct (holiday); with 30 more, Sun 2 Nov -> Mon 3 Nov.
    start = date(2025, 8, 4)
    cap = PETITION_HANDLING.max_extension_days
    assert cap == 30
    limit = PETITION_HANDLING.limit
    ok = [ev(date(2025, 9, 20), K.EXTENDED, days=30)]
    assert due_date(start, limit, CAL, events=ok, max_extension_days=cap) == date(2025, 11, 3)
    too_long = [ev(date(2025, 9, 20), K.EXTENDED, days=31)]
    with pytest.raises(ExtensionRefused) as info:
        due_date(start, limit, CAL, events=too_long, max_extension_days=cap)
    assert (info.value.requested, info.value.allowed) == (31, 30)
    # Two extensions adding up to 31 are refused too.
    split = [ev(date(2025, 9, 1), K.EXTENDED, days=20), ev(date(2025, 9, 20), K.EXTENDED, days=11)]
    with pytest.raises(ExtensionRefused):
        due_date(start, limit, CAL, events=split, max_extension_days=cap)


def test_a_late_extension_is_ignored_and_not_counted_toward_the_cap() -> None:
    # Received Mon 9 June 2025, 5 working days: due Mon 16 June.
    start, limit = date(2025, 6, 9), working(5)
    late = [ev(date(2025, 6, 17), K.EXTENDED, days=3)]
    dl = deadline(start, limit, CAL, events=late, max_extension_days=0)
    assert dl.due_on == date(2025, 6, 16)
    assert not dl.extensions[0].counted
    # Approved on the due day itself, it counts: Tue 17, Wed 18, Thu 19 June.
    on_time = [ev(date(2025, 6, 16), K.EXTENDED, days=3)]
    assert due_date(start, limit, CAL, events=on_time) == date(2025, 6, 19)


def test_a_late_suspension_and_its_resumption_are_ignored() -> None:
    events = [ev(date(2025, 6, 17), K.SUSPENDED), ev(date(2025, 6, 30), K.RESUMED)]
    dl = deadline(date(2025, 6, 9), working(5), CAL, events=events)
    assert dl.due_on == date(2025, 6, 16)
    assert [p.counted for p in dl.pauses] == [False]


def test_a_suspension_inside_the_rollover_days_is_in_time() -> None:
    # 60 days from 2025-08-04 end on Oct 3, a holiday; due Thu 9 Oct. A suspension on
    # Sun 5 Oct is before that due date: it counts. Resumed Wed 15 Oct, nothing was left
    # of the 60 days, so the period ends on the day the clock restarts.
    events = [ev(date(2025, 10, 5), K.SUSPENDED), ev(date(2025, 10, 15), K.RESUMED)]
    assert due_date(date(2025, 8, 4), natural(60), CAL, events=events) == date(2025, 10, 15)


# -- coverage -------------------------------------------------------------------------------


def test_a_deadline_past_the_calendar_data_is_an_error() -> None:
    assert CAL.confirmed_through == 2026
    # 5 working days from Mon 28 Dec 2026 run into 2027, which has no notice yet.
    with pytest.raises(CalendarCoverageError, match="2027"):
        due_date(date(2026, 12, 28), working(5), CAL)
    # A natural period needs the calendar only to check its last day.
    with pytest.raises(CalendarCoverageError, match="2027"):
        due_date(date(2026, 12, 1), natural(60), CAL)
    assert due_date(date(2026, 12, 1), natural(60), CAL, roll_forward=False) == date(2027, 1, 30)


def test_bad_arguments_are_reported_together() -> None:
    with pytest.raises(ValidationError) as info:
        due_date(date(2025, 6, 9), working(5), CAL, max_extension_days=-1, as_of="2025-06-10")  # type: ignore[arg-type]
    paths = {p.path for p in info.value.problems}
    assert paths == {"max_extension_days", "as_of"}


# -- explanations -------------------------------------------------------------------------


def test_explain_names_the_pause_the_extension_and_the_rollover_in_both_languages() -> None:
    events = [
        ev(date(2025, 8, 11), K.SUSPENDED),
        ev(date(2025, 8, 18), K.RESUMED),
        ev(date(2025, 8, 20), K.EXTENDED, days=8),
    ]
    # 60 + 7 (pause) + 8 (extension) = 75 days from 2025-08-04: Sat 18 Oct -> Mon 20 Oct.
    dl = deadline(date(2025, 8, 4), natural(60), CAL, events=events)
    assert dl.due_on == date(2025, 10, 20)
    zh = dl.explain("zh")
    assert "中止：2025年8月11日（星期一）至2025年8月18日（星期一），顺延7个自然日" in zh
    assert "延期：2025年8月20日（星期三）批准延长8个自然日（批准人：S01）" in zh
    assert "2025年10月18日（星期六）为休息日，顺延至2025年10月20日（星期一）" in zh
    assert zh.splitlines()[-1] == "截止日期：2025年10月20日（星期一）"
    en = dl.explain("en")
    assert "Suspended Mon 2025-08-11 to Mon 2025-08-18: +7 natural days" in en
    assert "Extended on Wed 2025-08-20 by 8 natural days (approved by S01)" in en
    assert "Sat 2025-10-18, is a rest day" in en
    assert en.splitlines()[-1] == "Due: Mon 2025-10-20"
    with pytest.raises(ValueError, match="lang"):
        dl.explain("fr")


def test_explain_says_why_a_late_step_did_not_count() -> None:
    late = [ev(date(2025, 6, 17), K.EXTENDED, days=3)]
    dl = deadline(date(2025, 6, 9), working(5), CAL, events=late)
    assert "晚于当时的截止日期，不予计算" in dl.explain()
    assert "after the deadline then in force: not counted" in dl.explain("en")
