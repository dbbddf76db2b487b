"""``shequ report``: one self-contained HTML page of a dataset on a day, for the people
the results are for (:mod:`shequ_core.report`)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from shequ_core.cli._output import Out
from shequ_core.cli._time import time_notice
from shequ_core.errors import ShequError

__all__ = ["add_report", "cmd_report"]


def add_report(sub: Any, parents: Sequence[argparse.ArgumentParser], date: Any) -> None:
    """The ``report`` subcommand's options: those of ``scorecard``, and ``-o``."""
    r = sub.add_parser(
        "report",
        parents=list(parents),
        help="one HTML page: summary, scorecard, visits, backlog, findings",
        description=(
            "Write one self-contained HTML page (no network; printable on A4) of the "
            "dataset on --as-of: the summary, the scorecard with a chart per measure, the "
            "must-visit list, the backlog and the findings with their basis. Personal "
            "data is masked. Needs the report extra (pip install 'shequ-core[report]')."
        ),
    )
    r.add_argument("path")
    r.add_argument("--as-of", type=date, required=True)
    r.add_argument("-o", "--out", required=True, metavar="FILE", help="the HTML file to write")
    r.add_argument(
        "--policy",
        action="append",
        metavar="PROFILE",
        help=(
            "national (default), seed, or a TOML/JSON profile file (committee numbers, "
            "visits, scoring), as for scorecard; repeat to combine"
        ),
    )


def cmd_report(args: argparse.Namespace, out: Out, policies: dict[str, Any], cal: Any) -> int:
    """Write the page; 0 when written, 2 (with the calendar's line) when requests were
    left unjudged, as ``shequ sla`` does."""
    from shequ_core.io import load_dataset
    from shequ_core.report import write_report

    if args.out == "-":
        raise ShequError("-o -: the report is a file of its own; give its path")

    ds = load_dataset(args.path)
    report = write_report(
        args.out,
        ds,
        as_of=args.as_of,
        calendar=cal,
        lang=out.lang,
        article=_article(ds),
        **policies,
    )
    out.data("written", args.out)
    out.data("unjudged", report.unjudged)
    out.data("provisional", report.provisional)
    out.line(out.zh(f"已写入报告 {args.out}", f"wrote the report to {args.out}"))
    return time_notice(report.unjudged, report.provisional, cal, out)


def _article(ds: Any) -> Any:
    """The seed article's figures, for the sample banner (its communities by id and
    name) and nothing else."""
    from shequ_core.datasets import ARTICLE_FIGURES, load_chayouqianqi

    def communities(d: Any) -> list[tuple[str, str]]:
        return [(c.id, c.name) for c in d.communities]

    return ARTICLE_FIGURES if communities(ds) == communities(load_chayouqianqi()) else None
