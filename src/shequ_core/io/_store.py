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
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from shequ_core.entities import COLLECTIONS, ITEM_CLASS, REFERENCES, Dataset, home_communities
from shequ_core.errors import Problem, ShequError, ValidationError
from shequ_core.io._arrow import columns, from_arrow, record_schema
from shequ_core.io._atomic import atomic_folder, atomic_write, fsync_dir, unwritable
from shequ_core.io._manifest import (
    MANIFEST,
    PARTITION,
    POSITION,
    SHARED,
    Manifest,
    is_store,
    read_manifest,
)
from shequ_core.io._rows import Reading, Row
from shequ_core.io._versions import Version, version_header
from shequ_core.serialization import structure

ROW_GROUP = 100_000


def partition_folder(collection: str, community_id: str) -> str:
    """The folder of one community's records of a collection, relative to the store."""
    return f"{collection}/{folder_name(community_id)}"


def folder_name(community_id: str) -> str:
    """The hive folder name of a community: its id URI-encoded, as pyarrow writes it."""
    return f"{PARTITION}={urllib.parse.quote(community_id, safe='')}"


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


def file_schema(collection: str) -> pa.Schema:
    """The schema of a collection's files: its fields, less the partition column (the
    folder names it), and ``_position``."""
    schema = record_schema(ITEM_CLASS[collection])
    if collection not in SHARED and PARTITION in schema.names:
        schema = schema.remove(schema.get_field_index(PARTITION))
    return schema.append(pa.field(POSITION, pa.int64(), nullable=False))


def _table(collection: str, records: Iterable[tuple[int, Any]]) -> pa.Table:
    schema = file_schema(collection)
    pairs = list(records)
    skip = None if collection in SHARED else PARTITION
    data = columns(ITEM_CLASS[collection], [r for _, r in pairs], skip)
    data[POSITION] = [pos for pos, _ in pairs]
    try:
        return pa.Table.from_pydict(data, schema=schema)
    except (pa.ArrowInvalid, OverflowError) as e:
        problem = Problem(collection, f"cannot be written to Parquet exactly: {e}", "out_of_range")
        raise ValidationError([problem], subject="save_dataset") from None


def _check_folder_names(dataset: Dataset) -> None:
    """Refuse, before any file is written, every community whose id is too long to
    name its folder (255 bytes, once URI-encoded)."""
    problems = [
        Problem(("communities", k, "id"), "is too long to name a store folder", "out_of_range")
        for k, c in enumerate(dataset.communities)
        if len(folder_name(c.id).encode()) > 255
    ]
    if problems:
        raise ValidationError(problems, subject="save_dataset")


def _write(folder: Path, name: str, table: pa.Table) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        pq.write_table(table, f, row_group_size=ROW_GROUP, compression="zstd")
        f.flush()
        os.fsync(f.fileno())


def _write_communities(folder: Path, dataset: Dataset, token: str, old: Manifest | None) -> None:
    """Write the partitioned collections of ``dataset`` under ``token``, their positions
    after the old store's (``old``)."""
    for name, by_home in home_communities(dataset).items():
        offset = 0 if old is None else old.next_position.get(name, 0)
        for cid, records in by_home.items():
            if records:
                shifted = [(offset + pos, r) for pos, r in records]
                _write(folder, store_file(name, cid, token), _table(name, shifted))


def _next_positions(dataset: Dataset, old: Manifest | None) -> dict[str, int]:
    """The next free position of each collection once ``dataset`` is written."""
    start = {} if old is None else old.next_position
    return {name: start.get(name, 0) + len(getattr(dataset, name)) for name in COLLECTIONS}


