"""The kinds of policy number (``_kinds``): a threshold reads 以上 and 超过 exactly, and
names the least part that meets it.
"""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given
from hypothesis import strategies as st

from shequ_core.policy import (
    Ratio,
    Threshold,
    national_policy,
)

FIRST_2025 = dt.date(2026, 1, 1)


def test_threshold_reads_yishang_and_chaoguo_exactly() -> None:
    basis = national_policy(FIRST_2025).convening_adults.basis
    at_least = Threshold(share=Ratio(numerator=2, denominator=3), inclusive=True, basis=basis)
    more_than = attrs.evolve(at_least, inclusive=False)
    assert at_least.met(2, 3) and not more_than.met(2, 3)
    assert at_least.met(20, 30) and not at_least.met(19, 30)
    assert not at_least.met(0, 0) and not more_than.met(0, 0)


@given(st.integers(0, 5), st.integers(1, 6), st.booleans(), st.integers(0, 500))
def test_minimum_part_is_the_least_that_meets(n: int, d: int, inclusive: bool, whole: int) -> None:
    basis = national_policy(FIRST_2025).convening_adults.basis
    t = Threshold(share=Ratio(numerator=n, denominator=d), inclusive=inclusive, basis=basis)
    need = t.minimum_part(whole)
    meeting = [k for k in range(whole + 1) if t.met(k, whole)]
    # the integer oracle: k/whole >= n/d  <=>  k*d >= n*whole (and > for 超过)
    oracle = [
        k
        for k in range(whole + 1)
        if whole and (k * d >= n * whole if inclusive else k * d > n * whole)
    ]
    assert meeting == oracle
    assert need == (meeting[0] if meeting else None)
    # met is monotone in the part: everything from the least that meets also meets
    if meeting:
        assert meeting == list(range(meeting[0], whole + 1))
