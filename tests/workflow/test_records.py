"""The records' own checks and the tables say one thing.

A record checks part of its history itself, on construction (``_invariants``): a
request's suspensions and resumptions alternate, a case's steps of a kind come after
its agreement and a confirmation after its application. Those are rules the tables hold
too, kept on the record so that a rule reading one record (the SLA clock, the
confirmation's last day) can rely on them; the tables, checked by the Dataset, hold the
whole process. The two must not drift apart: every short history the tables allow, a
record can hold. Every request history of up to three events is tried, and every case
history of up to two (three, of the likelier steps), the steps left unrecorded included.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import attrs

from shequ_core import ValidationError
from shequ_core.entities import (
    CaseEventKind,
    DisputeCase,
    DisputeStatus,
    RequestEventKind,
    RequestStatus,
    ServiceRequest,
)
from shequ_core.workflow import check_history, trace_history
from tests.workflow.test_history import case_values, request_values

K, R, D = RequestEventKind, RequestStatus, DisputeStatus
DAY = dt.date(2024, 3, 1)


def _unchecked(cls: type, **values: Any) -> Any:
    """A record holding ``values`` without its checks: what the table says of a history
    a record may refuse to hold."""
    record = object.__new__(cls)
    for a in attrs.fields(cls):
        default = a.default.factory() if isinstance(a.default, attrs.Factory) else a.default  # type: ignore[arg-type]
        object.__setattr__(record, a.name, values.get(a.name, default))
    return record


def test_every_request_history_the_table_allows_is_a_record() -> None:
    allowed = refused = 0
    for n in range(4):
        for kinds in itertools.product(K, repeat=n):
            # Where the history leads (its status reported when it is not there).
            trace = trace_history(_unchecked(ServiceRequest, **request_values(R.RECEIVED, *kinds)))
            if any(p.loc != ("status",) for p in trace.problems):
                refused += 1
                continue
            values = request_values(trace.state, *kinds)  # type: ignore[arg-type]
            assert check_history(_unchecked(ServiceRequest, **values)) == [], kinds
            try:
                ServiceRequest(**values)
            except ValidationError as e:
                raise AssertionError(f"the table allows {kinds}; the record says {e}") from None
            allowed += 1
    # Both verdicts are reached: the table forbids most of the 2380 histories.
    assert 100 < allowed < refused


Steps = tuple[tuple[CaseEventKind | None, DisputeStatus], ...]
#: A case's events: each plain change and each kind recording each status...
_STEPS: Steps = tuple((k, s) for k in (None, *CaseEventKind) for s in DisputeStatus)
#: ... and, for three events, the kinds recording the agreement only.
_LIKELY: Steps = tuple((k, s) for k, s in _STEPS if k is None or s is D.AGREEMENT_REACHED)


def _case_histories() -> itertools.chain[Steps]:
    """Every history of up to two events, and of three likely ones."""
    short = (itertools.product(_STEPS, repeat=n) for n in range(3))
    return itertools.chain(*short, itertools.product(_LIKELY, repeat=3))


def test_every_case_history_the_table_allows_is_a_record() -> None:
    allowed = refused_by_record = 0
    for steps in _case_histories():
        values = case_values(*steps)
        if check_history(_unchecked(DisputeCase, **values)):
            try:
                DisputeCase(**values)
            except ValidationError:
                refused_by_record += 1
            continue
        try:
            DisputeCase(**values)
        except ValidationError as e:
            raise AssertionError(f"the table allows {steps}; the record says {e}") from None
        allowed += 1
    # Both verdicts are reached, and the record refuses some of what the table forbids.
    assert allowed > 50 and refused_by_record > 100
