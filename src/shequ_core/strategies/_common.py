"""Building blocks shared by the strategies: argument checks, text, ids and PII.

Names are generated the way a community register holds them: common Han names, names
with rare characters (CJK extension A, and extension B outside the Basic Multilingual
Plane, such as 𠀀 and 䶮), and a small share of minority names joined by the middle dot
(阿依古丽·买买提) and Latin names of foreign residents. Identity numbers follow GB 11643,
carry the code of a mainland province, and reach the leap-day birth date and the check
character ``X`` on purpose, since those are where hand-written validators fail.

With ``hostile=True`` (for fuzzing) names also take any CJK character and any printable
text, ids and free text any printable character, and identity numbers the codes of the
permits of Hong Kong (81), Macao (82) and Taiwan (83, and the old 71) residents.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from decimal import Decimal
from typing import TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from shequ_core.entities import PROVINCE_CODES, IdNumber, PhoneNumber, Sex, id_number_check_char
from shequ_core.strategies import _dates

__all__ = [
    "check_bool_arg",
    "check_hostile",
    "check_size",
    "check_strategy",
    "entity_ids",
    "id_numbers",
    "money",
    "opt",
    "person_names",
    "phone_number_texts",
    "phone_numbers",
    "place_names",
    "texts",
]

T = TypeVar("T")

# -- argument checks -------------------------------------------------------------------


def check_strategy(value: object, name: str) -> None:
    """Refuse a value where a strategy is expected, naming the argument."""
    if not isinstance(value, st.SearchStrategy):
        msg = f"{name}={value!r} must be a Hypothesis strategy (wrap a value in st.just())"
        raise InvalidArgument(msg)


def _check_int(value: object, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        msg = f"{name}={value!r} must be an int"
        raise InvalidArgument(msg)
    if value < 0:
        msg = f"{name}={value!r} must not be negative"
        raise InvalidArgument(msg)
    return value


def check_size(
    min_size: object, max_size: object, min_name: str = "min_size", max_name: str = "max_size"
) -> None:
    """Both sizes are non-negative ints and ``min <= max``."""
    low = _check_int(min_size, min_name)
    high = _check_int(max_size, max_name)
    if low > high:
        msg = f"{min_name}={low} is more than {max_name}={high}"
        raise InvalidArgument(msg)


def check_bool_arg(value: object, name: str) -> None:
    if not isinstance(value, bool):
        msg = f"{name}={value!r} must be True or False"
        raise InvalidArgument(msg)


def check_hostile(value: object) -> None:
    """Refuse a ``hostile=`` that is not a bool, and read the calendar's confirmed years
    now, while the strategy is built: in its first draw, which Hypothesis times for its
    too-slow health check, loading the holiday data would count against it."""
    check_bool_arg(value, "hostile")
    _dates.confirmed_days()


@functools.lru_cache(maxsize=256)
def opt(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """``None`` or a value; ``None`` first so that examples shrink to the bare record."""
    return st.none() | strategy


# -- text ------------------------------------------------------------------------------

# Characters that str.isprintable() accepts, except space (which ids take only inside).
_PRINTABLE = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs")
)


# What Chinese text in a register is written with: common ideographs, digits, full-width
# punctuation. Drawn as code points rather than with st.characters, whose first draw
# builds Hypothesis' Unicode tables (a second or more, counted against the too-slow
# health check of the user's first test); the hostile strategies use them.
_HAN = st.integers(0x4E00, 0x9FA5).map(chr)
_CHINESE_TEXT = _HAN | st.sampled_from("0123456789，。、；：（）《》-")


def _chinese(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.lists(_CHINESE_TEXT, min_size=min_size, max_size=max_size).map("".join)


@functools.cache
def texts(*, max_size: int = 30, hostile: bool = False) -> st.SearchStrategy[str]:
    """Free text (notes, topics): common phrases or Chinese text, or (``hostile``) any
    printable characters, stripped."""
    phrases = st.sampled_from(
        ["已处理", "居民反映楼道照明损坏", "调解成功", "回访满意", "Follow-up call", "无"]
    )
    if not hostile:
        return phrases | _chinese(1, max_size)
    free = st.text(_PRINTABLE | st.just(" "), min_size=1, max_size=max_size).filter(
        lambda s: s == s.strip()
    )
    return phrases | free


_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜"
_COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "慕容", "呼延", "令狐")
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国红梅志强玉兰淑珍海燕"
# Rare characters that real registers hold and narrow fonts or encodings lose: extension
# A (䶮, 㑇), extension B outside the BMP (𠀀, 𪚥, 𠮷), and characters once missing from GB2312.
_RARE = ("䶮", "㑇", "𠀀", "𪚥", "𠮷", "堃", "喆", "昇", "垚", "犇", "淼", "燚", "赟", "珺")
_MINORITY_PARTS = (
    "阿依古丽",
    "买买提",
    "艾力",
    "古丽娜尔",
    "努尔",
    "阿卜杜拉",
    "热合曼",
    "巴特尔",
    "其木格",
    "斯琴",
    "扎西",
    "卓玛",
    "约翰",
)
_LATIN_GIVEN = ("John", "Anna-Lena", "María", "Olga", "Nguyễn", "Ahmed", "Zoë")
_LATIN_FAMILY = ("Smith", "Müller", "O'Brien", "García", "Petrova", "Văn An", "Khan")
_CJK = (
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)  # unified ideographs
    | st.characters(min_codepoint=0x3400, max_codepoint=0x4DB5)  # extension A
    | st.characters(min_codepoint=0x20000, max_codepoint=0x2A6D6)  # extension B (astral)
)


@st.composite
def _register_names(
    draw: st.DrawFn,
    han: st.SearchStrategy[str],
    minority: st.SearchStrategy[str],
    latin: st.SearchStrategy[str],
) -> str:
    # About one name in ten is a minority name, one in twenty a foreigner's; Han names
    # come first, so that examples shrink to them.
    share = draw(st.integers(0, 19))
    return draw(han if share < 17 else minority if share < 19 else latin)


@functools.cache
def person_names(*, hostile: bool = False) -> st.SearchStrategy[str]:
    """Personal names as registers hold them: mostly Han (common and rare characters), a
    small share of minority and Latin names; with ``hostile``, any CJK or printable text
    as often."""
    given_char = st.sampled_from(_GIVEN) | st.sampled_from(_RARE)
    surname = st.sampled_from(_SURNAMES) | st.sampled_from(_COMPOUND_SURNAMES)
    han = st.builds(
        lambda s, g: s + "".join(g), surname, st.lists(given_char, min_size=1, max_size=2)
    )
    minority = st.lists(st.sampled_from(_MINORITY_PARTS), min_size=2, max_size=3).map("·".join)
    latin = st.builds(
        lambda g, f: f"{g} {f}", st.sampled_from(_LATIN_GIVEN), st.sampled_from(_LATIN_FAMILY)
    )
    if not hostile:
        return _register_names(han, minority, latin)
    any_cjk = st.builds(
        lambda s, g: s + "".join(g), surname, st.lists(_CJK, min_size=1, max_size=3)
    )
    return han | any_cjk | minority | latin | texts(max_size=20, hostile=True)


_PLACES = ("幸福", "和平", "建设", "友谊", "向阳", "团结", "北苑", "光明", "新华", "康乐")


@functools.cache
def place_names(suffixes: Sequence[str], *, hostile: bool = False) -> st.SearchStrategy[str]:
    """Names of places (communities, towns, teams): a stem and one of ``suffixes``; the
    stem is common ideographs, or (``hostile``) any CJK character."""
    han = st.lists(_HAN, min_size=1, max_size=4).map("".join)
    stem = st.sampled_from(_PLACES) | (st.text(_CJK, min_size=1, max_size=4) if hostile else han)
    return st.builds(lambda a, b: a + b, stem, st.sampled_from(tuple(suffixes)))


@functools.cache
def money(*, max_yuan: int = 10_000_000) -> st.SearchStrategy[Decimal]:
    """Amounts in yuan with two places (``Decimal('1234.50')``), shrinking to 0.00."""
    return st.integers(0, max_yuan * 100).map(lambda c: Decimal(f"{c // 100}.{c % 100:02d}"))


# -- ids -------------------------------------------------------------------------------

_ID_PREFIXES = ("", "C", "R", "S", "HH-", "G", "SQ", "2024-", "社区")


def entity_ids(*, prefix: str = "", hostile: bool = False) -> st.SearchStrategy[str]:
    """Record ids, each starting with ``prefix``: coded ones (``R0042``, ``HH-7``,
    ``社区0012``), and with ``hostile`` any printable text with no white space at either
    end as well."""
    given: object = prefix
    if not isinstance(given, str):
        msg = f"prefix={given!r} must be a string"
        raise InvalidArgument(msg)
    if prefix and (not prefix.isprintable() or prefix != prefix.lstrip()):
        msg = f"prefix={prefix!r} must be printable and not start with white space"
        raise InvalidArgument(msg)
    check_hostile(hostile)
    if not prefix:
        return _id_cores(hostile)
    return _id_cores(hostile).map(lambda core: prefix + core)


@functools.cache
def _id_cores(hostile: bool) -> st.SearchStrategy[str]:
    coded = st.builds(
        lambda p, n, w: f"{p}{n:0{w}d}",
        st.sampled_from(_ID_PREFIXES),
        st.integers(0, 999_999),
        st.integers(1, 6),
    )
    if not hostile:
        return coded
    free = st.text(_PRINTABLE | st.just(" "), min_size=1, max_size=16).filter(
        lambda s: s == s.strip()
    )
    return coded | free


# -- personal identifiers --------------------------------------------------------------

_PROVINCE_CODES = tuple(sorted(PROVINCE_CODES))
#: The codes of the residence permits of Taiwan (71, 83), Hong Kong (81) and Macao (82)
#: residents: valid numbers, but not on a mainland register's identity cards.
_PERMIT_CODES = (71, 81, 82, 83)
_MAINLAND_CODES = tuple(c for c in _PROVINCE_CODES if c not in _PERMIT_CODES)


def _codes(hostile: bool) -> st.SearchStrategy[int]:
    """Mainland province codes; if ``hostile``, the permits' codes half the time."""
    mainland = st.sampled_from(_MAINLAND_CODES)
    return mainland | st.sampled_from(_PERMIT_CODES) if hostile else mainland


