"""Loading: the rows of any format checked against their classes, the Dataset assembled,
and in collect mode the bad rows (and the rows that refer to them) set aside."""

from __future__ import annotations

import array
import csv
import logging
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import attrs

from shequ_core.entities import COLLECTIONS, ITEM_CLASS, Dataset
from shequ_core.errors import Problem, ShequError, ValidationError
from shequ_core.io._csv import read_csv
from shequ_core.io._encoding import encoding_problem
from shequ_core.io._excel import collection_named, read_workbook
from shequ_core.io._folder import read_folder
from shequ_core.io._json import read_json
from shequ_core.io._jsonl import read_jsonl
from shequ_core.io._manifest import is_store
from shequ_core.io._parquet import parquet_store
from shequ_core.io._rows import Reading, Row, titled
from shequ_core.io._values import DERIVED_FROM, field_kinds
from shequ_core.io._versions import Version

Errors = Literal["raise", "collect"]

_log = logging.getLogger("shequ_core.io")


@attrs.frozen
class LoadResult:
    """What :func:`load_dataset` with ``errors="collect"`` returns: the good, the bad, and
    what was read leniently."""

    dataset: Dataset
    problems: tuple[Problem, ...]
    #: The version the input was written in, when it was older and has been upgraded.
    upgraded_from: int | None = None
    #: What was loaded but is worth a look, as problems that did not stop a row: a column
    #: that matched no field and was ignored (``unknown_column``), a 15-digit identity
    #: number converted (``id_number_converted``).
    notices: tuple[Problem, ...] = ()
    #: For a roster (:func:`~shequ_core.io.import_roster`): the header each field (and
    #: each roster column: ``household``, ``grid``, ``attentions``...) was read from, as
    #: written in the file, to name a problem's column the way the office knows it.
    headers: Mapping[str, str] = attrs.field(factory=dict, eq=False)

    @property
    def ok(self) -> bool:
        """Whether every row loaded: no problems were found."""
        return not self.problems


class Places:
    """Where each kept record of a collection came from: one integer a record, so a
    million-row file costs 8 MB here, not a million strings."""

    def __init__(self) -> None:
        self.file = ""
        self.by_line = True
        self.titles: Mapping[str, str] | None = None
        self.positions = array.array("q")


def load_dataset(
    path: str | os.PathLike[str],
    *,
    errors: Errors = "raise",
    progress: bool | None = None,
    encoding: str | None = None,
    columns: Mapping[str, str] | None = None,
    strict: bool = False,
) -> Any:
    """Read a dataset saved in any of the formats: a JSON or JSON Lines file, an ``.xlsx``
    workbook (a sheet a collection), or a folder of ``.csv`` or ``.xlsx`` files (a file
    a collection); a single ``residents.csv`` is that one collection.

    Returns a :class:`Dataset`; with ``errors="collect"`` a :class:`LoadResult`. Raises
    :class:`ValidationError` listing every problem (by default), or :class:`ShequError`
    for a path that cannot be read. JSON Lines and CSV are read a record at a time, so
    memory holds the resulting records and little more. ``progress`` shows a progress
    line on a terminal for large files (default: when stderr is one).

    CSV files may be UTF-8 (with or without a byte-order mark) or GB18030 (GBK, GB2312),
    told apart without being asked; ``encoding`` forces one. Their headers and the
    workbooks' are matched by field name, Chinese label, a common alias or ``columns``
    (``{"their header": "field"}``); a column that matches none is ignored with a notice
    (``LoadResult.notices``), or refused with ``strict=True``. Their cells are read
    leniently (dates as 2023/5/6, 男 for ``male``...): see docs/how-to/office-files.md.
    JSON and JSON Lines are UTF-8, as RFC 8259 requires, and read strictly.
    """
    _check_arguments(errors, encoding, columns, strict)
    source = Path(path)
    show = sys.stderr.isatty() if progress is None else progress
    problems: list[Problem] = []
    reading = Reading(problems, encoding=encoding, columns=columns, strict=strict, show=show)
    records: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    places = {name: Places() for name in COLLECTIONS}
    version = Version()
    _log.debug("loading %s", source)
    for row in _read_rows(source, reading, version):
        record, bad = _structure_row(row)
        if row.bad:  # cells a lenient reader could not read: left out, so not "required"
            seen = {p.loc for p in row.bad}
            seen |= {  # and not the fields read from them (received_on from received_at)
                (*loc[:-1], name)
                for loc in seen
                for name, source in DERIVED_FROM.items()
                if loc[-1:] == (source,)
            }
            problems.extend(row.bad)
            problems.extend(p for p in bad if p.loc not in seen)
        elif bad:
            problems.extend(bad)
        else:
            records[row.collection].append(record)
            place = places[row.collection]
            place.file, place.by_line, place.titles = row.file, row.by_line, row.titles
            place.positions.append(row.pos)
    upgraded = version.upgraded_from
    if upgraded is not None:
        _log.info("read %s as schema_version %d, upgraded to %d", source, upgraded, version.current)
    if problems and errors == "raise":
        _log.info("refused %s: %d problems", source, len(problems))
        raise ValidationError(problems, subject=f"data in {source.name}")
    dataset, dropped = consistent(records, places, drop=errors == "collect")
    problems.extend(dropped)
    _log.info("loaded %d records from %s, %d problems", len(dataset), source, len(problems))
    notices = reading.notices
    if notices:
        shown = "; ".join(str(n) for n in notices[:5])
        _log.warning("%d notices reading %s: %s", len(notices), source, shown)
    if errors == "raise":
        return dataset
    return LoadResult(dataset, tuple(problems), upgraded, tuple(notices))


