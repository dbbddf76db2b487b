"""Run every benchmark in ``bench/`` and rewrite ``docs/benchmarks.md`` (``make bench``).

Each benchmark runs in its own fresh interpreter, one after the other (two at once on a
two-core machine would measure each other), and rewrites its own section of the page
between its markers; the page's other text is kept. ``--quick`` runs small sizes and
few repeats, to check the harness in a few minutes (its figures are not for the page:
it writes nothing unless ``--write-quick`` is also given). ``--only NAME ...`` runs some.

The full run takes about an hour on two cores, most of it building and loading the
3,000,000-resident city; it needs about 16 GB of memory at that size.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: name -> (script, arguments of the full run, arguments of a quick run)
BENCHMARKS: dict[str, tuple[str, list[str], list[str]]] = {
    "import": ("bench_import.py", [], ["--rounds", "3"]),
    "calendar": ("bench_calendar.py", [], ["--repeats", "2"]),
    "serialization": ("bench_serialization.py", [], ["-n", "5000", "--repeats", "3"]),
    "visiting": ("bench_visiting.py", [], ["--sizes", "20000", "50000", "--repeats", "2"]),
    "scale": (
        "bench_scale.py",
        ["--sizes", "100000", "1000000", "3000000", "--repeats", "5"],
        ["--sizes", "20000", "50000", "--repeats", "2"],
    ),
    "memory": ("bench_memory.py", ["-n", "1000000"], ["-n", "10000"]),
    "roster": ("bench_roster.py", [], ["-n", "5000", "--csv-rows", "5000"]),
    "store": ("bench_store.py", [], ["--residents", "40000", "--communities", "8"]),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats")
    parser.add_argument("--write-quick", action="store_true", help="write even when quick")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), default=list(BENCHMARKS))
    args = parser.parse_args(argv)
    write = not args.quick or args.write_quick
    failed = []
    for name in args.only:
        script, full, quick = BENCHMARKS[name]
        cmd = [sys.executable, str(HERE / script), *(quick if args.quick else full)]
        if write:
            cmd.append("--write")
        print(f"== {name}: {' '.join(cmd[1:])}", flush=True)
        t0 = time.perf_counter()
        code = subprocess.run(cmd, check=False).returncode
        print(f"== {name}: exit {code} after {time.perf_counter() - t0:.0f} s", flush=True)
        if code:
            failed.append(name)  # a missed target exits 1; the section is written anyway
    if failed:
        print(f"missed a target or failed: {', '.join(failed)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
