"""Bad input on the way in: every problem is reported once, with its full path, as one
ValidationError, and no message shows a personal number.

Whatever comes in (any JSON value, any bytes, a real record's JSON with one thing
wrong), ``structure`` and ``from_json`` return a record or raise ValidationError and
nothing else. The fuzz tests (marker ``fuzz``) run a few dozen cases each in `make test`
and the long run under `make fuzz`.
"""

from __future__ import annotations

import contextlib
import copy
import json
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core import (
    ENTITIES,
    VALUES,
    Community,
    Dataset,
    DisputeCase,
    IdNumber,
    Meeting,
    Party,
    Problem,
    Resident,
    ServiceItem,
    ValidationError,
    Visit,
    Volunteer,
)
from shequ_core import strategies as sst
from shequ_core.datasets import load_chayouqianqi
from shequ_core.serialization import from_json, structure, unstructure
from tests.fuzzing import Counter, fuzz, json_values
from tests.leaks import (
    error_text,
    hits,
    library_log,
    needles,
    spellings,
    swap_check_char,
)

VALID_ID = "11010519491231002X"  # GB 11643 check character X
WRONG_CHECK_ID = "110105194912310021"  # same number, wrong check character
BAD_PHONE = "12345678901"  # 11 digits, but no mainland mobile starts 12


def community(**changes: Any) -> dict[str, Any]:
    base = {"id": "c1", "name": "幸福社区", "town": "平地泉镇", "kind": "ordinary"}
    return {**base, "households": 10, "residents": 30, **changes}


def resident(**changes: Any) -> dict[str, Any]:
    base = {"id": "r1", "community_id": "c1", "household_id": "h1", "name": "王芳"}
    return {**base, **changes}


def case(case_id: str, *parties: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": case_id,
        "community_id": "c1",
        "category": "neighbour",
        "parties": list(parties) or [{"name": "甲"}, {"name": "乙"}],
        "received_on": "2025-10-08",
        "status": "received",
    }


def visit(**changes: Any) -> dict[str, Any]:
    base = {"id": "v1", "resident_id": "r1", "visitor_id": "s1", "visited_on": "2025-10-09"}
    return {**base, "outcome": "met", **changes}


def problems(data: Any, cls: type) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        structure(data, cls)
    err = info.value
    assert type(err) is ValidationError
    assert err.subject == cls.__name__
    paths = [p.path for p in err.problems]
    assert len(paths) == len(set(paths)), "each problem is reported once"
    return {p.path: p.message for p in err.problems}


small_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


RECORD_CLASSES = [*ENTITIES, *VALUES, Dataset]


def _attempt(fn: Any, *args: Any) -> tuple[Any, ValidationError | None]:
    """The result of ``fn(*args)``, or the ValidationError it raised (any other escapes)."""
    try:
        return fn(*args), None
    except ValidationError as e:
        return None, e


def _leaf_paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _leaf_paths(v, (*path, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _leaf_paths(v, (*path, i))]
    return [path]


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replace(data[head], rest, value)}
    return [_replace(v, rest, value) if i == head else v for i, v in enumerate(data)]


def _path_text(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _all_text(err: ValidationError) -> str:
    return "\n".join([str(err), repr(err), *traceback.format_exception(err), repr(err.problems)])


def _wrong_check_character(number: IdNumber) -> str:
    text = number.reveal()
    return text[:17] + next(c for c in "0123456789X" if c != text[17])


CLASSES: list[type[Any]] = sorted({*ENTITIES, *VALUES, Dataset}, key=lambda c: c.__name__)


def _mutate(draw: st.DrawFn, data: Any) -> Any:
    """``data`` with one value somewhere replaced, removed or added."""
    if isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data)))
        action = draw(st.sampled_from(["replace", "remove", "add", "descend"]))
        out = dict(data)
        if action == "replace":
            out[key] = draw(json_values)
        elif action == "remove":
            del out[key]
        elif action == "add":
            out[draw(st.text(max_size=10))] = draw(json_values)
        else:
            out[key] = _mutate(draw, data[key])
        return out
    if isinstance(data, list) and data:
        i = draw(st.integers(0, len(data) - 1))
        return [*data[:i], _mutate(draw, data[i]), *data[i + 1 :]]
    return draw(json_values)


