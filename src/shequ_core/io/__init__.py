"""Reading and writing whole datasets: one JSON file, JSON Lines, or a folder of CSV files.

The three formats hold the same records losslessly (save then load gives an equal
:class:`~shequ_core.entities.Dataset`), and are told apart on loading by suffix
(``.json``, ``.jsonl``) or by being a folder (CSV).

- JSON: the converter's flat object, one key per Dataset collection, plus
  ``schema_version``.
- JSON Lines: a first line ``{"schema_version": N}``, then one line per record,
  ``{"collection": "residents", "record": {...}}``. Good for streaming and appending.
- CSV: a folder with ``schema.json`` (holding ``schema_version``) and one
  ``<collection>.csv`` per collection, a header row of field names (or their Chinese
  labels, on loading), columns in model order with ``id`` first, nested values as JSON
  in their cell and ``None`` as an empty cell. Spreadsheets open these directly; the
  files are written in UTF-8 with a byte-order mark so Excel shows Chinese correctly.

Problems name the file, the line and the field (``residents.csv:12:id_number``). By
default every problem of the whole input is reported at once and nothing is loaded;
with ``errors="collect"`` the good rows are kept, and a good row that refers to a
dropped one is dropped too and reported with the reference that broke, so no row is
lost silently. Saving writes to a temporary file in the same folder and renames it
into place, so an interrupted save leaves the old file intact (a CSV folder is replaced
file by file: each file is whole, old or new).

Versions
--------
:data:`SCHEMA_VERSION` is the layout :func:`save_dataset` writes. A file of an older
version is upgraded on loading, record by record, through the explicit chain of
:data:`MIGRATIONS` (so JSON Lines and CSV still stream); a newer version, or a
``schema_version`` that is not a whole number, is refused with a problem that says so.

- Version 0 is the pre-release layout: the same records with no version marker (a JSON
  object without ``schema_version``, as :func:`~shequ_core.serialization.to_json` writes
  a Dataset and as the bundled sample is stored; JSON Lines without the header line; a
  CSV folder without ``schema.json``). Its records are already those of version 1.
- Version 1 adds the marker.

The library logs to the ``shequ_core.io`` logger (standard :mod:`logging`, silent unless
the application configures it): what was read or written, how many records and
problems, and any upgrade. Records, identity and phone numbers are never logged.
"""

from __future__ import annotations

import array
import csv
import functools
import json
import logging
import os
import re
import sys
import tempfile
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, TextIO

import attrs

from shequ_core.entities import COLLECTIONS, ITEM_CLASS, Dataset
from shequ_core.errors import Problem, ShequError, ValidationError

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "LoadResult",
    "Migration",
    "load_dataset",
    "save_dataset",
]

#: The version of the file layout written by :func:`save_dataset`.
SCHEMA_VERSION = 1

_log = logging.getLogger(__name__)


@attrs.frozen
class Migration:
    """How a record of layout ``source`` becomes one of layout ``source + 1``.

    ``upgrade(collection, record)`` takes and returns the record as JSON-ready data
    (a dict), so a migration runs before the record is checked against today's classes.
    """

    source: int
    description: str
    upgrade: Callable[[str, dict[str, Any]], dict[str, Any]]


def _unchanged(collection: str, record: dict[str, Any]) -> dict[str, Any]:
    return record


#: The upgrade chain, by the version each migration starts from: a file of version n
#: goes through ``MIGRATIONS[n]``, ``MIGRATIONS[n + 1]``, ... up to SCHEMA_VERSION.
MIGRATIONS: Mapping[int, Migration] = MappingProxyType(
    {
        0: Migration(
            0,
            "pre-release layout without schema_version: the records are unchanged",
            _unchanged,
        ),
    }
)

Format = Literal["json", "jsonl", "csv"]
Errors = Literal["raise", "collect"]
_FORMATS = ("json", "jsonl", "csv")


@attrs.frozen
class LoadResult:
    """What :func:`load_dataset` with ``errors="collect"`` returns: the good, and the bad."""

    dataset: Dataset
    problems: tuple[Problem, ...]
    #: The version the input was written in, when it was older and has been upgraded.
    upgraded_from: int | None = None

    @property
    def ok(self) -> bool:
        """Whether every row loaded: no problems were found."""
        return not self.problems


# -- saving ----------------------------------------------------------------------------


