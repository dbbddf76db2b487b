"""Every rule result as a DataFrame (issue #20, item 1): ``to_frame(result)`` gives one
row per community, request, visit or finding, with stable columns, numbers numeric,
dates as dates, enums as codes with their labels beside, and exactly the result's
figures."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shequ_core
from shequ_core import Dataset, ValidationError, load_chayouqianqi
from shequ_core.calendar import china_calendar
from shequ_core.entities import (
    AttentionKind,
    IdNumber,
    LabelledEnum,
    RiskLevel,
    TimeLimit,
    TimeUnit,
)
from shequ_core.extra.pandas import to_frame
from shequ_core.frames import to_frame as old_path_to_frame
from shequ_core.policy import national_policy, seed_policy
from shequ_core.rules import Finding, Findings, Severity, check_dataset
from shequ_core.rules.assessment import Dimension, Scorecard, scorecard, summary
from shequ_core.rules.sla import (
    OPEN_STAGES,
    BacklogReport,
    SlaStatus,
    UnjudgedRequest,
    backlog,
    report_from_statuses,
)
from shequ_core.rules.visiting import DueVisit, must_visit
from shequ_core.strategies import datasets, id_numbers
from tests.builders import late_december

pd = pytest.importorskip("pandas", reason="the pandas extra (the test extra installs it)")

AS_OF = dt.date(2017, 12, 31)
CAL = china_calendar()
SEVEN_ZEROS = [
    "backlog",
    "complaints",
    "fees_charged",
    "late_completions",
    "completed",
    "on_time_share",
    "unjudged",
    "provisional",
]
SCORECARD_COLUMNS = [
    "community_id",
    "name",
    *(d.value for d in Dimension),
    *SEVEN_ZEROS,
    "on_time_percent",
    "findings",
    "violations",
]
BACKLOG_COLUMNS = [
    "community_id",
    "running",
    "paused",
    "breached",
    "open",
    "completed_in_period",
    "met_in_period",
    "on_time_share",
    "unjudged",
    "provisional",
]


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load_chayouqianqi()


@pytest.fixture(scope="module")
def card(sample: Dataset) -> Scorecard:
    return scorecard(sample, as_of=AS_OF, policy=seed_policy(AS_OF), calendar=CAL)


def cell(value: object) -> object:
    """A frame's cell as plain Python: None for every kind of missing value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def column(frame: object, name: str) -> list[object]:
    return [cell(v) for v in frame[name]]  # type: ignore[index]


def assert_only_headers_differ(zh: object, frame: object) -> None:
    assert list(zh.columns) != list(frame.columns)  # type: ignore[attr-defined]
    pd.testing.assert_frame_equal(zh.set_axis(frame.columns, axis=1), frame)  # type: ignore[attr-defined]


# -- the scorecard ----------------------------------------------------------------------


def test_a_scorecard_is_a_frame_of_its_communities(card: Scorecard) -> None:
    # The bug of #20: this raised TypeError: 'Scorecard' object is not iterable.
    frame = to_frame(card)
    assert list(frame.columns) == SCORECARD_COLUMNS
    assert list(frame["community_id"]) == list(card.communities)
    # The scores are numbers, missing ones <NA>, so that .plot.bar() draws them all.
    assert {str(frame[d.value].dtype) for d in Dimension} == {"Int64"}
    assert frame["information_support"].isna().all()  # no data scores it
    assert frame["fees_charged"].dtype == "float64"
    assert frame["on_time_share"].dtype == "Float64"
    assert frame[["backlog", "findings", "violations"]].dtypes.eq("int64").all()
    # The seed's 团结社区 (C03) is short of staff: 有人管事 55 on 2017-12-31.
    c03 = frame.set_index("community_id").loc["C03"]
    assert c03["has_people"] == card.communities["C03"].score(Dimension.HAS_PEOPLE) == 55
    # The banner's means are apart from the communities.
    total = frame.attrs["total"]
    assert total["community_id"] is None
    assert total["has_people"] == card.banner.score(Dimension.HAS_PEOPLE)
    assert total["findings"] == len(card.banner.findings)
    assert frame.attrs["as_of"] == AS_OF
    assert old_path_to_frame(card).equals(frame)
    assert shequ_core.to_frame(card).equals(frame)


