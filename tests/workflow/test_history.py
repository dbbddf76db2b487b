"""``check_history``, ``trace_history`` and ``allowed_next`` on histories written out:
each forbidden step of practice and law, with the allowed history beside it, and the
old data (no events, a completion with no event) that must still pass.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from shequ_core import ValidationError
from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import (
    CaseEvent,
    CaseEventKind,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Party,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    Satisfaction,
    ServiceRequest,
)
from shequ_core.errors import Problem
from shequ_core.io import LoadResult, load_dataset, save_dataset
from shequ_core.workflow import allowed_next, check_history, trace_history

K, R = RequestEventKind, RequestStatus
C, D = CaseEventKind, DisputeStatus
DAY = dt.date(2024, 3, 1)


def request(status: RequestStatus, *kinds: RequestEventKind, rid: str = "R1") -> ServiceRequest:
    """A request received on DAY whose events are ``kinds``, one a day."""
    return ServiceRequest(**request_values(status, *kinds, rid=rid))


def request_values(
    status: RequestStatus, *kinds: RequestEventKind, rid: str = "R1"
) -> dict[str, Any]:
    """The fields of :func:`request`."""
    events = [
        RequestEvent(
            on=DAY + dt.timedelta(days=i + 1),
            kind=k,
            days=5 if k is K.EXTENDED else None,
            unit="街道办" if k in (K.ASSIGNED, K.REASSIGNED) else None,
            satisfaction=Satisfaction.DISSATISFIED if k is K.REVISITED else None,
        )
        for i, k in enumerate(kinds)
    ]
    done = [e.on for e in events if e.kind is K.COMPLETED]
    completed_on = (done[-1] if done else DAY) if status is R.COMPLETED else None
    return {
        "id": rid,
        "item_id": "I1",
        "community_id": "C1",
        "received_on": DAY,
        "status": status,
        "events": tuple(events),
        "completed_on": completed_on,
    }


def case(*steps: DisputeStatus | tuple[CaseEventKind | None, DisputeStatus]) -> DisputeCase:
    """A case received on DAY whose events are ``steps`` (a status: a plain change; a
    pair: an event of that kind, recording that status), one a day."""
    return DisputeCase(**case_values(*steps))


def case_values(
    *steps: DisputeStatus | tuple[CaseEventKind | None, DisputeStatus],
) -> dict[str, Any]:
    """The fields of :func:`case`."""
    events = []
    for i, step in enumerate(steps):
        kind, status = step if isinstance(step, tuple) else (None, step)
        events.append(CaseEvent(on=DAY + dt.timedelta(days=i + 1), status=status, kind=kind))
    status = events[-1].status if events else D.RECEIVED
    return {
        "id": "D1",
        "community_id": "C1",
        "category": DisputeCategory.NEIGHBOUR,
        "parties": (Party(name="甲"), Party(name="乙")),
        "received_on": DAY,
        "status": status,
        "mediator_ids": (),
        "events": tuple(events),
        "closed_on": events[-1].on if status is D.CLOSED else None,
    }


def where(problems: list[Problem]) -> list[tuple[object, ...]]:
    return [p.loc for p in problems]


class TestForbiddenSteps:
    """Each step the tables forbid is found at its event, with the allowed history
    beside it passing."""

    @pytest.mark.parametrize(
        ("status", "kinds", "loc"),
        [
            # 退单 after 办结: a unit returns only an order it was sent and has not done
            (
                R.COMPLETED,
                (K.ASSIGNED, K.RESPONDED, K.COMPLETED, K.RETURNED),
                ("events", 3, "kind"),
            ),
            # 回访 before 办结
            (R.IN_PROGRESS, (K.ASSIGNED, K.RESPONDED, K.REVISITED), ("events", 2, "kind")),
            # 重办 without a 回访
            (R.COMPLETED, (K.STARTED, K.COMPLETED, K.REOPENED), ("events", 2, "kind")),
            # 改派 without a 退单
            (R.ASSIGNED, (K.ASSIGNED, K.REASSIGNED), ("events", 1, "kind")),
            # 撤销 after 办结
            (R.COMPLETED, (K.STARTED, K.COMPLETED, K.CANCELLED), ("events", 2, "kind")),
            # 督办 of an order already done
            (R.COMPLETED, (K.STARTED, K.COMPLETED, K.SUPERVISED), ("events", 2, "kind")),
            # 响应 to an order that was returned and not sent again
            (R.IN_PROGRESS, (K.ASSIGNED, K.RETURNED, K.RESPONDED), ("events", 2, "kind")),
        ],
    )
    def test_a_forbidden_request_step(
        self, status: RequestStatus, kinds: tuple[RequestEventKind, ...], loc: tuple[object, ...]
    ) -> None:
        problems = check_history(request(status, *kinds))
        assert where(problems) == [loc]
        assert problems[0].code == "forbidden_transition"

    @pytest.mark.parametrize(
        ("status", "kinds"),
        [
            (R.COMPLETED, (K.ASSIGNED, K.RETURNED, K.REASSIGNED, K.RESPONDED, K.COMPLETED)),
            (R.COMPLETED, (K.ASSIGNED, K.RESPONDED, K.COMPLETED, K.REVISITED)),
            (R.IN_PROGRESS, (K.ASSIGNED, K.SUPERVISED, K.RESPONDED, K.EXTENDED, K.SUPERVISED)),
            (R.CANCELLED, (K.ASSIGNED, K.RETURNED, K.CANCELLED)),
            (R.SUSPENDED, (K.STARTED, K.SUSPENDED, K.EXTENDED)),
        ],
    )
    def test_the_allowed_request_histories(
        self, status: RequestStatus, kinds: tuple[RequestEventKind, ...]
    ) -> None:
        assert check_history(request(status, *kinds)) == []

    def test_completed_twice_without_a_reopening(self) -> None:
        """Two completions (dated alike, as the record requires) with a return call
        between: the second is forbidden, found at its place in ``events``."""
        day = DAY + dt.timedelta(days=3)
        kinds = (K.COMPLETED, K.REVISITED, K.COMPLETED)
        r = ServiceRequest(
            id="R1",
            item_id="I1",
            community_id="C1",
            received_on=DAY,
            status=R.COMPLETED,
            events=[RequestEvent(on=DAY, kind=K.STARTED)]
            + [RequestEvent(on=day, kind=k, satisfaction=_grade(k)) for k in kinds],
            completed_on=day,
        )
        assert where(check_history(r)) == [("events", 3, "kind")]

    def test_one_application_allows_one_confirmation(self) -> None:
        """A row's ``after`` event allows one step of its kind: a second confirmation
        needs a second application, as a second reopening (重办) needs a second return
        call (回访)."""
        agreed = (D.MEDIATING, D.AGREEMENT_REACHED)
        applied = (C.CONFIRMATION_APPLIED, D.AGREEMENT_REACHED)
        confirmed = (C.CONFIRMED, D.AGREEMENT_REACHED)
        assert check_history(case(*agreed, applied, confirmed)) == []
        twice = case(*agreed, applied, confirmed, confirmed)
        assert where(check_history(twice)) == [("events", 4, "kind")]
        assert check_history(case(*agreed, applied, confirmed, applied, confirmed)) == []

    @pytest.mark.parametrize(
        ("steps", "loc"),
        [
            # 申请司法确认 after 结案: the case is closed last (人民调解法 第33条)
            (
                (D.MEDIATING, D.AGREEMENT_REACHED, D.CLOSED, (C.CONFIRMATION_APPLIED, D.CLOSED)),
                ("events", 3, "kind"),
            ),
            # mediation failing after its agreement
            ((D.MEDIATING, D.AGREEMENT_REACHED, D.FAILED), ("events", 2, "status")),
            # mediation again after 结案
            ((D.MEDIATING, D.FAILED, D.CLOSED, D.MEDIATING), ("events", 3, "status")),
            # an agreement after the case was withdrawn
            ((D.MEDIATING, D.WITHDRAWN, D.AGREEMENT_REACHED), ("events", 2, "status")),
            # a follow-up (回访, 第31条) recording a status the table does not give it
            ((D.MEDIATING, D.AGREEMENT_REACHED, (C.FOLLOWED_UP, D.CLOSED)), ("events", 2, "kind")),
        ],
    )
    def test_a_forbidden_case_step(
        self,
        steps: tuple[DisputeStatus | tuple[CaseEventKind, DisputeStatus], ...],
        loc: tuple[object, ...],
    ) -> None:
        problems = check_history(case(*steps))
        assert where(problems) == [loc]

    def test_the_allowed_case_history_of_article_33(self) -> None:
        """Agreement, application, confirmation, follow-up, closure."""
        steps = (
            D.RECEIVED,
            D.MEDIATING,
            D.AGREEMENT_REACHED,
            (C.CONFIRMATION_APPLIED, D.AGREEMENT_REACHED),
            (C.CONFIRMED, D.AGREEMENT_REACHED),
            (C.FOLLOWED_UP, D.AGREEMENT_REACHED),
            D.CLOSED,
        )
        assert check_history(case(*steps)) == []

    def test_every_forbidden_step_is_found_not_only_the_first(self) -> None:
        """After a forbidden step the walk goes on from where the event says the record
        went: the return after completion leaves it returned, so the later response is
        forbidden too (it needs a reassignment first)."""
        kinds = (K.STARTED, K.COMPLETED, K.RETURNED, K.RESPONDED, K.REVISITED)
        problems = check_history(request(R.COMPLETED, *kinds))
        assert where(problems) == [
            ("events", 2, "kind"),
            ("events", 3, "kind"),
            ("events", 4, "kind"),
        ]
        closed = (D.MEDIATING, D.AGREEMENT_REACHED, D.CLOSED)
        steps = (*closed, (C.FOLLOWED_UP, D.CLOSED), (C.CONFIRMATION_APPLIED, D.CLOSED))
        assert where(check_history(case(*steps))) == [("events", 3, "kind"), ("events", 4, "kind")]

    def test_the_messages_name_the_steps_in_both_languages(self) -> None:
        (p,) = check_history(request(R.IN_PROGRESS, K.STARTED, K.REVISITED))
        assert p.message == "the event revisited (回访) cannot follow in progress (办理中)"
        assert p.message_zh == "办理流程中“办理中”之后不能“回访”"
        (p,) = check_history(request(R.COMPLETED, K.STARTED, K.COMPLETED, K.REOPENED))
        assert p.message_zh == "“重办”之前须先“回访”（自上一次“重办”以来）"
        (p,) = check_history(case(D.MEDIATING, D.WITHDRAWN, D.AGREEMENT_REACHED))
        assert p.message_zh == "办理流程中状态不能从“撤回”改为“达成协议”"
        (p,) = check_history(request(R.RECEIVED, K.STARTED))
        assert p.loc == ("status",)
        assert p.message_zh == "办理记录止于“办理中”，与状态“已受理”不符"


class TestUnrecordedSteps:
    """Missing steps are not recorded, not forbidden: old data passes."""

    @pytest.mark.parametrize(
        ("status", "kinds"),
        [
            (R.RECEIVED, ()),
            (R.COMPLETED, ()),  # completed, with its completed_on and no event
            (R.COMPLETED, (K.COMPLETED,)),
            (R.IN_PROGRESS, ()),  # the start implied
            (R.SUSPENDED, (K.SUSPENDED,)),  # suspended with no recorded start
            (R.CANCELLED, ()),
            (R.IN_PROGRESS, (K.RESPONDED, K.EXTENDED)),  # dispatch implied
            (R.RETURNED, (K.RETURNED,)),  # dispatch implied
        ],
    )
    def test_old_request_histories_pass(
        self, status: RequestStatus, kinds: tuple[RequestEventKind, ...]
    ) -> None:
        assert check_history(request(status, *kinds)) == []

    def test_implied_steps_are_in_the_trace_without_an_index(self) -> None:
        trace = trace_history(request(R.COMPLETED, K.RETURNED, K.REASSIGNED, K.COMPLETED))
        assert [(s.event, s.index) for s in trace.steps] == [
            (K.ASSIGNED, None),
            (K.RETURNED, 0),
            (K.REASSIGNED, 1),
            (K.STARTED, None),
            (K.COMPLETED, 2),
        ]
        assert trace.state is R.COMPLETED and not trace.was(K.REOPENED)
        assert trace.states() == (
            R.RECEIVED,
            R.ASSIGNED,
            R.RETURNED,
            R.ASSIGNED,
            R.IN_PROGRESS,
            R.COMPLETED,
        )

    @pytest.mark.parametrize(
        "steps",
        [(), (D.CLOSED,), (D.AGREEMENT_REACHED,), (D.MEDIATING,), (D.FAILED, D.CLOSED)],
    )
    def test_a_case_register_that_starts_part_way_passes(
        self, steps: tuple[DisputeStatus, ...]
    ) -> None:
        assert check_history(case(*steps)) == []

    def test_the_receipt_may_be_recorded_first_and_only_first(self) -> None:
        assert check_history(case(D.RECEIVED, D.MEDIATING)) == []
        assert where(check_history(case(D.MEDIATING, D.RECEIVED))) == [("events", 1, "status")]

    def test_a_status_the_history_does_not_reach(self) -> None:
        """A request whose history ends in progress cannot say it was only received, or
        returned: no unrecorded step gets there."""
        assert where(check_history(request(R.RECEIVED, K.STARTED))) == [("status",)]
        assert where(check_history(request(R.RETURNED, K.STARTED))) == [("status",)]

    def test_the_sample_banner_passes(self) -> None:
        ds = load_chayouqianqi()
        assert ds.service_requests and ds.dispute_cases
        for record in (*ds.service_requests, *ds.dispute_cases):
            assert check_history(record) == [], record.id


class TestAllowedNext:
    def test_what_may_follow_completion_and_a_revisit(self) -> None:
        done = request(R.COMPLETED, K.STARTED, K.COMPLETED)
        later = DAY + dt.timedelta(days=30)
        assert [t.event for t in allowed_next(done, later)] == [K.REVISITED]
        revisited = request(R.COMPLETED, K.STARTED, K.COMPLETED, K.REVISITED)
        assert [t.event for t in allowed_next(revisited, later)] == [K.REVISITED, K.REOPENED]

    def test_as_of_leaves_later_events_out(self) -> None:
        r = request(R.COMPLETED, K.ASSIGNED, K.RETURNED, K.REASSIGNED, K.RESPONDED, K.COMPLETED)
        # On the day of the return (DAY + 2): the order waits to be sent again.
        assert [t.event for t in allowed_next(r, DAY + dt.timedelta(days=2))] == [
            K.REASSIGNED,
            K.CANCELLED,
        ]
        assert allowed_next(r, DAY - dt.timedelta(days=1)) == []

    def test_a_confirmation_is_offered_only_after_the_application(self) -> None:
        agreed = case(D.MEDIATING, D.AGREEMENT_REACHED)
        later = DAY + dt.timedelta(days=10)
        offered = {t.event for t in allowed_next(agreed, later)}
        assert C.CONFIRMATION_APPLIED in offered and C.CONFIRMED not in offered
        applied = case(
            D.MEDIATING, D.AGREEMENT_REACHED, (C.CONFIRMATION_APPLIED, D.AGREEMENT_REACHED)
        )
        assert C.CONFIRMED in {t.event for t in allowed_next(applied, later)}

    def test_nothing_is_offered_for_a_forbidden_history(self) -> None:
        r = request(R.IN_PROGRESS, K.STARTED, K.REVISITED)
        assert allowed_next(r, DAY + dt.timedelta(days=10)) == []
        # ... nor for a status the history does not reach
        r = request(R.RECEIVED, K.STARTED)
        assert allowed_next(r, DAY + dt.timedelta(days=10)) == []
        # ... but before the event that goes wrong, what was open then
        assert [t.event for t in allowed_next(r, DAY)][:2] == [K.ASSIGNED, K.STARTED]


class TestDataset:
    """The Dataset refuses a forbidden history with its path; collect mode sets the
    record aside and reports it."""

    def test_the_dataset_names_every_forbidden_step_by_its_path(self) -> None:
        ds = load_chayouqianqi()
        place = {"community_id": ds.communities[0].id, "item_id": ds.service_items[0].id}
        good = attrs.evolve(request(R.COMPLETED, K.STARTED, K.COMPLETED, rid="R0"), **place)
        kinds = (K.STARTED, K.COMPLETED, K.RETURNED, K.RESPONDED)
        bad = attrs.evolve(request(R.COMPLETED, *kinds, rid="R1"), **place)
        with pytest.raises(ValidationError) as info:
            ds.replace(service_requests=(good, bad))
        assert [(p.path, p.code) for p in info.value.problems] == [
            ("service_requests[1].events[2].kind", "forbidden_transition"),
            ("service_requests[1].events[3].kind", "forbidden_transition"),
        ]

    def test_collect_mode_sets_the_record_aside(self, tmp_path: Path) -> None:
        ds = load_chayouqianqi()
        path = tmp_path / "banner.json"
        save_dataset(ds, path)
        data = json.loads(path.read_text(encoding="utf-8"))
        first = data["service_requests"][0]
        first["events"] = [
            {"on": first["received_on"], "kind": "revisited", "satisfaction": "satisfied"},
        ]
        first["status"] = "in_progress"
        first["completed_on"] = None
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(ValidationError, match="cannot follow"):
            load_dataset(path)
        result = load_dataset(path, errors="collect")
        assert isinstance(result, LoadResult)
        assert [p.code for p in result.problems] == ["forbidden_transition"]
        assert len(result.dataset.service_requests) == len(ds.service_requests) - 1


def _grade(k: RequestEventKind) -> Satisfaction | None:
    return Satisfaction.SATISFIED if k is K.REVISITED else None
