"""Benchmark: the converter against pydantic v2 and msgspec on 100,000 records.

Run ``python bench/bench_serialization.py`` to print a markdown section, ``--write`` to
replace the serialization section of ``docs/benchmarks.md``. ``DisputeCase`` (two
parties with identity and phone numbers, three events) and ``Resident`` (half with
identity and phone numbers, a third with attentions) are modelled the same way in
pydantic and msgspec with the same checks (``bench/anchor_models.py``). Three
operations: to plain data, from plain data with validation, and the JSON round trip
(text out and back to validated objects). Each repeat times every library on the same
records, a twentieth of them at a time with the libraries in a fresh shuffled order
for each part and GC off (a change in this shared machine's load then falls on every
library alike); figures are medians over the 7 repeats and ratios are medians of the
per-repeat ratios (5 repeats of 10 parts left the medians 0.07-0.09 apart from run to
run, about the targets' margin: docs/benchmarks.md).

Targets (shequ_core's time ÷ the anchor's): to plain data ≤ 0.8 × pydantic; from plain
data ≤ 0.9 × pydantic; JSON round trip ≤ 0.75 × pydantic and ≤ 3 × msgspec.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import itertools
import pstats
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import msgspec
import orjson

from _harness import machine, median, versions, write_section
from anchor_models import (
    MDisputeCase,
    MResident,
    PDisputeCase,
    PResident,
    check_id_number,
    check_phone,
)
from shequ_core.entities import (
    Attention,
    AttentionKind,
    CaseEvent,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    IdNumber,
    Party,
    PhoneNumber,
    Resident,
    RiskLevel,
    id_number_check_char,
    id_number_text,
    phone_text,
)
from shequ_core.serialization import converter, from_json, to_json

SECTION = "serialization"
LIBRARIES = ("shequ-core", "cattrs", "attrs", "pydantic", "msgspec", "orjson")
N = 100_000
TARGETS = {"to plain data": 0.8, "from plain data": 0.9, "JSON round trip": 0.75}
MSGSPEC_TARGET = 3.0


def _id_number(rng: random.Random) -> tuple[IdNumber, date]:
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(60 * 365))
    first17 = f"150926{born:%Y%m%d}{rng.randrange(1000):03}"
    return IdNumber(first17 + id_number_check_char(first17)), born


def _phone(rng: random.Random) -> PhoneNumber:
    if rng.random() < 0.8:
        return PhoneNumber(f"1{rng.choice('3456789')}{rng.randrange(10**9):09}")
    return PhoneNumber(f"0474-{rng.randrange(2, 10)}{rng.randrange(10**6):06}")


def make_cases(n: int, seed: int = 1) -> list[DisputeCase]:
    rng = random.Random(seed)
    out = []
    for k in range(n):
        received = date(2024, 1, 1) + timedelta(days=rng.randrange(500))
        parties = []
        for name in ("张三", "李四"):
            number, _ = _id_number(rng)
            parties.append(
                Party(
                    name=name,
                    resident_id=f"R{rng.randrange(10**6):07}",
                    phone=_phone(rng),
                    id_number=number,
                )
            )
        closed = received + timedelta(days=rng.randrange(1, 60))
        out.append(
            DisputeCase(
                id=f"D{k:07}",
                community_id=f"C{k % 200:04}",
                category=rng.choice(list(DisputeCategory)),
                parties=tuple(parties),
                received_on=received,
                status=DisputeStatus.CLOSED,
                mediator_ids=(f"S{rng.randrange(100):03}",),
                events=(
                    CaseEvent(on=received, status=DisputeStatus.RECEIVED),
                    CaseEvent(on=received + timedelta(days=1), status=DisputeStatus.MEDIATING),
                    CaseEvent(on=closed, status=DisputeStatus.CLOSED, note="调解结案"),
                ),
                closed_on=closed,
            )
        )
    return out


def make_residents(n: int, seed: int = 2) -> list[Resident]:
    rng = random.Random(seed)
    kinds = list(AttentionKind)
    out = []
    for k in range(n):
        number = phone = born = None
        if rng.random() < 0.5:
            number, born = _id_number(rng)
            phone = _phone(rng)
        attentions: tuple[Attention, ...] = ()
        if rng.random() < 0.33:
            since = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
            attentions = tuple(
                Attention(kind=rng.choice(kinds), since=since, risk=rng.choice(list(RiskLevel)))
                for _ in range(rng.choice((1, 1, 2)))
            )
        out.append(
            Resident(
                id=f"R{k:07}",
                community_id=f"C{k % 200:04}",
                household_id=f"H{k // 3:07}",
                name="居民",
                id_number=number,
                phone=phone,
                birth_date=born,
                attentions=attentions,
            )
        )
    return out


#: One library's side of an operation: a function of a chunk of its own inputs, and
#: those inputs (each library holds the same records in its own form).
Op = tuple[Callable[[Sequence[Any]], object], Sequence[Any]]


def operations(cls: type, records: Sequence[Any], pcls: Any, mcls: Any) -> dict[str, dict[str, Op]]:
    """For each operation, each library's function and its copy of the same records."""
    plain = [converter.unstructure(r) for r in records]
    pyd = [pcls.model_validate(d) for d in plain]
    msg = [msgspec.convert(d, mcls) for d in plain]
    same = orjson.dumps(plain)  # the three write the same wire data (msgspec: tuples)
    assert orjson.dumps([p.model_dump(mode="json") for p in pyd]) == same
    assert orjson.dumps([msgspec.to_builtins(m) for m in msg]) == same
    assert from_json(to_json(records[0]), cls) == records[0]

    structure, unstructure = converter.structure, converter.unstructure
    return {
        "to plain data": {
            "shequ_core": (lambda rs: [unstructure(r) for r in rs], records),
            "pydantic": (lambda ps: [p.model_dump(mode="json") for p in ps], pyd),
            "msgspec": (lambda ms: [msgspec.to_builtins(m) for m in ms], msg),
        },
        "from plain data": {
            "shequ_core": (lambda ds: [structure(d, cls) for d in ds], plain),
            "pydantic": (lambda ds: [pcls.model_validate(d) for d in ds], plain),
            "msgspec": (lambda ds: [msgspec.convert(d, mcls) for d in ds], plain),
        },
        "JSON round trip": {
            "shequ_core": (
                lambda rs: [structure(orjson.loads(orjson.dumps(unstructure(r))), cls) for r in rs],
                records,
            ),
            "shequ_core stdlib json": (
                lambda rs: [from_json(to_json(r), cls) for r in rs],
                records,
            ),
            "pydantic": (
                lambda ps: [pcls.model_validate_json(p.model_dump_json()) for p in ps],
                pyd,
            ),
            "msgspec": (
                lambda ms: [msgspec.json.decode(msgspec.json.encode(m), type=mcls) for m in ms],
                msg,
            ),
        },
    }


