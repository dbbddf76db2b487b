"""RuleId (``rules._ids``): every rule and every scorecard note has an id, and an id is
the string it stands for.
"""

from __future__ import annotations

import json

from shequ_core.entities import Basis
from shequ_core.rules import RuleId
from shequ_core.rules._findings import RULES, Finding, Severity


def test_rule_ids_are_the_strings_they_stand_for() -> None:
    """A RuleId is its string: equal, hashed alike, and shown as the string in f-strings,
    format specs and JSON; a finding keeps the plain string."""
    rid = RuleId.STAFFING_WORKERS_PER_10K
    assert rid == "staffing.workers_per_10k" and hash(rid) == hash("staffing.workers_per_10k")
    assert {"staffing.workers_per_10k": 1}[rid] == 1 and rid in {"staffing.workers_per_10k"}
    assert f"{rid}" == str(rid) == "staffing.workers_per_10k"
    assert f"{rid:>26}" == "  staffing.workers_per_10k"
    assert json.dumps({"rule": rid}) == '{"rule": "staffing.workers_per_10k"}'
    f = Finding(
        rule=rid, subject_id="c1", severity=Severity.INFO, message="m", basis=Basis(title="法")
    )
    assert type(f.rule) is str and f.rule == rid and "RuleId" not in repr(f)
    assert type(RULES[rid].id) is str


def test_every_registered_rule_and_every_scorecard_note_has_a_rule_id() -> None:
    ids = {r.value for r in RuleId}
    assert set(RULES) <= ids
    assert {r.value for r in RuleId if not r.value.startswith("scorecard.")} == set(RULES)
    assert all(r.name == r.value.upper().replace(".", "_") for r in RuleId)
