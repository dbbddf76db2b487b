"""DataFrames of the rules' results: one row per community, request, visit or finding.

:func:`shequ_core.extra.pandas.to_frame` calls :func:`result_frame` for a result
object (a :class:`Scorecard`, a :class:`BacklogReport`, :class:`Findings`, a
:class:`BannerSummary`, any other frozen attrs result) and :func:`records_frame` for a
list of result records (``DueVisit``, ``SlaStatus``, ``Finding``, ``Coverage``...).

The columns follow from the result's class, so a result class added later gets its
frame with no code here:

* one column per field, named after it (``snake_case``), in field order; a nested
  record is spread over columns prefixed with its field's name (``deadline_due_on``);
* ``int`` is ``int64``, ``float``, ``Decimal`` and ``Fraction`` are ``float64``,
  ``bool`` is ``bool``; where the field may be None the nullable dtype (``Int64``,
  ``Float64``, ``boolean``) holds ``<NA>``; dates are ``datetime64[ns]`` at midnight;
* an enum is its code, with its label in a ``<field>_label`` column beside it
  (Chinese, or English with ``lang="en"``); a tuple of enums is its codes joined by
  ``,`` and its labels joined by ``、``; a tuple of texts (ids) is joined by ``,``; a
  tuple of records is counted (``<field>_count``);
* text is masked (:func:`~shequ_core.text.mask_personal`) unless ``reveal=True``;
* ``lang="zh"`` renames the headers only: to the field's Chinese label (its ``md``
  metadata), or the one of :data:`HEADERS_ZH`, or, where neither has one, its name.

A few results have a layout of their own (see :func:`result_frame`).
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from shequ_core.entities import Basis, LabelledEnum
from shequ_core.extra import _tabulate as tab
from shequ_core.rules import Finding, Findings, Severity, format_figure
from shequ_core.rules.assessment import (
    CommunityScore,
    Dimension,
    Scorecard,
    SevenZeros,
)
from shequ_core.rules.hotline import CommunityRates, HotlineRates, Rate
from shequ_core.rules.mediation import CommunityResolution, ResolutionRates
from shequ_core.rules.sla import (
    OPEN_STAGES,
    BacklogReport,
    SlaStage,
    UnjudgedRequest,
    report_from_statuses,
)
from shequ_core.text import Lang

#: Chinese headers of result fields that carry no ``md`` label of their own.
HEADERS_ZH: Mapping[str, str] = {
    "community_id": "社区编号",
    "name": "社区",
    "request_id": "工单编号",
    "item_id": "事项编号",
    "resident_id": "居民编号",
    "household_id": "户编号",
    "grid_id": "网格编号",
    "staff_id": "工作人员编号",
    "subject_id": "对象编号",
    "received_on": "受理日期",
    "as_of": "统计日期",
    "stage": "办理阶段",
    "due_on": "到期日",
    "elapsed_fraction": "已用时限比例",
    "remaining": "剩余时限",
    "warning": "预警点",
    "closed_on": "办结日期",
    "provisional": "预计期限",
    "deadline": "期限",
    "start": "起算日",
    "limit": "时限",
    "pauses": "中止",
    "extensions": "延期",
    "rolled_from": "顺延前到期日",
    "roll_forward": "节假日顺延",
    "confirmed_through": "放假安排已公布至",
    "reasons": "走访原因",
    "last_visited_on": "上次走访日期",
    "overdue_days": "超期天数",
    "risk": "风险等级",
    "priority": "优先级",
    "kind": "类别",
    "visited": "已走访",
    "in_scope": "应走访",
    "rule": "规则",
    "severity": "级别",
    "message": "说明",
    "actual": "实际",
    "required": "要求",
    "basis": "依据",
    "year": "年份",
    "reason": "原因",
    "backlog": "积压",
    "complaints": "投诉",
    "fees_charged": "收费(元)",
    "late_completions": "超期办结",
    "completed": "办结",
    "on_time_share": "按期率",
    "on_time_percent": "按期率%",
    "unjudged": "无法判定",
    "findings": "发现",
    "violations": "违反规定",
    "open": "在办合计",
    "completed_in_period": "期内办结",
    "met_in_period": "期内按期办结",
}


@attrs.frozen
class Options:
    lang: Lang | None
    reveal: bool

    @property
    def label_lang(self) -> Lang:
        return "en" if self.lang == "en" else "zh"

    def text(self, value: Any) -> Any:
        """A text, identity or phone number as its cell: masked unless revealed."""
        return tab.to_cell(value, None, self.reveal)


@attrs.frozen
class Col:
    """One column: its name, its Chinese header, its cell of a row, its dtype."""

    name: str
    zh: str
    cell: Callable[[Any, Options], Any]
    dtype: str


Getter = Callable[[Any], Any]


def _path(parent: Getter, name: str) -> Getter:
    def get(record: Any) -> Any:
        owner = parent(record)
        return None if owner is None else getattr(owner, name)

    return get


def _itself(record: Any) -> Any:
    return record


def header_zh(field: attrs.Attribute[Any]) -> str:
    label = field.metadata.get("label_zh")
    if isinstance(label, str):
        return label
    return HEADERS_ZH.get(field.name, field.name)


def columns(
    cls: type,
    *,
    get: Getter = _itself,
    prefix: str = "",
    zh_prefix: str = "",
    replace: Mapping[str, Sequence[Col]] | None = None,
    nullable: bool = False,
) -> list[Col]:
    """The columns of a result class, in field order (see the module's docstring).

    ``replace`` maps a field's name to the columns that stand in its place (none: left
    out); ``nullable`` says the record itself may be missing (a field ``X | None``).
    """
    hints = tab.type_hints(cls)
    out: list[Col] = []
    for a in attrs.fields(cls):
        if replace is not None and a.name in replace:
            out.extend(replace[a.name])
            continue
        raw = hints.get(a.name)
        tp = tab.strip_none(raw)
        out.extend(
            value_columns(
                tp,
                nullable or tp is not raw,
                prefix + a.name,
                zh_prefix + header_zh(a),
                _path(get, a.name),
            )
        )
    return out


def value_columns(tp: Any, nullable: bool, name: str, zh: str, get: Getter) -> list[Col]:
    """The columns one value of type ``tp`` takes (two for an enum, several for a record;
    a :class:`~shequ_core.rules.hotline.Rate` its counts and the rate as a float)."""
    if tp is Rate:
        counts = columns(Rate, get=get, prefix=name + "_", zh_prefix=zh + "·", nullable=nullable)
        return [*counts, Col(name + "_rate", zh, _rate_cell(get), "Float64")]
    if isinstance(tp, type) and attrs.has(tp):
        return columns(tp, get=get, prefix=name + "_", zh_prefix=zh + "·", nullable=nullable)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_columns(name, zh, get)
    if typing.get_origin(tp) is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return _tuple_columns(args[0], nullable, name, zh, get)
    return [Col(name, zh, _scalar_cell(get), _dtype(tp, nullable))]


def _rate_cell(get: Getter) -> Callable[[Any, Options], Any]:
    def cell(record: Any, o: Options) -> Any:
        rate = get(record)
        value = None if rate is None else rate.value
        return None if value is None else float(value)

    return cell


def _dtype(tp: Any, nullable: bool) -> str:
    if tp is bool:
        return "boolean" if nullable else "bool"
    if tp is int:
        return "Int64" if nullable else "int64"
    if tp in (float, Decimal, Fraction):
        return "Float64" if nullable else "float64"
    if tp is dt.date:
        return "date"
    return "object"


def _scalar_cell(get: Getter) -> Callable[[Any, Options], Any]:
    def cell(record: Any, o: Options) -> Any:
        return tab.to_cell(get(record), None, o.reveal)

    return cell


def _enum_columns(name: str, zh: str, get: Getter) -> list[Col]:
    def code(record: Any, o: Options) -> Any:
        value = get(record)
        return None if value is None else value.value

    def label(record: Any, o: Options) -> Any:
        value = get(record)
        return None if value is None else enum_label(value, o.label_lang)

    return [Col(name, zh, code, "object"), Col(name + "_label", zh + "名称", label, "object")]


def enum_label(value: enum.Enum, lang: Lang) -> str:
    return value.label(lang) if isinstance(value, LabelledEnum) else str(value.value)


def _tuple_columns(item: Any, nullable: bool, name: str, zh: str, get: Getter) -> list[Col]:
    if isinstance(item, type) and attrs.has(item):

        def count(record: Any, o: Options) -> Any:
            value = get(record)
            return None if value is None else len(value)

        return [Col(name + "_count", zh + "数", count, "Int64" if nullable else "int64")]
    if isinstance(item, type) and issubclass(item, enum.Enum):

        def codes(record: Any, o: Options) -> Any:
            value = get(record)
            return None if value is None else ",".join(v.value for v in value)

        def labels(record: Any, o: Options) -> Any:
            value = get(record)
            return None if value is None else "、".join(enum_label(v, o.label_lang) for v in value)

        return [Col(name, zh, codes, "object"), Col(name + "_label", zh + "名称", labels, "object")]
    if item is str:

        def joined(record: Any, o: Options) -> Any:
            value = get(record)
            return None if value is None else ",".join(o.text(v) for v in value)

        return [Col(name, zh, joined, "object")]
    return [Col(name, zh, _scalar_cell(get), "object")]


# -- frames ----------------------------------------------------------------------------


def build(
    pd: Any, cols: Sequence[Col], rows: Iterable[Any], o: Options, attrs_: Mapping[str, Any]
) -> Any:
    """The DataFrame of ``rows`` with ``cols``, headers in ``o.lang``, ``attrs_`` attached."""
    rows = list(rows)
    headers = _headers(cols, o.lang)
    data = {
        h: _series(pd, [c.cell(r, o) for r in rows], c.dtype)
        for h, c in zip(headers, cols, strict=True)
    }
    frame = pd.DataFrame(data, columns=headers)
    frame.attrs.update(attrs_)
    return frame


def plain_row(cols: Sequence[Col], record: Any, o: Options) -> dict[str, Any]:
    """One row as a dict of plain Python values (None where missing), headers in ``o.lang``."""
    return dict(zip(_headers(cols, o.lang), (c.cell(record, o) for c in cols), strict=True))


def _headers(cols: Sequence[Col], lang: Lang | None) -> list[str]:
    if lang != "zh":
        return [c.name for c in cols]
    out: list[str] = []
    for c in cols:  # two fields with one Chinese label keep both, told apart by name
        out.append(c.zh if c.zh not in out else f"{c.zh}({c.name})")
    return out


def _series(pd: Any, cells: list[Any], dtype: str) -> Any:
    if dtype == "date":
        return pd.Series(pd.to_datetime(pd.Series(cells, dtype=object)), dtype="datetime64[ns]")
    if dtype in ("Int64", "Float64", "boolean"):
        return pd.Series(pd.array(cells, dtype=dtype))
    if dtype == "object":
        series = pd.Series([None] * len(cells), dtype=object)
        for i, cell in enumerate(cells):  # a tuple stays one cell
            series.iat[i] = cell
        return series
    return pd.Series(cells, dtype=dtype)


def records_frame(
    pd: Any, records: Sequence[Any], cls: type, o: Options, exclude: Iterable[str] = ()
) -> Any:
    """One row per result record of ``cls``."""
    replace: dict[str, Sequence[Col]] = {**_LAYOUTS.get(cls, {}), **dict.fromkeys(exclude, ())}
    return build(pd, columns(cls, replace=replace), records, o, {})


def result_frame(pd: Any, result: Any, o: Options) -> Any:
    """The frame of one result object, or None when ``result`` is none (a list, say).

    * :class:`Scorecard`: one row per community: the fourteen dimensions' scores
      (``Int64``, named by the dimensions' codes), the seven zeros, and the counts of
      findings and violations; the banner's row is in ``frame.attrs["total"]``;
    * :class:`BacklogReport`: one row per community: its open requests by stage, the
      requests completed in the period and on time; the report's figures in
      ``frame.attrs["total"]``;
    * :class:`Findings`: one row per finding;
    * :class:`~shequ_core.rules.hotline.HotlineRates` and
      :class:`~shequ_core.rules.mediation.ResolutionRates`: one row per community, each
      rate as its counts and a float (``response_rate``...), the total in
      ``frame.attrs["total"]``;
    * any other attrs result (:class:`BannerSummary`): one row of its fields.
    """
    if isinstance(result, Scorecard):
        cols = _scorecard_columns()
        meta = {"as_of": result.as_of, "policy_name": result.policy_name}
        meta["total"] = plain_row(cols, result.banner, o)
        return build(pd, cols, result.communities.values(), o, meta)
    if isinstance(result, BacklogReport):
        return _backlog_frame(pd, result, o)
    if isinstance(result, Findings):
        return records_frame(pd, result.items, Finding, o)
    if isinstance(result, (HotlineRates, ResolutionRates)):
        row = CommunityRates if isinstance(result, HotlineRates) else CommunityResolution
        cols = columns(row)
        info: dict[str, Any] = {"start": result.start, "end": result.end, "as_of": result.as_of}
        if isinstance(result, HotlineRates):
            info |= {"profile": result.profile, "total": plain_row(cols, result.total, o)}
        else:  # the banner's rate alone: a row with no community
            total = CommunityResolution(community_id=None, rate=result.total)
            info["total"] = plain_row(cols, total, o)
        return build(pd, cols, result.communities, o, info)
    if attrs.has(type(result)) and not isinstance(result, Iterable):
        return records_frame(pd, [result], type(result), o)
    return None


# -- the layouts of their own ----------------------------------------------------------


def _figure_columns(name: str) -> list[Col]:
    def text(finding: Any, o: Options) -> Any:
        value = getattr(finding, name)
        return None if value is None else o.text(format_figure(value))

    def number(finding: Any, o: Options) -> Any:
        value = getattr(finding, name)
        if isinstance(value, (int, Decimal, Fraction)) and not isinstance(value, bool):
            return float(value)
        return None

    zh = HEADERS_ZH[name]
    return [Col(name, zh, text, "object"), Col(f"{name}_value", zh + "数值", number, "Float64")]


def _basis_text(finding: Any, o: Options) -> Any:
    return str(finding.basis)


def _year(u: Any, o: Options) -> Any:
    return u.year


def _reason(u: Any, o: Options) -> Any:
    return u.reason(o.label_lang)


_LAYOUTS: dict[type, dict[str, Sequence[Col]]] = {
    Finding: {
        "actual": _figure_columns("actual"),
        "required": _figure_columns("required"),
        "basis": [
            Col("basis", "依据", _basis_text, "object"),
            *columns(Basis, get=_path(_itself, "basis"), prefix="basis_", zh_prefix="依据·"),
        ],
    },
    UnjudgedRequest: {
        "error": [Col("year", "年份", _year, "int64"), Col("reason", "原因", _reason, "object")]
    },
}


def _scorecard_columns() -> list[Col]:
    def dimension(d: Dimension) -> Col:
        return Col(d.value, d.label("zh"), lambda c, o: c.dimensions[d].score, "Int64")

    def count(severity: Severity | None) -> Callable[[Any, Options], Any]:
        def cell(c: CommunityScore, o: Options) -> int:
            return sum(1 for f in c.findings if severity is None or f.severity is severity)

        return cell

    return [
        Col("community_id", "社区编号", _scalar_cell(lambda c: c.community_id), "object"),
        Col("name", "社区", _scalar_cell(lambda c: c.name), "object"),
        *(dimension(d) for d in Dimension),
        *columns(SevenZeros, get=_path(_itself, "seven_zeros")),
        Col("on_time_percent", "按期率%", lambda c, o: c.seven_zeros.on_time_percent, "Int64"),
        Col("findings", "发现", count(None), "int64"),
        Col("violations", "违反规定", count(Severity.VIOLATION), "int64"),
    ]


def _backlog_frame(pd: Any, report: BacklogReport, o: Options) -> Any:
    """One row per community of ``report.by_community``: each community's own report."""
    statuses: dict[str, list[Any]] = {cid: [] for cid in report.by_community}
    unjudged: dict[str, list[UnjudgedRequest]] = {cid: [] for cid in report.by_community}
    for s in report.statuses:
        statuses[s.community_id].append(s)
    for u in report.unjudged:
        unjudged[u.community_id].append(u)
    rows = [
        (
            cid,
            report_from_statuses(
                tuple(statuses[cid]),
                as_of=report.as_of,
                period=report.period,
                communities=(cid,),
                unjudged=unjudged[cid],
            ),
        )
        for cid in report.by_community
    ]
    cols = _backlog_columns()
    meta = {
        "as_of": report.as_of,
        "period": report.period,
        "total": plain_row(cols, (None, report), o),
    }
    return build(pd, cols, rows, o, meta)


def _backlog_columns() -> list[Col]:
    def stage(s: SlaStage) -> Col:
        return Col(s.value, s.label("zh"), lambda row, o: row[1].by_stage.get(s, 0), "int64")

    def figure(name: str, dtype: str, get: Callable[[BacklogReport], Any]) -> Col:
        return Col(name, HEADERS_ZH[name], lambda row, o: get(row[1]), dtype)

    return [
        Col("community_id", "社区编号", _scalar_cell(lambda row: row[0]), "object"),
        *(stage(s) for s in OPEN_STAGES),
        figure("open", "int64", lambda r: len(r.open_requests)),
        figure("completed_in_period", "int64", lambda r: r.completed_in_period),
        figure("met_in_period", "int64", lambda r: r.met_in_period),
        figure("on_time_share", "Float64", lambda r: r.on_time_share),
        figure("unjudged", "int64", lambda r: len(r.unjudged)),
        figure("provisional", "int64", lambda r: r.provisional),
    ]


__all__ = ["HEADERS_ZH", "Options", "records_frame", "result_frame"]