def reading_problems(errors: object, encoding: object) -> list[Problem]:
    """What is wrong with the ``errors`` and ``encoding`` arguments every reader takes."""
    bad: list[Problem] = []
    if errors not in ("raise", "collect"):
        msg = f"must be 'raise' or 'collect', not {errors!r}"
        bad.append(Problem("errors", msg, "invalid_argument"))
    wrong_encoding = encoding_problem(encoding)
    if wrong_encoding is not None:
        bad.append(wrong_encoding)
    return bad


def _check_arguments(errors: object, encoding: object, columns: object, strict: object) -> None:
    bad = reading_problems(errors, encoding)
    if columns is not None:
        fields = {f for cls in ITEM_CLASS.values() for f in field_kinds(cls)}
        if not isinstance(columns, Mapping):
            msg = "must map a header to a field name"
            bad.append(Problem("columns", msg, "invalid_argument"))
        else:
            for key, value in columns.items():
                if not isinstance(key, str) or value not in fields:
                    msg = "must map a header (text) to a field name of a record"
                    bad.append(Problem(("columns", str(key)), msg, "invalid_argument"))
    if not isinstance(strict, bool):
        bad.append(Problem("strict", "must be true or false", "invalid_argument"))
    if bad:
        raise ValidationError(bad, subject="load_dataset")


def _read_rows(source: Path, reading: Reading, version: Version) -> Iterator[Row]:
    try:
        if source.is_dir() and is_store(source):
            yield from parquet_store().read_store(source, reading, version)
            return
        if source.is_dir():
            yield from read_folder(source, reading, version)
            return
        if not source.exists():
            raise _unreadable(source, "no such file or folder")
        suffix = source.suffix.lower()
        if suffix == ".jsonl":
            yield from read_jsonl(source, reading.show, reading.problems, version)
        elif suffix == ".json":
            yield from read_json(source, reading.problems, version)
        elif suffix == ".xlsx":
            version.found = version.current
            yield from read_workbook(source, reading)
        elif suffix == ".csv" and (name := collection_named(source.stem)) is not None:
            version.found = version.current
            yield from read_csv(source, name, reading)
        else:
            why = "use a .json, .jsonl or .xlsx file, a collection's .csv, or a folder"
            raise _unreadable(source, why)
    except UnicodeDecodeError as e:
        raise _unreadable(source, f"not UTF-8 text (byte {e.start})") from None
    except (OSError, csv.Error) as e:
        raise _unreadable(source, str(getattr(e, "strerror", None) or e)) from None


def _unreadable(source: Path, why: str) -> ShequError:
    return ShequError(f"cannot read {source}: {why}")


def _located(problem: Problem, file: str, collection: str, pos: int, by_line: bool) -> Problem:
    """A problem of a record as found in its file: on its line, for a row of CSV or JSON
    Lines; under ``collection[index]``, for a record of a JSON file."""
    if by_line:
        return problem.in_file(file, pos)
    return problem.within(collection, pos).in_file(file)


def _structure_row(row: Row) -> tuple[Any, list[Problem]]:
    from shequ_core.serialization import structure

    try:
        return structure(row.data, ITEM_CLASS[row.collection]), []
    except ValidationError as e:
        return None, [
            titled(_located(p, row.file, row.collection, row.pos, row.by_line), row.titles)
            for p in e.problems
        ]


def consistent(
    records: dict[str, list[Any]], places: dict[str, Places], *, drop: bool
) -> tuple[Dataset, list[Problem]]:
    """Build the Dataset; when dropping, remove each record with a broken reference (and
    then those that referred to it), reporting each by its place in the input."""
    reported: list[Problem] = []
    while True:
        try:
            return Dataset(**{k: tuple(v) for k, v in records.items()}), reported
        except ValidationError as e:
            broken: dict[str, set[int]] = {}
            problems = []
            for p in e.problems:
                match p.loc:  # a record's problem: (collection, index, *path in the record)
                    case (str(name), int(index), *rest) if name in places:
                        place = places[name]
                        within = attrs.evolve(p, loc=tuple(rest))
                        pos = place.positions[index]
                        found = _located(within, place.file, name, pos, place.by_line)
                        problems.append(titled(found, place.titles))
                        broken.setdefault(name, set()).add(index)
                    case _:  # pragma: no cover - Dataset's own fields are always valid here
                        raise
            if not drop:
                raise ValidationError(problems, subject="dataset") from None
            reported.extend(problems)
            for name, indexes in broken.items():
                records[name] = [r for i, r in enumerate(records[name]) if i not in indexes]
                kept = [pos for i, pos in enumerate(places[name].positions) if i not in indexes]
                places[name].positions = array.array("q", kept)
