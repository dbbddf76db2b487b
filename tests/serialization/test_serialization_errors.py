"""Bad input: every problem is reported once, with its full path, as one ValidationError,
and no message shows a personal number."""

from __future__ import annotations

import json
import traceback
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
    PhoneNumber,
    Problem,
    Resident,
    ServiceItem,
    ValidationError,
    Visit,
    Volunteer,
)
from shequ_core import strategies as sst
from shequ_core.serialization import from_json, structure, to_json, unstructure

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


def test_three_problems_in_nested_places_are_all_reported_with_their_paths() -> None:
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


def test_unknown_key() -> None:
    assert problems(community(nickname="x"), Community) == {
        "nickname": "is not a field of Community"
    }


def test_unknown_keys_deep_inside_are_named_by_path() -> None:
    data = case("d1", {"name": "甲", "age": 3}, {"name": "乙"})
    assert set(problems(data, DisputeCase)) == {"parties[0].age"}


def test_unknown_enum_value() -> None:
    found = problems(community(kind="village"), Community)
    assert list(found) == ["kind"]
    assert found["kind"] == "must be one of showcase, old_town, central_town, ordinary"


@pytest.mark.parametrize(
    "text",
    ['{"id": "c1",', "", "{'id': 'c1'}", "[1, 2,]", '{"households": NaN}', b"\xff\xfe{"],
    ids=["truncated", "empty", "single-quotes", "trailing-comma", "nan", "not-utf8"],
)
def test_malformed_json(text: str | bytes) -> None:
    with pytest.raises(ValidationError) as info:
        from_json(text, Community)
    (problem,) = info.value.problems
    assert problem.path == ""
    assert problem.message.startswith("is not valid JSON")
    # The decoder's own exception is not chained on: its text could quote the input.
    assert "JSONDecodeError" not in "".join(traceback.format_exception(info.value))


def test_json_of_the_wrong_shape() -> None:
    with pytest.raises(ValidationError) as info:
        from_json("[]", Community)
    assert info.value.problems == (
        Problem((), "must be an object (Community), got an array", "wrong_type"),
    )


def test_missing_required_field() -> None:
    data = community()
    del data["town"]
    del data["kind"]
    assert problems(data, Community) == {"town": "is required", "kind": "is required"}


@pytest.mark.parametrize(
    ("cls", "data", "path"),
    [
        (Meeting, "decisions", "decisions"),
        (DisputeCase, "parties", "parties"),
        (Dataset, "communities", "communities"),
        (Community, "facilities", "facilities"),
    ],
)
def test_wrong_container_type(cls: type, data: str, path: str) -> None:
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


@pytest.mark.parametrize("day", ["2025-02-30", "2025-13-01", "2025-10-1", "20251001", "2025-W40-3"])
def test_a_date_that_is_not_a_calendar_date_is_refused(day: str) -> None:
    assert list(problems(visit(visited_on=day), Visit)) == ["visited_on"]


def test_2024_02_29_is_a_date_and_2025_02_29_is_not() -> None:
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
def test_count_refuses(value: object, message: str) -> None:
    assert problems(community(households=value), Community) == {"households": message}


def test_other_scalars_refuse_their_neighbours() -> None:
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


def test_a_dataset_with_a_broken_reference_names_the_path() -> None:
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


def test_a_records_own_rules_keep_their_path_inside_a_dataset() -> None:
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


# -- no exception but ValidationError, whatever comes in --------------------------------

json_values = st.recursive(
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


@given(cls=st.sampled_from(RECORD_CLASSES), data=json_values)
def test_any_json_value_gives_a_record_or_a_validation_error(cls: type, data: Any) -> None:
    x, err = _attempt(structure, data, cls)
    if err is None:
        assert type(x) is cls
    else:
        assert err.problems


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


@given(data=st.data(), cls=st.sampled_from([Resident, DisputeCase, ServiceItem, Community]))
def test_a_damaged_leaf_is_reported_at_its_path(data: st.DataObject, cls: type) -> None:
    strategy = {
        Resident: sst.residents(),
        DisputeCase: sst.dispute_cases(),
        ServiceItem: sst.service_items(),
        Community: sst.communities(),
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


@given(text=st.text(max_size=30) | st.binary(max_size=30), cls=st.sampled_from(RECORD_CLASSES))
def test_any_text_gives_a_record_or_a_validation_error(text: str | bytes, cls: type) -> None:
    x, err = _attempt(from_json, text, cls)
    if err is None:
        assert type(x) is cls
    else:
        assert err.problems


# -- personal data never shows ---------------------------------------------------------


def _all_text(err: ValidationError) -> str:
    return "\n".join([str(err), repr(err), *traceback.format_exception(err), repr(err.problems)])


def _wrong_check_character(number: IdNumber) -> str:
    text = number.reveal()
    return text[:17] + next(c for c in "0123456789X" if c != text[17])


@given(
    number=sst.id_numbers(),
    phone=st.from_regex(r"1[0-2][0-9]{9}", fullmatch=True),
    where=st.sampled_from(["resident", "party"]),
)
def test_invalid_personal_numbers_do_not_appear_in_errors(
    number: IdNumber, phone: str, where: str
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


@given(number=sst.id_numbers())
def test_personal_numbers_in_the_wrong_type_of_field_do_not_appear(number: IdNumber) -> None:
    full = number.reveal()
    # An identity number typed into a date or an enum: refused without being echoed.
    with pytest.raises(ValidationError) as info:
        structure(resident(birth_date=full, sex=full, registration=full), Resident)
    assert full not in _all_text(info.value)


@given(x=sst.datasets() | sst.residents() | sst.staff_members() | sst.parties())
def test_redacted_json_holds_no_full_personal_number(x: Any) -> None:
    text = to_json(x, redact=True)
    numbers = [v.reveal() for v in _personal_numbers(x)]
    for full in numbers:
        assert full not in text
    if numbers:
        assert to_json(x) != text


def _personal_numbers(obj: Any) -> list[IdNumber | PhoneNumber]:
    if isinstance(obj, (IdNumber, PhoneNumber)):
        return [obj]
    if attrs.has(type(obj)):
        return [n for a in attrs.fields(type(obj)) for n in _personal_numbers(getattr(obj, a.name))]
    if isinstance(obj, (tuple, frozenset)):
        return [n for v in obj for n in _personal_numbers(v)]
    return []


def test_party_structure_refuses_a_number_that_is_not_a_string() -> None:
    assert problems({"name": "甲", "id_number": 110105194912310021}, Party) == {
        "id_number": "must be an identity number string, got an integer"
    }


def test_value_problems_are_listed_with_type_problems_of_the_same_record() -> None:
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


def test_a_bad_item_of_a_list_is_reported_at_its_index() -> None:
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
