"""The report as one HTML page: the Jinja2 template of the package, the charts inlined.

Autoescape is on, and every value the template prints goes through the one masker
(:func:`~shequ_core.text.mask_personal`) once more on its way out (the environment's
``finalize``); only the charts, which matplotlib wrote from masked labels, are inserted
as markup.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from shequ_core.report._charts import ALARM, CALM, FONTS, WARN, bars_chart, measure_chart
from shequ_core.report._content import Report
from shequ_core.text import mask_personal

__all__ = ["LABELS", "to_html"]

#: Every fixed text of the page, in Chinese and English.
LABELS: dict[str, tuple[str, str]] = {
    "title": ("社区治理工作报告", "Community governance report"),
    "as_of": ("统计日期", "as of"),
    "policy": ("标准", "policy"),
    "masked": (
        "个人信息已脱敏：身份证号、电话号码只显示部分数字；居民以编号列出，不列姓名。",
        "Personal data masked: identity and phone numbers show only some digits; "
        "residents are listed by id, never by name.",
    ),
    "contents": ("目录", "Contents"),
    "s_summary": ("一、全旗概况", "1. The banner at a glance"),
    "s_scorecard": ("二、三有四化 · 六园一港评分", "2. Scorecard"),
    "s_visits": ("三、四个必访：应走访名单", "3. Must-visit list"),
    "s_backlog": ("四、限时办结与零积压", "4. Time limits and backlog"),
    "s_findings": ("五、检查发现（按严重程度）", "5. Findings by severity"),
    "s_time": ("六、预计与无法判定的工单", "6. Requests judged on estimated days or not judged"),
    "figure": ("指标", "figure"),
    "value": ("本数据", "this data"),
    "article": ("原文（2017年底）", "article (end of 2017)"),
    "card_note": (
        "各项0–100分；全旗得分为各社区得分的均值。“–”表示数据或标准不足以评分。",
        "Each measure scores 0–100; the banner's score is the mean of its communities'. "
        "'–' means the data or the policy cannot give a score.",
    ),
    "mean": ("全旗均值", "banner mean"),
    "no_score": ("无得分", "no score"),
    "not_scored": ("无法评分", "not scored"),
    "charts": ("分项图", "One chart per measure"),
    "group": ("对象类别", "group"),
    "overdue": ("已逾期", "overdue"),
    "today": ("今日到期", "due today"),
    "soon": ("即将到期", "due soon"),
    "total": ("合计", "total"),
    "within": ("{n}天内应访", "due within {n} days"),
    "resident": ("居民编号", "resident id"),
    "community": ("社区", "community"),
    "grid": ("网格", "grid"),
    "reasons": ("事由", "reasons"),
    "risk": ("风险", "risk"),
    "due_on": ("应访日期", "due on"),
    "last_visit": ("上次走访", "last visit"),
    "days_overdue": ("逾期天数", "days overdue"),
    "by_group": ("按对象类别与紧急程度", "By group and urgency"),
    "by_community": ("按社区", "By community"),
    "visit_list": ("名单（逾期最久者在前）", "The list, most overdue first"),
    "by_stage": ("在办工单（按阶段与社区）", "Open requests by stage and community"),
    "oldest": ("超期时间最长的工单", "The oldest breaches"),
    "request": ("工单", "request"),
    "received": ("受理", "received"),
    "due": ("期限", "due"),
    "over": ("已超", "over by"),
    "unit": ("单位", "unit"),
    "zero_backlog": ("零积压：无超期未办结工单。", "Zero backlog: nothing is overdue."),
    "rule": ("规则", "rule"),
    "subject": ("对象", "subject"),
    "finding": ("发现", "finding"),
    "basis": ("依据", "basis"),
    "clause": ("条款", "article"),
    "force": ("效力", "force"),
    "none_found": ("无。", "None."),
    "info_note": ("提示类发现（达标或数据不足）", "Notes (figures met, or data missing)"),
    "unjudged": ("无法判定", "not judged"),
    "provisional": ("按预计日期判定", "judged on estimated days"),
    "unjudged_note": (
        "这些工单的期限超出日历覆盖的年份，未计入上面的积压与按期率。"
        "运行 shequ report --provisional 可按预计日期判定。",
        "These requests need days past the calendar's years and are in none of the "
        "figures above; shequ report --provisional judges them on estimated days.",
    ),
    "provisional_note": (
        "这些工单的期限依据尚未公布的放假安排推算（只计法定节假日，不含调休）。",
        "Their deadlines rest on holidays not yet announced (statutory days only, no "
        "make-up days).",
    ),
    "more": ("另有 {n} 条未列出", "and {n} more not listed"),
    "footer": (
        "由 shequ_core 生成；评分方法与规则依据见文档。",
        "Made by shequ_core; the scoring method and each rule's basis are in its docs.",
    ),
}


#: The colours of the backlog's stages (running, paused, breached).
STAGE_COLOURS = (CALM, WARN, ALARM)


def _finalize(value: Any) -> Any:
    """What the template prints: markup as it is, any other text masked."""
    if isinstance(value, Markup):
        return value
    return mask_personal(value) if isinstance(value, str) else value


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("shequ_core.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def to_html(report: Report) -> str:
    """The page of ``report``."""
    i = 0 if report.lang == "zh" else 1
    t = {key: pair[i] for key, pair in LABELS.items()}
    charts = {
        m.key: Markup(
            measure_chart(
                m,
                title=f"{m.label}（{m.group}）" if i == 0 else f"{m.label} ({m.group})",
                mean_label=t["mean"],
                none_label=t["no_score"],
            )
        )
        for m in report.measures
        if any(score is not None for _, score in m.scores)
    }
    urgencies = ((t["overdue"], ALARM), (t["today"], WARN), (t["soon"], CALM))
    visits = Markup(
        bars_chart(
            "chart-visits",
            t["by_group"],
            [name for name, _ in report.visit_groups],
            [
                (label, colour, [counts[k] for _, counts in report.visit_groups])
                for k, (label, colour) in enumerate(urgencies)
            ],
        )
    )
    backlog = Markup(
        bars_chart(
            "chart-backlog",
            t["by_stage"],
            [name for name, _ in report.backlog_rows],
            [
                (stage, colour, [counts[k] for _, counts in report.backlog_rows])
                for k, (stage, colour) in enumerate(zip(report.stages, STAGE_COLOURS, strict=True))
            ],
        )
    )
    template = _environment().get_template("report.html.j2")
    return template.render(
        r=report,
        t=t,
        charts=charts,
        visits_chart=visits,
        backlog_chart=backlog,
        fonts=Markup(", ".join(f"'{f}'" for f in FONTS) + ", sans-serif"),
    )
