"""``shequ rates``: the three rates and the 化解率 of a dataset file, under a profile
named or loaded from a file; a profile it does not know is a usage error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import shequ_core.datasets
from shequ_core.cli import main
from shequ_core.policy import JINAN_2018, dump_policy

SAMPLE = str(Path(shequ_core.datasets.__file__).parent / "chayouqianqi.json")
PERIOD = ["--start", "2014-01-01", "--end", "2017-12-31", "--as-of", "2017-12-31"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["rates", SAMPLE, *PERIOD, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_gives_each_rate_with_its_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    total = doc["hotline_rates"][-1]
    assert total["community"] == "total"
    assert total["resolution_numerator"] == 383  # the article's 383 requests completed
    assert total["resolution_rate"] == 1.0
    assert 0 < total["satisfaction_rate"] < 1
    assert doc["resolution_rate"][-1]["resolved"] == 67  # 共化解各类矛盾67件


def test_a_profile_file_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "city.toml"
    dump_policy(JINAN_2018, path)
    code, out, _ = run(capsys, "--profile", str(path), "--lang", "zh")
    assert code == 0
    assert "济南市12345市民服务热线条例" in out and "化解率" in out


def test_an_unknown_profile_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--profile", "shanghai")
    assert code == 2
    assert "jinan-2018" in err and "Traceback" not in err
