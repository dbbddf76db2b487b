"""``shequ_core.errors``: one base class, and errors that are also the built-in
errors a caller would catch (ValueError, LookupError), and that pickle.
"""

from __future__ import annotations

import pickle
from datetime import date

import pytest

import shequ_core
from shequ_core.calendar import CalendarCoverageError
from shequ_core.errors import Problem, ShequError, ValidationError, render_loc
from tests.builders import calendar_2024, showcase_community


class TestErrorClasses:
    """Each error is a ShequError and the built-in error a caller would catch; it pickles."""

    def test_coverage_error_is_a_lookup_error_and_pickles(self) -> None:
        cal = calendar_2024()
        with pytest.raises(LookupError) as info:
            cal.is_working_day(date(2030, 5, 1))
        err = info.value
        assert isinstance(err, CalendarCoverageError)
        assert isinstance(err, ShequError)
        assert err.year == 2030
        again = pickle.loads(pickle.dumps(err))
        assert str(again) == str(err)
        assert again.year == 2030
        assert again.first_year == 2024

    def test_validation_error_is_a_value_error_and_a_shequ_error(self) -> None:
        with pytest.raises(ValueError, match="households"):
            showcase_community(households=-1)
        with pytest.raises(shequ_core.ShequError):
            showcase_community(households=-1)


class TestProblem:
    """A Problem: where it is (rendered as a Python expression), what, and in which file."""

    def test_a_location_reads_as_the_expression_that_reaches_it(self) -> None:
        """Names join with dots, indexes and keys that are not names go in brackets."""
        assert render_loc(("dispute_cases", 3, "parties", 0, "phone")) == (
            "dispute_cases[3].parties[0].phone"
        )
        assert render_loc(("residents", "not a name")) == "residents['not a name']"
        assert render_loc(()) == ""

    def test_a_problem_names_its_file_line_and_path(self) -> None:
        """``file:line: path: message``, each part left out when unknown."""
        p = Problem(("residents", 2, "id_number"), "is not valid", "invalid_id_number")
        assert str(p) == "residents[2].id_number: is not valid"
        assert (
            str(p.in_file("data.jsonl", 7)) == "data.jsonl:7: residents[2].id_number: is not valid"
        )
        assert str(Problem((), "is empty").in_file("residents.csv")) == "residents.csv: is empty"
        assert Problem("id", "x").within("residents", 0).path == "residents[0].id"
        assert p.to_dict()["loc"] == ["residents", 2, "id_number"]

    def test_a_validation_error_lists_every_problem_and_pickles(self) -> None:
        """One line for one problem, a list for several; the problems survive pickling."""
        one = ValidationError([Problem("households", "must be 0 or more")], subject="Community")
        assert str(one) == "invalid Community: households: must be 0 or more"
        two = ValidationError([Problem("a", "x"), Problem("b", "y")])
        assert str(two) == "invalid input: 2 problems\n  - a: x\n  - b: y"
        again = pickle.loads(pickle.dumps(two.within("meetings", 1, subject="Dataset")))
        assert [p.path for p in again.problems] == ["meetings[1].a", "meetings[1].b"]
        assert again.subject == "Dataset"
