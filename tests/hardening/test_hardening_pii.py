"""No full identity or phone number ever leaves the library unasked.

Everything the library can show is gathered (the demo, every CLI subcommand in every
output format and language, the repr and str of every record and rule result, every
error on the way in, redacted JSON, and every log record down to DEBUG) and searched
for the personal numbers present in the input, in each spelling that could give one
away: the full value, its digits alone, and the part that masking hides. Zero hits.

A positive control (the same search finds the numbers in unredacted JSON) shows the
search itself works.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from shequ_core import (
    Dataset,
    IdNumber,
    PhoneNumber,
    Resident,
    ShequError,
    ValidationError,
)
from shequ_core import strategies as sst
from shequ_core.calendar import china_calendar
from shequ_core.cli import main
from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import load_dataset, save_dataset
from shequ_core.policy import national_policy, seed_policy
from shequ_core.rules.assessment import scorecard, summary
from shequ_core.rules.sla import backlog, sla_status
from shequ_core.rules.visiting import must_visit, visit_coverage
from shequ_core.serialization import from_json, structure, to_json, unstructure

AS_OF = dt.date(2017, 12, 31)
FORMATS = {"json": "data.json", "jsonl": "data.jsonl", "csv": "folder"}


# -- what must never be seen ----------------------------------------------------------


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


# -- capturing everything the library says --------------------------------------------


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
            ]
            for args in runs:
                code, text = run_cli(*args, *common)
                yield " ".join(args[:1] + common), code, text
    for to in FORMATS:
        code, text = run_cli("export", str(path), "--to", to, str(tmp / f"out-{to}"))
        yield f"export {to}", code, text


# -- the sample banner ----------------------------------------------------------------


@pytest.fixture(scope="module")
def banner_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pii")
    paths = {}
    for fmt, name in FORMATS.items():
        paths[fmt] = folder / name
        save_dataset(load_chayouqianqi(), paths[fmt], format=fmt)  # type: ignore[arg-type]
    return paths


def test_the_search_finds_numbers_where_they_are_meant_to_be() -> None:
    # The control: the full form is written, so every number is found in it.
    ds = load_chayouqianqi()
    text = to_json(ds)
    values = list(personal_values(ds))
    assert len(values) > 1000
    assert all(v.reveal() in text for v in values)
    assert hits(text, needles(ds))


def test_demo_shows_no_personal_number() -> None:
    secret = needles(load_chayouqianqi())
    with library_log() as log:
        for lang in ("zh", "en"):
            for fmt in ("table", "csv", "json"):
                code, text = run_cli("demo", "--lang", lang, "--format", fmt)
                assert code == 0
                assert "脱敏" in text or "redacted" in text
                assert hits(text, secret) == []
    assert hits("\n".join(log.lines), secret) == []


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_subcommand_on_the_banner(
    banner_files: dict[str, Path], fmt: str, tmp_path: Path
) -> None:
    secret = needles(load_chayouqianqi())
    # Every format and language from JSON; the readers of the other two once each.
    with library_log() as log:
        outputs = list(cli_outputs(banner_files[fmt], tmp_path, every=fmt == "json"))
    assert len(outputs) == (33 if fmt == "json" else 13)
    for label, code, text in outputs:
        assert code in (0, 1), label
        assert text.strip(), label
        assert hits(text, secret) == [], label
    assert any("loaded" in line for line in log.lines)
    assert hits("\n".join(log.lines), secret) == []


def test_every_record_and_rule_result_masks_itself() -> None:
    ds = load_chayouqianqi()
    secret = needles(ds)
    cal = china_calendar()
    items = {i.id: i for i in ds.service_items}
    shown: list[str] = [repr(ds), str(ds)]
    for _, records in ds.collections():
        for record in records:
            shown += [repr(record), str(record)]
    for v in personal_values(ds):
        shown += [repr(v), str(v), v.masked, f"{v}", f"{v!r}"]
    due = must_visit(ds, as_of=AS_OF, horizon_days=30)
    shown += [repr(due), str(due), repr(visit_coverage(ds, start=dt.date(2017, 1, 1), end=AS_OF))]
    card = scorecard(ds, as_of=AS_OF, policy=seed_policy(AS_OF))
    shown += [repr(card), str(card), repr(card.table_rows(lang="en"))]
    shown += [repr(summary(ds, as_of=AS_OF))]
    report = backlog(ds, as_of=AS_OF, calendar=cal)
    shown += [repr(report), report.summary(lang="zh"), report.summary(lang="en")]
    for req in ds.service_requests[:100]:
        st = sla_status(req, items[req.item_id], as_of=AS_OF, calendar=cal)
        shown += [repr(st), st.explain(lang="zh"), st.explain(lang="en")]
    text = "\n".join(shown)
    assert hits(text, secret) == []


def test_redacted_json_of_every_record() -> None:
    ds = load_chayouqianqi()
    secret = needles(ds)
    text = to_json(ds, redact=True)
    assert hits(text, secret) == []
    assert hits(json.dumps(unstructure(ds, redact=True), ensure_ascii=False), secret) == []
    for person in ds.residents[:50]:
        assert hits(to_json(person, redact=True, indent=2), secret) == []


# -- the error paths ------------------------------------------------------------------


def _swap_check_char(number: str) -> str:
    """The same number with a wrong check character: invalid, and just as personal."""
    return number[:17] + ("0" if number[17] != "0" else "1")


def broken_inputs(ds: Dataset) -> Iterator[tuple[str, Any, set[str]]]:
    """Records with personal numbers wherever they can go wrong: (label, data, secrets)."""
    people = [r for r in ds.residents if r.id_number is not None and r.phone is not None]
    base = unstructure(ds)
    for i, person in enumerate(people[:5]):
        idn, phone = person.id_number.reveal(), person.phone.reveal()  # type: ignore[union-attr]
        bad_id = _swap_check_char(idn)
        secret = spellings(idn) | spellings(phone) | spellings(bad_id)
        record = unstructure(person)
        variants: dict[str, dict[str, Any]] = {
            "wrong check character": {"id_number": bad_id},
            "identity number as phone": {"phone": idn},
            "phone as identity number": {"id_number": phone},
            "identity number as a date": {"birth_date": idn},
            "identity number as sex": {"sex": idn},
            "identity number in a list": {"attentions": [idn]},
            "unknown key that is an identity number": {idn: phone},
            "phone number with letters": {"phone": phone + "x"},
            "id number as a number": {"id_number": int(idn[:17])},
        }
        for label, change in variants.items():
            yield f"{label} #{i}", {**record, **change}, secret
        whole = copy.deepcopy(base)
        whole["residents"][0] = {**whole["residents"][0], "id_number": bad_id, "phone": idn}
        whole[idn] = []
        yield f"dataset #{i}", whole, secret


def _messages(exc: BaseException) -> str:
    parts = [str(exc), repr(exc), repr(exc.args)]
    if isinstance(exc, ValidationError):
        parts += [repr(p) for p in exc.problems] + [str(p) for p in exc.problems]
    return "\n".join(parts)


def test_errors_never_echo_personal_numbers(tmp_path: Path) -> None:
    ds = load_chayouqianqi()
    n = 0
    with library_log() as log:
        for label, data, secret in broken_inputs(ds):
            cls: type[Any] = Dataset if "residents" in data else Resident
            with pytest.raises(ValidationError) as info:
                structure(data, cls)
            assert hits(_messages(info.value), secret) == [], label
            with pytest.raises(ValidationError) as info:
                from_json(json.dumps(data, ensure_ascii=False), cls)
            assert hits(_messages(info.value), secret) == [], label
            n += 1
    assert n == 50
    assert hits("\n".join(log.lines), needles(ds)) == []


def test_value_types_refuse_without_echoing() -> None:
    ds = load_chayouqianqi()
    for v in list(personal_values(ds))[:200]:
        full = v.reveal()
        for attempt in (full + "1", full[:-1] + "?", "+86 " + full + "0", f" {full[::-1]} "):
            for cls in (IdNumber, PhoneNumber):
                try:
                    cls(attempt)
                except ValidationError as e:
                    refused = _messages(e)
                else:
                    continue
                assert hits(refused, spellings(v)) == []


def _write_broken(folder: Path, ds: Dataset) -> Iterator[Path]:
    """The banner's files, each broken in a way that puts a personal number in an error."""
    people = [r for r in ds.residents if r.id_number is not None]
    idn = people[0].id_number.reveal()  # type: ignore[union-attr]
    data = unstructure(ds)
    data["schema_version"] = 1
    data["residents"][1]["phone"] = idn
    data["residents"][2]["id_number"] = _swap_check_char(idn)
    data[idn] = []
    path = folder / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    yield path
    lines = [json.dumps({"schema_version": 1})]
    lines.append(json.dumps({"collection": idn, "record": {}}))
    lines.append(json.dumps({"collection": "residents", "record": data["residents"][1]}))
    jsonl = folder / "broken.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    yield jsonl
    csv_folder = folder / "broken-csv"
    save_dataset(ds, csv_folder, format="csv")
    residents = csv_folder / "residents.csv"
    rows = residents.read_text(encoding="utf-8-sig").splitlines()
    residents.write_text("\n".join(rows[1:]) + "\n", encoding="utf-8")  # the header lost
    (csv_folder / f"{idn}.csv").write_text("id\n", encoding="utf-8")
    yield csv_folder


