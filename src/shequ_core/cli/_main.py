"""The ``shequ`` command: the library's jobs on the sample banner or on your own files.

Exit codes, as ruff's and mypy's: 0 nothing found; 1 the input was read and the answer
holds findings (invalid records, visits due, deadlines breached, rule violations); 2 the
command could not do its job (a usage error, a missing or unreadable file, a file that
is not JSON or CSV at all, a bad option value, a calendar that cannot judge the day).
Errors are one clear line on stderr, never a traceback. Personal data is masked in
every output; only `export` writes it in full, unless given --redact.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import locale
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from shequ_core.cli._elections import add_elections, cmd_elections
from shequ_core.cli._import import add_import, cmd_import
from shequ_core.cli._output import (
    Out,
    Unusable,
    invalid_data,
    key_of,
    problem_row,
    usable,
    visit_headers,
    visit_keys,
    visit_rows,
)
from shequ_core.cli._rates import add_rates, cmd_rates
from shequ_core.cli._report import add_report, cmd_report
from shequ_core.cli._time import show_calendar, time_notice
from shequ_core.errors import ShequError, ValidationError
from shequ_core.text import Lang, mask_personal, printable

__all__ = ["main"]

#: The banner's own date: the article reports the figures at the end of 2017.
SAMPLE_AS_OF = dt.date(2017, 12, 31)


class Usage(Exception):
    """A usage error: one line on stderr and exit code 2."""


#: The days ``--as-of`` accepts: the data of a community, not the calendar's edges.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
#: The longest ``--horizon``: ten years ahead.
MAX_HORIZON = 3660
#: Problems that mean a file could not be read as a dataset at all (when they are about
#: the file, not a field of a record).
UNREADABLE = frozenset({"malformed_json", "invalid_file", "unsupported_version"})


def _unreadable(problems: Sequence[Any]) -> bool:
    return bool(problems) and all(p.code in UNREADABLE and not p.loc for p in problems)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 2, without the usage dump."""

    def error(self, message: str) -> NoReturn:
        raise Usage(message)


def _date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        # Never echoed in full: a personal number typed here by mistake stays masked.
        msg = f"not a date (YYYY-MM-DD): {mask_personal(text)!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        msg = f"{day} is not between {FIRST_DAY} and {LAST_DAY}"
        raise argparse.ArgumentTypeError(msg)
    return day


def _horizon(text: str) -> int:
    """``--horizon``, checked when the options are read, before any file is loaded."""
    try:
        days = int(text)
    except ValueError:
        msg = f"not a whole number of days: {mask_personal(text)[:20]!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if not 0 <= days <= MAX_HORIZON:
        msg = f"must be 0 to {MAX_HORIZON} days"
        raise argparse.ArgumentTypeError(msg)
    return days


def _default_lang() -> Lang:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    loc = locale.getlocale()[0] or ""
    return "zh" if loc.lower().startswith("zh") else "en"


