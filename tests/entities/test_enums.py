"""The labelled enums of ``shequ_core.entities._enums``: lower-case codes with Chinese
labels, and the order the must-visit groups come in.
"""

from __future__ import annotations

import shequ_core
from shequ_core import (
    AttentionKind,
)


def test_enum_codes_are_lower_case_names_with_chinese_labels() -> None:
    for name in dir(shequ_core):
        obj = getattr(shequ_core, name)
        if isinstance(obj, type) and issubclass(obj, shequ_core.LabelledEnum):
            for m in obj:
                assert m.value == m.name.lower()
                assert m.label_zh and not m.label_zh.isascii()


def test_must_visit_groups_are_the_first_five_kinds() -> None:
    assert [k for k in AttentionKind if k.is_must_visit] == list(AttentionKind)[:5]


def test_elders_in_special_difficulty_are_the_guidance_groups() -> None:
    """The 2022 national guidance names 独居、空巢、留守、失能、重残、计划生育特殊家庭
    elders; the model has a kind for each (独居 is the lonely elder living alone)."""
    assert {k for k in AttentionKind if k.is_elder_in_special_difficulty} == {
        AttentionKind.LONELY_ELDER,
        AttentionKind.EMPTY_NEST_ELDER,
        AttentionKind.LEFT_BEHIND_ELDER,
        AttentionKind.DISABLED_ELDER,
        AttentionKind.SEVERELY_DISABLED_ELDER,
        AttentionKind.FAMILY_PLANNING_SPECIAL_ELDER,
    }
    assert AttentionKind("left_behind_elder").label_zh == "留守老年人"
    assert AttentionKind.FAMILY_PLANNING_SPECIAL_ELDER.label_zh == "计划生育特殊家庭老年人"
    assert not any(k.is_must_visit for k in AttentionKind if k.is_elder_in_special_difficulty)
