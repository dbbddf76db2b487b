"""Benchmark: a province scored from a Parquet store by Dask workers (issue #22).

A city of 3,000,000 residents (and in proportion the rest: ``bench/city.py``) in 300
communities is saved once as a partitioned store (``save_dataset(format="parquet")``,
kept under ``--store`` between runs). Then, each in a fresh interpreter so that its
peak memory is its own:

* **one process**: ``load_dataset(store)`` and the scorecard on the loaded dataset (the
  anchor: what a process holding the whole province needs);
* **Dask from the store**: ``from_store(store)`` and the scorecard on 2 local worker
  processes; the calling process reads the manifest and the results only.

Peak memory is the process's own high-water mark of resident memory (``VmHWM`` in
``/proc/self/status``; not ``ru_maxrss``, which Linux carries over from the parent at
``exec`` and so would count the process that built the city); a worker's is the largest
of the worker processes' own marks, read in each task. ``--reuse`` keeps the one-process
run of an earlier call (its figures and scorecard are kept beside the store). Targets:
the calling process under 5 % of the one-process peak, each worker under a third of it,
and the scorecards equal. ``--residents`` and ``--communities`` pick the size.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import machine, versions, write_section

SECTION = "store"
HERE = Path(__file__).resolve().parent
MB = 1024**2

HWM = r"""
import sys
sys.path.insert(0, {here!r})
from _marks import hwm, marks
"""

ONE_PROCESS = (
    HWM
    + r"""
import json, pickle, time
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
print(json.dumps({{"load_s": t1 - t0, "score_s": t2 - t1, "peak": hwm(), "records": len(ds)}}))
"""
)

FROM_STORE = (
    HWM
    + r"""
import concurrent.futures, json, multiprocessing, os, pickle, time
from city import AS_OF
from shequ_core.calendar import china_calendar
from shequ_core.extra import dask as sdask
from shequ_core.policy import national_policy

t0 = time.perf_counter()
bag = sdask.from_store({store!r}, communities_per_partition={per!r})
spawn = multiprocessing.get_context("spawn")
pool = concurrent.futures.ProcessPoolExecutor(2, mp_context=spawn)
card = sdask.scorecard(bag, as_of=AS_OF, policy=national_policy(AS_OF),
                       calendar=china_calendar(), scheduler="processes", pool=pool)
t1 = time.perf_counter()
# each worker's own high-water mark, read in it after its share of the work
seen = {{}}
for pid, mark in (m for ms in pool.map(marks, range(16)) for m in ms):
    seen[pid] = max(mark, seen.get(pid, 0))
pool.shutdown()
same = None
if os.path.exists({expected!r}):
    with open({expected!r}, "rb") as f:
        same = pickle.load(f) == card
print(json.dumps({{"seconds": t1 - t0, "caller": hwm(), "worker": max(seen.values()),
                  "workers": len(seen), "same": same}}))
"""
)


def _run(code: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"a benchmark process failed:\n{done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
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


def _same(same: object) -> str:
    if same is None:
        return "not compared in this run (the kept one-process run has no scorecard)"
    return "yes" if same else "NO"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=3_000_000)
    parser.add_argument("--communities", type=int, default=300)
    parser.add_argument("--per-partition", type=int, default=1)
    parser.add_argument("--store", type=Path, default=HERE / ".cache" / "store")
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    parser.add_argument("--reuse", action="store_true", help="keep an earlier one-process run")
    args = parser.parse_args(argv)

    saved = build(args.store, args.residents, args.communities)
    size = sum(p.stat().st_size for p in args.store.rglob("*.parquet"))
    kept = args.store / "_one_process.json"
    expected = args.store / "_one_process.pickle"
    reused = args.reuse and kept.exists()
    if reused:
        one = json.loads(kept.read_text())
    else:
        one = _run(ONE_PROCESS.format(here=str(HERE), store=str(args.store), out=str(expected)))
        kept.write_text(json.dumps(one))
    dask = _run(
        FROM_STORE.format(
            here=str(HERE), store=str(args.store), per=args.per_partition,
            expected=str(expected),
        )
    )  # fmt: skip
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
        f"One process: loading {one['load_s']:,.1f} s, scorecard {one['score_s']:,.1f} s"
        + (" (kept from an earlier run on the same store, `--reuse`). " if reused else ". ")
        + f"Scorecards equal: {_same(dask['same'])}; "
        f"{dask['workers']} worker processes. Targets: the calling "
        f"process under 5 % ({'met' if dask['caller'] < 0.05 * whole else 'missed'}), "
        f"each worker under a third "
        f"({'met' if dask['worker'] < whole / 3 else 'missed'}).",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        write_section(SECTION, "## A province from a Parquet store\n\n" + text)
    return 0 if dask["same"] is not False else 1


if __name__ == "__main__":
    sys.exit(main())