def _write_shared(folder: Path, dataset: Dataset, token: str, old: Manifest | None) -> None:
    """Write the shared collections under ``token``: the dataset's records, and the old
    store's (``old``) that the dataset does not replace, in their places."""
    for name in SHARED:
        start = 0 if old is None else old.next_position.get(name, 0)
        records = getattr(dataset, name)
        table = _table(name, enumerate(records, start))
        if old is not None:
            new_ids = pa.array([r.id for r in records], pa.string())
            kept = [
                t.filter(pc.invert(pc.is_in(t.column("id"), value_set=new_ids)))
                for f in manifest_files(folder, old, name)
                if (t := pq.read_table(f, schema=table.schema)).num_rows
            ]
            table = pa.concat_tables([*kept, table]).sort_by(POSITION)
        _write(folder, store_file(name, None, token), table)


def write_store(dataset: Dataset, target: Path) -> None:
    """Save ``dataset`` as a new store at ``target``, swapped in whole like a CSV folder."""
    if target.exists() and target.is_dir() and any(target.iterdir()) and not is_store(target):
        raise unwritable(target, "the folder holds files that are not a Parquet store")
    _check_folder_names(dataset)

    def fill(folder: Path, modes: dict[str, int]) -> None:
        token = secrets.token_hex(4)
        _write_communities(folder, dataset, token, None)
        _write_shared(folder, dataset, token, None)
        positions = _next_positions(dataset, None)
        manifest = Manifest({c.id: token for c in dataset.communities}, token, positions)
        (folder / "schema.json").write_text(json.dumps(version_header()), encoding="utf-8")
        (folder / MANIFEST).write_text(json.dumps(manifest.to_json()), encoding="utf-8")

    atomic_folder(target, fill)


