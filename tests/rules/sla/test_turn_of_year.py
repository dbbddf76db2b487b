"""The turn of the year: requests received on 24 and 31 December of the last confirmed
year, before the next year's notice is loaded. Strict, they are listed as unjudged and
the rest is judged; provisional, they are judged and marked; a notice makes them certain.
Then the law that a result resting only on confirmed days is never marked, and
timestamps as hotline systems store them."""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shequ_core.calendar import CalendarCoverageError, china_calendar
from shequ_core.entities import TimeLimit, TimeUnit
from shequ_core.errors import ValidationError
from shequ_core.policy import national_policy
from shequ_core.rules.assessment import scorecard
from shequ_core.rules.sla import (
    OPEN_STAGES,
    SlaStage,
    SlaStatus,
    UnjudgedRequest,
    backlog,
    deadline,
    due_date,
    judge_request,
    sla_status,
)
from tests.builders import fictional_notice, late_december
from tests.helpers import problems

STRICT = china_calendar()
ESTIMATE = china_calendar(provisional=True)
LAST = STRICT.confirmed_through
NEXT = LAST + 1
DS = late_december(LAST)
ITEM = DS.service_items[0]
R1, R2, R3 = DS.service_requests
AS_OF = date(LAST, 12, 31)
POLICY = national_policy(AS_OF)


@pytest.fixture(scope="module")
def with_notice(tmp_path_factory: pytest.TempPathFactory) -> object:
    path: Path = tmp_path_factory.mktemp("notice") / f"{NEXT}.toml"
    path.write_text(fictional_notice(NEXT), encoding="utf-8")
    return china_calendar(notices=[path])


class TestStrict:
    """Without the next year's notice: the report finishes, two requests apart."""

    def test_backlog_lists_them_unjudged_and_judges_the_rest(self) -> None:
        report = backlog(DS, as_of=AS_OF, calendar=STRICT)
        assert [s.request_id for s in report.statuses] == ["R1"]
        assert [u.request_id for u in report.unjudged] == ["R2", "R3"]
        assert {u.stage for u in report.unjudged} == {SlaStage.UNJUDGED}
        assert {u.year for u in report.unjudged} == {NEXT}
        # Counted apart: in no open stage, not breached.
        assert sum(report.by_stage.values()) == 1
        assert set(report.by_stage) == set(OPEN_STAGES)
        assert report.breached[0].request_id == "R1"
        assert report.provisional == 0
        assert "unjudged=2" in repr(report)

    def test_each_has_its_reason(self) -> None:
        u = backlog(DS, as_of=AS_OF, calendar=STRICT).unjudged[0]
        assert u.reason("zh") == f"{NEXT}年放假安排尚未载入（日历确认至{LAST}年）"
        assert u.reason("en") == (
            f"no holiday notice for {NEXT} in the calendar (confirmed through {LAST})"
        )
        received = f"{LAST}-12-24"
        assert u.explain("en").startswith("Request R2 (received ")
        assert received in u.explain("en") and "cannot be judged" in u.explain("en")
        assert u.explain("zh").startswith(f"工单R2（受理{LAST}年12月24日")
        assert not u.is_open
        assert pickle.loads(pickle.dumps(u)) == u

    def test_a_request_before_the_calendar_says_so(self) -> None:
        old = attrs.evolve(R1, id="R0", received_on=date(2000, 12, 20))
        u = judge_request(old, ITEM, as_of=date(2000, 12, 30), calendar=STRICT)
        assert isinstance(u, UnjudgedRequest)
        assert u.reason("zh") == "日历自2001年起，不含2000年"
        assert u.reason("en") == "the calendar starts in 2001, not 2000"

    def test_the_summary_says_how_many_and_why(self) -> None:
        report = backlog(DS, as_of=AS_OF, calendar=STRICT)
        assert f"无法判定 2 件：{NEXT}年放假安排尚未载入" in report.summary("zh")
        assert f"2 not judged: no holiday notice for {NEXT}" in report.summary("en")
        assert f"  not judged: R3 (A), received {LAST}-12-31" in report.summary("en")
        assert f"  无法判定：R2（A），受理 {LAST}-12-24" in report.summary("zh")

    def test_a_single_call_still_raises_naming_the_request(self) -> None:
        with pytest.raises(CalendarCoverageError) as info:
            sla_status(R2, ITEM, as_of=AS_OF, calendar=STRICT)
        assert info.value.request_id == "R2"
        assert str(info.value).startswith(f"request R2: no official holiday notice for {NEXT}")
        assert pickle.loads(pickle.dumps(info.value)).request_id == "R2"
        with pytest.raises(CalendarCoverageError) as info:
            due_date(R2.received_on, ITEM.time_limit, STRICT)
        assert info.value.request_id is None

    def test_judge_request_returns_what_sla_status_raises(self) -> None:
        u = judge_request(R3, ITEM, as_of=AS_OF, calendar=STRICT)
        assert isinstance(u, UnjudgedRequest) and u.error.request_id == "R3"
        assert judge_request(R1, ITEM, as_of=AS_OF, calendar=STRICT) == sla_status(
            R1, ITEM, as_of=AS_OF, calendar=STRICT
        )

    def test_the_scorecard_counts_them_apart(self) -> None:
        zeros = scorecard(DS, as_of=AS_OF, policy=POLICY, calendar=STRICT).banner.seven_zeros
        assert (zeros.unjudged, zeros.backlog, zeros.provisional) == (2, 1, 0)


