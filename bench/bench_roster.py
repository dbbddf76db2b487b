"""Benchmark: importing an office's roster (花名册), against pandas merely reading it.

Run ``python bench/bench_roster.py`` to print a markdown section, ``--write`` to replace
the roster section of ``docs/benchmarks.md``. A roster of ``-n`` rows (default 100,000)
is written the way offices write one: an ``.xlsx`` sheet (openpyxl) with the Chinese
headers 序号/姓名/性别/身份证号码/联系电话/出生日期/户籍地址/现住址/所属网格/人员类别/备注,
dates in four spellings, 男/女, four people to an address, twenty grids and a category
on one row in three. In one run, :func:`shequ_core.io.import_roster` reads it into a
checked Dataset (households, grids, attentions, every record validated) and
``pandas.read_excel`` with its default engine merely reads it into a DataFrame.

Also: a roster CSV of ``--csv-rows`` rows (default 1,000,000) saved in GB18030 and in
UTF-8 is imported by a fresh interpreter each, reporting the time and peak resident
memory (``resource.getrusage``) against the memory held once the import returns (the
Dataset: ``/proc/self/statm``, so Linux only): a peak close to what is held, the same
for both encodings, shows the file is read a line at a time, never whole.

Target: ``import_roster`` at most 1.0 × ``pandas.read_excel`` on the same workbook.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import machine, seconds, versions, write_section

SECTION = "roster"
TARGET = 1.0
HEADER = ["序号", "姓名", "性别", "身份证号码", "联系电话", "出生日期", "户籍地址", "现住址",
          "所属网格", "人员类别", "备注"]  # fmt: skip
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_KINDS = ["独居老人", "困难家庭", "残疾人", "空巢老人、低保户", "刑满释放人员", ""]


def _id_number(i: int, year: int, month: int, day: int, male: bool) -> str:
    """A made-up number, one per ``i`` (a roster holds each person once)."""
    seq = i // 10_000 % 500 * 2 + (1 if male else 0)
    body = f"15{i % 10_000:04d}{year:04d}{month:02d}{day:02d}{seq:03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, _W, strict=True)) % 11]


def rows(n: int, seed: int = 14) -> Iterator[list[str]]:
    """``n`` roster rows, the same for the same seed; the identity numbers are made up."""
    rng = random.Random(seed)
    for i in range(1, n + 1):
        year, month, day = rng.randrange(1930, 2020), rng.randrange(1, 13), rng.randrange(1, 29)
        male = rng.random() < 0.5
        spelled = (
            f"{year}/{month}/{day}",
            f"{year}年{month}月{day}日",
            f"{year}.{month}.{day}",
            f"{year}{month:02d}{day:02d}",
        )[i % 4]
        yield [
            str(i),
            f"居民{i}",
            "男" if male else "女",
            _id_number(i, year, month, day, male),
            f"138{rng.randrange(10**8):08d}",
            spelled,
            "察右前旗土贵乌拉镇",
            f"新区{(i - 1) // 4 // 100 + 1}号楼{(i - 1) // 4 % 100 + 101}室",
            f"第{(i - 1) // 4 % 20 + 1}网格",
            _KINDS[i // 3 % len(_KINDS)] if i % 3 == 0 else "",
            "",
        ]


def write_xlsx(path: Path, n: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("花名册")
    sheet.append(HEADER)
    for row in rows(n):
        sheet.append(row)
    book.save(path)


def write_csv(path: Path, n: int, encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as f:
        f.write(",".join(HEADER) + "\r\n")
        for row in rows(n):
            f.write(",".join(row) + "\r\n")


_CHILD = r"""
import datetime as dt, json, resource, sys, time
from shequ_core.entities import Community, CommunityKind
from shequ_core.io import import_roster
c = Community(id="C1", name="新区社区", town="土贵乌拉镇", kind=CommunityKind.ORDINARY,
              households=0, residents=0)
t0 = time.perf_counter()
r = import_roster(sys.argv[1], community=c, as_of=dt.date(2025, 6, 30), errors="collect")
s = time.perf_counter() - t0
with open("/proc/self/statm") as f:  # resident pages now, the Dataset held
    held_kb = int(f.read().split()[1]) * resource.getpagesize() // 1024
print(json.dumps(dict(seconds=s, residents=len(r.dataset.residents), problems=len(r.problems),
                      peak_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      held_kb=held_kb)))
"""


def child(path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                         text=True, check=True)  # fmt: skip
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    import datetime as dt

    import pandas as pd

    from shequ_core.entities import Community, CommunityKind
    from shequ_core.io import import_roster

    community = Community(id="C1", name="新区社区", town="土贵乌拉镇",
                          kind=CommunityKind.ORDINARY, households=0, residents=0)  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "花名册.xlsx"
        t0 = time.perf_counter()
        write_xlsx(book, args.n)
        made = time.perf_counter() - t0
        result: list[object] = []
        ours = seconds(
            lambda: result.append(
                import_roster(book, community=community, as_of=dt.date(2025, 6, 30))
            )
        )
        theirs = seconds(lambda: pd.read_excel(book, engine=None))
        ds = result[0].dataset  # type: ignore[attr-defined]
        counts = ds.counts()
        csv_runs = {}
        for encoding in ("gb18030", "utf-8"):
            path = Path(tmp) / f"花名册-{encoding}.csv"
            write_csv(path, args.csv_rows, encoding)
            size = path.stat().st_size
            csv_runs[encoding] = (size, child(path))
            path.unlink()
    ratio = ours / theirs
    out = [
        "## Importing a roster (`shequ_core.io.import_roster`)",
        "",
        f"Machine: {machine()}; "
        f"{versions('shequ-core', 'pandas', 'openpyxl', 'python-calamine')}. Generated by "
        f"`bench/bench_roster.py` in one run (writing the workbook took {made:.0f} s): "
        f"a {args.n:,}-row, 11-column roster sheet as offices write it (Chinese headers, four "
        "date spellings, 男/女, no ids, a category on a third of the rows).",
        "",
        "| | s |",
        "|---|---|",
        f"| `import_roster` ({counts['residents']:,} residents, {counts['households']:,} "
        f"households, {counts['grids']} grids, every record checked) | {ours:.1f} |",
        f"| `pandas.read_excel` (default engine), reading only | {theirs:.1f} |",
        "",
        f"`import_roster` ÷ `pandas.read_excel`: **{ratio:.2f}** (target ≤ {TARGET}: "
        f"{'met' if ratio <= TARGET else '**missed**'}).",
        "",
        f"A {args.csv_rows:,}-row roster CSV, imported in a fresh interpreter each: peak "
        "resident memory (`resource.getrusage`) and the memory held once the import has "
        "returned, the Dataset (`/proc/self/statm`). A peak close to what is held shows "
        "the file is read a line at a time, in either encoding:",
        "",
        "| encoding | file MB | import s | residents | peak MB | held after MB |",
        "|---|---|---|---|---|---|",
        *(
            f"| {enc} | {size / 1024**2:,.0f} | {r['seconds']:.0f} | {int(r['residents']):,} | "
            f"{r['peak_kb'] / 1024:,.0f} | {r['held_kb'] / 1024:,.0f} |"
            for enc, (size, r) in csv_runs.items()
        ),
    ]
    text = "\n".join(out) + "\n"
    print(text)
    if args.write:
        write_section(SECTION, text)
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