def save_dataset(dataset: Dataset, path: str | os.PathLike[str], format: Format = "json") -> None:
    """Write ``dataset`` to ``path`` as ``json``, ``jsonl`` or ``csv`` (a folder)."""
    from shequ_core.serialization import unstructure

    if format not in _FORMATS:
        msg = f"unknown format {format!r}: use json, jsonl or csv"
        raise ValueError(msg)
    target = Path(path)
    if format == "json":
        data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        data.update(unstructure(dataset))
        _atomic_write(target, lambda f: json.dump(data, f, ensure_ascii=False, indent=1))
    elif format == "jsonl":

        def write_lines(f: TextIO) -> None:
            f.write(json.dumps({"schema_version": SCHEMA_VERSION}) + "\n")
            for name, records in dataset.collections():
                for record in records:
                    line = {"collection": name, "record": unstructure(record)}
                    f.write(json.dumps(line, ensure_ascii=False) + "\n")

        _atomic_write(target, write_lines)
    else:
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
                    writer.writerow([_to_cell(row[name]) for name in fields])

            _atomic_write(target / f"{name}.csv", write_csv)
        _atomic_write(
            target / "schema.json",
            lambda f: json.dump({"schema_version": SCHEMA_VERSION}, f),
        )
    _log.info("saved %d records to %s as %s", len(dataset), target, format)


