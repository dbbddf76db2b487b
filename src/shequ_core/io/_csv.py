"""A folder of CSV files: ``schema.json`` and one ``<collection>.csv`` per collection,
a header row of field names (or their Chinese labels), a row a record, nested values as
JSON in their cell and ``None`` as an empty cell."""

from __future__ import annotations

import csv
import functools
import json
import re
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import attrs

from shequ_core.entities import COLLECTIONS, ITEM_CLASS, Dataset
from shequ_core.errors import Problem, ValidationError
from shequ_core.io._atomic import atomic_folder, new_file, unwritable
from shequ_core.io._json import parse_json
from shequ_core.io._rows import Progress, Row, shown
from shequ_core.io._versions import Version, upgrade, version_header, version_of

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


def write_csv_folder(dataset: Dataset, target: Path) -> None:
    """Save ``dataset`` as a folder of CSV files: a new folder, swapped in whole.

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
    atomic_folder(target, functools.partial(_fill, dataset))


def _ours(name: str, ours: set[str]) -> bool:
    """A dataset's file, or the temporary file a killed save of one left (``.x.csv.*.tmp``)."""
    if name in ours:
        return True
    return name.endswith(".tmp") and any(name.startswith(f".{file}.") for file in ours)


def _fill(dataset: Dataset, folder: Path, modes: dict[str, int]) -> None:
    from shequ_core.serialization import unstructure

    for name, records in dataset.collections():
        fields = [a.name for a in attrs.fields(ITEM_CLASS[name])]
        file = f"{name}.csv"
        with new_file(folder / file, modes.get(file, 0o600)) as f:
            f.write("\ufeff")
            write_rows(f, [fields])
            write_rows(f, ([to_cell(row[n]) for n in fields] for row in map(unstructure, records)))
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


def read_csv_folder(
    folder: Path, show: bool, problems: list[Problem], version: Version
) -> Iterator[Row]:
    """The records of every collection file in ``folder``, after its ``schema.json``."""
    schema = folder / "schema.json"
    known = {f"{name}.csv" for name in COLLECTIONS}
    present = [name for name in COLLECTIONS if _exists(folder / f"{name}.csv")]
    unfit = {
        p.name: why
        for p in (schema, *(folder / f"{n}.csv" for n in present))
        if _exists(p) and (why := not_a_data_file(p)) is not None
    }
    for name, why in unfit.items():
        problems.append(Problem((), why, "invalid_file", file=name))
    if schema.name in unfit:
        return
    present = [name for name in present if f"{name}.csv" not in unfit]
    if schema.exists():
        header, bad = parse_json(schema.read_text("utf-8-sig"), file=schema.name)
        if bad is not None:
            problems.append(bad)
            return
        if not isinstance(header, dict) or "schema_version" not in header:
            msg = 'must be {"schema_version": N}'
            problems.append(Problem((), msg, "invalid_file", file=schema.name))
            return
        found = version.found = version_of(header, problems, file=schema.name)
    elif present or unfit:
        found = version.found = 0
    else:
        msg = (
            "not a dataset folder: no schema.json and no collection file ("
            + ", ".join(sorted(known))
            + ")"
        )
        problems.append(Problem((), msg, "invalid_file", file=folder.name))
        return
    if found is None:
        return
    expected = ", ".join(sorted(known))
    for extra in sorted(p.name for p in folder.glob("*.csv") if p.name not in known):
        msg = f"not a collection of the dataset; expected one of {expected}"
        problems.append(Problem((), msg, "unknown_collection", file=shown(extra)))
    for name in present:
        for row in read_csv(folder / f"{name}.csv", name, problems, show):
            yield row._replace(data=upgrade(name, row.data, found))


def _exists(path: Path) -> bool:
    """Whether anything is at ``path``: a file, a folder, or a link (even to nothing)."""
    return path.is_symlink() or path.exists()


def not_a_data_file(path: Path) -> str | None:
    """Why the file at ``path`` cannot hold a collection (or the version), or None.

    An empty file is not an empty collection: a collection without records still has
    its header row, so 0 bytes means a save or a copy that went wrong.
    """
    if path.is_symlink() and not path.exists():
        return "is a link to nothing (its target is missing)"
    if path.is_dir():
        return "is a folder, not a file"
    if not path.is_file():
        return "is not a regular file (a device or a pipe)"
    if path.stat().st_size == 0:
        return "is empty (0 bytes): even a collection without records has its header row"
    return None


