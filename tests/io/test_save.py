"""``save_dataset``: the formats it knows, and the same bytes for the same input whatever
the hash seed.

Sets and dicts iterate in an order that depends on ``PYTHONHASHSEED`` for strings; a
library that let that order reach its output would write a different file, or list
must-visit residents in a different order, on every run. Two subprocesses with
different seeds save the sample banner (whose records hold sets of strings) and a
generated dataset in every format, run the rules and the command's machine-readable
output, and every byte is compared.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from shequ_core import Dataset
from shequ_core import strategies as sst
from shequ_core.io import save_dataset

SCRIPT = r"""
import contextlib, datetime as dt, io, sys
from pathlib import Path
from shequ_core.calendar import china_calendar
from shequ_core.cli import main
from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import load_dataset, save_dataset
from shequ_core.policy import seed_policy
from shequ_core.rules.assessment import scorecard, summary
from shequ_core.rules.sla import backlog, sla_status
from shequ_core.rules.visiting import assign_visits, must_visit
from shequ_core.serialization import to_json

out = Path(sys.argv[1])
as_of = dt.date(2017, 12, 31)
for name, ds in (("banner", load_chayouqianqi()), ("generated", load_dataset(sys.argv[2]))):
    save_dataset(ds, out / f"{name}.json")
    save_dataset(ds, out / f"{name}.jsonl", format="jsonl")
    save_dataset(ds, out / f"{name}-csv", format="csv")
    (out / f"{name}.to_json").write_text(to_json(ds) + to_json(ds, redact=True))
    due = must_visit(ds, as_of=as_of, horizon_days=30)
    rules = [repr(due), repr(summary(ds, as_of=as_of)), repr(assign_visits(due, ds))]
    if name == "banner":
        rules.append(repr(scorecard(ds, as_of=as_of, policy=seed_policy(as_of))))
        cal = china_calendar()
        rules.append(repr(backlog(ds, as_of=as_of, calendar=cal)))
        items = {i.id: i for i in ds.service_items}
        rules += [repr(sla_status(r, items[r.item_id], as_of=as_of, calendar=cal))
                  for r in ds.service_requests]
    (out / f"{name}.rules").write_text("\n".join(rules))
    for fmt in ("csv", "json"):
        for cmd in ("visits", "sla", "scorecard", "validate"):
            args = [cmd, str(out / f"{name}.json"), "--format", fmt, "--lang", "zh"]
            if cmd != "validate":
                args += ["--as-of", "2017-12-31"]
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
                code = main(args)
            (out / f"{name}.{cmd}.{fmt}").write_text(f"exit {code}\n{buf.getvalue()}")
"""


def run_with_seed(seed: str, out: Path, generated: Path) -> dict[str, bytes]:
    out.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-c", SCRIPT, str(out), str(generated)],
        check=True,
        env=env,
        timeout=300,
    )
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def assert_same(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name] != b[name]]
    assert differ == []


def _a_generated_dataset() -> Dataset:
    """One dataset from the strategies with sets of strings in it (skills, channels)."""
    found: list[Dataset] = []

    @settings(
        max_examples=50, database=None, suppress_health_check=list(HealthCheck), derandomize=True
    )
    @given(ds=sst.datasets(hostile=True, min_volunteers=2, min_residents=3, min_service_items=1))
    def pick(ds: Dataset) -> None:
        if not found and sum(len(v.skills) for v in ds.volunteers) >= 3:
            found.append(ds)

    pick()
    assert found
    return found[0]


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    generated = tmp_path / "generated.json"
    save_dataset(_a_generated_dataset(), generated)
    first = run_with_seed("0", tmp_path / "seed0", generated)
    second = run_with_seed("4242", tmp_path / "seed4242", generated)
    assert len(first) >= 40
    assert [name for name, data in first.items() if not data] == []  # every output made
    assert_same(first, second)


def test_the_comparison_notices_a_difference() -> None:
    a = {"x.json": b"[1, 2]", "y.csv": b"a"}
    assert_same(a, dict(a))
    for b in ({"x.json": b"[2, 1]", "y.csv": b"a"}, {"x.json": b"[1, 2]"}):
        try:
            assert_same(a, b)
        except AssertionError:
            continue
        raise AssertionError("a difference went unnoticed")


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        save_dataset(Dataset(), tmp_path / "x", format="xml")  # type: ignore[arg-type]