@settings(max_examples=10, deadline=None)
@given(
    datasets(hostile=True, max_communities=3),
    st.dates(dt.date(2016, 1, 1), dt.date(2025, 12, 31)),
    st.sampled_from([national_policy, seed_policy]),
)
def test_the_scorecard_frame_holds_exactly_its_figures(ds, as_of, profile) -> None:
    card = scorecard(ds, as_of=as_of, policy=profile(as_of), calendar=CAL)
    frame = to_frame(card, reveal=True)
    assert len(frame) == len(card.communities)
    rows = list(card.communities.values())
    assert column(frame, "community_id") == [c.community_id for c in rows]
    assert column(frame, "name") == [c.name for c in rows]
    for d in Dimension:
        assert column(frame, d.value) == [c.score(d) for c in rows]
    for name in SEVEN_ZEROS:
        expected = [getattr(c.seven_zeros, name) for c in rows]
        if name == "fees_charged":
            expected = [float(v) for v in expected]
        assert column(frame, name) == expected
    assert column(frame, "on_time_percent") == [c.seven_zeros.on_time_percent for c in rows]
    assert column(frame, "violations") == [
        sum(f.severity is Severity.VIOLATION for f in c.findings) for c in rows
    ]
    assert frame.attrs["total"]["has_people"] == card.banner.score(Dimension.HAS_PEOPLE)
    assert_only_headers_differ(to_frame(card, lang="zh", reveal=True), frame)
    figures = summary(ds, as_of=as_of)
    (row,) = to_frame(figures).to_dict("records")
    assert {k: cell(v) for k, v in row.items()} == attrs.asdict(figures)


def test_a_scorecard_of_no_community_keeps_its_columns(card: Scorecard) -> None:
    empty = attrs.evolve(card, communities={})
    frame = to_frame(empty)
    assert list(frame.columns) == SCORECARD_COLUMNS and frame.empty
    assert list(frame.dtypes) == list(to_frame(card).dtypes)
    assert frame.attrs["total"] == to_frame(card).attrs["total"]


def test_chinese_headers_are_the_labels_a_report_shows(card: Scorecard) -> None:
    zh = to_frame(card, lang="zh")
    assert list(zh.columns[:4]) == ["社区编号", "社区", "有人管事", "有钱办事"]
    assert "红色港湾" in zh.columns and "按期率%" in zh.columns
    assert zh.attrs["total"]["有人管事"] == card.banner.score(Dimension.HAS_PEOPLE)
    assert_only_headers_differ(zh, to_frame(card))


# -- the backlog, the requests' standing --------------------------------------------------


