"""shequ_core.extra.pandas (also imported as shequ_core.frames): one DataFrame per
collection, lossless in shape, masked by default."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import attrs
import pytest
from hypothesis import given, settings

from shequ_core import (
    COLLECTIONS,
    ITEM_CLASS,
    Community,
    CommunityKind,
    Dataset,
    ValidationError,
    label_zh,
    load_chayouqianqi,
)
from shequ_core.extra.pandas import child_tables, from_frames, to_frame, to_frames
from shequ_core.strategies import datasets
from tests.builders import residents_dataset

pd = pytest.importorskip("pandas", reason="the pandas extra (the test extra installs it)")


@settings(max_examples=25)
@given(datasets(hostile=True))
def test_every_record_and_every_nested_value_gets_one_row(ds: Dataset) -> None:
    frames = to_frames(ds)
    expected_keys = []
    for name in COLLECTIONS:
        expected_keys.append(name)
        expected_keys.extend(f"{name}.{field}" for field in child_tables(ITEM_CLASS[name]))
    assert list(frames) == expected_keys
    for name in COLLECTIONS:
        records = getattr(ds, name)
        assert list(frames[name]["id"]) == [r.id for r in records]
        for field in child_tables(ITEM_CLASS[name]):
            child = frames[f"{name}.{field}"]
            owners = [r.id for r in records for _ in getattr(r, field)]
            assert list(child.iloc[:, 0]) == owners
            assert list(child["position"]) == [
                i for r in records for i in range(len(getattr(r, field)))
            ]


@settings(max_examples=25)
@given(
    datasets(
        hostile=True, min_residents=1, max_residents=4, min_dispute_cases=0, max_dispute_cases=2
    )
)
def test_no_full_personal_number_appears_unless_revealed(ds: Dataset) -> None:
    secrets = {
        n.reveal() for r in ds.residents for n in (r.id_number, r.phone) if n is not None
    } | {
        n.reveal()
        for c in ds.dispute_cases
        for p in c.parties
        for n in (p.id_number, p.phone)
        if n is not None
    }
    shown = {
        str(cell)
        for frame in to_frames(ds).values()
        for column in frame.columns
        for cell in frame[column]
    }
    assert not secrets & shown
    revealed = to_frames(ds, reveal=True)["residents"]
    assert [None if pd.isna(x) else x for x in revealed["id_number"]] == [
        None if r.id_number is None else r.id_number.reveal() for r in ds.residents
    ]


def test_sample_service_item_is_flattened_and_typed() -> None:
    frames = to_frames(load_chayouqianqi())
    items = frames["service_items"].set_index("id")
    # 居住证明开具: one working day, in the hall and at proxy points, free.
    assert items.loc["SI01", "time_limit_amount"] == 1
    assert items.loc["SI01", "time_limit_unit"] == "working_days"
    assert items.loc["SI01", "channels"] == ("hall", "proxy_point")
    assert items.loc["SI01", "fee"] == 0.0
    # A date of birth is its year unless revealed (docs/explanation/personal-data.md).
    assert frames["residents"]["birth_date"].dtype == "period[Y-DEC]"
    revealed = to_frames(load_chayouqianqi(), reveal=True)["residents"]
    assert revealed["birth_date"].dtype == "datetime64[ns]"
    assert frames["residents.attentions"]["until"].isna().any()


def test_chinese_headers_and_labels() -> None:
    community = Community(
        id="C1", name="新区社区", town="土贵乌拉镇", kind=CommunityKind.OLD_TOWN,
        households=10, residents=20,
    )  # fmt: skip
    frame = to_frame([community], lang="zh")
    assert list(frame.columns) == [label_zh(Community, a.name) for a in attrs.fields(Community)]
    assert frame.loc[0, "社区类型"] == "老旧城区社区"
    assert to_frame([community], lang="en").loc[0, "kind"] == "old town"
    assert to_frame([community]).loc[0, "kind"] == "old_town"


def test_empty_collections_keep_their_columns() -> None:
    frames = to_frames(Dataset())
    assert list(frames["visits"].columns) == [a.name for a in attrs.fields(ITEM_CLASS["visits"])]
    assert len(frames["visits"]) == 0
    assert frames["visits"]["visited_on"].dtype == "datetime64[ns]"
    assert to_frame([]).empty


def test_bad_options_are_refused() -> None:
    with pytest.raises(ValidationError) as e:
        to_frames(Dataset(), lang="fr")  # type: ignore[arg-type]
    assert [p.path for p in e.value.problems] == ["lang"]
    with pytest.raises(ValidationError):
        to_frame([1, 2])


def test_rule_results_become_tables() -> None:
    from shequ_core.rules.visiting import visit_coverage

    ds = load_chayouqianqi()
    rows = visit_coverage(ds, start=dt.date(2017, 1, 1), end=dt.date(2017, 12, 31))
    frame = to_frame(rows)
    assert list(frame.columns) == ["community_id", "kind", "kind_label", "visited", "in_scope"]
    assert list(frame["kind_label"]) == [r.kind.label("zh") for r in rows]
    assert frame["visited"].sum() == sum(r.visited for r in rows)


def test_importing_the_package_or_the_module_does_not_import_pandas() -> None:
    code = (
        "import sys, shequ_core, shequ_core.frames; "
        "shequ_core.load_chayouqianqi(); print('pandas' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


class TestFromFrames:
    """``from_frames`` undoes ``to_frames(reveal=True)``, whatever pandas did to the cells."""

    @settings(max_examples=8)
    @given(datasets())
    def test_round_trip(self, ds: Dataset) -> None:
        back = from_frames(to_frames(ds, reveal=True))
        assert back == ds
        for a, b in zip(ds.residents, back.residents, strict=True):
            assert (a.id_number, a.phone, a.attentions) == (b.id_number, b.phone, b.attentions)

    def test_the_banner_comes_back_through_pandas_own_types(self) -> None:
        """Nullable dtypes, ``NaN``, ``None`` and ``pd.NA`` for missing values, plain
        ``datetime`` objects instead of ``datetime64``: all read as the same records."""
        banner = load_chayouqianqi()
        frames = to_frames(banner, reveal=True)
        people = frames["residents"]
        people["phone"] = people["phone"].astype("string")  # missing: pd.NA
        people["id_number"] = people["id_number"].astype(object)  # missing: float NaN
        people["birth_date"] = pd.Series(
            [d.to_pydatetime() for d in people["birth_date"]], dtype=object
        )
        communities = frames["communities"]
        communities["households"] = communities["households"].astype("Int64")
        established = list(communities["established_on"].to_numpy())  # numpy.datetime64, NaT
        communities["established_on"] = pd.Series(established, dtype=object)
        communities["yearly_office_funds"] = communities["yearly_office_funds"].astype("Float64")
        assert people["phone"].isna().any()
        assert people["birth_date"].dtype == object
        assert from_frames(frames) == banner

    def test_field_types_are_resolved_once_a_class_not_once_a_cell(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # typing.get_type_hints ran for every cell of every column: the banner took
        # from_frames 66 s (70,553 calls), now under a second.
        import types
        import typing

        from shequ_core.extra import _tabulate

        calls: list[object] = []

        def counting(obj: object) -> object:
            calls.append(obj)
            return typing.get_type_hints(obj)

        _tabulate.type_hints.cache_clear()
        spy = types.SimpleNamespace(**{**vars(typing), "get_type_hints": counting})
        monkeypatch.setattr(_tabulate, "typing", spy)
        banner = residents_dataset(40)
        assert from_frames(to_frames(banner, reveal=True)) == banner
        _tabulate.type_hints.cache_clear()
        assert len(calls) == len(set(calls)) > 0, calls  # each class once, whatever the rows

    def test_masked_numbers_and_strange_tables_are_refused(self) -> None:
        banner = residents_dataset(12)
        with pytest.raises(ValidationError) as info:
            from_frames(to_frames(banner))  # masked: the numbers cannot come back
        codes = {(p.loc[0], p.loc[-1], p.code) for p in info.value.problems}
        assert ("residents", "id_number", "invalid_id_number") in codes
        frames = to_frames(banner, reveal=True)
        frames["pets"] = frames["communities"]
        frames["residents"] = frames["residents"].assign(colour="red")
        with pytest.raises(ValidationError) as info:
            from_frames(frames)
        assert [(p.path, p.code) for p in info.value.problems] == [
            ("pets", "unknown_collection"),
            ("residents.colour", "unknown_column"),
        ]
