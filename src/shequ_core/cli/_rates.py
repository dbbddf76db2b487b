"""``shequ rates``: a dataset's 12345 three rates (三率) per community under a profile,
and its mediation 化解率; the same tables ``shequ demo`` shows for the sample banner."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from shequ_core.cli._output import Out, usable
from shequ_core.cli._time import time_notice

__all__ = ["add_rates", "cmd_rates", "show_rates"]

_RATES = ("response", "resolution", "satisfaction")


def add_rates(sub: Any, date: Any, parents: list[Any]) -> None:
    """The ``rates`` subcommand's options."""
    r = sub.add_parser(
        "rates",
        parents=parents,
        help="12345 response, resolution and satisfaction rates (三率), and the 化解率",
        description=(
            "The three rates of the work orders received from --start to --end, per "
            "community and in total, as known on --as-of, under a 12345 profile (a "
            "shipped one by name, or a TOML/JSON profile file of kind 'hotline'); "
            "and the mediation 化解率 of the cases received in the same period."
        ),
    )
    r.add_argument("path")
    r.add_argument("--as-of", type=date, required=True)
    r.add_argument("--start", type=date, required=True)
    r.add_argument("--end", type=date, required=True)
    r.add_argument(
        "--profile",
        default="national-2020",
        help="national-2020 (default), beijing-2021, jinan-2018, weifang-2021, or a file",
    )


def _profile(value: str) -> Any:
    """A shipped profile by name, or a profile file; one refused is a bad option value."""
    from shequ_core.errors import ShequError
    from shequ_core.policy import HOTLINE_PROFILES, HotlineProfile, load_policy

    if value in HOTLINE_PROFILES:
        return HOTLINE_PROFILES[value]
    if Path(value).suffix.lower() in (".toml", ".json"):
        return usable(load_policy, value, HotlineProfile, option="--profile")
    names = ", ".join(HOTLINE_PROFILES)
    raise ShequError(f"--profile {value!r} is neither a profile ({names}) nor a .toml/.json file")


def _cell(rate: Any, out: Out) -> Any:
    if out.fmt == "table":
        return str(rate)
    return None if rate.value is None else float(rate.value)


def show_rates(
    ds: Any, out: Out, *, start: dt.date, end: dt.date, as_of: dt.date, profile: Any, cal: Any
) -> tuple[int, int]:
    """Print the three rates and the 化解率; returns the orders not judged and those
    judged on estimated days."""
    from shequ_core.rules.hotline import hotline_rates
    from shequ_core.rules.mediation import resolution_rate

    z = out.zh
    r = hotline_rates(ds, start=start, end=end, as_of=as_of, policy=profile, calendar=cal)
    rows = []
    for c in (*r.communities, r.total):
        name = c.community_id if c.community_id is not None else z("合计", "total")
        counts = [(getattr(c, k).numerator, getattr(c, k).denominator) for k in _RATES]
        rows.append(
            (name, c.orders, *(_cell(getattr(c, k), out) for k in _RATES), *sum(counts, ()))
        )
    headers = [z("社区", "community"), z("工单", "orders"), z("响应率", "response")]
    headers += [z("解决率", "resolution"), z("满意率", "satisfaction")]
    count_keys = [f"{k}_{p}" for k in _RATES for p in ("numerator", "denominator")]
    headers += count_keys
    title = z(
        f"12345 三率（{profile.name}：{profile.text.title}；{start}至{end}，截至{as_of}）",
        f"12345 rates ({profile.name}: {profile.text.title}; {start} to {end}, as of {as_of})",
    )
    keys = ["community", "orders", "response_rate", "resolution_rate", "satisfaction_rate"]
    if out.fmt == "table":  # each rate shows its counts already: 66.7% (2/3)
        headers, rows = headers[:5], [row[:5] for row in rows]
    else:
        keys += count_keys
    out.table(title, headers, rows, key="hotline_rates", keys=keys)
    m = resolution_rate(ds, start=start, end=end, as_of=as_of)
    m_rows = [
        (c.community_id, _cell(c.rate, out), c.rate.numerator, c.rate.denominator)
        for c in m.communities
    ]
    m_rows.append((z("合计", "total"), _cell(m.total, out), m.total.numerator, m.total.denominator))
    out.table(
        z("人民调解化解率（达成协议/受理）", "Mediation: cases resolved / received (化解率)"),
        [z("社区", "community"), z("化解率", "rate"), z("化解", "resolved"), z("受理", "received")],
        m_rows,
        key="resolution_rate",
        keys=["community", "rate", "resolved", "received"],
    )
    return len(r.unjudged), r.provisional


def cmd_rates(args: argparse.Namespace, out: Out, cal: Any) -> int:
    from shequ_core.errors import ShequError
    from shequ_core.io import load_dataset

    if args.end < args.start:
        raise ShequError(f"--end {args.end} is before --start {args.start}")
    profile = _profile(args.profile)
    ds = load_dataset(args.path)
    unjudged, provisional = show_rates(
        ds, out, start=args.start, end=args.end, as_of=args.as_of, profile=profile, cal=cal
    )
    return time_notice(unjudged, provisional, cal, out)
