"""``shequ report`` and ``to_frame`` on data a user brings, not data our writer made:
a dataset folder whose roster is an office's GB18030 CSV (Chinese headers, 男/女, dates
typed 1952/5/6, a 15-digit identity number, a resident known by their identity number),
the same roster in an Excel workbook with Chinese sheet names (the community named
with its contact phone), and hostile datasets of
the strategies. Each runs without a traceback and shows no personal number in full."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from shequ_core.calendar import china_calendar
from shequ_core.entities import Dataset
from shequ_core.extra.pandas import to_frame
from shequ_core.io import load_dataset, save_dataset
from shequ_core.policy import national_policy
from shequ_core.rules import check_dataset
from shequ_core.rules.assessment import scorecard, summary
from shequ_core.rules.sla import backlog
from shequ_core.rules.visiting import must_visit
from shequ_core.strategies import datasets
from tests.builders import office_folder
from tests.leaks import hits, needles, run_cli, spellings, whole_numbers
from tests.report.conftest import parse

pytest.importorskip("jinja2")
pytest.importorskip("matplotlib")
pytest.importorskip("pandas")

AS_OF = dt.date(2017, 12, 31)
#: A resident whose id is their identity number (as some offices key their rosters).
KEYED_BY_NUMBER = "150926195001010015"
MOBILE = "13812345678"
HEADER = "序号,居民编号,所属社区,户号,姓名,性别,身份证号码,出生年月,手机号,户口性质,重点关注,备注"
#: An empty-nest elder, never visited: on the must-visit list, by their id.
ELDER = '"[{""kind"": ""empty_nest_elder"", ""since"": ""2015-05-01""}]"'
ROWS = [
    f"1,r1,c1,h1,张三,男,150926520506123,1952/5/6,{MOBILE},户籍,,",
    "2,r2,c1,h1,李四,女,,1960年3月1日,,流动,,外地",
    f"3,{KEYED_BY_NUMBER},c1,h2,王五,男,{KEYED_BY_NUMBER},1950-01-01,,户籍,{ELDER},",
]


def _gb18030_folder(tmp_path: Path) -> Path:
    folder = office_folder(tmp_path / "banner")
    data = "\r\n".join([HEADER, *ROWS]).encode("gb18030") + b"\r\n"
    (folder / "居民.csv").write_bytes(data)
    return folder


def _workbook(tmp_path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "社区"
    sheet.append(["社区编号", "社区名称", "所属镇/街道", "社区类型", "户数", "人口数"])
    sheet.append(["c1", f"茶尤乾旗社区（电话{MOBILE}）", "土贵乌拉镇", "普通社区", 2, 9])
    homes = book.create_sheet("户")
    homes.append(["户编号", "所属社区", "住址"])
    homes.append(["h1", "c1", "幸福路1号"])
    homes.append(["h2", "c1", "幸福路2号"])
    people = book.create_sheet("居民")
    people.append(["茶尤乾旗社区居民花名册"])
    for row in csv.reader([HEADER, *ROWS]):
        people.append(row)
    path = tmp_path / "花名册.xlsx"
    book.save(path)
    return path


def _secrets(ds: Dataset) -> set[str]:
    return needles(ds) | spellings(KEYED_BY_NUMBER) | spellings(MOBILE)


def _frames_text(ds: Dataset) -> str:
    """Every cell of every result frame of ``ds``, as text."""
    policy = national_policy(AS_OF)
    card = scorecard(ds, as_of=AS_OF, policy=policy)
    results = [
        card,
        card.findings,
        backlog(ds, as_of=AS_OF, calendar=china_calendar()),
        summary(ds, as_of=AS_OF),
    ]
    frames = [to_frame(r) for r in results]
    frames.append(to_frame(must_visit(ds, as_of=AS_OF)))
    frames.append(to_frame(list(check_dataset(ds, as_of=AS_OF, policy=policy))))
    frames += [to_frame(r, lang="zh") for r in results]
    return "\n".join(f.to_csv() + repr(f.attrs) for f in frames)


def _report(path: Path, tmp_path: Path, *extra: str) -> str:
    out = tmp_path / "report.html"
    code, said = run_cli("report", str(path), "--as-of", str(AS_OF), "-o", str(out), *extra)
    assert "Traceback" not in said
    assert code in (0, 2), said
    assert said.splitlines()[0] in (f"已写入报告 {out}", f"wrote the report to {out}")
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("source", [_gb18030_folder, _workbook], ids=["gb18030", "xlsx"])
def test_an_offices_roster_reports_and_frames_masked(source, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = source(tmp_path)
    ds = load_dataset(path)
    assert {r.id for r in ds.residents} == {"r1", "r2", KEYED_BY_NUMBER}
    page = _report(path, tmp_path, "--lang", "zh")
    secret = _secrets(ds)
    assert hits("\n".join(parse(page).words), secret) == []
    assert hits(page, {KEYED_BY_NUMBER, MOBILE}) == []
    assert "一、全旗概况" in page and "1509**************" in page
    assert hits(_frames_text(ds), secret) == []


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(ds=datasets(hostile=True, min_communities=1, max_communities=3))
def test_a_hostile_dataset_reports_and_frames_masked(ds: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    save_dataset(ds, path)
    page = _report(path, tmp_path, "--lang", "en")
    secret = whole_numbers(ds)
    assert hits("\n".join(parse(page).words), secret) == []
    assert hits(_frames_text(ds), secret) == []


def test_a_profile_named_with_a_phone_number_is_masked_in_the_report() -> None:
    """A profile file is the user's text too: its name is masked in the Report (which
    says it holds only masked text), not only by the page's last masking."""
    import attrs

    from shequ_core.datasets import load_chayouqianqi
    from shequ_core.report import build_report

    profile = attrs.evolve(national_policy(AS_OF), name=f"街道标准（联系人{MOBILE}）")
    report = build_report(load_chayouqianqi(), as_of=AS_OF, policy=profile)
    assert report.policy_name == "街道标准（联系人138****5678）"
