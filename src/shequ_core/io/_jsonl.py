"""JSON Lines: a first line ``{"schema_version": N}``, then one line per record,
``{"collection": "residents", "record": {...}}``, read a line at a time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import attrs

from shequ_core.entities import ITEM_CLASS, Dataset
from shequ_core.errors import Problem
from shequ_core.io._atomic import save_text
from shequ_core.io._json import parse_json_text
from shequ_core.io._rows import Progress, Row, shown
from shequ_core.io._versions import Version, upgrade, version_header, version_of


def read_jsonl(
    source: Path, show: bool, problems: list[Problem], version: Version
) -> Iterator[Row]:
    """The records of a JSON Lines file; what is wrong with a line goes to ``problems``.

    Each line is decoded and parsed on its own, so a line that is not UTF-8 or not JSON
    is one problem and the others still load. A first line that cannot be read (the
    version line, damaged) does not lose the rest: the file is read as today's
    :data:`SCHEMA_VERSION`, and the line's problem says so.
    """
    name = source.name
    found: int | None = None
    with source.open("rb") as f, Progress(source, show) as bar:
        for lineno, raw in enumerate(f, start=1):
            bar.step(len(raw))
            if lineno == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM) :]
            item, bad = _parse_line(raw, name, lineno)
            if item is _BLANK:
                continue
            if bad is not None:
                if found is None:  # the version line: read the rest as today's layout
                    found = version.found = version.current
                    bad = attrs.evolve(bad, message=f"{bad.message}; {_ASSUMED}{found}")
                problems.append(bad)
                continue
            if found is None:
                found = version.found = version_of(item, problems, file=name, line=lineno)
                if found is None:
                    return
                if isinstance(item, dict) and "schema_version" in item:
                    continue
            if not isinstance(item, dict) or set(item) != {"collection", "record"}:
                msg = 'must be {"collection": ..., "record": {...}}'
                problems.append(Problem((), msg, "invalid_file", file=name, line=lineno))
                continue
            collection = item["collection"]
            if not isinstance(collection, str):
                msg = "must be a string"
                problems.append(Problem(("collection",), msg, "wrong_type", file=name, line=lineno))
                continue
            if collection not in ITEM_CLASS:
                msg = f"{shown(collection)!r} is not a collection of the dataset"
                problems.append(
                    Problem(("collection",), msg, "unknown_collection", file=name, line=lineno)
                )
                continue
            yield Row(collection, name, lineno, True, upgrade(collection, item["record"], found))


_BOM = b"\xef\xbb\xbf"
_BLANK: Any = object()
_ASSUMED = (
    "the first line (the version line) cannot be read, so the file is read as schema_version "
)


def _parse_line(raw: bytes, file: str, lineno: int) -> tuple[Any, Problem | None]:
    """One line as JSON data (``_BLANK`` for a blank line), or the one problem it has."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        msg = f"malformed JSON: not UTF-8 text (byte {e.start + 1} of the line)"
        return None, Problem((), msg, "malformed_json", file=file, line=lineno)
    if not text.strip():
        return _BLANK, None
    item, bad = parse_json_text(text, file=file, line=lineno)
    if not bad:
        return item, None
    if len(bad) == 1:
        return None, bad[0]
    keys = ", ".join(p.path for p in bad)  # keys repeated: one problem for the line
    return None, attrs.evolve(bad[0], loc=(), message=f"keys appear more than once: {keys}")


def write_jsonl(dataset: Dataset, target: Path | TextIO, *, redact: bool = False) -> None:
    """Save ``dataset`` as JSON Lines: the version line, then a line a record (masked for
    sharing with ``redact``)."""
    from shequ_core.serialization import unstructure

    def write_lines(f: TextIO) -> None:
        f.write(json.dumps(version_header()) + "\n")
        for name, records in dataset.collections():
            for record in records:
                line = {"collection": name, "record": unstructure(record, redact=redact)}
                f.write(json.dumps(line, ensure_ascii=False) + "\n")

    save_text(target, write_lines)
