"""One CSV file of a collection: a header row of field names (or their Chinese labels, or
aliases), a row a record, nested values as JSON in their cell and ``None`` as an empty
cell; in UTF-8 or GB18030 (``_encoding``), its cells read leniently (``_values``). The
folder that holds the files is read by ``_folder``."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from shequ_core.entities import ITEM_CLASS, Dataset
from shequ_core.errors import Problem
from shequ_core.io._atomic import atomic_write
from shequ_core.io._encoding import decoded_lines
from shequ_core.io._headers import match_header
from shequ_core.io._rows import Progress, Reading, Row
from shequ_core.io._values import read_record
from shequ_core.io._versions import version_header

# -- saving ----------------------------------------------------------------------------


def write_csv_folder(dataset: Dataset, target: Path) -> None:
    """Save ``dataset`` as a folder of CSV files, each replaced on its own."""
    from shequ_core.serialization import unstructure

    target.mkdir(parents=True, exist_ok=True)
    for name, records in dataset.collections():
        cls = ITEM_CLASS[name]
        fields = [a.name for a in attrs.fields(cls)]

        def write_csv(
            f: TextIO, records: Sequence[Any] = records, fields: list[str] = fields
        ) -> None:
            f.write("\ufeff")
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(fields)
            for record in records:
                row = unstructure(record)
                writer.writerow([to_cell(row[name]) for name in fields])

        atomic_write(target / f"{name}.csv", write_csv)
    atomic_write(target / "schema.json", lambda f: json.dump(version_header(), f))


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
        for cells in reader:
            bar.step(sum(len(c) + 1 for c in cells))
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != width:
                msg = f"has {len(cells)} cells, the header has {width}"
                problems.append(Problem((), msg, "malformed_csv", file=file, line=line))
                continue
            record, bad, notes = read_record(cls, header.row(cells))
            reading.notices.extend(p.in_file(file, line) for p in notes)
            if stray and (notice := header.stray(cells, file, line)) is not None:
                reading.notices.append(notice)
                stray = False
            found = tuple(p.in_file(file, line) for p in bad)
            yield Row(collection, file, line, True, record, found)
