"""The explanation of an extension, in both units and languages, with and without who
approved it: each line is what a resident is told, so each is pinned whole."""

from __future__ import annotations

from datetime import date

import pytest

from shequ_core.calendar import china_calendar
from shequ_core.entities import RequestEvent, RequestEventKind, TimeLimit, TimeUnit
from shequ_core.errors import ValidationError
from shequ_core.rules.sla import deadline

CAL = china_calendar()
MON = date(2025, 6, 9)  # June 2025 has no holiday after 2 June
TUE = date(2025, 6, 10)


def _line(unit: TimeUnit, approved_by: str | None, lang: str) -> str:
    ext = RequestEvent(on=TUE, kind=RequestEventKind.EXTENDED, days=3, approved_by=approved_by)
    dl = deadline(MON, TimeLimit(amount=5, unit=unit), CAL, events=[ext])
    return dl.explain(lang).splitlines()[2]


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
def test_extension_line(unit: TimeUnit, approved_by: str | None, zh: str, en: str) -> None:
    assert _line(unit, approved_by, "zh") == zh
    assert _line(unit, approved_by, "en") == en


def test_an_event_out_of_sequence_is_a_deadline_error() -> None:
    events = [
        RequestEvent(on=TUE, kind=RequestEventKind.SUSPENDED),
        RequestEvent(on=date(2025, 6, 11), kind=RequestEventKind.SUSPENDED),
    ]
    with pytest.raises(ValidationError) as info:
        deadline(MON, TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS), CAL, events=events)
    assert info.value.subject == "deadline"
    assert [p.path for p in info.value.problems] == ["events"]


def test_natural_days_not_rolled_forward_say_so() -> None:
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


def test_a_pause_and_extensions_on_one_day_are_told_pause_first_then_in_order() -> None:
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


def test_the_wording_helpers_refuse_an_unknown_language() -> None:
    from shequ_core.rules.sla._text import amount, day

    with pytest.raises(ValueError, match="lang must be"):
        day(MON, "fr")
    with pytest.raises(ValueError, match="lang must be"):
        amount(1, TimeUnit.WORKING_DAYS, None)  # type: ignore[arg-type]
    assert amount(1, TimeUnit.NATURAL_DAYS, "en") == "1 natural day"
    assert amount(-1, TimeUnit.WORKING_DAYS, "en") == "-1 working day"


def test_natural_days_rolled_forward_say_so_and_why() -> None:
    dl = deadline(MON, TimeLimit(amount=5, unit=TimeUnit.NATURAL_DAYS), CAL)
    assert dl.explain().splitlines()[1:] == [
        "办理时限：5个自然日（期限届满日为休息日的，顺延至其后第一个工作日）",
        "期限届满日2025年6月14日（星期六）为休息日，顺延至2025年6月16日（星期一）"
        "（民法典第二百零三条）",
        "截止日期：2025年6月16日（星期一）",
    ]
    assert dl.explain("en").splitlines()[1:] == [
        "Time limit: 5 natural days (a last day that is a rest day moves to the next working day)",
        "The last day, Sat 2025-06-14, is a rest day: the period ends on the next working day, "
        "Mon 2025-06-16 (Civil Code art. 203)",
        "Due: Mon 2025-06-16",
    ]


def test_steps_are_told_by_date_an_extension_before_a_later_pause() -> None:
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