def write_communities(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """:func:`shequ_core.io.write_communities`."""
    folder = Path(path)
    if not is_store(folder):
        raise ShequError(f"cannot write to {folder}: not a Parquet store (save one first)")
    _check_folder_names(dataset)
    old = read_manifest(folder)
    token = secrets.token_hex(4)
    _write_communities(folder, dataset, token, old)
    _write_shared(folder, dataset, token, old)
    communities = dict(old.communities)
    for c in dataset.communities:  # a replaced community moves to the end, as its records do
        communities.pop(c.id, None)
        communities[c.id] = token
    manifest = Manifest(communities, token, _next_positions(dataset, old))
    atomic_write(folder / MANIFEST, lambda f: json.dump(manifest.to_json(), f))
    fsync_dir(folder)
    _remove_unlisted(folder, manifest)


def _remove_unlisted(folder: Path, manifest: Manifest) -> None:
    """Remove the files no manifest lists any more (old tokens, interrupted writes), and
    the community folders left empty."""
    listed = {p for name in COLLECTIONS for p in manifest_files(folder, manifest, name)}
    for p in folder.glob("*/**/part-*.parquet"):
        if p not in listed:
            p.unlink(missing_ok=True)
    for d in folder.glob(f"*/{PARTITION}=*"):
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


# -- a few communities at a time -------------------------------------------------------


class _Loader:
    """Reads records of a store by community and by id, structured and checked; the
    ``homes`` are the communities asked for, the others are searched by id."""

    def __init__(self, folder: Path, homes: Iterable[str]) -> None:
        self.folder = folder
        self.manifest = read_manifest(folder)
        self.homes = frozenset(homes)
        self.got: dict[str, dict[str, tuple[int, Any]]] = {name: {} for name in COLLECTIONS}
        self._elsewhere_files: dict[str, Any] = {}

    def _take(self, name: str, table: pa.Table) -> None:
        bucket = self.got[name]
        cls = ITEM_CLASS[name]
        for pos, row in rows_of(table, name):
            if row["id"] not in bucket:
                bucket[row["id"]] = (pos, structure(row, cls))

    def read(self, name: str, community_ids: Iterable[str]) -> None:
        """Every record of ``name`` of these communities, in one scan of their files (a
        shared collection: all of it)."""
        if name in SHARED:
            for path in manifest_files(self.folder, self.manifest, name):
                self._take(name, pq.read_table(path))
        else:
            self._take(name, self._files(name, community_ids).to_table())

    def _elsewhere(self, name: str) -> Any:
        """The files of ``name`` outside the home communities (made once a collection:
        each search by id scans them)."""
        if name not in self._elsewhere_files:
            others = [cid for cid in self.manifest.communities if cid not in self.homes]
            self._elsewhere_files[name] = self._files(name, others)
        return self._elsewhere_files[name]

    def _files(self, name: str, community_ids: Iterable[str]) -> Any:
        """One pyarrow dataset of the files of ``name`` of these communities, its
        partition column read from the folder names."""
        import pyarrow.dataset as pads

        tokens = self.manifest.communities
        files = [
            str(path)
            for cid in community_ids
            if (path := self.folder / store_file(name, cid, tokens[cid])).is_file()
        ]
        partition = pa.field(PARTITION, pa.string())
        hive = pads.partitioning(pa.schema([partition]), flavor="hive")
        base = str(self.folder / name)
        schema = file_schema(name).append(partition)  # also when there is no file
        return pads.dataset(
            files, schema=schema, format="parquet", partitioning=hive, partition_base_dir=base
        )

    def by_id(self, name: str, ids: Iterable[str]) -> None:
        """Fetch the records of ``name`` with these ids from the other communities."""
        missing = set(ids) - self.got[name].keys()
        if not missing:
            return
        wanted = pc.field("id").isin(pa.array(sorted(missing), pa.string()))
        # Which communities hold them, from the id column alone; then only their files.
        where = self._elsewhere(name).to_table(columns=[PARTITION], filter=wanted)
        if where.num_rows:
            holders = pc.unique(where.column(PARTITION)).to_pylist()
            self._take(name, self._files(name, holders).to_table(filter=wanted))

    def cases_with_parties(self, resident_ids: set[str]) -> None:
        """Fetch the dispute cases of other communities a resident of these is party to."""
        table = self._elsewhere("dispute_cases").to_table(columns=["id", "parties"])
        if not table.num_rows or not resident_ids:
            return
        parties = table.column("parties").combine_chunks()
        resident = pc.struct_field(pc.list_flatten(parties), "resident_id")
        mine = pc.is_in(resident, value_set=pa.array(sorted(resident_ids), pa.string()))
        rows = pc.unique(pc.filter(pc.list_parent_indices(parties), mine))
        self.by_id("dispute_cases", table.column("id").take(rows).to_pylist())

    def records(self, name: str) -> list[Any]:
        return [r for _, r in sorted(self.got[name].values(), key=lambda pr: pr[0])]


def load_communities(path: str | os.PathLike[str], community_ids: Iterable[str]) -> Dataset:
    """:func:`shequ_core.io.load_communities`."""
    homes = list(dict.fromkeys(community_ids))
    loader = _Loader(Path(path), homes)
    unknown = [cid for cid in homes if cid not in loader.manifest.communities]
    if unknown:
        problems = [
            Problem(("community_ids", k), "is not a community of the store", "invalid_argument")
            for k, cid in enumerate(homes)
            if cid in unknown
        ]
        raise ValidationError(problems, subject="load_communities")
    for name in COLLECTIONS:  # every community itself, the others' records only by id
        loader.read(name, loader.manifest.communities if name == "communities" else homes)
    loader.cases_with_parties(set(loader.got["residents"]))
    while True:  # every record they refer to, transitively
        before = sum(len(b) for b in loader.got.values())
        for ref in REFERENCES:
            ids = {i for _, r in loader.got[ref.collection].values() for i in ref.ids(r)}
            for target in ref.targets:  # a visitor: staff, or else a volunteer
                loader.by_id(target, ids)
                ids -= loader.got[target].keys()
        if sum(len(b) for b in loader.got.values()) == before:
            break
    return Dataset(**{name: tuple(loader.records(name)) for name in COLLECTIONS})
