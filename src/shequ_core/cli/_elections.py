"""``shequ elections``: which committees' terms end next, the recorded elections checked,
and the statutory timeline of a community's next election, to print or open in Excel."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from shequ_core.cli._output import Out
from shequ_core.errors import ShequError, ValidationError

__all__ = ["STEP_KEYS", "TERM_KEYS", "add_elections", "cmd_elections", "term_headers", "term_rows"]

#: What ``--format json`` and ``csv`` head the committees' columns with.
TERM_KEYS = [
    "community_id",
    "community",
    "elected_on",
    "term_years",
    "term_ends_on",
    "days_left",
    "status",
    "basis",
]
STEP_KEYS = ["step", "first_day", "last_day", "unit", "article", "basis", "note"]
FINDING_KEYS = ["rule", "subject_id", "severity", "message", "basis"]


def add_elections(
    sub: Any,
    parents: Sequence[argparse.ArgumentParser],
    date: Callable[[str], dt.date],
    horizon: Callable[[str], int],
) -> None:
    """The ``elections`` subcommand's options."""
    e = sub.add_parser(
        "elections",
        parents=list(parents),
        help="committees' terms, recorded elections checked, and an election's timeline",
        description=(
            "List each residents' committee's term end (soonest first) with the elections "
            "due or overdue, and check the recorded elections (turnout, each candidate's "
            "result) under the law of their date. With --community, print the statutory "
            "timeline of that community's next election: on --day, or else on the day its "
            "term ends (--format csv gives the timeline alone, for Excel)."
        ),
    )
    e.add_argument("path", help="a dataset file or folder")
    e.add_argument("--as-of", type=date, required=True, help="the day the terms are judged on")
    e.add_argument(
        "--horizon",
        type=horizon,
        default=None,
        help="list terms ending within N days (default: the policy's, 180)",
    )
    e.add_argument("--community", metavar="ID", help="one community, with its election timeline")
    e.add_argument("--day", type=date, help="the election day to plan (default: the term's end)")
    e.add_argument("--policy", metavar="FILE", help="a committee-law profile (TOML or JSON)")


def _policy(path: str | None, as_of: dt.date) -> Any:
    from shequ_core.policy import Policy, load_policy, national_policy

    base = national_policy(as_of)
    if path is None:
        return base
    try:
        return load_policy(path, Policy, base=base)
    except ValidationError as e:  # a profile that cannot be used: the command cannot work
        raise ShequError(f"--policy {path}: {e}") from None


def term_rows(
    communities: Sequence[Any], findings: Sequence[Any], out: Out, *, as_of: dt.date, policy: Any
) -> list[Any]:
    """One row per committee, soonest term end first (unknown last): its last election,
    term, last day, days left, what is due and the article of the term."""
    from shequ_core.rules.elections import term_end

    status = {f.subject_id: f for f in findings}
    rows: list[tuple[Any, ...]] = []
    for c in communities:
        elected = c.committee_elected_on
        end = None
        if elected is not None:
            try:
                end = term_end(elected, policy=policy)
            except ValidationError:  # before the first law the library has, or past 9999
                end = None
        left = None if end is None else (end.ends_on - as_of).days
        state = _status(status.get(c.id), elected, left, out)
        rows.append(
            (
                c.id,
                c.name,
                elected,
                None if end is None else end.years,
                None if end is None else end.ends_on,
                left,
                state,
                None if end is None else str(end.basis),
            )
        )
    rows.sort(key=lambda r: (r[4] is None, r[4] or dt.date.max, r[0]))
    return rows


def _status(found: Any, elected: dt.date | None, left: int | None, out: Out) -> str:
    """What a committee's row says of its term: words in the table, a key in JSON and CSV
    (``in_term``, ``due``, ``overdue``, ``unknown``)."""
    table = out.fmt == "table"
    if found is None:
        if elected is None:
            return out.zh("未记录选举", "no election recorded") if table else "unknown"
        return out.zh("任期内", "in term") if table else "in_term"
    if left is None:  # elected before the first law the library has: its term is unknown
        return str(found.severity.label(out.lang)) if table else "unknown"
    if left < 0:
        return out.zh(f"逾期{-left}日", f"overdue {-left} days") if table else "overdue"
    return (
        out.zh(f"{left}日内届满，应换届", f"ends in {left} days: election due") if table else "due"
    )


def term_headers(out: Out) -> list[str]:
    """The committees' table's headers, in the output's language."""
    return [
        out.zh("社区编号", "community id"),
        out.zh("社区", "community"),
        out.zh("上次选举", "elected on"),
        out.zh("任期（年）", "term (years)"),
        out.zh("任期届满", "term ends"),
        out.zh("剩余天数", "days left"),
        out.zh("状态", "status"),
        out.zh("依据", "basis"),
    ]


