"""Deadlines (``deadline``, ``due_date``): pinned to the official holiday schedules and
to the texts of law, explained line by line in both languages, and obeying laws that
hold for every limit, calendar day and event history.

An explanation is what a resident is told, so each line is pinned whole.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from shequ_core.calendar import CalendarCoverageError, china_calendar
from shequ_core.entities import (
    RequestEvent,
    RequestEventKind,
    TimeLimit,
    TimeUnit,
)
from shequ_core.errors import ValidationError
from shequ_core.rules.sla import (
    PETITION_HANDLING,
    ExtensionRefused,
    deadline,
    due_date,
)
from shequ_core.strategies import time_limits
from tests.builders import event
from tests.helpers import problems

CAL = china_calendar()
K = RequestEventKind


def working(n: int) -> TimeLimit:
    return TimeLimit(amount=n, unit=TimeUnit.WORKING_DAYS)


def natural(n: int) -> TimeLimit:
    return TimeLimit(amount=n, unit=TimeUnit.NATURAL_DAYS)


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


MON = date(2025, 6, 9)  # June 2025 has no holiday after 2 June
TUE = date(2025, 6, 10)


def _line(unit: TimeUnit, approved_by: str | None, lang: str) -> str:
    ext = RequestEvent(on=TUE, kind=RequestEventKind.EXTENDED, days=3, approved_by=approved_by)
    dl = deadline(MON, TimeLimit(amount=5, unit=unit), CAL, events=[ext])
    return dl.explain(lang).splitlines()[2]


WORKING_5 = TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
NATURAL_60 = TimeLimit(amount=60, unit=TimeUnit.NATURAL_DAYS)
JUNE_9 = date(2025, 6, 9)  # Mon; due Mon 16 June


class TestWorkingAndNaturalDays:
    """Plain limits in working and natural days, across the holidays of the notices."""

    def test_five_working_days_across_national_day_2025(self) -> None:
        # Received Tue 30 Sep (not counted). Oct 1-8 are off. Oct 9 Thu (1), Oct 10 Fri (2),
        # Oct 11 Sat is a make-up working day (3), Oct 12 Sun is off, Oct 13 Mon (4),
        # Oct 14 Tue (5).
        assert due_date(date(2025, 9, 30), working(5), CAL) == date(2025, 10, 14)

    def test_make_up_sunday_before_national_day_2025_counts(self) -> None:
        # Received Fri 26 Sep. Sat 27 off; Sun 28 Sep is worked (1); Mon 29 (2); Tue 30 (3);
        # Oct 1-8 off; Oct 9 (4); Oct 10 (5).
        assert due_date(date(2025, 9, 26), working(5), CAL) == date(2025, 10, 10)

    def test_working_days_across_spring_festival_2026(self) -> None:
        # Received Thu 12 Feb. Fri 13 (1); Sat 14 Feb is worked (2); Feb 15-23 off;
        # Tue 24 (3), Wed 25 (4), Thu 26 (5).
        assert due_date(date(2026, 2, 12), working(5), CAL) == date(2026, 2, 26)
        # ... then Fri 27 (6); Sat 28 Feb is worked (7); Mon 2 Mar (8), Tue 3 (9), Wed 4 (10).
        assert due_date(date(2026, 2, 12), working(10), CAL) == date(2026, 3, 4)

    def test_received_on_a_rest_day_counts_from_the_next_working_day(self) -> None:
        # Received during the Spring Festival break, Wed 18 Feb 2026: Tue 24 (1), Wed 25 (2).
        assert due_date(date(2026, 2, 18), working(2), CAL) == date(2026, 2, 25)

    def test_sixty_natural_days_ending_in_national_day_roll_to_the_next_working_day(self) -> None:
        # 2025-08-04 + 60 days: 27 days to Aug 31, 30 in September, 3 in October: Fri 3 Oct,
        # a holiday. The holidays end on Oct 8; the period ends Thu 9 Oct.
        start = date(2025, 8, 4)
        assert due_date(start, natural(60), CAL) == date(2025, 10, 9)
        assert due_date(start, natural(60), CAL, roll_forward=False) == date(2025, 10, 3)
        dl = deadline(start, natural(60), CAL)
        assert dl.rolled_from == date(2025, 10, 3)

    def test_a_natural_period_ending_on_a_make_up_saturday_does_not_roll(self) -> None:
        # 2026-01-29 + 30 days = Sat 28 Feb 2026, a make-up working day: it stands.
        assert due_date(date(2026, 1, 29), natural(30), CAL) == date(2026, 2, 28)
        # One day less: Fri 27 Feb. One day more: Sun 1 Mar, a rest day -> Mon 2 Mar.
        assert due_date(date(2026, 1, 28), natural(30), CAL) == date(2026, 2, 27)
        assert due_date(date(2026, 1, 30), natural(30), CAL) == date(2026, 3, 2)

    def test_natural_period_ending_in_spring_festival_2026(self) -> None:
        # 2026-01-16 + 30 days = Sun 15 Feb, first day of the break; it ends on Mon 23 Feb:
        # the period ends Tue 24 Feb.
        assert due_date(date(2026, 1, 16), natural(30), CAL) == date(2026, 2, 24)

    def test_a_deadline_past_the_calendar_data_is_an_error(self) -> None:
        assert CAL.confirmed_through == 2026
        # 5 working days from Mon 28 Dec 2026 run into 2027, which has no notice yet.
        with pytest.raises(CalendarCoverageError, match="2027"):
            due_date(date(2026, 12, 28), working(5), CAL)
        # A natural period needs the calendar only to check its last day.
        with pytest.raises(CalendarCoverageError, match="2027"):
            due_date(date(2026, 12, 1), natural(60), CAL)
        assert due_date(date(2026, 12, 1), natural(60), CAL, roll_forward=False) == date(
            2027, 1, 30
        )


class TestSuspensions:
    """Suspensions stop the clock; late or unmatched ones are refused or ignored."""

    def test_a_suspension_counted_in_working_days(self) -> None:
        # Received Fri 26 Sep 2025, 5 working days: due Fri 10 Oct (see above). Suspended Mon
        # 29 Sep, resumed Thu 9 Oct. Used: Sun 28 (1), Mon 29 (2, the suspension day). The
        # clock restarts on Oct 9 (not counted): Fri 10 (3), Sat 11 make-up (4), Mon 13 (5).
        events = (event(date(2025, 9, 29), K.SUSPENDED), event(date(2025, 10, 9), K.RESUMED))
        dl = deadline(date(2025, 9, 26), working(5), CAL, events=events)
        assert dl.due_on == date(2025, 10, 13)
        # Only Tue 30 Sep and Thu 9 Oct are working days in the pause: it adds 2.
        assert dl.paused_days == 2

    def test_the_same_suspension_counted_in_natural_days(self) -> None:
        # A 15-day natural limit from Fri 26 Sep: Sat 11 Oct, a make-up working day. The
        # pause 29 Sep -> 9 Oct adds 10 days: Tue 21 Oct.
        events = (event(date(2025, 9, 29), K.SUSPENDED), event(date(2025, 10, 9), K.RESUMED))
        assert due_date(date(2025, 9, 26), natural(15), CAL) == date(2025, 10, 11)
        assert due_date(date(2025, 9, 26), natural(15), CAL, events=events) == date(2025, 10, 21)

    def test_a_suspension_still_open_needs_as_of(self) -> None:
        events = (event(date(2025, 6, 11), K.SUSPENDED),)
        with pytest.raises(ValidationError, match="as_of"):
            due_date(date(2025, 6, 9), working(5), CAL, events=events)
        # Counted up to as_of: received Mon 9 June, due Mon 16 June; suspended Wed 11, still
        # suspended on Mon 16: Thu 12, Fri 13, Mon 16 are added -> Thu 19 June.
        assert due_date(
            date(2025, 6, 9), working(5), CAL, events=events, as_of=date(2025, 6, 16)
        ) == date(2025, 6, 19)

    def test_a_resumption_without_a_suspension_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="resumption must follow a suspension"):
            due_date(
                date(2025, 6, 9), working(5), CAL, events=(event(date(2025, 6, 10), K.RESUMED),)
            )

    def test_an_event_before_the_start_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=r"events\[0\]\.on"):
            due_date(
                date(2025, 6, 9), working(5), CAL, events=(event(date(2025, 6, 8), K.SUSPENDED),)
            )

    def test_a_pause_begun_on_the_last_day_ends_no_earlier_than_the_restart(self) -> None:
        # Due Mon 16 June 2025; suspended that day, resumed Sat 21 June. The working days
        # in the pause (17-20 June) alone would end the period on Fri 20, before the clock
        # restarted: it ends on the first working day from the restart, Mon 23 June.
        events = [event(date(2025, 6, 16), K.SUSPENDED), event(date(2025, 6, 21), K.RESUMED)]
        dl = deadline(date(2025, 6, 9), working(5), CAL, events=events)
        assert dl.due_on == date(2025, 6, 23)
        assert dl.pauses[0].stretched
        # An extension of one working day then still adds a day: Tue 24 June.
        events.append(event(date(2025, 6, 23), K.EXTENDED, days=1))
        assert due_date(date(2025, 6, 9), working(5), CAL, events=events) == date(2025, 6, 24)

    def test_a_late_suspension_and_its_resumption_are_ignored(self) -> None:
        events = [event(date(2025, 6, 17), K.SUSPENDED), event(date(2025, 6, 30), K.RESUMED)]
        dl = deadline(date(2025, 6, 9), working(5), CAL, events=events)
        assert dl.due_on == date(2025, 6, 16)
        assert [p.counted for p in dl.pauses] == [False]

    def test_a_suspension_inside_the_rollover_days_is_in_time(self) -> None:
        # 60 days from 2025-08-04 end on Oct 3, a holiday; due Thu 9 Oct. A suspension on
        # Sun 5 Oct is before that due date: it counts. Resumed Wed 15 Oct, nothing was left
        # of the 60 days, so the period ends on the day the clock restarts.
        events = [event(date(2025, 10, 5), K.SUSPENDED), event(date(2025, 10, 15), K.RESUMED)]
        assert due_date(date(2025, 8, 4), natural(60), CAL, events=events) == date(2025, 10, 15)

    def test_two_suspensions_in_a_row_are_refused(self) -> None:
        events = [event(date(2025, 6, 10), K.SUSPENDED), event(date(2025, 6, 12), K.SUSPENDED)]
        with pytest.raises(ValidationError) as info:
            deadline(JUNE_9, WORKING_5, CAL, events=events, as_of=date(2025, 6, 20))
        assert problems(info) == [("events", "a suspension must be resumed before the next one")]
        # Resumed in between, the same two suspensions are fine: 1 + 2 working days paused.
        events.insert(1, event(date(2025, 6, 11), K.RESUMED))
        events.append(event(date(2025, 6, 16), K.RESUMED))
        assert deadline(JUNE_9, WORKING_5, CAL, events=events).due_on == date(2025, 6, 19)

    def test_an_open_suspension_needs_as_of(self) -> None:
        with pytest.raises(ValidationError) as info:
            deadline(MON, WORKING_5, CAL, events=[RequestEvent(on=MON, kind=K.SUSPENDED)])
        assert info.value.subject == "deadline"
        assert problems(info) == [
            ("as_of", "a suspension not yet resumed is counted up to as_of: pass as_of")
        ]

    def test_a_resumption_needs_a_suspension_before_it(self) -> None:
        with pytest.raises(ValidationError) as info:
            deadline(MON, WORKING_5, CAL, events=[RequestEvent(on=MON, kind=K.RESUMED)])
        assert info.value.subject == "deadline"
        assert problems(info) == [("events", "a resumption must follow a suspension")]


class TestExtensions:
    """Extensions, and the cap of the petition regulation."""

    def test_petition_handling_extension_capped_at_thirty_days(self) -> None:
        # 信访工作条例 第34条: 60 days, extendable by at most 30. Received 2025-08-04: 60 days
        # end Fri 3 Oct (holiday); with 30 more, Sun 2 Nov -> Mon 3 Nov.
        start = date(2025, 8, 4)
        cap = PETITION_HANDLING.max_extension_days
        assert cap == 30
        limit = PETITION_HANDLING.limit
        ok = [event(date(2025, 9, 20), K.EXTENDED, days=30)]
        assert due_date(start, limit, CAL, events=ok, max_extension_days=cap) == date(2025, 11, 3)
        too_long = [event(date(2025, 9, 20), K.EXTENDED, days=31)]
        with pytest.raises(ExtensionRefused) as info:
            due_date(start, limit, CAL, events=too_long, max_extension_days=cap)
        assert (info.value.requested, info.value.allowed) == (31, 30)
        # Two extensions adding up to 31 are refused too.
        split = [
            event(date(2025, 9, 1), K.EXTENDED, days=20),
            event(date(2025, 9, 20), K.EXTENDED, days=11),
        ]
        with pytest.raises(ExtensionRefused):
            due_date(start, limit, CAL, events=split, max_extension_days=cap)

    def test_a_late_extension_is_ignored_and_not_counted_toward_the_cap(self) -> None:
        # Received Mon 9 June 2025, 5 working days: due Mon 16 June.
        start, limit = date(2025, 6, 9), working(5)
        late = [event(date(2025, 6, 17), K.EXTENDED, days=3)]
        dl = deadline(start, limit, CAL, events=late, max_extension_days=0)
        assert dl.due_on == date(2025, 6, 16)
        assert not dl.extensions[0].counted
        # Approved on the due day itself, it counts: Tue 17, Wed 18, Thu 19 June.
        on_time = [event(date(2025, 6, 16), K.EXTENDED, days=3)]
        assert due_date(start, limit, CAL, events=on_time) == date(2025, 6, 19)

    @pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
    def test_max_extension_days_must_be_a_whole_number_or_none(self, bad: object) -> None:
        with pytest.raises(ValidationError) as info:
            deadline(MON, WORKING_5, CAL, max_extension_days=bad)  # type: ignore[arg-type]
        assert problems(info) == [
            ("max_extension_days", "must be a whole number of days, 0 or more, or None")
        ]

    @pytest.mark.parametrize("fine", [None, 0, 30])
    def test_max_extension_days_accepts_none_and_counts(self, fine: int | None) -> None:
        assert deadline(MON, WORKING_5, CAL, max_extension_days=fine).due_on == date(2025, 6, 16)


class TestArguments:
    """Bad arguments are reported together, each with its name."""

    def test_bad_arguments_are_reported_together(self) -> None:
        with pytest.raises(ValidationError) as info:
            due_date(date(2025, 6, 9), working(5), CAL, max_extension_days=-1, as_of="2025-06-10")  # type: ignore[arg-type]
        paths = {p.path for p in info.value.problems}
        assert paths == {"max_extension_days", "as_of"}

    def test_deadline_names_every_bad_argument(self) -> None:
        with pytest.raises(ValidationError) as info:
            deadline("2025-06-09", 5, CAL, events=[event(JUNE_9, K.SUSPENDED), "resumed"])  # type: ignore[arg-type]
        assert problems(info) == [
            ("start", "must be a date or a datetime, not str"),
            ("limit", "must be a TimeLimit"),
            ("events[1]", "must be a RequestEvent"),
        ]
        assert info.value.subject == "deadline"
        with pytest.raises(ValidationError) as info:
            deadline(
                JUNE_9,
                WORKING_5,
                CAL,
                events=[event(JUNE_9, K.SUSPENDED), event(date(2025, 6, 8), K.RESUMED)],
            )
        assert problems(info) == [("events[1].on", "must not be before start")]

    def test_an_event_out_of_sequence_is_a_deadline_error(self) -> None:
        events = [
            RequestEvent(on=TUE, kind=RequestEventKind.SUSPENDED),
            RequestEvent(on=date(2025, 6, 11), kind=RequestEventKind.SUSPENDED),
        ]
        with pytest.raises(ValidationError) as info:
            deadline(MON, TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS), CAL, events=events)
        assert info.value.subject == "deadline"
        assert [p.path for p in info.value.problems] == ["events"]


class TestExplain:
    """``Deadline.explain``: each step told, in both languages."""

    def test_explain_names_the_pause_the_extension_and_the_rollover_in_both_languages(self) -> None:
        events = [
            event(date(2025, 8, 11), K.SUSPENDED),
            event(date(2025, 8, 18), K.RESUMED),
            event(date(2025, 8, 20), K.EXTENDED, days=8),
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

    def test_explain_says_why_a_late_step_did_not_count(self) -> None:
        late = [event(date(2025, 6, 17), K.EXTENDED, days=3)]
        dl = deadline(date(2025, 6, 9), working(5), CAL, events=late)
        assert "晚于当时的截止日期，不予计算" in dl.explain()
        assert "after the deadline then in force: not counted" in dl.explain("en")

    @pytest.mark.parametrize(
        ("unit", "approved_by", "zh", "en"),
        [
            (
                TimeUnit.WORKING_DAYS,
                None,
                "延期：2025年6月10日（星期二）批准延长3个工作日",
                "Extended on Tue 2025-06-10 by 3 working days",
            ),
            (
                TimeUnit.NATURAL_DAYS,
                None,
                "延期：2025年6月10日（星期二）批准延长3个自然日",
                "Extended on Tue 2025-06-10 by 3 natural days",
            ),
            (
                TimeUnit.WORKING_DAYS,
                "S01",
                "延期：2025年6月10日（星期二）批准延长3个工作日（批准人：S01）",
                "Extended on Tue 2025-06-10 by 3 working days (approved by S01)",
            ),
        ],
    )
    def test_extension_line(
        self, unit: TimeUnit, approved_by: str | None, zh: str, en: str
    ) -> None:
        assert _line(unit, approved_by, "zh") == zh
        assert _line(unit, approved_by, "en") == en

    def test_natural_days_not_rolled_forward_say_so(self) -> None:
        dl = deadline(MON, TimeLimit(amount=5, unit=TimeUnit.NATURAL_DAYS), CAL, roll_forward=False)
        assert dl.explain().splitlines() == [
            "受理日期：2025年6月9日（星期一），当日不计入",
            "办理时限：5个自然日（期限届满日为休息日的，不顺延）",
            "截止日期：2025年6月14日（星期六）",
        ]
        assert dl.explain("en").splitlines() == [
            "Received Mon 2025-06-09 (that day is not counted)",
            "Time limit: 5 natural days (not moved when the last day is a rest day)",
            "Due: Sat 2025-06-14",
        ]

    def test_a_pause_and_extensions_on_one_day_are_told_pause_first_then_in_order(self) -> None:
        k = RequestEventKind
        events = [
            RequestEvent(on=TUE, kind=k.SUSPENDED),
            RequestEvent(on=TUE, kind=k.EXTENDED, days=2, approved_by="S1"),
            RequestEvent(on=TUE, kind=k.EXTENDED, days=1),
            RequestEvent(on=date(2025, 6, 12), kind=k.RESUMED),
        ]
        dl = deadline(MON, TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS), CAL, events=events)
        # The extensions are told in the deadline's order of them, whatever their wording.
        assert [e.days for e in dl.extensions] == [1, 2]
        assert dl.explain().splitlines()[2:] == [
            "中止：2025年6月10日（星期二）至2025年6月12日（星期四），顺延2个工作日",
            "延期：2025年6月10日（星期二）批准延长1个工作日",
            "延期：2025年6月10日（星期二）批准延长2个工作日（批准人：S1）",
            "截止日期：2025年6月23日（星期一）",
        ]
        assert dl.explain("en").splitlines()[2:] == [
            "Suspended Tue 2025-06-10 to Thu 2025-06-12: +2 working days",
            "Extended on Tue 2025-06-10 by 1 working day",
            "Extended on Tue 2025-06-10 by 2 working days (approved by S1)",
            "Due: Mon 2025-06-23",
        ]

    def test_natural_days_rolled_forward_say_so_and_why(self) -> None:
        dl = deadline(MON, TimeLimit(amount=5, unit=TimeUnit.NATURAL_DAYS), CAL)
        assert dl.explain().splitlines()[1:] == [
            "办理时限：5个自然日（期限届满日为休息日的，顺延至其后第一个工作日）",
            "期限届满日2025年6月14日（星期六）为休息日，顺延至2025年6月16日（星期一）"
            "（民法典第二百零三条）",
            "截止日期：2025年6月16日（星期一）",
        ]
        assert dl.explain("en").splitlines()[1:] == [
            "Time limit: 5 natural days "
            "(a last day that is a rest day moves to the next working day)",
            "The last day, Sat 2025-06-14, is a rest day: the period ends on the next working day, "
            "Mon 2025-06-16 (Civil Code art. 203)",
            "Due: Mon 2025-06-16",
        ]

    def test_steps_are_told_by_date_an_extension_before_a_later_pause(self) -> None:
        k = RequestEventKind
        events = [
            RequestEvent(on=TUE, kind=k.EXTENDED, days=2, approved_by="S1"),
            RequestEvent(on=date(2025, 6, 11), kind=k.SUSPENDED),
            RequestEvent(on=date(2025, 6, 12), kind=k.RESUMED),
        ]
        dl = deadline(MON, TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS), CAL, events=events)
        assert dl.explain("en").splitlines()[2:] == [
            "Extended on Tue 2025-06-10 by 2 working days (approved by S1)",
            "Suspended Wed 2025-06-11 to Thu 2025-06-12: +1 working day",
            "Due: Thu 2025-06-19",
        ]

    def test_a_late_suspension_is_explained_as_not_counted(self) -> None:
        events = [event(date(2025, 6, 17), K.SUSPENDED), event(date(2025, 6, 30), K.RESUMED)]
        dl = deadline(JUNE_9, WORKING_5, CAL, events=events)
        assert dl.explain().splitlines()[2:] == [
            "中止：2025年6月17日（星期二），晚于当时的截止日期，不予顺延",
            "截止日期：2025年6月16日（星期一）",
        ]
        assert dl.explain("en").splitlines()[2:] == [
            "Suspended Tue 2025-06-17, after the deadline then in force: not counted",
            "Due: Mon 2025-06-16",
        ]

    def test_a_stretched_pause_in_working_days_is_explained(self) -> None:
        # Suspended on the last day (Mon 16 June), resumed Sat 21: the four working days
        # 17-20 alone would end the period on Fri 20; it ends on Mon 23, 5 days added.
        events = [event(date(2025, 6, 16), K.SUSPENDED), event(date(2025, 6, 21), K.RESUMED)]
        dl = deadline(JUNE_9, WORKING_5, CAL, events=events)
        assert (dl.due_on, dl.pauses[0].days, dl.pauses[0].stretched) == (
            date(2025, 6, 23),
            5,
            True,
        )
        assert dl.explain().splitlines()[1:] == [
            "办理时限：5个工作日（周末和法定节假日不计，调休上班日计入）",
            "中止：2025年6月16日（星期一）至2025年6月21日（星期六），顺延5个工作日"
            "（中止时期限已无剩余，期限延至恢复之日或其后第一个工作日）",
            "截止日期：2025年6月23日（星期一）",
        ]
        assert dl.explain("en").splitlines()[1:] == [
            "Time limit: 5 working days (weekends and public holidays skipped, make-up working "
            "days counted)",
            "Suspended Mon 2025-06-16 to Sat 2025-06-21: +5 working days (nothing was left when "
            "it stopped, so the period now ends on the first working day on or after the day the "
            "clock restarts)",
            "Due: Mon 2025-06-23",
        ]

    def test_a_stretched_pause_in_natural_days_is_explained(self) -> None:
        # 60 days from Mon 4 Aug 2025 end on Fri 3 Oct (国庆), rolled to Thu 9 Oct. Suspended
        # Sun 5 Oct, resumed Wed 15 Oct: 10 days paused, but 12 are needed to end on the 15th.
        events = [event(date(2025, 10, 5), K.SUSPENDED), event(date(2025, 10, 15), K.RESUMED)]
        dl = deadline(date(2025, 8, 4), NATURAL_60, CAL, events=events)
        assert (dl.due_on, dl.pauses[0].days, dl.rolled_from) == (date(2025, 10, 15), 12, None)
        assert dl.explain().splitlines()[2:] == [
            "中止：2025年10月5日（星期日）至2025年10月15日（星期三），顺延12个自然日"
            "（中止时期限已无剩余，期限延至恢复之日）",
            "截止日期：2025年10月15日（星期三）",
        ]
        assert dl.explain("en").splitlines()[2:] == [
            "Suspended Sun 2025-10-05 to Wed 2025-10-15: +12 natural days (nothing was left when "
            "it stopped, so the period now ends on the day the clock restarts)",
            "Due: Wed 2025-10-15",
        ]

    def test_an_open_pause_is_explained_as_provisional(self) -> None:
        dl = deadline(
            JUNE_9,
            WORKING_5,
            CAL,
            events=[event(date(2025, 6, 11), K.SUSPENDED)],
            as_of=date(2025, 6, 13),
        )
        assert dl.explain().splitlines()[2:] == [
            "中止：自2025年6月11日（星期三）起，尚未恢复，计至2025年6月13日（星期五），顺延2个工作日",
            "截止日期：2025年6月18日（星期三）（如于2025年6月13日（星期五）恢复计时）",
        ]
        assert dl.explain("en").splitlines()[2:] == [
            "Suspended since Wed 2025-06-11, not yet resumed, counted up to Fri 2025-06-13: "
            "+2 working days",
            "Due: Wed 2025-06-18 (if the clock restarts on Fri 2025-06-13)",
        ]

    def test_explain_refuses_an_unknown_language(self) -> None:
        dl = deadline(JUNE_9, WORKING_5, CAL)
        with pytest.raises(ValidationError) as info:
            dl.explain("fr")
        assert info.value.subject == "Deadline.explain"
        assert [(p.path, p.code, p.message) for p in info.value.problems] == [
            ("lang", "invalid_argument", "must be 'zh' or 'en', got 'fr'")
        ]


class TestLaws:
    """Laws of ``due_date`` that hold for every limit, calendar day and event history."""

    @given(histories(), st.integers(1, 30))
    def test_a_longer_limit_never_ends_earlier(self, h: History, more: int) -> None:
        longer = replace(h, limit=TimeLimit(amount=h.limit.amount + more, unit=h.limit.unit))
        assert h.due() <= longer.due()

    @given(histories(), st.data())
    def test_a_longer_pause_never_ends_earlier(self, h: History, data: st.DataObject) -> None:
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
    def test_a_pause_still_open_never_ends_earlier_as_time_passes(
        self, h: History, later: int
    ) -> None:
        assume(h.open_since is not None)
        assert h.due() <= replace(h, as_of=h.as_of + timedelta(days=later)).due()

    @given(histories(), st.data())
    def test_a_longer_extension_never_ends_earlier(self, h: History, data: st.DataObject) -> None:
        assume(h.extensions)
        i = data.draw(st.integers(0, len(h.extensions) - 1), label="extension")
        more = data.draw(st.integers(1, 30), label="more days")
        extensions = list(h.extensions)
        extensions[i] = (extensions[i][0], extensions[i][1] + more)
        assert h.due() <= replace(h, extensions=tuple(extensions)).due()

    @given(histories(), st.data(), st.integers(1, 30))
    def test_an_added_extension_never_ends_earlier(
        self, h: History, data: st.DataObject, days: int
    ) -> None:
        on = data.draw(st.dates(h.start, h.as_of), label="approved on")
        assert h.due() <= replace(h, extensions=(*h.extensions, (on, days))).due()

    @given(histories(), st.data())
    def test_the_order_of_the_events_does_not_matter(self, h: History, data: st.DataObject) -> None:
        events = h.events()
        shuffled = data.draw(st.permutations(events), label="events")
        kw = {"events": shuffled, "as_of": h.as_of}
        assert deadline(h.start, h.limit, CAL, **kw) == deadline(  # type: ignore[arg-type]
            h.start, h.limit, CAL, events=events, as_of=h.as_of
        )

    @given(histories())
    def test_events_never_bring_the_due_date_before_the_plain_limit(self, h: History) -> None:
        plain = due_date(h.start, h.limit, CAL)
        assert plain <= h.due()

    @given(histories())
    def test_the_due_date_is_a_working_day_unless_rollover_is_off(self, h: History) -> None:
        due = h.due()
        assert due > h.start
        assert CAL.is_working_day(due)
        # Without rollover a natural period ends on its exact last day, never later.
        assert h.due(roll_forward=False) <= due

    @given(histories(units=st.just(TimeUnit.NATURAL_DAYS)))
    def test_rollover_only_moves_a_last_day_that_is_a_rest_day(self, h: History) -> None:
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
    def test_the_plain_working_day_limit_spans_exactly_its_amount(self, h: History) -> None:
        assume(h.limit.unit is TimeUnit.WORKING_DAYS)
        due = due_date(h.start, h.limit, CAL)
        assert CAL.working_days_between(h.start, due) == h.limit.amount
        assert CAL.is_working_day(due)

    @given(histories(), st.integers(1, 30))
    def test_an_extension_dated_after_the_due_date_changes_nothing(
        self, h: History, gap: int
    ) -> None:
        # While the clock is stopped nothing is late: take histories with no pause open.
        assume(h.open_since is None)
        dl = deadline(h.start, h.limit, CAL, events=h.events(), as_of=h.as_of)
        on = dl.due_on + timedelta(days=gap)
        late = replace(h, extensions=(*h.extensions, (on, 5)), as_of=max(h.as_of, on))
        later_dl = deadline(h.start, h.limit, CAL, events=late.events(), as_of=late.as_of)
        assert later_dl.due_on == dl.due_on
        assert later_dl.extension_days == dl.extension_days

    @given(histories())
    def test_the_extension_cap_refuses_exactly_what_exceeds_it(self, h: History) -> None:
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
    def test_a_period_never_ends_before_the_clock_restarts(self, h: History) -> None:
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
        self, start: date, limit: TimeLimit, back: int, length: int
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
