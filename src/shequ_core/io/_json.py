"""One JSON file: the converter's flat object, one key per collection, plus
``schema_version``; and the JSON parsing every format shares."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from shequ_core.entities import ITEM_CLASS, Dataset
from shequ_core.errors import Problem, ValidationError
from shequ_core.io._atomic import save_text
from shequ_core.io._rows import Row, shown
from shequ_core.io._versions import Version, upgrade, version_header, version_of


def parse_json(text: str, *, file: str, line: int | None = None) -> tuple[Any, Problem | None]:
    """JSON text as data, or the (first) problem that it is not JSON we accept."""
    data, problems = parse_json_text(text, file=file, line=line)
    return data, problems[0] if problems else None


def parse_json_text(text: str, *, file: str, line: int | None = None) -> tuple[Any, list[Problem]]:
    """JSON text as data, or the problems that it is not JSON we accept.

    ``line`` is where ``text`` starts in ``file`` (a line of JSON Lines); without it, the
    text is the whole file and the problem is on the line the parser stopped at. ``NaN``
    and ``Infinity`` are refused (they are not JSON), and so are integers too long for
    Python to read and nesting too deep to parse: each is a problem of the input, not a
    crash. A key that appears twice in one object is a ``duplicate_key`` problem at its
    place (``("residents", 3, "name")``), never read as its last value.
    """
    from shequ_core.serialization import json_loads

    at: int | None
    try:
        return json_loads(text), []
    except ValidationError as e:  # keys repeated in an object
        return None, [p.in_file(file, line) for p in e.problems]
    except json.JSONDecodeError as e:
        why = f"{e.msg} (column {e.colno})"
        at = line if line is not None else e.lineno
    except ValueError as e:  # a constant, or an integer beyond sys.get_int_max_str_digits()
        why = str(e) if str(e).endswith("is not a JSON number") else "a number is too long"
        at = line
    except RecursionError:
        why, at = "nested too deeply", line
    return None, [Problem((), f"malformed JSON: {why}", "malformed_json", file=file, line=at)]


def read_json(source: Path, problems: list[Problem], version: Version) -> Iterator[Row]:
    """The records of a JSON file; what is wrong with the file itself goes to ``problems``."""
    name = source.name
    text = source.read_text(encoding="utf-8-sig")
    data, bad = parse_json_text(text, file=name)
    problems.extend(bad)
    # A key twice drops the record (or the collection) that holds it, and only that.
    twice = {p.loc[:2] for p in bad if p.code == "duplicate_key"}
    if len(twice) != len(bad) or ("schema_version",) in twice:
        return
    if twice:
        data = json.loads(text)
    if not isinstance(data, dict):
        problems.append(Problem((), "must hold a JSON object", "invalid_file", file=name))
        return
    found = version.found = version_of(data, problems, file=name)
    if found is None:
        return
    for key, value in data.items():
        if key == "schema_version":
            continue
        if key not in ITEM_CLASS:
            msg = "is not a collection of the dataset"
            problems.append(Problem((shown(key),), msg, "unknown_collection", file=name))
            continue
        if not isinstance(value, list):
            problems.append(Problem((key,), "must be a list of records", "wrong_type", file=name))
            continue
        if (key,) in twice:
            continue
        for i, v in enumerate(value):
            if (key, i) not in twice:
                yield Row(key, name, i, False, upgrade(key, v, found))


def write_json(dataset: Dataset, target: Path | TextIO, *, redact: bool = False) -> None:
    """Save ``dataset`` as one JSON file (masked for sharing with ``redact``)."""
    from shequ_core.serialization import unstructure

    data: dict[str, Any] = version_header()
    data.update(unstructure(dataset, redact=redact))
    save_text(target, lambda f: json.dump(data, f, ensure_ascii=False, indent=1))
