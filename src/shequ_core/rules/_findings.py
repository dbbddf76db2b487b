"""Findings, their severities, and the registry of every rule that produces them.

A rule never prints: it returns :class:`Finding` records saying what was checked, the
figure found, the figure required, how serious a miss is, and the basis (law, article or
local document) the required figure comes from. Two kinds of rule exist:

* figure rules (workers per 10,000 residents, facility area per 100 households, the
  secretaries' mean age ...) always report their figure: ``INFO`` when it meets the
  policy, ``ADVISORY`` or ``VIOLATION`` when it does not, ``INFO`` when the data to
  compute it is missing or the figure is undefined (no residents);
* requirement rules (committee size, 六室两中心, funds ...) report only what fails.

Severity follows the source: ``VIOLATION`` for a statutory number (the committee law,
the mediation law), ``ADVISORY`` for national planning targets, numbers the law gives
as 一般 (generally), and local standards. A rule whose number the policy does not set
(None) stays silent. The force of the basis caps the severity wherever a rule sets it:
a :class:`Finding` whose basis is a plan's target or local practice (a
:class:`~shequ_core.entities.BasisKind` that is not ``binding``) is made ``ADVISORY``
when a rule asks for ``VIOLATION``, so no finding calls a missed target a breach of law.

Every rule is listed in :data:`RULES` by its stable id (a
:class:`~shequ_core.rules.RuleId`), with the function that runs it over a
:class:`~shequ_core.entities.Dataset` and the policy fields it reads, so its basis can
be looked up for any date. Most rules check one community at a time:
:func:`per_community` runs such a check over a dataset, and :func:`undefined_figure`
is the finding of a figure the data cannot give.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol, TypeVar, overload

import attrs

from shequ_core.entities import Basis, Community, Dataset, LabelledEnum, masked_repr
from shequ_core.errors import Problem, ValidationError
from shequ_core.policy import Policy
from shequ_core.rules._views import as_frame
from shequ_core.text import Lang, mask_personal

__all__ = [
    "RULES",
    "DatasetRule",
    "Figure",
    "Finding",
    "Findings",
    "Owned",
    "Rule",
    "Severity",
    "by_community",
    "check_dataset",
    "check_lang",
    "figure_finding",
    "format_figure",
    "is_undefined_figure",
    "per_community",
    "pick",
    "rule",
    "undefined_figure",
]

#: What a finding reports as found or required: a count, an exact ratio, an amount, a
#: range ``(minimum, maximum)``, a list of codes, a yes/no, or nothing.
Figure = bool | int | Decimal | Fraction | str | tuple[object, ...] | None


class Severity(LabelledEnum):
    """How serious a finding is; ordered by :attr:`rank`."""

    INFO = "info", "提示"
    ADVISORY = "advisory", "建议整改"
    VIOLATION = "violation", "违反规定"

    @property
    def rank(self) -> int:
        """0 (info), 1 (advisory), 2 (violation)."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.ADVISORY: 1, Severity.VIOLATION: 2}


