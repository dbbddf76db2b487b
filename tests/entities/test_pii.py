"""Identity and phone numbers (``shequ_core.entities._pii``): the facts of GB 11643 and
the numbering plan, and masking.

No full identity or phone number ever leaves the library unasked: the repr and str of
every record and rule result, and every refusal of a value type, are searched for the
personal numbers of the input in each spelling that could give one away (the full value,
its digits alone, and the part that masking hides). The searches themselves are checked
by positive controls (``TestLeakSearch``).
"""

from __future__ import annotations

import datetime as dt
import pickle
import re
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shequ_core.strategies as S
from shequ_core import (
    Dataset,
    IdNumber,
    Party,
    PhoneNumber,
    Sex,
    ShequError,
    ValidationError,
    entities,
)
from shequ_core import strategies as sst
from shequ_core.calendar import china_calendar
from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import (
    PROVINCE_CODES,
    _pii,
    id_number_check_char,
    id_number_of,
    id_number_text,
    phone_of,
    phone_text,
)
from shequ_core.io import save_dataset
from shequ_core.kept import Kept
from shequ_core.policy import national_policy, seed_policy
from shequ_core.rules.assessment import scorecard, summary
from shequ_core.rules.sla import backlog, sla_status
from shequ_core.rules.visiting import must_visit, visit_coverage
from shequ_core.serialization import to_json
from shequ_core.validation import Record
from tests.leaks import (
    assert_hidden,
    error_text,
    hits,
    library_log,
    needles,
    personal_values,
    run_cli,
    secrets,
    shown,
    spellings,
    whole_numbers,
)

# A worked example of GB 11643-1999 appendix: 11010519491231002X is the standard's own
# sample number (a woman born 1949-12-31 in Beijing's Chaoyang district).
GB_SAMPLE = "11010519491231002X"
AS_OF = dt.date(2017, 12, 31)


class TestIdNumber:
    """IdNumber: the check character of GB 11643, its parts, its refusals."""

    def test_check_character_of_the_standards_sample(self) -> None:
        assert id_number_check_char(GB_SAMPLE[:17]) == "X"

    @pytest.mark.parametrize(
        ("first17", "check"),
        [
            # Weighted sum 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2 mod 11 mapped through 10X98765432.
            ("44052418800101001", "4"),
            ("15092619920229123", "7"),
        ],
    )
    def test_check_character_by_hand(self, first17: str, check: str) -> None:
        weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        total = sum(int(c) * w for c, w in zip(first17, weights, strict=True))
        assert "10X98765432"[total % 11] == check
        assert id_number_check_char(first17) == check

    def test_id_number_parts(self) -> None:
        n = IdNumber(GB_SAMPLE)
        assert n.birth_date == dt.date(1949, 12, 31)
        assert n.sex is Sex.FEMALE  # sequence 002: even
        assert n.region_code == "110105"
        assert n.reveal() == GB_SAMPLE

    def test_lower_case_x_and_spaces_are_normalised(self) -> None:
        assert IdNumber(" 11010519491231002x ") == IdNumber(GB_SAMPLE)

    def test_leap_day_birth_date(self) -> None:
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
    def test_invalid_id_numbers(self, text: str, fragment: str) -> None:
        with pytest.raises(ValidationError) as info:
            IdNumber(text)
        assert fragment in str(info.value)
        assert text not in str(info.value)

    def test_id_number_never_shows_its_birth_date(self) -> None:
        n = IdNumber(GB_SAMPLE)
        for text in (str(n), repr(n), f"{n}", n.masked):
            assert "19491231" not in text
            assert GB_SAMPLE not in text
        # The prefecture only: nothing of the county, birth date, sequence or check.
        assert str(n) == "1101**************"

    @pytest.mark.parametrize(
        "bad", ["", "1101051949123100", "110105194912310021", "1101051949123100X"]
    )
    def test_check_character_needs_17_ascii_digits(self, bad: str) -> None:
        with pytest.raises(ValueError, match="needs 17"):
            id_number_check_char(bad)