@st.composite
def nearly_valid(draw: st.DrawFn) -> tuple[type[Any], Any]:
    """A real record's JSON with one thing wrong (or, sometimes, still right)."""
    kind = draw(st.sampled_from(["resident", "case", "request", "dataset"]))
    strategy: st.SearchStrategy[Any] = {
        "resident": sst.residents(hostile=True),
        "case": sst.dispute_cases(hostile=True),
        "request": sst.service_requests(hostile=True),
        "dataset": sst.datasets(hostile=True, max_residents=3, max_visits=3),
    }[kind]
    record = draw(strategy)
    return type(record), _mutate(draw, unstructure(record))


def broken_inputs(ds: Dataset) -> Iterator[tuple[str, Any, set[str]]]:
    """Records with personal numbers wherever they can go wrong: (label, data, secrets)."""
    people = [r for r in ds.residents if r.id_number is not None and r.phone is not None]
    base = unstructure(ds)
    for i, person in enumerate(people[:5]):
        idn, phone = person.id_number.reveal(), person.phone.reveal()  # type: ignore[union-attr]
        bad_id = swap_check_char(idn)
        secret = spellings(idn) | spellings(phone) | spellings(bad_id)
        record = unstructure(person)
        variants: dict[str, dict[str, Any]] = {
            "wrong check character": {"id_number": bad_id},
            "identity number as phone": {"phone": idn},
            "phone as identity number": {"id_number": phone},
            "identity number as a date": {"birth_date": idn},
            "identity number as sex": {"sex": idn},
            "identity number in a list": {"attentions": [idn]},
            "unknown key that is an identity number": {idn: phone},
            "phone number with letters": {"phone": phone + "x"},
            "id number as a number": {"id_number": int(idn[:17])},
        }
        for label, change in variants.items():
            yield f"{label} #{i}", {**record, **change}, secret
        whole = copy.deepcopy(base)
        whole["residents"][0] = {**whole["residents"][0], "id_number": bad_id, "phone": idn}
        whole[idn] = []
        yield f"dataset #{i}", whole, secret


