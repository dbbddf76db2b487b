"""Fuzzing: whatever comes in, the answer is a value or one documented error.

``from_json``, ``structure``, ``load_dataset`` and the ``shequ`` command are fed
arbitrary JSON values, arbitrary bytes, and real files broken the ways hand-typed
spreadsheets and old exports break (truncated, bad UTF-8, a BOM, another delimiter,
huge numbers, 2025-02-30, ids with spaces, a duplicated header). Each call either
succeeds or raises :class:`ValidationError` (``load_dataset`` also :class:`ShequError`
for a file it cannot read at all); the command exits 0, 1 or 2 with one clear message on
stderr and never a traceback. Hypothesis' deadline catches a call that runs away.

`make test` runs a few dozen cases of each; `make fuzz` loads the ``fuzz`` Hypothesis
profile for the long run, whose count is printed at the end of the session.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import io
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shequ_core import ENTITIES, VALUES, Dataset, ShequError, ValidationError
from shequ_core import strategies as sst
from shequ_core.cli import main
from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import LoadResult, load_dataset, save_dataset
from shequ_core.serialization import from_json, structure, unstructure

pytestmark = pytest.mark.fuzz

#: Under the ``fuzz`` profile (`make fuzz`), its ``max_examples`` before each test's cost.
_LONG: int | None = (
    settings.default.max_examples if settings.get_current_profile_name() == "fuzz" else None
)


def fuzz(short: int, *, cost: int = 1) -> settings:
    """``short`` examples under any profile but ``fuzz`` (`make test` loads ``ci``); under
    ``fuzz``, the profile's ``max_examples`` divided by ``cost`` (10 for a test whose case
    runs a whole command on a file, 100 for the demo). The rest (randomness, database)
    comes from the profile."""
    return settings(
        max_examples=_LONG // cost if _LONG else short,
        deadline=dt.timedelta(seconds=20),
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.function_scoped_fixture,
            HealthCheck.data_too_large,
        ],
    )


Counter = collections.Counter[str]
CLASSES: list[type[Any]] = sorted({*ENTITIES, *VALUES, Dataset}, key=lambda c: c.__name__)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.sampled_from(["2025-02-30", "2025-02-28", " id 1 ", "150926199001011234", "1E+2"]),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=20,
)


# -- the converter --------------------------------------------------------------------


@fuzz(60)
@given(cls=st.sampled_from(CLASSES), data=json_values)
def test_structure_takes_any_json_value(fuzz_cases: Counter, cls: type[Any], data: Any) -> None:
    fuzz_cases["structure(any JSON value)"] += 1
    with contextlib.suppress(ValidationError):
        assert isinstance(structure(data, cls), cls)


@fuzz(60)
@given(cls=st.sampled_from(CLASSES), text=st.binary() | st.text().map(str.encode))
def test_from_json_takes_any_bytes(fuzz_cases: Counter, cls: type[Any], text: bytes) -> None:
    fuzz_cases["from_json(any bytes)"] += 1
    with contextlib.suppress(ValidationError):
        assert isinstance(from_json(text, cls), cls)


def _mutate(draw: st.DrawFn, data: Any) -> Any:
    """``data`` with one value somewhere replaced, removed or added."""
    if isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data)))
        action = draw(st.sampled_from(["replace", "remove", "add", "descend"]))
        out = dict(data)
        if action == "replace":
            out[key] = draw(json_values)
        elif action == "remove":
            del out[key]
        elif action == "add":
            out[draw(st.text(max_size=10))] = draw(json_values)
        else:
            out[key] = _mutate(draw, data[key])
        return out
    if isinstance(data, list) and data:
        i = draw(st.integers(0, len(data) - 1))
        return [*data[:i], _mutate(draw, data[i]), *data[i + 1 :]]
    return draw(json_values)


@st.composite
def nearly_valid(draw: st.DrawFn) -> tuple[type[Any], Any]:
    """A real record's JSON with one thing wrong (or, sometimes, still right)."""
    kind = draw(st.sampled_from(["resident", "case", "request", "dataset"]))
    strategy: st.SearchStrategy[Any] = {
        "resident": sst.residents(),
        "case": sst.dispute_cases(),
        "request": sst.service_requests(),
        "dataset": sst.datasets(max_residents=3, max_visits=3),
    }[kind]
    record = draw(strategy)
    return type(record), _mutate(draw, unstructure(record))


