"""Problems of structuring: cattrs' nested exceptions read as :class:`Problem` lists, and
the words a hook uses to say what it got instead, never showing the value itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from shequ_core.errors import Problem, ValidationError
from shequ_core.text import mask_personal


def kind(value: object) -> str:
    """What a value is, in JSON's words, without showing the value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return f"a {type(value).__name__}"


def invalid(message: str, code: str = "wrong_type") -> ValidationError:
    """The error a hook raises for the value it was given: one problem, at the value."""
    return ValidationError([Problem((), message, code)])


def subject_of(cls: Any) -> str:
    """What a ValidationError about an instance of ``cls`` calls its input."""
    return getattr(cls, "__name__", None) or str(cls)


def key_part(key: object) -> str | int:
    """An unknown key as a step of a location, masked: a key can be an identity number
    (a record keyed by it), and messages never show one."""
    if isinstance(key, str):
        return mask_personal(key)
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    return repr(key)


def problems_of(exc: BaseException) -> list[Problem]:
    """Every problem in a (nested) structuring error, with its path from where it was raised.

    Walks cattrs' exception groups by their notes (a field name or an index), the way
    cattrs' ``transform_error`` does, and splices in the problems of our own
    :class:`ValidationError` raised by a record's constructor or a hook.
    """
    if isinstance(exc, ValidationError):
        return list(exc.problems)
    if isinstance(exc, ClassValidationError):
        out: list[Problem] = []
        with_notes, without = exc.group_exceptions()
        for sub, attr_note in with_notes:
            if isinstance(sub, KeyError):
                out.append(Problem(attr_note.name, "is required", "required"))
            else:
                out.extend(p.within(attr_note.name) for p in problems_of(sub))
        for sub in without:
            out.extend(problems_of(sub))
        return out
    if isinstance(exc, IterableValidationError):
        out = []
        with_index, rest = exc.group_exceptions()
        for sub, index_note in with_index:
            out.extend(p.within(index_note.index) for p in problems_of(sub))
        for sub in rest:
            out.extend(problems_of(sub))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        name = exc.cl.__name__
        return [
            Problem(key_part(k), f"is not a field of {name}", "unknown_field")
            for k in sorted(exc.extra_fields, key=str)
        ]
    return [Problem((), f"could not be read ({type(exc).__name__})", "invalid_value")]
