"""Timestamps in files (#18): a work order's 受理时间 and its steps' times as an office
types them in CSV and Excel, and what ``save_dataset`` writes reading back equal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from shequ_core import (
    Dataset,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    Satisfaction,
    ServiceItem,
    ServiceRequest,
    TimeLimit,
    TimeUnit,
    Urgency,
)
from shequ_core.io import load_dataset, save_dataset
from tests.builders import community

T = dt.datetime
D = dt.date
UTC = dt.timezone.utc
K = RequestEventKind
HEADER = ["工单编号", "服务事项", "所属社区", "受理日期", "受理时间", "状态", "紧急程度"]


def _base() -> Dataset:
    item = ServiceItem(
        id="I1", name="12345 诉求办理", time_limit=TimeLimit(amount=2, unit=TimeUnit.HOURS)
    )
    return Dataset(communities=(community("c1"),), service_items=(item,))


def _dataset() -> Dataset:
    request = ServiceRequest(
        id="R1",
        item_id="I1",
        community_id="c1",
        received_on=D(2026, 3, 2),
        received_at=T(2026, 3, 2, 14, 5),
        status=RequestStatus.COMPLETED,
        completed_on=D(2026, 3, 3),
        urgency=Urgency.URGENT,
        events=(
            RequestEvent(
                on=D(2026, 3, 2), kind=K.ASSIGNED, unit="区城管委", at=T(2026, 3, 2, 14, 9)
            ),
            RequestEvent(
                on=D(2026, 3, 2), kind=K.RESPONDED, at=T(2026, 3, 2, 7, 30, 15, tzinfo=UTC)
            ),
            RequestEvent(on=D(2026, 3, 3), kind=K.COMPLETED, at=T(2026, 3, 3, 9, 0, 0, 250_000)),
            RequestEvent(
                on=D(2026, 3, 4),
                kind=K.REVISITED,
                satisfaction=Satisfaction.BASICALLY_SATISFIED,
                at=T(2026, 3, 4, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))),
            ),
        ),
    )
    base = _base()
    return Dataset(
        communities=base.communities, service_items=base.service_items, service_requests=(request,)
    )


@pytest.mark.parametrize(("fmt", "name"), [("csv", "folder"), ("xlsx", "banner.xlsx")])
def test_timestamps_round_trip_through_office_formats(tmp_path: Path, fmt: str, name: str) -> None:
    """Naive, UTC, +08:00 and a fraction of a second: all read back as written."""
    ds = _dataset()
    out = tmp_path / name
    save_dataset(ds, out, format=fmt)  # type: ignore[arg-type]
    back = load_dataset(out)
    assert back == ds
    [request] = back.service_requests  # type: ignore[union-attr]
    assert [e.at.utcoffset() for e in request.events if e.at] == [  # type: ignore[union-attr]
        e.at.utcoffset() for e in ds.service_requests[0].events if e.at
    ]


def test_zh_headers_round_trip(tmp_path: Path) -> None:
    ds = _dataset()
    save_dataset(ds, tmp_path / "zh.xlsx", format="xlsx", headers="zh")
    assert load_dataset(tmp_path / "zh.xlsx") == ds


@pytest.mark.parametrize(
    "cell",
    [
        "2026/3/2 14:05",
        "2026-03-02 14:05",
        "2026/3/2 14:05:00",
        "2026年3月2日 14时05分",
        "２０２６/3/2 14:05",
    ],
)
def test_a_csv_written_by_an_office(tmp_path: Path, cell: str) -> None:
    """受理时间 typed the way offices type it, under its Chinese header."""
    folder = tmp_path / "office"
    save_dataset(_base(), folder, format="csv")
    rows = [",".join(HEADER), f"R1,I1,c1,2026/3/2,{cell},办理中,紧急"]
    (folder / "service_requests.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    [request] = load_dataset(folder).service_requests  # type: ignore[union-attr]
    assert request.received_at == T(2026, 3, 2, 14, 5)
    assert request.urgency is Urgency.URGENT


def test_a_workbook_with_date_time_cells(tmp_path: Path) -> None:
    """An Excel date-time cell, and Excel's day number with its fraction of a day."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "service_requests"
    sheet.append(HEADER)
    sheet.append(
        ["R1", "I1", "c1", dt.datetime(2026, 3, 2), T(2026, 3, 2, 14, 5), "办理中", "一般"]
    )
    # 46083.5868055... is 2026-03-02 14:05 in Excel's 1900 date system.
    sheet.append(["R2", "I1", "c1", "2026-03-02", 46083 + (14 * 60 + 5) / 1440, "办理中", None])
    folder = tmp_path / "office"
    save_dataset(_base(), folder, format="csv")
    (folder / "service_requests.csv").unlink()
    book.save(folder / "service_requests.xlsx")
    requests = load_dataset(folder).service_requests  # type: ignore[union-attr]
    assert [(r.id, r.received_at) for r in requests] == [
        ("R1", T(2026, 3, 2, 14, 5)),
        ("R2", T(2026, 3, 2, 14, 5)),
    ]


