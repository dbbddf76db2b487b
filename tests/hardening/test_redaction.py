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
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings

import shequ_core.strategies as S
from shequ_core import IdNumber, PhoneNumber, Resident, Sex, ValidationError
from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import id_number_check_char
from shequ_core.extra.pandas import to_frame
from shequ_core.io import save_dataset
from shequ_core.serialization import to_json
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

    @pytest.mark.parametrize("to", ["jsonl", "csv"])
    def test_redact_is_refused_where_it_cannot_hold(self, tmp_path: Path, to: str) -> None:
        """--redact writes JSON only: asked for another format, it says so and writes
        nothing (exit 2), rather than writing the full data."""
        code, text = run_cli("export", "x.json", "--to", to, str(tmp_path / "out"), "--redact")
        assert code == 2
        assert "--redact writes JSON only" in text
        assert not (tmp_path / "out").exists()
