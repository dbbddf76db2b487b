"""How the ``shequ`` command writes: tables that line up with Chinese, CSV or JSON, and
the rows every listing of visits shares (``shequ visits`` and ``shequ demo``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from shequ_core.text import Lang, format_table

__all__ = ["Out", "visit_headers", "visit_rows"]


class Out:
    """Where a subcommand writes: a table, CSV or JSON, in one language."""

    def __init__(self, fmt: str, lang: Lang, stream: Any) -> None:
        self.fmt = fmt
        self.lang = lang
        self.stream = stream

    def zh(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def line(self, text: str = "") -> None:
        self.stream.write(text + "\n")

    def table(self, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if self.fmt == "json":
            records = [dict(zip(headers, row, strict=True)) for row in rows]
            self.line(json.dumps(records, ensure_ascii=False, default=str))
        elif self.fmt == "csv":
            buf = io.StringIO()
            writer = csv.writer(buf, lineterminator="\n")
            writer.writerow(headers)
            writer.writerows([["" if v is None else v for v in row] for row in rows])
            self.stream.write(buf.getvalue())
        else:
            self.line(format_table(headers, rows, title=title))
            self.line()


def visit_rows(due: Sequence[Any], out: Out) -> list[tuple[Any, ...]]:
    """One row per due visit, as every listing of visits shows them."""
    return [
        (
            d.resident_id,
            d.community_id,
            d.grid_id,
            " ".join(k.label(out.lang) for k in d.reasons),
            d.due_on.isoformat(),
            d.last_visited_on.isoformat() if d.last_visited_on else None,
            d.overdue_days,
        )
        for d in due
    ]


def visit_headers(out: Out) -> list[str]:
    """The headers of :func:`visit_rows`, in the output's language."""
    return [
        out.zh("居民", "resident"),
        out.zh("社区", "community"),
        out.zh("网格", "grid"),
        out.zh("事由", "reasons"),
        out.zh("应访日期", "due on"),
        out.zh("上次走访", "last visit"),
        out.zh("逾期天数", "days overdue"),
    ]
