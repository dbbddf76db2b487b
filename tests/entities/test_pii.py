"""Identity and phone numbers: the facts of GB 11643 and the numbering plan, and masking."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from shequ_core import IdNumber, PhoneNumber, Sex, ValidationError
from shequ_core.entities import id_number_check_char

# A worked example of GB 11643-1999 appendix: 11010519491231002X is the standard's own
# sample number (a woman born 1949-12-31 in Beijing's Chaoyang district).
GB_SAMPLE = "11010519491231002X"


def test_check_character_of_the_standards_sample() -> None:
    assert id_number_check_char(GB_SAMPLE[:17]) == "X"


@pytest.mark.parametrize(
    ("first17", "check"),
    [
        # Weighted sum 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2 mod 11 mapped through 10X98765432.
        ("44052418800101001", "4"),
        ("15092619920229123", "7"),
    ],
)
def test_check_character_by_hand(first17: str, check: str) -> None:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(first17, weights, strict=True))
    assert "10X98765432"[total % 11] == check
    assert id_number_check_char(first17) == check


def test_id_number_parts() -> None:
    n = IdNumber(GB_SAMPLE)
    assert n.birth_date == dt.date(1949, 12, 31)
    assert n.sex is Sex.FEMALE  # sequence 002: even
    assert n.region_code == "110105"
    assert n.reveal() == GB_SAMPLE


def test_lower_case_x_and_spaces_are_normalised() -> None:
    assert IdNumber(" 11010519491231002x ") == IdNumber(GB_SAMPLE)


def test_leap_day_birth_date() -> None:
    first17 = "15092619920229123"
    n = IdNumber(first17 + id_number_check_char(first17))
    assert n.birth_date == dt.date(1992, 2, 29)
    assert n.sex is Sex.MALE  # sequence 123: odd


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("11010519491231002", "18 characters"),
        ("1101051949123100XX", "17 digits"),
        ("01010519491231002X", "17 digits"),  # leading zero is not a province
        ("99010519491231002X", "province"),
        ("110105194902300021", "birth date"),  # 30 February
        ("110105194912310021", "check character"),
        ("110105180001010021", "birth year"),
    ],
)
def test_invalid_id_numbers(text: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        IdNumber(text)
    assert fragment in str(info.value)
    assert text not in str(info.value)


def test_id_number_never_shows_its_birth_date() -> None:
    n = IdNumber(GB_SAMPLE)
    for shown in (str(n), repr(n), f"{n}", n.masked):
        assert "19491231" not in shown
        assert GB_SAMPLE not in shown
    assert str(n) == "1101**********002X"


def test_value_types_are_immutable_hashable_and_pickle() -> None:
    n = IdNumber(GB_SAMPLE)
    p = PhoneNumber("13800138000")
    with pytest.raises(AttributeError):
        n._value = "x"  # type: ignore[misc]
    assert {n, IdNumber(GB_SAMPLE)} == {n}
    assert pickle.loads(pickle.dumps(n)) == n
    assert pickle.loads(pickle.dumps(p)) == p
    assert n != GB_SAMPLE


@pytest.mark.parametrize(
    ("text", "stored", "shown"),
    [
        ("13800138000", "13800138000", "138****8000"),
        ("+86 138 0013 8000", "13800138000", "138****8000"),
        ("008619912345678", "19912345678", "199****5678"),
        ("8613800138000", "13800138000", "138****8000"),
        ("010-65123456", "010-65123456", "010-******56"),
        ("(0471) 6901234", "0471-6901234", "0471-*****34"),
        ("02162345678", "021-62345678", "021-******78"),
        ("+86 10 6512 3456", "010-65123456", "010-******56"),
        ("+86 471 690 1234", "0471-6901234", "0471-*****34"),
    ],
)
def test_phone_numbers(text: str, stored: str, shown: str) -> None:
    p = PhoneNumber(text)
    assert p.reveal() == stored
    assert str(p) == shown
    assert stored not in repr(p)


@pytest.mark.parametrize(
    "text", ["12345", "12800138000", "1380013800", "010-1234567890", "13８00138000", "abc"]
)
def test_invalid_phone_numbers(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        PhoneNumber(text)
    assert text not in str(info.value)


def test_wrong_types_are_validation_errors() -> None:
    with pytest.raises(ValidationError):
        IdNumber(110105)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        PhoneNumber(13800138000)  # type: ignore[arg-type]


@pytest.mark.parametrize("digit", ["０", "٣", "३"])
def test_non_ascii_digits_are_refused(digit: str) -> None:
    # Full-width (typed with a Chinese input method) and other scripts' digits pass
    # str.isdigit() and int(); a number holding one was once stored as typed.
    with pytest.raises(ValidationError, match="must be 17 digits and a digit or X"):
        IdNumber(GB_SAMPLE[:2] + digit + GB_SAMPLE[3:])


@pytest.mark.parametrize("bad", ["", "1101051949123100", "110105194912310021", "1101051949123100X"])
def test_check_character_needs_17_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError, match="needs 17"):
        id_number_check_char(bad)
