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

Limitations:
    * Covers 2001 through ``confirmed_through``. A day outside raises
      :class:`~shequ_core.errors.CalendarCoverageError`; a new notice needs a new release
      of holidays.
    * A notice may make late-December days of the year before part of the New Year
      holiday (2001-12-29/30, 2005-12-31, 2006-12-30/31, 2007-12-29/31, 2011-12-31,
      2018-12-29/31 all were). Late December of ``confirmed_through`` is final only
      once the next year's notice is out.
    * ``provisional=True`` adds five years estimated by holidays from the statutory
      rules alone (a holiday on a weekend moved to the next working day, no make-up
      days); real notices usually differ, and where 中秋 falls on 10月1–3日 (2028,
      2031) the estimate lacks the extra day a notice gives (2009, 2020 had one). The
      calendar says so in ``provisional``.
    * Only all-citizen holidays (第2条). Partial holidays (妇女节, 青年节 half days; 儿童节;
      建军节) and the holidays of ethnic minorities (第4条) are not rest days here; add
      a local one with ``extra_rest_days``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date

from shequ_core.calendar._workcalendar import WorkCalendar
from shequ_core.errors import Problem, ValidationError

__all__ = ["china_calendar"]

#: The first year of official notices that holidays holds for China.
FIRST_YEAR = 2001
#: How many estimated years a provisional calendar adds after ``confirmed_through``.
PROVISIONAL_YEARS = 5


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
    rest = frozenset(d for d in data if FIRST_YEAR <= d.year <= last_year)
    work = frozenset(d for d in data.weekend_workdays if FIRST_YEAR <= d.year <= last_year)
    source = f"holidays {version('holidays')} (holidays.China, category public)"
    return rest, work, source


def china_calendar(
    *,
    extra_rest_days: Iterable[date] = (),
    extra_working_days: Iterable[date] = (),
    provisional: bool = False,
) -> WorkCalendar:
    """The mainland China working-day calendar, 2001 through the last official notice.

    ``extra_rest_days`` adds local rest days (a local holiday, an office closure);
    ``extra_working_days`` makes days working days (a weekend duty day). Both apply on
    top of the national calendar and must lie in the covered years. With
    ``provisional=True`` the calendar also covers the five years after
    ``confirmed_through``, estimated from the statutory rules without make-up days, and
    says so in ``.provisional`` and ``.source``.

    The calendar is built on first use and cached (the default one takes a few
    milliseconds after holidays is imported); importing this module builds nothing.
    """
    rest = tuple(sorted(set(extra_rest_days)))
    work = tuple(sorted(set(extra_working_days)))
    return _china_calendar(rest, work, bool(provisional))


@functools.lru_cache(maxsize=16)
def _china_calendar(
    extra_rest: tuple[date, ...], extra_work: tuple[date, ...], provisional: bool
) -> WorkCalendar:
    clash = sorted(set(extra_rest) & set(extra_work))
    if clash:
        problems = [
            Problem("extra_working_days", f"{d} is also in extra_rest_days", "invalid_argument")
            for d in clash
        ]
        raise ValidationError(problems, subject="china_calendar arguments")
    confirmed = _confirmed_through()
    last = confirmed + PROVISIONAL_YEARS if provisional else confirmed
    rest, work, source = _china_days(last)
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