def test_cli_on_broken_files_never_shows_a_number(tmp_path: Path) -> None:
    ds = load_chayouqianqi()
    secret = needles(ds) | spellings(_swap_check_char(ds.residents[0].id_number.reveal()))  # type: ignore[union-attr]
    with library_log() as log:
        for path in _write_broken(tmp_path, ds):
            with pytest.raises(ValidationError) as info:
                load_dataset(path)
            assert hits(_messages(info.value), secret) == [], path.name
            result = load_dataset(path, errors="collect")
            assert result.problems
            assert hits("\n".join(map(str, result.problems)), secret) == [], path.name
            for label, code, text in cli_outputs(path, tmp_path, every=False, langs=("en",)):
                assert code == 1, label
                assert hits(text, secret) == [], (path.name, label)
    assert hits("\n".join(log.lines), secret) == []


def test_a_reference_to_an_identity_number_is_not_echoed() -> None:
    ds = load_chayouqianqi()
    idn = ds.residents[0].id_number.reveal()  # type: ignore[union-attr]
    data = unstructure(ds)
    data["visits"][0]["resident_id"] = idn
    with pytest.raises(ValidationError) as info:
        structure(data, Dataset)
    assert hits(_messages(info.value), spellings(idn)) == []
    assert "visits[0].resident_id" in str(info.value)


