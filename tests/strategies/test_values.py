"""The strategies for value records (``_values``): time limits, attentions, request
events.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import shequ_core.strategies as S
from shequ_core import (
    Attention,
    RequestEvent,
    RequestEventKind,
    TimeLimit,
)


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
