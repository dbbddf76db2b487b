"""``shequ import``: an office's roster (花名册) into a dataset file, and its bad rows
into a workbook to fix in Excel."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Literal, cast

import attrs

from shequ_core.cli._output import Out, problem_row
from shequ_core.errors import ShequError, ValidationError

Format = Literal["json", "jsonl", "csv", "xlsx"]

__all__ = ["add_import", "cmd_import"]

_SUFFIX_FORMAT = {".json": "json", ".jsonl": "jsonl", ".xlsx": "xlsx"}


def add_import(sub: Any, date: Any) -> None:
    """The ``import`` subcommand's options: ``--to`` is OUT's format, as for ``export``;
    ``--format`` is what the command prints, as for every subcommand."""
    lang = argparse.ArgumentParser(add_help=False)
    lang.add_argument("--lang", choices=("zh", "en"), default=None, help="labels and messages")
    i = sub.add_parser(
        "import",
        parents=[lang],
        help="a resident roster (花名册, .csv or .xlsx) into a dataset",
        description=(
            "Read a flat resident roster (one row a person; GB18030 or UTF-8 CSV, or "
            ".xlsx) into a dataset of one community with its households, grids and "
            "attentions. The good rows are written to OUT even when some rows have "
            "problems (exit 1); --report writes those rows to a workbook with a 问题 "
            "column, to fix in Excel and import again. OUT holds personal data in full."
        ),
    )
    i.add_argument("roster")
    i.add_argument("--community-id", required=True)
    i.add_argument("--community-name", required=True)
    i.add_argument("--town", default="未填写", help="the community's town or 街道 (所属镇/街道)")
    i.add_argument(
        "--as-of", type=date, required=True, help="when attentions start, lacking a date"
    )
    i.add_argument("-o", "--out", required=True, help="the dataset file (or CSV folder) to write")
    i.add_argument(
        "--to",
        choices=("json", "jsonl", "csv", "xlsx"),
        default=None,
        help="OUT's format (default: by its suffix, a CSV folder without one)",
    )
    i.add_argument("--report", metavar="PROBLEMS.xlsx", help="the rows with problems, to fix")
    i.add_argument("--sheet", help="the workbook's sheet (default: the first)")
    i.add_argument("--encoding", help="the CSV file's encoding (default: UTF-8 or GB18030, told)")
    i.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output format"
    )


def cmd_import(args: argparse.Namespace, out: Out) -> int:
    from shequ_core.entities import Community, CommunityKind
    from shequ_core.io import import_roster, save_dataset

    if args.report is not None and Path(args.report).suffix.lower() != ".xlsx":
        raise ShequError(f"--report names an .xlsx file, not {Path(args.report).name!r}")
    community = Community(
        id=args.community_id,
        name=args.community_name,
        town=args.town,
        kind=CommunityKind.ORDINARY,
        households=0,
        residents=0,
    )
    try:
        result = import_roster(
            args.roster,
            community=community,
            as_of=args.as_of,
            sheet=args.sheet,
            encoding=args.encoding,
            errors="collect",
            report=args.report,
            report_lang=out.lang,
        )
    except ValidationError as e:  # not a roster at all: nothing to import, nothing written
        first = e.problems[0] if e.problems else ""
        more = f" (and {len(e.problems) - 1} more)" if len(e.problems) > 1 else ""
        raise ShequError(f"cannot import {args.roster}: {first}{more}") from None
    ds = result.dataset
    community = attrs.evolve(community, households=len(ds.households), residents=len(ds.residents))
    ds = attrs.evolve(ds, communities=(community,))
    fmt = args.to or _SUFFIX_FORMAT.get(Path(args.out).suffix.lower(), "csv")
    save_dataset(ds, args.out, format=cast(Format, fmt))
    by_title = dict(result.headers)
    for p in result.problems:
        where = f"{p.file}:{p.line}" if p.line else str(p.file)
        out.line(f"{where}: {_text(p, by_title, out.lang)}")
    counts = ds.counts()
    out.data("written", args.out)
    out.data("counts", counts)
    keys = ("where", "code", "message", "message_zh", "column")
    out.data("problems", [dict(zip(keys, problem_row(p), strict=True)) for p in result.problems])
    out.data("notices", len(result.notices))
    out.line(
        out.zh(
            f"已导入 {counts['residents']} 人、{counts['households']} 户、{counts['grids']} 个网格"
            f"到 {args.out}；{len(result.problems)} 个问题，{len(result.notices)} 条提示",
            f"imported {counts['residents']} residents, {counts['households']} households, "
            f"{counts['grids']} grids into {args.out}; {len(result.problems)} problem(s), "
            f"{len(result.notices)} notice(s)",
        )
    )
    return 1 if result.problems else 0


def _text(problem: Any, by_title: dict[str, str], lang: str) -> str:
    """A problem's column by its header in the roster, and its message in Chinese where
    the problem has one (``message_zh``)."""
    message = problem.message
    if lang == "zh":
        message = getattr(problem, "message_zh", None) or message
    if not problem.loc:
        return str(message)
    head = str(problem.loc[0])
    return f"{by_title.get(head, head)}{problem.path.removeprefix(head)}: {message}"
