"""The partitioned Parquet store: it loads back equal, its columns are Arrow's own types,
and replacing or adding communities leaves the rest untouched and the store whole when
the write is interrupted."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from shequ_core import ShequError, ValidationError
from shequ_core import strategies as sst
from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import COLLECTIONS, Community, Dataset, ServiceItem, home_communities
from shequ_core.io import (
    load_communities,
    load_dataset,
    save_dataset,
    store_communities,
    write_communities,
)

pa = pytest.importorskip("pyarrow", reason="the parquet extra (the test extra installs it)")
pq = pytest.importorskip("pyarrow.parquet")
from shequ_core.io import _store  # noqa: E402  (after the skip: it imports pyarrow)


@pytest.fixture(scope="module")
def banner() -> Dataset:
    return load_chayouqianqi()


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory, banner: Dataset) -> Path:
    path = tmp_path_factory.mktemp("saved") / "store"
    save_dataset(banner, path, format="parquet")
    return path


@pytest.fixture
def store(tmp_path: Path, saved: Path) -> Path:
    """A copy of the banner's store, for a test to change."""
    return Path(shutil.copytree(saved, tmp_path / "store"))


def _files(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*.parquet"))}


def test_the_sample_banner_loads_back_equal(store: Path, banner: Dataset) -> None:
    assert load_dataset(store) == banner
    assert (store / "schema.json").is_file()
    assert store_communities(store) == tuple(c.id for c in banner.communities)


def test_the_folders_are_hive_partitions_by_community(store: Path, banner: Dataset) -> None:
    first = banner.communities[0].id
    folder = store / "residents" / f"community_id={first}"
    (file,) = folder.glob("part-*.parquet")
    table = pq.read_table(file)
    assert "community_id" not in table.column_names  # the folder names it
    expected = [r.id for r in banner.residents if r.community_id == first]
    assert sorted(table.column("id").to_pylist()) == sorted(expected)
    assert sorted(p.name for p in (store / "service_items").iterdir())[0].startswith("part-")


def test_columns_are_arrows_own_types(store: Path) -> None:
    residents = pq.read_schema(next((store / "residents").rglob("*.parquet")))
    assert residents.field("birth_date").type == pa.date32()
    assert pa.types.is_dictionary(residents.field("sex").type)
    attentions = residents.field("attentions").type
    assert pa.types.is_list(attentions) and pa.types.is_struct(attentions.value_type)
    assert attentions.value_type.field("since").type == pa.date32()
    items = pq.read_schema(next((store / "service_items").glob("*.parquet")))
    assert pa.types.is_decimal(items.field("fee").type)
    assert pa.types.is_struct(items.field("time_limit").type)
    assert pa.types.is_list(items.field("channels").type)
    communities = pq.read_schema(next((store / "communities").rglob("*.parquet")))
    assert communities.field("service_hall_area_m2").type == pa.float64()
    for schema in (residents, items, communities):
        assert schema.field("_position").type == pa.int64()


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(ds=sst.datasets(hostile=True))
def test_any_dataset_loads_back_equal(
    tmp_path_factory: pytest.TempPathFactory, ds: Dataset
) -> None:
    path = tmp_path_factory.mktemp("store") / "s"
    save_dataset(ds, path, format="parquet")
    assert load_dataset(path) == ds


def test_money_keeps_its_value_and_refuses_what_it_cannot_hold(tmp_path: Path) -> None:
    item = ServiceItem(
        id="I1", name="办证", time_limit=load_chayouqianqi().service_items[0].time_limit,
        fee=Decimal("3089.50"),
    )  # fmt: skip
    save_dataset(Dataset(service_items=(item,)), tmp_path / "a", format="parquet")
    (back,) = load_dataset(tmp_path / "a").service_items
    assert back.fee == Decimal("3089.5") and back == item
    finer = attrs.evolve(item, fee=Decimal("0.0000000000000000001"))  # 19 places
    with pytest.raises(ValidationError) as e:
        save_dataset(Dataset(service_items=(finer,)), tmp_path / "b", format="parquet")
    assert e.value.problems[0].code == "out_of_range"
    assert not (tmp_path / "b").exists()


def test_a_redacted_store_is_refused(tmp_path: Path, banner: Dataset) -> None:
    with pytest.raises(ValidationError) as e:
        save_dataset(banner, tmp_path / "s", format="parquet", redact=True)
    assert e.value.problems[0].loc == ("redact",)


def test_a_folder_of_other_files_is_not_replaced(tmp_path: Path, banner: Dataset) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ShequError, match="not a Parquet store"):
        save_dataset(banner, tmp_path, format="parquet")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_a_damaged_manifest_is_one_clear_error(store: Path) -> None:
    (store / "_manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ShequError, match=r"_manifest\.json is unreadable"):
        load_dataset(store)
    (store / "_manifest.json").write_text('{"communities": [], "shared": 1, "next_position": {}}')
    with pytest.raises(ShequError, match="not a store's manifest"):
        load_dataset(store)


# -- replacing and adding communities ----------------------------------------------------


def _renamed(banner: Dataset, cid: str) -> Dataset:
    """The community ``cid`` alone, with its residents renamed."""
    owned = home_communities(banner)
    parts: dict[str, tuple[object, ...]] = {
        name: tuple(r for _, r in by_home.get(cid, [])) for name, by_home in owned.items()
    }
    parts["residents"] = tuple(attrs.evolve(r, name=r.name + "甲") for r in parts["residents"])  # type: ignore[attr-defined]
    return Dataset(**parts, service_items=banner.service_items)  # type: ignore[arg-type]


def _expected_after_replace(banner: Dataset, replaced: Dataset, cid: str) -> Dataset:
    """The store's content after ``replaced`` took ``cid``'s place: the others' records
    first, in their order, then the replaced community's."""
    owned = home_communities(banner)
    out = {}
    for name in COLLECTIONS:
        if name in _store.SHARED:
            out[name] = getattr(banner, name)
            continue
        kept = sorted(
            (pos, r) for home, recs in owned[name].items() if home != cid for pos, r in recs
        )
        out[name] = tuple(r for _, r in kept) + getattr(replaced, name)
    return Dataset(**out)


def test_replacing_a_community_leaves_the_others_untouched(store: Path, banner: Dataset) -> None:
    cid = banner.communities[2].id
    before = _files(store)
    replaced = _renamed(banner, cid)
    write_communities(replaced, store)
    after = _files(store)
    marker = f"community_id={cid}/"
    for name, data in before.items():
        if marker not in name and not name.startswith(_store.SHARED):
            assert after[name] == data, name  # the same file, byte for byte
    assert all(marker in n for n in after.keys() - before.keys() if "/community_id=" in n)
    assert load_dataset(store) == _expected_after_replace(banner, replaced, cid)
    assert store_communities(store)[-1] == cid  # moved to the end, as its records


def test_adding_a_community(store: Path, banner: Dataset) -> None:
    new = Community(
        **{**attrs.asdict(banner.communities[0], recurse=False), "id": "NEW", "name": "新社区"}
    )
    write_communities(Dataset(communities=(new,)), store)
    loaded = load_dataset(store)
    assert loaded.communities == (*banner.communities, new)
    assert loaded.residents == banner.residents
    assert (loaded.service_items, loaded.partner_units) == (
        banner.service_items,
        banner.partner_units,
    )
    assert store_communities(store)[-1] == "NEW"


def test_a_shared_record_is_replaced_by_id_and_the_others_kept(
    store: Path, banner: Dataset
) -> None:
    first, *others = banner.service_items
    changed = attrs.evolve(first, name=first.name + "（新）")
    extra = attrs.evolve(first, id="I-NEW")
    write_communities(Dataset(service_items=(changed, extra)), store)
    loaded = load_dataset(store)
    assert loaded.service_items == (*others, changed, extra)  # replaced ones come last
    assert loaded.partner_units == banner.partner_units


def test_an_interrupted_write_leaves_the_old_store(
    store: Path, banner: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = banner.communities[1].id
    real_write = _store._write
    calls = {"n": 0}

    def failing(folder: Path, name: str, table: object) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real_write(folder, name, table)

    monkeypatch.setattr(_store, "_write", failing)
    with pytest.raises(OSError, match="disk full"):
        write_communities(_renamed(banner, cid), store)
    monkeypatch.undo()
    assert load_dataset(store) == banner  # the files it wrote are not listed
    write_communities(_renamed(banner, cid), store)  # and the next write removes them
    listed = {
        str(p.relative_to(store))
        for name in COLLECTIONS
        for p in _store.manifest_files(store, _store.read_manifest(store), name)
    }
    assert set(_files(store)) == listed


def test_a_write_interrupted_after_its_manifest_is_the_new_store(
    store: Path, banner: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = banner.communities[1].id
    replaced = _renamed(banner, cid)

    def crash(folder: Path, manifest: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_store, "_remove_unlisted", crash)
    with pytest.raises(KeyboardInterrupt):
        write_communities(replaced, store)
    assert load_dataset(store) == _expected_after_replace(banner, replaced, cid)


def test_a_community_left_without_records_leaves_no_empty_folder(
    store: Path, banner: Dataset
) -> None:
    community = banner.communities[2]
    write_communities(Dataset(communities=(community,)), store)
    assert not (store / "residents" / f"community_id={community.id}").exists()
    assert len(list((store / "communities" / f"community_id={community.id}").iterdir())) == 1
    assert set(_files(store)) == {
        str(p.relative_to(store))
        for name in COLLECTIONS
        for p in _store.manifest_files(store, _store.read_manifest(store), name)
    }


def test_write_communities_needs_a_store(tmp_path: Path, banner: Dataset) -> None:
    with pytest.raises(ShequError, match="not a Parquet store"):
        write_communities(banner, tmp_path)


# -- a few communities at a time ---------------------------------------------------------


def test_load_communities_reads_them_and_what_they_refer_to(store: Path, banner: Dataset) -> None:
    cid = banner.communities[0].id
    part = load_communities(store, [cid])
    mine = {r.id for r in banner.residents if r.community_id == cid}
    assert mine <= {r.id for r in part.residents}
    assert {v.id for v in part.visits} >= {v.id for v in banner.visits if v.resident_id in mine}
    assert part.communities == banner.communities
    cases = {c.id for c in banner.dispute_cases if any(p.resident_id in mine for p in c.parties)}
    assert cases <= {c.id for c in part.dispute_cases}
    assert part.service_items == banner.service_items
    foreign = {r.community_id for r in part.residents} - {cid}
    assert len(part.residents) < len(banner.residents)
    # every resident from elsewhere is there because a record of cid refers to them
    referred = {p.resident_id for c in part.dispute_cases for p in c.parties}
    referred |= {r.resident_id for r in part.service_requests} | {
        m.resident_id for m in part.party_members
    }
    for r in part.residents:
        if r.community_id in foreign:
            assert r.id in referred


def test_load_communities_refuses_an_unknown_community(store: Path) -> None:
    with pytest.raises(ValidationError) as e:
        load_communities(store, ["C01", "nowhere"])
    assert [p.loc for p in e.value.problems] == [("community_ids", 1)]


def test_the_manifest_is_what_the_reader_follows(store: Path, banner: Dataset) -> None:
    manifest = json.loads((store / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "parquet" and manifest["partitioning"] == "community_id"
    stray = store / "residents" / f"community_id={banner.communities[0].id}" / "part-stray.parquet"
    stray.write_bytes(next(stray.parent.glob("part-*.parquet")).read_bytes())
    assert load_dataset(store) == banner  # a file the manifest does not list is not read


def test_dates_stay_dates(store: Path, banner: Dataset) -> None:
    back = load_dataset(store)
    assert all(isinstance(r.birth_date, dt.date) for r in back.residents if r.birth_date)


# -- what a user brings ------------------------------------------------------------------


def test_an_office_gb18030_folder_saved_as_a_store(tmp_path: Path) -> None:
    """An office's CSV folder (GB18030, Chinese headers, one community) makes a store
    that loads back equal, whole and by community, and that DuckDB reads."""
    from tests.builders import office_folder
    from tests.io.test_office import _gb_roster

    folder = office_folder(tmp_path / "office")
    _gb_roster(folder)
    ds = load_dataset(folder, errors="collect").dataset  # type: ignore[union-attr]
    assert len(ds.residents) == 5
    save_dataset(ds, tmp_path / "s", format="parquet")
    assert load_dataset(tmp_path / "s") == ds
    assert load_communities(tmp_path / "s", ["c1"]) == ds  # no other community to look in
    duckdb = pytest.importorskip("duckdb")
    files = f"{tmp_path}/s/residents/*/*.parquet"
    got = duckdb.sql(f"select community_id, id from read_parquet('{files}', hive_partitioning=1)")
    assert sorted(got.fetchall()) == sorted((r.community_id, r.id) for r in ds.residents)


#: Community ids a user may bring that a folder name cannot hold as they are.
HOSTILE_IDS = ("a/b", "x=y", "100%", "社区/东=1%2F", "%2F", ".", "..", "s p", "a\\b")


def _with_community_ids(ds: Dataset, ids: dict[str, str]) -> Dataset:
    def moved(record: object) -> object:
        cid = getattr(record, "community_id", None)
        return record if cid is None else attrs.evolve(record, community_id=ids[cid])  # type: ignore[misc]

    parts: dict[str, tuple[object, ...]] = {}
    for name, records in ds.collections():
        if name == "communities":
            parts[name] = tuple(attrs.evolve(c, id=ids[c.id]) for c in records)
        elif name == "partner_units":
            parts[name] = tuple(
                attrs.evolve(u, community_ids=frozenset(ids[c] for c in u.community_ids))
                for u in records
            )
        else:
            parts[name] = tuple(moved(r) for r in records)
    return Dataset(**parts)  # type: ignore[arg-type]


def test_community_ids_that_are_no_folder_names(tmp_path: Path, banner: Dataset) -> None:
    """Ids with '/', '=', '%', dots and Chinese name hive folders that load back as the
    same ids: in this library, in pyarrow's and DuckDB's hive readers."""
    old = [c.id for c in banner.communities]
    ids = dict(zip(old, [*HOSTILE_IDS, *old[len(HOSTILE_IDS) :]], strict=True))
    ds = _with_community_ids(banner, ids)
    save_dataset(ds, tmp_path / "s", format="parquet")
    assert load_dataset(tmp_path / "s") == ds
    assert store_communities(tmp_path / "s") == tuple(c.id for c in ds.communities)
    for cid in HOSTILE_IDS:
        part = load_communities(tmp_path / "s", [cid])
        assert {r.id for r in ds.residents if r.community_id == cid} <= {
            r.id for r in part.residents
        }
    expected = sorted((r.community_id, r.id) for r in ds.residents)
    pads = pytest.importorskip("pyarrow.dataset")
    table = pads.dataset(tmp_path / "s" / "residents", partitioning="hive").to_table()
    assert sorted((r["community_id"], r["id"]) for r in table.to_pylist()) == expected
    duckdb = pytest.importorskip("duckdb")
    files = f"{tmp_path}/s/residents/*/*.parquet"
    got = duckdb.sql(f"select community_id, id from read_parquet('{files}', hive_partitioning=1)")
    assert sorted(got.fetchall()) == expected


def test_a_community_id_too_long_for_a_folder_name(tmp_path: Path, banner: Dataset) -> None:
    """Every id too long to name a folder is one problem, before any file is written."""
    old = [c.id for c in banner.communities]
    long_ids = {old[1]: "c" * 300, old[3]: "社" * 30}  # 270 bytes once URI-encoded
    ds = _with_community_ids(banner, {c: long_ids.get(c, c) for c in old})
    with pytest.raises(ValidationError) as e:
        save_dataset(ds, tmp_path / "s", format="parquet")
    assert [(p.loc, p.code) for p in e.value.problems] == [
        (("communities", 1, "id"), "out_of_range"),
        (("communities", 3, "id"), "out_of_range"),
    ]
    assert not (tmp_path / "s").exists()
    save_dataset(banner, tmp_path / "t", format="parquet")
    with pytest.raises(ValidationError):
        write_communities(Dataset(communities=ds.communities[1:2]), tmp_path / "t")
    assert load_dataset(tmp_path / "t") == banner
