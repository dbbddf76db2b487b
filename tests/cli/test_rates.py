"""``shequ rates``: the three rates and the 化解率 of a dataset file, under a profile
named or loaded from a file; a profile it does not know is a usage error."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from shequ_core.cli import main
from shequ_core.entities import CaseEvent, DisputeStatus
from shequ_core.io import save_dataset
from shequ_core.policy import JINAN_2018, dump_policy
from tests.rules import test_hotline as hotline
from tests.rules.test_mediation import agreed, case

PERIOD = ["--start", "2018-01-01", "--end", "2018-12-31", "--as-of", "2018-12-31"]


@pytest.fixture(scope="module")
def orders(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The rates tests' five orders (Jinan's profile: 1/3 of each rate) and two cases."""
    ds = hotline._ds(*hotline.TestRates().orders())
    failed = CaseEvent(on=dt.date(2018, 5, 3), status=DisputeStatus.FAILED)
    cases = (
        case(dt.date(2018, 5, 1), agreed(dt.date(2018, 5, 2))),
        case(dt.date(2018, 5, 1), failed, cid="k2"),
    )
    path = tmp_path_factory.mktemp("rates") / "orders.json"
    save_dataset(ds.replace(dispute_cases=cases), path)
    return str(path)


def run(capsys: pytest.CaptureFixture[str], path: str, *args: str) -> tuple[int, str, str]:
    code = main(["rates", path, *PERIOD, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_gives_each_rate_with_its_counts(
    capsys: pytest.CaptureFixture[str], orders: str
) -> None:
    code, out, _ = run(capsys, orders, "--format", "json", "--profile", "jinan-2018")
    assert code == 0
    doc = json.loads(out)
    total = doc["hotline_rates"][-1]
    assert total["community"] == "total"
    assert (total["orders"], total["resolution_numerator"], total["resolution_denominator"]) == (
        4,
        1,
        3,
    )
    assert total["response_rate"] == pytest.approx(1 / 3)
    assert doc["resolution_rate"][-1] == {
        "community": "total",
        "rate": 0.5,
        "resolved": 1,
        "received": 2,
    }


def test_a_profile_file_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, orders: str
) -> None:
    path = tmp_path / "city.toml"
    dump_policy(JINAN_2018, path)
    code, out, _ = run(capsys, orders, "--profile", str(path), "--lang", "zh")
    assert code == 0
    assert "济南市12345市民服务热线条例" in out and "化解率" in out


def test_an_unknown_profile_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], orders: str
) -> None:
    code, _, err = run(capsys, orders, "--profile", "shanghai")
    assert code == 2
    assert "jinan-2018" in err and "Traceback" not in err


# -- a 12345 export as an office writes it ------------------------------------------------

COMMUNITIES = [
    ["社区编号", "社区名称", "所属镇/街道", "社区类型", "户数", "人口数"],
    ["C01", "新区社区", "土贵乌拉镇", "普通社区", "1200", "3500"],
    ["C02", "和谐社区", "土贵乌拉镇", "普通社区", "800", "2100"],
]
ITEMS = [
    ["事项编号", "事项名称", "办理时限"],
    ["RX", "12345工单", '{"amount":5,"unit":"working_days"}'],
]
ORDERS = ["工单编号", "服务事项", "所属社区", "受理时间", "状态", "紧急程度", "办结日期"]
ROWS = [
    # done on the second working day: answered and resolved in time
    ["GD1", "RX", "C01", "2018/10/8 9:30", "已办结", "一般", "2018/10/10"],
    # never answered, the five working days (to 15 October) long past
    ["GD2", "RX", "C01", "2018年10月8日 10时00分", "办理中", "紧急", ""],
    # done on 20 October, after its fifth working day (the 16th): answered late
    ["GD3", "RX", "C02", "2018-10-09 11:00:00", "已办结", "咨询", "2018/10/20"],
]


