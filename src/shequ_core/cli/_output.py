"""How the ``shequ`` command writes: tables that line up with Chinese, CSV or JSON, and
the rows every listing of visits shares (``shequ visits`` and ``shequ demo``).

Whatever the format, every text cell and line is masked
(:func:`~shequ_core.text.mask_personal`: an id can be an identity or phone number) and
has its control characters escaped (:func:`~shequ_core.text.printable`: a name cannot
rewrite the terminal). ``--format json`` prints one JSON document whose keys are stable
snake_case codes, the same in every language; ``--format csv`` heads its columns with
the same keys.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import json
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from shequ_core.errors import Problem, ValidationError
from shequ_core.text import Lang, format_table, mask_personal, printable

__all__ = ["Out", "Unusable", "key_of", "usable", "visit_headers", "visit_keys", "visit_rows"]


class Unusable(Exception):
    """The command cannot do its job (a policy file it cannot use, a path it cannot
    read or write): one line on stderr and exit code 2."""


def usable(
    load: Callable[..., Any], *args: Any, option: str = "--policy or --as-of", **kw: Any
) -> Any:
    """What ``load`` makes of an option's value (a ``--policy`` or ``--notices`` file, an
    ``--as-of`` day); one it refuses is a bad option value (exit 2), not a finding about
    the data."""
    try:
        return load(*args, **kw)
    except ValidationError as e:
        first = e.problems[0] if e.problems else e
        raise Unusable(f"{option}: {first}") from None


def key_of(header: str) -> str:
    """A stable snake_case key for an English header (``"on time %"`` -> ``on_time_pct``)."""
    return re.sub(r"[^a-z0-9]+", "_", header.lower().replace("%", "pct")).strip("_")


def _shown(value: Any) -> Any:
    """A cell as any output shows it: text masked and escaped."""
    return printable(mask_personal(value)) if isinstance(value, str) else value


def _csv_cell(value: Any) -> Any:
    """A cell of ``--format csv``: empty for None, ``true``/``false`` as JSON spells them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _plain(value)


def _plain(value: Any) -> Any:
    """A cell as JSON holds it: numbers stay numbers, dates and codes become text."""
    if value is None or isinstance(value, (bool, int, str)):
        return _shown(value)
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return _shown(str(value))


class Out:
    """Where a subcommand writes: a table, CSV or JSON, in one language.

    In JSON every table and line is gathered and :meth:`finish` prints them as one
    document: a command that shows one table prints its list of rows, one that shows
    more (or adds data, as ``validate`` its counts) prints an object keyed by their keys.
    """

    def __init__(self, fmt: str, lang: Lang, stream: Any) -> None:
        self.fmt = fmt
        self.lang = lang
        self.stream = stream
        self._doc: dict[str, Any] = {}
        self._lines: list[str] = []
        # An output that cannot encode the text (PYTHONIOENCODING=ascii) gets JSON
        # escapes, which every reader decodes the same.
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        self._ascii = not encoding.startswith("utf")

    def zh(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def line(self, text: str = "") -> None:
        shown = "\n".join(_shown(part) for part in text.split("\n"))
        if self.fmt == "json":
            if text:
                self._lines.append(shown)
            return
        self.stream.write(shown + "\n")

    def data(self, key: str, value: Any) -> None:
        """A value of the JSON document under ``key`` (other formats show it otherwise)."""
        self._doc[key] = value

    def table(
        self,
        title: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        key: str = "rows",
        keys: Sequence[str] | None = None,
    ) -> None:
        """A table: ``headers`` (in the output's language) head the text table; JSON and
        CSV use ``keys`` (stable codes; by default the headers as keys)."""
        columns = list(keys) if keys is not None else [key_of(h) for h in headers]
        if self.fmt == "json":
            records = [dict(zip(columns, map(_plain, row), strict=True)) for row in rows]
            self._doc[key] = records
        elif self.fmt == "csv":
            buf = io.StringIO()
            writer = csv.writer(buf, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows([[_csv_cell(v) for v in row] for row in rows])
            self.stream.write(buf.getvalue())
        else:  # format_table masks and escapes each cell itself
            self.stream.write(format_table(headers, rows, title=printable(title)) + "\n\n")

    def finish(self) -> None:
        """Print the JSON document (other formats have written as they went)."""
        if self.fmt != "json":
            return
        doc: Any = dict(self._doc)
        if self._lines:
            doc["text"] = self._lines
        if list(doc) == ["rows"]:
            doc = doc["rows"]
        self.stream.write(json.dumps(doc, ensure_ascii=self._ascii) + "\n")


def visit_rows(due: Sequence[Any], out: Out) -> list[tuple[Any, ...]]:
    """One row per due visit, as every listing of visits shows them."""
    table = out.fmt == "table"
    return [
        (
            d.resident_id,
            d.community_id,
            d.grid_id,
            " ".join(k.label(out.lang) if table else k.value for k in d.reasons),
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


#: The stable keys of :func:`visit_rows` in JSON and CSV.
visit_keys = (
    "resident_id",
    "community_id",
    "grid_id",
    "reasons",
    "due_on",
    "last_visited_on",
    "overdue_days",
)


def problem_row(p: Problem) -> tuple[str, str, str, str, str | None]:
    """A problem as ``shequ validate`` lists it in JSON and CSV: where (``file:line:
    path``, as the problem prints it before its message), its code, the message in
    English and in Chinese, and the column's header as the file wrote it."""
    where = str(p).removesuffix(p.message).removesuffix(": ")
    return where, p.code, p.message, p.message_zh, p.column


def invalid_data(problems: Sequence[Problem], lang: Lang, *, unreadable: bool) -> str:
    """The one line of a run that stopped at invalid data: its first problem, in the
    output's language, and how many more there are."""
    n = len(problems)
    first = problems[0].render(lang) if problems else ""
    if lang == "zh":
        if unreadable:
            return f"错误：无法读取 {first}"
        more = f"（另有 {n - 1} 个问题，运行 shequ validate 查看全部）" if n > 1 else ""
        return f"数据有误：{first}{more}"
    if unreadable:
        return f"error: cannot read {first}"
    more = f" (and {n - 1} more; run shequ validate for all)" if n > 1 else ""
    return f"invalid data: {first}{more}"