def _atomic_write(path: Path, write: typing.Callable[[TextIO], None]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable: a crash after it must not bring the old file back."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a folder we have just written in can be opened
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems cannot sync a folder
        pass
    finally:
        os.close(fd)


def _to_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


# -- loading ---------------------------------------------------------------------------


class _Row(typing.NamedTuple):
    collection: str
    file: str
    pos: int  # the line number in a CSV or JSON Lines file; the index in a JSON list
    by_line: bool
    data: Any


def _where(file: str, collection: str, pos: int, by_line: bool, path: str = "") -> str:
    """``residents.csv:12:id_number``, ``data.jsonl:12:name``, ``data.json:visits[3].name``."""
    place = f"{file}:{pos}" if by_line else f"{file}:{collection}[{pos}]"
    if not path:
        return place
    sep = "" if path.startswith("[") else (":" if by_line else ".")
    return f"{place}{sep}{path}"


class _Places:
    """Where each kept record of a collection came from: one integer a record, so a
    million-row file costs 8 MB here, not a million strings."""

    def __init__(self) -> None:
        self.file = ""
        self.by_line = True
        self.positions = array.array("q")


def load_dataset(
    path: str | os.PathLike[str], *, errors: Errors = "raise", progress: bool | None = None
) -> Any:
    """Read a dataset saved in any of the three formats.

    Returns a :class:`Dataset`; with ``errors="collect"`` a :class:`LoadResult`. Raises
    :class:`ValidationError` listing every problem (by default), or :class:`ShequError`
    for a path that cannot be read. JSON Lines and CSV are read a record at a time, so
    memory holds the resulting records and little more. ``progress`` shows a progress
    line on a terminal for large files (default: when stderr is one).
    """
    if errors not in ("raise", "collect"):
        msg = f"errors must be 'raise' or 'collect', not {errors!r}"
        raise ValueError(msg)
    source = Path(path)
    show = sys.stderr.isatty() if progress is None else progress
    problems: list[Problem] = []
    records: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    places = {name: _Places() for name in COLLECTIONS}
    version = _Version()
    _log.debug("loading %s", source)
    for row in _read_rows(source, show, problems, version):
        record, bad = _structure_row(row)
        if bad:
            problems.extend(bad)
        else:
            records[row.collection].append(record)
            place = places[row.collection]
            place.file, place.by_line = row.file, row.by_line
            place.positions.append(row.pos)
    upgraded = (
        version.found if version.found is not None and version.found < SCHEMA_VERSION else None
    )
    if upgraded is not None:
        _log.info("read %s as schema_version %d, upgraded to %d", source, upgraded, SCHEMA_VERSION)
    if problems and errors == "raise":
        _log.info("refused %s: %d problems", source, len(problems))
        raise ValidationError(problems, subject=f"data in {source.name}")
    dataset, dropped = _consistent(records, places, drop=errors == "collect")
    problems.extend(dropped)
    _log.info("loaded %d records from %s, %d problems", len(dataset), source, len(problems))
    if errors == "raise":
        return dataset
    return LoadResult(dataset, tuple(problems), upgraded)


class _Version:
    """The layout version of the input, once its header has been read (None: refused)."""

    def __init__(self) -> None:
        self.found: int | None = None


def _read_rows(
    source: Path, show: bool, problems: list[Problem], version: _Version
) -> Iterator[_Row]:
    try:
        if source.is_dir():
            yield from _read_csv_folder(source, show, problems, version)
            return
        if not source.exists():
            raise _unreadable(source, "no such file or folder")
        suffix = source.suffix.lower()
        if suffix == ".jsonl":
            yield from _read_jsonl(source, show, problems, version)
        elif suffix == ".json":
            yield from _read_json(source, problems, version)
        else:
            raise _unreadable(source, "use a .json or .jsonl file, or a folder of CSV files")
    except UnicodeDecodeError as e:
        raise _unreadable(source, f"not UTF-8 text (byte {e.start})") from None
    except (OSError, csv.Error) as e:
        raise _unreadable(source, str(getattr(e, "strerror", None) or e)) from None


def _unreadable(source: Path, why: str) -> ShequError:
    return ShequError(f"cannot read {source}: {why}")


def _shown(text: str) -> str:
    """An input string fit for a message: digit runs that could be an identity or phone
    number are starred out, and long text is cut."""
    text = _LONG_DIGITS.sub(lambda m: "*" * len(m.group()), text)
    return text if len(text) <= 40 else text[:39] + "…"


_LONG_DIGITS = re.compile(r"\d{6,}[\dXx]?")


def _parse_json(text: str) -> tuple[Any, str | None]:
    """JSON text as data, or the reason it is not JSON we accept.

    ``NaN`` and ``Infinity`` are refused (they are not JSON), and so are integers too
    long for Python to read and nesting too deep to parse: each is a problem of the
    input, not a crash.
    """
    try:
        return json.loads(text, parse_constant=_refuse_constant), None
    except json.JSONDecodeError as e:
        return None, f"malformed JSON: {e.msg} (line {e.lineno} column {e.colno})"
    except ValueError as e:  # a constant, or an integer beyond sys.get_int_max_str_digits()
        why = str(e) if str(e).endswith("is not a JSON number") else "a number is too long"
        return None, f"malformed JSON: {why}"
    except RecursionError:
        return None, "malformed JSON: nested too deeply"


def _refuse_constant(name: str) -> Any:
    msg = f"{name} is not a JSON number"
    raise ValueError(msg)


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "null" if value is None else f"an {'array' if isinstance(value, list) else 'object'}"


def _version_of(header: Any, where: str, problems: list[Problem]) -> int | None:
    """The layout version an input declares (0 when it has no marker), or None when it is
    refused, with the problem saying why."""
    if not isinstance(header, Mapping) or "schema_version" not in header:
        return 0
    version = header["schema_version"]
    if type(version) is not int:
        msg = f"schema_version must be a whole number, got {_json_kind(version)}"
    elif version > SCHEMA_VERSION:
        msg = (
            f"schema_version {version} is newer than this version of shequ_core reads "
            f"({SCHEMA_VERSION}): upgrade shequ_core to load it"
        )
    elif version != SCHEMA_VERSION and any(
        v not in MIGRATIONS for v in range(version, SCHEMA_VERSION)
    ):
        msg = f"schema_version {version} is not a version shequ_core knows"
    else:
        return version
    problems.append(Problem(where, msg))
    return None


def _upgrade(collection: str, record: Any, version: int) -> Any:
    """A record of layout ``version`` as one of today's, through each migration in turn."""
    for v in range(version, SCHEMA_VERSION):
        if isinstance(record, dict):
            record = MIGRATIONS[v].upgrade(collection, record)
    return record


def _read_json(source: Path, problems: list[Problem], version: _Version) -> Iterator[_Row]:
    name = source.name
    data, error = _parse_json(source.read_text(encoding="utf-8-sig"))
    if error is not None:
        problems.append(Problem(name, error))
        return
    if not isinstance(data, dict):
        problems.append(Problem(name, "must hold a JSON object"))
        return
    found = version.found = _version_of(data, name, problems)
    if found is None:
        return
    for key, value in data.items():
        if key == "schema_version":
            continue
        if key not in ITEM_CLASS:
            problems.append(Problem(name, f"unknown collection {_shown(key)!r}"))
            continue
        if not isinstance(value, list):
            problems.append(Problem(f"{name}:{key}", "must be a list of records"))
            continue
        for i, v in enumerate(value):
            yield _Row(key, name, i, False, _upgrade(key, v, found))


def _read_jsonl(
    source: Path, show: bool, problems: list[Problem], version: _Version
) -> Iterator[_Row]:
    name = source.name
    found: int | None = None
    with source.open(encoding="utf-8-sig") as f, _Progress(source, show) as bar:
        for lineno, line in enumerate(f, start=1):
            bar.step(len(line))
            if not line.strip():
                continue
            where = f"{name}:{lineno}"
            item, error = _parse_json(line)
            if error is not None:
                problems.append(Problem(where, error))
                if found is None:
                    return  # no header: nothing after it can be read with confidence
                continue
            if found is None:
                found = version.found = _version_of(item, where, problems)
                if found is None:
                    return
                if isinstance(item, dict) and "schema_version" in item:
                    continue
            if not isinstance(item, dict) or set(item) != {"collection", "record"}:
                problems.append(Problem(where, 'must be {"collection": ..., "record": {...}}'))
                continue
            collection = item["collection"]
            if not isinstance(collection, str):
                problems.append(Problem(where, "collection must be a string"))
                continue
            if collection not in ITEM_CLASS:
                problems.append(Problem(where, f"unknown collection {_shown(collection)!r}"))
                continue
            yield _Row(collection, name, lineno, True, _upgrade(collection, item["record"], found))


def _read_csv_folder(
    folder: Path, show: bool, problems: list[Problem], version: _Version
) -> Iterator[_Row]:
    schema = folder / "schema.json"
    known = {f"{name}.csv" for name in COLLECTIONS}
    present = [name for name in COLLECTIONS if (folder / f"{name}.csv").is_file()]
    if schema.exists():
        header, error = _parse_json(schema.read_text("utf-8-sig"))
        if error is not None:
            problems.append(Problem(schema.name, error))
            return
        if not isinstance(header, dict) or "schema_version" not in header:
            problems.append(Problem(schema.name, 'must be {"schema_version": N}'))
            return
        found = version.found = _version_of(header, schema.name, problems)
    elif present:
        found = version.found = 0
    else:
        msg = (
            "not a dataset folder: no schema.json and no collection file ("
            + ", ".join(sorted(known))
            + ")"
        )
        problems.append(Problem(folder.name, msg))
        return
    if found is None:
        return
    for extra in sorted(p.name for p in folder.glob("*.csv") if p.name not in known):
        problems.append(Problem(_shown(extra), "not a collection of the dataset; expected one of "
                                + ", ".join(sorted(known))))  # fmt: skip
    for name in present:
        for row in _read_csv(folder / f"{name}.csv", name, problems, show):
            yield row._replace(data=_upgrade(name, row.data, found))


def _read_csv(path: Path, collection: str, problems: list[Problem], show: bool) -> Iterator[_Row]:
    cls = ITEM_CLASS[collection]
    fields = {a.name: a for a in attrs.fields(cls)}
    kinds = _field_kinds(cls)
    by_label = {a.metadata["label_zh"]: a.name for a in fields.values()}
    with path.open(encoding="utf-8-sig", newline="") as f, _Progress(path, show) as bar:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            return
        names: list[str | None] = []
        for raw in header:
            title = raw.strip()
            name = title if title in fields else by_label.get(title)
            if name is None:
                problems.append(Problem(f"{path.name}:1", f"unknown column {_shown(title)!r}"))
            elif name in names:
                problems.append(
                    Problem(f"{path.name}:1", f"column {_shown(title)!r} appears twice")
                )
                name = None
            names.append(name)
        missing = [n for n, a in fields.items() if a.default is attrs.NOTHING and n not in names]
        if missing:
            problems.append(
                Problem(f"{path.name}:1", "missing required columns: " + ", ".join(missing))
            )
        for cells in reader:
            bar.step(sum(len(c) + 1 for c in cells))
            where = f"{path.name}:{reader.line_num}"
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(names):
                problems.append(
                    Problem(where, f"has {len(cells)} cells, the header has {len(names)}")
                )
                continue
            record: dict[str, Any] = {}
            for name, cell in zip(names, cells, strict=True):
                if name is None:
                    continue
                try:
                    value = _from_cell(cell, kinds[name], fields[name])
                except ValueError as e:
                    problems.append(Problem(f"{where}:{name}", str(e)))
                    value = _SKIP
                if value is not _SKIP:
                    record[name] = value
            yield _Row(collection, path.name, reader.line_num, True, record)


_SKIP: Any = object()
_INT = re.compile(r"[+-]?\d+")
_TRUE = {"true", "1", "yes", "y", "是", "t"}
_FALSE = {"false", "0", "no", "n", "否", "f"}


@functools.cache
def _field_kinds(cls: type) -> dict[str, str]:
    hints = typing.get_type_hints(cls)
    return {a.name: _kind_of(hints[a.name]) for a in attrs.fields(cls)}


def _from_cell(cell: str, kind: str, field: attrs.Attribute[Any]) -> Any:
    """A CSV cell as the JSON value the converter expects for ``field``."""
    text = cell.strip()
    if text == "":
        return _SKIP if field.default is not attrs.NOTHING else None
    if kind == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            msg = "must hold JSON (a list or an object)"
            raise ValueError(msg) from None
    if kind == "bool":
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        msg = "must be true or false"
        raise ValueError(msg)
    if kind == "int":
        if _INT.fullmatch(text) and len(text) <= 100:  # int() refuses 4,300 digits anyway
            return int(text)
        msg = "must be a whole number" if len(text) <= 100 else "is too long a number"
        raise ValueError(msg)
    if kind == "float":
        try:
            return float(text)
        except ValueError:
            msg = "must be a number"
            raise ValueError(msg) from None
    return cell if kind == "str" else text


def _kind_of(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _kind_of(args[0]) if len(args) == 1 else "str"
    if origin in (tuple, frozenset, list, dict, set) or attrs.has(tp):
        return "json"
    if tp is bool:
        return "bool"
    if tp is int:
        return "int"
    if tp is float:
        return "float"
    if tp is str:
        return "str"
    return "scalar"  # enums, dates, money, identity and phone numbers: parsed by the converter


def _structure_row(row: _Row) -> tuple[Any, list[Problem]]:
    from shequ_core.serialization import structure

    try:
        return structure(row.data, ITEM_CLASS[row.collection]), []
    except ValidationError as e:
        return None, [
            Problem(_where(row.file, row.collection, row.pos, row.by_line, p.path), p.message)
            for p in e.problems
        ]


_REF_PATH = re.compile(r"(\w+)\[(\d+)\](.*)")


def _consistent(
    records: dict[str, list[Any]], places: dict[str, _Places], *, drop: bool
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
                m = _REF_PATH.fullmatch(p.path)
                if m is None:  # pragma: no cover - Dataset problems always have a path
                    raise
                name, index, rest = m.group(1), int(m.group(2)), m.group(3).lstrip(".")
                place = places[name]
                pos = place.positions[index]
                where = _where(place.file, name, pos, place.by_line, rest)
                problems.append(Problem(where, p.message))
                broken.setdefault(name, set()).add(index)
            if not drop:
                raise ValidationError(problems, subject="dataset") from None
            reported.extend(problems)
            for name, indexes in broken.items():
                records[name] = [r for i, r in enumerate(records[name]) if i not in indexes]
                kept = [pos for i, pos in enumerate(places[name].positions) if i not in indexes]
                places[name].positions = array.array("q", kept)


class _Progress:
    """A one-line progress report on stderr while a large file is read."""

    def __init__(self, path: Path, show: bool) -> None:
        self.show = show and path.is_file() and path.stat().st_size > 5_000_000
        self.total = path.stat().st_size if self.show else 0
        self.done = 0
        self.last = -1
        self.label = path.name

    def __enter__(self) -> _Progress:
        return self

    def step(self, size: int) -> None:
        if not self.show:
            return
        self.done += size
        pct = min(100, self.done * 100 // max(self.total, 1))
        if pct != self.last:
            self.last = pct
            sys.stderr.write(f"\rreading {self.label}: {pct:3d}%")
            sys.stderr.flush()

    def __exit__(self, *exc: object) -> None:
        if self.show:
            sys.stderr.write("\n")