@pytest.mark.parametrize("cell", ["2026/3/2", "14:05", "2026/3/2 25:00", "2026/2/30 14:05"])
def test_a_timestamp_cell_without_a_time_or_a_calendar_day_is_refused(
    tmp_path: Path, cell: str
) -> None:
    folder = tmp_path / "office"
    save_dataset(_base(), folder, format="csv")
    rows = [",".join(HEADER), f"R1,I1,c1,2026/3/2,{cell},办理中,紧急"]
    (folder / "service_requests.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = load_dataset(folder, errors="collect")
    assert [(p.loc, p.code) for p in result.problems] == [(("received_at",), "invalid_value")]
    assert result.problems[0].message_zh.startswith("不是")


def test_a_timestamp_on_another_day_than_received_on_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    save_dataset(_base(), folder, format="csv")
    rows = [",".join(HEADER), "R1,I1,c1,2026/3/2,2026/3/3 08:00,办理中,紧急"]
    (folder / "service_requests.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = load_dataset(folder, errors="collect")
    assert [(p.loc, p.code) for p in result.problems] == [(("received_at",), "inconsistent")]
    assert result.problems[0].message_zh == "受理时间（北京时间）必须在受理日期当天"


def test_timestamps_round_trip_through_data_frames() -> None:
    """to_frames keeps each timestamp (naive, UTC, +08:00) and from_frames reads it back."""
    from shequ_core.extra.pandas import from_frames, to_frames

    ds = _dataset()
    frames = to_frames(ds, reveal=True)
    assert from_frames(frames) == ds
    ats = [e.at for e in from_frames(frames).service_requests[0].events]
    assert [a.utcoffset() if a else None for a in ats] == [
        e.at.utcoffset() if e.at else None for e in ds.service_requests[0].events
    ]


EXPORT = ["工单编号", "服务事项", "所属社区", "受理时间", "紧急程度", "状态", "办结日期"]
EXPORT_ROWS = [
    ["GD001", "I1", "c1", "2026/3/2 23:05", "紧急", "办理中", ""],
    ["GD002", "I1", "c1", "2026-03-02 09:30:12", "咨询", "办结", "2026/3/2"],
    ["GD003", "I1", "c1", "2026年3月3日 8时00分", "一般", "已受理", ""],
]


def _received(requests: object) -> list[tuple[str, D, T, Urgency]]:
    return [(r.id, r.received_on, r.received_at, r.urgency) for r in requests]  # type: ignore[attr-defined]


EXPECTED = [
    ("GD001", D(2026, 3, 2), T(2026, 3, 2, 23, 5), Urgency.URGENT),
    ("GD002", D(2026, 3, 2), T(2026, 3, 2, 9, 30, 12), Urgency.CONSULTATION),
    ("GD003", D(2026, 3, 3), T(2026, 3, 3, 8, 0), Urgency.NORMAL),
]


def test_a_hotline_export_in_gb18030_with_only_a_receipt_time(tmp_path: Path) -> None:
    """A 12345 back end's export: GB18030, CRLF, 受理时间 and no 受理日期 column; the
    day of receipt is the Beijing day of the time."""
    folder = tmp_path / "office"
    save_dataset(_base(), folder, format="csv")
    text = "\r\n".join(",".join(r) for r in [EXPORT, *EXPORT_ROWS]) + "\r\n"
    (folder / "service_requests.csv").write_bytes(text.encode("gb18030"))
    assert _received(load_dataset(folder).service_requests) == EXPECTED  # type: ignore[union-attr]


def test_a_hotline_export_workbook_with_only_a_receipt_time(tmp_path: Path) -> None:
    """The same as an .xlsx sheet, the time as an Excel date-time cell."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "service_requests"
    sheet.append(EXPORT)
    for (rid, _, at, _), row in zip(EXPECTED, EXPORT_ROWS, strict=True):
        sheet.append([rid, "I1", "c1", at, row[4], row[5], row[6] or None])
    folder = tmp_path / "office"
    save_dataset(_base(), folder, format="csv")
    (folder / "service_requests.csv").unlink()
    book.save(folder / "service_requests.xlsx")
    assert _received(load_dataset(folder).service_requests) == EXPECTED  # type: ignore[union-attr]


def test_an_export_without_receipt_day_or_time_still_names_the_missing_column(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "office"
    save_dataset(_base(), folder, format="csv")
    rows = [[c for i, c in enumerate(r) if i != 3] for r in [EXPORT, *EXPORT_ROWS]]
    (folder / "service_requests.csv").write_text("\n".join(",".join(r) for r in rows) + "\n")
    result = load_dataset(folder, errors="collect")
    assert {(p.loc, p.code) for p in result.problems} == {(("received_on",), "required")}


def test_a_bad_receipt_time_is_the_only_problem_of_its_row(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    save_dataset(_base(), folder, format="csv")
    rows = [EXPORT, ["GD001", "I1", "c1", "2026/2/30 14:05", "紧急", "办理中", ""]]
    (folder / "service_requests.csv").write_text("\n".join(",".join(r) for r in rows) + "\n")
    result = load_dataset(folder, errors="collect")
    assert [(p.loc, p.code) for p in result.problems] == [(("received_at",), "invalid_value")]


def test_an_export_s_statuses_as_the_back_end_spells_them(tmp_path: Path) -> None:
    """12345 systems write 已办结 and 已中止 where the labels are 办结 and 中止."""
    folder = tmp_path / "office"
    save_dataset(_base(), folder, format="csv")
    rows = [
        EXPORT,
        ["GD1", "I1", "c1", "2026/3/2 14:05", "紧急", "已办结", "2026/3/2"],
        ["GD2", "I1", "c1", "2026/3/2 14:05", "一般", "已中止", ""],
    ]
    (folder / "service_requests.csv").write_bytes(
        "\r\n".join(",".join(r) for r in rows).encode("gb18030")
    )
    requests = load_dataset(folder).service_requests  # type: ignore[union-attr]
    assert [r.status for r in requests] == [RequestStatus.COMPLETED, RequestStatus.SUSPENDED]
