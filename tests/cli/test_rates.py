"""``shequ rates``: the three rates and the 化解率 of a dataset file, under a profile
named or loaded from a file; a profile it does not know is a usage error."""

from __future__ import annotations

import datetime as dt
import json
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
