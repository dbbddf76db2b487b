"""The mutation score of each module from mutmut's results in ``mutants/``.

``make mutate`` prints this after the run; ``docs/quality.md`` records it. A mutant
that made the tests time out or crash counts as killed (the tests noticed it); one no
test reaches counts against the score, like a survivor. Run from the project root:
``python scripts/mutation_score.py [--survivors]``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code  # the `mutate` extra

# mutmut's own reading of a mutant's exit code, folded: a timeout or a crash is a test
# run that noticed the mutant, so it counts as killed.
_FOLD = {"timeout": "killed", "segfault": "killed", "not checked": "not run"}


def _status(code: int | None) -> str:
    status = status_by_exit_code[code]
    return _FOLD.get(status, status)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("mutants/src"))
    parser.add_argument("--survivors", action="store_true", help="list them by function")
    args = parser.parse_args(argv)
    rows = []
    survivors: Counter[str] = Counter()
    for meta in sorted(args.root.rglob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        if not codes:
            continue
        c = Counter(_status(v) for v in codes.values())
        for key, v in codes.items():
            if _status(v) in ("survived", "no tests"):
                survivors[key.rsplit("__mutmut_", 1)[0]] += 1
        rows.append((str(meta.relative_to(args.root))[: -len(".meta")], len(codes), c))
    total: Counter[str] = Counter()
    for _, _, c in rows:
        total.update(c)
    print("| module | mutants | killed | survived | no test reaches it | not run | score |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, n, c in [*rows, ("**all**", sum(n for _, n, _ in rows), total)]:
        run = n - c["not run"]
        score = f"{100 * c['killed'] / run:.1f} %" if run else "-"
        print(
            f"| `{name}` | {n:,} | {c['killed']:,} | {c['survived']:,} | {c['no tests']:,} "
            f"| {c['not run']:,} | {score} |"
        )
    if args.survivors:
        print()
        for fn, k in sorted(survivors.items()):
            print(f"{k:4} {fn}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