class TestPaths:
    """Each problem is reported once, at its full path, with every other problem."""

    def test_three_problems_in_nested_places_are_all_reported_with_their_paths(self) -> None:
        data = {
            "communities": [community(), community(id="c2", kind="village")],
            "households": [{"id": "h1", "community_id": "c1", "address": "1号楼"}],
            "residents": [resident(id_number=WRONG_CHECK_ID)],
            "dispute_cases": [
                case("d0"),
                case("d1"),
                case("d2"),
                case("d3", {"name": "甲", "phone": BAD_PHONE}, {"name": "乙"}),
            ],
        }
        found = problems(data, Dataset)
        assert set(found) == {
            "communities[1].kind",
            "residents[0].id_number",
            "dispute_cases[3].parties[0].phone",
        }
        assert found["residents[0].id_number"] == "has a wrong check character (GB 11643)"
        assert "ordinary" in found["communities[1].kind"]

    def test_unknown_key(self) -> None:
        assert problems(community(nickname="x"), Community) == {
            "nickname": "is not a field of Community"
        }

    def test_unknown_keys_deep_inside_are_named_by_path(self) -> None:
        data = case("d1", {"name": "甲", "age": 3}, {"name": "乙"})
        assert set(problems(data, DisputeCase)) == {"parties[0].age"}

    def test_missing_required_field(self) -> None:
        data = community()
        del data["town"]
        del data["kind"]
        assert problems(data, Community) == {"town": "is required", "kind": "is required"}

    def test_a_dataset_with_a_broken_reference_names_the_path(self) -> None:
        data = {
            "communities": [community()],
            "households": [{"id": "h1", "community_id": "c1", "address": "1号楼"}],
            "residents": [resident()],
            "staff": [
                {
                    "id": "s1",
                    "community_id": "c1",
                    "name": "李明",
                    "role": "grid_worker",
                    "employment": "contracted",
                }
            ],
            "visits": [visit(resident_id="r404")],
        }
        found = problems(data, Dataset)
        assert list(found) == ["visits[0].resident_id"]
        assert "r404" in found["visits[0].resident_id"]
        data["visits"] = [visit()]
        assert len(structure(data, Dataset).visits) == 1

    def test_a_records_own_rules_keep_their_path_inside_a_dataset(self) -> None:
        meeting = {
            "id": "m1",
            "community_id": "c1",
            "kind": "hearing",
            "held_on": "2025-10-09",
            "entitled": 5,
            "present": 7,
            "topic": "加装电梯",
        }
        born = "1949-12-30"  # the identity number says 1949-12-31
        data = {
            "communities": [community()],
            "residents": [resident(id_number=VALID_ID, birth_date=born)],
            "meetings": [meeting],
        }
        assert set(problems(data, Dataset)) == {"residents[0].birth_date", "meetings[0].present"}

    def test_value_problems_are_listed_with_type_problems_of_the_same_record(self) -> None:
        # An unreadable field stops the record's constructor, which runs the value checks;
        # the converter still runs them on the fields it could read, so one error says it all.
        data = {
            "communities": [
                {"id": "", "name": "x", "town": "y", "kind": "village",
                 "households": -1, "residents": 10},
            ]
        }  # fmt: skip
        with pytest.raises(ValidationError) as info:
            structure(data, Dataset)
        assert [p.path for p in info.value.problems] == [
            "communities[0].id",
            "communities[0].kind",
            "communities[0].households",
        ]

    def test_a_bad_item_of_a_list_is_reported_at_its_index(self) -> None:
        # Found by the fuzz property above: a blank mediator id was reported at the list,
        # "item 0 must not ...", not at the item itself.
        import datetime as dt

        from shequ_core.entities import DisputeCase, DisputeCategory, DisputeStatus, Party

        good = DisputeCase(
            id="k1",
            community_id="c1",
            category=DisputeCategory.NEIGHBOUR,
            parties=(Party(name="甲"), Party(name="乙")),
            received_on=dt.date(2017, 5, 1),
            status=DisputeStatus.RECEIVED,
            mediator_ids=("m1",),
        )
        data = unstructure(good)
        data["mediator_ids"] = ["m1", "", " m3"]
        with pytest.raises(ValidationError) as info:
            structure(data, DisputeCase)
        assert [(p.path, p.message) for p in info.value.problems] == [
            ("mediator_ids[1]", "must not be empty"),
            ("mediator_ids[2]", "must not begin or end with white space"),
        ]
        with pytest.raises(ValidationError) as info:
            attrs.evolve(good, mediator_ids=("m1", "   "))
        assert [p.path for p in info.value.problems] == ["mediator_ids[1]"]

    @given(data=st.data(), cls=st.sampled_from([Resident, DisputeCase, ServiceItem, Community]))
    def test_a_damaged_leaf_is_reported_at_its_path(self, data: st.DataObject, cls: type) -> None:
        strategy = {
            Resident: sst.residents(hostile=True),
            DisputeCase: sst.dispute_cases(hostile=True),
            ServiceItem: sst.service_items(hostile=True),
            Community: sst.communities(hostile=True),
        }[cls]
        plain = unstructure(data.draw(strategy))
        path = data.draw(st.sampled_from(_leaf_paths(plain)))
        junk = data.draw(st.sampled_from([{"x": 1}, [1, 2], 1.5, "   "]))
        _, err = _attempt(structure, _replace(plain, path, junk), cls)
        if err is not None:
            # Only this leaf changed, so every problem is at it or inside what replaced it.
            where = _path_text(path)
            assert err.problems
            for p in err.problems:
                assert p.path == where or p.path.startswith((f"{where}.", f"{where}[")), (where, p)