class TestPhoneNumber:
    """PhoneNumber: mobile and landline numbers of the numbering plan."""

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
    def test_phone_numbers(self, text: str, stored: str, shown: str) -> None:
        p = PhoneNumber(text)
        assert p.reveal() == stored
        assert str(p) == shown
        assert stored not in repr(p)

    @pytest.mark.parametrize(
        "text", ["12345", "12800138000", "1380013800", "010-1234567890", "13８00138000", "abc"]
    )
    def test_invalid_phone_numbers(self, text: str) -> None:
        with pytest.raises(ValidationError) as info:
            PhoneNumber(text)
        assert text not in str(info.value)


def _outcome(make: Callable[[str], object], text: str) -> tuple[str, object]:
    """What ``make(text)`` gives: its value and class, or the problems of its refusal."""
    try:
        made = make(text)
    except ValidationError as e:
        return "refused", e.problems
    return type(made).__name__, made


def _plain_id_number_text(value: str) -> str:
    """GB 11643 as plainly as it can be written: a regex for the form, the province as a
    number, ``date()`` for the birth date, a weighted sum. ``id_number_text`` must answer
    exactly as this does (it looks the same facts up in tables, for speed)."""
    text = value.strip().upper()
    if len(text) != 18:
        return f"must have 18 characters, got {len(text)}"
    if not re.fullmatch(r"[1-9][0-9]{16}[0-9X]", text):
        return "must be 17 digits and a digit or X"
    if int(text[:2]) not in PROVINCE_CODES:
        return "does not start with a province code"
    try:
        dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return "does not hold a real birth date"
    if not 1900 <= int(text[6:10]) <= 2099:
        return "has a birth year outside 1900-2099"
    total = sum(int(c) * pow(2, 17 - i, 11) for i, c in enumerate(text[:17]))
    return text if "10X98765432"[total % 11] == text[17] else "wrong check character"


def _with_check(first17: str, right: bool, other: str) -> str:
    return first17 + (id_number_check_char(first17) if right else other)


_DIGITS = "0123456789"
# Numbers near every edge of the check: provinces in and out, years 0000 and 1899-2100,
# the days a month has and does not, leap and common years, right and wrong checks.
_ID_LIKE = st.one_of(
    st.builds(
        lambda pad, province, county, year, day, seq, right, other: (
            pad + _with_check(province + county + year + day + seq, right, other) + pad
        ),
        st.sampled_from(["", " ", "\t"]),
        st.sampled_from(["11", "15", "46", "71", "83", "10", "01", "00", "84", "99"])
        | st.text(_DIGITS, min_size=2, max_size=2),
        st.text(_DIGITS, min_size=4, max_size=4),
        st.sampled_from(["0000", "0001", "1899", "1900", "1904", "2000", "2024", "2099", "2100"])
        | st.text(_DIGITS, min_size=4, max_size=4),
        st.sampled_from(["0229", "0230", "0228", "0131", "0431", "0430", "1231", "1232"])
        | st.sampled_from(["1301", "0001", "0100", "0000", "0932", "1130"])
        | st.text(_DIGITS, min_size=4, max_size=4),
        st.text(_DIGITS, min_size=3, max_size=3),
        st.booleans(),
        st.sampled_from([*_DIGITS, "X", "x", "Y", "８"]),
    ),
    st.text(alphabet=_DIGITS + "Xx ８٣", min_size=16, max_size=20),
)


def _answer(check: Callable[[str], str], text: str) -> str:
    """What ``check`` gives: the normalised text, or its one problem's message."""
    try:
        return check(text)
    except ValidationError as e:
        (problem,) = e.problems
        return problem.message