@st.composite
def _id_numbers(
    draw: st.DrawFn,
    birth_dates: st.SearchStrategy[dt.date],
    sexes: st.SearchStrategy[Sex],
    codes: st.SearchStrategy[int],
) -> IdNumber:
    province = draw(codes)
    region = f"{province:02d}{draw(st.integers(0, 9999)):04d}"
    born = draw(birth_dates)
    if not 1900 <= born.year <= 2099:
        msg = f"birth date {born} is outside 1900-2099, which identity numbers cannot hold"
        raise InvalidArgument(msg)
    sex = draw(sexes)
    # The third sequence digit is odd for men, even for women (GB 11643).
    parity = 1 if sex is Sex.MALE else 0
    seq = draw(st.integers(0, 99))
    last = 2 * draw(st.integers(0, 4)) + parity
    head = f"{region}{born:%Y%m%d}"
    if draw(st.booleans()):
        # Aim for the check character X: some choice of the two free sequence digits
        # always gives it, since their weights (8 and 4) cover every residue mod 11.
        for step in range(100):
            candidate = f"{head}{(seq + step) % 100:02d}{last}"
            if id_number_check_char(candidate) == "X":
                seq = (seq + step) % 100
                break
    first17 = f"{head}{seq:02d}{last}"
    return IdNumber(first17 + id_number_check_char(first17))