class TestProvisional:
    """With ``provisional=True``: judged, and each estimate says so."""

    def test_backlog_judges_them_and_counts_the_estimates(self) -> None:
        report = backlog(DS, as_of=AS_OF, calendar=ESTIMATE)
        assert report.unjudged == ()
        assert {s.request_id: s.provisional for s in report.statuses} == {
            "R1": False,
            "R2": True,
            "R3": True,
        }
        assert report.provisional == 2
        assert "其中 2 件的期限为预计" in report.summary("zh")
        assert "provisional=2" in repr(report)

    def test_explain_says_estimated_in_both_languages(self) -> None:
        s = sla_status(R2, ITEM, as_of=AS_OF, calendar=ESTIMATE)
        assert s.provisional and s.deadline.provisional
        zh, en = s.explain("zh"), s.explain("en")
        assert "（预计）" in zh
        assert f"预计：{NEXT}年放假安排尚未公布" in zh
        assert "(estimated)" in en
        assert f"estimated: no official notice for {NEXT} yet" in en
        assert "no make-up working days" in en

    def test_a_result_on_confirmed_days_is_not_marked(self) -> None:
        s = sla_status(R1, ITEM, as_of=AS_OF, calendar=ESTIMATE)
        assert not s.provisional and not s.deadline.provisional
        assert "预计" not in s.explain("zh") and "estimated" not in s.explain("en")
        # Same answer as the strict calendar, apart from the calendar's own year.
        strict = sla_status(R1, ITEM, as_of=AS_OF, calendar=STRICT)
        assert (s.stage, s.due_on, s.remaining) == (strict.stage, strict.due_on, strict.remaining)

    def test_a_confirmed_due_date_counted_into_an_estimated_year_is_marked(self) -> None:
        """Breached on 15 December, looked at on 5 January: the overdue working days
        count estimated days, so the standing is provisional but the due date is not."""
        s = sla_status(R1, ITEM, as_of=date(NEXT, 1, 5), calendar=ESTIMATE)
        assert s.stage is SlaStage.BREACHED
        assert s.provisional and not s.deadline.provisional
        assert s.explain("en").count("estimated: no official notice") == 1

    def test_a_natural_day_period_without_rollover_is_never_marked(self) -> None:
        """It asks the calendar nothing, so it rests on no estimated day."""
        limit = TimeLimit(amount=10, unit=TimeUnit.NATURAL_DAYS)
        d = deadline(date(LAST, 12, 28), limit, ESTIMATE, roll_forward=False)
        assert d.due_on.year == NEXT and not d.provisional
        assert deadline(date(LAST, 12, 28), limit, ESTIMATE).provisional

    def test_the_scorecard_counts_the_estimates(self) -> None:
        zeros = scorecard(DS, as_of=AS_OF, policy=POLICY, calendar=ESTIMATE).banner.seven_zeros
        assert (zeros.unjudged, zeros.provisional) == (0, 2)


