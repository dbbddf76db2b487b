"""Bad arguments are refused with InvalidArgument, as Hypothesis' own strategies do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import shequ_core.strategies as S
from shequ_core import DisputeStatus

# Some calls pass the wrong type on purpose: users without a type checker will.
BAD: list[tuple[str, Callable[[], Any]]] = [
    ("min above max", lambda: S.residents(min_attentions=3, max_attentions=1)),
    ("negative size", lambda: S.residents(max_attentions=-1)),
    ("bool as size", lambda: S.datasets(max_residents=True)),
    ("float as size", lambda: S.datasets(max_visits=2.0)),  # type: ignore[arg-type]
    ("dataset min above max", lambda: S.datasets(min_residents=5, max_residents=2)),
    ("dataset negative", lambda: S.datasets(min_communities=-1)),
    ("need blocked by max", lambda: S.datasets(min_residents=1, max_households=0)),
    ("no visitor possible", lambda: S.datasets(min_visits=1, max_staff=0, max_volunteers=0)),
    ("one-sided dispute", lambda: S.dispute_cases(min_parties=1)),
    ("value for strategy", lambda: S.dispute_cases(statuses=DisputeStatus.CLOSED)),  # type: ignore[arg-type]
    ("string for strategy", lambda: S.residents(community_id="C1")),  # type: ignore[arg-type]
    ("date for strategy", lambda: S.service_requests(received_on=dt.date(2025, 1, 1))),  # type: ignore[arg-type]
    ("prefix with space", lambda: S.entity_ids(prefix=" R")),
    ("prefix not str", lambda: S.entity_ids(prefix=7)),  # type: ignore[arg-type]
    ("no phone kind", lambda: S.phone_numbers(mobile=False, landline=False)),
    ("phone kind not bool", lambda: S.phone_number_texts(mobile=1)),  # type: ignore[arg-type]
    ("zero time limit", lambda: S.time_limits(max_amount=0)),
    ("negative pauses", lambda: S.service_requests(max_pauses=-1)),
    ("zero extension days", lambda: S.request_events(max_extension_days=0)),
    ("negative mediators", lambda: S.dispute_cases(max_mediators=-2)),
    ("partner sizes", lambda: S.partner_units(max_communities=-1)),
]


@pytest.mark.parametrize("call", [c for _, c in BAD], ids=[n for n, _ in BAD])
def test_bad_arguments_are_refused(call: Callable[[], Any]) -> None:
    with pytest.raises(InvalidArgument):
        call()


def test_birth_dates_an_identity_number_cannot_hold_are_refused() -> None:
    @given(S.id_numbers(birth_dates=st.just(dt.date(1899, 12, 31))))
    def draw(_: object) -> None:
        raise AssertionError("unreachable: the strategy must refuse the date")

    with pytest.raises(InvalidArgument):
        draw()


def test_good_edge_arguments_are_accepted() -> None:
    # The boundaries themselves are valid: empty sizes and equal bounds.
    S.datasets(min_residents=0, max_residents=0)
    S.datasets(min_visits=1, max_staff=0)
    S.residents(min_attentions=2, max_attentions=2)
    S.dispute_cases(min_parties=2, max_parties=2, max_mediators=0)
    S.service_requests(max_pauses=0, max_extension_days=0)
