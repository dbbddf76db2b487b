"""What the scorecard gives: the dimensions, their scores, the seven zeros, the scorecard.

:class:`Scorecard` shows itself as a text table and, in Jupyter, as HTML.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from shequ_core.entities import LabelledEnum
from shequ_core.frozenmap import FrozenMap
from shequ_core.rules._findings import Findings, Severity, pick
from shequ_core.rules._views import as_frame, plotted
from shequ_core.rules.assessment._summary import round_half_up
from shequ_core.text import Lang, format_table

__all__ = ["CommunityScore", "Dimension", "DimensionScore", "Scorecard", "SevenZeros"]


class Dimension(LabelledEnum):
    """One dimension of the scorecard: the seven of 三有四化, then the seven of 六园一港."""

    HAS_PEOPLE = "has_people", "有人管事"
    HAS_MONEY = "has_money", "有钱办事"
    HAS_VENUE = "has_venue", "有场所议事"
    REGIONAL_PARTY_BUILDING = "regional_party_building", "区域化党建"
    GRID_MANAGEMENT = "grid_management", "网格化管理"
    FINE_GRAINED_SERVICE = "fine_grained_service", "精细化服务"
    INFORMATION_SUPPORT = "information_support", "信息化支撑"
    SUNSHINE = "sunshine", "阳光家园"
    CARING = "caring", "爱心家园"
    HEALTH_LEISURE = "health_leisure", "康乐家园"
    LEARNING = "learning", "学习家园"
    FLOATING_POPULATION = "floating_population", "温馨家园"
    SAFETY = "safety", "平安家园"
    PARTY_HARBOUR = "party_harbour", "红色港湾"

    @property
    def group(self) -> str:
        """``"三有四化"`` (the management model) or ``"六园一港"`` (the service goals)."""
        return "三有四化" if self in _MANAGEMENT_MODEL else "六园一港"


_MANAGEMENT_MODEL = frozenset(
    {
        Dimension.HAS_PEOPLE,
        Dimension.HAS_MONEY,
        Dimension.HAS_VENUE,
        Dimension.REGIONAL_PARTY_BUILDING,
        Dimension.GRID_MANAGEMENT,
        Dimension.FINE_GRAINED_SERVICE,
        Dimension.INFORMATION_SUPPORT,
    }
)


@attrs.frozen(kw_only=True)
class DimensionScore:
    """A dimension's score (0–100, None when the data or the policy cannot say), and why.

    ``findings`` are those the score rests on, ``explanation`` the formula with its
    figures (``100 − 25×1 − 10×2 = 55``).
    """

    dimension: Dimension
    score: int | None
    findings: Findings
    explanation: str


@attrs.frozen(kw_only=True)
class SevenZeros:
    """The seven-zeros (七零) figures of the service hall on ``as_of``.

    ``backlog`` counts open requests past their deadline (零积压); ``complaints`` the
    requests received in the period with a complaint (零投诉); ``fees_charged`` sums the
    item fees of the requests completed in the period (零收费); ``late_completions``
    counts those completed after their deadline, of ``completed``; ``on_time_share`` is
    the rest's share, None when none was completed. ``unjudged`` counts the requests
    received by ``as_of`` whose deadline the calendar cannot compute: they are in no
    other figure but ``complaints`` and ``fees_charged``, which need no calendar.
    ``provisional`` counts the judged requests whose standing rests on estimated
    calendar days (a provisional calendar past its last notice: ``SlaStatus.provisional``).
    """

    backlog: int
    complaints: int
    fees_charged: Decimal
    late_completions: int
    completed: int
    on_time_share: float | None
    unjudged: int
    # Out of the repr, so that the golden files of the scorecard stay as they were.
    provisional: int = attrs.field(default=0, repr=False)

    @property
    def on_time_percent(self) -> int | None:
        """The on-time share in whole per cent, rounded half up."""
        if self.on_time_share is None:
            return None
        met = self.completed - self.late_completions
        return round_half_up(Fraction(100 * met, self.completed))


def _frozen_map(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return FrozenMap(value)


@attrs.frozen(kw_only=True)
class CommunityScore:
    """The fourteen dimensions and the seven zeros of one community, or of the banner.

    ``community_id`` is None for the banner.
    """

    community_id: str | None
    name: str
    dimensions: Mapping[Dimension, DimensionScore] = attrs.field(converter=_frozen_map, hash=False)
    seven_zeros: SevenZeros

    def __getitem__(self, dimension: Dimension) -> DimensionScore:
        return self.dimensions[dimension]

    def score(self, dimension: Dimension) -> int | None:
        """The score of one dimension."""
        return self.dimensions[dimension].score

    @property
    def findings(self) -> Findings:
        """Every finding of the dimensions, each once, in dimension order."""
        items = [f for d in self.dimensions.values() for f in d.findings]
        lang = next(iter(self.dimensions.values())).findings.lang if self.dimensions else "zh"
        return Findings(dict.fromkeys(items), lang)


_SEVEN_ZEROS_HEADERS = {
    "zh": ("积压", "投诉", "收费(元)", "超期办结", "按期率%"),
    "en": ("backlog", "complaints", "fees (CNY)", "late", "on time %"),
}


@attrs.frozen(kw_only=True)
class Scorecard:
    """The 三有四化 / 六园一港 scorecard of a banner on ``as_of``: see :func:`scorecard`.

    ``communities`` maps each community id to its :class:`CommunityScore`, in dataset
    order; ``banner`` holds the means; ``findings`` every finding once.
    """

    as_of: dt.date
    policy_name: str
    lang: Lang
    communities: Mapping[str, CommunityScore] = attrs.field(converter=_frozen_map, hash=False)
    banner: CommunityScore
    findings: Findings

    @property
    def has_violations(self) -> bool:
        """Whether a finding says a statutory number is not met."""
        return any(f.severity is Severity.VIOLATION for f in self.findings)

    def table_rows(self, lang: Lang | None = None) -> tuple[list[str], list[list[object]]]:
        """``(headers, rows)``: one row per community, then the banner's.

        Columns: id, name, the fourteen dimensions' scores (None where there is none),
        then backlog, complaints, fees, late completions and the on-time percentage.
        ``lang`` (``"zh"`` or ``"en"``) defaults to the scorecard's.
        """
        lang = self.lang if lang is None else lang
        key: Lang = "zh" if lang == "zh" else "en"
        headers = [
            pick(key, "编号", "id"),
            pick(key, "社区", "community"),
            *(d.label(key) for d in Dimension),
            *_SEVEN_ZEROS_HEADERS[key],
        ]
        rows = [_row(c, key) for c in (*self.communities.values(), self.banner)]
        return headers, rows

    def table(self, lang: Lang | None = None) -> str:
        """The scorecard as a text table (see :meth:`table_rows`)."""
        lang = self.lang if lang is None else lang
        headers, rows = self.table_rows(lang)
        title = pick(
            "zh" if lang == "zh" else "en",
            f"三有四化 · 六园一港评分（{self.as_of.isoformat()}，{self.policy_name}）",
            f"Scorecard on {self.as_of.isoformat()} ({self.policy_name} policy)",
        )
        return format_table(headers, rows, title=title)

    def __str__(self) -> str:
        return self.table()

    def _repr_html_(self) -> str:
        headers, rows = self.table_rows()
        head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape('-' if v is None else str(v))}</td>" for v in row)
            + "</tr>"
            for row in rows
        )
        caption = html.escape(
            pick(
                self.lang,
                f"三有四化 · 六园一港评分（{self.as_of.isoformat()}）：{len(self.findings)}条发现",
                f"Scorecard on {self.as_of.isoformat()}: {len(self.findings)} findings",
            )
        )
        return (
            f'<table class="shequ-scorecard"><caption>{caption}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    def to_frame(self, *, lang: Lang | None = None, reveal: bool = False) -> Any:
        """This result as a pandas DataFrame (the ``pandas`` extra): see
        :func:`shequ_core.extra.pandas.to_frame` for its columns."""
        return as_frame(self, lang=lang, reveal=reveal)

    def plot(self, **options: Any) -> Any:
        """Draw this scorecard (the ``plot`` extra):
        :func:`shequ_core.extra.plots.plot_scorecard` with ``options``."""
        return plotted("plot_scorecard", self, options)


def _row(c: CommunityScore, lang: Lang) -> list[object]:
    z = c.seven_zeros
    banner = c.community_id is None
    return [
        "" if c.community_id is None else c.community_id,
        pick(lang, "全旗", "banner") if banner else c.name,
        *(c.dimensions[d].score for d in Dimension),
        z.backlog,
        z.complaints,
        z.fees_charged,
        z.late_completions,
        z.on_time_percent,
    ]
