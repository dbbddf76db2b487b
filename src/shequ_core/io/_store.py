"""A partitioned Parquet store: one Parquet dataset a collection, in a folder a community.

Layout (hive-style, so pyarrow, Dask, DuckDB and Spark read the partition column)::

    store/
      schema.json                                  the layout version, as in a CSV folder
      _manifest.json                               which files make the store now
      residents/community_id=c1/part-<token>.parquet
      residents/community_id=c2/part-<token>.parquet
      ...
      service_items/part-<token>.parquet           no home community: one file
      partner_units/part-<token>.parquet

A record's home community is its ``community_id``; a community's is its own ``id``; a
visit's is its resident's. Service items and partner units (which serve several
communities) are kept whole, apart. The partition folder is named after the community
id, URI-encoded as pyarrow writes hive folders. Each file also holds ``_position``, the
record's place in its collection, so the store loads back in the order it was saved.

Changing a store: :func:`write_communities` writes the communities of a dataset into a
store, replacing those it holds and adding the others, and leaves every other community's
files untouched. New files get a new token, the manifest is replaced in one step, and
only then are the old files removed: a write that is interrupted leaves the store as it
was before or as it is after, never half of each; readers that go through the manifest
(:func:`~shequ_core.io.load_dataset`, :func:`shequ_core.extra.dask.from_store`) never
see a file it does not list.
"""

from __future__ import annotations

import json
import os
import secrets
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import pyarrow as pa
import pyarrow.parquet as pq

from shequ_core.entities import COLLECTIONS, ITEM_CLASS, Dataset
from shequ_core.errors import Problem, ShequError, ValidationError
from shequ_core.io._arrow import from_arrow, record_schema, to_arrow
from shequ_core.io._atomic import atomic_folder, atomic_write, fsync_dir, unwritable
from shequ_core.io._rows import Reading, Row
from shequ_core.io._versions import Version, version_header

MANIFEST = "_manifest.json"
#: The collections that have no one home community: kept whole, apart.
SHARED = ("service_items", "partner_units")
PARTITION = "community_id"
POSITION = "_position"
_ROW_GROUP = 100_000


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


def partition_folder(collection: str, community_id: str) -> str:
    """The folder of one community's records of a collection, relative to the store."""
    return f"{collection}/{PARTITION}={urllib.parse.quote(community_id, safe='')}"


def store_file(collection: str, community_id: str | None, token: str) -> str:
    """The file of a collection's records (of one community, or shared) for a token."""
    if community_id is None:
        return f"{collection}/part-{token}.parquet"
    return f"{partition_folder(collection, community_id)}/part-{token}.parquet"


def manifest_files(folder: Path, manifest: Manifest, collection: str) -> list[Path]:
    """The files the manifest lists for ``collection`` that exist (a community with no
    record of a collection has no file for it)."""
    if collection in SHARED:
        names = [store_file(collection, None, manifest.shared)]
    else:
        names = [store_file(collection, cid, tok) for cid, tok in manifest.communities.items()]
    return [path for name in names if (path := folder / name).is_file()]


# -- writing ---------------------------------------------------------------------------


def homes(dataset: Dataset) -> dict[str, dict[str, list[tuple[int, Any]]]]:
    """Each partitioned collection's records by home community, with their positions."""
    resident_home = {r.id: r.community_id for r in dataset.residents}
    out: dict[str, dict[str, list[tuple[int, Any]]]] = {}
    for name in COLLECTIONS:
        if name in SHARED:
            continue
        by_home: dict[str, list[tuple[int, Any]]] = {c.id: [] for c in dataset.communities}
        for pos, record in enumerate(getattr(dataset, name)):
            if name == "communities":
                home = record.id
            elif name == "visits":
                home = resident_home[record.resident_id]
            else:
                home = record.community_id
            by_home.setdefault(home, []).append((pos, record))
        out[name] = by_home
    return out


def file_schema(collection: str) -> pa.Schema:
    """The schema of a collection's files: its fields, less the partition column (the
    folder names it), and ``_position``."""
    schema = record_schema(ITEM_CLASS[collection])
    if collection not in SHARED and PARTITION in schema.names:
        schema = schema.remove(schema.get_field_index(PARTITION))
    return schema.append(pa.field(POSITION, pa.int64(), nullable=False))


def _table(collection: str, records: Iterable[tuple[int, Any]]) -> pa.Table:
    schema = file_schema(collection)
    rows = []
    for pos, record in records:
        row = to_arrow(record)
        if collection not in SHARED:
            row.pop(PARTITION, None)
        row[POSITION] = pos
        rows.append(row)
    try:
        return pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowInvalid, OverflowError) as e:
        problem = Problem(collection, f"cannot be written to Parquet exactly: {e}", "out_of_range")
        raise ValidationError([problem], subject="save_dataset") from None


def _write(folder: Path, name: str, table: pa.Table) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if len(path.parent.name.encode()) > 255:
        problem = Problem(
            "communities", "a community id is too long to name a store folder", "out_of_range"
        )
        raise ValidationError([problem], subject="save_dataset")
    with open(path, "wb") as f:
        pq.write_table(table, f, row_group_size=_ROW_GROUP, compression="zstd")
        f.flush()
        os.fsync(f.fileno())


def _write_communities(
    folder: Path, dataset: Dataset, token: str, start: Mapping[str, int]
) -> dict[str, int]:
    """Write the partitioned collections of ``dataset`` under ``token``; the next free
    position of each collection after them."""
    next_position = dict(start)
    for name, by_home in homes(dataset).items():
        offset = next_position.get(name, 0)
        for cid, records in by_home.items():
            if records:
                shifted = [(offset + pos, r) for pos, r in records]
                _write(folder, store_file(name, cid, token), _table(name, shifted))
        next_position[name] = offset + len(getattr(dataset, name))
    return next_position


