"""Every number the rules compare against, each with its legal basis, looked up by date.

References:
    * 中华人民共和国城市居民委员会组织法, adopted 1989-12-26, in force 1990-01-01
      (1989 text): area generally 100–700 households (第6条); 5–9 members (第7条);
      term 3 years (第8条); 居民会议 quorum and decisions more than half (第9条);
      convening on request of 1/5 of adults, 1/5 of households or 1/3 of 居民小组 (第10条).
    * The same law as amended 2018-12-29 (in force on promulgation): the term becomes
      5 years (第8条); the other numbers above are unchanged. In force until 2025-12-31.
    * The same law as revised 2025-10-28, in force 2026-01-01: area generally
      1,000–3,000 households (第3条); 5–9 members, women among them (第8条); one 居民代表
      per 20–50 households (第13条); term 5 years (第14条); convening on request of 1/10
      of adults or household representatives, or 1/3 of 居民代表 (第26条); 居民会议
      quorum and decisions more than half (第27条); 居民代表会议 quorum 2/3 or more,
      decisions more than half of those present (第29条).
    * 中华人民共和国人民调解法 (2010-08-28, in force 2011-01-01): mediation committee of
      3–9 members (第8条), term 3 years (第9条); before it, 人民调解委员会组织条例 (国务院
      令第37号, 1989) 第3条 set the same numbers.
    * 国务院办公厅《"十四五"城乡社区服务体系建设规划》(国办发〔2021〕56号, 2021-12-27):
      18 community workers per 10,000 urban residents and 30 m² of community service
      facilities per 100 households by 2025 (national indicators, seen paraphrased).
    * Party organisation: 中国共产党支部工作条例(试行) (2018): a branch wherever there are
      3 or more full members (第4条), a branch committee from 7 full members (第六章);
      a general branch from 50 and a primary committee from 100 members, as the
      基层组织工作条例 set them (seen paraphrased).
    * The seed profile: 察右前旗 (2018), "三有四化": a service hall of 150 m² or more and
      六室两中心 in every community; 100,000 CNY of party-building and 20,000 CNY of
      office funds a year; pension and unemployment insurance (两金) for eligible cadres;
      secretaries and deputies of mean age 37, 85 % with junior-college education or
      more; every grid with a responsible worker (网格化管理).

Checked with:
    ``shared/domain/rules-reference.md`` §0, §1, §2, §4, §7 and
    ``shared/domain/seed-model.md``.

Limitations:
    * National numbers start on 1990-01-01 (the 1989 law); an earlier date raises
      :class:`ValueError`.
    * The planning targets (十四五) apply from the plan's date and are kept after 2025
      until a new national plan replaces them; before 2021-12-27 there is no national
      target and the field is None.
    * Party regulations carry no effective dates here (their numbers are long-standing);
      provincial variants of the committee law (e.g. Henan's 5–7 members) are not
      built in: load them as a profile.
    * Where the law says 一般 (generally), as for the size of a committee's area, a
      number outside the range is an advisory finding, not a violation.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from shequ_core.entities import Basis, FacilityKind
from shequ_core.errors import Loc, Problem, ValidationError
from shequ_core.serialization import structure, unstructure
from shequ_core.validation import (
    Record,
    check_bool,
    check_count,
    check_enum,
    check_frozenset_of,
    check_instance,
    check_opt_instance,
    check_positive,
    check_text,
    md,
    to_decimal,
    to_frozenset,
)

__all__ = [
    "FIRST_DAY",
    "Count",
    "FacilitySet",
    "Minimum",
    "Policy",
    "Ratio",
    "Requirement",
    "Span",
    "Threshold",
    "load_policy",
    "national_policy",
    "policy_bases",
    "policy_from_dict",
    "policy_to_dict",
    "seed_policy",
]

_basis = check_instance(Basis, "a Basis")


def _check_finite_nonneg(value: object) -> str | None:
    if not isinstance(value, Decimal):
        return f"must be a decimal number, got {type(value).__name__}"
    if not value.is_finite():
        return "must be a finite number"
    if value < 0:
        return f"must be 0 or more, got {value}"
    return None


# -- the kinds of number a policy holds -------------------------------------------------


@attrs.frozen(kw_only=True)
class Ratio(Record):
    """A share such as 1/5, kept as two whole numbers so comparisons stay exact."""

    numerator: int = attrs.field(metadata=md("分子", check_count))
    denominator: int = attrs.field(metadata=md("分母", check_positive))

    @property
    def fraction(self) -> Fraction:
        """The ratio as an exact fraction, for comparisons without rounding."""
        return Fraction(self.numerator, self.denominator)

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator}"


@attrs.frozen(kw_only=True)
class Threshold(Record):
    """A share of a whole that must be reached: 以上 (``inclusive``, >=) or 超过 (>).

    民法典 第1259条: 以上 includes the number, 超过 does not; 过半数 is read as more than
    half. A whole of 0 never meets a threshold: nobody can reach a share of nobody.
    """

    share: Ratio = attrs.field(metadata=md("比例", check_instance(Ratio, "a Ratio")))
    inclusive: bool = attrs.field(metadata=md("含本数", check_bool))
    basis: Basis = attrs.field(metadata=md("依据", _basis))

    def met(self, part: int, whole: int) -> bool:
        """Whether ``part`` out of ``whole`` reaches the share, exactly (no floats)."""
        if whole <= 0:
            return False
        reached = Fraction(part, whole)
        return reached >= self.share.fraction if self.inclusive else reached > self.share.fraction

    def minimum_part(self, whole: int) -> int | None:
        """The fewest of ``whole`` that meet the threshold; None if none can (whole 0)."""
        if whole <= 0:
            return None
        exact = self.share.fraction * whole
        floor = exact.numerator // exact.denominator
        need = floor if self.inclusive and floor == exact else floor + 1
        return need if need <= whole else None

    def describe(self, lang: str = "zh") -> str:
        """The threshold as the law words it: 三分之二以上 (at least) or 超过 (more than)."""
        if lang == "zh":
            return f"{self.share}以上" if self.inclusive else f"超过{self.share}"
        return f"at least {self.share}" if self.inclusive else f"more than {self.share}"


@attrs.frozen(kw_only=True)
class Span(Record):
    """An inclusive range of whole numbers (members, households); ``maximum`` None is open."""

    minimum: int = attrs.field(metadata=md("下限", check_count))
    maximum: int | None = attrs.field(
        default=None,
        metadata=md("上限", lambda v: None if v is None else check_count(v)),
    )
    basis: Basis = attrs.field(metadata=md("依据", _basis))

    def _invariants(self) -> Iterator[tuple[Loc | str, str]]:
        if self.maximum is not None and self.maximum < self.minimum:
            yield "maximum", "must not be less than minimum"

    def contains(self, n: int) -> bool:
        """Whether ``n`` lies in the span, both ends included (以上、以下 include the number)."""
        return n >= self.minimum and (self.maximum is None or n <= self.maximum)

    def describe(self) -> str:
        """The span as ``5–9``, or ``≥3`` when it has no maximum."""
        return f"{self.minimum}–{self.maximum}" if self.maximum is not None else f"≥{self.minimum}"


@attrs.frozen(kw_only=True)
class Minimum(Record):
    """A measured floor: an area, a sum of money or a density that must be reached."""

    value: Decimal = attrs.field(converter=to_decimal, metadata=md("下限", _check_finite_nonneg))
    basis: Basis = attrs.field(metadata=md("依据", _basis))


@attrs.frozen(kw_only=True)
class Count(Record):
    """A whole number with its basis: a size threshold, a term in years, a bound."""

    value: int = attrs.field(metadata=md("数值", check_count))
    basis: Basis = attrs.field(metadata=md("依据", _basis))


@attrs.frozen(kw_only=True)
class Requirement(Record):
    """A duty without a number (insure eligible cadres, include a woman), with its basis."""

    basis: Basis = attrs.field(metadata=md("依据", _basis))


@attrs.frozen(kw_only=True)
class FacilitySet(Record):
    """A set of facilities every community must have (六室两中心)."""

    kinds: frozenset[FacilityKind] = attrs.field(
        converter=to_frozenset,
        metadata=md("设施", check_frozenset_of(check_enum(FacilityKind))),
    )
    basis: Basis = attrs.field(metadata=md("依据", _basis))


def _req(label: str, cls: type) -> dict[str, Any]:
    return md(label, check_instance(cls, f"a {cls.__name__}"))


def _opt(label: str, cls: type) -> dict[str, Any]:
    return md(label, check_opt_instance(cls, f"a {cls.__name__}"))


@attrs.frozen(kw_only=True)
class Policy(Record):
    """Every number the rules compare against, each with its basis.

    A field set to None means the profile has no such rule (the law set no ratio of
    居民代表 before 2026; the seed's local standards are absent from the national
    profile), and the rules that read it stay silent. Change one number with
    ``attrs.evolve``; load a profile with :func:`load_policy`.
    """

    name: str = attrs.field(metadata=md("名称", check_text))
    # 居民委员会组织法
    committee_households: Span = attrs.field(metadata=_req("居委会辖区户数", Span))
    committee_members: Span = attrs.field(metadata=_req("居委会成员人数", Span))
    committee_women: Requirement | None = attrs.field(
        default=None, metadata=_opt("居委会成员应有妇女", Requirement)
    )
    committee_term_years: Count = attrs.field(metadata=_req("居委会任期", Count))
    households_per_representative: Span | None = attrs.field(
        default=None, metadata=_opt("每名居民代表户数", Span)
    )
    convening_adults: Threshold = attrs.field(metadata=_req("提议召集:成年居民", Threshold))
    convening_households: Threshold = attrs.field(metadata=_req("提议召集:户", Threshold))
    convening_groups: Threshold | None = attrs.field(
        default=None, metadata=_opt("提议召集:居民小组", Threshold)
    )
    convening_representatives: Threshold | None = attrs.field(
        default=None, metadata=_opt("提议召集:居民代表", Threshold)
    )
    residents_meeting_quorum: Threshold = attrs.field(metadata=_req("居民会议法定人数", Threshold))
    representatives_meeting_quorum: Threshold | None = attrs.field(
        default=None, metadata=_opt("居民代表会议法定人数", Threshold)
    )
    decision_majority: Threshold = attrs.field(metadata=_req("表决通过", Threshold))
    # 人民调解法
    mediation_members: Span = attrs.field(metadata=_req("调解委员会人数", Span))
    mediation_term_years: Count = attrs.field(metadata=_req("调解委员会任期", Count))
    # 十四五 plan
    workers_per_10k: Minimum | None = attrs.field(
        default=None, metadata=_opt("每万人社区工作者", Minimum)
    )
    facility_area_per_100_households: Minimum | None = attrs.field(
        default=None, metadata=_opt("每百户服务设施面积", Minimum)
    )
    # party organisation
    party_branch_min: Count = attrs.field(metadata=_req("成立党支部正式党员数", Count))
    party_general_branch_min: Count = attrs.field(metadata=_req("成立党总支党员数", Count))
    party_committee_min: Count = attrs.field(metadata=_req("成立基层党委党员数", Count))
    party_branch_committee_min: Count = attrs.field(metadata=_req("设支部委员会正式党员数", Count))
    employed_members_report: Requirement | None = attrs.field(
        default=None, metadata=_opt("在职党员到社区报到", Requirement)
    )
    # local standards (the seed profile)
    service_hall_area_m2: Minimum | None = attrs.field(
        default=None, metadata=_opt("服务大厅面积", Minimum)
    )
    required_facilities: FacilitySet | None = attrs.field(
        default=None, metadata=_opt("六室两中心", FacilitySet)
    )
    party_building_funds: Minimum | None = attrs.field(
        default=None, metadata=_opt("党建经费", Minimum)
    )
    office_funds: Minimum | None = attrs.field(default=None, metadata=_opt("办公经费", Minimum))
    cadre_insurance: Requirement | None = attrs.field(
        default=None, metadata=_opt("两金", Requirement)
    )
    grid_worker: Requirement | None = attrs.field(
        default=None, metadata=_opt("网格责任人", Requirement)
    )
    grid_households_max: Count | None = attrs.field(
        default=None, metadata=_opt("每名网格员户数上限", Count)
    )
    secretary_mean_age_max: Count | None = attrs.field(
        default=None, metadata=_opt("书记平均年龄", Count)
    )
    secretary_college_share: Threshold | None = attrs.field(
        default=None, metadata=_opt("书记大专以上比例", Threshold)
    )


def policy_bases(policy: Policy) -> dict[str, Basis]:
    """The basis of every number the policy sets, by field name (None fields left out)."""
    out: dict[str, Basis] = {}
    for a in attrs.fields(Policy):
        value = getattr(policy, a.name)
        basis = getattr(value, "basis", None)
        if isinstance(basis, Basis):
            out[a.name] = basis
    return out


# -- the texts --------------------------------------------------------------------------


@attrs.frozen
class _Text:
    title: str
    effective_from: dt.date | None
    effective_to: dt.date | None = None

    def at(self, article: str | None = None) -> Basis:
        return Basis(
            title=self.title,
            article=article,
            effective_from=self.effective_from,
            effective_to=self.effective_to,
        )

    def in_force(self, on: dt.date) -> bool:
        return self.at().in_force(on)


_RC_1989 = _Text("中华人民共和国城市居民委员会组织法", dt.date(1990, 1, 1), dt.date(2018, 12, 28))
_RC_2018 = _Text(
    "中华人民共和国城市居民委员会组织法（2018年修正）",
    dt.date(2018, 12, 29),
    dt.date(2025, 12, 31),
)
_RC_2025 = _Text("中华人民共和国城市居民委员会组织法（2025年修订）", dt.date(2026, 1, 1))
_MEDIATION_1989 = _Text("人民调解委员会组织条例（国务院令第37号）", None, dt.date(2010, 12, 31))
_MEDIATION_2010 = _Text("中华人民共和国人民调解法", dt.date(2011, 1, 1))
_PLAN_14 = _Text("“十四五”城乡社区服务体系建设规划（国办发〔2021〕56号）", dt.date(2021, 12, 27))
_BRANCH_RULES = _Text("中国共产党支部工作条例（试行）", None)
_ORGAN_RULES = _Text("中国共产党党和国家机关基层组织工作条例（参照）", None)
_SEED = _Text("察右前旗新型社区建设经验（2018）：三有四化", None)

#: The first day national numbers exist for: the 1989 law took effect.
FIRST_DAY = _RC_1989.effective_from


def _ratio(n: int, d: int) -> Ratio:
    return Ratio(numerator=n, denominator=d)


def _at_least(n: int, d: int, basis: Basis) -> Threshold:
    return Threshold(share=_ratio(n, d), inclusive=True, basis=basis)


def _more_than(n: int, d: int, basis: Basis) -> Threshold:
    return Threshold(share=_ratio(n, d), inclusive=False, basis=basis)


def _committee_law(as_of: dt.date) -> dict[str, Any]:
    if _RC_2025.in_force(as_of):
        law = _RC_2025
        return {
            "committee_households": Span(minimum=1000, maximum=3000, basis=law.at("第三条")),
            "committee_members": Span(minimum=5, maximum=9, basis=law.at("第八条")),
            "committee_women": Requirement(basis=law.at("第八条")),
            "committee_term_years": Count(value=5, basis=law.at("第十四条")),
            "households_per_representative": Span(minimum=20, maximum=50, basis=law.at("第十三条")),
            "convening_adults": _at_least(1, 10, law.at("第二十六条")),
            "convening_households": _at_least(1, 10, law.at("第二十六条")),
            "convening_groups": None,
            "convening_representatives": _at_least(1, 3, law.at("第二十六条")),
            "residents_meeting_quorum": _more_than(1, 2, law.at("第二十七条")),
            "representatives_meeting_quorum": _at_least(2, 3, law.at("第二十九条")),
            "decision_majority": _more_than(1, 2, law.at("第二十七条、第二十九条")),
        }
    law = _RC_2018 if _RC_2018.in_force(as_of) else _RC_1989
    return {
        "committee_households": Span(minimum=100, maximum=700, basis=law.at("第六条")),
        "committee_members": Span(minimum=5, maximum=9, basis=law.at("第七条")),
        "committee_women": None,
        "committee_term_years": Count(value=5 if law is _RC_2018 else 3, basis=law.at("第八条")),
        "households_per_representative": None,
        "convening_adults": _at_least(1, 5, law.at("第十条")),
        "convening_households": _at_least(1, 5, law.at("第十条")),
        "convening_groups": _at_least(1, 3, law.at("第十条")),
        "convening_representatives": None,
        "residents_meeting_quorum": _more_than(1, 2, law.at("第九条")),
        "representatives_meeting_quorum": None,
        "decision_majority": _more_than(1, 2, law.at("第九条")),
    }


def national_policy(as_of: dt.date) -> Policy:
    """The national numbers in force on ``as_of``: law, regulation and national plans.

    The committee law switches texts on 2026-01-01 (and its term on 2018-12-29); each
    number's basis carries the effective dates of the text it comes from.
    """
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        msg = f"as_of must be a date, got {type(as_of).__name__}"
        raise TypeError(msg)
    assert FIRST_DAY is not None
    if as_of < FIRST_DAY:
        msg = f"no national numbers before {FIRST_DAY.isoformat()} (the 1989 law), got {as_of}"
        raise ValueError(msg)
    mediation = _MEDIATION_2010 if _MEDIATION_2010.in_force(as_of) else _MEDIATION_1989
    m_size, m_term = ("第八条", "第九条") if mediation is _MEDIATION_2010 else ("第三条", "第三条")
    plan = _PLAN_14.in_force(as_of)
    return Policy(
        name="national",
        **_committee_law(as_of),
        mediation_members=Span(minimum=3, maximum=9, basis=mediation.at(m_size)),
        mediation_term_years=Count(value=3, basis=mediation.at(m_term)),
        workers_per_10k=(
            Minimum(value=Decimal(18), basis=_PLAN_14.at("主要指标")) if plan else None
        ),
        facility_area_per_100_households=(
            Minimum(value=Decimal(30), basis=_PLAN_14.at("主要指标")) if plan else None
        ),
        party_branch_min=Count(value=3, basis=_BRANCH_RULES.at("第四条")),
        party_general_branch_min=Count(value=50, basis=_ORGAN_RULES.at("第五条至第七条")),
        party_committee_min=Count(value=100, basis=_ORGAN_RULES.at("第五条至第七条")),
        party_branch_committee_min=Count(value=7, basis=_BRANCH_RULES.at("第六章")),
    )


def seed_policy(as_of: dt.date) -> Policy:
    """The national numbers of ``as_of`` plus the seed's local standards (察右前旗, 2018).

    Eligible cadres for 两金 are the community workers (employment other than a
    public-welfare post); the secretaries' mean age of 37 and 85 % with junior-college
    education are the seed's own figures, used as benchmarks.
    """
    return attrs.evolve(
        national_policy(as_of),
        name="seed",
        employed_members_report=Requirement(basis=_SEED.at("红色港湾·在职党员报到制度")),
        service_hall_area_m2=Minimum(value=Decimal(150), basis=_SEED.at("有场所议事")),
        required_facilities=FacilitySet(
            kinds=frozenset(FacilityKind), basis=_SEED.at("六室两中心")
        ),
        party_building_funds=Minimum(value=Decimal(100000), basis=_SEED.at("有钱办事·党建经费")),
        office_funds=Minimum(value=Decimal(20000), basis=_SEED.at("有钱办事·办公经费")),
        cadre_insurance=Requirement(basis=_SEED.at("有钱办事·两金")),
        grid_worker=Requirement(basis=_SEED.at("网格化管理")),
        secretary_mean_age_max=Count(value=37, basis=_SEED.at("有人管事·书记平均年龄")),
        secretary_college_share=_at_least(85, 100, _SEED.at("有人管事·大专以上学历")),
    )


# -- loading profiles ------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """TOML gives dates as date objects and exact decimals as floats; make them JSON-like."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return value


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for k, v in over.items():
            merged[k] = _merge(base.get(k), v) if k in base else v
        return merged
    return over


