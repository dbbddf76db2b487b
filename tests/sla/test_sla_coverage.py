"""The SLA rules' remaining edges: refusals, every status line, the backlog's text.

Dates are in June 2025, a month without holidays after 端午 (2 June), so five working
days from a Monday end on the next Monday. Each explanation is pinned whole, in both
languages, because it is what a resident is told.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import attrs
import pytest

from shequ_core.calendar import china_calendar
from shequ_core.entities import (
    Basis,
    Community,
    CommunityKind,
    Dataset,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    ServiceItem,
    ServiceRequest,
    TimeLimit,
    TimeUnit,
)
from shequ_core.errors import ValidationError
from shequ_core.rules.sla import SlaStage, SlaStatus, backlog, deadline, limits, sla_status
from shequ_core.rules.sla.limits import StatutoryLimit

CAL = china_calendar()
K = RequestEventKind
S = RequestStatus
WORKING_5 = TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
NATURAL_60 = TimeLimit(amount=60, unit=TimeUnit.NATURAL_DAYS)
ITEM = ServiceItem(id="I1", name="居住证明", time_limit=WORKING_5)
JUNE_9 = date(2025, 6, 9)  # Mon; due Mon 16 June


def ev(on: date, kind: RequestEventKind, days: int | None = None) -> RequestEvent:
    return RequestEvent(on=on, kind=kind, days=days, approved_by="S01" if days else None)


def problems(info: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in info.value.problems]


# -- refusals of deadline() and sla_status() -------------------------------------------------


def test_deadline_names_every_bad_argument() -> None:
    with pytest.raises(ValidationError) as info:
        deadline(datetime(2025, 6, 9, 8), 5, CAL, events=[ev(JUNE_9, K.SUSPENDED), "resumed"])  # type: ignore[arg-type]
    assert problems(info) == [
        ("start", "must be a date"),
        ("limit", "must be a TimeLimit"),
        ("events[1]", "must be a RequestEvent"),
    ]
    assert info.value.subject == "deadline"
    with pytest.raises(ValidationError) as info:
        deadline(
            JUNE_9,
            WORKING_5,
            CAL,
            events=[ev(JUNE_9, K.SUSPENDED), ev(date(2025, 6, 8), K.RESUMED)],
        )
    assert problems(info) == [("events[1].on", "must not be before start")]


def test_two_suspensions_in_a_row_are_refused() -> None:
    events = [ev(date(2025, 6, 10), K.SUSPENDED), ev(date(2025, 6, 12), K.SUSPENDED)]
    with pytest.raises(ValidationError) as info:
        deadline(JUNE_9, WORKING_5, CAL, events=events, as_of=date(2025, 6, 20))
    assert problems(info) == [("events", "a suspension must be resumed before the next one")]
    # Resumed in between, the same two suspensions are fine: 1 + 2 working days paused.
    events.insert(1, ev(date(2025, 6, 11), K.RESUMED))
    events.append(ev(date(2025, 6, 16), K.RESUMED))
    assert deadline(JUNE_9, WORKING_5, CAL, events=events).due_on == date(2025, 6, 19)


def test_warn_at_must_be_a_list_of_fractions_in_0_1() -> None:
    req = request("R1", JUNE_9)
    with pytest.raises(ValidationError) as info:
        sla_status(req, ITEM, as_of=JUNE_9, calendar=CAL, warn_at=0.5)  # type: ignore[arg-type]
    assert problems(info) == [("warn_at", "must be a list of fractions")]
    for bad in (0, 0.0, -0.5, 1.01, True, float("nan"), "0.5"):
        with pytest.raises(ValidationError) as info:
            sla_status(req, ITEM, as_of=JUNE_9, calendar=CAL, warn_at=(0.5, bad))  # type: ignore[arg-type]
        assert problems(info) == [("warn_at", "every threshold must be a fraction in (0, 1]")]
    # 1 is allowed: reached on the last day, when the whole period is used.
    s = sla_status(req, ITEM, as_of=date(2025, 6, 16), calendar=CAL, warn_at=(1,))
    assert (s.stage, s.warning) == (SlaStage.RUNNING, 1.0)
    assert (
        sla_status(req, ITEM, as_of=date(2025, 6, 13), calendar=CAL, warn_at=(1,)).warning is None
    )


# -- explanations of pauses ------------------------------------------------------------------


def test_a_late_suspension_is_explained_as_not_counted() -> None:
    events = [ev(date(2025, 6, 17), K.SUSPENDED), ev(date(2025, 6, 30), K.RESUMED)]
    dl = deadline(JUNE_9, WORKING_5, CAL, events=events)
    assert dl.explain().splitlines()[2:] == [
        "中止：2025年6月17日（星期二），晚于当时的截止日期，不予顺延",
        "截止日期：2025年6月16日（星期一）",
    ]
    assert dl.explain("en").splitlines()[2:] == [
        "Suspended Tue 2025-06-17, after the deadline then in force: not counted",
        "Due: Mon 2025-06-16",
    ]


def test_a_stretched_pause_in_working_days_is_explained() -> None:
    # Suspended on the last day (Mon 16 June), resumed Sat 21: the four working days
    # 17-20 alone would end the period on Fri 20; it ends on Mon 23, 5 days added.
    events = [ev(date(2025, 6, 16), K.SUSPENDED), ev(date(2025, 6, 21), K.RESUMED)]
    dl = deadline(JUNE_9, WORKING_5, CAL, events=events)
    assert (dl.due_on, dl.pauses[0].days, dl.pauses[0].stretched) == (date(2025, 6, 23), 5, True)
    assert dl.explain().splitlines()[1:] == [
        "办理时限：5个工作日（周末和法定节假日不计，调休上班日计入）",
        "中止：2025年6月16日（星期一）至2025年6月21日（星期六），顺延5个工作日"
        "（中止时期限已无剩余，期限延至恢复之日或其后第一个工作日）",
        "截止日期：2025年6月23日（星期一）",
    ]
    assert dl.explain("en").splitlines()[1:] == [
        "Time limit: 5 working days (weekends and public holidays skipped, make-up working "
        "days counted)",
        "Suspended Mon 2025-06-16 to Sat 2025-06-21: +5 working days (nothing was left when "
        "it stopped, so the period now ends on the first working day on or after the day the "
        "clock restarts)",
        "Due: Mon 2025-06-23",
    ]


def test_a_stretched_pause_in_natural_days_is_explained() -> None:
    # 60 days from Mon 4 Aug 2025 end on Fri 3 Oct (国庆), rolled to Thu 9 Oct. Suspended
    # Sun 5 Oct, resumed Wed 15 Oct: 10 days paused, but 12 are needed to end on the 15th.
    events = [ev(date(2025, 10, 5), K.SUSPENDED), ev(date(2025, 10, 15), K.RESUMED)]
    dl = deadline(date(2025, 8, 4), NATURAL_60, CAL, events=events)
    assert (dl.due_on, dl.pauses[0].days, dl.rolled_from) == (date(2025, 10, 15), 12, None)
    assert dl.explain().splitlines()[2:] == [
        "中止：2025年10月5日（星期日）至2025年10月15日（星期三），顺延12个自然日"
        "（中止时期限已无剩余，期限延至恢复之日）",
        "截止日期：2025年10月15日（星期三）",
    ]
    assert dl.explain("en").splitlines()[2:] == [
        "Suspended Sun 2025-10-05 to Wed 2025-10-15: +12 natural days (nothing was left when "
        "it stopped, so the period now ends on the day the clock restarts)",
        "Due: Wed 2025-10-15",
    ]


def test_an_open_pause_is_explained_as_provisional() -> None:
    dl = deadline(
        JUNE_9, WORKING_5, CAL, events=[ev(date(2025, 6, 11), K.SUSPENDED)], as_of=date(2025, 6, 13)
    )
    assert dl.explain().splitlines()[2:] == [
        "中止：自2025年6月11日（星期三）起，尚未恢复，计至2025年6月13日（星期五），顺延2个工作日",
        "截止日期：2025年6月18日（星期三）（如于2025年6月13日（星期五）恢复计时）",
    ]
    assert dl.explain("en").splitlines()[2:] == [
        "Suspended since Wed 2025-06-11, not yet resumed, counted up to Fri 2025-06-13: "
        "+2 working days",
        "Due: Wed 2025-06-18 (if the clock restarts on Fri 2025-06-13)",
    ]


def test_explain_refuses_an_unknown_language() -> None:
    dl = deadline(JUNE_9, WORKING_5, CAL)
    with pytest.raises(ValueError, match=re.escape("""lang must be "zh" or "en", got 'fr'""")):
        dl.explain("fr")


# -- every status line -----------------------------------------------------------------------


def request(
    rid: str,
    received: date,
    *events: RequestEvent,
    status: RequestStatus = S.IN_PROGRESS,
    completed_on: date | None = None,
    community: str = "A",
) -> ServiceRequest:
    return ServiceRequest(
        id=rid,
        item_id="I1",
        community_id=community,
        received_on=received,
        status=status,
        completed_on=completed_on,
        events=events,
    )


def last_lines(s: SlaStatus) -> tuple[str, str]:
    return s.explain().splitlines()[-1], s.explain("en").splitlines()[-1]


def at(req: ServiceRequest, as_of: date) -> SlaStatus:
    return sla_status(req, ITEM, as_of=as_of, calendar=CAL)


def test_completed_early_on_the_day_and_late() -> None:
    early = at(
        request("R1", JUNE_9, status=S.COMPLETED, completed_on=date(2025, 6, 13)), date(2025, 7, 1)
    )
    assert (early.stage, early.remaining) == (SlaStage.MET, 1)  # Mon 16 was left
    assert last_lines(early) == (
        "办结：2025年6月13日（星期五），按期办结，提前1个工作日",
        "Completed Fri 2025-06-13: on time, 1 working day early",
    )
    on_day = at(
        request("R1", JUNE_9, status=S.COMPLETED, completed_on=date(2025, 6, 16)), date(2025, 7, 1)
    )
    assert last_lines(on_day) == (
        "办结：2025年6月16日（星期一），按期办结",
        "Completed Mon 2025-06-16: on time",
    )
    late = at(
        request("R1", JUNE_9, status=S.COMPLETED, completed_on=date(2025, 6, 18)), date(2025, 7, 1)
    )
    assert last_lines(late) == (
        "办结：2025年6月18日（星期三），超期2个工作日",
        "Completed Wed 2025-06-18: 2 working days late",
    )


def test_cancelled_with_and_without_its_day() -> None:
    dated = request("R1", JUNE_9, ev(date(2025, 6, 20), K.CANCELLED), status=S.CANCELLED)
    assert last_lines(at(dated, date(2025, 6, 20))) == (
        "已于2025年6月20日（星期五）撤销",
        "Cancelled Fri 2025-06-20",
    )
    undated = at(request("R1", JUNE_9, status=S.CANCELLED), date(2025, 6, 10))
    assert (undated.stage, undated.closed_on) == (SlaStage.CANCELLED, None)
    assert last_lines(undated) == ("已撤销", "Cancelled")


def test_running_and_paused_with_and_without_a_warning() -> None:
    assert last_lines(at(request("R1", JUNE_9), date(2025, 6, 10))) == (
        "截至2025年6月10日（星期二）：办理中，剩余4个工作日（已用时20%）",
        "As of Tue 2025-06-10: running, 4 working days left (20% of the time used)",
    )
    assert last_lines(at(request("R1", JUNE_9), date(2025, 6, 13))) == (
        "截至2025年6月13日（星期五）：办理中，剩余1个工作日（已用时80%，已达75%预警）",
        "As of Fri 2025-06-13: running, 1 working day left (80% of the time used, past the 75% "
        "warning)",
    )
    early = request("R1", JUNE_9, ev(date(2025, 6, 10), K.SUSPENDED), status=S.SUSPENDED)
    assert last_lines(at(early, date(2025, 6, 20))) == (
        "截至2025年6月20日（星期五）：中止计时，恢复后剩余4个工作日（已用时20%）",
        "As of Fri 2025-06-20: paused, 4 working days left when it resumes (20% of the time used)",
    )
    late = request("R1", JUNE_9, ev(date(2025, 6, 13), K.SUSPENDED), status=S.SUSPENDED)
    assert last_lines(at(late, date(2025, 6, 20))) == (
        "截至2025年6月20日（星期五）：中止计时，恢复后剩余1个工作日（已用时80%，已达75%预警）",
        "As of Fri 2025-06-20: paused, 1 working day left when it resumes (80% of the time "
        "used, past the 75% warning)",
    )


def test_only_a_counted_pause_before_the_day_stops_the_clock() -> None:
    # Suspended Tue 17 June, after the due date (Mon 16): not counted, so on Fri 20 the
    # clock has run 9 working days of 5 (10-13, 16-20) and the request is 4 days late.
    late = request(
        "R1", JUNE_9, ev(date(2025, 6, 17), K.SUSPENDED), ev(date(2025, 6, 20), K.RESUMED)
    )
    s = at(late, date(2025, 6, 20))
    assert (s.stage, s.remaining, s.elapsed_fraction) == (SlaStage.BREACHED, -4, 1.8)
    # Suspended on Wed 11 and looked at that same day: 2 days used (10, 11), nothing yet
    # paused.
    same_day = request("R1", JUNE_9, ev(date(2025, 6, 11), K.SUSPENDED), status=S.SUSPENDED)
    s = at(same_day, date(2025, 6, 11))
    assert (s.stage, s.remaining, s.elapsed_fraction) == (SlaStage.PAUSED, 3, 0.4)


# -- the backlog ------------------------------------------------------------------------------


def community(cid: str) -> Community:
    return Community(
        id=cid,
        name=f"{cid}社区",
        town="城关镇",
        kind=CommunityKind.ORDINARY,
        households=0,
        residents=0,
    )


AS_OF = date(2025, 6, 20)  # Fri


def register() -> Dataset:
    """Listed out of id order on purpose: the report orders by id, then by due date."""
    return Dataset(
        communities=(community("B"), community("A"), community("Z")),
        service_items=(ITEM,),
        service_requests=(
            request("R10", AS_OF),  # received on as_of: known, running (due 27 June)
            request("R3", date(2025, 6, 19), community="B"),  # running, due 26 June
            request("R2", date(2025, 6, 11), community="B"),  # due Wed 18: 2 days over
            request("R1", JUNE_9),  # due Mon 16: 4 days over
            request("R0", JUNE_9, community="B"),  # due Mon 16 too: before R1 by id
            request(
                "R4", date(2025, 6, 16), ev(date(2025, 6, 17), K.SUSPENDED), status=S.SUSPENDED
            ),
            # Completed: on time, late (due 10 March), the day before and on the first day
            # of the year (due Tue 7 Jan 2025), and on as_of itself.
            request("R5", date(2025, 3, 3), status=S.COMPLETED, completed_on=date(2025, 3, 5)),
            request("R6", date(2025, 3, 3), status=S.COMPLETED, completed_on=date(2025, 3, 20)),
            request("R7", date(2024, 12, 30), status=S.COMPLETED, completed_on=date(2024, 12, 31)),
            request("R8", date(2024, 12, 30), status=S.COMPLETED, completed_on=date(2025, 1, 1)),
            request("R9", date(2025, 6, 16), status=S.COMPLETED, completed_on=AS_OF),
            request("R11", date(2025, 6, 23)),  # after as_of: not in the report
        ),
    )


def test_backlog_orders_by_id_then_due_date_and_counts_the_year_to_date() -> None:
    report = backlog(register(), as_of=AS_OF, calendar=CAL)
    ids = ["R0", "R1", "R10", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9"]
    assert [s.request_id for s in report.statuses] == ids
    assert [s.request_id for s in report.open_requests] == ["R0", "R1", "R2", "R3", "R4", "R10"]
    assert [s.request_id for s in report.breached] == ["R0", "R1", "R2"]
    assert dict(report.by_stage) == {SlaStage.RUNNING: 2, SlaStage.PAUSED: 1, SlaStage.BREACHED: 3}
    assert list(report.by_community) == ["A", "B", "Z"]
    assert dict(report.by_community["A"]) == {
        SlaStage.RUNNING: 1,
        SlaStage.PAUSED: 1,
        SlaStage.BREACHED: 1,
    }
    # 1 January to 20 June, both included: R5, R6 (late), R8 and R9; not R7.
    assert report.period == (date(2025, 1, 1), AS_OF)
    assert (report.completed_in_period, report.met_in_period, report.on_time_share) == (4, 3, 0.75)
    assert repr(report) == (
        "BacklogReport(as_of=2025-06-20, requests=11, open=6, breached=3, on_time_share=0.75)"
    )


def test_a_period_of_one_day_includes_that_day() -> None:
    ds = register()
    for day, n in (
        (AS_OF, 1),
        (date(2025, 1, 1), 1),
        (date(2024, 12, 31), 1),
        (date(2025, 1, 2), 0),
    ):
        report = backlog(ds, as_of=AS_OF, calendar=CAL, period=(day, day))
        assert report.completed_in_period == n, day
    with pytest.raises(ValidationError) as info:
        backlog(ds, as_of=AS_OF, calendar=CAL, period=(AS_OF, date(2025, 6, 19)))
    assert problems(info) == [("period", "ends (2025-06-19) before it begins (2025-06-20)")]
    assert info.value.subject == "backlog"


def test_backlog_summary_in_both_languages() -> None:
    report = backlog(register(), as_of=AS_OF, calendar=CAL)
    assert report.summary() == "\n".join(
        [
            "在办工单 6 件：办理中 2, 中止计时 1, 已超期 3",
            "2025-01-01至2025-06-20办结 4 件，按期 3 件（按期率 75%）",
            "  超期：R0（B），期限 2025-06-16，已超 4个工作日",
            "  超期：R1（A），期限 2025-06-16，已超 4个工作日",
            "  超期：R2（B），期限 2025-06-18，已超 2个工作日",
        ]
    )
    assert report.summary("en") == "\n".join(
        [
            "6 open requests: running 2, paused 1, breached 3",
            "completed 2025-01-01 to 2025-06-20: 4, on time 3 (75%)",
            "  overdue: R0 (B), due 2025-06-16, 4 working days over",
            "  overdue: R1 (A), due 2025-06-16, 4 working days over",
            "  overdue: R2 (B), due 2025-06-18, 2 working days over",
        ]
    )
    with pytest.raises(ValueError, match="lang"):
        report.summary("fr")


def test_zero_backlog_summary() -> None:
    ds = Dataset(communities=(community("A"),), service_items=(ITEM,))
    report = backlog(ds, as_of=AS_OF, calendar=CAL)
    assert report.summary() == "\n".join(
        [
            "在办工单 0 件：办理中 0, 中止计时 0, 已超期 0",
            "2025-01-01至2025-06-20办结 0 件，按期 0 件（按期率 -）",
            "零积压：无超期未办结工单",
        ]
    )
    assert report.summary("en").splitlines()[1:] == [
        "completed 2025-01-01 to 2025-06-20: 0, on time 0 (-)",
        "zero backlog: nothing overdue",
    ]
    # A report built by hand may leave a stage out: it is shown as 0.
    partial = attrs.evolve(report, by_stage={SlaStage.BREACHED: 0})
    assert partial.summary().splitlines()[0] == "在办工单 0 件：办理中 0, 中止计时 0, 已超期 0"
    # On 16 June nothing of the register was overdue yet: zero backlog, with open work.
    early = backlog(register(), as_of=date(2025, 6, 16), calendar=CAL)
    assert early.is_zero_backlog and early.summary().endswith("零积压：无超期未办结工单")
    assert early.by_stage[SlaStage.RUNNING] == 5  # R9 was not yet completed


# -- statutory limits --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cap", "message"),
    [
        (-1, "must be 0 or more, got -1"),
        (True, "must be a whole number of days or None, got bool"),
        (1.5, "must be a whole number of days or None, got float"),
        ("30", "must be a whole number of days or None, got str"),
    ],
)
def test_an_extension_cap_is_none_or_a_whole_number(cap: object, message: str) -> None:
    basis = Basis(title="信访工作条例", article="第34条")
    with pytest.raises(ValidationError) as info:
        StatutoryLimit(limit=WORKING_5, basis=basis, max_extension_days=cap)  # type: ignore[arg-type]
    assert problems(info) == [("max_extension_days", message)]
    assert (
        StatutoryLimit(limit=WORKING_5, basis=basis, max_extension_days=0).max_extension_days == 0
    )


def test_bare_ri_is_read_as_natural_days() -> None:
    # The constants are built from this helper when the module is imported; calling it
    # here pins the reading itself (bare 日 = natural days, rules-reference §0) where a
    # changed helper would show, not only in the constants built before a test runs.
    from shequ_core.policy import _limits

    assert _limits._natural(15) == TimeLimit(amount=15, unit=TimeUnit.NATURAL_DAYS)
    assert _limits._natural(60) == limits.PETITION_HANDLING.limit
