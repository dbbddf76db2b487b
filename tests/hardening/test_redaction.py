"""Redaction that cannot be undone (issue 17, item 1): the reconstruction attack.

An attacker holds a redacted output (``to_json(redact=True)``, ``repr``, ``to_frames()``,
``shequ export --redact``) and knows more than it shows: the person's full six-digit
address code (the county: the community gives it away). From every field the output
shows (the visible characters of every masked value, the date or year of birth, the
sex) the enumerator below lists every identity number and phone number consistent with
them. The law: no output narrows a number below :data:`ENOUGH` candidates.

The control (``TestTheAttack``) shows the enumerator is a real attack: on the mask this
library used before (first 4 and last 4 characters, the birth date in full) it finds the
true number among a handful of candidates.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings

import shequ_core.strategies as S
from shequ_core import IdNumber, PhoneNumber, Resident, Sex, ValidationError
from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import id_number_check_char
from shequ_core.extra.pandas import to_frame
from shequ_core.io import load_dataset, save_dataset
from shequ_core.serialization import to_json
from tests.builders import residents_dataset
from tests.leaks import run_cli

#: The fewest candidates a redacted output may leave for any number (the issue's bar).
ENOUGH = 1_000


# -- the attack -------------------------------------------------------------------------


def _days(year: int) -> Iterator[dt.date]:
    day = dt.date(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


def id_candidates(
    views: list[str],
    *,
    region: str,
    birth: str | None,
    sex: Sex | None,
    limit: int = ENOUGH + 1,
) -> list[str]:
    """Every identity number (up to ``limit``) consistent with what was shown.

    ``views`` are the 18-character masked spellings found in the output (``*`` hides a
    character); ``region`` is the six-digit address code the attacker knows; ``birth``
    is the birth date as shown (``"1949-12-31"``) or its year (``"1949"``); ``sex`` the
    sex as shown.
    """
    fixed: dict[int, str] = dict(enumerate(region))
    for view in views:
        assert len(view) == 18, view
        for i, c in enumerate(view.upper()):
            if c != "*":
                assert fixed.setdefault(i, c) == c, "two views disagree"
    if birth is None:
        years: range | list[int] = range(1900, 2100)
    else:
        years = [int(birth[:4])]
    found: list[str] = []
    for year in years:
        days = [dt.date.fromisoformat(birth)] if birth and len(birth) == 10 else _days(year)
        for day in days:
            stem = region + day.strftime("%Y%m%d")
            if any(fixed.get(i, c) != c for i, c in enumerate(stem)):
                continue
            for seq in range(1000):
                s = f"{seq:03d}"
                if any(fixed.get(14 + i, c) != c for i, c in enumerate(s)):
                    continue
                if sex is not None and (seq % 2 == 1) != (sex is Sex.MALE):
                    continue
                check = id_number_check_char(stem + s)
                if fixed.get(17, check) != check:
                    continue
                found.append(stem + s + check)
                if len(found) >= limit:
                    return found
    return found


def phone_candidates(view: str, *, limit: int = ENOUGH + 1) -> list[str]:
    """Every phone number (up to ``limit``) whose masked spelling is ``view``."""
    hidden = [i for i, c in enumerate(view) if c == "*"]
    found = []
    # 9 first: a subscriber number cannot start with 0 or 1, and a refusal is slow.
    for digits in itertools.product("9876543210", repeat=len(hidden)):
        chars = list(view)
        for i, d in zip(hidden, digits, strict=True):
            chars[i] = d
        try:
            PhoneNumber("".join(chars))
        except ValidationError:
            continue
        found.append("".join(chars))
        if len(found) >= limit:
            break
    return found


def old_mask(number: str) -> str:
    """The identity-number mask of shequ_core 0.x: first 4 and last 4 characters."""
    return number[:4] + "*" * 10 + number[-4:]


_ID_VIEW = re.compile(r"[0-9*]{17}[0-9Xx*]")
_PHONE_VIEW = re.compile(r"(?<![0-9*])(?:1[0-9*]{10}|0[0-9]{2,3}-[0-9*]{7,8})(?![0-9*])")


def id_views(text: str) -> list[str]:
    """The masked identity numbers in ``text``: 18 digits, stars and a trailing X."""
    return [v for v in _ID_VIEW.findall(text) if "*" in v or len(set(v)) > 1]


def phone_views(text: str) -> list[str]:
    return _PHONE_VIEW.findall(text)


# -- the person, and everything that shows them ---------------------------------------


def person(number: IdNumber, phone: PhoneNumber) -> Resident:
    """A resident whose id, household and name hold her numbers as offices write them."""
    return Resident(
        id=f"sfz-{number.reveal()}",
        community_id="C01",
        household_id=f"tel:{phone.reveal()}",
        name=f"王{phone.reveal()}",
        id_number=number,
        phone=phone,
        birth_date=number.birth_date,
        sex=number.sex,
    )


def assert_not_rebuilt(text: str, number: IdNumber, phone: PhoneNumber, birth: str) -> None:
    """Every view of the numbers in ``text``, and ``birth`` as it shows: at least
    :data:`ENOUGH` candidates each."""
    assert number.reveal() not in text
    views = id_views(text)
    assert views, "the masked identity number is shown"
    ids = id_candidates(views, region=number.region_code, birth=birth, sex=number.sex)
    assert len(ids) > ENOUGH, f"{len(ids)} candidates"
    for view in set(phone_views(text)):
        assert len(phone_candidates(view)) > ENOUGH, view


class TestTheAttack:
    """The enumerator is a real attack: it rebuilds numbers from the old mask."""

    def test_the_old_mask_and_a_full_birth_date_give_the_number_away(self) -> None:
        """First 4 and last 4 shown, the birth date in full: the county's two digits
        and the sequence's first two are all that is missing, and the check character
        leaves about one candidate in eleven. Knowing the county, a handful remain."""
        ds = load_chayouqianqi()
        sizes = []
        for r in [r for r in ds.residents if r.id_number is not None][:50]:
            n = r.id_number
            assert n is not None
            found = id_candidates(
                [old_mask(n.reveal())],
                region=n.region_code,
                birth=n.birth_date.isoformat(),
                sex=n.sex,
            )
            assert n.reveal() in found
            sizes.append(len(found))
        assert max(sizes) <= 20

    def test_the_enumerator_finds_every_candidate(self) -> None:
        """With the year, the sex and the sequence's first digit, every day of the year
        and every sequence of that sex is a candidate: the count stops at the limit and
        holds the true number when the limit allows."""
        n = IdNumber("11010519491231002X")
        all_of_new_year = id_candidates(
            ["1101" + "*" * 10 + "0***"],
            region="110105",
            birth="1949",
            sex=Sex.FEMALE,
            limit=10**6,
        )
        assert len(all_of_new_year) == 365 * 50
        assert n.reveal() in all_of_new_year
        assert len(phone_candidates("138****8000", limit=10**5)) == 10_000


class TestRedactedOutputs:
    """No redacted output lets the attack narrow a number below 1,000 candidates."""

    @settings(max_examples=20, deadline=None)
    @given(number=S.id_numbers(), phone=S.phone_numbers())
    def test_redacted_json(self, number: IdNumber, phone: PhoneNumber) -> None:
        r = person(number, phone)
        text = to_json(r, redact=True)
        shown = json.loads(text)
        assert shown["birth_date"] == f"{number.birth_date.year:04d}"
        assert_not_rebuilt(text, number, phone, shown["birth_date"])

    @settings(max_examples=15, deadline=None)
    @given(number=S.id_numbers(), phone=S.phone_numbers())
    def test_repr_and_str(self, number: IdNumber, phone: PhoneNumber) -> None:
        r = person(number, phone)
        for text in (repr(r), str(r), repr((r,)), repr(number), str(phone)):
            birth = re.search(r"birth_date='([^']*)'", text)
            assert "datetime.date" not in text
            if "Resident" in text:
                assert birth is not None
                assert_not_rebuilt(text, number, phone, birth.group(1))
            else:
                assert number.reveal() not in text and phone.reveal() not in text

    @settings(max_examples=10, deadline=None)
    @given(number=S.id_numbers(), phone=S.phone_numbers())
    def test_data_frames(self, number: IdNumber, phone: PhoneNumber) -> None:
        frame = to_frame([person(number, phone)])
        row = frame.iloc[0]
        birth = str(row["birth_date"])
        assert birth == f"{number.birth_date.year:04d}"
        text = "\n".join(str(v) for v in row.to_list())
        assert_not_rebuilt(text, number, phone, birth)

    def test_shequ_export_redact(self, tmp_path: Path) -> None:
        """The banner exported with --redact: every resident's number, from all the
        file shows of her."""
        ds = load_chayouqianqi()
        source = tmp_path / "banner.json"
        save_dataset(ds, source)
        code, text = run_cli(
            "export", str(source), "--to", "json", str(tmp_path / "r.json"), "--redact"
        )
        assert code == 0, text
        shown = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
        people = [(r, s) for r, s in zip(ds.residents, shown["residents"], strict=True)]
        checked = 0
        for r, s in people[::60]:  # ~30 residents; each attack is a full enumeration
            if r.id_number is None:
                continue
            assert s["birth_date"] == str(r.birth_date.year)  # type: ignore[union-attr]
            line = json.dumps(s, ensure_ascii=False)
            phone = r.phone or PhoneNumber("13800138000")
            assert_not_rebuilt(line, r.id_number, phone, s["birth_date"])
            checked += 1
        assert checked > 12
        whole = (tmp_path / "r.json").read_text(encoding="utf-8")
        assert not any(r.id_number.reveal() in whole for r in ds.residents if r.id_number)


#: The banner in each format, as ``shequ export --to FORMAT`` names its output.
FORMATS = {"json": "r.json", "jsonl": "r.jsonl", "csv": "r", "xlsx": "r.xlsx"}


def _texts(out: Path) -> str:
    """Every character a file (or a CSV folder, or a workbook's cells) holds."""
    if out.is_dir():
        return "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.iterdir()))
    if out.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(out, read_only=True)
        return "\n".join(
            str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row
        )
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def banner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample banner saved as JSON, once."""
    source = tmp_path_factory.mktemp("banner") / "banner.json"
    save_dataset(load_chayouqianqi(), source)
    return source


#: Cells a spreadsheet would run as formulas (OWASP's "CSV injection" starts).
FORMULAS = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.fixture(scope="module")
def secrets() -> tuple[set[str], set[str]]:
    """The banner's full personal numbers, and its birth dates before 1990 as 1949-12-31
    and 19491231 (the banner's other dates, of visits and requests, are all later)."""
    from tests.helpers import personal_numbers

    early = dt.date(1990, 1, 1)
    births = {b for r in load_chayouqianqi().residents if (b := r.birth_date) and b < early}
    return personal_numbers(), {f(b) for b in births for f in (str, _compact)}


def _pieces(text: str, lengths: set[int]) -> set[str]:
    """Every piece of ``text`` of one of ``lengths`` characters inside a run of digits,
    ``X`` and ``-`` (where a personal number or a date would be): ``number in text`` for
    thousands of numbers, at once."""
    found = set()
    for run in re.findall(r"[0-9Xx-]+", text):
        for n in lengths:
            found.update(run[i : i + n] for i in range(len(run) - n + 1))
    return found


def _compact(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


class TestRedactedFiles:
    """``save_dataset(..., redact=True)`` and ``shequ export --redact``, in every format."""

    @pytest.mark.parametrize("to", sorted(FORMATS))
    def test_export_redact_holds_no_number_or_birth_date(
        self, banner: Path, secrets: tuple[set[str], set[str]], tmp_path: Path, to: str
    ) -> None:
        """No full identity or phone number and no full birth date of the banner in the
        redacted file, whatever its format; and the copy is refused on load, never read
        as a dataset."""
        out = tmp_path / FORMATS[to]
        code, text = run_cli("export", str(banner), "--to", to, str(out), "--redact")
        assert code == 0, text
        whole = _texts(out)
        numbers, births = secrets
        assert len(numbers) > 1_000 and len(births) > 1_000
        shown = _pieces(whole, {len(n) for n in numbers | births})
        assert sorted(numbers & shown) == []
        assert sorted(births & shown) == []
        with pytest.raises(ValidationError):
            load_dataset(out)

    @pytest.mark.parametrize("to", sorted(FORMATS))
    def test_redacted_save_is_atomic(self, tmp_path: Path, to: str) -> None:
        """A redacted save goes through the atomic writers: a file it replaces keeps its
        mode, a new one is its owner's only, and a save that fails leaves no temporary
        file and the old file whole."""
        small = residents_dataset(5)
        out = tmp_path / FORMATS[to]
        save_dataset(small, out, format=to, redact=True)
        if out.is_file():
            assert out.stat().st_mode & 0o777 == 0o600
            out.chmod(0o640)
            save_dataset(small, out, format=to, redact=True)
            assert out.stat().st_mode & 0o777 == 0o640
        before = _texts(out)
        full = OSError(28, "No space left on device")
        with mock.patch("os.fsync", side_effect=full), pytest.raises(OSError, match="No space"):
            save_dataset(small, out, format=to, redact=True)
        assert _texts(out) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]

    def test_redacted_csv_cells_never_open_as_formulas(self, tmp_path: Path) -> None:
        """In the redacted (sharing) CSV a cell a spreadsheet would run (``=``, ``+``,
        ``-``, ``@``, tab, CR) starts with ``'``; the full export keeps it exact and
        loads back equal."""
        import csv

        bad = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
        ds = residents_dataset(len(bad))
        people = tuple(attrs.evolve(r, name=n) for r, n in zip(ds.residents, bad, strict=True))
        small = attrs.evolve(ds, residents=people)
        save_dataset(small, tmp_path / "full", format="csv")
        assert load_dataset(tmp_path / "full") == small
        save_dataset(small, tmp_path / "shared", format="csv", redact=True)
        with (tmp_path / "shared" / "residents.csv").open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        assert [row["name"] for row in rows] == ["'" + n for n in bad]
        cells = [c for row in rows for c in row.values()]
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)

    def test_a_workbook_writes_them_as_text(self, tmp_path: Path) -> None:
        """The ``xlsx`` writer writes every such name as a text cell (``t="s"`` or
        inline text, never a formula ``<f>``), exact, and the workbook loads back equal:
        the export the docs advise for people who open files in a spreadsheet. (A bare
        carriage return in a workbook cell reads back as a line feed, an XML rule: that
        start is left to the CSV test.)"""
        import zipfile

        from openpyxl import load_workbook

        names = [n for n in FORMULAS if "\r" not in n]
        ds = residents_dataset(len(names))
        people = tuple(attrs.evolve(r, name=n) for r, n in zip(ds.residents, names, strict=True))
        small = attrs.evolve(ds, residents=people)
        out = tmp_path / "r.xlsx"
        save_dataset(small, out, format="xlsx")
        assert load_dataset(out) == small
        sheet = load_workbook(out)["residents"]
        column = [c.value for c in sheet[1]].index("name") + 1
        cells = [sheet.cell(row=i + 2, column=column) for i in range(len(names))]
        assert [c.data_type for c in cells] == ["s"] * len(names)
        assert [c.value for c in cells] == names
        with zipfile.ZipFile(out) as z:
            xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/work"))
        assert "<f>" not in xml and "<f " not in xml


class TestStandardOutput:
    """``-`` is standard output for ``shequ export`` (json, jsonl); the library writes to
    an open text stream."""

    @pytest.mark.parametrize("to", ["json", "jsonl"])
    @pytest.mark.parametrize("redact", [False, True])
    def test_export_to_dash(self, tmp_path: Path, to: str, redact: bool) -> None:
        small = residents_dataset(3)
        source = tmp_path / "in.json"
        save_dataset(small, source)
        code, text = run_cli("export", str(source), "--to", to, "-", *(["--redact"] * redact))
        assert code == 0, text
        assert not (tmp_path / "-").exists() and not Path("-").exists()
        copy = tmp_path / f"copy.{to}"
        copy.write_text(text, encoding="utf-8")
        if redact:
            assert small.residents[0].id_number.reveal() not in text  # type: ignore[union-attr]
            with pytest.raises(ValidationError):
                load_dataset(copy)
        else:
            assert load_dataset(copy) == small

    def test_library_writes_to_a_stream(self) -> None:
        small = residents_dataset(2)
        stream = io.StringIO()
        save_dataset(small, stream, format="json", redact=True)
        assert json.loads(stream.getvalue())["residents"][0]["birth_date"].isdigit()

    @pytest.mark.parametrize("to", ["csv", "xlsx"])
    def test_csv_and_xlsx_to_dash_are_refused(self, tmp_path: Path, to: str) -> None:
        """A folder or a workbook cannot go to standard output: exit 2, one clear line,
        nothing loaded or written."""
        code, text = run_cli("export", "no-such.json", "--to", to, "-")
        assert code == 2
        assert "standard output" in text and "Traceback" not in text
        assert not Path("-").exists()