def _write_shared(folder: Path, token: str, shared: Mapping[str, list[tuple[int, Any]]]) -> None:
    for name in SHARED:
        _write(folder, store_file(name, None, token), _table(name, shared.get(name, [])))


def write_store(dataset: Dataset, target: Path) -> None:
    """Save ``dataset`` as a new store at ``target``, swapped in whole like a CSV folder."""
    if target.exists() and target.is_dir() and any(target.iterdir()) and not is_store(target):
        raise unwritable(target, "the folder holds files that are not a Parquet store")

    def fill(folder: Path, modes: dict[str, int]) -> None:
        token = secrets.token_hex(4)
        positions = _write_communities(folder, dataset, token, {})
        shared = {name: list(enumerate(getattr(dataset, name))) for name in SHARED}
        _write_shared(folder, token, shared)
        for name in SHARED:
            positions[name] = len(getattr(dataset, name))
        manifest = Manifest({c.id: token for c in dataset.communities}, token, positions)
        (folder / "schema.json").write_text(json.dumps(version_header()), encoding="utf-8")
        (folder / MANIFEST).write_text(json.dumps(manifest.to_json()), encoding="utf-8")

    atomic_folder(target, fill)


def write_communities(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """Write every community of ``dataset`` into the store at ``path``: replace the
    communities the store holds, add the others, and leave the rest untouched.

    ``dataset`` must be valid on its own (it is a :class:`Dataset`); its service items
    and partner units replace the store's of the same id and are added otherwise. Records
    of other communities that refer to a replaced community's records must still find
    them by id: :func:`~shequ_core.io.load_dataset` checks the whole store. Interrupted,
    the store is as before or as after (see the module's documentation).
    """
    folder = Path(path)
    if not is_store(folder):
        raise ShequError(f"cannot write to {folder}: not a Parquet store (save one first)")
    old = read_manifest(folder)
    token = secrets.token_hex(4)
    positions = _write_communities(folder, dataset, token, old.next_position)
    shared: dict[str, list[tuple[int, Any]]] = {}
    for name in SHARED:
        kept = {
            row["id"]: row
            for f in manifest_files(folder, old, name)
            for row in pq.read_table(f).to_pylist()
        }
        start = old.next_position.get(name, 0)
        new = {r.id: (start + k, r) for k, r in enumerate(getattr(dataset, name))}
        records: list[tuple[int, Any]] = []
        structure_row = from_arrow(ITEM_CLASS[name])
        from shequ_core.serialization import structure

        for rid, row in kept.items():
            if rid not in new:
                pos = row.pop(POSITION)
                records.append((pos, structure(structure_row(row), ITEM_CLASS[name])))
        records.extend(new.values())
        shared[name] = sorted(records, key=lambda pr: pr[0])
        positions[name] = start + len(new)
    _write_shared(folder, token, shared)
    communities = dict(old.communities)
    for c in dataset.communities:
        communities[c.id] = token
    manifest = Manifest(communities, token, positions)
    atomic_write(folder / MANIFEST, lambda f: json.dump(manifest.to_json(), f))
    fsync_dir(folder)
    _remove_unlisted(folder, manifest)


def _remove_unlisted(folder: Path, manifest: Manifest) -> None:
    """Remove the files no manifest lists any more (old tokens, interrupted writes)."""
    listed = {
        str(p.relative_to(folder))
        for name in COLLECTIONS
        for p in manifest_files(folder, manifest, name)
    }
    for name in COLLECTIONS:
        base = folder / name
        if not base.is_dir():
            continue
        for p in base.rglob("part-*.parquet"):
            if str(p.relative_to(folder)) not in listed:
                p.unlink(missing_ok=True)
        for d in base.iterdir():
            if d.is_dir() and not any(d.iterdir()):
                d.rmdir()


# -- reading ---------------------------------------------------------------------------


def rows_of(table: pa.Table, collection: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The plain-data rows of a table read from the store, with their positions."""
    fix = from_arrow(ITEM_CLASS[collection])
    drop = [
        n for n in (PARTITION,) if n in table.column_names and n not in _field_names(collection)
    ]
    if drop:
        table = table.drop_columns(drop)
    for row in table.to_pylist():
        pos = row.pop(POSITION)
        yield pos, fix(row)


def _field_names(collection: str) -> set[str]:
    return {a.name for a in attrs.fields(ITEM_CLASS[collection])}


def read_store(folder: Path, reading: Reading, version: Version) -> Iterator[Row]:
    """Every record of the store at ``folder``, collection by collection, in the order it
    was saved (by ``_position``)."""
    manifest = read_manifest(folder)
    version.found = version.current
    for name in COLLECTIONS:
        rows: list[tuple[int, str, dict[str, Any]]] = []
        for path in manifest_files(folder, manifest, name):
            rel = str(path.relative_to(folder))
            table = pq.read_table(path)
            if name not in SHARED and PARTITION in _field_names(name):
                cid = urllib.parse.unquote(path.parent.name.split("=", 1)[1])
                table = table.append_column(
                    PARTITION, pa.array([cid] * table.num_rows, pa.string())
                )
            rows.extend((pos, rel, row) for pos, row in rows_of(table, name))
        rows.sort(key=lambda r: r[0])
        for k, (_, rel, row) in enumerate(rows):
            yield Row(name, rel, k, False, row)