def format_figure(value: object) -> str:
    """A figure as a table shows it: ratios to two decimals, ranges as ``5–9``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return f"{float(value):.2f}"
    if isinstance(value, tuple):
        if len(value) == 2 and all(isinstance(v, int) or v is None for v in value):
            lo, hi = value
            return f"{lo}–{hi}" if hi is not None else f"≥{lo}"
        return ", ".join(format_figure(v) for v in value)
    return str(value)


@masked_repr
@attrs.frozen(kw_only=True)
class Finding:
    """One result of a rule: what was found against what is required, and why.

    ``rule`` is a stable id listed in :data:`RULES` (or ``scorecard.*`` for what the
    scorecard itself notes, such as a dimension the data cannot score), kept as the
    plain string of its :class:`~shequ_core.rules.RuleId`; ``subject_id`` the id of the
    record checked (a community, a grid, a staff member, a team, a meeting). Messages
    name records by id and never hold identity or phone numbers. A ``VIOLATION``
    resting on a basis that does not bind (a plan's target, local practice) is made
    ``ADVISORY`` when the finding is made.
    """

    rule: str = attrs.field(converter=str)
    subject_id: str
    severity: Severity
    message: str
    basis: Basis
    actual: Figure = None
    required: Figure = None

    def __attrs_post_init__(self) -> None:
        # The one place severities are capped: a plan's target or one place's practice
        # binds nobody, so missing it is never a violation, whichever rule found it.
        if self.severity is Severity.VIOLATION and not self.basis.kind.binding:
            object.__setattr__(self, "severity", Severity.ADVISORY)

    def __str__(self) -> str:
        text = f"[{self.severity.value}] {self.rule} {self.subject_id}: {self.message}"
        return f"{mask_personal(text)} ({self.basis})"  # a subject's id can be a number


def _to_tuple(items: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(items)


_HEADERS = {
    "zh": ("级别", "规则", "对象", "说明", "实际", "要求", "依据"),
    "en": ("severity", "rule", "subject", "message", "actual", "required", "basis"),
}


@attrs.frozen
class Findings(Sequence[Finding]):
    """An ordered collection of findings that shows itself as a table in Jupyter."""

    items: tuple[Finding, ...] = attrs.field(default=(), converter=_to_tuple)
    lang: Lang = "zh"

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> Findings: ...
    def __getitem__(self, index: int | slice) -> Finding | Findings:
        if isinstance(index, slice):
            return Findings(self.items[index], self.lang)
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.items)

    def __add__(self, other: Iterable[Finding]) -> Findings:
        return Findings((*self.items, *other), self.lang)

    def at_least(self, severity: Severity) -> Findings:
        """The findings as serious as ``severity`` or more."""
        return Findings((f for f in self.items if f.severity.rank >= severity.rank), self.lang)

    def for_rule(self, rule_id: str) -> Findings:
        """The findings of the rule ``rule_id`` (``"governance.committee_size"``)."""
        return Findings((f for f in self.items if f.rule == rule_id), self.lang)

    def for_subject(self, subject_id: str) -> Findings:
        """The findings about one record (a community, a staff member, a team) by its id."""
        return Findings((f for f in self.items if f.subject_id == subject_id), self.lang)

    def worst(self) -> Severity | None:
        """The most serious severity present, None when there are no findings."""
        return max((f.severity for f in self.items), key=lambda s: s.rank, default=None)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{h}</th>" for h in _HEADERS[self.lang])
        rows = []
        for f in self.items:
            cells = (
                f.severity.label(self.lang),
                f.rule,
                f.subject_id,
                f.message,
                format_figure(f.actual),
                format_figure(f.required),
                str(f.basis),
            )
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
        return (
            '<table class="shequ-findings">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def to_frame(self, *, lang: Lang | None = None, reveal: bool = False) -> Any:
        """This result as a pandas DataFrame (the ``pandas`` extra): see
        :func:`shequ_core.extra.pandas.to_frame` for its columns."""
        return as_frame(self, lang=lang, reveal=reveal)


# -- the registry ----------------------------------------------------------------------


class DatasetRule(Protocol):
    """How the registry runs a rule: over a whole dataset, on a date, under a policy."""

    def __call__(
        self, dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
    ) -> list[Finding]: ...


@attrs.frozen
class Rule:
    """A registered rule: its id, what it checks, the function and the numbers it reads."""

    id: str = attrs.field(converter=str)
    title_zh: str
    title_en: str
    function: DatasetRule
    policy_fields: tuple[str, ...]
    #: What a rule that reads no policy number rests on (a count that no text sets).
    basis: Basis | None = None

    def bases(self, policy: Policy) -> tuple[Basis, ...]:
        """The bases of the numbers this rule reads, as ``policy`` sets them, and its
        own basis if it has one."""
        out: list[Basis] = []
        for name in self.policy_fields:
            basis = getattr(getattr(policy, name), "basis", None)
            if isinstance(basis, Basis) and basis not in out:
                out.append(basis)
        if self.basis is not None and self.basis not in out:
            out.append(self.basis)
        return tuple(out)

    def title(self, lang: Lang = "zh") -> str:
        """What the rule checks, in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.title_zh if lang == "zh" else self.title_en

    def __call__(
        self, dataset: Dataset, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
    ) -> list[Finding]:
        return self.function(dataset, as_of=as_of, policy=policy, lang=lang)


class _Registry(Mapping[str, Rule]):
    """Rule id -> :class:`Rule`, sorted by id when iterated; :func:`rule` fills it as each
    rule module is imported (``shequ_core.rules`` imports them all)."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def _add(self, entry: Rule) -> None:
        if entry.id in self._rules:
            msg = f"rule {entry.id!r} is registered twice"
            raise ValidationError([Problem("rule_id", msg, "invalid_argument")], subject="rule")
        self._rules[entry.id] = entry

    def __getitem__(self, key: str) -> Rule:
        return self._rules[key]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._rules))

    def __len__(self) -> int:
        return len(self._rules)

    def __repr__(self) -> str:
        return f"RULES({', '.join(self)})"


_REGISTRY = _Registry()

#: Every rule, by id (``staffing.workers_per_10k``), sorted by id when iterated.
RULES: Mapping[str, Rule] = _REGISTRY

F = TypeVar("F", bound=Callable[..., list[Finding]])


def rule(
    rule_id: str,
    *,
    policy: tuple[str, ...],
    title_zh: str,
    title_en: str,
    basis: Basis | None = None,
) -> Callable[[F], F]:
    """Register the decorated dataset function as rule ``rule_id``.

    ``policy`` names the :class:`~shequ_core.policy.Policy` fields the rule compares
    against; their bases are the rule's bases. ``basis`` is the rule's own, for a rule
    that reports a figure without comparing it with any number.
    """
    unknown = [name for name in policy if name not in attrs.fields_dict(Policy)]
    if unknown:
        msg = f"rule {str(rule_id)!r} reads unknown policy fields {unknown}"
        raise ValidationError([Problem("policy", msg, "invalid_argument")], subject="rule")

    def register(fn: F) -> F:
        _REGISTRY._add(Rule(rule_id, title_zh, title_en, fn, policy, basis))
        return fn

    return register


def check_dataset(
    dataset: Dataset,
    *,
    as_of: dt.date,
    policy: Policy,
    lang: Lang = "zh",
    rules: Iterable[str] | None = None,
) -> Findings:
    """Run every rule (or those named in ``rules``, in that order) over ``dataset``.

    Without ``rules``, the findings come sorted by rule id. An id that no rule has is
    refused with a :class:`~shequ_core.errors.ValidationError` before any rule runs.
    """
    ids = sorted(RULES) if rules is None else list(rules)
    problems = [
        Problem(("rules", i), f"no rule has the id {str(rule_id)!r}", "invalid_argument")
        for i, rule_id in enumerate(ids)
        if rule_id not in RULES
    ]
    if problems:
        raise ValidationError(problems, subject="check_dataset")
    found: list[Finding] = []
    for rule_id in ids:
        found.extend(RULES[rule_id](dataset, as_of=as_of, policy=policy, lang=lang))
    return Findings(found, lang)


def figure_finding(
    rule: str,
    subject_id: str,
    *,
    met: bool,
    message: str,
    basis: Basis,
    actual: Figure,
    required: Figure,
) -> Finding:
    """A figure rule's finding: ``INFO`` when the figure meets the policy, ``ADVISORY``
    when it does not (figure rules rest on planning targets and local standards)."""
    return Finding(
        rule=rule,
        subject_id=subject_id,
        severity=Severity.INFO if met else Severity.ADVISORY,
        message=message,
        basis=basis,
        actual=actual,
        required=required,
    )


def undefined_figure(
    rule: str, subject_id: str, *, message: str, basis: Basis, required: Figure = None
) -> Finding:
    """A figure rule's finding when the data cannot give the figure (no residents, no
    record of it): ``INFO`` without an ``actual`` figure, which the scorecard counts as
    a figure missing (:func:`is_undefined_figure`)."""
    return Finding(
        rule=rule,
        subject_id=subject_id,
        severity=Severity.INFO,
        message=message,
        basis=basis,
        required=required,
    )


def is_undefined_figure(finding: Finding) -> bool:
    """Whether ``finding`` says its figure cannot be computed: INFO without a figure."""
    return finding.severity is Severity.INFO and finding.actual is None


def pick(lang: Lang, zh: str, en: str) -> str:
    """The message in the language asked for."""
    return zh if lang == "zh" else en


def check_lang(lang: object, *, subject: str) -> Lang:
    """``lang`` itself when it is ``"zh"`` or ``"en"``; otherwise a ValidationError whose
    subject is the function that was given it."""
    if lang == "zh":
        return "zh"
    if lang == "en":
        return "en"
    msg = f"must be 'zh' or 'en', got {lang!r}"
    raise ValidationError([Problem("lang", msg, "invalid_argument")], subject=subject)


# -- over every community ------------------------------------------------------------------


class Owned(Protocol):
    """A record that belongs to one community (staff, grids, party members ...)."""

    @property
    def community_id(self) -> str: ...


R = TypeVar("R", bound=Owned)


def by_community(records: Iterable[R]) -> dict[str, list[R]]:
    """``records`` grouped by ``community_id``, each group in the order given."""
    out: dict[str, list[R]] = {}
    for r in records:
        out.setdefault(r.community_id, []).append(r)
    return out


def per_community(
    dataset: Dataset,
    check: Callable[[Community, Sequence[R]], Iterable[Finding]],
    records: Iterable[R] = (),
) -> list[Finding]:
    """The findings of ``check`` on every community of ``dataset``, in dataset order.

    ``check`` gets each community with its own ``records`` (those whose
    ``community_id`` is its id, in the order given). They are grouped once, not filtered
    again for each community, which would make a banner of many communities quadratic.
    """
    own = by_community(records)
    return [f for c in dataset.communities for f in check(c, own.get(c.id, []))]
