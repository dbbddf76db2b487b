"""The Parquet store's module, imported only when a store is read or written: pyarrow
is an optional extra (``pip install 'shequ-core[parquet]'``)."""

from __future__ import annotations

import os
import types
from collections.abc import Iterable
from pathlib import Path

from shequ_core.entities import Dataset
from shequ_core.errors import ShequError
from shequ_core.io._manifest import read_manifest

EXTRA = "a Parquet store needs the parquet extra: pip install 'shequ-core[parquet]'"


def parquet_store() -> types.ModuleType:
    """:mod:`shequ_core.io._store`, or a :class:`ShequError` naming the extra to install."""
    try:
        from shequ_core.io import _store
    except ImportError:  # pragma: no cover - the test environment has the extra
        raise ShequError(EXTRA) from None
    return _store


def write_communities(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """Write every community of ``dataset`` into the Parquet store at ``path``: replace
    the communities the store holds, add the others, leave the rest untouched.

    ``dataset`` is valid on its own (a :class:`~shequ_core.entities.Dataset`); its
    service items and partner units replace the store's of the same id and are added
    otherwise. A replaced community's records come after the others when the store is
    loaded. Records of other communities that refer to a replaced community's records
    must still find them by id (:func:`load_dataset` checks the whole store). New files
    are written beside the old ones, the manifest is replaced in one step, and then the
    old files are removed: interrupted at any point, the store loads as it was before
    or as it is after, never half of each.
    """
    parquet_store().write_communities(dataset, path)


def load_communities(path: str | os.PathLike[str], community_ids: Iterable[str]) -> Dataset:
    """The records of ``community_ids`` in the Parquet store at ``path``, and every
    record they refer to wherever it is kept, as one valid Dataset.

    It holds each community's own records; every dispute case one of their residents is
    a party to; all communities, service items and partner units; and, found by id, the
    records those refer to in other communities (a visitor from the next community, a
    party living elsewhere, their households, grids and teams). It reads the files of
    these communities and, for the references, only the matching rows of the others
    (Parquet filters). This is what one Dask task reads in
    :func:`shequ_core.extra.dask.from_store`, and what a Spark task can read.
    """
    dataset: Dataset = parquet_store().load_communities(path, community_ids)
    return dataset


def store_communities(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """The ids of the communities in the Parquet store at ``path``, in the store's
    order, read from its manifest alone."""
    return tuple(read_manifest(Path(path)).communities)
