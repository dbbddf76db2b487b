"""One CSV file of a collection: a header row of field names (or their Chinese labels, or
aliases), a row a record, nested values as JSON in their cell and ``None`` as an empty
cell; in UTF-8 or GB18030 (``_encoding``), its cells read leniently (``_values``). The
folder that holds the files is read by ``_folder``."""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import attrs

from shequ_core.entities import COLLECTIONS, ITEM_CLASS, Dataset
from shequ_core.errors import Problem
from shequ_core.io._atomic import atomic_folder, new_file, unwritable
from shequ_core.io._encoding import decoded_lines
from shequ_core.io._headers import match_header, read_row
from shequ_core.io._rows import Progress, Reading, Row, shown
from shequ_core.io._versions import version_header

#: The longest cell the CSV reader takes: the csv module's limit (128 KiB by default),
#: raised here, once, when ``shequ_core.io`` is imported, to what a C long holds on every
#: platform (2 GiB - 1). A cell is then limited only by memory, so any cell the writer
#: writes (a long note, a list of a thousand attentions) loads back. ``csv.field_size_limit``
#: is process-wide: an application that wants a lower one for its own files sets it after
#: importing us, and our reader then refuses longer cells as unreadable.
FIELD_SIZE_LIMIT = 2**31 - 1
if csv.field_size_limit() < FIELD_SIZE_LIMIT:
    csv.field_size_limit(FIELD_SIZE_LIMIT)


# -- saving ----------------------------------------------------------------------------


def write_csv_folder(dataset: Dataset, target: Path, *, redact: bool = False) -> None:
    """Save ``dataset`` as a folder of CSV files: a new folder, swapped in whole (masked
    for sharing with ``redact``, its cells then also kept from opening as formulas).

    The folder it replaces must hold nothing but a dataset's files: a save to a folder
    that holds anything else (``Documents``, say) is refused, for the swap would delete it.
    """
    if target.is_dir():
        ours = {"schema.json", *(f"{name}.csv" for name in COLLECTIONS)}
        other = sorted(p.name for p in target.iterdir() if not _ours(p.name, ours))
        if other:
            shown_names = ", ".join(shown(n) for n in other[:3]) + (", ..." if other[3:] else "")
            why = f"the folder holds files that are not part of a dataset ({shown_names})"
            raise unwritable(target, why)
    atomic_folder(target, functools.partial(_fill, dataset, redact))


def _ours(name: str, ours: set[str]) -> bool:
    """A dataset's file, or the temporary file a killed save of one left (``.x.csv.*.tmp``)."""
    if name in ours:
        return True
    return name.endswith(".tmp") and any(name.startswith(f".{file}.") for file in ours)


def _fill(dataset: Dataset, redact: bool, folder: Path, modes: dict[str, int]) -> None:
    from shequ_core.serialization import unstructure

    def cells(row: dict[str, Any], fields: list[str]) -> list[str]:
        out = [to_cell(row[n]) for n in fields]
        return [inert(c) for c in out] if redact else out

    for name, records in dataset.collections():
        fields = [a.name for a in attrs.fields(ITEM_CLASS[name])]
        file = f"{name}.csv"
        with new_file(folder / file, modes.get(file, 0o600)) as f:
            f.write("\ufeff")
            write_rows(f, [fields])
            write_rows(f, (cells(unstructure(r, redact=redact), fields) for r in records))
    with new_file(folder / "schema.json", modes.get("schema.json", 0o600)) as f:
        json.dump(version_header(), f)


def write_rows(f: TextIO, rows: Iterable[list[str]]) -> None:
    """Write CSV rows with ``\\n`` line ends; a row with a carriage return in a cell is
    written fully quoted, so the bare ``\\r`` stays in its cell (the csv module quotes
    only the characters of its line terminator)."""
    plain = csv.writer(f, lineterminator="\n")
    quoted = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in rows:
        (quoted if any("\r" in cell for cell in row) else plain).writerow(row)


#: What a spreadsheet reads as the start of a formula in a CSV cell (OWASP, "CSV
#: injection"): a tab or carriage return before one is skipped by some of them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs: one that would start a formula gets
    a leading ``'``. Used for a redacted (sharing) export only: it changes the data, so a
    full export, which must load back equal, keeps its cells exact."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def to_cell(value: Any) -> str:
    """A JSON-ready value as the text of its CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


# -- loading ---------------------------------------------------------------------------


def read_csv(path: Path, collection: str, reading: Reading) -> Iterator[Row]:
    """The rows of one collection file, as the JSON-ready records the converter reads.

    Each problem of the file, a line, a header or a cell goes to ``reading.problems`` and
    the rest of the file is read; notices go to ``reading.notices``.
    """
    cls = ITEM_CLASS[collection]
    file = path.name
    problems = reading.problems
    with path.open("rb") as raw, Progress(path, reading.show) as bar:
        lines = decoded_lines(raw, file=file, encoding=reading.encoding, problems=problems)
        reader = csv.reader(lines)
        first = next(reader, None)
        if first is None:
            return
        header, bad, notices = match_header(
            cls, first, columns=reading.columns, strict=reading.strict, file=file, line=1
        )
        problems.extend(bad)
        reading.notices.extend(notices)
        width = len(header.fields)
        stray = header.titles.count("") > 0
        titles = header.by_field()
        for cells in reader:
            bar.step(sum(len(c) + 1 for c in cells))
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != width:
                msg = f"has {len(cells)} cells, the header has {width}"
                problems.append(Problem((), msg, "malformed_csv", file=file, line=line))
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
