"""The manifest of a Parquet store: which files make it now (no pyarrow needed to read
it, so a process that only plans the work does not import pyarrow)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from shequ_core.entities import SHARED_COLLECTIONS
from shequ_core.errors import ShequError
from shequ_core.io._versions import version_header

MANIFEST = "_manifest.json"
#: The collections that have no one home community: kept whole, apart.
SHARED = SHARED_COLLECTIONS
PARTITION = "community_id"
POSITION = "_position"


@attrs.frozen
class Manifest:
    """Which files make the store: a token for each community's files and one for the
    shared collections' files, and the next free position of each collection."""

    communities: Mapping[str, str]
    shared: str
    next_position: Mapping[str, int]

    def to_json(self) -> dict[str, Any]:
        return {
            **version_header(),
            "format": "parquet",
            "partitioning": PARTITION,
            "communities": dict(self.communities),
            "shared": self.shared,
            "next_position": dict(self.next_position),
        }


def is_store(folder: Path) -> bool:
    """Whether ``folder`` is a Parquet store (it has a manifest)."""
    return (folder / MANIFEST).is_file()


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the store at ``folder``; :class:`ShequError` if it is not one."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        communities = data["communities"]
        shared = data["shared"]
        positions = data["next_position"]
        ok = (
            isinstance(communities, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in communities.items())
            and isinstance(shared, str)
            and isinstance(positions, dict)
        )
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ShequError(
            f"cannot read the store {folder}: {MANIFEST} is unreadable ({e})"
        ) from None
    if not ok:
        raise ShequError(f"cannot read the store {folder}: {MANIFEST} is not a store's manifest")
    return Manifest(communities, shared, {str(k): int(v) for k, v in positions.items()})
