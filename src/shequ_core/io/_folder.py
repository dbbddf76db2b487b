"""A dataset folder: ``schema.json`` and one file per collection, ``residents.csv`` or
``residents.xlsx``, named by the collection or its Chinese label (居民.csv) in any case
(``Residents.CSV``).

Every other file in the folder is a problem (``unknown_collection``), never silently
skipped, except what systems leave beside files: hidden files (``.DS_Store``), Excel's
lock files (``~$residents.xlsx``, present while the workbook is open), ``Thumbs.db`` and
``desktop.ini``. Sub-folders are not looked into.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from shequ_core.entities import COLLECTIONS
from shequ_core.errors import Problem
from shequ_core.io._csv import read_csv
from shequ_core.io._excel import collection_named, read_xlsx_collection
from shequ_core.io._json import parse_json
from shequ_core.io._rows import Reading, Row, shown
from shequ_core.io._versions import Version, upgrade, version_of

_SUFFIXES = (".csv", ".xlsx")
_SYSTEM = {"thumbs.db", "desktop.ini"}


def collection_files(folder: Path, problems: list[Problem]) -> dict[str, Path]:
    """``collection -> file`` for the collection files of ``folder``; any other file, a
    second file for one collection, or a collection file that cannot hold one (empty, a
    folder, a link to nothing) goes to ``problems``."""
    found: dict[str, Path] = {}
    expected = ", ".join(f"{name}.csv" for name in COLLECTIONS)
    for path in sorted(folder.iterdir()):
        name = path.name
        if name == "schema.json" or name.lower() in _SYSTEM or name.startswith((".", "~$")):
            continue
        collection = collection_named(path.stem) if path.suffix.lower() in _SUFFIXES else None
        if collection is None:
            if path.is_file():
                msg = f"not a collection of the dataset; expected one of {expected} (or .xlsx)"
                problems.append(Problem((), msg, "unknown_collection", file=shown(name)))
        elif (why := not_a_data_file(path)) is not None:
            problems.append(Problem((), why, "invalid_file", file=shown(name)))
        elif collection in found:
            msg = f"a second file for {collection} (the first is {found[collection].name})"
            problems.append(Problem((), msg, "invalid_file", file=shown(name)))
        else:
            found[collection] = path
    return {name: found[name] for name in COLLECTIONS if name in found}


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


def read_folder(folder: Path, reading: Reading, version: Version) -> Iterator[Row]:
    """The records of every collection file in ``folder``, after its ``schema.json``."""
    problems = reading.problems
    schema = folder / "schema.json"
    before = len(problems)
    present = collection_files(folder, problems)
    if schema.is_symlink() or schema.exists():
        if (why := not_a_data_file(schema)) is not None:
            problems.append(Problem((), why, "invalid_file", file=schema.name))
            return
        header, bad = parse_json(schema.read_text("utf-8-sig"), file=schema.name)
        if bad is not None:
            problems.append(bad)
            return
        if not isinstance(header, dict) or "schema_version" not in header:
            msg = 'must be {"schema_version": N}'
            problems.append(Problem((), msg, "invalid_file", file=schema.name))
            return
        found = version.found = version_of(header, problems, file=schema.name)
    elif present or len(problems) > before:
        found = version.found = 0
    else:
        known = ", ".join(f"{name}.csv" for name in COLLECTIONS)
        msg = f"not a dataset folder: no schema.json and no collection file ({known})"
        problems.append(Problem((), msg, "invalid_file", file=folder.name))
        return
    if found is None:
        return
    for name, path in present.items():
        if path.suffix.lower() == ".xlsx":
            rows = read_xlsx_collection(path, name, reading)
        else:
            rows = read_csv(path, name, reading)
        for row in rows:
            yield row._replace(data=upgrade(name, row.data, found))
