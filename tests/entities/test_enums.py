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
