"""Golden files of what the scorecard and the rules say about the sample banner.

The scores, each dimension's explanation and every finding (rule, subject, severity,
message, figures) of the 察右前旗 sample on 2017-12-31, under the seed's local
standards and the national law, in Chinese and English; and of a community with
nothing recorded, which reaches the scorecard's "no data" branches. These are the words
a dashboard shows an official, so a change to any of them must be deliberate: the test
fails, the change is reviewed, and the file is rewritten with ``SHEQU_UPDATE_GOLDEN=1``
(the way python-holidays pins its data). The figures in it are checked against the
article by ``tests/assessment/test_scorecard_chayouqianqi.py``; this file pins the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from shequ_core.calendar import china_calendar
from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import Community, CommunityKind, Dataset, Grid
from shequ_core.policy import national_policy, seed_policy
from shequ_core.rules import Finding, check_dataset
from shequ_core.rules._findings import format_figure
from shequ_core.rules.assessment import CommunityScore, Scorecard, scorecard

GOLDEN = Path(__file__).parent / "golden" / "scorecard_2017.json"
AS_OF = dt.date(2017, 12, 31)


def _finding(f: Finding) -> str:
    # One line a finding; its basis is pinned by the rules' own tests.
    figures = f"{format_figure(f.actual)} / {format_figure(f.required)}"
    return f"{f.rule} | {f.subject_id} | {f.severity.value} | {f.message} | {figures}"


def _community(cs: CommunityScore) -> dict[str, Any]:
    return {
        "name": cs.name,
        "dimensions": {
            d.value: {
                "score": s.score,
                "explanation": s.explanation,
                "findings": [_finding(f) for f in s.findings],
            }
            for d, s in cs.dimensions.items()
        },
        "seven_zeros": repr(cs.seven_zeros),
    }


def _card(card: Scorecard) -> dict[str, Any]:
    return {
        "communities": {cid: _community(cs) for cid, cs in card.communities.items()},
        "banner": _community(card.banner),
        "table": card.table(),
        # The basis each kind of finding cites, once per rule and basis.
        "bases": sorted({f"{f.rule} | {f.basis}" for f in card.findings}),
    }


def _empty() -> Dataset:
    """c0 has nothing at all; c1 has households but no residents, a grid without a
    worker and no staff: the branches where a figure cannot be computed."""
    return Dataset(
        communities=(
            Community(
                id="c0",
                name="空社区",
                town="示例镇",
                kind=CommunityKind.ORDINARY,
                households=0,
                residents=0,
            ),
            Community(
                id="c1",
                name="无人社区",
                town="示例镇",
                kind=CommunityKind.ORDINARY,
                households=50,
                residents=0,
            ),
        ),
        grids=(Grid(id="g1", community_id="c1", name="一网格", households=50),),
    )


def _snapshot() -> dict[str, Any]:
    ds = load_chayouqianqi()
    cal = china_calendar()
    out: dict[str, Any] = {}
    for policy_name, policy in (("seed", seed_policy(AS_OF)), ("national", national_policy(AS_OF))):
        for lang in ("zh", "en"):
            key = f"{policy_name}/{lang}"
            card = scorecard(ds, as_of=AS_OF, policy=policy, calendar=cal, lang=lang)
            out[f"scorecard/{key}"] = _card(card)
            found = check_dataset(ds, as_of=AS_OF, policy=policy, lang=lang)
            out[f"rules/{key}"] = [_finding(f) for f in found]
            empty = scorecard(_empty(), as_of=AS_OF, policy=policy, calendar=cal, lang=lang)
            out[f"empty/{key}"] = _card(empty)
    # Today's national profile (the 2025 committee law, the workers-per-10,000 target,
    # the facility floor): what the sample and the empty communities would be told now.
    today = dt.date(2026, 6, 30)
    for lang in ("zh", "en"):
        for name, data in (("sample", ds), ("empty", _empty())):
            found = check_dataset(data, as_of=today, policy=national_policy(today), lang=lang)
            out[f"rules/national-2026/{name}/{lang}"] = [_finding(f) for f in found]
    return out


def test_the_scorecard_and_rules_say_what_the_golden_file_says() -> None:
    now = json.loads(json.dumps(_snapshot(), ensure_ascii=False))
    if os.environ.get("SHEQU_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(
            json.dumps(now, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(now) == sorted(golden)
    for key in golden:  # one section at a time, so a failure names where it differs
        assert now[key] == golden[key], key