class TestChecksAsDefined:
    """The identity and phone checks look facts up in tables and take a mobile written
    plainly in one step, for speed; they answer exactly as the plain definitions do."""

    @given(_ID_LIKE)
    def test_the_identity_check_is_gb_11643_as_written(self, text: str) -> None:
        expected = _plain_id_number_text(text)
        answer = _answer(id_number_text, text)
        if expected == "wrong check character":
            assert answer == "has a wrong check character (GB 11643)"
        else:
            assert answer == expected

    @given(sst.id_numbers(), st.booleans())
    def test_birth_date_and_sex_read_as_written(self, number: IdNumber, again: bool) -> None:
        """Dates of birth are kept by their digits; each answer is still the number's
        own date (characters 7-14) and the parity of its 17th digit, kept or not."""
        v = number.reveal()
        if again:
            _ = number.birth_date  # the second read is the kept one
        assert number.birth_date == dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
        assert number.sex is (Sex.MALE if int(v[16]) % 2 else Sex.FEMALE)

    def test_the_kept_birth_dates_are_bounded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(_pii, "_BIRTH_DATES", Kept(_pii._BIRTH_DATES.make, 3))
        days = [dt.date(1990, 1, 1) + dt.timedelta(days=k) for k in range(6)]
        for day in days:
            first17 = f"110105{day:%Y%m%d}002"
            assert IdNumber(first17 + id_number_check_char(first17)).birth_date == day
        assert list(_pii._BIRTH_DATES.values()) == days[:3]

    @pytest.mark.parametrize(
        ("first17", "refused"),
        [
            ("11010520000229002", None),  # 2000: a leap year (÷400)
            ("11010519000229002", "does not hold a real birth date"),  # 1900: not (÷100)
            ("11010500000101002", "does not hold a real birth date"),  # no year 0
            ("11010500010101002", "has a birth year outside 1900-2099"),
            ("11010521000101002", "has a birth year outside 1900-2099"),
            ("11010520991231002", None),
        ],
    )
    def test_birth_date_edges(self, first17: str, refused: str | None) -> None:
        number = first17 + id_number_check_char(first17)
        assert _answer(id_number_text, number) == (refused or number)

    @given(
        st.one_of(
            st.text(alphabet=_DIGITS + "+-() ８", min_size=9, max_size=16),
            st.from_regex(r"1[0-9]{10}", fullmatch=True),
            st.from_regex(r"1[3-9][0-9]{7,11}", fullmatch=True),  # a digit short or more
            st.text(alphabet=_DIGITS + "８٣", min_size=9, max_size=9).map("13".__add__),
            st.from_regex(r"(\+86|0086|86)?1[0-9]{10}", fullmatch=True),
            S.phone_numbers().map(PhoneNumber.reveal),
        )
    )
    def test_the_one_step_for_a_plain_mobile_changes_no_answer(self, text: str) -> None:
        # A leading space is a separator the steps drop, and it keeps the one step (11
        # characters) from being taken: the number then goes through every step.
        assert _answer(phone_text, text) == _answer(phone_text, " " + text)


class TestValueTypes:
    """Both value types: immutable, hashable, picklable, and strict about their input."""

    def test_value_types_are_immutable_hashable_and_pickle(self) -> None:
        n = IdNumber(GB_SAMPLE)
        p = PhoneNumber("13800138000")
        with pytest.raises(AttributeError):
            n._value = "x"  # type: ignore[misc]
        assert {n, IdNumber(GB_SAMPLE)} == {n}
        assert pickle.loads(pickle.dumps(n)) == n
        assert pickle.loads(pickle.dumps(p)) == p
        assert n != GB_SAMPLE
        assert (repr(n), repr(p)) == (
            "IdNumber('1101**************')",
            "PhoneNumber('138****8000')",
        )
        with pytest.raises(AttributeError, match="PhoneNumber is immutable"):
            p._value = "x"  # type: ignore[misc]

    def test_wrong_types_are_validation_errors(self) -> None:
        with pytest.raises(ValidationError):
            IdNumber(110105)  # type: ignore[arg-type]
        with pytest.raises(ValidationError):
            PhoneNumber(13800138000)  # type: ignore[arg-type]

    @pytest.mark.parametrize("digit", ["０", "٣", "३"])
    def test_non_ascii_digits_are_refused(self, digit: str) -> None:
        # Full-width (typed with a Chinese input method) and other scripts' digits pass
        # str.isdigit() and int(); a number holding one was once stored as typed.
        with pytest.raises(ValidationError, match="must be 17 digits and a digit or X"):
            IdNumber(GB_SAMPLE[:2] + digit + GB_SAMPLE[3:])

    @pytest.mark.parametrize("digit", ["８", "٣", "३"])
    @pytest.mark.parametrize("form", ["1380013800{}", "+86 1380013800{}", "010-6512345{}"])
    def test_a_phone_number_with_other_digits_is_digits_only(self, form: str, digit: str) -> None:
        # Such digits pass str.isdigit(); the forms match ASCII digits only.
        with pytest.raises(ValidationError, match="must contain digits only"):
            PhoneNumber(form.format(digit))

    @given(
        st.one_of(
            st.text(alphabet="0123456789Xx +-()（）８٣", max_size=24),
            S.id_numbers().map(IdNumber.reveal),
            S.phone_numbers().map(PhoneNumber.reveal),
            st.text(max_size=24),
        )
    )
    def test_the_converters_builders_are_the_constructors(self, text: str) -> None:
        # id_number_of and phone_of (the converter's fast path) skip the constructors'
        # dispatch, never a check: the same value, or the same refusal.
        for cls, build in ((IdNumber, id_number_of), (PhoneNumber, phone_of)):
            assert _outcome(build, text) == _outcome(cls, text)

    def test_value_types_refuse_without_echoing(self) -> None:
        ds = load_chayouqianqi()
        for v in list(personal_values(ds))[:200]:
            full = v.reveal()
            for attempt in (full + "1", full[:-1] + "?", "+86 " + full + "0", f" {full[::-1]} "):
                for cls in (IdNumber, PhoneNumber):
                    try:
                        cls(attempt)
                    except ValidationError as e:
                        refused = error_text(e)
                    else:
                        continue
                    assert hits(refused, spellings(v)) == []