@fuzz(60)
@given(case=nearly_valid())
def test_structure_takes_a_nearly_valid_record(
    fuzz_cases: Counter, case: tuple[type[Any], Any]
) -> None:
    fuzz_cases["structure(a record with one thing wrong)"] += 1
    cls, data = case
    try:
        value = structure(data, cls)
    except ValidationError as e:
        refused: ValidationError | None = e
    else:
        refused = None
        assert structure(unstructure(value), cls) == value
    if refused is not None:
        assert refused.problems
        assert all(isinstance(p.path, str) and p.message for p in refused.problems)


# -- files ----------------------------------------------------------------------------

FORMATS = {"json": "data.json", "jsonl": "data.jsonl", "csv": "folder"}


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A slice of the sample banner (one community and what belongs to it) in each format:
    real files, small enough to corrupt thousands of times."""
    ds = load_chayouqianqi()
    cid = ds.communities[0].id
    kept: dict[str, Any] = {}
    for name, records in ds.collections():
        if name == "communities":
            kept[name] = records[:1]
        elif name in ("partner_units",):
            kept[name] = ()
        elif records and hasattr(records[0], "community_id"):
            kept[name] = records
        else:
            kept[name] = records
    small: dict[str, Any] = {k: [r for r in v if getattr(r, "community_id", cid) == cid]
                             for k, v in kept.items()}  # fmt: skip
    small["residents"] = small["residents"][:20]
    people = {r.id for r in small["residents"]}
    small["visits"] = [v for v in small["visits"] if v.resident_id in people][:20]
    small["households"] = [
        h for h in small["households"] if h.id in {r.household_id for r in small["residents"]}
    ]
    small["service_requests"] = small["service_requests"][:10]
    small["dispute_cases"] = small["dispute_cases"][:5]
    slice_ = _consistent_subset(small)
    folder = tmp_path_factory.mktemp("originals")
    paths = {}
    for fmt, name in FORMATS.items():
        paths[fmt] = folder / name
        save_dataset(slice_, paths[fmt], format=fmt)  # type: ignore[arg-type]
    return paths


def _consistent_subset(collections_: dict[str, Any]) -> Dataset:
    """Drop records whose references broke in the slicing, using the loader's own
    ``collect`` mode (which is what it is for)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "slice.jsonl"
        lines = [json.dumps({"schema_version": 1})]
        for name, records in collections_.items():
            for r in records:
                lines.append(json.dumps({"collection": name, "record": unstructure(r)}))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = load_dataset(path, errors="collect")
    assert isinstance(result, LoadResult)
    assert len(result.dataset) > 40
    return result.dataset


FRAGMENTS = [
    b"\xef\xbb\xbf",  # a BOM in the wrong place
    b"\xff\xfe",  # bad UTF-8 (a UTF-16 BOM)
    b"\xc3",  # a cut multi-byte character
    b"\x00",
    b";",
    b"\t",
    b",",
    b'"',
    b"\n",
    b"\r\n",
    b"9" * 5000,  # beyond int()'s digit limit
    b"1e999",
    b"-0",
    b"NaN",
    b"2025-02-30",
    b" r 1 ",
    b"null",
    b"[" * 3000,  # nested past the parser's recursion limit
    "社区".encode(),
    b"{}",
    b"id,id",
]