class TestValues:
    """Each kind of value refuses what is not one."""

    def test_unknown_enum_value(self) -> None:
        found = problems(community(kind="village"), Community)
        assert list(found) == ["kind"]
        assert found["kind"] == "must be one of showcase, old_town, central_town, ordinary"

    @pytest.mark.parametrize(
        "text",
        ['{"id": "c1",', "", "{'id': 'c1'}", "[1, 2,]", '{"households": NaN}', b"\xff\xfe{"],
        ids=["truncated", "empty", "single-quotes", "trailing-comma", "nan", "not-utf8"],
    )
    def test_malformed_json(self, text: str | bytes) -> None:
        with pytest.raises(ValidationError) as info:
            from_json(text, Community)
        (problem,) = info.value.problems
        assert problem.path == ""
        assert problem.message.startswith("is not valid JSON")
        # The decoder's own exception is not chained on: its text could quote the input.
        assert "JSONDecodeError" not in "".join(traceback.format_exception(info.value))

    def test_json_of_the_wrong_shape(self) -> None:
        with pytest.raises(ValidationError) as info:
            from_json("[]", Community)
        assert info.value.problems == (
            Problem((), "must be an object (Community), got an array", "wrong_type"),
        )

    @pytest.mark.parametrize(
        ("cls", "data", "path"),
        [
            (Meeting, "decisions", "decisions"),
            (DisputeCase, "parties", "parties"),
            (Dataset, "communities", "communities"),
            (Community, "facilities", "facilities"),
        ],
    )
    def test_wrong_container_type(self, cls: type, data: str, path: str) -> None:
        valid = {
            Meeting: {
                "id": "m1",
                "community_id": "c1",
                "kind": "hearing",
                "held_on": "2025-10-09",
                "entitled": 9,
                "present": 7,
                "topic": "加装电梯",
            },
            DisputeCase: case("d1"),
            Dataset: {},
            Community: community(),
        }[cls]
        for wrong in ("a string", {"an": "object"}, 5):
            found = problems({**valid, data: wrong}, cls)
            assert list(found) == [path]
            assert found[path].startswith("must be an array")

    @pytest.mark.parametrize(
        "day", ["2025-02-30", "2025-13-01", "2025-10-1", "20251001", "2025-W40-3"]
    )
    def test_a_date_that_is_not_a_calendar_date_is_refused(self, day: str) -> None:
        assert list(problems(visit(visited_on=day), Visit)) == ["visited_on"]

    def test_2024_02_29_is_a_date_and_2025_02_29_is_not(self) -> None:
        assert structure(visit(visited_on="2024-02-29"), Visit).visited_on.day == 29
        assert problems(visit(visited_on="2025-02-29"), Visit) == {
            "visited_on": "is not a calendar date"
        }

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (1.5, "must be a whole number, got a number that is not whole"),
            (True, "must be a whole number, got a boolean"),
            ("10", "must be a whole number, got a string"),
            (None, "must be a whole number, got null"),
            (-1, "must be 0 or more, got -1"),  # the class's own check
        ],
    )
    def test_count_refuses(self, value: object, message: str) -> None:
        assert problems(community(households=value), Community) == {"households": message}

    def test_other_scalars_refuse_their_neighbours(self) -> None:
        assert set(problems(community(name=123), Community)) == {"name"}
        hours = {
            "id": "v",
            "community_id": "c",
            "name": "n",
            "registered_on": "2025-01-01",
            "service_hours": True,
            "is_party_member": 1,
        }
        assert set(problems(hours, Volunteer)) == {"service_hours", "is_party_member"}
        item = {"id": "s", "name": "n", "time_limit": {"amount": 0, "unit": "working_days"}}
        assert problems({**item, "fee": 0.1}, ServiceItem) == {
            "fee": "must be a decimal string, got a number",
            "time_limit.amount": "must be more than 0, got 0",
        }
        assert set(problems({**item, "fee": "1,000"}, ServiceItem)) >= {"fee"}

    def test_party_structure_refuses_a_number_that_is_not_a_string(self) -> None:
        assert problems({"name": "甲", "id_number": 110105194912310021}, Party) == {
            "id_number": "must be an identity number string, got an integer"
        }


