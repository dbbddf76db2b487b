"""The strategies for value records (``_values``): time limits, attentions, request
events.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import shequ_core.strategies as S
from shequ_core import (
    Attention,
    RequestEvent,
    RequestEventKind,
    TimeLimit,
)
from shequ_core.validation import MAX_DAYS


def test_time_limits_respect_max_amount() -> None:
    @given(S.time_limits(max_amount=5))
    def check(t: TimeLimit) -> None:
        assert 1 <= t.amount <= 5

    check()


@given(S.attentions())
def test_attentions_end_after_they_begin(a: Attention) -> None:
    assert a.until is None or a.until >= a.since


@given(S.request_events(kinds=st.just(RequestEventKind.EXTENDED), max_extension_days=7))
def test_extension_events_carry_days_and_approver(e: RequestEvent) -> None:
    assert e.days is not None and 1 <= e.days <= 7 and e.approved_by


def test_bounds_beyond_what_a_record_holds_are_refused() -> None:
    """A strategy asked for time limits or extensions past ten years would only draw
    records their constructors refuse: the argument is refused instead."""
    for make in (
        lambda: S.time_limits(max_amount=MAX_DAYS + 1),
        lambda: S.request_events(max_extension_days=MAX_DAYS + 1),
    ):
        with pytest.raises(InvalidArgument, match="3661 is more than a time limit"):
            make()
    S.time_limits(max_amount=MAX_DAYS)  # the bound itself is a fine argument
