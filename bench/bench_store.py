"""Benchmark: a province scored from a Parquet store by Dask workers (issue #22).

A city of 3,000,000 residents (and in proportion the rest: ``bench/city.py``) in 300
communities is saved once as a partitioned store (``save_dataset(format="parquet")``,
kept under ``--store`` between runs). Then, each in a fresh interpreter so that its
peak memory is its own:

* **one process**: ``load_dataset(store)`` and the scorecard on the loaded dataset (the
  anchor: what a process holding the whole province needs);
* **Dask from the store**: ``from_store(store)`` and the scorecard on 2 local worker
  processes; the calling process reads the manifest and the results only.

Peak memory is the process's maximum resident set (``ru_maxrss``); a worker's is the
largest of the worker processes (``RUSAGE_CHILDREN`` once the pool has ended). Targets:
the calling process under 5 % of the one-process peak, each worker under a third of it,
and the scorecards equal. ``--residents`` and ``--communities`` pick the size.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import machine, versions, write_section

SECTION = "store"
HERE = Path(__file__).resolve().parent
MB = 1024**2

ONE_PROCESS = r"""
import json, pickle, resource, sys, time
sys.path.insert(0, {here!r})
from city import AS_OF
from shequ_core.calendar import china_calendar
from shequ_core.io import load_dataset
from shequ_core.policy import national_policy
from shequ_core.rules.assessment import scorecard
t0 = time.perf_counter()
ds = load_dataset({store!r})
t1 = time.perf_counter()
card = scorecard(ds, as_of=AS_OF, policy=national_policy(AS_OF), calendar=china_calendar())
t2 = time.perf_counter()
with open({out!r}, "wb") as f:
    pickle.dump(card, f)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({{"load_s": t1 - t0, "score_s": t2 - t1, "peak": peak, "records": len(ds)}}))
"""

FROM_STORE = r"""
import json, pickle, resource, sys, time
sys.path.insert(0, {here!r})
from city import AS_OF
from shequ_core.calendar import china_calendar
from shequ_core.extra import dask as sdask
from shequ_core.policy import national_policy
t0 = time.perf_counter()
bag = sdask.from_store({store!r}, communities_per_partition={per!r})
card = sdask.scorecard(bag, as_of=AS_OF, policy=national_policy(AS_OF),
                       calendar=china_calendar(), scheduler="processes", num_workers=2)
t1 = time.perf_counter()
with open({expected!r}, "rb") as f:
    same = pickle.load(f) == card
caller = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({{"seconds": t1 - t0, "caller": caller, "worker": worker, "same": same}}))
"""


def _run(code: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def build(store: Path, residents: int, communities: int) -> float:
    """Save the city as a store at ``store`` unless one of that size is there."""
    marker = store / "_bench.json"
    wanted = {"residents": residents, "communities": communities}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return 0.0
    from city import make_city
    from shequ_core.io import save_dataset

    city = make_city(residents, per_community=max(1, residents // communities))
    t0 = time.perf_counter()
    save_dataset(city, store, format="parquet")
    seconds = time.perf_counter() - t0
    marker.write_text(json.dumps(wanted))
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=3_000_000)
    parser.add_argument("--communities", type=int, default=300)
    parser.add_argument("--per-partition", type=int, default=1)
    parser.add_argument("--store", type=Path, default=HERE / ".cache" / "store")
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    args = parser.parse_args(argv)

    saved = build(args.store, args.residents, args.communities)
    size = sum(p.stat().st_size for p in args.store.rglob("*.parquet"))
    work = Path(tempfile.mkdtemp())
    try:
        expected = work / "card.pickle"
        one = _run(ONE_PROCESS.format(here=str(HERE), store=str(args.store), out=str(expected)))
        dask = _run(
            FROM_STORE.format(
                here=str(HERE), store=str(args.store), per=args.per_partition,
                expected=str(expected),
            )
        )  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)

    whole = one["peak"]
    rows = [
        ("one process: load the store, score", one["load_s"] + one["score_s"], whole, None),
        ("Dask from the store: calling process", dask["seconds"], dask["caller"], None),
        ("Dask from the store: largest worker", None, dask["worker"], None),
    ]
    lines = [
        f"A city of {args.residents:,} residents in {args.communities} communities "
        f"({one['records']:,} records; the store is {size / MB:,.0f} MB of Parquet"
        + (f", written in {saved:,.0f} s" if saved else "")
        + f"), scored with 2 worker processes, {args.per_partition} community a task. "
        f"Machine: {machine()}. {versions('pyarrow', 'dask')}.",
        "",
        "| run | seconds | peak memory | share of one process |",
        "|---|---:|---:|---:|",
    ]
    for name, secs, peak, _ in rows:
        shown = "" if secs is None else f"{secs:,.1f}"
        lines.append(f"| {name} | {shown} | {peak / MB:,.0f} MB | {peak / whole:.1%} |")
    lines += [
        "",
        f"One process: loading {one['load_s']:,.1f} s, scorecard {one['score_s']:,.1f} s. "
        f"Scorecards equal: {'yes' if dask['same'] else 'NO'}. Targets: the calling "
        f"process under 5 % ({'met' if dask['caller'] < 0.05 * whole else 'missed'}), "
        f"each worker under a third "
        f"({'met' if dask['worker'] < whole / 3 else 'missed'}).",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        write_section(SECTION, "## A province from a Parquet store\n\n" + text)
    return 0 if dask["same"] else 1


if __name__ == "__main__":
    sys.exit(main())
