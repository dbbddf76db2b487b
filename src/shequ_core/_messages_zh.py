"""The Chinese of every problem message: a catalogue of the English messages' patterns.

A :class:`~shequ_core.errors.Problem` is made with its English ``message``; its
``message_zh`` is looked up here by the message's pattern, the values it names carried
over (a count, a limit, the allowed labels). Keeping the catalogue in one place lets a
test scan ``src`` for every message a producer writes and check each has its Chinese,
so it stays complete as the code grows. The Chinese is written for an office clerk who
fixes an Excel file: what is wrong and what to do, in plain words.

A message the catalogue does not know gets :data:`GENERIC` of its code, so the clerk
still reads Chinese; :func:`translate` returns ``None`` for it, which the tests refuse.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["GENERIC", "translate"]

#: What each code means in Chinese: the message of last resort.
GENERIC: dict[str, str] = {
    "required": "缺少必填项",
    "wrong_type": "数据类型不对",
    "unknown_field": "不是该记录的字段",
    "unknown_value": "不是可选的取值",
    "out_of_range": "超出允许的范围",
    "empty": "不能为空",
    "malformed_text": "文字格式有误",
    "invalid_id_number": "身份证号码有误",
    "invalid_phone_number": "电话号码有误",
    "invalid_value": "填写有误",
    "inconsistent": "与其他项矛盾",
    "duplicate_id": "编号重复",
    "dangling_reference": "引用的记录不存在",
    "malformed_json": "不是有效的 JSON",
    "duplicate_key": "JSON 对象中有重复的键",
    "malformed_csv": "CSV 行无法读取",
    "unknown_collection": "不是数据集中的数据表",
    "unknown_column": "无法识别的列",
    "duplicate_column": "列重复",
    "unsupported_version": "文件版本不受支持",
    "invalid_file": "文件无法读取",
    "invalid_argument": "参数不允许",
    "invalid_encoding": "文字编码无法识别",
    "id_number_mangled_by_excel": "身份证号码被 Excel 当成数字改坏了",
    "id_number_converted": "15 位身份证号码已转换为 18 位",
    "duplicate_id_number": "身份证号码重复",
    "ignored_rows": "表头上方的行已忽略",
}

_KINDS = {
    "null": "空值",
    "a boolean": "是/否值",
    "an integer": "整数",
    "a number": "数字",
    "a string": "文字",
    "an array": "列表",
    "an object": "对象",
    "a date": "日期",
    "a decimal amount of money": "金额",
    "a list": "列表",
    "a set": "集合",
    "a string id": "文字编号",
    "a whole number": "整数",
    "a phone number": "电话号码",
    "an identity number": "身份证号码",
    "a long number": "很长的数字",
    "a number of more than 20 digits": "超过 20 位的数字",
    "a float": "小数",
    "a str": "文字",
    "a int": "整数",
    "a bool": "是/否值",
    "a NoneType": "空值",
    "a list of records": "记录列表",
}


def _kind(text: str) -> str:
    return _KINDS.get(text, text)


def _items(text: str) -> str:
    return "、".join(part.strip() for part in text.split(","))


Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def _r(pattern: str, make: Callable[[re.Match[str]], str] | str) -> Rule:
    fn = make if callable(make) else (lambda m, t=make: t.format(**m.groupdict()))
    return re.compile(pattern + r"\Z", re.S), fn


# Each English pattern, whole, with its Chinese. Order matters only where two match.
_RULES: list[Rule] = [
    # -- the field checks of shequ_core.validation ------------------------------------
    _r(r"is required", "必须填写"),
    _r(r"must not be empty", "不能为空"),
    _r(r"must not begin or end with white space", "开头或结尾不能有空格"),
    _r(r"must not contain control characters", "不能含有控制字符（如换行、制表符）"),
    _r(r"must not hold a lone surrogate \(it is not UTF-8 text\)", "含有无法识别的字符"),
    _r(r"must be 0 or more, got (?P<v>.+)", "不能小于 0（现为 {v}）"),
    _r(r"must be more than 0, got (?P<v>.+)", "必须大于 0（现为 {v}）"),
    _r(r"must be at most (?P<n>[\d,]+) days, got (?P<v>.+)", "不能超过 {n} 天（现为 {v}）"),
    _r(r"must be at most (?P<n>[\d,]+), got (?P<v>.+)", "不能超过 {n}（现为 {v}）"),
    _r(r"must be below 10\^12 yuan", "金额必须小于 1 万亿元"),
    _r(r"must be below (?P<n>[\d,]+), got (?P<v>.+)", "必须小于 {n}（现为 {v}）"),
    _r(r"must be a finite amount", "必须是有限的金额"),
    _r(r"must be a finite number", "必须是有限的数字"),
    _r(
        r"must have at least (?P<n>\d+) items, got (?P<v>\d+)",
        "至少要有 {n} 项（现有 {v} 项）",
    ),
    _r(
        r"must be one of (?P<zh>[^()]+) \(or (?P<codes>.+)\)",
        lambda m: f"只能填写以下之一：{m['zh']}（也可填代码 {_items(m['codes'])}）",
    ),
    _r(r"must be one of (?P<codes>.+)", lambda m: f"只能填写以下代码之一：{_items(m['codes'])}"),
    _r(
        r"must be (?P<what>.+?), got (?P<got>.+)",
        lambda m: f"应为{_kind(m['what'])}，实际是{_kind(m['got'])}",
    ),
    _r(r"item (?P<i>\d+) (?P<rest>.+)", lambda m: f"第 {int(m['i']) + 1} 项{_sub(m['rest'])}"),
    _r(r"has an item that (?P<rest>.+)", lambda m: f"其中有一项{_sub(m['rest'])}"),
    # -- values as an office writes them (io) ------------------------------------------
    _r(
        r"must be a date, like .+",
        "不是可识别的日期，请写成 2023-05-06、2023/5/6、2023.5.6、2023年5月6日 或 20230506",
    ),
    _r(r"must be a date written YYYY-MM-DD", "日期应写成 YYYY-MM-DD，如 2023-05-06"),
    _r(r"must be a date without a time of day", "只填日期，不要带具体时间"),
    _r(r"is not a calendar date", "不是真实存在的日期"),
    _r(r"must be true or false \(是/否\)", "只能填“是”或“否”"),
    _r(r"must be true or false", "只能填 true 或 false"),
    _r(r"must be a whole number, got a number that is not whole", "必须是整数，不能有小数"),
    _r(r"must be a whole number", "必须是整数"),
    _r(r"must be a number", "必须是数字"),
    _r(r"must be a string", "必须是文字"),
    _r(r"must contain digits only", "只能填数字"),
    _r(r"must be 17 digits and a digit or X", "应为 17 位数字加 1 位数字或 X"),
    _r(r"has a wrong check character \(GB 11643\)", "校验码不对，请核对号码（GB 11643）"),
    _r(r"has a birth year outside 1900-2099", "出生年份不在 1900—2099 年之间，请核对号码"),
    _r(
        r"is neither a mainland mobile \(11 digits\) nor a landline number",
        "不是有效的手机号（11 位）或固定电话号码",
    ),
    _r(
        r"looks rounded by Excel, .+",
        "身份证号码被 Excel 当成数字保存，后几位已变成 0：请把该列设置为文本"
        "（设置单元格格式 → 文本），重新填写完整号码后保存",
    ),
    _r(
        r"was a 15-digit number; converted to its 18-digit form \(GB 11643\)",
        "原为 15 位老身份证号码，已按 GB 11643 转换为 18 位",
    ),
    _r(r"is too large a whole number to be read exactly", "数字太大，无法准确读取"),
    _r(r"is too large a number", "数字太大"),
    _r(r"is too long a number", "数字位数太多"),
    _r(r"a number is too long", "数字位数太多"),
    _r(r"is not a JSON number", "不是有效的数字"),
    # -- headers and rows -------------------------------------------------------------
    _r(
        r"is a required column, missing from the header",
        "是必填列，但表头中没有这一列",
    ),
    _r(
        r"is not a field of (?P<cls>\w+)(?P<ign>; ignored)?(?: \(did you mean (?P<dym>.+)\?\))?",
        lambda m: (
            "无法识别的列"
            + ("，已忽略" if m["ign"] else "")
            + (f"（是不是“{m['dym']}”？）" if m["dym"] else "")
        ),
    ),
    _r(r"appears twice \(as '(?P<t>.+)'\)", "这一列重复出现（另一处写作“{t}”）"),
    _r(r"appears twice", "这一列重复出现"),
    _r(
        r"column (?P<n>\d+) has no header; its cells are ignored",
        "第 {n} 列没有表头，该列内容已忽略",
    ),
    _r(
        r"has (?P<n>\d+) cells, the header has (?P<w>\d+)",
        "这一行有 {n} 个单元格，表头有 {w} 列，无法读取",
    ),
    # -- a dataset's records ----------------------------------------------------------
    _r(r"duplicate id (?P<id>.+)", "编号 {id} 重复"),
    _r(
        r"refers to (?P<what>.+?) (?P<id>'.*'|\".*\"), which does not exist",
        "引用的编号 {id} 不存在",
    ),
    _r(
        r"resident (?P<a>.+) has the same identity number \((?P<n>.+)\) as resident (?P<b>.+)",
        "居民 {a} 与居民 {b} 的身份证号码相同（{n}），同一人不能登记两次",
    ),
    _r(r"could not be read \((?P<t>\w+)\)", "无法读取"),
    # -- files ------------------------------------------------------------------------
    _r(
        r"is neither UTF-8 nor GB18030 text: .+",
        "既不是 UTF-8 也不是 GB18030 编码的文字：请另存为 UTF-8",
    ),
    _r(r"is not valid JSON: .+", "不是有效的 JSON 文件"),
    _r(r"has a key twice in one JSON object", "同一个 JSON 对象中有重复的键"),
    _r(r"appears more than once in its object", "在同一个对象中出现了两次"),
    _r(r"is not a collection of the dataset.*", "不是数据集中的数据表（工作表应命名为 residents 或 居民 等）"),
    _r(r"is empty \(0 bytes\).*", "是空文件（0 字节）：即使没有记录，也要保留表头行"),
    _r(r"is a folder, not a file", "是文件夹，不是文件"),
]


def _sub(rest: str) -> str:
    # A nested check's message (``item 2 must be ...``): its Chinese, else said plainly.
    zh = translate("", rest)
    return zh if zh is not None else "填写有误"


def translate(code: str, message: str) -> str | None:
    """The Chinese of ``message`` (a problem's English message with ``code``), or ``None``
    when the catalogue does not know its pattern."""
    for pattern, make in _RULES:
        m = pattern.match(message)
        if m is not None:
            return make(m)
    return None
