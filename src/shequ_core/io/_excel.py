"""Excel workbooks (``.xlsx``): a sheet a collection, a header row, a row a record.

Reading uses python-calamine (Rust's calamine): on a 100,000-row sheet it read every row
in 1.3-2.7 s where openpyxl's read-only mode took 29-40 s (docs/how-to/office-files.md).
Writing uses openpyxl's write-only mode. Both are the optional extra ``excel``
(``pip install 'shequ-core[excel]'``), imported only when a workbook is read or written.

A sheet is a collection when its name is the collection's (``residents``) or its
Chinese label (居民), in any case. The header row is the first of the sheet's first ten
rows that names at least two fields (a title row above it, such as 某某社区居民花名册,
is skipped with a notice); the line of a problem is the sheet's row number, as Excel
shows it. The cells of a workbook keep their kind: a date cell is a date, a number
cell a number (so an identity number stored as one is caught, see ``_values``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs

from shequ_core.entities import COLLECTIONS, ITEM_CLASS, Dataset
from shequ_core.errors import Problem, ShequError
from shequ_core.io._atomic import atomic_write_bytes
from shequ_core.io._headers import header_score, match_header, read_row
from shequ_core.io._keys import normalise
from shequ_core.io._rows import Reading, Row, shown
from shequ_core.io._values import field_kinds

Headers = Literal["field", "zh"]

_EXTRA = "reading and writing .xlsx needs the excel extra: pip install 'shequ-core[excel]'"
_HEADER_ROWS = 10


def collection_label(name: str) -> str:
    """The Chinese label of a collection (居民 for ``residents``)."""
    label: str = attrs.fields_dict(Dataset)[name].metadata["label_zh"]
    return label


def collection_named(title: str) -> str | None:
    """The collection a sheet or file stem names, by its name or Chinese label."""
    key = normalise(title)
    for name in COLLECTIONS:
        if key in (normalise(name), normalise(collection_label(name))):
            return name
    return None


# -- reading ---------------------------------------------------------------------------


def open_workbook(path: Path) -> Any:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - the test environment has the extra
        raise ShequError(f"cannot read {path}: {_EXTRA}") from None
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as e:  # calamine's errors (zip, xml, password) share no base class
        raise ShequError(
            f"cannot read {path}: not an .xlsx workbook ({type(e).__name__})"
        ) from None


def read_workbook(path: Path, reading: Reading) -> Iterator[Row]:
    """The records of every collection sheet of the workbook ``path``."""
    book = open_workbook(path)
    seen: dict[str, str] = {}
    for sheet in book.sheet_names:
        name = collection_named(sheet)
        if name is None:
            msg = "is not a collection of the dataset (name a sheet residents or 居民...)"
            problem = Problem((shown(sheet),), msg, "unknown_collection", file=path.name)
            reading.problems.append(problem)
            continue
        if name in seen:
            msg = f"holds {name} again (first in sheet {seen[name]!r})"
            reading.problems.append(Problem((shown(sheet),), msg, "invalid_file", file=path.name))
            continue
        seen[name] = sheet
        yield from read_sheet(book, sheet, name, reading, file=f"{path.name}[{sheet}]")


def read_xlsx_collection(path: Path, collection: str, reading: Reading) -> Iterator[Row]:
    """The records of a one-collection workbook in a dataset folder (``residents.xlsx``):
    its only sheet, or the sheet named for the collection."""
    book = open_workbook(path)
    sheets: list[str] = list(book.sheet_names)
    named = [s for s in sheets if collection_named(s) == collection]
    if len(sheets) == 1 or named:
        sheet = named[0] if named else sheets[0]
        file = path.name if len(sheets) == 1 else f"{path.name}[{sheet}]"
        yield from read_sheet(book, sheet, collection, reading, file=file)
        return
    msg = f"has {len(sheets)} sheets and none named {collection} or {collection_label(collection)}"
    reading.problems.append(Problem((), msg, "invalid_file", file=path.name))


def read_sheet(
    book: Any, sheet: str, collection: str, reading: Reading, *, file: str
) -> Iterator[Row]:
    """The rows of one sheet: the header found, each row read by ``_values``."""
    cls = ITEM_CLASS[collection]
    data = book.get_sheet_by_name(sheet)
    first_row = int(data.start[0]) + 1 if data.height else 1
    rows = data.iter_rows()
    head: list[Sequence[object]] = []
    for row in rows:
        head.append(row)
        if len(head) == _HEADER_ROWS:
            break
    if not head:
        return
    at = next((i for i, r in enumerate(head) if header_score(cls, r) >= 2), 0)
    if at:
        msg = f"the header is on row {first_row + at}; the {at} row(s) above it are ignored"
        reading.notices.append(Problem((), msg, "ignored_rows", file=file, line=first_row))
    header, bad, notices = match_header(
        cls,
        head[at],
        columns=reading.columns,
        strict=reading.strict,
        file=file,
        line=first_row + at,
    )
    reading.problems.extend(bad)
    reading.notices.extend(notices)
    line = first_row + at
    stray = header.titles.count("") > 0
    titles = header.by_field()
    for cells in (*head[at + 1 :], *rows):
        line += 1
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        row, stray = read_row(
            header,
            cls,
            collection,
            cells,
            file=file,
            line=line,
            reading=reading,
            titles=titles,
            stray=stray,
        )
        yield row


# -- writing ---------------------------------------------------------------------------


def write_xlsx(dataset: Dataset, target: Path, headers: Headers, *, redact: bool = False) -> None:
    """Save ``dataset`` as one workbook, a sheet a collection, replaced all at once
    (masked for sharing with ``redact``: a date of birth is then its year, as text)."""
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
    except ImportError:  # pragma: no cover - the test environment has the extra
        raise ShequError(f"cannot write {target}: {_EXTRA}") from None
    from shequ_core.serialization import unstructure

    zh = headers == "zh"
    book = Workbook(write_only=True)
    for name, records in dataset.collections():
        cls = ITEM_CLASS[name]
        sheet = book.create_sheet(collection_label(name) if zh else name)
        fields = attrs.fields(cls)
        kinds = field_kinds(cls)
        sheet.append([a.metadata["label_zh"] if zh else a.name for a in fields])
        for record in records:
            row = unstructure(record, redact=redact)
            cells = []
            for a in fields:
                value = _to_cell(row[a.name], kinds[a.name].name, kinds[a.name].enum, zh)
                cells.append(_cell(WriteOnlyCell, sheet, value))
            sheet.append(cells)
    atomic_write_bytes(target, book.save)


#: What XML text cannot hold as it is: control characters (a bare carriage return would
#: come back as a line feed; the others are not XML at all), and a literal ``_xHHHH_``,
#: which readers take for an escape. Both are written as OOXML escapes (ST_Xstring:
#: ``_x000D_``, and ``_x005F_`` for the underscore), which readers decode.
_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0b-\x1f]")


def _escape(m: re.Match[str]) -> str:
    return f"_x{ord(m.group()):04X}_"


def _cell(make: Any, sheet: Any, value: Any) -> Any:
    """The value itself, or a cell that says how to write it, where openpyxl would not
    write it as it is (plain values are several times faster to write)."""
    if isinstance(value, str):
        if _ESCAPED.search(value):
            value = _ESCAPED.sub(_escape, value)
        if not value.startswith("="):
            return value
        cell = make(sheet, value)
        cell.data_type = "s"  # text, never a formula: "=1+1" stays text
        return cell
    if isinstance(value, dt.date):
        cell = make(sheet, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, float) and float(f"{value:.16g}") != value:
        # openpyxl writes numbers with 16 significant digits ("%.16g"), and some floats
        # need 17 to read back the same: the cell's text is then Python's own repr.
        cell = make(sheet, value)
        cell._value = repr(value)
        return cell
    return value


def _to_cell(value: Any, kind: str, enum_cls: Any, zh: bool) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**53:
        return str(value)  # beyond what a spreadsheet's number (a double) holds exactly
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if kind == "date" and len(value) == 10:  # a redacted date of birth is its year only
        return dt.date.fromisoformat(value)
    if kind == "enum" and zh:
        label: str = enum_cls(value).label_zh
        return label
    return value
