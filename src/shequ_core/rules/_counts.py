"""Checks of the counts a rule is given: whole numbers, 0 or more, a part no more than its
whole, every problem reported under its argument's name."""

from __future__ import annotations

from shequ_core.errors import Problem, ValidationError

__all__ = ["check_count", "check_counts", "count_problem"]


def count_problem(name: str, value: object) -> Problem | None:
    """The problem with ``value`` as a count named ``name``, None if it is one."""
    if not isinstance(value, int) or isinstance(value, bool):
        return Problem(name, f"must be a whole number, got {type(value).__name__}", "wrong_type")
    if value < 0:
        return Problem(name, f"must be 0 or more, got {value}", "invalid_argument")
    return None


def check_counts(subject: str, *pairs: tuple[str, int, str, int]) -> None:
    """Each ``(part's name, part, whole's name, whole)``: whole numbers, 0 or more, and
    the part no more than the whole; every problem is reported under its argument."""
    problems: list[Problem] = []
    for part_name, part, whole_name, whole in pairs:
        found = [
            p
            for p in (count_problem(part_name, part), count_problem(whole_name, whole))
            if p is not None
        ]
        if not found and part > whole:
            msg = f"{part} cannot be more than the {whole} {whole_name} there are"
            found.append(Problem(part_name, msg, "invalid_argument"))
        problems += found
    if problems:
        raise ValidationError(problems, subject=subject)


def check_count(subject: str, name: str, value: object) -> None:
    """``value``: a whole number, 0 or more, else a ValidationError."""
    problem = count_problem(name, value)
    if problem is not None:
        raise ValidationError([problem], subject=subject)