def _parser() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument("--lang", choices=("zh", "en"), default=None, help="labels and messages")
    common.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output format"
    )
    # The calendar of every subcommand that judges time limits.
    timing = _Parser(add_help=False)
    timing.add_argument(
        "--provisional",
        action="store_true",
        help="judge days past the last official holiday notice on estimated days, marked so",
    )
    timing.add_argument(
        "--notices",
        action="append",
        metavar="FILE",
        help="a State Council holiday notice (TOML) the calendar does not carry yet; repeatable",
    )
    p = _Parser(
        prog="shequ",
        description=__doc__.split("\n")[0],
        epilog=(
            "exit codes: 0 nothing found; 1 the input was read and holds findings (invalid "
            "records, visits due, deadlines breached, rule violations); 2 the command could "
            "not do its job (usage error, missing or unreadable file, bad option value, a "
            "calendar that cannot judge the day or requests left unjudged without "
            "--provisional). --format json prints one JSON document "
            "with stable snake_case keys; --format csv heads its columns with the same keys. "
            "Identity and phone numbers are masked in every output but export's."
        ),
    )
    p.add_argument("--version", action="store_true", help="print the version and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    add_import(sub, _date)
    add_report(sub, [common, timing], _date)
    add_elections(sub, [common], _date, _horizon)
    add_rates(sub, _date, [common, timing])

    d = sub.add_parser("demo", parents=[common, timing], help="the sample banner, scored")
    d.add_argument("--as-of", type=_date, default=SAMPLE_AS_OF, help="date (default 2017-12-31)")

    v = sub.add_parser("validate", parents=[common], help="check a dataset file or folder")
    v.add_argument("path")

    # Visits count natural days: the calendar options are accepted, so that one set of
    # options works for every subcommand, and change nothing here.
    w = sub.add_parser("visits", parents=[common, timing], help="the must-visit list")
    w.add_argument("path")
    w.add_argument("--as-of", type=_date, required=True)
    w.add_argument(
        "--horizon",
        type=_horizon,
        default=0,
        help=f"also list visits due within N days (0-{MAX_HORIZON})",
    )
    w.add_argument("--policy", metavar="FILE", help="a visiting policy profile (TOML or JSON)")

    s = sub.add_parser(
        "sla", parents=[common, timing], help="deadlines and backlog of service requests"
    )
    s.add_argument("path")
    s.add_argument("--as-of", type=_date, required=True)
    s.add_argument("--policy", metavar="FILE", help="a service-hall policy profile (TOML or JSON)")

    c = sub.add_parser("scorecard", parents=[common, timing], help="三有四化 / 六园一港 scorecard")
    c.add_argument("path")
    c.add_argument("--as-of", type=_date, required=True)
    c.add_argument(
        "--policy",
        action="append",
        metavar="PROFILE",
        help=(
            "national (default), seed (察右前旗's local standards), or a TOML/JSON profile "
            "file of any kind (committee numbers, visits, scoring); repeat to combine"
        ),
    )

    k = sub.add_parser(
        "calendar",
        parents=[common, timing],
        help="a year's holidays and make-up working days, and the confirmed years",
    )
    k.add_argument("--year", type=int, help="the year (default: the last confirmed one)")

    e = sub.add_parser(
        "export",
        parents=[common],
        help="convert a dataset between formats (writes FULL personal data unless --redact)",
        description=(
            "Convert a dataset between formats. The copy holds every identity and phone "
            "number and date of birth in full, as the input does: give --redact for a copy "
            "to share (any format), which masks them and keeps the year of birth only and "
            "does not load back. OUT '-' is standard output (json and jsonl)."
        ),
    )
    e.add_argument("path")
    e.add_argument("--to", choices=("json", "jsonl", "csv", "xlsx"), required=True, dest="to")
    e.add_argument("out")
    e.add_argument(
        "--redact",
        action="store_true",
        help="mask personal data for sharing (the copy does not load back)",
    )
    return p


def _load(path: str) -> Any:
    from shequ_core.io import load_dataset

    return load_dataset(path)


# -- subcommands -----------------------------------------------------------------------


def _cmd_validate(args: argparse.Namespace, out: Out) -> int:
    from shequ_core.io import load_dataset

    result = load_dataset(args.path, errors="collect")
    counts = result.dataset.counts()
    rows = [(name, n) for name, n in counts.items() if n]
    if not len(result.dataset) and _unreadable(result.problems):
        # Nothing could be read as a dataset at all: not a finding but a failure.
        raise ValidationError(result.problems)
    if out.fmt == "json":
        out.data("valid", not result.problems)
        out.data("records", len(result.dataset))
        out.data("counts", counts)
    if out.fmt == "table":
        out.table(out.zh("有效记录", "valid records"), [out.zh("集合", "collection"), "n"], rows)
        for problem in result.problems:
            out.line(problem.render(out.lang))
        verdict = out.zh(
            f"{len(result.problems)} 个问题", f"{len(result.problems)} problem(s) found"
        )
        out.line(verdict if result.problems else out.zh("数据有效", "valid"))
    else:
        out.table(
            "problems",
            ["where", "code", "problem", "问题", "column"],
            [problem_row(p) for p in result.problems],
            key="problems",
            keys=["where", "code", "message", "message_zh", "column"],
        )
    return 1 if result.problems else 0


def _cmd_visits(args: argparse.Namespace, out: Out) -> int:
    from shequ_core.policy import DEFAULT_VISIT_POLICY, VisitPolicy
    from shequ_core.rules.visiting import must_visit

    policy = _policy_file(args.policy, VisitPolicy, DEFAULT_VISIT_POLICY)
    ds = _load(args.path)
    due = must_visit(ds, as_of=args.as_of, policy=policy, horizon_days=args.horizon)
    title = out.zh(f"{args.as_of} 应走访 {len(due)} 人", f"{len(due)} due on {args.as_of}")
    out.table(title, visit_headers(out), visit_rows(due, out), keys=visit_keys)
    return 1 if due else 0


def _calendar(args: argparse.Namespace) -> Any:
    """The calendar of ``--provisional`` and ``--notices``."""
    from shequ_core.calendar import china_calendar

    return usable(
        china_calendar,
        option="--notices",
        provisional=args.provisional,
        notices=args.notices or (),
    )


def _sla_rows(
    ds: Any, as_of: dt.date, out: Out, policy: Any, cal: Any
) -> tuple[list[tuple[Any, ...]], int, list[Any], int]:
    """One row per request received by ``as_of``, what needs attention first (its last
    cell: whether its deadline rests on estimated days); how many are breached; the
    requests not judged; and how many were judged on estimated days."""
    from shequ_core.rules.sla import SlaStatus, judge_request

    items = {i.id: i for i in ds.service_items}
    rows = []
    breached = provisional = 0
    unjudged = []
    for req in ds.service_requests:
        if req.received_on > as_of:
            continue
        st = judge_request(req, items[req.item_id], as_of=as_of, calendar=cal, policy=policy)
        due, remaining = "", None
        if isinstance(st, SlaStatus):
            breached += st.stage.value == "breached"
            provisional += st.provisional
            due, remaining = st.due_on.isoformat(), st.remaining
            if st.provisional and out.fmt == "table":
                due += out.zh(" 预计", " est.")
        else:
            unjudged.append(st)
        rows.append(
            (
                _STAGE_ORDER.get(st.stage.value, 9),
                req.id,
                req.community_id,
                items[req.item_id].name,
                req.received_on.isoformat(),
                due,
                st.stage.label(out.lang) if out.fmt == "table" else st.stage.value,
                remaining,
                isinstance(st, SlaStatus) and st.provisional,
            )
        )
    rows.sort(key=lambda r: (r[0], r[5], r[1]))  # stage, due date, id
    return [r[1:] for r in rows], breached, unjudged, provisional


#: The order ``shequ sla`` lists requests in: what needs attention first.
_STAGE_ORDER = {
    "breached": 0,
    "unjudged": 1,
    "paused": 2,
    "running": 3,
    "met_late": 4,
    "met": 5,
    "cancelled": 6,
}


def _cmd_sla(args: argparse.Namespace, out: Out) -> int:
    from shequ_core.policy import DEFAULT_SLA_POLICY, SlaPolicy

    policy = _policy_file(args.policy, SlaPolicy, DEFAULT_SLA_POLICY)
    cal = _calendar(args)
    ds = _load(args.path)
    rows, breached, unjudged, provisional = _sla_rows(ds, args.as_of, out, policy, cal)
    headers = [
        out.zh("工单", "request"),
        out.zh("社区", "community"),
        out.zh("事项", "item"),
        out.zh("受理", "received"),
        out.zh("期限", "due"),
        out.zh("状态", "stage"),
        out.zh("剩余", "remaining"),
    ]
    keys = ["request_id", "community_id", "item", "received_on", "due_on", "stage", "remaining"]
    if out.fmt == "table":  # the table marks an estimated due date itself ("预计", "est.")
        rows = [r[:-1] for r in rows]
    else:  # JSON and CSV say it in a key of its own
        keys.append("provisional")
    title = out.zh(f"{args.as_of} 办理时限", f"deadlines on {args.as_of}")
    out.table(title, headers, rows, keys=keys)
    incomplete = time_notice(len(unjudged), provisional, cal, out)
    return incomplete or (1 if breached else 0)


def _cmd_scorecard(args: argparse.Namespace, out: Out) -> int:
    from shequ_core.rules.assessment import scorecard

    policies = _scorecard_policies(args.policy or ["national"], args.as_of)
    cal = _calendar(args)
    ds = _load(args.path)
    card = scorecard(ds, as_of=args.as_of, calendar=cal, **policies)
    _print_scorecard(card, out)
    zeros = card.banner.seven_zeros
    incomplete = time_notice(zeros.unjudged, zeros.provisional, cal, out)
    return incomplete or (1 if card.has_violations else 0)


def _policy_file(path: str | None, cls: type[Any], default: Any) -> Any:
    """The policy of kind ``cls`` in the profile file ``path`` (``default`` without one).

    A visiting, scoring or service-hall profile is read whole, as :func:`dump_policy`
    writes it (fields it leaves out take their defaults): merged onto a default, a
    cadence the file removed would come back.
    """
    from shequ_core.policy import load_policy

    return default if path is None else usable(load_policy, path, cls)


def _scorecard_policies(names: Sequence[str], as_of: dt.date) -> dict[str, Any]:
    """The scorecard's policies from ``--policy`` values: ``national`` and ``seed`` name a
    profile of the day; a file holds a policy of any kind, a committee profile changing
    the numbers of the national one (or of ``seed``, when named before it), the other
    kinds read whole."""
    from shequ_core.policy import (
        DEFAULT_SCORING,
        DEFAULT_VISIT_POLICY,
        Policy,
        ScoringPolicy,
        VisitPolicy,
        load_policy,
        national_policy,
        policy_kind,
        seed_policy,
    )

    chosen: dict[str, Any] = {
        "policy": usable(national_policy, as_of),
        "visit_policy": DEFAULT_VISIT_POLICY,
        "scoring": DEFAULT_SCORING,
    }
    argument = {Policy: "policy", VisitPolicy: "visit_policy", ScoringPolicy: "scoring"}
    for name in names:
        if name in ("national", "seed"):
            profile = national_policy if name == "national" else seed_policy
            chosen["policy"] = usable(profile, as_of)
            continue
        kind = usable(policy_kind, name)
        if kind not in argument:
            msg = f"--policy {name}: a {kind.__name__} does not apply to the scorecard"
            raise Usage(msg)
        key = argument[kind]
        # A committee profile changes the numbers of the profile named before it.
        base = chosen[key] if kind is Policy else None
        chosen[key] = usable(load_policy, name, kind, base=base)
    return chosen


def _print_scorecard(card: Any, out: Out) -> None:
    headers, rows = card.table_rows(lang=out.lang)
    keys = [key_of(h) for h in card.table_rows(lang="en")[0]]
    out.table(out.zh("三有四化 · 六园一港", "Scorecard"), headers, rows, keys=keys)


def _cmd_export(args: argparse.Namespace, out: Out) -> int:
    from shequ_core.io import save_dataset

    to_stdout = args.out == "-"
    if to_stdout and args.to not in ("json", "jsonl"):
        raise Usage(f"--to {args.to} cannot go to standard output ('-'): give a path")
    ds = _load(args.path)
    save_dataset(ds, sys.stdout if to_stdout else args.out, format=args.to, redact=args.redact)
    if to_stdout:  # the data went to standard output: nothing more goes there
        return 0
    out.data("written", args.out)
    out.data("format", args.to)
    out.data("redacted", args.redact)
    out.data("records", len(ds))
    out.line(
        out.zh(f"已写入 {args.out}（{len(ds)} 条记录）", f"wrote {len(ds)} records to {args.out}")
    )
    return 0


def _cmd_demo(args: argparse.Namespace, out: Out) -> int:
    from shequ_core.cli._demo import run_demo

    cal = _calendar(args)
    unjudged, provisional = run_demo(out, as_of=args.as_of, calendar=cal)
    return time_notice(unjudged, provisional, cal, out)


def _cmd_calendar(args: argparse.Namespace, out: Out) -> int:
    return show_calendar(_calendar(args), args.year, out)


_COMMANDS: dict[str, Callable[[argparse.Namespace, Out], int]] = {
    "demo": _cmd_demo,
    "validate": _cmd_validate,
    "visits": _cmd_visits,
    "sla": _cmd_sla,
    "scorecard": _cmd_scorecard,
    "export": _cmd_export,
    "calendar": _cmd_calendar,
    "import": cmd_import,
    "report": lambda a, o: cmd_report(
        a, o, _scorecard_policies(a.policy or ["national"], a.as_of), _calendar(a)
    ),
    "elections": cmd_elections,
    "rates": lambda args, out: cmd_rates(args, out, _calendar(args)),
}


def _one_line(text: str) -> str:
    """An error as one line: a control character from an argument or a file name (a
    newline, say) is shown escaped, so the message stays the one line it promises, and
    a personal number in it is masked."""
    return printable(mask_personal(text))


def _fail(message: str, code: int) -> int:
    print(f"shequ: {_one_line(message)}", file=sys.stderr)
    return code


def _forgiving_streams() -> None:
    """An output that cannot encode a character (PYTHONIOENCODING=ascii) shows it as an
    escape rather than failing half-way through."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
        if not encoding.replace("_", "-").startswith("utf") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    parser = _parser()
    _forgiving_streams()
    lang: Lang = "en"
    try:
        args = parser.parse_args(argv)
        lang = getattr(args, "lang", None) or _default_lang()
        if sys.stdout is None:  # started with its standard output closed (shequ ... >&-)
            raise Unusable("standard output is closed")
        if args.version:
            from shequ_core._version import __version__

            print(f"shequ_core {__version__}")
            return 0
        if args.command is None:
            raise Usage(
                "missing COMMAND (import, demo, validate, visits, sla, scorecard, calendar, "
                "export, report, elections)"
            )
        out = Out(args.format, args.lang or _default_lang(), sys.stdout)
        code = _COMMANDS[args.command](args, out)
        out.finish()
        sys.stdout.flush()
        return code
    except Usage as e:
        print(f"shequ: usage error: {_one_line(str(e))} (see shequ --help)", file=sys.stderr)
        return 2
    except Unusable as e:
        return _fail(f"error: {e}", 2)
    except BrokenPipeError:
        # The reader went away (``shequ sla ... | head``): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except ValidationError as e:
        unreadable = _unreadable(e.problems)
        return _fail(invalid_data(e.problems, lang, unreadable=unreadable), 2 if unreadable else 1)
    except (ShequError, OSError) as e:  # OSError: a path that cannot be read or written
        return _fail(f"error: {e}", 2)
    except OverflowError as e:
        msg = f"error: a number or date of the input is too large to compute with ({e})"
        return _fail(msg, 2)
    except decimal.DecimalException:
        return _fail("error: an amount of the input is too large to compute with", 2)
    except RecursionError:
        return _fail("error: the input is nested too deeply to read", 2)
    except UnicodeEncodeError as e:
        bad = printable(e.object[e.start : e.end])
        return _fail(f"error: cannot write a text holding {bad} ({e.reason})", 2)
    except KeyboardInterrupt:
        print("shequ: interrupted", file=sys.stderr)
        return 130