def _finding_rows(findings: Sequence[Any], out: Out) -> list[tuple[Any, ...]]:
    return [
        (
            str(f.rule),
            f.subject_id,
            f.severity.label(out.lang) if out.fmt == "table" else f.severity.value,
            f.message,
            str(f.basis),
        )
        for f in findings
    ]


def _election_day(community: Any, args: argparse.Namespace, policy: Any) -> dt.date:
    """The day to plan: ``--day``, or else the day the committee's term ends."""
    from shequ_core.rules.elections import term_end

    if args.day is not None:
        day: dt.date = args.day
        return day
    if community.committee_elected_on is None:
        msg = f"community {community.id!r} has no election recorded: give --day"
        raise ShequError(msg)
    return term_end(community.committee_elected_on, policy=policy).ends_on


def _timeline(ds: Any, community: Any, day: dt.date, out: Out, as_of: dt.date, policy: Any) -> None:
    """The statutory steps of the community's election on ``day``, as a table to print."""
    from shequ_core.calendar import china_calendar
    from shequ_core.rules.elections import election_timeline

    held = [e for e in ds.elections if e.community_id == community.id and e.held_on <= as_of]
    kind = max(held, key=lambda e: e.held_on).kind if held else None
    steps = election_timeline(day, policy=policy, calendar=china_calendar(), kind=kind)
    rows = [
        (
            s.name_zh if out.lang == "zh" else s.name,
            s.first_day,
            s.last_day,
            None
            if s.unit is None
            else (s.unit.label(out.lang) if out.fmt == "table" else s.unit.value),
            s.article,
            str(s.basis),
            s.note_zh if out.lang == "zh" else s.note,
        )
        for s in steps
    ]
    how = kind.label(out.lang) if kind is not None else out.zh("各种方式", "any mode")
    title = out.zh(
        f"{community.name}（{community.id}）{day} 选举的法定时间表（{how}）",
        f"{community.name} ({community.id}): the statutory timeline of an election on {day} "
        f"({how})",
    )
    headers = [
        out.zh("步骤", "step"),
        out.zh("最早", "first day"),
        out.zh("最迟", "last day"),
        out.zh("计日", "counted in"),
        out.zh("条款", "article"),
        out.zh("依据", "basis"),
        out.zh("说明", "note"),
    ]
    out.data("election_day", day.isoformat())
    out.table(title, headers, rows, key="timeline", keys=STEP_KEYS)


def cmd_elections(args: argparse.Namespace, out: Out) -> int:
    """``shequ elections``: exit 1 when a term ends within the horizon or has ended, or a
    recorded election falls short of the law of its date; else 0."""
    from shequ_core.io import load_dataset
    from shequ_core.rules import RuleId, Severity, check_dataset
    from shequ_core.rules.elections import term_findings

    policy = _policy(args.policy, args.as_of)
    ds = load_dataset(args.path)
    wanted = {c.id for c in ds.communities}
    if args.community is not None:
        if args.community not in wanted:
            msg = f"no community {args.community!r} in {args.path}"
            raise ShequError(msg)
        wanted = {args.community}
    terms = [
        f
        for f in term_findings(
            ds, as_of=args.as_of, policy=policy, horizon_days=args.horizon, lang=out.lang
        )
        if f.subject_id in wanted
    ]
    where = {e.id: e.community_id for e in ds.elections}
    checks = [RuleId.ELECTIONS_VALIDITY, RuleId.ELECTIONS_CANDIDATES, RuleId.ELECTIONS_RESULTS]
    held = [
        f
        for f in check_dataset(ds, as_of=args.as_of, policy=policy, lang=out.lang, rules=checks)
        if where.get(f.subject_id) in wanted
    ]
    communities = [c for c in ds.communities if c.id in wanted]
    day = None if args.community is None else _election_day(communities[0], args, policy)
    out.data("as_of", args.as_of.isoformat())
    rows = term_rows(communities, terms, out, as_of=args.as_of, policy=policy)
    csv_timeline = out.fmt == "csv" and args.community is not None
    if not csv_timeline:
        title = out.zh(
            f"{args.as_of} 各居委会任期（按届满先后）",
            f"committees' terms on {args.as_of}, soonest end first",
        )
        out.table(title, term_headers(out), rows, key="committees", keys=TERM_KEYS)
        if (held and out.fmt == "table") or out.fmt == "json":  # csv: one table, for Excel
            out.table(
                out.zh("选举记录核查", "recorded elections checked"),
                [
                    out.zh("规则", "rule"),
                    out.zh("对象", "subject"),
                    out.zh("程度", "severity"),
                    out.zh("说明", "message"),
                    out.zh("依据", "basis"),
                ],
                _finding_rows(held, out),
                key="findings",
                keys=FINDING_KEYS,
            )
    if day is not None:
        _timeline(ds, communities[0], day, out, args.as_of, policy)
    serious = [f for f in held if f.severity is not Severity.INFO]
    return 1 if terms or serious else 0
