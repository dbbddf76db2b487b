"""Policy profiles as files: every kind of policy read from and written to TOML or JSON.

A profile file holds one policy: its fields at the top level (as
:func:`~shequ_core.serialization.unstructure` writes them), plus a ``kind`` key naming
which policy it is (``policy``, ``visits``, ``scoring`` or ``sla``; a file without one
is a :class:`Policy`; ``hotline`` and ``mediation`` hold a 12345 profile and a
mediation office's periods, as profiles were before there were other kinds). With ``base``,
a file lists only the numbers it changes (a province's 5–7 committee members); tables
merge key by key, so a file on a base can change or add a visiting cadence but not
remove one (read such a file whole, without ``base``). TOML has no null, so
:func:`dump_policy` leaves out what is None and removing a number of a base needs JSON
``null``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from shequ_core.errors import Problem, ValidationError
from shequ_core.policy._hotline import HotlineProfile, MediationPolicy
from shequ_core.policy._national import Policy
from shequ_core.policy._scoring import ScoringPolicy
from shequ_core.policy._sla import SlaPolicy
from shequ_core.policy._visits import VisitPolicy
from shequ_core.serialization import json_loads, structure, unstructure

__all__ = [
    "POLICY_KINDS",
    "AnyPolicy",
    "dump_policy",
    "load_policy",
    "parse_policy",
    "policy_from_dict",
    "policy_kind",
    "policy_to_dict",
]

#: Every kind of policy a profile file can hold, by the name its ``kind`` key gives.
POLICY_KINDS: Mapping[str, type[Any]] = {
    "policy": Policy,
    "visits": VisitPolicy,
    "scoring": ScoringPolicy,
    "sla": SlaPolicy,
    "hotline": HotlineProfile,
    "mediation": MediationPolicy,
}
_KIND_OF = {cls: name for name, cls in POLICY_KINDS.items()}

#: Any of the kinds of policy a profile file can hold.
AnyPolicy = Policy | VisitPolicy | ScoringPolicy | SlaPolicy | HotlineProfile | MediationPolicy
P = TypeVar("P", Policy, VisitPolicy, ScoringPolicy, SlaPolicy, HotlineProfile, MediationPolicy)
Format = Literal["toml", "json"]


def _plain(value: Any) -> Any:
    """TOML gives dates as date objects and exact decimals as floats; make them JSON-like."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return value


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for k, v in over.items():
            merged[k] = _merge(base.get(k), v) if k in base else v
        return merged
    return over


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def policy_to_dict(policy: AnyPolicy) -> dict[str, Any]:
    """The policy as plain JSON-ready data (dates ISO 8601, numbers as decimal strings)."""
    data: dict[str, Any] = unstructure(policy)
    return data


@overload
def policy_from_dict(data: Mapping[str, Any], *, base: P) -> P: ...
@overload
def policy_from_dict(data: Mapping[str, Any], *, cls: type[P], base: P | None = None) -> P: ...
@overload
def policy_from_dict(data: Mapping[str, Any]) -> Policy: ...
def policy_from_dict(
    data: Mapping[str, Any], *, cls: type[Any] | None = None, base: Any = None
) -> Any:
    """A policy from plain data; with ``base``, ``data`` only lists the numbers it changes.

    The kind is ``cls``, else that of ``base``, else a :class:`Policy`. Goes through
    the project's converter, so errors come as one
    :class:`~shequ_core.errors.ValidationError` listing each problem with its path.
    """
    kind = cls if cls is not None else type(base) if base is not None else Policy
    _check_kind(kind)
    plain = _plain(dict(data))
    if base is not None:
        _check_instance(base, kind)
        plain = _merge(policy_to_dict(base), plain)
    return structure(plain, kind)


def load_policy(
    path: str | os.PathLike[str], cls: type[Any] | None = None, *, base: Any = None
) -> Any:
    """The policy a profile file holds: TOML, or JSON when the name ends in ``.json``.

    ``path`` is always a path (text is read with :func:`parse_policy`). The kind is
    ``cls`` if given, else the file's ``kind`` key, else that of ``base``, else a
    :class:`Policy`; a file whose ``kind`` contradicts ``cls`` is refused.
    """
    if not isinstance(typing.cast(object, path), (str, os.PathLike)):
        msg = f"must be a path, got {type(path).__name__}"
        raise ValidationError([Problem("path", msg, "wrong_type")], subject="load_policy")
    file = Path(path)
    fmt: Format = "json" if file.suffix.lower() == ".json" else "toml"
    return _from_text(_read(file), fmt, cls, base, file.name)


