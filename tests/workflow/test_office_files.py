"""Histories as an office's files hold them: a 12345 export's work orders in a GB18030
CSV and a mediation register's cases in a workbook, Chinese headers, each record's
办理记录 (its events) keyed and valued as people type them (日期 2026/3/2, 类型 派单,
时间 2026/3/2 14:05). ``load_dataset(errors="collect")`` keeps the good rows and sets
aside each history the tables forbid, with its file, line and column."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from openpyxl import Workbook

from shequ_core import (
    CaseEventKind,
    Dataset,
    DisputeStatus,
    RequestEventKind,
    Satisfaction,
    ServiceItem,
    TimeLimit,
    TimeUnit,
)
from shequ_core.io import load_dataset, save_dataset
from tests.builders import community

K = RequestEventKind


def _base(folder: Path) -> None:
    item = ServiceItem(
        id="I1", name="12345 诉求办理", time_limit=TimeLimit(amount=2, unit=TimeUnit.HOURS)
    )
    ds = Dataset(communities=(community("c1"),), service_items=(item,))
    save_dataset(ds, folder, format="csv")


def _log(*steps: dict[str, str]) -> str:
    return json.dumps(list(steps), ensure_ascii=False)


ORDERS = [
    ["工单编号", "服务事项", "所属社区", "受理时间", "状态", "办结日期", "办理记录"],
    [
        "GD001",
        "I1",
        "c1",
        "2026/3/2 14:05",
        "已办结",
        "2026/3/3",
        _log(
            {"日期": "2026/3/2", "类型": "派单", "承办单位": "区城管委", "时间": "2026/3/2 14:09"},
            {"日期": "2026/3/2", "类型": "响应", "时间": "2026/3/2 15:30"},
            {"日期": "2026/3/3", "类型": "办结", "时间": "2026年3月3日 9时00分"},
            {"日期": "2026/3/4", "类型": "回访", "满意度": "满意", "时间": "2026/3/4 10:00"},
        ),
    ],
    # 退单 after 办结: a unit returns only an order it has not done
    [
        "GD002",
        "I1",
        "c1",
        "2026/3/2 16:20",
        "办结",
        "2026/3/3",
        _log(
            {"日期": "2026/3/2", "类型": "派单", "承办单位": "街道办"},
            {"日期": "2026/3/3", "类型": "办结"},
            {"日期": "2026/3/4", "类型": "退单"},
        ),
    ],
    # 重办 with no 回访 before it
    [
        "GD003",
        "I1",
        "c1",
        "2026/3/3 8:00",
        "已派单",
        "",
        _log(
            {"日期": "2026/3/3", "类型": "开始办理"},
            {"日期": "2026/3/4", "类型": "办结"},
            {"日期": "2026/3/5", "类型": "重办"},
        ),
    ],
    ["GD004", "I1", "c1", "2026/3/3 9:15", "已受理", "", ""],
]


def test_a_12345_export_in_gb18030_sets_aside_the_forbidden_histories(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    _base(folder)
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(ORDERS)
    (folder / "service_requests.csv").write_bytes(text.getvalue().encode("gb18030"))
    result = load_dataset(folder, errors="collect")
    assert [(p.file, p.line, p.column, p.loc, p.code) for p in result.problems] == [
        ("service_requests.csv", 3, "办理记录", ("events", 2, "kind"), "forbidden_transition"),
        ("service_requests.csv", 4, "办理记录", ("events", 2, "kind"), "forbidden_transition"),
    ]
    assert str(result.problems[0]) == (
        "service_requests.csv:3: events[2].kind: "
        "the event returned (退单) cannot follow completed (办结)"
    )
    assert result.problems[0].render("zh") == (
        "service_requests.csv 第 3 行“办理记录”列第 3 条（kind）：办理流程中“办结”之后不能“退单”"
    )
    assert result.problems[1].message_zh == "“重办”之前须先“回访”（自上一次“重办”以来）"
    good, untouched = result.dataset.service_requests
    assert (good.id, untouched.id) == ("GD001", "GD004")
    assert [e.kind for e in good.events] == [K.ASSIGNED, K.RESPONDED, K.COMPLETED, K.REVISITED]
    assert good.events[0].unit == "区城管委"
    assert good.events[0].at == dt.datetime(2026, 3, 2, 14, 9)
    assert good.events[2].at == dt.datetime(2026, 3, 3, 9, 0)
    assert good.events[3].satisfaction is Satisfaction.SATISFIED


def test_a_step_dated_twice_in_one_record_is_refused_not_read_as_either(tmp_path: Path) -> None:
    # A clerk's 办理记录 with the day under both its field name and its label: which one
    # is meant cannot be known, so neither is read (a header row's column twice, the same).
    folder = tmp_path / "office"
    _base(folder)
    rows = [
        ORDERS[0],
        ["GD005", "I1", "c1", "2026/3/2 14:05", "已派单", "",
         _log({"on": "2026-03-02", "日期": "2026/3/5", "类型": "派单"})],
        ORDERS[4],
    ]  # fmt: skip
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    (folder / "service_requests.csv").write_bytes(text.getvalue().encode("gb18030"))
    result = load_dataset(folder, errors="collect")
    assert [(p.line, p.column, p.loc, p.code) for p in result.problems] == [
        (2, "办理记录", ("events", 0, "on"), "duplicate_key")
    ]
    assert result.problems[0].render("zh") == (
        "service_requests.csv 第 2 行“办理记录”列第 1 条（on）：在同一个对象中出现了两次"
    )
    assert [r.id for r in result.dataset.service_requests] == ["GD004"]


def test_a_mediation_register_workbook_sets_aside_the_forbidden_histories(
    tmp_path: Path,
) -> None:
    D, C = DisputeStatus, CaseEventKind
    folder = tmp_path / "office"
    _base(folder)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "矛盾纠纷"
    sheet.append(
        ["案件编号", "所属社区", "纠纷类别", "当事人", "受理日期", "状态", "办理记录", "结案日期"]
    )
    parties = _log({"姓名": "张三"}, {"姓名": "李四"})
    agreed = [
        {"日期": "2026/3/2", "状态": "调解中"},
        {"日期": "2026/3/9", "状态": "达成协议"},
        {"日期": "2026/3/10", "状态": "达成协议", "事项": "申请司法确认"},
        {"日期": "2026/3/20", "状态": "达成协议", "事项": "司法确认"},
    ]
    closed = dt.datetime(2026, 4, 1)
    sheet.append(
        ["TJ1", "c1", "邻里纠纷", parties, dt.datetime(2026, 3, 2), "结案",
         _log(*agreed, {"日期": "2026/4/1", "状态": "结案"}), closed]
    )  # fmt: skip
    # mediation failing after its agreement (人民调解法 第28条: the agreement ends it)
    sheet.append(
        ["TJ2", "c1", "物业纠纷", parties, "2026/3/2", "调解不成",
         _log(*agreed[:2], {"日期": "2026/3/12", "状态": "调解不成"}), None]
    )  # fmt: skip
    # a follow-up (回访) after the case was closed: the case is closed last
    sheet.append(
        ["TJ3", "c1", "邻里纠纷", parties, "2026.3.2", "结案",
         _log(*agreed[:2], {"日期": "2026/3/30", "状态": "结案"},
              {"日期": "2026/3/31", "状态": "结案", "事项": "回访"}), "2026/3/31"]
    )  # fmt: skip
    (folder / "dispute_cases.csv").unlink()
    book.save(folder / "dispute_cases.xlsx")
    result = load_dataset(folder, errors="collect")
    assert [(p.file, p.line, p.column, p.loc) for p in result.problems] == [
        ("dispute_cases.xlsx", 3, "办理记录", ("events", 2, "status")),
        ("dispute_cases.xlsx", 4, "办理记录", ("events", 3, "kind")),
    ]
    assert {p.code for p in result.problems} == {"forbidden_transition"}
    assert result.problems[0].message_zh == "办理流程中状态不能从“达成协议”改为“调解不成”"
    (kept,) = result.dataset.dispute_cases
    assert kept.id == "TJ1" and kept.closed_on == closed.date()
    assert [(e.status, e.kind) for e in kept.events] == [
        (D.MEDIATING, None),
        (D.AGREEMENT_REACHED, None),
        (D.AGREEMENT_REACHED, C.CONFIRMATION_APPLIED),
        (D.AGREEMENT_REACHED, C.CONFIRMED),
        (D.CLOSED, None),
    ]
