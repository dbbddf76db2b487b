"""Ids and messages (issue 17, item 2): one masker, and no personal number in any id,
key or value a message, a table or the command shows, however it is spelled.

Offices key people by their identity or phone number, typed as people type them: with
a wrong check character, spaces or dashes inside, a prefix (``sfz-``, ``tel:``), a minus
sign, full-width digits. Each spelling below is masked by
:func:`shequ_core.text.mask_personal`, the one masker, wherever the library shows it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shequ_core.strategies as S
from shequ_core import Dataset, IdNumber, PhoneNumber, ValidationError
from shequ_core.datasets import load_chayouqianqi
from shequ_core.extra.pandas import to_frame
from shequ_core.io import load_dataset
from shequ_core.rules.visiting import must_visit
from shequ_core.serialization import structure
from shequ_core.text import format_table, mask_personal
from tests.builders import resident
from tests.fuzzing import Counter, fuzz
from tests.leaks import hits, run_cli, spellings, swap_check_char

GB_SAMPLE = "11010519491231002X"


def digits_of(text: str) -> str:
    """``text`` with every digit in ASCII and everything but digits, X and stars
    dropped, so a number split by separators is found whole."""
    ascii_ = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    return re.sub(r"[^0-9Xx*]", "", ascii_)


def leaked(text: str, number: str) -> list[str]:
    """The spellings of ``number`` (whole, digits only, the hidden part) in ``text``."""
    return hits(digits_of(text), {s.replace("-", "") for s in spellings(number)})


def decorations(number: str) -> list[str]:
    """``number`` as offices type it."""
    digits = number.replace("-", "")
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in digits)
    spaced = " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
    dashed = "-".join(digits[i : i + 3] for i in range(0, len(digits), 3))
    out = [
        number,
        digits,
        f"sfz-{digits}",
        f"tel:{digits}",
        f"-{digits}",
        f"id {digits} here",
        spaced,
        dashed,
        fullwidth,
        f"({digits[:4]}) {digits[4:]}",
        f"+86 {digits}",
        f"0086{digits}",
        f"2017 {digits}",  # a number next to another
        f"{digits} 12",
    ]
    if len(digits) == 18:
        out += [swap_check_char(digits), digits[:17] + "x", digits[:17]]
    return out


class TestMaskPersonal:
    """``mask_personal``: every spelling masked, everything else left alone."""

    @pytest.mark.parametrize("number", [GB_SAMPLE, "13800138000", "0471-6901234", "010-65123456"])
    def test_every_spelling_is_masked(self, number: str) -> None:
        for text in decorations(number):
            assert leaked(mask_personal(text), number) == [], text

    @pytest.mark.fuzz
    @fuzz(60)
    @given(
        number=S.id_numbers() | S.phone_numbers(),
        how=st.integers(0, 13),
        sep=st.sampled_from([" ", "-", "  ", "–", ".", "/"]),
        cut=st.integers(1, 17),
    )
    def test_any_number_in_any_spelling(
        self, fuzz_cases: Counter, number: IdNumber | PhoneNumber, how: int, sep: str, cut: int
    ) -> None:
        """Any valid number, decorated, or split anywhere by a separator."""
        fuzz_cases["mask_personal(any number, any spelling)"] += 1
        full = number.reveal()
        digits = full.replace("-", "")
        texts = decorations(full)
        split = digits[:cut] + sep + digits[cut:]
        for text in (texts[how % len(texts)], split, f"户主{split}，"):
            assert leaked(mask_personal(text), full) == [], text

    @pytest.mark.parametrize(
        "text",
        [
            "C01-R00001",
            "C01-H0001",
            "W00001",
            "SI01",
            "2017-12-31",
            "20171201001",  # a request number: eleven digits, not a mobile's
            "文华社区",
            "1E+2",
            "",
        ],
    )
    def test_short_ids_dates_and_text_are_left_alone(self, text: str) -> None:
        assert mask_personal(text) == text

    @settings(max_examples=40, deadline=None)
    @given(number=S.id_numbers(), phone=S.phone_numbers())
    def test_the_value_types_mask_with_it(self, number: IdNumber, phone: PhoneNumber) -> None:
        """IdNumber and PhoneNumber show what the masker shows of their value."""
        assert str(number) == mask_personal(number.reveal()) == number.reveal()[:4] + "*" * 14
        assert str(phone) == mask_personal(phone.reveal())
        assert str(phone).count("*") >= 4


class TestOneMaskerForMessages:
    """Messages of the entities, the converter and the readers mask with it."""

    def test_a_duplicate_id_with_a_wrong_check_character(self) -> None:
        """The id looks like an identity number but fails GB 11643: still personal."""
        bad = swap_check_char(GB_SAMPLE)
        twin = resident(bad)
        with pytest.raises(ValidationError) as info:
            Dataset(communities=(), residents=(twin, twin))
        text = str(info.value) + repr(info.value.problems)
        assert leaked(text, GB_SAMPLE) == []
        assert mask_personal(bad) in text

    def test_a_reference_to_a_prefixed_phone_number(self) -> None:
        ds = load_chayouqianqi()
        data = json.loads(json.dumps(plain(ds)))
        data["visits"][0]["resident_id"] = "tel:138-0013-8000"
        with pytest.raises(ValidationError) as info:
            structure(data, Dataset)
        assert leaked(str(info.value), "13800138000") == []

    def test_an_unknown_key_with_spaces(self) -> None:
        data = {"id": "C1", "name": "x", "1101 0519 4912 3100 2X": 1}
        with pytest.raises(ValidationError) as info:
            structure(data, type(load_chayouqianqi().communities[0]))
        assert leaked(str(info.value) + repr(info.value.problems), GB_SAMPLE) == []

    def test_an_unknown_collection_in_a_file(self, tmp_path: Path) -> None:
        path = tmp_path / "d.json"
        path.write_text(json.dumps({"tel:138-0013-8000": []}), encoding="utf-8")
        result = load_dataset(path, errors="collect")
        assert result.problems
        assert leaked("\n".join(map(str, result.problems)), "13800138000") == []

    def test_library_tables_mask_and_escape(self) -> None:
        text = format_table(["id", "name"], [[f"sfz-{GB_SAMPLE}", "\x1b[2J王\u202e"]])
        assert leaked(text, GB_SAMPLE) == []
        assert "\x1b" not in text and "\u202e" not in text
        assert "\\x1b[2J王\\u202e" in text


def plain(ds: Dataset) -> dict[str, object]:
    from shequ_core.serialization import unstructure

    data: dict[str, object] = unstructure(ds)
    return data


# -- the command ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def keyed_by_numbers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    """The banner with every resident keyed by her identity or phone number, spelled
    as offices spell them, in every reference too; and those numbers."""
    ds = load_chayouqianqi()
    text = json.dumps(plain(ds), ensure_ascii=False)
    numbers = set()
    new_ids: dict[str, str] = {}
    for i, r in enumerate(ds.residents):
        if r.id_number is not None:
            raw = r.id_number.reveal()
            new = [raw, f"sfz-{raw}", swap_check_char(raw), f"-{raw}"][i % 4]
        elif r.phone is not None:
            raw = r.phone.reveal()
            new = [raw, f"tel:{raw}", raw.replace("-", " ")][i % 3]
        else:
            continue
        numbers.add(raw)
        new_ids[r.id] = json.dumps(new, ensure_ascii=False)
    text = re.sub(r'"(C\d\d-R\d{5})"', lambda m: new_ids.get(m[1], m[0]), text)
    path = tmp_path_factory.mktemp("keyed") / "keyed.json"
    path.write_text(text, encoding="utf-8")
    return path, numbers


class TestTheCommand:
    """``shequ visits`` and every table mask resident ids that are personal numbers."""

    @pytest.mark.parametrize("fmt", ["table", "csv", "json"])
    def test_visits_masks_resident_ids(
        self, keyed_by_numbers: tuple[Path, set[str]], fmt: str
    ) -> None:
        path, numbers = keyed_by_numbers
        code, text = run_cli(
            "visits", str(path), "--as-of", "2017-12-31", "--horizon", "60", "--format", fmt
        )
        assert code == 1, text  # visits are due
        assert len(text) > 2000
        secret = {s.replace("-", "") for n in numbers for s in spellings(n)}
        assert hits(digits_of(text), secret) == []

    @pytest.mark.parametrize(
        "value", [GB_SAMPLE, swap_check_char(GB_SAMPLE), "138-0013-8000", "sfz-" + GB_SAMPLE]
    )
    def test_a_date_option_does_not_echo_a_number(self, tmp_path: Path, value: str) -> None:
        code, text = run_cli("visits", str(tmp_path / "x.json"), "--as-of", value)
        assert code == 2
        assert "not a date" in text
        number = GB_SAMPLE if "138" not in value else "13800138000"
        assert leaked(text, number) == []

    def test_rule_results_mask_resident_ids(self, keyed_by_numbers: tuple[Path, set[str]]) -> None:
        """repr and str of the visits due, and their DataFrame, mask the ids."""
        path, numbers = keyed_by_numbers
        due = must_visit(load_dataset(path), as_of=dt.date(2017, 12, 31), horizon_days=60)
        assert len(due) > 20
        frame = to_frame(due)
        text = "\n".join([repr(due), str(due), *map(repr, due), frame.to_string()])
        secret = {s.replace("-", "") for n in numbers for s in spellings(n)}
        assert hits(digits_of(text), secret) == []
