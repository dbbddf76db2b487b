"""Looking for personal numbers where they must not be.

Everything the library can show (the demo, every CLI subcommand in every output format
and language, the repr and str of every record and rule result, every error on the way
in, redacted JSON, and every log record down to DEBUG) is searched for the personal
numbers present in the input, in each spelling that could give one away: the full value,
its digits alone, and the part that masking hides. Zero hits. The tests of
``TestLeakSearch`` (tests/entities/test_pii.py) show the searches themselves work.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from shequ_core import (
    Dataset,
    IdNumber,
    PhoneNumber,
    ValidationError,
)
from shequ_core.cli import main

FORMATS = {"json": "data.json", "jsonl": "data.jsonl", "csv": "folder"}


def personal_values(ds: Dataset) -> Iterator[IdNumber | PhoneNumber]:
    for person in (*ds.residents, *ds.staff):
        yield from (v for v in (person.id_number, person.phone) if v is not None)
    for case in ds.dispute_cases:
        for party in case.parties:
            yield from (v for v in (party.id_number, party.phone) if v is not None)


def spellings(value: IdNumber | PhoneNumber | str) -> set[str]:
    """Every substring that would reveal ``value``: whole, digits only, the hidden part."""
    full = value if isinstance(value, str) else value.reveal()
    digits = full.replace("-", "")
    found = {full, digits}
    if isinstance(value, IdNumber) or (isinstance(value, str) and len(digits) == 18):
        found.add(full[4:14])  # what IdNumber.masked hides: region, birth date, sequence
    elif "-" in full:  # a landline: the subscriber number, and the part masking hides
        subscriber = full.split("-")[1]
        found |= {subscriber, subscriber[:-2]}
    else:  # a mobile: the hidden middle with either visible end
        found |= {digits[:7], digits[3:]}
    # Shorter parts (the hidden 5 digits of a 7-digit landline) would match counts and
    # dates by chance; the whole subscriber number still stands for them.
    return {s for s in found if len(s) >= 6}


def needles(ds: Dataset) -> set[str]:
    return {s for v in personal_values(ds) for s in spellings(v)}


def whole_numbers(ds: Dataset) -> set[str]:
    """Each personal number as stored and as bare digits, with its area code.

    For generated data: Hypothesis steers ids, amounts and areas towards digit runs such
    as ``999999`` or ``1.99999998``, which a 100,000-case run found equal to the hidden
    part of a generated phone number. The partial spellings of :func:`needles` stay in
    force for the sample banner and the files, where no such coincidence exists."""
    found = set()
    for v in personal_values(ds):
        full = v.reveal()
        found |= {full, full.replace("-", "")}
    return found


_RUN = re.compile(r"[0-9Xx-]{6,}")


def hits(text: str, secret: Iterable[str]) -> list[str]:
    """The secrets found in ``text`` (as ``[s for s in secret if s in text]``, but by
    looking up every slice of every run of digits, so thousands of secrets stay fast)."""
    wanted = frozenset(secret)
    assert all(_RUN.fullmatch(s) for s in wanted)  # else the slices below would miss it
    lengths = {len(s) for s in wanted}
    found = set()
    for run in _RUN.findall(text):
        for n in lengths:
            found.update(run[i : i + n] for i in range(len(run) - n + 1))
    return sorted(found & wanted)


class _Sink(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.levelname} {record.getMessage()}")
        if record.exc_info:
            self.lines.append(logging.Formatter().formatException(record.exc_info))


@contextlib.contextmanager
def library_log() -> Iterator[_Sink]:
    logger = logging.getLogger("shequ_core")
    sink = _Sink()
    old = logger.level
    logger.addHandler(sink)
    logger.setLevel(logging.DEBUG)
    try:
        yield sink
    finally:
        logger.removeHandler(sink)
        logger.setLevel(old)


def run_cli(*argv: str) -> tuple[int, str]:
    """``shequ`` in this process: its exit code, and stdout and stderr together."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue() + err.getvalue()


def cli_outputs(
    path: Path, tmp: Path, *, every: bool = True, langs: tuple[str, ...] = ("zh", "en")
) -> Iterator[tuple[str, int, str]]:
    """Every subcommand on ``path``: in every output format and language, or (``every``
    false) in the table format only."""
    for fmt in ("table", "csv", "json") if every else ("table",):
        for lang in langs:
            common = ["--format", fmt, "--lang", lang]
            runs: list[list[str]] = [
                ["validate", str(path)],
                ["visits", str(path), "--as-of", "2017-12-31", "--horizon", "30"],
                ["sla", str(path), "--as-of", "2017-12-31"],
                ["scorecard", str(path), "--as-of", "2017-12-31", "--policy", "seed"],
                ["scorecard", str(path), "--as-of", "2017-12-31"],
                ["elections", str(path), "--as-of", "2017-12-31"],
            ]
            for args in runs:
                code, text = run_cli(*args, *common)
                yield " ".join(args[:1] + common), code, text
    for to in FORMATS:
        code, text = run_cli("export", str(path), "--to", to, str(tmp / f"out-{to}"))
        yield f"export {to}", code, text


def swap_check_char(number: str) -> str:
    """The same number with a wrong check character: invalid, and just as personal."""
    return number[:17] + ("0" if number[17] != "0" else "1")


def error_text(exc: BaseException) -> str:
    parts = [str(exc), repr(exc), repr(exc.args)]
    if isinstance(exc, ValidationError):
        parts += [repr(p) for p in exc.problems] + [str(p) for p in exc.problems]
    return "\n".join(parts)


def secrets(x: Any) -> set[str]:
    """Every full identity and phone number held anywhere in ``x``."""
    if isinstance(x, (IdNumber, PhoneNumber)):
        return {x.reveal(), x.reveal().replace("-", "")}
    if attrs.has(type(x)):
        return set().union(*(secrets(getattr(x, a.name)) for a in attrs.fields(type(x))))
    if isinstance(x, (tuple, frozenset, list)):
        return set().union(*(secrets(v) for v in x))
    return set()


def shown(x: object) -> str:
    return f"{x!r}\n{x!s}"


def assert_hidden(text: str, hidden: set[str]) -> None:
    leaked = [s for s in hidden if s in text]
    assert not leaked, "a full number appears in the text"