def interleaved(fns: dict[str, Op], chunks: int, rng: random.Random) -> dict[str, float]:
    """One repeat: each library's seconds over all its records, timed a chunk at a time
    with the libraries in a fresh shuffled order for every chunk, so that a change in
    the machine's load (this is a shared VM) falls on all of them alike, not on
    whichever ran during it. GC is collected before each chunk and off while timing."""
    total = dict.fromkeys(fns, 0.0)
    n = len(next(iter(fns.values()))[1])
    bounds = [n * k // chunks for k in range(chunks + 1)]
    for lo, hi in itertools.pairwise(bounds):
        order = list(fns)
        rng.shuffle(order)
        gc.collect()
        gc.disable()
        try:
            for name in order:
                fn, data = fns[name]
                part = data[lo:hi]
                t0 = time.perf_counter()
                fn(part)
                total[name] += time.perf_counter() - t0
        finally:
            gc.enable()
    return total


Row = tuple[str, str, dict[str, float], dict[str, float]]

# Where the time of "from plain data" goes, by the file or code object it is spent in
# (cProfile's own time per function, grouped): first match wins.
_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "our generated functions (read, check and build each record once)",
        ("<shequ_core fast structure", "<shequ_core structure"),
    ),
    ("cattrs' generated structure functions", ("<cattrs generated",)),
    ("identity and phone numbers (`IdNumber`, `PhoneNumber`)", ("_pii.py",)),
    (
        "record construction and checks (attrs `__init__`, field checks, invariants)",
        (
            "<attrs generated",
            "shequ_core checks",
            "shequ_core/validation.py",
            "entities/_values.py",
            "entities/_records.py",
            "entities/_cases.py",
        ),
    ),
    (
        "our field hooks and the fast/detailed switch",
        ("serialization/_hooks.py", "serialization/_converter.py"),
    ),
    ("the anchor's own checks (`bench/anchor_models.py`, Python)", ("anchor_models.py",)),
)