class TestWithTheNotice:
    """The next year's notice loaded: every request judged, nothing marked."""

    def test_the_notice_makes_them_certain(self, with_notice: object) -> None:
        report = backlog(DS, as_of=AS_OF, calendar=with_notice)  # type: ignore[arg-type]
        assert report.unjudged == () and report.provisional == 0
        assert [s.request_id for s in report.statuses] == ["R1", "R2", "R3"]
        assert all(not s.provisional for s in report.statuses)
        zeros = scorecard(DS, as_of=AS_OF, policy=POLICY, calendar=with_notice).banner.seven_zeros  # type: ignore[arg-type]
        assert (zeros.unjudged, zeros.provisional) == (0, 0)


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(date(LAST - 1, 1, 1), date(LAST, 12, 31)),
    amount=st.integers(1, 40),
    unit=st.sampled_from(TimeUnit),
    roll_forward=st.booleans(),
)
def test_only_estimated_days_mark_a_deadline(
    start: date, amount: int, unit: TimeUnit, roll_forward: bool
) -> None:
    """A deadline is provisional exactly when it asks the calendar about an estimated
    day; wherever the strict calendar answers, the provisional one answers the same,
    unmarked."""
    limit = TimeLimit(amount=amount, unit=unit)
    est = deadline(start, limit, ESTIMATE, roll_forward=roll_forward)
    asks = unit is TimeUnit.WORKING_DAYS or roll_forward
    assert est.provisional == (asks and est.due_on.year > LAST)
    try:
        strict = deadline(start, limit, STRICT, roll_forward=roll_forward)
    except CalendarCoverageError:
        assert est.provisional
        return
    assert not strict.provisional
    assert strict.due_on == est.due_on and not est.provisional


class TestTimestamps:
    """Hotline systems store timestamps: the day counts, in Beijing time."""

    def test_an_aware_datetime_is_taken_in_beijing_time(self) -> None:
        # 17:00 UTC on Monday 8 June is 01:00 on Tuesday 9 June in Beijing.
        utc = datetime(2026, 6, 8, 17, 0, tzinfo=timezone.utc)
        limit = ITEM.time_limit
        assert due_date(utc, limit, STRICT) == due_date(date(2026, 6, 9), limit, STRICT)
        new_york = datetime(2026, 6, 8, 12, 30, tzinfo=timezone(timedelta(hours=-4)))
        assert deadline(new_york, limit, STRICT).start == date(2026, 6, 9)

    def test_a_naive_datetime_is_read_as_beijing_local_time(self) -> None:
        late = datetime(2026, 6, 8, 23, 59)
        assert deadline(late, ITEM.time_limit, STRICT).start == date(2026, 6, 8)

    def test_sla_status_takes_a_timestamp_as_of(self) -> None:
        as_of = datetime(LAST, 12, 30, 16, 30, tzinfo=timezone.utc)  # 31 December, 00:30
        s = sla_status(R1, ITEM, as_of=as_of, calendar=STRICT)
        assert s.as_of == AS_OF
        assert s == sla_status(R1, ITEM, as_of=AS_OF, calendar=STRICT)
        # The first hours of 1 January in Beijing are in the next year.
        new_year = datetime(LAST, 12, 31, 16, 30, tzinfo=timezone.utc)
        assert isinstance(judge_request(R1, ITEM, as_of=new_year, calendar=STRICT), UnjudgedRequest)

    @pytest.mark.parametrize(("value", "name"), [("2026-06-09", "str"), (20260609, "int")])
    def test_a_wrong_type_is_named(self, value: object, name: str) -> None:
        with pytest.raises(ValidationError) as info:
            due_date(value, ITEM.time_limit, STRICT)  # type: ignore[arg-type]
        assert problems(info) == [("start", f"must be a date or a datetime, not {name}")]
        assert [p.code for p in info.value.problems] == ["wrong_type"]
        with pytest.raises(ValidationError) as info:
            sla_status(R1, ITEM, as_of=value, calendar=STRICT)  # type: ignore[arg-type]
        assert problems(info) == [("as_of", f"must be a date or a datetime, not {name}")]
        assert info.value.subject == "sla_status"

    def test_a_status_is_a_status(self) -> None:
        assert isinstance(sla_status(R1, ITEM, as_of=AS_OF, calendar=STRICT), SlaStatus)
