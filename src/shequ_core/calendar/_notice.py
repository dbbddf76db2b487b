"""A year's State Council holiday notice, read from a small TOML file.

The State Council publishes each year's 部分节假日安排的通知 in the autumn before; the
holidays package carries it some weeks later. Until then an office can type the notice
into a file (a dozen lines, see ``docs/how-to/new-year-notice.md``) and pass it to
:func:`~shequ_core.calendar.china_calendar` (``notices=[path]``)::

    year = 2026
    title = "国务院办公厅关于2026年部分节假日安排的通知"
    number = "国办发明电〔2025〕7号"
    address = "https://www.gov.cn/..."

    [[holidays]]
    name = "春节"
    first = 2026-02-15   # 放假调休 from ... to ..., both days included
    last = 2026-02-23
    work = [2026-02-14, 2026-02-28]   # 上班: the make-up working days

Every day from ``first`` to ``last`` is a rest day; ``work`` lists the make-up days.
Days of the year a notice does not list are ordinary: Monday to Friday worked.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs

from shequ_core.errors import Problem, ValidationError

__all__ = ["Notice", "NoticeHoliday", "load_notice"]


@attrs.frozen(kw_only=True)
class NoticeHoliday:
    """One holiday of a notice: its rest days ``first``..``last`` and make-up days."""

    name: str
    first: date
    last: date
    work: tuple[date, ...] = ()

    @property
    def rest_days(self) -> tuple[date, ...]:
        """Every day from ``first`` to ``last``, both included."""
        n = (self.last - self.first).days
        return tuple(self.first + timedelta(days=i) for i in range(n + 1))


@attrs.frozen(kw_only=True)
class Notice:
    """A year's holiday notice: what it fixes and where it was published."""

    year: int
    title: str
    number: str
    address: str
    holidays: tuple[NoticeHoliday, ...]
    #: The file it was read from, if any (for messages only; not part of equality).
    file: str | None = attrs.field(default=None, eq=False)

    @property
    def rest_days(self) -> frozenset[date]:
        """Every rest day the notice lists, weekends inside a holiday included."""
        return frozenset(d for h in self.holidays for d in h.rest_days)

    @property
    def working_days(self) -> frozenset[date]:
        """The make-up working days (上班) the notice lists."""
        return frozenset(d for h in self.holidays for d in h.work)

    @property
    def span(self) -> tuple[date, date]:
        """The first and the last day the notice names (a late-December day of the year
        before may be among them)."""
        days = self.rest_days | self.working_days
        return min(days), max(days)

    def cite(self) -> str:
        """Title, number and address, as the calendar's ``source`` names the notice."""
        return f"{self.title}（{self.number}）<{self.address}>"


def load_notice(path: str | Path) -> Notice:
    """Read one notice file; a :class:`~shequ_core.errors.ValidationError` lists every
    problem of it (with the file's name)."""
    file = Path(path)
    name = str(path)
    try:
        # utf-8-sig: a file saved by Windows Notepad starts with a byte-order mark.
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise _invalid(name, (), f"cannot be read as UTF-8 text: {e}", "invalid_file") from None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - the tested interpreter has tomllib
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise _invalid(name, (), f"is not valid TOML: {e}", "invalid_file") from None
    problems = list(_check(data, name))
    if problems:
        raise ValidationError(problems, subject=f"holiday notice {name}")
    holidays = tuple(
        NoticeHoliday(
            name=h["name"], first=h["first"], last=h["last"], work=tuple(sorted(h.get("work", [])))
        )
        for h in data["holidays"]
    )
    return Notice(
        year=data["year"],
        title=data["title"],
        number=data["number"],
        address=data["address"],
        holidays=holidays,
        file=name,
    )


def _invalid(file: str, loc: tuple[str | int, ...], msg: str, code: str) -> ValidationError:
    return ValidationError([Problem(loc, msg, code, file=file)], subject=f"holiday notice {file}")


_FIELDS = ("year", "title", "number", "address", "holidays")