def policy_to_dict(policy: Policy) -> dict[str, Any]:
    """The policy as plain JSON-ready data (dates ISO 8601, numbers as decimal strings)."""
    data: dict[str, Any] = unstructure(policy)
    return data


def policy_from_dict(data: Mapping[str, Any], *, base: Policy | None = None) -> Policy:
    """A policy from plain data; with ``base``, ``data`` only lists the numbers it changes.

    Goes through the project's converter, so errors come as one
    :class:`~shequ_core.errors.ValidationError` listing each problem with its path.
    """
    plain = _plain(dict(data))
    if base is not None:
        plain = _merge(policy_to_dict(base), plain)
    return structure(plain, Policy)


def load_policy(source: str | os.PathLike[str], *, base: Policy | None = None) -> Policy:
    """A policy profile from a TOML or JSON file, or from TOML/JSON text.

    A path ending in ``.json`` is read as JSON, any other path as TOML; text that starts
    with ``{`` is JSON, other text TOML. TOML needs Python 3.11 (``tomllib``). With
    ``base`` the profile lists only the numbers it changes (e.g. a province's 5–7
    members); TOML has no null, so removing a number needs JSON ``null``.
    """
    path: Path | None = None
    if isinstance(source, os.PathLike):
        path = Path(source)
    elif "\n" not in source and not source.lstrip().startswith("{"):
        candidate = Path(source)
        if candidate.suffix.lower() in {".toml", ".json"}:
            path = candidate
    is_json = path.suffix.lower() == ".json" if path is not None else None
    try:
        text = path.read_text(encoding="utf-8") if path is not None else str(source)
        if is_json is None:
            is_json = text.lstrip().startswith("{")
        data = json.loads(text) if is_json else _toml(text)
    except (ValueError, RecursionError) as e:  # bad UTF-8, JSON or TOML; too deep
        kind = "UTF-8 text" if isinstance(e, UnicodeDecodeError) else "JSON" if is_json else "TOML"
        problem = Problem(
            (), f"a policy profile must be valid {kind} ({type(e).__name__})", "invalid_file"
        )
        raise ValidationError([problem], subject="Policy") from None
    if not isinstance(data, dict):
        raise ValidationError(
            [Problem((), "a policy profile must be a table", "wrong_type")], subject="Policy"
        )
    return policy_from_dict(data, base=base)


def _toml(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib.loads(text)
    msg = "reading TOML needs Python 3.11 or later (tomllib); use JSON instead"
    raise RuntimeError(msg)