# -- generated data -------------------------------------------------------------------


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ds=sst.datasets(min_residents=1, min_staff=1, min_dispute_cases=1))
def test_generated_data_never_shows_a_number(tmp_path: Path, ds: Dataset) -> None:
    secret = whole_numbers(ds)
    shown = [repr(ds), to_json(ds, redact=True)]
    for _, records in ds.collections():
        shown += [repr(r) for r in records] + [str(r) for r in records]
    try:
        shown.append(repr(must_visit(ds, as_of=AS_OF, horizon_days=30)))
        shown.append(repr(scorecard(ds, as_of=AS_OF, policy=national_policy(AS_OF))))
        shown.append(backlog(ds, as_of=AS_OF, calendar=china_calendar()).summary())
    except ShequError as e:  # a calendar year without data, say: the message counts too
        shown.append(_messages(e))
    assert hits("\n".join(shown), secret) == []
    path = tmp_path / "generated.json"
    save_dataset(ds, path)
    with library_log() as log:
        for args in (
            ["validate", str(path)],
            ["visits", str(path), "--as-of", "2017-12-31", "--format", "csv"],
            ["sla", str(path), "--as-of", "2017-12-31", "--format", "json"],
            ["scorecard", str(path), "--as-of", "2017-12-31", "--lang", "en"],
        ):
            code, text = run_cli(*args)
            assert code in (0, 1)
            assert hits(text, secret) == [], args[0]
    assert hits("\n".join(log.lines), secret) == []


def test_the_fast_search_agrees_with_the_plain_one() -> None:
    secret = {"15092619900101123X", "0474-55512345", "55512345", "13812345678"}
    texts = [
        "id 15092619900101123X here",
        "tel:0474-55512345;",
        "555123456",
        "1381234567",  # one digit short: no hit
        "+8613812345678",
        "nothing",
    ]
    for text in texts:
        assert hits(text, secret) == sorted(s for s in secret if s in text)
    assert hits("\n".join(texts), secret) == sorted(secret)
