"""A roster's file: its rows as read (a CSV file's or a sheet's), and the problems
report, the roster's own rows that have problems, every column as written, and a 问题
column saying what is wrong, for the office to fix in Excel and import again."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from shequ_core.errors import Problem, ShequError
from shequ_core.io._atomic import atomic_write_bytes
from shequ_core.io._encoding import decoded_lines
from shequ_core.io._excel import open_workbook

#: The header of the column the report adds.
PROBLEM_COLUMN = {"zh": "问题", "en": "problems"}


def problem_text(problem: Problem, by_title: dict[str, str], lang: str) -> str:
    """A problem as the report shows it: the column by its header in the file, and the
    message in Chinese where the problem has one (``message_zh``)."""
    message = problem.message
    if lang == "zh":
        message = getattr(problem, "message_zh", None) or message
    head = problem.loc[0] if problem.loc else None
    if head is None:
        return message
    title = by_title.get(str(head), str(head))
    rest = problem.path.partition(".")[2] if len(problem.loc) > 1 else ""
    return f"{title}{'.' + rest if rest else ''}: {message}"


def write_report(
    source: Path,
    header: tuple[Sequence[str], dict[str, str], int],
    problems: Sequence[Problem],
    target: Path,
    sheet: str | None,
    encoding: str | None,
    lang: str,
) -> None:
    """Write the rows of ``source`` that ``problems`` name to the workbook ``target``."""
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - the test environment has the extra
        raise ShequError("a report is an .xlsx file: pip install 'shequ-core[excel]'") from None
    titles, by_title, header_line = header
    by_line: dict[int, list[str]] = {}
    general: list[str] = []
    for p in problems:
        text = problem_text(p, by_title, lang)
        if p.line is None or p.line <= header_line:
            general.append(f"{p.file}:{p.line}: {text}" if p.line else text)
        else:
            by_line.setdefault(p.line, []).append(text)
    book = openpyxl.Workbook(write_only=True)
    out: Any = book.create_sheet(PROBLEM_COLUMN["zh"] if lang == "zh" else "problems")
    titles = list(titles)
    out.append([*titles, PROBLEM_COLUMN.get(lang, "问题"), "行号" if lang == "zh" else "line"])
    if general:
        out.append([*([None] * len(titles)), "；".join(general), None])
    if by_line:
        for line, cells in roster_rows(source, sheet, encoding, []):
            if line in by_line:
                row = list(cells)  # as read: text stays text, a number a number
                row += [None] * (len(titles) - len(row))
                out.append([*row, "；".join(by_line[line]), line])
    atomic_write_bytes(target, book.save)


def roster_rows(
    source: Path, sheet: str | None, encoding: str | None, problems: list[Problem]
) -> Iterator[tuple[int, Sequence[object]]]:
    """``(line, cells)`` of every row of the file, the header's among them."""
    if source.suffix.lower() == ".xlsx":
        book = open_workbook(source)
        names = list(book.sheet_names)
        if sheet is not None and sheet not in names:
            raise ShequError(f"cannot read {source}: no sheet named {sheet!r}")
        data = book.get_sheet_by_name(sheet or names[0])
        first = int(data.start[0]) + 1 if data.height else 1
        for i, cells in enumerate(data.iter_rows()):
            yield first + i, cells
        return
    if source.suffix.lower() != ".csv":
        raise ShequError(f"cannot read {source}: a roster is a .csv or .xlsx file")
    if sheet is not None:
        raise ShequError(f"cannot read {source}: a CSV file has no sheets (sheet={sheet!r})")
    with source.open("rb") as raw:
        text = decoded_lines(raw, file=source.name, encoding=encoding, problems=problems)
        reader = csv.reader(text)
        for cells in reader:
            yield reader.line_num, cells