def profile_shares(fn: Callable[[], object]) -> dict[str, float]:
    """Share of ``fn``'s profiled time in each group of :data:`_GROUPS` (and "other":
    builtins, and for pydantic its compiled core, which cProfile sees as one call)."""
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    shares: dict[str, float] = {name: 0.0 for name, _ in _GROUPS}
    shares["other"] = 0.0
    total = 0.0
    for (filename, _, funcname), (_, _, tottime, _, _) in stats.items():
        total += tottime
        where = f"{filename}:{funcname}"
        for name, needles in _GROUPS:
            if any(n in where for n in needles):
                shares[name] += tottime
                break
        else:
            shares["other"] += tottime
    return {k: v / total for k, v in shares.items() if v}


Profile = dict[str, dict[str, float]]


def profiles(n: int) -> Profile:
    """The profile of "from plain data" of DisputeCase, for shequ_core and pydantic."""
    records = make_cases(n)
    plain = [converter.unstructure(r) for r in records]
    structure = converter.structure
    return {
        "shequ_core": profile_shares(lambda: [structure(d, DisputeCase) for d in plain]),
        "pydantic": profile_shares(lambda: [PDisputeCase.model_validate(d) for d in plain]),
    }


#: Each part of the JSON round trip of a DisputeCase: its fastest µs a case.
Parts = dict[str, float]


#: Rounds of the round trip's parts (each step's fastest is kept).
PART_ROUNDS = 30


def round_trip_parts(n: int, rounds: int = PART_ROUNDS) -> Parts:
    """The JSON round trip of ``n`` cases, whole and its writing alone (each record taken
    through it in turn, as in the round trip), and the identity and phone checks both libraries run
    timed alone on the same numbers: the fastest of ``rounds`` of :func:`interleaved`
    (the steps in a fresh shuffled order each round, GC off)."""
    records = make_cases(n)
    pyd = [PDisputeCase.model_validate(converter.unstructure(r)) for r in records]
    # Each case's identity and phone numbers, as text.
    numbers = [
        (
            [p.id_number.reveal() for p in r.parties if p.id_number],
            [p.phone.reveal() for p in r.parties if p.phone],
        )
        for r in records
    ]
    structure, unstructure = converter.structure, converter.unstructure
    dumps, loads, dump_json = orjson.dumps, orjson.loads, PDisputeCase.model_dump_json
    validate_json = PDisputeCase.model_validate_json
    steps: dict[str, Op] = {
        "ours: write": (lambda rs: [dumps(unstructure(r)) for r in rs], records),
        "ours: round trip": (
            lambda rs: [structure(loads(dumps(unstructure(r))), DisputeCase) for r in rs],
            records,
        ),
        "ours: checks": (
            lambda ns: [([*map(id_number_text, i)], [*map(phone_text, p)]) for i, p in ns],
            numbers,
        ),
        "pydantic: write": (lambda ps: [dump_json(p) for p in ps], pyd),
        "pydantic: round trip": (lambda ps: [validate_json(dump_json(p)) for p in ps], pyd),
        "pydantic: checks": (
            lambda ns: [([*map(check_id_number, i)], [*map(check_phone, p)]) for i, p in ns],
            numbers,
        ),
    }
    rng = random.Random(4)
    rounds_ = [interleaved(steps, 1, rng) for _ in range(rounds)]
    return {name: min(r[name] for r in rounds_) * 1e6 / n for name in steps}


