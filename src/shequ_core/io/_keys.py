"""The names a record's fields go by in office files: the field's own name
(``id_number``), its Chinese label (身份证号), a common alias of :data:`HEADER_ALIASES`
(身份证号码), and the spread columns of a nested record (办理时限·时限). A file's header
row and the keys of a JSON cell's records (a request's 办理记录) are both matched here,
so the two can never read the same column differently.
"""

from __future__ import annotations

import functools
import re
import types
import typing
import unicodedata
from collections.abc import Mapping

import attrs

#: Common headers of office registers, by the field they mean. Each applies to every
#: record class that has the field; a field's name and Chinese label always match too.
HEADER_ALIASES: Mapping[str, tuple[str, ...]] = {
    "id_number": ("身份证号码", "公民身份号码", "身份证", "身份证件号码", "证件号码", "身份证号"),
    "phone": ("手机号", "手机号码", "联系方式", "电话", "电话号码", "手机", "联系电话"),
    "birth_date": ("出生年月", "出生年月日", "出生日期", "生日"),
    "registration": ("户口性质", "户籍类型", "户籍性质", "户籍状态", "人口类型"),
    "sex": ("性别",),
    "household_id": ("户号", "户编号", "所属户"),
    "grid_id": ("所属网格", "网格", "网格编号"),
    "address": ("住址", "地址", "家庭住址", "现住址", "居住地址"),
    "community_id": ("所属社区", "社区编号"),
    "notes": ("备注", "说明"),
    # An election's result sheet (选举结果报告单).
    "registered": ("选民数", "登记选民", "选民总数", "登记人数", "应参加投票人数"),
    "voted": ("投票人数", "参加投票", "实际投票人数", "参选人数", "收回选票"),
    "seats": ("应选人数", "应选职数", "名额"),
    "invalid_ballots": ("无效选票", "无效票数"),
    "candidates": ("候选人", "得票情况", "候选人及得票"),
    "status": ("工单状态", "办理状态"),  # a 12345 export's 工单状态 (已办结...)
}

_MARKER = re.compile(r"(?:\*|\(必填\)|必填)+$")


def normalise(title: object) -> str:
    """A header as it is compared: NFKC, no white space, no required-marker, case-folded."""
    text = unicodedata.normalize("NFKC", "" if title is None else str(title))
    text = re.sub(r"\s+", "", text)
    return _MARKER.sub("", text).casefold()


@functools.cache
def known_headers(cls: type) -> tuple[dict[str, str], dict[str, str]]:
    """``normalised header -> field`` for ``cls``, and the header each key shows as."""
    lookup: dict[str, str] = {}
    display: dict[str, str] = {}
    fields = attrs.fields(cls)
    steps = [
        [(a.name, a.name) for a in fields],
        [(a.metadata["label_zh"], a.name) for a in fields if "label_zh" in a.metadata],
        [(alias, a.name) for a in fields for alias in HEADER_ALIASES.get(a.name, ())],
        _spread(cls),
    ]
    for step in steps:
        for title, name in step:
            key = normalise(title)
            if key not in lookup:
                lookup[key] = name
                display[key] = title
    return lookup, display


def _spread(cls: type) -> list[tuple[str, str]]:
    """The columns a nested record is spread over by ``to_frames``: ``time_limit_amount``
    and 办理时限·时限 are ``time_limit.amount``."""
    out: list[tuple[str, str]] = []
    for a in attrs.fields(cls):
        inner = nested_class(cls, a.name)
        if inner is None:
            continue
        for sub in attrs.fields(inner):
            out.append((f"{a.name}_{sub.name}", f"{a.name}.{sub.name}"))
            label = f"{a.metadata.get('label_zh', a.name)}·{sub.metadata.get('label_zh', sub.name)}"
            out.append((label, f"{a.name}.{sub.name}"))
    return out


@functools.cache
def nested_class(cls: type, name: str) -> type | None:
    """The record class field ``name`` of ``cls`` holds, if it holds one (optional or not)."""
    tp = typing.get_type_hints(cls)[name]
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        tp = args[0] if len(args) == 1 else None
    return tp if isinstance(tp, type) and attrs.has(tp) else None
