"""The value records of ``shequ_core.entities._values``: an attention's dates, a time
limit, a request event's extension days, a basis's dates of force.
"""

from __future__ import annotations

import datetime as dt

import pytest

from shequ_core import (
    Attention,
    AttentionKind,
    Basis,
    BasisKind,
    RequestEvent,
    RequestEventKind,
    TimeLimit,
    TimeUnit,
    ValidationError,
)
from shequ_core.serialization import json_schema, structure, unstructure

D = dt.date


def problems_of(info: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {p.path: p.message for p in info.value.problems}


def test_attention_until_before_since() -> None:
    with pytest.raises(ValidationError) as info:
        Attention(kind=AttentionKind.PETITIONER, since=D(2025, 5, 2), until=D(2025, 5, 1))
    assert list(problems_of(info)) == ["until"]
    same_day = Attention(kind=AttentionKind.PETITIONER, since=D(2025, 5, 1), until=D(2025, 5, 1))
    assert same_day.active_on(D(2025, 5, 1))
    assert not same_day.active_on(D(2025, 5, 2))


def test_time_limit_must_be_positive() -> None:
    for amount in (0, -5):
        with pytest.raises(ValidationError) as info:
            TimeLimit(amount=amount, unit=TimeUnit.WORKING_DAYS)
        assert list(problems_of(info)) == ["amount"]


def test_extension_needs_days_and_only_extensions_have_them() -> None:
    with pytest.raises(ValidationError) as info:
        RequestEvent(on=D(2025, 1, 2), kind=RequestEventKind.EXTENDED)
    assert list(problems_of(info)) == ["days"]
    with pytest.raises(ValidationError):
        RequestEvent(on=D(2025, 1, 2), kind=RequestEventKind.EXTENDED, days=0)
    with pytest.raises(ValidationError):
        RequestEvent(on=D(2025, 1, 2), kind=RequestEventKind.SUSPENDED, days=3)


def test_basis_dates_in_order() -> None:
    law = Basis(title="城市居民委员会组织法", article="第8条", effective_from=D(2026, 1, 1))
    assert law.in_force(D(2026, 1, 1)) and not law.in_force(D(2025, 12, 31))
    assert str(law) == "城市居民委员会组织法 第8条"
    with pytest.raises(ValidationError):
        Basis(title="x", effective_from=D(2026, 1, 1), effective_to=D(2025, 1, 1))


class TestBasisKind:
    """A basis says the force of its text; data written before ``kind`` existed still
    loads, as local practice (the weakest claim: never taken for law)."""

    def test_the_kinds_and_their_labels(self) -> None:
        assert [(k.value, k.label_zh) for k in BasisKind] == [
            ("statute", "法律"),
            ("administrative_regulation", "行政法规"),
            ("local_regulation", "地方性法规"),
            ("departmental_rule", "部门规章"),
            ("party_regulation", "党内法规"),
            ("normative_document", "规范性文件"),
            ("plan_target", "规划目标"),
            ("local_practice", "地方做法"),
        ]
        assert [k for k in BasisKind if not k.binding] == [
            BasisKind.PLAN_TARGET,
            BasisKind.LOCAL_PRACTICE,
        ]

    def test_old_data_without_a_kind_loads_as_local_practice(self) -> None:
        old = structure({"title": "某区文件", "article": "第三条"}, Basis)
        assert old.kind is BasisKind.LOCAL_PRACTICE
        law = structure({"title": "人民调解法", "kind": "statute"}, Basis)
        assert law.kind is BasisKind.STATUTE
        assert unstructure(law)["kind"] == "statute"
        assert structure(unstructure(law), Basis) == law
        assert json_schema(Basis)["properties"]["kind"]["default"] == "local_practice"

    def test_an_unknown_kind_is_refused(self) -> None:
        with pytest.raises(ValidationError) as info:
            structure({"title": "x", "kind": "law"}, Basis)
        assert "kind" in {p.path for p in info.value.problems}
        with pytest.raises(ValidationError):
            Basis(title="x", kind="statute")  # type: ignore[arg-type]