def _csv(rows: list[list[str]]) -> bytes:
    def cell(c: str) -> str:
        return '"' + c.replace('"', '""') + '"' if "," in c or '"' in c else c

    return "".join(",".join(map(cell, r)) + "\r\n" for r in rows).encode("gb18030")


def _folder(tmp_path: Path, rows: list[list[str]]) -> str:
    """A GB18030 folder with Chinese file names and headers, CRLF lines."""
    folder = tmp_path / "12345导出"
    folder.mkdir()
    (folder / "社区.csv").write_bytes(_csv(COMMUNITIES))
    (folder / "服务事项.csv").write_bytes(_csv(ITEMS))
    (folder / "服务工单.csv").write_bytes(_csv([ORDERS, *rows]))
    return str(folder)


def _book(
    tmp_path: Path, rows: Sequence[Sequence[object]], header: list[str] | None = ORDERS
) -> str:
    from openpyxl import Workbook

    book = Workbook()
    orders: list[Sequence[object]] = [] if header is None else [header]
    orders += rows
    sheets: list[tuple[str, Sequence[Sequence[object]]]] = [
        ("社区", COMMUNITIES),
        ("服务事项", ITEMS),
        ("服务工单", orders),
    ]
    for i, (title, data) in enumerate(sheets):
        sheet = book.active if i == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = title
        for row in data:
            sheet.append(list(row))
    path = tmp_path / "12345工单.xlsx"
    book.save(path)
    return str(path)


def _counts(out: str) -> dict[str, tuple[int, ...]]:
    doc = json.loads(out)
    return {
        r["community"]: (
            r["orders"],
            r["response_numerator"],
            r["response_denominator"],
            r["resolution_numerator"],
            r["resolution_denominator"],
        )
        for r in doc["hotline_rates"]
    }


EXPORT_PERIOD = ["--start", "2018-10-01", "--end", "2018-10-31", "--as-of", "2018-10-31"]
EXPECTED = {"C01": (2, 1, 2, 1, 2), "C02": (1, 0, 1, 1, 1), "total": (3, 1, 3, 2, 3)}


def _rates(capsys: pytest.CaptureFixture[str], path: str) -> tuple[int, str, str]:
    args = ["rates", path, *EXPORT_PERIOD, "--profile", "jinan-2018", "--format", "json"]
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_gb18030_export_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """受理时间 typed three ways, 已办结 and 办理中, 紧急/一般/咨询, a 办结日期 and no events:
    a completed order answered its caller when it was done."""
    code, out, err = _rates(capsys, _folder(tmp_path, ROWS))
    assert (code, err) == (0, "")
    assert _counts(out) == EXPECTED