class TestAnyInput:
    """Whatever comes in, a record or a ValidationError, and nothing else."""

    @given(cls=st.sampled_from(RECORD_CLASSES), data=small_json_values)
    def test_any_json_value_gives_a_record_or_a_validation_error(
        self, cls: type, data: Any
    ) -> None:
        x, err = _attempt(structure, data, cls)
        if err is None:
            assert type(x) is cls
        else:
            assert err.problems

    @given(text=st.text(max_size=30) | st.binary(max_size=30), cls=st.sampled_from(RECORD_CLASSES))
    def test_any_text_gives_a_record_or_a_validation_error(
        self, text: str | bytes, cls: type
    ) -> None:
        x, err = _attempt(from_json, text, cls)
        if err is None:
            assert type(x) is cls
        else:
            assert err.problems

    @pytest.mark.fuzz
    @fuzz(60)
    @given(cls=st.sampled_from(CLASSES), data=json_values)
    def test_structure_takes_any_json_value(
        self, fuzz_cases: Counter, cls: type[Any], data: Any
    ) -> None:
        fuzz_cases["structure(any JSON value)"] += 1
        with contextlib.suppress(ValidationError):
            assert isinstance(structure(data, cls), cls)

    @pytest.mark.fuzz
    @fuzz(60)
    @given(cls=st.sampled_from(CLASSES), text=st.binary() | st.text().map(str.encode))
    def test_from_json_takes_any_bytes(
        self, fuzz_cases: Counter, cls: type[Any], text: bytes
    ) -> None:
        fuzz_cases["from_json(any bytes)"] += 1
        with contextlib.suppress(ValidationError):
            assert isinstance(from_json(text, cls), cls)

    @pytest.mark.fuzz
    @fuzz(60)
    @given(case=nearly_valid())
    def test_structure_takes_a_nearly_valid_record(
        self, fuzz_cases: Counter, case: tuple[type[Any], Any]
    ) -> None:
        fuzz_cases["structure(a record with one thing wrong)"] += 1
        cls, data = case
        try:
            value = structure(data, cls)
        except ValidationError as e:
            refused: ValidationError | None = e
        else:
            refused = None
            assert structure(unstructure(value), cls) == value
        if refused is not None:
            assert refused.problems
            assert all(isinstance(p.path, str) and p.message for p in refused.problems)


class TestPersonalNumbers:
    """No error shows a personal number, however it got in."""

    @given(
        number=sst.id_numbers(hostile=True),
        phone=st.from_regex(r"1[0-2][0-9]{9}", fullmatch=True),
        where=st.sampled_from(["resident", "party"]),
    )
    def test_invalid_personal_numbers_do_not_appear_in_errors(
        self, number: IdNumber, phone: str, where: str
    ) -> None:
        bad_id = _wrong_check_character(number)
        if where == "resident":
            data: dict[str, Any] = {"residents": [resident(id_number=bad_id, phone=phone)]}
            paths = {"residents[0].id_number", "residents[0].phone"}
        else:
            parties = [{"name": "甲", "id_number": bad_id, "phone": phone}, {"name": "乙"}]
            data = {"dispute_cases": [case("d1", *parties)]}
            paths = {"dispute_cases[0].parties[0].id_number", "dispute_cases[0].parties[0].phone"}
        with pytest.raises(ValidationError) as info:
            from_json(json.dumps(data), Dataset)
        assert {p.path for p in info.value.problems} == paths
        text = _all_text(info.value)
        assert bad_id not in text
        assert phone not in text

    @given(number=sst.id_numbers(hostile=True))
    def test_personal_numbers_in_the_wrong_type_of_field_do_not_appear(
        self, number: IdNumber
    ) -> None:
        full = number.reveal()
        # An identity number typed into a date or an enum: refused without being echoed.
        with pytest.raises(ValidationError) as info:
            structure(resident(birth_date=full, sex=full, registration=full), Resident)
        assert full not in _all_text(info.value)

    def test_errors_never_echo_personal_numbers(self, tmp_path: Path) -> None:
        ds = load_chayouqianqi()
        n = 0
        with library_log() as log:
            for label, data, secret in broken_inputs(ds):
                cls: type[Any] = Dataset if "residents" in data else Resident
                with pytest.raises(ValidationError) as info:
                    structure(data, cls)
                assert hits(error_text(info.value), secret) == [], label
                with pytest.raises(ValidationError) as info:
                    from_json(json.dumps(data, ensure_ascii=False), cls)
                assert hits(error_text(info.value), secret) == [], label
                n += 1
        assert n == 50
        assert hits("\n".join(log.lines), needles(ds)) == []

    def test_a_reference_to_an_identity_number_is_not_echoed(self) -> None:
        ds = load_chayouqianqi()
        idn = ds.residents[0].id_number.reveal()  # type: ignore[union-attr]
        data = unstructure(ds)
        data["visits"][0]["resident_id"] = idn
        with pytest.raises(ValidationError) as info:
            structure(data, Dataset)
        assert hits(error_text(info.value), spellings(idn)) == []
        assert "visits[0].resident_id" in str(info.value)
