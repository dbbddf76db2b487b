"""``shequ_core.validation``: the record toolkit every entity is built with, seen
through the records: converters (empty text to None, any iterable to a tuple or a
frozenset, money to Decimal) and checks that report every problem at once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from shequ_core import (
    Attention,
    AttentionKind,
    Dataset,
    FacilityKind,
    Household,
    RequestEvent,
    RequestEventKind,
    Resident,
    ServiceItem,
    TimeLimit,
    TimeUnit,
    ValidationError,
    Volunteer,
)
from shequ_core.io import load_dataset, save_dataset
from shequ_core.serialization import from_json
from shequ_core.validation import (
    BEIJING,
    MAX_COUNT,
    MAX_DAYS,
    MEASURE_LIMIT,
    MONEY_LIMIT,
    local_date,
    local_moment,
)
from tests.builders import showcase_community

D = dt.date


def problems_of(info: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {p.path: p.message for p in info.value.problems}


def test_optional_text_stores_empty_as_none() -> None:
    assert Household(id="h", community_id="c", grid_id="", address="1号楼").grid_id is None
    assert Attention(kind=AttentionKind.PETITIONER, since=D(2020, 1, 1), note="").note is None


def test_containers_are_taken_from_any_iterable() -> None:
    c = showcase_community(facilities=[FacilityKind.LIBRARY, FacilityKind.LIBRARY])
    assert c.facilities == frozenset({FacilityKind.LIBRARY})
    r = Resident(
        id="r", community_id="c", household_id="h", name="王五",
        attentions=[Attention(kind=AttentionKind.LONELY_ELDER, since=D(2020, 1, 1))],
    )  # fmt: skip
    assert isinstance(r.attentions, tuple)


def test_money_takes_ints_and_decimal_strings_but_not_floats() -> None:
    assert showcase_community(yearly_office_funds="20000.50").yearly_office_funds == Decimal(
        "20000.50"
    )
    assert showcase_community(yearly_office_funds=20000).yearly_office_funds == Decimal(20000)
    with pytest.raises(ValidationError) as info:
        showcase_community(yearly_office_funds=0.1)
    assert "yearly_office_funds" in problems_of(info)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        showcase_community(id="", households=-1, residents=-2)
    assert set(problems_of(info)) == {"id", "households", "residents"}
    assert "3 problems" in str(info.value)


class TestBounds:
    """Counts, money, areas, hours and time limits have upper bounds, checked when a
    record is built, so no file holds a number another part of the library cannot take
    (a fee of ``1E+1000000`` was written to CSV and JSON and broke every sum of fees; an
    area of ``1.7e308`` made a total area infinite; a time limit of 3,000,000 days made
    every deadline overflow the calendar)."""

    @pytest.mark.parametrize(
        ("field", "bad", "good"),
        [
            ("households", MAX_COUNT + 1, MAX_COUNT),
            ("residents", 10**400, MAX_COUNT),
            ("facility_area_m2", 1.7e308, 9_999_999.0),
            ("service_hall_area_m2", MEASURE_LIMIT, 0.0),
            ("yearly_office_funds", Decimal("1E+1000000"), Decimal("999999999999.99")),
            ("yearly_party_building_funds", Decimal(10**12), Decimal("0")),
        ],
    )
    def test_a_community_beyond_a_bound_is_refused(
        self, field: str, bad: object, good: object
    ) -> None:
        kw = {"households": 1, "residents": MAX_COUNT, field: good}
        assert getattr(showcase_community(**kw), field) == good
        with pytest.raises(ValidationError) as info:
            showcase_community(**{**kw, field: bad})
        assert [(p.loc, p.code) for p in info.value.problems] == [((field,), "out_of_range")]
        assert len(str(info.value)) < 200  # a 400-digit number is not printed

    def test_service_hours_and_fees_are_bounded(self) -> None:
        with pytest.raises(ValidationError):
            Volunteer(id="v", community_id="c", name="李", registered_on=D(2020, 1, 1),
                      service_hours=float(MEASURE_LIMIT))  # fmt: skip
        limit = TimeLimit(amount=1, unit=TimeUnit.NATURAL_DAYS)
        with pytest.raises(ValidationError) as info:
            ServiceItem(id="s", name="办证", time_limit=limit, fee=Decimal("1E+1000000"))
        assert info.value.problems[0].code == "out_of_range"

    def test_a_time_limit_or_an_extension_is_at_most_ten_years(self) -> None:
        assert TimeLimit(amount=MAX_DAYS, unit=TimeUnit.NATURAL_DAYS).amount == 3_660
        with pytest.raises(ValidationError) as info:
            TimeLimit(amount=3_000_000, unit=TimeUnit.NATURAL_DAYS)
        assert info.value.problems[0].code == "out_of_range"
        with pytest.raises(ValidationError):
            RequestEvent(on=D(2024, 1, 2), kind=RequestEventKind.EXTENDED, days=MAX_DAYS + 1,
                         approved_by="s1")  # fmt: skip

    @pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
    def test_the_largest_values_save_and_load_back(self, tmp_path: Path, fmt: str) -> None:
        top = showcase_community(
            households=MAX_COUNT, residents=MAX_COUNT,
            facility_area_m2=float(MEASURE_LIMIT) * (1 - 2**-52),
            yearly_office_funds=MONEY_LIMIT - Decimal("0.01"),
        )  # fmt: skip
        ds = Dataset(communities=(top,))
        path = tmp_path / ("top" if fmt == "csv" else f"top.{fmt}")
        save_dataset(ds, path, format=fmt)  # type: ignore[arg-type]
        assert load_dataset(path) == ds


def test_text_that_cannot_be_written_as_utf8_is_refused() -> None:
    """A lone surrogate (JSON's ``"\\ud800"`` reads as one) made a record no save could
    write: UTF-8 has no encoding for it, and the save failed half-way."""
    with pytest.raises(ValidationError) as info:
        Household(id="h", community_id="c", address="示例路\ud8001号")
    assert [(p.loc, p.code) for p in info.value.problems] == [(("address",), "malformed_text")]
    with pytest.raises(ValidationError) as info:
        from_json('{"kind": "lonely_elder", "since": "2020-01-01", "note": "\\ud800"}', Attention)
    assert [(p.loc, p.code) for p in info.value.problems] == [(("note",), "malformed_text")]


class TestLocalMoment:
    """validation.local_moment: the one reading of a date or timestamp as a Beijing moment
    that the entities (TimeLimit.due_at), the SLA rules and the hotline rules share."""

    SHANGHAI = dt.timezone(dt.timedelta(hours=8))

    def test_a_date_is_its_midnight_or_with_end_the_next(self) -> None:
        assert local_moment(dt.date(2026, 3, 2)) == dt.datetime(2026, 3, 2, tzinfo=BEIJING)
        assert local_moment(dt.date(2026, 3, 2), end=True) == dt.datetime(
            2026, 3, 3, tzinfo=self.SHANGHAI
        )

    def test_naive_is_beijing_and_aware_is_converted(self) -> None:
        naive = dt.datetime(2026, 3, 2, 23, 5)
        assert local_moment(naive) == naive.replace(tzinfo=self.SHANGHAI)
        utc = dt.datetime(1988, 6, 1, 15, 45, tzinfo=dt.timezone.utc)  # summer time: UTC+9
        assert local_moment(utc).replace(tzinfo=None) == dt.datetime(1988, 6, 2, 0, 45)
        assert local_moment(utc).date() == local_date(utc)
