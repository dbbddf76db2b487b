"""JSON text: our records written and read with the standard library's :mod:`json`, or
with orjson when asked for speed and installed."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from shequ_core.errors import Problem, ValidationError
from shequ_core.serialization._converter import structure, unstructure
from shequ_core.serialization._problems import kind, subject_of

__all__ = ["from_json", "to_json"]

T = TypeVar("T")


def _orjson() -> Any:
    """orjson if installed (the ``orjson`` extra), else None."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - the test extra installs it
        return None
    return orjson


def to_json(
    obj: Any, *, redact: bool = False, indent: int | None = None, fast: bool = False
) -> str:
    """``obj`` as JSON text (UTF-8 characters unescaped, compact unless ``indent`` is given).

    With ``redact=True`` identity and phone numbers are masked: the text is for sharing
    and does not load back. ``fast=True`` writes with orjson when the ``orjson`` extra is
    installed (any ``indent`` then means 2): the same data, loading back equal, but not
    always the same bytes (orjson writes ``1e-7`` where :mod:`json` writes ``1e-07``).
    """
    orjson = _orjson() if fast else None
    if orjson is not None:
        data = unstructure(obj, redact=redact)
        option = orjson.OPT_INDENT_2 if indent is not None else 0
        try:
            text: str = orjson.dumps(data, option=option).decode()
        except TypeError:  # an integer beyond 64 bits: the standard library writes it
            pass
        else:
            return text
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(
        unstructure(obj, redact=redact),
        ensure_ascii=False,
        allow_nan=False,
        indent=indent,
        separators=separators,
    )


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def from_json(text: str | bytes | bytearray, cls: type[T], *, fast: bool = False) -> T:
    """An instance of ``cls`` from JSON text; malformed text is a :class:`ValidationError`.

    ``fast=True`` parses with orjson when the ``orjson`` extra is installed; text orjson
    refuses is read again by :mod:`json` for the precise error. orjson reads integers
    beyond 64 bits as floats, so such a count is refused where :mod:`json` would take it.
    """
    orjson = _orjson() if fast else None
    if orjson is not None:
        try:
            data = orjson.loads(text)
        except (orjson.JSONDecodeError, TypeError):
            pass  # fall through to the standard library's error message
        else:
            return structure(data, cls)
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
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