def read_csv(path: Path, collection: str, problems: list[Problem], show: bool) -> Iterator[Row]:
    """The rows of one collection file, as the JSON-ready records the converter reads."""
    cls = ITEM_CLASS[collection]
    fields = {a.name: a for a in attrs.fields(cls)}
    kinds = _field_kinds(cls)
    by_label = {a.metadata["label_zh"]: a.name for a in fields.values()}
    file = path.name
    with path.open(encoding="utf-8-sig", newline="") as f, Progress(path, show) as bar:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            return
        names: list[str | None] = []
        for raw in header:
            title = raw.strip()
            name = title if title in fields else by_label.get(title)
            if name is None:
                msg = f"is not a field of {cls.__name__}"
                problems.append(Problem((shown(title),), msg, "unknown_column", file=file, line=1))
            elif name in names:
                msg = "appears twice" if title == name else f"appears twice (as {shown(title)!r})"
                problems.append(Problem((name,), msg, "duplicate_column", file=file, line=1))
                name = None
            names.append(name)
        for n, a in fields.items():
            if a.default is attrs.NOTHING and n not in names:
                msg = "is a required column, missing from the header"
                problems.append(Problem((n,), msg, "required", file=file, line=1))
        for cells in reader:
            bar.step(sum(len(c) + 1 for c in cells))
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(names):
                msg = f"has {len(cells)} cells, the header has {len(names)}"
                problems.append(Problem((), msg, "malformed_csv", file=file, line=line))
                continue
            record: dict[str, Any] = {}
            for name, cell in zip(names, cells, strict=True):
                if name is None:
                    continue
                try:
                    value = from_cell(cell, kinds[name], fields[name])
                except CellError as e:
                    problems.append(Problem((name,), e.message, e.code, file=file, line=line))
                    value = _SKIP
                if value is not _SKIP:
                    record[name] = value
            yield Row(collection, file, line, True, record)


class CellError(ValueError):
    """A cell that cannot be read as its field's kind of value: what is wrong, and its code."""

    def __init__(self, message: str, code: str = "wrong_type") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


_SKIP: Any = object()
_INT = re.compile(r"[+-]?\d+")
_TRUE = {"true", "1", "yes", "y", "是", "t"}
_FALSE = {"false", "0", "no", "n", "否", "f"}


@functools.cache
def _field_kinds(cls: type) -> dict[str, str]:
    hints = typing.get_type_hints(cls)
    return {a.name: kind_of(hints[a.name]) for a in attrs.fields(cls)}


def from_cell(cell: str, kind: str, field: attrs.Attribute[Any]) -> Any:
    """A CSV cell as the JSON value the converter expects for ``field``.

    Raises :class:`CellError` for a cell that cannot be one.
    """
    text = cell.strip()
    if text == "":
        return _SKIP if field.default is not attrs.NOTHING else None
    if kind == "json":
        from shequ_core.serialization import json_loads

        try:
            return json_loads(text)
        except ValidationError:
            raise CellError("has a key twice in one JSON object", "duplicate_key") from None
        except ValueError:  # not JSON, or an integer too long to read
            raise CellError("must hold JSON (a list or an object)", "malformed_json") from None
        except RecursionError:
            raise CellError("holds JSON nested too deeply", "malformed_json") from None
    if kind == "bool":
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise CellError("must be true or false")
    if kind == "int":
        if _INT.fullmatch(text) and len(text) <= 100:  # int() refuses 4,300 digits anyway
            return int(text)
        if len(text) <= 100:
            raise CellError("must be a whole number")
        raise CellError("is too long a number", "out_of_range")
    if kind == "float":
        try:
            return float(text)
        except ValueError:
            raise CellError("must be a number") from None
    return cell if kind == "str" else text


def kind_of(tp: Any) -> str:
    """How a cell of a field of type ``tp`` is read: json, bool, int, float, str or scalar."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return kind_of(args[0]) if len(args) == 1 else "str"
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
