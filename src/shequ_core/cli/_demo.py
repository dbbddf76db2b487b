"""What ``shequ demo`` (and ``make demo``) shows: the sample banner, end to end.

Everything comes from data shipped inside the package; nothing is read from the
network or the working directory.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from shequ_core.cli._output import Out, key_of, visit_headers, visit_keys, visit_rows
from shequ_core.datasets import ARTICLE_FIGURES

__all__ = ["run_demo"]

_LABELS = {
    "communities": ("社区", "communities"),
    "staff_total": ("社区工作人员", "people working in communities"),
    "community_workers": ("社区工作者", "community workers"),
    "two_committee_members": ("法定两委成员", "two-committee members"),
    "seconded_staff": ("机关事业单位下派", "seconded from agencies"),
    "public_welfare_posts": ("公益性岗位", "public-welfare posts"),
    "graduates_placed": ("选聘大学生", "graduates placed"),
    "secretaries_recruited_openly": ("公开选拔书记", "secretaries recruited openly"),
    "secretary_mean_age": ("书记副书记平均年龄", "secretaries' mean age"),
    "college_share": ("大专以上学历占比", "share with college degree"),
    "mediation_committees": ("调解委员会", "mediation committees"),
    "disputes_resolved": ("化解矛盾纠纷", "disputes resolved"),
    "requests_completed": ("办结服务事项", "service requests completed"),
}


def _fmt(value: Any) -> Any:
    return f"{value:.0%}" if isinstance(value, float) and value < 1 else value


def run_demo(out: Out, *, as_of: dt.date, calendar: Any = None) -> tuple[int, int]:
    """Print the banner's summary, scorecard, must-visit list, backlog, one deadline, the
    wire format, the committees whose terms end next, and the 12345 three rates with the
    化解率.

    ``calendar`` judges the deadlines (the national one by default). Returns how many
    requests could not be judged and how many were judged on estimated days.
    """
    from shequ_core.calendar import china_calendar
    from shequ_core.datasets import load_chayouqianqi
    from shequ_core.rules.assessment import summary
    from shequ_core.rules.sla import backlog, judge_request
    from shequ_core.rules.visiting import must_visit

    cal = china_calendar() if calendar is None else calendar

    ds = load_chayouqianqi()
    z = out.zh
    out.line(z("察右前旗社区建设 · 示例数据（虚构人员）", "Chahar Right Front Banner sample data"))
    out.line(z(f"统计日期 {as_of}；{len(ds)} 条记录", f"as of {as_of}; {len(ds)} records"))
    out.line()
    out.data("as_of", as_of.isoformat())
    out.data("records", len(ds))

    # 1. The banner in the article's figures.
    s = summary(ds, as_of=as_of)
    rows = []
    for key, article in ARTICLE_FIGURES.items():
        zh, en = _LABELS[key]
        if out.fmt == "table":
            rows.append((z(zh, en), _fmt(getattr(s, key)), _fmt(article)))
        else:  # stable codes and plain numbers for programs
            rows.append((key, getattr(s, key), article))
    out.table(
        z("一、全旗概况（与原文对照）", "1. The banner, against the article"),
        [z("指标", "figure"), z("示例数据", "sample"), z("原文", "article")],
        rows,
        key="summary",
        keys=["figure", "sample", "article"],
    )

    # 2. The scorecard.
    from shequ_core.policy import seed_policy
    from shequ_core.rules.assessment import scorecard

    card = scorecard(ds, as_of=as_of, policy=seed_policy(as_of), calendar=cal)
    headers, card_rows = card.table_rows(lang=out.lang)
    keys = [key_of(h) for h in card.table_rows(lang="en")[0]]
    title = z("二、三有四化 · 六园一港评分", "2. Scorecard")
    out.table(title, headers, card_rows, key="scorecard", keys=keys)

    # 3. Who must be visited.
    due = must_visit(ds, as_of=as_of, horizon_days=7)
    overdue = sum(1 for d in due if d.overdue_days > 0)
    out.table(
        z(
            f"三、四个必访：7 天内应走访 {len(due)} 人，其中逾期 {overdue} 人（前 10 名）",
            f"3. Must-visit list: {len(due)} due within 7 days, {overdue} overdue (first 10)",
        ),
        visit_headers(out),
        visit_rows(due[:10], out),
        key="must_visit",
        keys=visit_keys,
    )
    out.data("must_visit_due", len(due))
    out.data("must_visit_overdue", overdue)

    # 4. Backlog (零积压) and one request's deadline, explained.
    report = backlog(ds, as_of=as_of, calendar=cal)
    out.line(z("四、限时办结与零积压", "4. Time limits and backlog"))
    out.line(report.summary(lang=out.lang))
    out.line()
    items = {i.id: i for i in ds.service_items}
    example = _example_request(ds, as_of)
    status = judge_request(example, items[example.item_id], as_of=as_of, calendar=cal)
    out.line(z(f"工单 {example.id} 的期限：", f"How request {example.id}'s deadline was reached:"))
    out.line(status.explain(lang=out.lang))
    out.line()

    # 5. The wire format and a refused record.
    from shequ_core.errors import ValidationError
    from shequ_core.serialization import from_json, to_json

    resident = next(r for r in ds.residents if r.id_number is not None)
    text = to_json(resident, redact=True)
    out.line(z("五、JSON（个人信息已脱敏）", "5. JSON, personal data redacted"))
    out.line(text)
    same = from_json(to_json(resident), type(resident)) == resident
    out.line(z(f"往返无损：{same}", f"lossless round trip: {same}"))
    try:
        from_json('{"id": "", "name": "新区社区", "town": "土贵乌拉镇", '
                  '"kind": "showcase", "households": -1, "residents": 10}',
                  type(ds.communities[0]))  # fmt: skip
    except ValidationError as e:
        out.line(z("无效记录被拒绝：", "An invalid record is refused:"))
        out.line(str(e))
    out.line()
    _terms(ds, out, as_of)
    unjudged, provisional = len(report.unjudged), report.provisional

    # 7. The three rates (三率) and the 化解率, since the records begin (the article's
    # 67 disputes are counted since 平安家园 began).
    from shequ_core.cli._rates import show_rates
    from shequ_core.policy import NATIONAL_2020

    out.line()
    out.line(z("七、12345 三率与人民调解化解率", "7. The 12345 rates and mediation"))
    received = [c.received_on for c in ds.dispute_cases]
    start = min([*received, *(r.received_on for r in ds.service_requests), as_of])
    u, p = show_rates(ds, out, start=start, end=as_of, as_of=as_of, profile=NATIONAL_2020, cal=cal)
    return unjudged + u, provisional + p


def _terms(ds: Any, out: Out, as_of: dt.date) -> None:
    """6. Which committees' terms run out next (the sample's election days are
    illustrative, dated to the article's era), soonest first."""
    from shequ_core.cli._elections import TERM_KEYS, term_headers, term_rows
    from shequ_core.policy import national_policy
    from shequ_core.rules.elections import term_findings

    policy = national_policy(as_of)
    due = term_findings(ds, as_of=as_of, policy=policy)
    rows = term_rows(ds.communities, due, out, as_of=as_of, policy=policy)
    title = out.zh(
        f"六、居委会换届：{len(due)} 个居委会任期半年内届满或已届满（前 5 名）",
        f"6. Committee elections: {len(due)} terms end within half a year or have ended (first 5)",
    )
    out.table(title, term_headers(out), rows[:5], key="terms", keys=TERM_KEYS)
    out.data("elections_due", len(due))


def _example_request(ds: Any, as_of: dt.date) -> Any:
    """A request worth explaining: still open on ``as_of`` with a pause or an extension
    (the most telling history), else any request received by then."""
    from shequ_core.entities import RequestEventKind

    telling = {RequestEventKind.SUSPENDED, RequestEventKind.EXTENDED}
    received = [r for r in ds.service_requests if r.received_on <= as_of]
    for r in received:
        if r.completed_on is None and any(e.kind in telling and e.on <= as_of for e in r.events):
            return r
    return next((r for r in received if r.events), received[0])
