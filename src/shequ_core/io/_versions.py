"""The layout versions: the one :func:`~shequ_core.io.save_dataset` writes, and how a file
of an older one is upgraded record by record on loading."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from shequ_core.errors import Problem

#: The version of the file layout written by :func:`save_dataset`.
SCHEMA_VERSION = 1


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

# SCHEMA_VERSION and MIGRATIONS are read here, at call time, and nowhere else: the
# functions below are the only ones that look at them.


def version_header() -> dict[str, int]:
    """The marker a file written today carries: ``{"schema_version": SCHEMA_VERSION}``."""
    return {"schema_version": SCHEMA_VERSION}


class Version:
    """The layout version of the input, once its header has been read (None: refused)."""

    def __init__(self) -> None:
        self.found: int | None = None

    @property
    def current(self) -> int:
        """The version the input is read as: today's, :data:`SCHEMA_VERSION`."""
        return SCHEMA_VERSION

    @property
    def upgraded_from(self) -> int | None:
        """The version found, when it is older than today's and the input was upgraded."""
        found = self.found
        return found if found is not None and found < SCHEMA_VERSION else None


def json_kind(value: Any) -> str:
    """What a JSON value is, in JSON's words, without showing it."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "null" if value is None else f"an {'array' if isinstance(value, list) else 'object'}"


def version_of(
    header: Any, problems: list[Problem], *, file: str, line: int | None = None
) -> int | None:
    """The layout version an input declares (0 when it has no marker), or None when it is
    refused, with the problem (in ``file``, at ``line``) saying why."""
    if not isinstance(header, Mapping) or "schema_version" not in header:
        return 0
    version = header["schema_version"]
    if type(version) is not int:
        msg = f"schema_version must be a whole number, got {json_kind(version)}"
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
    problems.append(Problem((), msg, "unsupported_version", file=file, line=line))
    return None


def upgrade(collection: str, record: Any, version: int) -> Any:
    """A record of layout ``version`` as one of today's, through each migration in turn."""
    for v in range(version, SCHEMA_VERSION):
        if isinstance(record, dict):
            record = MIGRATIONS[v].upgrade(collection, record)
    return record