@settings(max_examples=10, deadline=None)
@given(
    datasets(max_communities=3, min_service_items=1, max_service_requests=8),
    st.dates(dt.date(2016, 1, 1), dt.date(2025, 12, 31)),
)
def test_the_backlog_frame_holds_exactly_its_figures(ds, as_of) -> None:
    report = backlog(ds, as_of=as_of, calendar=CAL)
    frame = to_frame(report)
    assert list(frame.columns) == BACKLOG_COLUMNS
    assert column(frame, "community_id") == list(report.by_community)
    for stage in OPEN_STAGES:
        assert column(frame, stage.value) == [c[stage] for c in report.by_community.values()]
    # The communities add up to the report's own figures, kept in attrs["total"].
    total = frame.attrs["total"]
    assert frame["open"].sum() == total["open"] == len(report.open_requests)
    assert frame["completed_in_period"].sum() == total["completed_in_period"]
    assert total["completed_in_period"] == report.completed_in_period
    assert frame["met_in_period"].sum() == total["met_in_period"] == report.met_in_period
    assert frame["unjudged"].sum() == len(report.unjudged)
    assert frame["provisional"].sum() == report.provisional
    assert total["on_time_share"] == report.on_time_share
    assert [cell(v) is None for v in frame["on_time_share"]] == [
        n == 0 for n in frame["completed_in_period"]
    ]
    assert_only_headers_differ(to_frame(report, lang="zh"), frame)

    statuses = to_frame(report.statuses, cls=SlaStatus)
    assert column(statuses, "request_id") == [s.request_id for s in report.statuses]
    assert column(statuses, "stage") == [s.stage.value for s in report.statuses]
    assert column(statuses, "due_on") == [s.due_on for s in report.statuses]
    assert column(statuses, "closed_on") == [s.closed_on for s in report.statuses]
    assert column(statuses, "remaining") == [s.remaining for s in report.statuses]
    assert column(statuses, "warning") == [s.warning for s in report.statuses]
    assert statuses["due_on"].dtype == "datetime64[ns]"
    assert statuses["remaining"].dtype == "int64"


def test_a_backlog_of_nothing_keeps_its_columns() -> None:
    frame = to_frame(report_from_statuses((), as_of=AS_OF))
    assert list(frame.columns) == BACKLOG_COLUMNS and frame.empty
    assert frame.attrs["total"]["open"] == 0
    assert frame.attrs["total"]["on_time_share"] is None
    assert frame["on_time_share"].dtype == "Float64"
    statuses = to_frame((), cls=SlaStatus)
    assert statuses.empty and "stage_label" in statuses.columns
    assert statuses["due_on"].dtype == "datetime64[ns]"


def test_the_sample_backlog_and_its_requests(sample: Dataset) -> None:
    report = backlog(sample, as_of=AS_OF, calendar=CAL)
    frame = to_frame(report).set_index("community_id")
    assert frame["breached"].sum() == len(report.breached) == 2
    statuses = to_frame(report.statuses)
    assert len(statuses) == len(report.statuses)
    stages = {"办理中", "中止计时", "按期办结", "超期办结", "已超期", "已撤销"}
    assert set(statuses["stage_label"]) <= stages
    # A nested record is spread over prefixed columns, its lists counted: no reprs.
    assert statuses["deadline_limit_unit"].iloc[0] == "working_days"
    assert statuses["deadline_pauses_count"].dtype == "int64"
    assert not any(
        isinstance(v, str) and v.startswith(("Deadline(", "Pause("))
        for c in statuses.columns
        for v in statuses[c]
    )


def test_unjudged_requests_give_year_and_reason() -> None:
    # Requests of late December whose deadline needs next year's notice, not out yet.
    last = CAL.confirmed_through
    report = backlog(late_december(last), as_of=dt.date(last, 12, 31), calendar=CAL)
    frame = to_frame(report.unjudged)
    assert list(frame.columns) == [
        "request_id", "item_id", "community_id", "received_on", "as_of", "year", "reason",
    ]  # fmt: skip
    assert list(frame["request_id"]) == ["R2", "R3"]
    assert list(frame["year"]) == [last + 1] * 2 and frame["year"].dtype == "int64"
    assert list(frame["reason"]) == [u.reason("zh") for u in report.unjudged]
    per_community = to_frame(report).set_index("community_id")
    assert per_community.loc["A", "unjudged"] == 2
    assert list(to_frame((), cls=UnjudgedRequest).columns) == list(frame.columns)


# -- visits, findings, the banner summary -------------------------------------------------