def test_an_xlsx_export_with_date_time_cells_and_events(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The same orders in a workbook: 受理时间 as Excel date-time cells, the status under
    工单状态; GD2 dispatched, sent back (退单), dispatched again and answered on the 12th."""
    events = json.dumps(
        [
            {
                "on": "2018-10-08",
                "kind": "assigned",
                "unit": "区城管委",
                "at": "2018-10-08T10:20:00",
            },
            {"on": "2018-10-09", "kind": "returned", "unit": "区城管委"},
            {"on": "2018-10-09", "kind": "reassigned", "unit": "街道办事处"},
            {"on": "2018-10-12", "kind": "responded", "at": "2018-10-12T16:00:00"},
        ]
    )
    header = [*ORDERS, "办理记录"]
    header[4] = "工单状态"  # as 12345 back ends head the column
    rows = [
        [
            "GD1",
            "RX",
            "C01",
            dt.datetime(2018, 10, 8, 9, 30),
            "已办结",
            "一般",
            dt.datetime(2018, 10, 10),
            None,
        ],
        ["GD2", "RX", "C01", dt.datetime(2018, 10, 8, 10), "已派单", "紧急", None, events],
        [
            "GD3",
            "RX",
            "C02",
            dt.datetime(2018, 10, 9, 11),
            "已办结",
            "咨询",
            dt.datetime(2018, 10, 20),
            None,
        ],
    ]
    code, out, err = _rates(capsys, _book(tmp_path, rows, header))
    assert (code, err) == (0, "")
    assert _counts(out)["C01"] == (2, 2, 2, 1, 2)  # GD2 answered by its fifth working day


@pytest.mark.parametrize("header", [ORDERS, None], ids=["header-only", "blank"])
def test_an_empty_orders_sheet_has_no_rates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, header: list[str] | None
) -> None:
    code, out, err = _rates(capsys, _book(tmp_path, [], header))
    assert (code, err) == (0, "")
    assert _counts(out) == {"total": (0, 0, 0, 0, 0)}


@pytest.mark.parametrize("cell", ["昨天上午", "2018/10/8 25:00", "#VALUE!"])
def test_a_receipt_time_that_is_no_time_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, cell: str
) -> None:
    rows = [*ROWS, ["GD4", "RX", "C02", cell, "办理中", "一般", ""]]
    code, out, err = _rates(capsys, _folder(tmp_path, rows))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "服务工单.csv:5: received_at" in err  # the file, its line and the field


def test_a_return_call_written_in_chinese_in_the_events_is_rated(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The 办理记录 cell as an office writes it: Chinese keys and labels (回访, 满意),
    a typed date; read as the rows are, and the caller's 满意 counted."""
    events = [
        {"日期": "2018/10/10", "类型": "办结"},
        {"日期": "2018/10/11", "类型": "回访", "满意度": "满意"},
    ]
    rows = [[*ROWS[0], json.dumps(events, ensure_ascii=False)], *([*r, ""] for r in ROWS[1:])]
    code, out, err = _rates(capsys, _book(tmp_path, rows, [*ORDERS, "办理记录"]))
    assert (code, err) == (0, "")
    assert _counts(out) == EXPECTED
    total = next(r for r in json.loads(out)["hotline_rates"] if r["community"] == "total")
    assert (total["satisfaction_numerator"], total["satisfaction_denominator"]) == (1, 1)


def test_a_history_the_table_forbids_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A 回访 straight after 受理 (no 办结): refused, naming the step and the row."""
    events = json.dumps([{"日期": "2018/10/11", "类型": "回访", "满意度": "满意"}])
    code, out, err = _rates(capsys, _book(tmp_path, [[*ROWS[1], events]], [*ORDERS, "办理记录"]))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "[服务工单]:2: events[0].kind" in err and "回访" in err


def test_good_rows_are_kept_when_collecting(tmp_path: Path) -> None:
    """The library keeps the good rows of an export with a bad one, and rates them."""
    from shequ_core.calendar import china_calendar
    from shequ_core.io import load_dataset
    from shequ_core.rules.hotline import hotline_rates

    rows = [*ROWS, ["GD4", "RX", "C02", "昨天上午", "办理中", "一般", ""]]
    result = load_dataset(_folder(tmp_path, rows), errors="collect")
    assert [(p.line, p.loc) for p in result.problems] == [(5, ("received_at",))]
    r = hotline_rates(
        result.dataset,
        start=dt.date(2018, 10, 1),
        end=dt.date(2018, 10, 31),
        as_of=dt.date(2018, 10, 31),
        policy=JINAN_2018,
        calendar=china_calendar(),
    )
    assert (r.total.orders, r.total.response.numerator, r.total.resolution.numerator) == (3, 1, 2)


@pytest.mark.parametrize(
    "text",
    [
        'kind = "visit"\n',
        'kind = "hotline"\nname = "x"\n[response.urgent]\nlimit = { amount = -2, unit = "h" }\n',
    ],
    ids=["another-kind", "a-bad-limit"],
)
def test_a_profile_file_it_refuses_is_a_bad_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, orders: str, text: str
) -> None:
    """A bad --profile file is the command's failure (2), not a finding in the data (1)."""
    path = tmp_path / "city.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, orders, "--profile", str(path))
    assert (code, out) == (2, "")
    assert err.startswith("shequ: error: --profile: ") and err.count("\n") == 1
    assert "validate" not in err
