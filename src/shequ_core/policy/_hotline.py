"""12345 hotline profiles and the mediation policy: the limits each text sets, with its article.

References (each read in its text; the public copies are listed in
``docs/explanation/sources.md``):
    * 济南市12345市民服务热线条例 (adopted 2018-06-28, in force 2018-09-01, 第四十四条):
      第二十四条第一款, the 承办单位 handles a transferred matter and replies to the caller
      (回复来电人) within 五个工作日; 第一项, one that can be done in five working days is
      done (及时办理); 第二、三项, a longer statutory limit or an objective obstacle is told
      to the caller with the time it will take, so the text caps no extension.
      第二十七条: the centre revisits the caller, asks for an evaluation, and may send a
      matter back for handling again (退回承办单位再次办理) when the caller is dissatisfied.
    * 潍坊市12345政务服务便民热线条例 (adopted 2021-10-21, in force 2021-12-15, 第四十一条):
      第二十条第一款第一项, a matter that can be done in 五个工作日 is done in them; the
      reply is 及时 (no number). 第二十二条 a matter outside a unit's remit is returned
      (申请退回) under rules it does not give; 第二十五条 回访.
    * 北京市接诉即办工作条例 (adopted and in force 2021-09-24, 第三十八条): **no number**.
      第十一条 即时答复 / 即时派单; 第十三条 the 办理时限 is marked on each order and set by
      the city's 政务服务部门 with the departments concerned; 第十五条 an extension is
      explained to the caller (no cap); 第二十三条 回访 when the limit expires;
      第三十二条 names 响应率、解决率、满意率 as the core of the evaluation without defining them.
    * 国办发〔2020〕53号 (国务院办公厅关于进一步优化地方政务服务便民热线的指导意见): **no
      number** in the parts seen: it asks each area to set 受理、即时转办、限时办理、满意度
      测评 requirements. Only secondary copies of its text were seen (reported).
    * 人民调解工作若干规定 (司法部令第75号, in force 2002-11-01) 第三十三条: 人民调解委员会
      调解纠纷，一般在一个月内调结. 人民调解法 第三十一条 (the committee supervises the
      performance of an agreement: no period), 第三十三条 (30 日 to apply for judicial
      confirmation). 民事诉讼法 (2023) 第八十五条: a period does not count its first day,
      and one ending on a statutory holiday ends on the day after it.

Limitations:
    * A limit the text does not set is None ("the text sets no limit"): the national and
      Beijing profiles set none, so under them an order has no deadline, only its rates.
      A city's own limits (Beijing's practice of a 2-hour response, 山东省政务服务热线
      管理办法 as reported in January 2020) were seen only in reports, not shipped: write them as a
      profile file of your own, with a ``local_practice`` basis.
    * The rate definitions are the library's (``RateDefinitions().basis``, local
      practice): no text read defines them. Which satisfaction levels count is a profile setting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from shequ_core.entities import (
    Basis,
    BasisKind,
    Satisfaction,
    TimeLimit,
    TimeUnit,
    Urgency,
)
from shequ_core.errors import Problem, ValidationError
from shequ_core.policy._limits import JUDICIAL_CONFIRMATION_WINDOW, StatutoryLimit
from shequ_core.policy._texts import (
    BEIJING_HOTLINE_REGULATION_2021,
    CIVIL_PROCEDURE_LAW_2023,
    HOTLINE_GUIDANCE_2020,
    JINAN_HOTLINE_REGULATION_2018,
    MEDIATION_LAW,
    MEDIATION_RULES_2002,
    WEIFANG_HOTLINE_REGULATION_2021,
    cite,
)
from shequ_core.policy._visits import Interval
from shequ_core.validation import (
    Record,
    check_enum,
    check_frozenset_of,
    check_id,
    check_instance,
    check_opt_instance,
    check_opt_text,
    md,
    opt_text,
    to_frozenset,
)

__all__ = [
    "BEIJING_2021",
    "DEFAULT_MEDIATION_POLICY",
    "HOTLINE_PROFILES",
    "JINAN_2018",
    "NATIONAL_2020",
    "WEIFANG_2021",
    "HotlineLimits",
    "HotlineProfile",
    "MediationPolicy",
    "RateDefinitions",
    "hotline_profile",
]

_limit = check_opt_instance(StatutoryLimit, "a StatutoryLimit")


@attrs.frozen(kw_only=True)
class HotlineLimits(Record):
    """One step's limit by urgency: ``default`` for every order, unless its urgency has one.

    The texts read set one limit for every (non-emergency) matter, so their profiles fill
    ``default`` only; a city whose rules distinguish 紧急 and 咨询 orders sets ``urgent``
    and ``consultation`` too. None everywhere: the text sets no limit.
    """

    default: StatutoryLimit | None = attrs.field(default=None, metadata=md("一般", _limit))
    urgent: StatutoryLimit | None = attrs.field(default=None, metadata=md("紧急", _limit))
    consultation: StatutoryLimit | None = attrs.field(default=None, metadata=md("咨询", _limit))

    def for_urgency(self, urgency: Urgency | None) -> StatutoryLimit | None:
        """The limit for an order of ``urgency`` (None: not classified, as ``default``)."""
        if urgency is Urgency.URGENT and self.urgent is not None:
            return self.urgent
        if urgency is Urgency.CONSULTATION and self.consultation is not None:
            return self.consultation
        return self.default


#: Where the rate definitions come from: the library, as no text read defines them.
_RATE_DEFINITIONS = Basis(
    title=(
        "shequ_core 三率口径（北京市接诉即办工作条例第三十二条列出响应率、解决率、满意率，"
        "未下定义；口径为本库所定）"
    ),
    kind=BasisKind.LOCAL_PRACTICE,
)

_SATISFIED = frozenset({Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED})


@attrs.frozen(kw_only=True)
class RateDefinitions(Record):
    """How a profile counts its three rates (三率); see :mod:`shequ_core.rules.hotline`.

    Responded (响应): the caller answered (a response, or the order done) by the
    response limit, or at all where the profile sets none. Resolved (解决): completed
    (办结) and never reopened (重办).
    Satisfied (满意): the last revisit's rating is one of ``satisfied``, by default 满意
    and 基本满意 (the usual 满意率 of 12345 centres; 不满意 is the other level).
    """

    satisfied: frozenset[Satisfaction] = attrs.field(
        default=_SATISFIED,
        converter=to_frozenset,
        metadata=md("计为满意", check_frozenset_of(check_enum(Satisfaction))),
    )
    basis: Basis = attrs.field(
        default=_RATE_DEFINITIONS, metadata=md("依据", check_instance(Basis, "a Basis"))
    )


_opt_basis = check_opt_instance(Basis, "a Basis")


@attrs.frozen(kw_only=True)
class HotlineProfile(Record):
    """A city's (or the nation's) 12345 rules as data: each limit with its article.

    ``text`` is the text itself (its title, force and the day it took effect): an order
    received before that day is not governed by the profile and gets no deadline from
    it. A text's cap on extensions is its handling limit's ``max_extension_days`` (the
    shipped texts set none; :mod:`shequ_core.rules.hotline` does not apply it).
    ``revisit`` and ``reopen`` cite the articles that provide for 回访 and for sending a
    matter back to be handled again (重办), where the text has them.
    """

    name: str = attrs.field(metadata=md("名称", check_id))
    text: Basis = attrs.field(metadata=md("文本", check_instance(Basis, "a Basis")))
    response: HotlineLimits = attrs.field(
        factory=HotlineLimits, metadata=md("响应时限", check_instance(HotlineLimits, "limits"))
    )
    handling: HotlineLimits = attrs.field(
        factory=HotlineLimits, metadata=md("办理时限", check_instance(HotlineLimits, "limits"))
    )
    revisit: Basis | None = attrs.field(default=None, metadata=md("回访", _opt_basis))
    reopen: Basis | None = attrs.field(default=None, metadata=md("重办", _opt_basis))
    rates: RateDefinitions = attrs.field(
        factory=RateDefinitions,
        metadata=md("三率口径", check_instance(RateDefinitions, "RateDefinitions")),
    )
    note: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("说明", check_opt_text)
    )

    def in_force(self, day: dt.date) -> bool:
        """Whether the profile's text governs an order received on ``day``."""
        return self.text.in_force(day)

    def bases(self) -> dict[str, Basis]:
        """Every basis the profile cites, by where it is used."""
        out: dict[str, Basis] = {"text": self.text, "rates": self.rates.basis}
        for step in ("response", "handling"):
            limits: HotlineLimits = getattr(self, step)
            for urgency in ("default", "urgent", "consultation"):
                limit = getattr(limits, urgency)
                if limit is not None:
                    out[f"{step}.{urgency}"] = limit.basis
        for name in ("revisit", "reopen"):
            if (basis := getattr(self, name)) is not None:
                out[name] = basis
        return out