@st.composite
def corrupted(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` broken one to three times the ways real files break."""
    data = original
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, len(data)))
        how = draw(
            st.sampled_from(
                ["truncate", "flip", "insert", "delete", "delimiter", "dup-line", "swap-lines"]
            )
        )
        if how == "truncate":
            data = data[:where]
        elif how == "flip" and data:
            i = min(where, len(data) - 1)
            data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1 :]
        elif how == "insert":
            data = (
                data[:where]
                + draw(st.sampled_from(FRAGMENTS) | st.binary(max_size=8))
                + data[where:]
            )
        elif how == "delete":
            data = data[:where] + data[where + draw(st.integers(1, 50)) :]
        elif how == "delimiter":
            data = data.replace(b",", draw(st.sampled_from([b";", b"\t", b"|", b"\xef\xbc\x8c"])))
        else:
            lines = data.split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if how == "dup-line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
    return data


def _load_outcome(path: Path) -> str:
    """Load ``path`` both ways; the outcome, or a failed assertion if it broke the rules."""
    error: ShequError | None = None
    try:
        ds = load_dataset(path)
    except ShequError as e:  # ValidationError included
        error = e
    if isinstance(error, ValidationError):
        assert error.problems
        outcome = "invalid"
    elif error is not None:
        assert str(error).startswith("cannot read ")
        return "unreadable"
    else:
        assert isinstance(ds, Dataset)
        outcome = "loaded"
    result = load_dataset(path, errors="collect")
    assert isinstance(result, LoadResult)
    assert (outcome == "loaded") == (not result.problems)
    return outcome


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="shequ-fuzz-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@fuzz(40)
@given(data=st.data(), fmt=st.sampled_from(["json", "jsonl"]))
def test_load_a_corrupted_file(
    fuzz_cases: Counter, originals: dict[str, Path], data: st.DataObject, fmt: str
) -> None:
    fuzz_cases[f"load_dataset(corrupted .{fmt})"] += 1
    broken = data.draw(corrupted(originals[fmt].read_bytes()))
    with scratch() as folder:
        path = folder / FORMATS[fmt]
        path.write_bytes(broken)
        _load_outcome(path)


CSV_FILES = ["communities.csv", "residents.csv", "visits.csv", "schema.json"]


@fuzz(40)
@given(data=st.data(), name=st.sampled_from(CSV_FILES))
def test_load_a_corrupted_csv_folder(
    fuzz_cases: Counter, originals: dict[str, Path], data: st.DataObject, name: str
) -> None:
    fuzz_cases["load_dataset(corrupted CSV folder)"] += 1
    with scratch() as folder:
        target = folder / "folder"
        shutil.copytree(originals["csv"], target)
        file = target / name
        file.write_bytes(data.draw(corrupted(file.read_bytes())))
        if data.draw(st.booleans()):  # a duplicated header column, as spreadsheets allow
            people = target / "residents.csv"
            text = people.read_bytes()
            head, _, rest = text.partition(b"\n")
            people.write_bytes(head + b"," + head.split(b",")[-1] + b"\n" + rest)
        _load_outcome(target)


@fuzz(40)
@given(blob=st.binary(max_size=300), suffix=st.sampled_from([".json", ".jsonl", ".csv"]))
def test_load_arbitrary_bytes(fuzz_cases: Counter, blob: bytes, suffix: str) -> None:
    fuzz_cases["load_dataset(arbitrary bytes)"] += 1
    with scratch() as folder:
        if suffix == ".csv":
            (folder / "residents.csv").write_bytes(blob)
            path = folder
        else:
            path = folder / f"x{suffix}"
            path.write_bytes(blob)
        assert _load_outcome(path) in ("invalid", "unreadable", "loaded")


@fuzz(40)
@given(value=json_values, fmt=st.sampled_from(["json", "jsonl"]))
def test_load_arbitrary_json(fuzz_cases: Counter, value: Any, fmt: str) -> None:
    fuzz_cases["load_dataset(arbitrary JSON)"] += 1
    with scratch() as folder:
        path = folder / f"x.{fmt}"
        text = json.dumps(value, ensure_ascii=False)
        if fmt == "jsonl":
            text = json.dumps({"schema_version": 1}) + "\n" + text + "\n"
        path.write_text(text, encoding="utf-8")
        _load_outcome(path)


# -- the command ----------------------------------------------------------------------


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as e:  # argparse's --help: the only exit that is not a return
            code = -1 if e.code else 0
    return code, out.getvalue(), err.getvalue()


def check_cli(argv: list[str]) -> int:
    code, out, err = run_cli(argv)
    assert code in (0, 1, 2)  # -1: argparse exited with an error code of its own
    assert "Traceback" not in out + err
    if code == 2:
        assert err.startswith("shequ: usage error: ")
    if err:
        assert err.count("\n") == 1, err  # one clear line
        assert err.startswith("shequ: ")
    return code


SUBCOMMANDS = ["demo", "validate", "visits", "sla", "scorecard", "export"]
OPTIONS = [
    "--as-of",
    "2017-12-31",
    "2025-02-30",
    "--horizon",
    "-3",
    "99999999999999999999",
    "--format",
    "json",
    "csv",
    "--lang",
    "zh",
    "--policy",
    "seed",
    "{",
    "--to",
    "jsonl",
    "--version",
    "-h",
    "",
]


@fuzz(40)
@given(args=st.lists(st.sampled_from(SUBCOMMANDS + OPTIONS) | st.text(max_size=8), max_size=7))
def test_cli_takes_any_arguments(fuzz_cases: Counter, args: list[str]) -> None:
    fuzz_cases["shequ (any arguments)"] += 1
    if args and args[0] in ("demo",):
        args = args[1:]  # the demo is run below; here it would only be slow
    with scratch() as folder:
        args = [str(folder / "out") if a == "" else a for a in args]
        check_cli(args)


@fuzz(40, cost=10)
@given(
    data=st.data(),
    fmt=st.sampled_from(sorted(FORMATS)),
    command=st.sampled_from(SUBCOMMANDS[1:]),
    out_format=st.sampled_from(["table", "csv", "json"]),
)
def test_cli_on_a_corrupted_file(
    fuzz_cases: Counter,
    originals: dict[str, Path],
    data: st.DataObject,
    fmt: str,
    command: str,
    out_format: str,
) -> None:
    fuzz_cases["shequ <subcommand> (corrupted file)"] += 1
    with scratch() as folder:
        path = folder / FORMATS[fmt]
        if fmt == "csv":
            shutil.copytree(originals["csv"], path)
            file = path / data.draw(st.sampled_from(CSV_FILES))
        else:
            file = path
            shutil.copy(originals[fmt], path)
        file.write_bytes(data.draw(corrupted(file.read_bytes())))
        args = [command, str(path), "--format", out_format]
        if command in ("visits", "sla", "scorecard"):
            args += ["--as-of", data.draw(st.sampled_from(["2017-12-31", "2026-06-30"]))]
        if command == "export":
            args += ["--to", data.draw(st.sampled_from(sorted(FORMATS))), str(folder / "out")]
        check_cli(args)


@fuzz(5, cost=100)
@given(args=st.lists(st.sampled_from(OPTIONS[:13]), max_size=4))
def test_cli_demo_takes_any_options(fuzz_cases: Counter, args: list[str]) -> None:
    fuzz_cases["shequ demo (any options)"] += 1
    check_cli(["demo", *args])


@fuzz(40, cost=10)
@given(text=st.text(max_size=60) | st.sampled_from(["{", "[1]", "x = ", '{"x": 1}']))
def test_cli_takes_any_policy_file(
    fuzz_cases: Counter, originals: dict[str, Path], text: str
) -> None:
    fuzz_cases["shequ scorecard --policy (any file)"] += 1
    with scratch() as folder:
        for suffix in (".toml", ".json"):
            policy = folder / f"p{suffix}"
            policy.write_text(text, encoding="utf-8")
            args = ["scorecard", str(originals["json"]), "--as-of", "2017-12-31"]
            check_cli([*args, "--policy", str(policy)])