@settings(max_examples=10, deadline=None)
@given(
    datasets(hostile=True, min_residents=1, max_residents=6, max_visits=4),
    st.dates(dt.date(2016, 1, 1), dt.date(2025, 12, 31)),
)
def test_due_visits_and_findings_hold_exactly_their_figures(ds, as_of) -> None:
    due = must_visit(ds, as_of=as_of)
    frame = to_frame(due, cls=DueVisit, reveal=True)
    assert len(frame) == len(due)
    assert column(frame, "resident_id") == [v.resident_id for v in due]
    assert column(frame, "reasons") == [",".join(k.value for k in v.reasons) for v in due]
    labels = ["、".join(k.label("zh") for k in v.reasons) for v in due]
    assert column(frame, "reasons_label") == labels
    assert column(frame, "due_on") == [v.due_on for v in due]
    assert column(frame, "last_visited_on") == [v.last_visited_on for v in due]
    assert column(frame, "overdue_days") == [v.overdue_days for v in due]
    assert column(frame, "risk") == [v.risk.value for v in due]
    assert frame["overdue_days"].dtype == "int64"

    found = check_dataset(ds, as_of=as_of, policy=seed_policy(as_of))
    findings = to_frame(found, reveal=True)
    assert len(findings) == len(found)
    assert column(findings, "rule") == [f.rule for f in found]
    assert column(findings, "severity") == [f.severity.value for f in found]
    assert column(findings, "basis_kind") == [f.basis.kind.value for f in found]
    numbers = (int, Decimal, Fraction)
    assert column(findings, "actual_value") == [
        float(f.actual) if isinstance(f.actual, numbers) and not isinstance(f.actual, bool)
        else None
        for f in found
    ]  # fmt: skip
    assert findings["actual_value"].dtype == "Float64"
    assert_only_headers_differ(to_frame(found, lang="zh", reveal=True), findings)


def test_no_finding_and_no_visit_keep_their_columns() -> None:
    findings = to_frame(Findings())
    assert findings.empty
    assert list(findings.columns[:4]) == ["rule", "subject_id", "severity", "severity_label"]
    assert {"actual", "actual_value", "basis", "basis_title"} <= set(findings.columns)
    assert list(to_frame([], cls=Finding).columns) == list(findings.columns)
    visits = to_frame([], cls=DueVisit)
    assert visits.empty and visits["due_on"].dtype == "datetime64[ns]"
    assert visits["priority"].dtype == "int64"


def test_the_banner_summary_is_one_row(sample: Dataset) -> None:
    figures = summary(sample, as_of=AS_OF)
    frame = to_frame(figures)
    assert list(frame.columns) == [a.name for a in attrs.fields(type(figures))]
    assert len(frame) == 1
    row = {k: cell(v) for k, v in frame.iloc[0].items()}
    assert row == attrs.asdict(figures)
    assert row["staff_total"] == 136  # the seed article's figure
    zh = to_frame(figures, lang="zh")
    assert list(zh.columns[:3]) == ["统计日期", "社区数", "社区工作人员"]
    assert_only_headers_differ(zh, frame)
    # A figure of nobody is missing, not zero, and the column stays numeric.
    nobody = to_frame(attrs.evolve(figures, secretary_mean_age=None, college_share=None))
    assert nobody["secretary_mean_age"].dtype == "Int64"
    assert nobody["college_share"].dtype == "Float64"
    assert nobody[["secretary_mean_age", "college_share"]].isna().all(axis=None)


# -- personal data, languages, other results ----------------------------------------------


@settings(max_examples=20)
@given(id_numbers())
def test_personal_numbers_are_masked_unless_revealed(number) -> None:
    full = number.reveal()
    visit = DueVisit(
        resident_id=full, household_id="H1", community_id="C1", grid_id=None,
        reasons=(AttentionKind.LONELY_ELDER,), due_on=AS_OF, last_visited_on=None,
        overdue_days=3, risk=RiskLevel.HIGH, priority=201,
    )  # fmt: skip
    shown = to_frame([visit])
    assert full not in shown.to_string() and full not in repr(shown.attrs)
    assert shown.loc[0, "resident_id"] != full
    assert to_frame([visit], reveal=True).loc[0, "resident_id"] == full


