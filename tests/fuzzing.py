"""What the fuzz tests share: the ``fuzz()`` settings, any JSON value, files broken the
ways real files break, and the command run in this process.

`make test` runs a few dozen cases of each fuzz test (marker ``fuzz``); `make fuzz`
loads the ``fuzz`` Hypothesis profile (``tests/conftest.py``) for the long run, whose
count of cases (the ``fuzz_cases`` fixture) is printed at the end of the session.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import datetime as dt
import io
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from shequ_core import Dataset, ShequError, ValidationError
from shequ_core.cli import main
from shequ_core.io import LoadResult, load_dataset
from shequ_core.serialization import unstructure

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


FORMATS = {"json": "data.json", "jsonl": "data.jsonl", "csv": "folder"}


def consistent_subset(collections_: dict[str, Any]) -> Dataset:
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


#: What a spreadsheet cell can hold that has broken CSV files (issue #17): line breaks of
#: every kind (a bare carriage return was written unquoted and read back as two rows),
#: quotes and delimiters, a byte-order mark, NUL, formulas, numbers beyond the bounds
#: (10⁹ households, a fee of 1E+1000000, an area of 1.7e308), JSON that is nested too
#: deeply, holds a key twice or an integer past 64 bits, and personal numbers.
CELL_PIECES = [
    "\r",
    "\n",
    "\r\n",
    "\n\r",
    '"',
    '""',
    ",",
    ";",
    "\t",
    "\ufeff",
    "\x00",
    "\x1b[2J",
    "\u2028",
    "\x85",
    " ",
    "=1+1",
    "@SUM(A1)",
    "+86",
    "-0",
    "1E+1000000",
    "1.7e308",
    "-1",
    "999999999",
    "1000000000",
    "18446744073709551617",
    "9" * 5000,
    "NaN",
    "2025-02-30",
    "true",
    "[" * 3000,
    '{"a":1,"a":2}',
    '[{"kind":"lonely_elder","since":"2020-01-01","kind":"disabled"}]',
    "150926199001011234",
    "tel:138-0013-8000",
    "社区",
]

#: The contents of one CSV cell, as hostile as a hand-edited spreadsheet: pieces of
#: :data:`CELL_PIECES` and any text, joined; now and then a cell longer than the csv
#: module's default limit of 128 KiB.
csv_cells = st.lists(
    st.sampled_from(CELL_PIECES) | st.text(max_size=6), min_size=1, max_size=6
).map("".join) | st.just("长" * 140_000)


@st.composite
def with_hostile_cell(draw: st.DrawFn, original: bytes) -> bytes:
    """The CSV file ``original`` with one cell (of the header, now and then) replaced by
    :data:`csv_cells`, written back the way some program might: quoted as the csv module
    quotes (``\\r\\n`` or ``\\n`` line ends), every cell quoted, or not quoted at all."""
    rows = list(csv.reader(io.StringIO(original.decode("utf-8-sig"), newline="")))
    row = draw(st.integers(0, len(rows) - 1))
    column = draw(st.integers(0, max(len(rows[row]) - 1, 0)))
    cell = draw(csv_cells)
    if rows[row]:
        rows[row][column] = cell
    else:
        rows[row].append(cell)
    how = draw(st.sampled_from(["minimal-crlf", "minimal-lf", "all", "none"]))
    out = io.StringIO(newline="")
    if how == "none":
        out.write("".join(",".join(r) + "\n" for r in rows))
    else:
        quoting = csv.QUOTE_ALL if how == "all" else csv.QUOTE_MINIMAL
        ending = "\r\n" if how == "minimal-crlf" else "\n"
        csv.writer(out, lineterminator=ending, quoting=quoting).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8", "surrogatepass")


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


def load_outcome(path: Path) -> str:
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


CSV_FILES = ["communities.csv", "residents.csv", "visits.csv", "schema.json"]


def run_captured(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as e:  # argparse's --help: the only exit that is not a return
            code = -1 if e.code else 0
    return code, out.getvalue(), err.getvalue()


def check_cli(argv: list[str]) -> int:
    code, out, err = run_captured(argv)
    assert code in (0, 1, 2)  # -1: argparse exited with an error code of its own
    assert "Traceback" not in out + err
    if code == 2:  # the command could not do its job: a usage error or an error
        assert err.startswith(("shequ: usage error: ", "shequ: error: "))
    if code == 1 and err:  # findings: data read and found invalid
        assert err.startswith("shequ: invalid data: ")
    if err:
        assert err.count("\n") == 1, err  # one clear line
        assert err.startswith("shequ: ")
    return code


SUBCOMMANDS = [
    "demo", "validate", "visits", "sla", "scorecard", "calendar", "export", "elections",
]  # fmt: skip


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
    "--provisional",
    "--notices",
    "--year",
    "--version",
    "-h",
    "",
    # The probes of issue 17: a far date, a huge horizon, a personal number as a date,
    # a redacted export.
    "9999-12-30",
    "1980-01-01",
    "1000000000",
    "150926199001011234",
    "--redact",
    "--to",
    "csv",
]