def _working(days: int, name: str, basis: Basis) -> StatutoryLimit:
    limit = TimeLimit(amount=days, unit=TimeUnit.WORKING_DAYS)
    return StatutoryLimit(name=name, limit=limit, basis=basis, max_extension_days=None)


#: 国办发〔2020〕53号: the national guidance sets no time limit.
NATIONAL_2020 = HotlineProfile(
    name="national-2020",
    text=HOTLINE_GUIDANCE_2020,
    note="国办发〔2020〕53号 sets no number: 即时转办、限时办理 are left to each area.",
)

#: 北京市接诉即办工作条例 (2021): no number; its 三率 and its 回访 at the limit's expiry.
BEIJING_2021 = HotlineProfile(
    name="beijing-2021",
    text=BEIJING_HOTLINE_REGULATION_2021,
    revisit=cite(BEIJING_HOTLINE_REGULATION_2021, "第二十三条"),
    note=(
        "第十三条: the 办理时限 is marked on each order and set outside the regulation; "
        "第十一条 即时派单; 第三十二条 names 响应率、解决率、满意率."
    ),
)

#: 济南市12345市民服务热线条例 (2018): reply within 5 working days, and handle within them.
JINAN_2018 = HotlineProfile(
    name="jinan-2018",
    text=JINAN_HOTLINE_REGULATION_2018,
    response=HotlineLimits(
        default=_working(5, "回复来电人", cite(JINAN_HOTLINE_REGULATION_2018, "第二十四条第一款"))
    ),
    handling=HotlineLimits(
        default=_working(
            5, "办理完毕", cite(JINAN_HOTLINE_REGULATION_2018, "第二十四条第一款第一项")
        )
    ),
    revisit=cite(JINAN_HOTLINE_REGULATION_2018, "第二十七条第一款"),
    reopen=cite(JINAN_HOTLINE_REGULATION_2018, "第二十七条第二款"),
    note="第二十四条第一款第二、三项: a longer limit is told to the caller; no cap.",
)