def render_parts(parts: Parts, n: int) -> list[str]:
    us = parts
    ours, pyd = us["ours: round trip"], us["pydantic: round trip"]
    own_ours, own_pyd = ours - us["ours: checks"], pyd - us["pydantic: checks"]
    rows: list[tuple[str, float, float]] = [
        ("the round trip", ours, pyd),
        (
            "writing (`unstructure`, `orjson.dumps`; `model_dump_json`)",
            us["ours: write"],
            us["pydantic: write"],
        ),
        (
            "reading (`orjson.loads`, `structure`; `model_validate_json`)",
            ours - us["ours: write"],
            pyd - us["pydantic: write"],
        ),
        (
            "of which the identity and phone checks (the same code), timed alone",
            us["ours: checks"],
            us["pydantic: checks"],
        ),
        ("**the round trip less those checks: each library's own part**", own_ours, own_pyd),
    ]
    out = [
        "",
        "Where the JSON round trip of a `DisputeCase` spends its time: the round trip "
        "whole, and its writing alone (the reading is the difference), on "
        f"{n:,} cases, the fastest of {PART_ROUNDS} rounds (the steps shuffled each round, "
        "GC off), "
        "µs a case; pydantic reads its JSON text in the same step as it validates:",
        "",
        "| step | shequ_core µs | pydantic µs | ÷ pydantic |",
        "|---|---|---|---|",
    ]
    for name, a, b in rows:
        out.append(f"| {name} | {a:.1f} | {b:.1f} | {a / b:.2f} |")
    own = own_ours / own_pyd
    side = "below" if own < 0.75 else "above"
    out += [
        "",
        "What remains: the identity and phone checks are the same Python on both sides, "
        "and the same time added to both pulls the ratio toward 1. Taken away, "
        f"shequ_core's own part is {own:.2f} × pydantic's ({side} the round trip's 0.75). "
        "The own part is orjson both ways, the generated writing function, and the "
        "generated reading functions: a dict lookup, a type test and a check per field, "
        "and for each of the six records `object.__new__` of a subclass that adds "
        "nothing, a plain store per field (29 a case), the switch to the record's own "
        "class and its `_invariants`.",
    ]
    return out


def measure(repeats: int, n: int, chunks: int = 10) -> list[Row]:
    rows: list[Row] = []
    models = (
        ("DisputeCase", DisputeCase, make_cases, PDisputeCase, MDisputeCase),
        ("Resident", Resident, make_residents, PResident, MResident),
    )
    for label, cls, make, pcls, mcls in models:
        records = make(n)
        ops = operations(cls, records, pcls, mcls)
        rng = random.Random(3)
        for op, fns in ops.items():
            times: dict[str, list[float]] = {name: [] for name in fns}
            for _ in range(repeats):
                for name, t in interleaved(fns, chunks, rng).items():
                    times[name].append(t)
            med = {name: median(ts) for name, ts in times.items()}
            ratios = {}
            for anchor in ("pydantic", "msgspec"):
                each = [s / a for s, a in zip(times["shequ_core"], times[anchor], strict=True)]
                ratios[anchor] = median(each)
                ratios[f"{anchor} low"], ratios[f"{anchor} high"] = min(each), max(each)
            rows.append((label, op, med, ratios))
            print(
                f"{label:<12} {op:<16} "
                + "  ".join(f"{k} {v * 1e6 / n:.1f} µs" for k, v in med.items()),
                flush=True,
            )
    return rows


def render_profile(prof: Profile, rows: list[Row], n: int) -> list[str]:
    med = next(m for label, op, m, _ in rows if label == "DisputeCase" and op == "from plain data")
    us = {lib: med[lib] * 1e6 / n for lib in ("shequ_core", "pydantic")}
    names = [name for name, _ in _GROUPS] + ["other"]
    out = [
        "",
        'Where "from plain data" of a `DisputeCase` spends its time (cProfile, own time '
        "per function grouped by where it runs, as a share of the profiled total; the µs "
        "apply that share to the unprofiled median above, so they are estimates):",
        "",
        "| spent in | shequ_core | pydantic |",
        "|---|---|---|",
    ]
    for name in names:
        cells = []
        for lib in ("shequ_core", "pydantic"):
            share = prof[lib].get(name, 0.0)
            cells.append(f"{share:.0%} ({share * us[lib]:.1f} µs)" if share else "–")
        out.append(f"| {name} | {cells[0]} | {cells[1]} |")
    ours = sum(
        prof["shequ_core"].get(name, 0.0) * us["shequ_core"]
        for name in names
        if name.startswith(("our generated", "cattrs", "record", "our field"))
    )
    core = prof["pydantic"].get("other", 0.0) * us["pydantic"]
    out += [
        "",
        "Where the time goes: both libraries run the same Python checks (identity and "
        "phone numbers, ids, the dates' order); pydantic does the rest (reading the dict, "
        "checking each field's type, building the model) in its compiled core, about "
        f'{core:.1f} µs a case (its "other" row), where shequ_core does it in Python, in '
        "one generated function per record class that reads each field, checks it once "
        "and sets it in its slot, about "
        f"{ours:.1f} µs. The record's constructor and its checks no longer run a second "
        "time when the converter builds it (a record built in code is checked as "
        'before); "other" is the C functions those call (dict lookups, `str.strip`, '
        "`date.fromisoformat`, `object.__new__`) and cattrs' dispatch. To plain data "
        "is one generated function per class too (a dict of the fields, the conversions "
        "inlined); the JSON round trip adds orjson's reading and writing.",
    ]
    return out


