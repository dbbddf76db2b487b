"""JSON text: our records written and read with the standard library's :mod:`json`, or
with orjson where it writes the same text, or when asked for speed, when installed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TypeVar

from shequ_core.entities import Dataset
from shequ_core.errors import Loc, Problem, ValidationError
from shequ_core.serialization._converter import structure, unstructure
from shequ_core.serialization._problems import key_part, kind, subject_of
from shequ_core.validation import Record

__all__ = ["from_json", "json_loads", "to_json"]

T = TypeVar("T")


def _orjson() -> Any:
    """orjson if installed (the ``orjson`` extra), else None."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - the test extra installs it
        return None
    return orjson


#: An exponent: where orjson's text may spell a number otherwise than :mod:`json`'s
#: (``1e-7`` against ``1e-07``); see :func:`_spelt_otherwise`.
_EXPONENT = re.compile(rb"e[-+0-9]")


def _spelt_otherwise(raw: bytes) -> bool:
    """Whether orjson's text ``raw`` may differ from :mod:`json`'s: it holds a number
    with an exponent or below 10⁻⁴ (``0.00001`` against ``1e-05``); found in a string
    too, it only sends the text to :mod:`json`. Two searches for a literal, each at
    memchr speed (one alternation ``\\de|0\\.0000`` took as long as ``json.dumps``)."""
    return b"0.0000" in raw or _EXPONENT.search(raw) is not None


def to_json(
    obj: Any, *, redact: bool = False, indent: int | None = None, fast: bool = False
) -> str:
    """``obj`` as JSON text (UTF-8 characters unescaped, compact unless ``indent`` is given).

    With ``redact=True`` identity and phone numbers are masked: the text is for sharing
    and does not load back. A record or a dataset is written by orjson when the
    ``orjson`` extra is installed, and only where its text is the standard library's
    byte for byte (compact or ``indent=2``; a record's floats are finite, and a number
    orjson would spell differently sends the text to :mod:`json`), so the text is the
    same whether or not orjson is installed. ``fast=True`` takes orjson's text for
    anything (any ``indent`` then means 2): the same data, loading back equal, but not
    always the same bytes (orjson writes ``1e-7`` where :mod:`json` writes ``1e-07``).
    """
    data = unstructure(obj, redact=redact)
    orjson = _orjson()
    same = indent in (None, 2) and isinstance(obj, (Record, Dataset))
    if orjson is not None and (fast or same):
        option = orjson.OPT_INDENT_2 if indent is not None else 0
        try:
            raw: bytes = orjson.dumps(data, option=option)
        except TypeError:  # an integer beyond 64 bits: the standard library writes it
            pass
        else:
            if fast or not _spelt_otherwise(raw):
                return raw.decode()
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(
        data, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators
    )


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


class _Repeated(dict[str, Any]):
    """An object of the input in which a key appears more than once: the keys repeated."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    twice: dict[str, None] = {}
    for key, _ in pairs:
        if key in seen:
            twice[key] = None
        seen.add(key)
    repeated = _Repeated(obj)
    repeated.repeated = tuple(twice)
    return repeated


def _repeats(data: Any, at: Loc = ()) -> Iterator[Loc]:
    """The place of every key that appears twice in an object of ``data``."""
    if isinstance(data, dict):
        if isinstance(data, _Repeated):
            yield from ((*at, key) for key in data.repeated)
        for key, value in data.items():
            if isinstance(value, (dict, list)):
                yield from _repeats(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if isinstance(value, (dict, list)):
                yield from _repeats(value, (*at, i))


def _colons(text: str | bytes | bytearray) -> tuple[int, bool]:
    """How many colons ``text`` holds, and whether it may hold an escaped one (``\\u003a``),
    which orjson would write back as a plain colon."""
    if isinstance(text, str):
        return text.count(":"), "\\u003a" in text or "\\u003A" in text
    return text.count(b":"), b"\\u003a" in text or b"\\u003A" in text


def json_loads(text: str | bytes | bytearray, *, fast: bool = False) -> Any:
    """JSON text as plain data, read strictly: a key twice in one object is refused.

    Raises what :func:`json.loads` raises for text that is not JSON (``NaN`` and
    ``Infinity`` included, which are not JSON numbers), and :class:`ValidationError` with
    a ``duplicate_key`` problem at each repeated key (``("residents", 3, "name")``) where
    :func:`json.loads` would silently keep the last value. ``fast=True`` parses with
    orjson when it is installed and checks its answer for lost keys by counting colons
    (every key has one; orjson writes back every colon of a string), so it finds the same
    duplicates; text orjson refuses is read by :mod:`json` for its precise error.
    """
    orjson = _orjson() if fast else None
    if orjson is not None:
        try:
            data = orjson.loads(text)
        except (orjson.JSONDecodeError, TypeError):
            pass  # the standard library says precisely what is wrong
        else:
            colons, escaped = _colons(text)
            if not escaped and orjson.dumps(data).count(b":") == colons:
                return data  # every key and every colon of a string is still there
    found: list[bool] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = _object(pairs)
        if type(obj) is _Repeated:
            found.append(True)
        return obj

    data = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=hook)
    if found:
        problems = [  # a key can be an identity number: its digits are starred
            Problem(
                tuple(map(key_part, loc)), "appears more than once in its object", "duplicate_key"
            )
            for loc in _repeats(data)
        ]
        raise ValidationError(problems, subject="JSON")
    return data


def from_json(text: str | bytes | bytearray, cls: type[T], *, fast: bool = False) -> T:
    """An instance of ``cls`` from JSON text; malformed text is a :class:`ValidationError`.

    A key that appears twice in one object is refused (code ``duplicate_key``), never
    read as its last value. ``fast=True`` parses with orjson when the ``orjson`` extra is
    installed; text orjson refuses is read again by :mod:`json` for the precise error.
    orjson reads integers beyond 64 bits as floats, which cannot hold them exactly: such
    a number is refused (``out_of_range``), never rounded, as it is without ``fast``
    (no field takes a number that large).
    """
    try:
        data = json_loads(text, fast=fast)
    except ValidationError as e:
        raise ValidationError(e.problems, subject=subject_of(cls)) from None
    except json.JSONDecodeError as e:
        msg = f"is not valid JSON: {e.msg} at line {e.lineno} column {e.colno}"
    except UnicodeDecodeError:
        msg = "is not valid JSON: the bytes are not UTF-8 text"
    except RecursionError:
        msg = "is not valid JSON we can read: nested too deeply"
    except (ValueError, TypeError) as e:
        msg = (
            f"must be JSON text, got {kind(text)}"
            if isinstance(e, TypeError)
            else f"is not valid JSON: {e}"
        )
    else:
        return structure(data, cls)
    raise ValidationError([Problem((), msg, "malformed_json")], subject=subject_of(cls))