def _check(data: dict[str, Any], file: str) -> Iterator[Problem]:
    for key in sorted(set(data) - set(_FIELDS)):
        yield Problem(key, "is not a field of a notice", "unknown_field", file=file)
    for key in _FIELDS:
        if key not in data:
            yield Problem(key, "is required", "required", file=file)
    year = data.get("year")
    if "year" in data and (not isinstance(year, int) or isinstance(year, bool)):
        yield Problem("year", "must be a whole number (2027)", "wrong_type", file=file)
        year = None
    for key in ("title", "number", "address"):
        if key in data and (not isinstance(data[key], str) or not data[key].strip()):
            yield Problem(key, "must be a text that is not empty", "wrong_type", file=file)
    holidays = data.get("holidays", [])
    if not isinstance(holidays, list) or not holidays:
        if "holidays" in data:
            yield Problem(
                "holidays", "must list the holidays ([[holidays]])", "wrong_type", file=file
            )
        return
    seen: dict[date, str] = {}
    for i, h in enumerate(holidays):
        yield from _check_holiday(h, i, year, file, seen)


def _check_holiday(
    h: Any, i: int, year: int | None, file: str, seen: dict[date, str]
) -> Iterator[Problem]:
    loc: tuple[str | int, ...] = ("holidays", i)
    if not isinstance(h, dict):
        yield Problem(loc, "must be a table (name, first, last, work)", "wrong_type", file=file)
        return
    for key in sorted(set(h) - {"name", "first", "last", "work"}):
        yield Problem((*loc, key), "is not a field of a holiday", "unknown_field", file=file)
    if not isinstance(h.get("name"), str) or not h["name"].strip():
        yield Problem((*loc, "name"), "must be the holiday's name (春节)", "required", file=file)
    days: list[tuple[str | int, date]] = []
    for key in ("first", "last"):
        value = h.get(key)
        if not isinstance(value, date) or isinstance(value, datetime):
            yield Problem((*loc, key), "must be a date (2027-02-05)", "wrong_type", file=file)
        else:
            days.append((key, value))
    work = h.get("work", [])
    if not isinstance(work, list):
        yield Problem((*loc, "work"), "must be a list of dates", "wrong_type", file=file)
        work = []
    for j, w in enumerate(work):
        if not isinstance(w, date) or isinstance(w, datetime):
            yield Problem((*loc, "work", j), "must be a date", "wrong_type", file=file)
        elif w.weekday() < 5:
            msg = f"{w} is a {w:%A}: a make-up working day is a Saturday or Sunday"
            yield Problem((*loc, "work", j), msg, "invalid_value", file=file)
        else:
            days.append((j, w))
    ends = dict(d for d in days if isinstance(d[0], str))
    if len(ends) == 2:
        first, last = ends["first"], ends["last"]
        if last < first:
            yield Problem(
                (*loc, "last"), f"{last} is before first ({first})", "inconsistent", file=file
            )
        elif (last - first).days > 20:  # 2020's, extended for COVID-19, had 10 days
            msg = f"{first} to {last} is longer than any notice's holiday"
            yield Problem((*loc, "last"), msg, "out_of_range", file=file)
        else:
            for d in NoticeHoliday(name="", first=first, last=last).rest_days:
                if d in seen:
                    msg = f"{d} is in two holidays ({seen[d]})"
                    yield Problem((*loc, "first"), msg, "inconsistent", file=file)
                seen[d] = str(h.get("name"))
            for j, w in enumerate(work):
                if isinstance(w, date) and first <= w <= last:
                    msg = f"{w} is both a rest day ({first} to {last}) and a working day"
                    yield Problem((*loc, "work", j), msg, "inconsistent", file=file)
    if year is not None:
        for key, d in days:
            # A notice may reach into late December of the year before (2007's did).
            if not (d.year == year or (d.year == year - 1 and d.month == 12)):
                where = (*loc, key) if isinstance(key, str) else (*loc, "work", key)
                msg = f"{d} is not in {year} (or late December {year - 1})"
                yield Problem(where, msg, "out_of_range", file=file)