class TestMasking:
    """Every record and rule result shows personal numbers masked, whatever the data."""

    def test_every_record_class_shows_its_fields(self) -> None:
        # attrs writes no repr for the records whose repr masked_repr gives (it would be
        # replaced at once): a record class missed by masked_repr would show as
        # <Resident object at 0x…>.
        classes = [
            c
            for name in entities.__all__
            if isinstance(c := getattr(entities, name), type)
            and issubclass(c, Record)
            and attrs.has(c)
        ]
        assert len(classes) >= 20
        plain = [c.__name__ for c in classes if c.__repr__ is object.__repr__]
        assert plain == []
        expected = "Party(name='张三', resident_id=None, phone=None, id_number=None)"
        assert repr(Party(name="张三")) == expected

    def test_every_record_and_rule_result_masks_itself(self) -> None:
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
        shown += [
            repr(due),
            str(due),
            repr(visit_coverage(ds, start=dt.date(2017, 1, 1), end=AS_OF)),
        ]
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

    @settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(ds=sst.datasets(hostile=True, min_residents=1, min_staff=1, min_dispute_cases=1))
    def test_generated_data_never_shows_a_number(self, tmp_path: Path, ds: Dataset) -> None:
        secret = whole_numbers(ds)
        shown = [repr(ds), to_json(ds, redact=True)]
        for _, records in ds.collections():
            shown += [repr(r) for r in records] + [str(r) for r in records]
        try:
            shown.append(repr(must_visit(ds, as_of=AS_OF, horizon_days=30)))
            shown.append(repr(scorecard(ds, as_of=AS_OF, policy=national_policy(AS_OF))))
            shown.append(backlog(ds, as_of=AS_OF, calendar=china_calendar()).summary())
        except ShequError as e:  # a calendar year without data, say: the message counts too
            shown.append(error_text(e))
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
                # 2: the command cannot judge (a calendar year without holiday data).
                assert code in (0, 1, 2)
                assert hits(text, secret) == [], args[0]
        assert hits("\n".join(log.lines), secret) == []


class TestLeakSearch:
    """The searches the other tests rely on find what they are meant to find."""

    def test_the_search_finds_numbers_where_they_are_meant_to_be(self) -> None:
        # The control: the full form is written, so every number is found in it.
        ds = load_chayouqianqi()
        text = to_json(ds)
        values = list(personal_values(ds))
        assert len(values) > 1000
        assert all(v.reveal() in text for v in values)
        assert hits(text, needles(ds))

    def test_the_fast_search_agrees_with_the_plain_one(self) -> None:
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

    @given(S.id_numbers(hostile=True), S.phone_numbers())
    def test_the_leak_check_itself_catches_a_leak(
        self, number: IdNumber, phone: PhoneNumber
    ) -> None:
        # A name field holding the numbers in full is written in full by the unredacted
        # JSON: the check must object. (repr masks the name too; see below.)
        leaky = Party(name=f"{number.reveal()} {phone.reveal()}", id_number=number, phone=phone)
        with pytest.raises(AssertionError):
            assert_hidden(to_json(leaky), secrets(leaky))
        assert_hidden(shown(leaky), secrets(leaky))