def id_numbers(
    *,
    birth_dates: st.SearchStrategy[dt.date] | None = None,
    sexes: st.SearchStrategy[Sex] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[IdNumber]:
    """Valid GB 11643 identity numbers of mainland provinces.

    ``birth_dates`` defaults to living people's (the 110 years up to the calendar's last
    confirmed day) with 29 February mixed in, ``sexes`` to either; about half the
    numbers are steered to the check character ``X``. Birth dates must fall in
    1900-2099, the years the number can hold. ``hostile=True`` adds the codes of Hong
    Kong, Macao and Taiwan residents' permits (81, 82, 83, 71) and births in 1900-2099.
    """
    check_hostile(hostile)
    if birth_dates is None and sexes is None:
        return _default_id_numbers(hostile)
    if birth_dates is None:
        birth_dates = _dates.birth_dates(hostile)
    if sexes is None:
        sexes = st.sampled_from(Sex)
    check_strategy(birth_dates, "birth_dates")
    check_strategy(sexes, "sexes")
    return _id_numbers(birth_dates, sexes, _codes(hostile))


@functools.cache
def _default_id_numbers(hostile: bool) -> st.SearchStrategy[IdNumber]:
    return _id_numbers(_dates.birth_dates(hostile), st.sampled_from(Sex), _codes(hostile))


_MOBILE_PREFIXES = ("13", "14", "15", "16", "17", "18", "19")


@functools.cache
def _mobile_texts() -> st.SearchStrategy[str]:
    digits = st.builds(
        lambda p, n: f"{p}{n:09d}", st.sampled_from(_MOBILE_PREFIXES), st.integers(0, 10**9 - 1)
    )
    spellings = (
        "{}",
        "{0[0]}{0[1]}{0[2]} {0[3]}{0[4]}{0[5]}{0[6]} {0[7]}{0[8]}{0[9]}{0[10]}",
        "{0[0]}{0[1]}{0[2]}-{0[3]}{0[4]}{0[5]}{0[6]}-{0[7]}{0[8]}{0[9]}{0[10]}",
        "+86 {}",
        "+86{}",
        "0086-{}",
        "86{}",
        " {} ",
    )
    return st.builds(lambda d, s: s.format(d), digits, st.sampled_from(spellings))


@functools.cache
def _landline_texts() -> st.SearchStrategy[str]:
    area = (
        st.just("010")
        | st.integers(0, 9).map(lambda n: f"02{n}")
        | st.integers(300, 999).map(lambda n: f"0{n}")
    )
    # Subscriber numbers have 8 digits in large cities and 7 elsewhere; none starts 0 or 1.
    subscriber = st.builds(
        lambda first, rest, n: f"{first}{rest % 10 ** (n - 1):0{n - 1}d}",
        st.integers(2, 9),
        st.integers(0, 9_999_999),
        st.sampled_from((8, 7)),
    )
    spellings = ("{}-{}", "{}{}", "({}){}", "（{}）{}", "{} {}", "+86 {}-{}", "0086 {} {}")
    return st.builds(lambda a, s, sp: sp.format(a, s), area, subscriber, st.sampled_from(spellings))


def phone_number_texts(*, mobile: bool = True, landline: bool = True) -> st.SearchStrategy[str]:
    """Phone numbers as people type them: ``138 0013 8000``, ``+86 13800138000``,
    ``（010）12345678``, ``0571-8765432``; every one is accepted by :class:`PhoneNumber`."""
    check_bool_arg(mobile, "mobile")
    check_bool_arg(landline, "landline")
    if not (mobile or landline):
        msg = "at least one of mobile= and landline= must be True"
        raise InvalidArgument(msg)
    parts: list[st.SearchStrategy[str]] = []
    if mobile:
        parts.append(_mobile_texts())
    if landline:
        parts.append(_landline_texts())
    return st.one_of(parts)


def phone_numbers(*, mobile: bool = True, landline: bool = True) -> st.SearchStrategy[PhoneNumber]:
    """Mainland mobile and landline numbers, parsed from the spellings of
    :func:`phone_number_texts`."""
    check_bool_arg(mobile, "mobile")
    check_bool_arg(landline, "landline")
    return _phone_numbers(mobile, landline)


@functools.cache
def _phone_numbers(mobile: bool, landline: bool) -> st.SearchStrategy[PhoneNumber]:
    return phone_number_texts(mobile=mobile, landline=landline).map(PhoneNumber)