def policy_kind(path: str | os.PathLike[str]) -> type[Any]:
    """The kind of policy a profile file holds, by its ``kind`` key (:class:`Policy`
    when it has none), without reading the numbers: to choose the base to load it on."""
    file = Path(path)
    fmt: Format = "json" if file.suffix.lower() == ".json" else "toml"
    data = _parse(_read(file), fmt, file.name)
    named = data.get("kind", "policy")
    return _named_kind(named, None, file.name)


def parse_policy(
    text: str, *, format: Format = "toml", cls: type[Any] | None = None, base: Any = None
) -> Any:
    """The policy a profile's text holds, as :func:`load_policy` reads a file."""
    if format not in ("toml", "json"):
        msg = f"must be 'toml' or 'json', got {format!r}"
        raise ValidationError([Problem("format", msg, "invalid_argument")], subject="parse_policy")
    return _from_text(text, format, cls, base, None)


def dump_policy(policy: AnyPolicy, path: str | os.PathLike[str]) -> None:
    """Write ``policy`` as a profile file that :func:`load_policy` reads back equal.

    TOML, or JSON when the name ends in ``.json``; the file names its ``kind``.
    """
    _check_instance(policy, None)
    file = Path(path)
    data = {"kind": _KIND_OF[type(policy)], **policy_to_dict(policy)}
    if file.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        import tomli_w

        text = tomli_w.dumps(_without_none(data))
    file.write_text(text, encoding="utf-8")


def _read(file: Path) -> str:
    try:
        # utf-8-sig: Windows Notepad saves UTF-8 with a byte-order mark, which TOML
        # and JSON parsers refuse.
        return file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise _invalid_file(file.name, "UTF-8 text (save it as UTF-8)") from None
    except OSError as e:
        msg = f"cannot be read ({e.strerror or type(e).__name__})"
        raise ValidationError(
            [Problem((), msg, "invalid_file", file=file.name)], subject="policy profile"
        ) from None


def _parse(text: str, fmt: Format, file: str | None) -> dict[str, Any]:
    try:
        data = json_loads(text) if fmt == "json" else _toml(text)
    except ValidationError as e:  # a key twice in a JSON object (TOML refuses it itself)
        problems = [p.in_file(file) for p in e.problems]
        raise ValidationError(problems, subject="policy profile") from None
    except (ValueError, RecursionError) as e:  # bad JSON or TOML; too deep
        raise _invalid_file(file, f"{fmt.upper()} ({type(e).__name__})") from None
    if not isinstance(data, dict):
        raise ValidationError(
            [Problem((), "a policy profile must be a table", "wrong_type", file=file)],
            subject="policy profile",
        )
    return data


def _named_kind(named: object, cls: type[Any] | None, file: str | None) -> type[Any]:
    found = POLICY_KINDS.get(named) if isinstance(named, str) else None
    if found is None or (cls is not None and found is not cls):
        expected = _KIND_OF[cls] if cls in _KIND_OF else ", ".join(POLICY_KINDS)
        msg = f"must be {expected}, got {named!r}"
        raise ValidationError(
            [Problem("kind", msg, "unknown_value", file=file)], subject="policy profile"
        )
    return found


def _from_text(text: str, fmt: Format, cls: Any, base: Any, file: str | None) -> Any:
    data = _parse(text, fmt, file)
    named = data.pop("kind", None)
    kind = cls if named is None else _named_kind(named, cls, file)
    try:
        return policy_from_dict(data, cls=kind, base=base)
    except ValidationError as e:
        raise ValidationError((p.in_file(file) for p in e.problems), subject=e.subject) from None


def _invalid_file(file: str | None, what: str) -> ValidationError:
    problem = Problem((), f"a policy profile must be valid {what}", "invalid_file", file=file)
    return ValidationError([problem], subject="policy profile")


def _check_kind(kind: object) -> None:
    if kind not in _KIND_OF:
        msg = f"must be one of {', '.join(c.__name__ for c in _KIND_OF)}"
        raise ValidationError([Problem("cls", msg, "invalid_argument")], subject="policy")


def _check_instance(policy: object, kind: type[Any] | None) -> None:
    if type(policy) not in _KIND_OF or (kind is not None and type(policy) is not kind):
        what = kind.__name__ if kind is not None else "a policy"
        msg = f"must be {what}, got {type(policy).__name__}"
        raise ValidationError([Problem("policy", msg, "wrong_type")], subject="policy")


def _toml(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - the tested interpreter has tomllib
        import tomli as tomllib
    data: dict[str, Any] = tomllib.loads(text)
    return data
