"""Working days in mainland China: statutory holidays, weekends and 调休 make-up days.

References:
    * 全国年节及纪念日放假办法 (Measures on National Holidays and Memorial Days), 国务院
      1949; revised 1999-09-18 (国务院令第270号: 10 days), 2007-12-14 (国务院令第513号,
      in force 2008-01-01: 11 days, with 清明, 端午, 中秋; 除夕 instead of 正月初三),
      2013-12-11 (国务院令第644号, in force 2014-01-01: 正月初三 again instead of
      除夕), and 2024-11-10 (国务院令第795号, in force 2025-01-01: 13 days, 除夕 and
      5月2日 added). 第6条: an all-citizen holiday on a Saturday or Sunday is made up on
      a working day. 第7条: holidays may be bundled by 调休, with generally no more than
      six consecutive working days before or after.
    * The yearly 国务院办公厅关于XXXX年部分节假日安排的通知 (published each autumn for
      the next year) fixing the dates, the swapped days off and the make-up working
      days; one-off notices: 2015 (抗战胜利70周年 day off, 2015-09-03) and 2020
      (国办发明电〔2020〕1号, Spring Festival extended to 2020-02-02 for COVID-19).

Data source:
    The holidays package (``holidays.China``, category ``public``; python-holidays,
    MIT). Rest days are the package's public holidays, including the swapped days off
    it lists under ``ChinaStaticHolidays``; make-up working days are its
    ``weekend_workdays``. ``confirmed_through`` is the last year of those notice
    tables. This module holds no dates of its own.

Checked with:
    The chinese_calendar package (PyPI ``chinesecalendar``), day by day over 2004–2026
    in the test suite. The two disagree on one day, 2005-12-31 (a Saturday worked
    under the 2006 New Year notice: 1月2日 made up for 元旦 on a Sunday, 1月3日 swapped
    with 12月31日), where holidays is right and chinese_calendar lists a rest day. The
    yearly count of statutory days off net of make-up days (10, 11, 13 by rule
    revision, with the one-off years 2015 and 2020) is checked too.

Corrections:
    * 2003 May Day. holidays has the schedule of the yearly notice (5月1日至7日 off,
      4月26日、27日 worked). 国务院办公厅关于2003年"五一"放假调休安排的通知 of
      2003-04-21 (SARS: "今年'五一'按法定假日休假，暂不实行长假制度") replaced it:
      5月1日至3日 statutory, 5月3日's weekend day moved to 5月5日, 5月4日 an ordinary
      Sunday. So 5月6日、7日 are working days and 4月26日、27日 ordinary weekend days
      here (reported by 人民网, 2003-04-22). The notice's number is not known to us.

Limitations:
    * Covers 2001 through ``confirmed_through``. A day outside raises
      :class:`~shequ_core.errors.CalendarCoverageError`. A year the installed holidays
      does not carry yet is loaded from its notice, typed into a small TOML file
      (``notices=[path]``, :mod:`shequ_core.calendar._notice`); a notice for a year the
      package carries must agree with it day by day.
    * A notice may make late-December days of the year before part of the New Year
      holiday (2001-12-29/30, 2005-12-31, 2006-12-30/31, 2007-12-29/31, 2011-12-31,
      2018-12-29/31 all were). Late December of ``confirmed_through`` is final only
      once the next year's notice is out.
    * ``provisional=True`` adds five years estimated by holidays from the statutory
      rules alone: exactly the statutory days of 全国年节及纪念日放假办法 (13 since
      2025), a holiday on a weekend moved to the next working day, no swapped days off
      and no make-up working days. Real notices usually differ (a 9-day Spring
      Festival with two make-up Saturdays), and where 中秋 falls on 10月1–3日 (2028,
      2031) the estimate lacks the extra day a notice gives (2009, 2020 had one). The
      estimated days are every day after 31 December of ``confirmed_through``; late
      December of ``confirmed_through`` is taken as confirmed, though the next notice
      may still move it. The calendar says so in ``provisional``; a result resting on
      an estimated day says so too (``Deadline.provisional``).
    * Only all-citizen holidays (第2条). Partial holidays (妇女节, 青年节 half days; 儿童节;
      建军节) and the holidays of ethnic minorities (第4条) are not rest days here; add
      a local one with ``extra_rest_days``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from shequ_core.calendar._notice import Notice, load_notice
from shequ_core.calendar._workcalendar import WorkCalendar
from shequ_core.errors import Problem, ValidationError

__all__ = ["china_calendar"]

#: The first year of official notices that holidays holds for China.
FIRST_YEAR = 2001
#: How many estimated years a provisional calendar adds after ``confirmed_through``.
PROVISIONAL_YEARS = 5

# 2003 May Day, as the notice of 2003-04-21 (SARS) left it; see "Corrections" above.
#: Rest days in holidays that the 2003 notice made working days again.
_WORKED_2003 = frozenset({date(2003, 5, 6), date(2003, 5, 7)})
#: Make-up Saturday and Sunday in holidays that the 2003 notice made rest days again.
_RESTED_2003 = frozenset({date(2003, 4, 26), date(2003, 4, 27)})


def _confirmed_through() -> int:
    """The last year whose State Council notice the installed holidays package holds.

    Read from the package's table of notice-fixed days (``ChinaStaticHolidays``), so it
    moves with the installed version. Imports holidays.
    """
    from holidays.countries.china import ChinaStaticHolidays

    return max(ChinaStaticHolidays.special_public_holidays)


@functools.lru_cache(maxsize=4)
def _china_days(last_year: int) -> tuple[frozenset[date], frozenset[date], str]:
    """Rest days and make-up working days from holidays, for 2001 through ``last_year``.

    All years are loaded in one object, so a make-up day that the next year's notice
    puts in late December (``(JAN, 2, DEC, 29, 2001)`` under 2002) lands in its year.
    """
    from importlib.metadata import version

    import holidays

    data = holidays.country_holidays(
        "CN", years=range(FIRST_YEAR, last_year + 1), categories=("public",)
    )
    rest = frozenset(d for d in data if FIRST_YEAR <= d.year <= last_year) - _WORKED_2003
    work = (
        frozenset(d for d in data.weekend_workdays if FIRST_YEAR <= d.year <= last_year)
        - _RESTED_2003
    )
    source = (
        f"holidays {version('holidays')} (holidays.China, category public); "
        "2003 May Day corrected from the notice of 2003-04-21"
    )
    return rest, work, source


def china_calendar(
    *,
    extra_rest_days: Iterable[date] = (),
    extra_working_days: Iterable[date] = (),
    provisional: bool = False,
    notices: Iterable[str | Path | Notice] = (),
) -> WorkCalendar:
    """The mainland China working-day calendar, 2001 through the last official notice.

    ``extra_rest_days`` adds local rest days (a local holiday, an office closure);
    ``extra_working_days`` makes days working days (a weekend duty day). Both apply on
    top of the national calendar and must lie in the covered years. With
    ``provisional=True`` the calendar also covers the five years after
    ``confirmed_through``, estimated from the statutory rules without make-up days, and
    says so in ``.provisional`` and ``.source``.

    ``notices`` are State Council notices the holidays package does not carry yet, each
    a TOML file (or a :class:`Notice`): the year after the last confirmed one, then the
    next. Each moves ``confirmed_through`` to its year. A notice for a year the package
    already carries must agree with it day by day; a file that contradicts it, a gap
    between years or a bad file is a :class:`~shequ_core.errors.ValidationError`
    listing every problem.

    The calendar is built on first use and cached (the default one takes a few
    milliseconds after holidays is imported); importing this module builds nothing.
    Notices are merged into the same tables, so a query costs the same with them.
    """
    rest = tuple(sorted(set(extra_rest_days)))
    work = tuple(sorted(set(extra_working_days)))
    if isinstance(notices, (str, Path, Notice)):
        notices = [notices]  # one file given as it is, not a list of one
    loaded = tuple(n if isinstance(n, Notice) else load_notice(n) for n in notices)
    return _china_calendar(rest, work, bool(provisional), loaded)


@functools.lru_cache(maxsize=16)
def _china_calendar(
    extra_rest: tuple[date, ...],
    extra_work: tuple[date, ...],
    provisional: bool,
    notices: tuple[Notice, ...] = (),
) -> WorkCalendar:
    clash = sorted(set(extra_rest) & set(extra_work))
    if clash:
        problems = [
            Problem("extra_working_days", f"{d} is also in extra_rest_days", "invalid_argument")
            for d in clash
        ]
        raise ValidationError(problems, subject="china_calendar arguments")
    package = _confirmed_through()
    new = _check_notices(notices, package)
    confirmed = max([package, *(n.year for n in new)])
    last = confirmed + PROVISIONAL_YEARS if provisional else confirmed
    rest, work, source = _china_days(last)
    for n in new:
        # The package's estimate of the year gives way to the notice, whole.
        rest = frozenset(d for d in rest if d.year != n.year) - n.working_days | n.rest_days
        work = frozenset(d for d in work if d.year != n.year) - n.rest_days | n.working_days
        source += f"; {n.year} from {n.cite()}"
    if provisional:
        source += (
            f"; {confirmed + 1}–{last} provisional, estimated from the statutory rules "
            "without make-up days"
        )
    if extra_rest or extra_work:
        source += f"; local additions: {len(extra_rest)} rest, {len(extra_work)} working days"
    return WorkCalendar(
        first_year=FIRST_YEAR,
        last_year=last,
        rest_days=(rest - set(extra_work)) | set(extra_rest),
        working_days=(work - set(extra_rest)) | set(extra_work),
        confirmed_through=confirmed,
        provisional=provisional,
        source=source,
    )


def _check_notices(notices: tuple[Notice, ...], package: int) -> tuple[Notice, ...]:
    """The notices for years after ``package``, in order; raise listing every problem
    (a year twice, a gap, a year before 2001, a contradiction of the package's data)."""
    problems: list[Problem] = []
    years: set[int] = set()
    for n in notices:
        if n.year in years:
            problems.append(_problem(n, "year", f"a second notice for {n.year}", "inconsistent"))
        years.add(n.year)
        if n.year < FIRST_YEAR:
            msg = f"{n.year} is before the calendar's first year {FIRST_YEAR}"
            problems.append(_problem(n, "year", msg, "out_of_range"))
        elif n.year <= package:
            problems.extend(_contradictions(n))
    new = tuple(sorted((n for n in notices if n.year > package), key=lambda n: n.year))
    expected = package + 1
    for n in new:
        if n.year > expected:
            msg = (
                f"{n.year} needs the notice for {expected} first: the calendar is "
                f"confirmed through {expected - 1}"
            )
            problems.append(_problem(n, "year", msg, "out_of_range"))
        expected = n.year + 1
    if problems:
        raise ValidationError(problems, subject="holiday notices")
    return new


def _problem(n: Notice, loc: str, msg: str, code: str) -> Problem:
    return Problem(loc, msg, code, file=n.file)


def _contradictions(n: Notice) -> Iterator[Problem]:
    """Where a notice for a year the package carries disagrees with it.

    Compared over the notice's own span, from 1 January (or the late-December day it
    starts on) to its last named day: the days after it belong to the next notice.
    Only what makes a difference is compared: a weekday off, a weekend day worked.
    """
    from importlib.metadata import version

    rest, work, _ = _china_days(_confirmed_through())
    first, last = n.span
    first = min(first, date(n.year, 1, 1))
    package = f"holidays {version('holidays')}"
    said_rest = {d for d in n.rest_days if d.weekday() < 5}
    said_work = {d for d in n.working_days if d.weekday() >= 5}
    has_rest = {d for d in rest if first <= d <= last and d.weekday() < 5}
    has_work = {d for d in work if first <= d <= last and d.weekday() >= 5}
    found = [
        *((d, f"is a rest day here, a working day in {package}") for d in said_rest - has_rest),
        *((d, f"is a working day here, a rest day in {package}") for d in has_rest - said_rest),
        *((d, f"is a make-up working day here, not in {package}") for d in said_work - has_work),
        *((d, f"is a make-up working day in {package}, not here") for d in has_work - said_work),
    ]
    for d, what in sorted(found):
        yield _problem(n, "holidays", f"{d} {what}", "inconsistent")