def test_english_labels_change_the_label_columns_only(sample: Dataset) -> None:
    due = must_visit(sample, as_of=AS_OF)
    zh, en = to_frame(due), to_frame(due, lang="en")
    assert list(en.columns) == list(zh.columns)
    labels = [c for c in zh.columns if c.endswith("_label")]
    assert labels == ["reasons_label", "risk_label"]
    pd.testing.assert_frame_equal(en.drop(columns=labels), zh.drop(columns=labels))
    assert set(en["risk_label"]) <= {r.label("en") for r in RiskLevel}


class Trend(LabelledEnum):
    UP = "up", "上升"
    DOWN = "down", "下降"


class Plain(enum.Enum):
    A = "a"


@attrs.frozen(kw_only=True)
class Rate:
    """A result a later issue could add (hotline rates, #18): no code of its own here."""

    community_id: str
    answered: int
    received: int
    share: Fraction | None
    fee: Decimal
    trend: Trend | None
    plain: Plain
    limit: TimeLimit
    since: dt.date | None
    request_ids: tuple[str, ...]
    limits: tuple[TimeLimit, ...] = ()
    flag: bool | None = None
    pair: tuple[int, int] = (0, 1)
    counts: tuple[int, ...] = ()
    number: IdNumber | None = None


def test_any_attrs_result_gets_its_frame_from_its_fields() -> None:
    rate = Rate(
        community_id="C1", answered=3, received=4, share=Fraction(3, 4), fee=Decimal("1.50"),
        trend=Trend.UP, plain=Plain.A, limit=TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS),
        since=dt.date(2024, 1, 2), request_ids=("Q1", "Q2"),
    )  # fmt: skip
    none = attrs.evolve(rate, share=None, trend=None, since=None, request_ids=())
    frame = to_frame([rate, none])
    assert list(frame.columns) == [
        "community_id", "answered", "received", "share", "fee", "trend", "trend_label",
        "plain", "plain_label", "limit_amount", "limit_unit", "limit_unit_label", "since",
        "request_ids", "limits_count", "flag", "pair", "counts", "number",
    ]  # fmt: skip
    assert dict(frame.dtypes.astype(str)) == {
        "community_id": "object", "answered": "int64", "received": "int64",
        "share": "Float64", "fee": "float64", "trend": "object", "trend_label": "object",
        "plain": "object", "plain_label": "object", "limit_amount": "int64",
        "limit_unit": "object", "limit_unit_label": "object", "since": "datetime64[ns]",
        "request_ids": "object", "limits_count": "int64", "flag": "boolean",
        "pair": "object", "counts": "object", "number": "object",
    }  # fmt: skip
    assert column(frame, "share") == [0.75, None]
    assert column(frame, "trend_label") == ["上升", None]
    assert column(frame, "request_ids") == ["Q1,Q2", ""]
    assert column(frame, "limit_unit_label") == ["工作日", "工作日"]
    assert column(frame, "pair") == [(0, 1), (0, 1)]
    # A personal number in a result is masked like any text, unless revealed.
    number = IdNumber("11010519491231002X")
    with_number = to_frame([attrs.evolve(rate, number=number), none])
    assert column(with_number, "number") == [str(number), None]
    assert str(number) != number.reveal()
    revealed = to_frame([attrs.evolve(rate, number=number)], reveal=True)
    assert column(revealed, "number") == [number.reveal()]
    # One result alone is one row; a header with no Chinese label keeps its name.
    one = to_frame(rate, lang="zh")
    assert len(one) == 1
    assert list(one.columns[:3]) == ["社区编号", "answered", "received"]
    assert "时限·单位名称" in one.columns


def test_what_is_neither_a_result_nor_records_is_refused() -> None:
    with pytest.raises(ValidationError) as e:
        to_frame(42)
    assert [p.code for p in e.value.problems] == ["invalid_argument"]
    with pytest.raises(ValidationError):
        to_frame(Findings(), lang="fr")  # type: ignore[arg-type]
    assert isinstance(report_from_statuses((), as_of=AS_OF), BacklogReport)