#: 潍坊市12345政务服务便民热线条例 (2021): handled within 5 working days.
WEIFANG_2021 = HotlineProfile(
    name="weifang-2021",
    text=WEIFANG_HOTLINE_REGULATION_2021,
    handling=HotlineLimits(
        default=_working(
            5, "办理完毕", cite(WEIFANG_HOTLINE_REGULATION_2021, "第二十条第一款第一项")
        )
    ),
    revisit=cite(WEIFANG_HOTLINE_REGULATION_2021, "第二十五条"),
    note="第二十条: the reply is 及时 (no number); 第二十二条 退回 under rules not given.",
)

#: Every shipped profile, by name.
HOTLINE_PROFILES: Mapping[str, HotlineProfile] = MappingProxyType(
    {p.name: p for p in (NATIONAL_2020, BEIJING_2021, JINAN_2018, WEIFANG_2021)}
)


def hotline_profile(name: str) -> HotlineProfile:
    """The shipped profile called ``name`` (``national-2020``, ``beijing-2021``...)."""
    if isinstance(name, str) and name in HOTLINE_PROFILES:
        return HOTLINE_PROFILES[name]
    names = ", ".join(HOTLINE_PROFILES)
    problem = Problem("name", f"no hotline profile {name!r}; one of {names}", "unknown_value")
    raise ValidationError([problem], subject="hotline_profile")


_opt_interval = check_opt_instance(Interval, "an Interval")


@attrs.frozen(kw_only=True)
class MediationPolicy(Record):
    """A mediation office's periods: the mediation target, the confirmation window, and
    how soon after an agreement its performance is followed up (回访).

    ``follow_up`` is None by default: 人民调解法 第三十一条 asks the committee to
    supervise performance without a period. Set an :class:`Interval` with a
    ``local_practice`` basis to have follow-ups fall due.
    """

    target: Interval = attrs.field(
        default=Interval(months=1, basis=cite(MEDIATION_RULES_2002, "第三十三条")),
        metadata=md("调解期限", check_instance(Interval, "an Interval")),
    )
    confirmation: StatutoryLimit = attrs.field(
        default=JUDICIAL_CONFIRMATION_WINDOW,
        metadata=md("司法确认申请期间", check_instance(StatutoryLimit, "a StatutoryLimit")),
    )
    period_rule: Basis = attrs.field(
        default=cite(CIVIL_PROCEDURE_LAW_2023, "第八十五条"),
        metadata=md("期间计算", check_instance(Basis, "a Basis")),
    )
    follow_up: Interval | None = attrs.field(default=None, metadata=md("回访", _opt_interval))
    follow_up_duty: Basis = attrs.field(
        default=cite(MEDIATION_LAW, "第三十一条"),
        metadata=md("履行监督", check_instance(Basis, "a Basis")),
    )


#: One month to mediate (2002 rules), 30 days to apply for confirmation, no follow-up period.
DEFAULT_MEDIATION_POLICY = MediationPolicy()
