"""The calendar's side of the command: the line that says requests were left unjudged
or judged on estimated days, and ``shequ calendar``'s table."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from shequ_core.cli._output import Out
from shequ_core.errors import CalendarCoverageError

__all__ = ["show_calendar", "time_notice"]


def time_notice(unjudged: int, provisional: int, cal: Any, out: Out) -> int:
    """One line on stderr when some requests could not be judged (how many, why, and
    what to do), or when some were judged on estimated days; the exit code it calls for:
    2 when requests were left unjudged (the command could not do all its job)."""
    first, last, confirmed = cal.first_year, cal.last_year, cal.confirmed_through
    if unjudged:
        line = out.zh(
            f"{unjudged} 件工单无法判定：所需日期超出日历覆盖的{first}–{last}年"
            f"（放假通知确认至{confirmed}年）；加 --provisional 按预计日期判定，"
            "或以 --notices FILE 载入新一年的放假通知",
            f"{unjudged} request(s) not judged: they need days outside the calendar's "
            f"{first}–{last} (official holiday notices through {confirmed}); add "
            "--provisional to judge them on estimated days, or load the new year's notice "
            "with --notices FILE",
        )
    elif provisional:
        line = out.zh(
            f"{provisional} 件工单按预计日期判定：{confirmed + 1}年起的放假安排尚未公布，"
            "按法定节假日推算（不含调休）",
            f"{provisional} request(s) judged on estimated days: no official holiday notice "
            f"for {confirmed + 1} yet (statutory holidays only, no make-up days)",
        )
    else:
        return 0
    print(f"shequ: {line}", file=sys.stderr)
    return 2 if unjudged else 0


def show_calendar(cal: Any, year: int | None, out: Out) -> int:
    """``shequ calendar``: a year's rest and make-up days (the last confirmed year by
    default), and the years the calendar confirms."""
    year = cal.confirmed_through if year is None else year
    if not cal.first_year <= year <= cal.last_year:
        raise CalendarCoverageError(
            year, cal.confirmed_through, first_year=cal.first_year, covered_through=cal.last_year
        )
    estimated = cal.is_estimated(dt.date(year, 1, 1))
    rows: list[tuple[Any, ...]] = []
    for first, last in cal.rest_periods(year):
        kind = out.zh("放假", "rest") if out.fmt == "table" else "rest"
        rows.append((kind, first.isoformat(), last.isoformat(), (last - first).days + 1))
    for d in cal.make_up_days(year):
        kind = out.zh("上班", "make-up working day") if out.fmt == "table" else "work"
        rows.append((kind, d.isoformat(), d.isoformat(), 1))
    rows.sort(key=lambda r: r[1])
    if out.fmt == "table":
        confirmed = out.zh(
            f"已确认：{cal.first_year}–{cal.confirmed_through}年",
            f"confirmed: {cal.first_year}–{cal.confirmed_through}",
        )
        if cal.last_year > cal.confirmed_through:
            confirmed += out.zh(
                f"；{cal.confirmed_through + 1}–{cal.last_year}年为预计",
                f"; {cal.confirmed_through + 1}–{cal.last_year} estimated",
            )
        out.line(
            f"{confirmed}（{cal.source}）" if out.lang == "zh" else f"{confirmed} ({cal.source})"
        )
    title = out.zh(f"{year}年放假调休", f"{year}: rest and make-up days")
    if estimated:
        title += out.zh("（预计，不含调休）", " (estimated: statutory days only, no make-up days)")
    headers = [
        out.zh("类别", "kind"),
        out.zh("自", "first"),
        out.zh("至", "last"),
        out.zh("天数", "days"),
    ]
    out.table(title, headers, rows, keys=["kind", "first", "last", "days"])
    return 0
