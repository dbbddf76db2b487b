"""JSON Lines: a first line ``{"schema_version": N}``, then one line per record,
``{"collection": "residents", "record": {...}}``, read a line at a time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from shequ_core.entities import ITEM_CLASS, Dataset
from shequ_core.errors import Problem
from shequ_core.io._atomic import atomic_write
from shequ_core.io._json import parse_json
from shequ_core.io._rows import Progress, Row, shown
from shequ_core.io._versions import Version, upgrade, version_header, version_of


def read_jsonl(
    source: Path, show: bool, problems: list[Problem], version: Version
) -> Iterator[Row]:
    """The records of a JSON Lines file; what is wrong with a line goes to ``problems``."""
    name = source.name
    found: int | None = None
    with source.open(encoding="utf-8-sig") as f, Progress(source, show) as bar:
        for lineno, line in enumerate(f, start=1):
            bar.step(len(line))
            if not line.strip():
                continue
            item, bad = parse_json(line, file=name, line=lineno)
            if bad is not None:
                problems.append(bad)
                if found is None:
                    return  # no header: nothing after it can be read with confidence
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


def write_jsonl(dataset: Dataset, target: Path) -> None:
    """Save ``dataset`` as JSON Lines: the version line, then a line a record."""
    from shequ_core.serialization import unstructure

    def write_lines(f: TextIO) -> None:
        f.write(json.dumps(version_header()) + "\n")
        for name, records in dataset.collections():
            for record in records:
                line = {"collection": name, "record": unstructure(record)}
                f.write(json.dumps(line, ensure_ascii=False) + "\n")

    atomic_write(target, write_lines)
