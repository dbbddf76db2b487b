"""Wording shared by the explanations: dates and amounts in Chinese or English."""

from __future__ import annotations

from datetime import date

from shequ_core.entities import TimeUnit
from shequ_core.rules._findings import check_lang

__all__ = ["amount", "day"]

_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day(d: date, lang: str) -> str:
    """A date with its weekday, the way a notice to a resident writes it."""
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日（{_WEEKDAYS_ZH[d.weekday()]}）"
    check_lang(lang, subject="day")
    return f"{_WEEKDAYS_EN[d.weekday()]} {d.isoformat()}"


def amount(n: int, unit: TimeUnit, lang: str) -> str:
    """``5个工作日`` / ``5 working days``; ``1 natural day``."""
    if lang == "zh":
        if unit is TimeUnit.HOURS:
            return f"{n}小时"
        return f"{n}个工作日" if unit is TimeUnit.WORKING_DAYS else f"{n}个自然日"
    check_lang(lang, subject="amount")
    noun = {TimeUnit.WORKING_DAYS: "working day", TimeUnit.HOURS: "hour"}.get(unit, "natural day")
    return f"{n} {noun}" if abs(n) == 1 else f"{n} {noun}s"