def _ratio(ratios: dict[str, float], anchor: str) -> str:
    """The median ratio and, in brackets, the lowest and highest of the repeats."""
    low, high = ratios[f"{anchor} low"], ratios[f"{anchor} high"]
    return f"{ratios[anchor]:.2f} ({low:.2f}–{high:.2f})"


def render(
    rows: list[Row],
    repeats: int,
    n: int,
    prof: Profile | None = None,
    chunks: int = 10,
    parts: Parts | None = None,
) -> str:
    out = [
        "## Converter against pydantic v2 and msgspec (`shequ_core.serialization`)",
        "",
        f"Machine: {machine()}; {versions(*LIBRARIES)}. "
        f"Generated by `bench/bench_serialization.py`: {n:,} records of each class, median "
        f"of {repeats} repeats; each repeat times the libraries on one of {chunks} parts "
        "of the records at a time, in a fresh shuffled order for each part, GC off; "
        "ratios are shequ_core's time ÷ the anchor's, median of the per-repeat ratios "
        "(in brackets the lowest and the highest). "
        "The pydantic and msgspec models (`bench/anchor_models.py`) make the same checks: "
        "identity-number form, province, birth date and check character; phone form; ids; "
        "at least two parties; the date order of cases and attentions, and of a case's "
        "confirmation and follow-up steps; birth date and sex against the identity number. "
        "shequ_core's JSON round trip is "
        "`structure(orjson.loads(orjson.dumps(unstructure(x))))`; the stdlib row is "
        "`from_json(to_json(x))`: text that is the standard library's byte for byte "
        "(written by orjson where it is the same), read by the standard library.",
        "",
        "| record | operation | shequ_core µs | pydantic µs | msgspec µs "
        "| ÷ pydantic | target | ÷ msgspec |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, op, med, ratios in rows:
        target = TARGETS[op]
        ok = "met" if ratios["pydantic"] <= target else "**missed**"
        extra = ""
        if op == "JSON round trip":
            ok += "; ÷ msgspec ≤ 3: " + (
                "met" if ratios["msgspec"] <= MSGSPEC_TARGET else "**missed**"
            )
            extra = f" (stdlib json: {med['shequ_core stdlib json'] * 1e6 / n:.1f} µs)"
        out.append(
            f"| {label} | {op} | {med['shequ_core'] * 1e6 / n:.1f}{extra} "
            f"| {med['pydantic'] * 1e6 / n:.1f} | {med['msgspec'] * 1e6 / n:.1f} "
            f"| {_ratio(ratios, 'pydantic')} | ≤ {target} ({ok}) | {_ratio(ratios, 'msgspec')} |"
        )
    if prof is not None:
        out += render_profile(prof, rows, n)
    if parts is not None:
        out += render_parts(parts, max(1, n // 20))
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("-n", type=int, default=N)
    parser.add_argument("--chunks", type=int, default=20, help="parts each repeat interleaves")
    args = parser.parse_args(argv)
    rows = measure(args.repeats, args.n, args.chunks)
    prof = profiles(max(1, args.n // 5))
    parts = round_trip_parts(max(1, args.n // 20))
    text = render(rows, args.repeats, args.n, prof, args.chunks, parts)
    print(text)
    if args.write:
        write_section(SECTION, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
