"""The banner's figures as the seed article reports them: :class:`BannerSummary`.

The definitions (who counts as what, when a dispute is resolved) are in the package's
docstring, :mod:`shequ_core.rules.assessment`.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Any

import attrs

from shequ_core.entities import Dataset, DisputeCase, Employment, RequestStatus, StaffRole, TeamKind
from shequ_core.rules._views import as_frame
from shequ_core.rules.staffing import age_on
from shequ_core.text import Lang, format_table

__all__ = ["BannerSummary", "resolved_by", "round_half_up", "summary"]


def _label(zh: str, en: str) -> dict[str, str]:
    return {"label_zh": zh, "label_en": en}


@attrs.frozen(kw_only=True)
class BannerSummary:
    """The figures a banner (旗) or district reports for its community system on ``as_of``.

    ``secretary_mean_age`` is None when no secretary or deputy has a birth date, and
    ``college_share`` (a fraction from 0 to 1) when there is no secretary or deputy:
    a figure of nobody is not zero.
    """

    as_of: dt.date = attrs.field(metadata=_label("统计日期", "as of"))
    communities: int = attrs.field(metadata=_label("社区数", "communities"))
    staff_total: int = attrs.field(metadata=_label("社区工作人员", "staff in communities"))
    community_workers: int = attrs.field(metadata=_label("社区工作者", "community workers"))
    two_committee_members: int = attrs.field(
        metadata=_label("法定两委成员", "statutory two-committee members")
    )
    seconded_staff: int = attrs.field(metadata=_label("机关事业单位下派", "seconded staff"))
    public_welfare_posts: int = attrs.field(metadata=_label("公益性岗位", "public-welfare posts"))
    graduates_placed: int = attrs.field(metadata=_label("选聘大学生", "graduates placed"))
    secretaries_recruited_openly: int = attrs.field(
        metadata=_label("公开选拔书记", "secretaries recruited openly")
    )
    secretary_mean_age: int | None = attrs.field(
        metadata=_label("书记副书记平均年龄", "secretaries' and deputies' mean age")
    )
    college_share: float | None = attrs.field(
        metadata=_label("大专以上学历占比", "share with junior college or more")
    )
    mediation_committees: int = attrs.field(metadata=_label("调解委员会", "mediation committees"))
    disputes_resolved: int = attrs.field(metadata=_label("化解矛盾纠纷", "disputes resolved"))
    requests_completed: int = attrs.field(
        metadata=_label("办结服务事项", "service requests completed")
    )
    volunteers: int = attrs.field(metadata=_label("志愿者", "volunteers"))
    teams: int = attrs.field(metadata=_label("队伍", "teams"))

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready data: the date in ISO form, the rest as they are."""
        out = attrs.asdict(self)
        out["as_of"] = self.as_of.isoformat()
        return out

    def rows(self, lang: str = "zh") -> list[tuple[str, str]]:
        """``(label, value)`` pairs in field order, the share as a percentage."""
        key = "label_zh" if lang == "zh" else "label_en"
        out = []
        for a in attrs.fields(type(self)):
            value = getattr(self, a.name)
            if value is None:
                text = "-"
            elif a.name == "college_share":
                text = f"{value:.0%}"
            else:  # the date too: str() of a date is its ISO form
                text = str(value)
            out.append((a.metadata[key], text))
        return out

    def table(self, lang: str = "zh") -> str:
        """A two-column text table, with Chinese (``"zh"``) or English (``"en"``) labels."""
        title = "社区建设概况" if lang == "zh" else "Community system at a glance"
        head = ("指标", "数值") if lang == "zh" else ("figure", "value")
        return format_table(head, self.rows(lang), title=title)

    def __str__(self) -> str:
        return self.table()

    def to_frame(self, *, lang: Lang | None = None, reveal: bool = False) -> Any:
        """This result as a pandas DataFrame (the ``pandas`` extra): see
        :func:`shequ_core.extra.pandas.to_frame` for its columns."""
        return as_frame(self, lang=lang, reveal=reveal)


def round_half_up(x: Fraction) -> int:
    """``x`` rounded to a whole number, halves up (36.5 gives 37), exactly."""
    return math.floor(x + Fraction(1, 2))


def resolved_by(case: DisputeCase, as_of: dt.date) -> bool:
    """Whether ``case`` reached an agreement (达成协议) on or before ``as_of``."""
    on = case.resolved_on()
    return on is not None and on <= as_of


def summary(dataset: Dataset, *, as_of: dt.date) -> BannerSummary:
    """The banner's figures on ``as_of``, as the seed article reports them.

    Reads nothing but its arguments; the definitions are in the module's docstring. On
    the sample banner (:func:`shequ_core.datasets.load_chayouqianqi`) with
    ``as_of=date(2017, 12, 31)`` it gives the article's figures.
    """
    staff = dataset.staff
    employment = [s.employment for s in staff]
    secretaries = [s for s in staff if s.is_secretary]
    ages = [
        age_on(s.birth_date, as_of)
        for s in secretaries
        if s.birth_date is not None and s.birth_date <= as_of
    ]
    college = sum(1 for s in secretaries if s.education is not None and s.education.is_college)
    return BannerSummary(
        as_of=as_of,
        communities=len(dataset.communities),
        staff_total=len(staff),
        community_workers=sum(1 for s in staff if s.is_community_worker),
        two_committee_members=employment.count(Employment.TWO_COMMITTEES),
        seconded_staff=employment.count(Employment.SECONDED),
        public_welfare_posts=employment.count(Employment.PUBLIC_WELFARE),
        graduates_placed=sum(1 for s in staff if s.is_graduate_placement),
        secretaries_recruited_openly=sum(
            1 for s in staff if StaffRole.PARTY_SECRETARY in s.roles and s.recruited_openly
        ),
        secretary_mean_age=round_half_up(Fraction(sum(ages), len(ages))) if ages else None,
        college_share=college / len(secretaries) if secretaries else None,
        mediation_committees=sum(1 for t in dataset.teams if t.kind is TeamKind.MEDIATION),
        disputes_resolved=sum(1 for c in dataset.dispute_cases if resolved_by(c, as_of)),
        requests_completed=sum(
            1
            for r in dataset.service_requests
            if r.status is RequestStatus.COMPLETED
            and r.completed_on is not None
            and r.completed_on <= as_of
        ),
        volunteers=len(dataset.volunteers),
        teams=len(dataset.teams),
    )
