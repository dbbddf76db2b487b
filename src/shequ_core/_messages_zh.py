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
    "assumed_value": "未填写，已按默认值处理",
    "forbidden_transition": "办理流程不允许这一步",
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
    "a datetime": "日期时间",
    "a date-time string": "日期时间文字",
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


_REF_ZH = {
    "community": "社区",
    "grid": "网格",
    "household": "户",
    "resident": "居民",
    "service item": "服务事项",
    "staff member": "工作人员",
    "staff or volunteer": "工作人员或志愿者",
    "team": "队伍",
}


def _kind(text: str) -> str:
    m = re.fullmatch(r"(an? \w+) \((\w+)\)", text)
    if m is not None:
        return f"{_KINDS.get(m[1], m[1])}（{m[2]}）"
    return _KINDS.get(text, text)


def _items(text: str) -> str:
    return "、".join(part.strip() for part in text.split(","))


#: Field names a cross-field message names, as a clerk calls them.
_FIELD_ZH: dict[str, str] = {
    "birth_date": "出生日期",
    "closed_on": "结案日期",
    "effective_from": "生效日期",
    "received_on": "受理日期",
    "since": "起始日期",
    "start": "开始日期",
}


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
    # timestamps (#18): records, the converter, office cells, TimeLimit.due_at
    _r(
        r"must be a date and time, like .+",
        "不是可识别的日期时间，请写成 2026-03-02 14:05、2026/3/2 14:05:00 或 2026年3月2日 14时05分",
    ),
    _r(
        r"must be a date and time written YYYY-MM-DDTHH:MM:SS, with its offset if known",
        "日期时间应写成 YYYY-MM-DDTHH:MM:SS（有时区的带上时区），如 2026-03-02T14:05:00+08:00",
    ),
    _r(r"is not a calendar date and time", "不是真实存在的日期时间"),
    _r(
        r"must fall on a date Python can hold in Beijing time",
        "换算成北京时间后超出可表示的日期范围",
    ),
    _r(r"a limit in days needs a calendar \(a WorkCalendar\)", "按日计算的时限需要提供工作日历"),
    _r(
        r"the limit runs out past the last date Python can hold", "时限届满时间超出可表示的日期范围"
    ),
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
        r"refers to (?P<what>.+?) (?P<id>'.*'|\".*\"|\S+), which does not exist",
        lambda m: f"填写的{_REF_ZH.get(m['what'], '')}编号 {m['id']} 不存在，请核对",
    ),
    _r(
        r"resident (?P<a>.+) has the same identity number \((?P<n>.+)\) as resident (?P<b>.+)",
        "居民 {a} 与居民 {b} 的身份证号码相同（{n}），同一人不能登记两次",
    ),
    _r(r"could not be read \((?P<t>\w+)\)", "无法读取"),
    # -- the lifecycle tables (shequ_core.workflow) ---------------------------------
    _r(
        r"the event (?P<e>.+) cannot follow (?P<s>.+)",
        lambda m: f"办理流程中“{_zh(m['s'])}”之后不能“{_zh(m['e'])}”",
    ),
    _r(
        r"a change to (?P<t>.+) cannot follow (?P<s>.+)",
        lambda m: f"办理流程中状态不能从“{_zh(m['s'])}”改为“{_zh(m['t'])}”",
    ),
    _r(
        r"the event (?P<e>.+) must follow (?P<a>.+) since the last .+",
        lambda m: f"“{_zh(m['e'])}”之前须先“{_zh(m['a'])}”（自上一次“{_zh(m['e'])}”以来）",
    ),
    _r(
        r"the history leads to (?P<s>.+), not to the status (?P<t>.+)",
        lambda m: f"办理记录止于“{_zh(m['s'])}”，与状态“{_zh(m['t'])}”不符",
    ),
    # -- files ------------------------------------------------------------------------
    _r(
        r"is neither UTF-8 nor GB18030 text: .+",
        "既不是 UTF-8 也不是 GB18030 编码的文字：请另存为 UTF-8",
    ),
    _r(r"is not valid JSON: .+", "不是有效的 JSON 文件"),
    _r(r"has a key twice in one JSON object", "同一个 JSON 对象中有重复的键"),
    _r(r"appears more than once in its object", "在同一个对象中出现了两次"),
    _r(
        r"is not a collection of the dataset.*",
        "不是数据集中的数据表（工作表应命名为 residents 或 居民 等）",
    ),
    _r(r"is empty \(0 bytes\).*", "是空文件（0 字节）：即使没有记录，也要保留表头行"),
    _r(r"is a folder, not a file", "是文件夹，不是文件"),
    # -- holiday notices and the calendar ---------------------------------------------
    _r(r"(?P<d>\S+) is also in extra_rest_days", "{d} 同时列在了额外休息日中"),
    _r(
        r"(?P<d>\S+) is before the calendar's first year (?P<y>\S+)",
        "{d} 早于日历的起始年份 {y} 年",
    ),
    _r(
        r"(?P<d>\S+) needs the notice for (?P<y>\S+) first: "
        r"the calendar is confirmed through (?P<c>\S+)",
        "{d} 需要先载入 {y} 年的放假通知：日历只确认到 {c} 年",
    ),
    _r(r"is not a field of a notice", "不是放假通知的字段"),
    _r(r"is not a field of a holiday", "不是节假日的字段"),
    _r(r"must be a whole number \(2027\)", "应为年份整数，如 2027"),
    _r(r"must be a text that is not empty", "应为非空的文字"),
    _r(r"must list the holidays \(\[\[holidays\]\]\)", "应列出各个节假日（[[holidays]]）"),
    _r(r"must be a table \(name, first, last, work\)", "应为一个表（name、first、last、work）"),
    _r(r"must be the holiday's name \(春节\)", "应为节日名称，如 春节"),
    _r(r"must be a date \(2027-02-05\)", "应为日期，如 2027-02-05"),
    _r(r"must be a list of dates", "应为日期列表"),
    _r(r"must be a date", "应为日期"),
    _r(
        r"(?P<d>\S+) is a (?P<w>\S+): a make-up working day is a Saturday or Sunday",
        "{d} 是{w}：调休上班日只能是周六或周日",
    ),
    _r(r"(?P<d>\S+) is before first \((?P<f>.+)\)", "{d} 早于假期首日（{f}）"),
    _r(
        r"(?P<a>\S+) to (?P<b>\S+) is longer than any notice's holiday",
        "{a} 至 {b} 比任何放假通知的假期都长",
    ),
    _r(r"(?P<d>\S+) is in two holidays \((?P<h>.+)\)", "{d} 同时属于两个节假日（{h}）"),
    _r(
        r"(?P<d>\S+) is both a rest day \((?P<a>\S+) to (?P<b>\S+)\) and a working day",
        "{d} 既是休息日（{a} 至 {b}）又是上班日",
    ),
    _r(
        r"(?P<d>\S+) is not in (?P<y>\S+) \(or late December (?P<p>\S+)\)",
        "{d} 不在 {y} 年内（或 {p} 年 12 月下旬）",
    ),
    _r(
        r"add_working_days_many needs numpy: .+",
        "add_working_days_many 需要安装 numpy：pip install 'shequ-core[numpy]'",
    ),
    _r(r"must be an integer or an integer array, not (?P<t>.+)", "应为整数或整数数组，而不是 {t}"),
    _r(r"the years (?P<a>\S+)–(?P<b>\S+) are not a valid range", "年份 {a}—{b} 不是有效的范围"),
    _r(r"(?P<y>\S+) is after last_year (?P<l>\S+)", "{y} 晚于最后年份 {l}"),
    _r(
        r"years after confirmed_through (?P<y>\S+) are estimates: pass provisional=True",
        "{y} 年以后的年份只是估计：请传入 provisional=True",
    ),
    _r(r"(?P<d>\S+) is outside the years (?P<a>\S+)–(?P<b>\S+)", "{d} 不在 {a}—{b} 年之间"),
    _r(r"(?P<d>\S+) is also listed as a rest day", "{d} 同时列为休息日"),
    # -- identity numbers, tables, encodings ------------------------------------------
    _r(r"needs 17 digits, got (?P<n>\d+) characters", "前 17 位应为数字，现为 {n} 个字符"),
    _r(r"needs 17 digits 0-9", "前 17 位只能是数字 0—9"),
    _r(r"must be a whole number, (?P<n>\d+) or more", "应为不小于 {n} 的整数"),
    _r(r"is not a table of a Dataset", "不是数据集中的数据表"),
    _r(r"is not a column of the table", "不是该表的列"),
    _r(r"must be the name of a text encoding", "应为文字编码的名称"),
    _r(r"unknown encoding (?P<e>.+)", "无法识别的编码 {e}"),
    _r(r"(?P<e>.+) is not a text encoding", "{e} 不是文字编码"),
    _r(
        r"(?P<e>.+) does not write ASCII as ASCII \(UTF-16\?\): use UTF-8 or GB18030",
        "{e} 编码不适用：请使用 UTF-8 或 GB18030",
    ),
    _r(
        r"is not (?P<e>\S+) text \(byte (?P<b>\d+) of the line\)",
        "不是 {e} 编码的文字（本行第 {b} 个字节），请另存为 UTF-8",
    ),
    _r(
        r"holds (?P<c>.+) again \(first in sheet (?P<s>.+)\)",
        "又一次包含 {c}（第一次在工作表 {s}）",
    ),
    _r(
        r"has (?P<n>\d+) sheets and none named (?P<a>.+) or (?P<b>.+)",
        "有 {n} 个工作表，但没有名为 {a} 或 {b} 的",
    ),
    _r(
        r"the header is on row (?P<r>\d+); the (?P<n>\d+) row\(s\) above it are ignored",
        "表头在第 {r} 行，上方的 {n} 行（如标题）已忽略",
    ),
    _r(
        r"not a collection of the dataset; expected one of (?P<c>.+) \(or \.xlsx\)",
        "不是数据集中的数据表文件，应为以下之一：{c}（或 .xlsx）",
    ),
    _r(
        r"a second file for (?P<c>.+) \(the first is (?P<f>.+)\)",
        "{c} 的第二个文件（第一个是 {f}）",
    ),
    _r(r"must be \{\"schema_version\": N\}", '内容应为 {{"schema_version": N}}'),
    _r(
        r"not a dataset folder: no schema.json and no collection file \((?P<c>.+)\)",
        "不是数据集文件夹：既没有 schema.json，也没有数据表文件（{c}）",
    ),
    _r(
        r"malformed JSON: not UTF-8 text \(byte (?P<b>\d+) of the line\)",
        "JSON 有误：不是 UTF-8 文字（本行第 {b} 个字节）",
    ),
    _r(r"malformed JSON: .+", "JSON 格式有误"),
    _r(r"must hold a JSON object", "应为一个 JSON 对象"),
    _r(r"must be a list of records", "应为记录列表"),
    _r(
        r"must be \{\"collection\": \.\.\., \"record\": \{\.\.\.\}\}",
        '每行应为 {{"collection": ..., "record": {{...}}}}',
    ),
    _r(r"(?P<c>.+) is not a collection of the dataset", "{c} 不是数据集中的数据表"),
    _r(r"must be 'raise' or 'collect', not (?P<v>.+)", "只能是 'raise' 或 'collect'，而不是 {v}"),
    _r(
        r"must map a header \(text\) to a field name of a record",
        "应把表头（文字）对应到记录的字段名",
    ),
    _r(r"must map a header to a field name", "应把表头对应到字段名"),
    _r(
        r"(?P<f>.+) cannot be written to a (?P<s>.+) file: it would not load back",
        "不能以 {f} 格式写入 {s} 文件：写出的文件无法读回",
    ),
    _r(
        r"unknown format (?P<f>.+): use json, jsonl, csv, xlsx or parquet",
        "无法识别的格式 {f}：请用 json、jsonl、csv、xlsx 或 parquet",
    ),
    _r(
        r"must be 'field' or 'zh' \(and 'zh' only with format='xlsx'\)",
        "只能是 'field' 或 'zh'（'zh' 只能用于 format='xlsx'）",
    ),
    _r(r"must hold JSON \(a list or an object\)", "应填写 JSON（列表或对象）"),
    _r(
        r"must list the candidates as (?P<e>.+) \(or the JSON list the library writes\): "
        r"cannot read '(?P<x>.*)'",
        "应逐个填写候选人、得票、职位和是否当选，如“{e}”（或本库写出的 JSON 列表）：无法识别“{x}”",
    ),
    _r(r"holds JSON nested too deeply", "JSON 嵌套层数太多"),
    _r(
        r"schema_version must be a whole number, got (?P<v>.+)", "schema_version 应为整数，现为 {v}"
    ),
    _r(
        r"schema_version (?P<v>\S+) is newer than this version "
        r"of shequ_core reads \((?P<n>.+)\): .+",
        "文件版本 {v} 比本版 shequ_core 能读的版本（{n}）新：请升级 shequ_core",
    ),
    _r(
        r"schema_version (?P<v>\S+) is not a version shequ_core knows",
        "shequ_core 不认识文件版本 {v}",
    ),
    # -- policies ---------------------------------------------------------------------
    _r(r"cannot be read \((?P<why>.+)\)", "无法读取（{why}）"),
    _r(r"a policy profile must be a table", "政策配置应为一个表"),
    _r(r"a policy profile must be valid (?P<f>.+)", "政策配置应为有效的 {f}"),
    _r(
        r"no national numbers before (?P<d>\S+) \(the 1989 law\), got (?P<v>.+)",
        "{d}（1989 年法律施行）之前没有全国标准，现为 {v}",
    ),
    _r(r"must be more than 0", "必须大于 0"),
    _r(r"must be a list of whole percentages", "应为整数百分比的列表"),
    _r(r"must hold whole percentages, got (?P<v>.+)", "只能是整数百分比，现为 {v}"),
    _r(
        r"every percentage must be in 1\.\.100, got (?P<v>.+)",
        "每个百分比都应在 1—100 之间，现为 {v}",
    ),
    # -- rules ------------------------------------------------------------------------
    _r(r"rule (?P<r>.+) is registered twice", "规则 {r} 登记了两次"),
    _r(
        r"rule (?P<r>.+) reads unknown policy fields (?P<f>.+)",
        "规则 {r} 读取了政策中不存在的字段 {f}",
    ),
    _r(r"no rule has the id (?P<r>.+)", "没有编号为 {r} 的规则"),
    _r(r"no community has the id (?P<c>.+)", "没有编号为 {c} 的社区"),
    _r(r"is a banner's score, not a community's", "这是全旗（全区）的得分，不是单个社区的"),
    _r(
        r"(?P<a>.+) cannot be more than the (?P<n>\S+) (?P<b>.+) there are",
        "{a} 不能多于实有的 {n}",
    ),
    _r(
        r"the law in force on (?P<d>\S+) sets no quorum for a representatives' meeting",
        "{d} 施行的法律没有规定居民代表会议的法定人数",
    ),
    _r(r"the law sets no quorum for a (?P<m>.+)", "法律没有规定该会议（{m}）的法定人数"),
    _r(
        r"team (?P<t>.+) is a (?P<k>.+) team, not a mediation committee",
        "队伍 {t} 是{k}，不是人民调解委员会",
    ),
    _r(
        r"must not be fewer than full_members \((?P<n>.+)\), got (?P<v>.+)",
        "不能少于正式党员人数（{n}），现为 {v}",
    ),
    _r(r"ends \((?P<e>.+)\) before it begins \((?P<b>.+)\)", "结束日期（{e}）早于开始日期（{b}）"),
    _r(r"must be a TimeLimit", "应为办理时限（TimeLimit）"),
    _r(r"must be a RequestEvent", "应为办理事件（RequestEvent）"),
    _r(r"must be a whole number of days, 0 or more, or None", "应为 0 或以上的整数天数，或留空"),
    _r(r"must be a whole number of days, 0 or more", "应为 0 或以上的整数天数"),
    _r(r"must be None or a whole number, 0 or more", "应留空或为 0 或以上的整数"),
    _r(r"must not be before start", "不能早于开始日期"),
    _r(r"must not be before (?P<f>\w+)", lambda m: f"不能早于{_FIELD_ZH.get(m['f'], m['f'])}"),
    _r(r"must not be after (?P<f>\w+)", lambda m: f"不能晚于{_FIELD_ZH.get(m['f'], m['f'])}"),
    _r(
        r"a suspension not yet resumed is counted up to as_of: pass as_of",
        "尚未恢复的中止要计算到 as_of：请传入 as_of",
    ),
    _r(r"is (?P<a>.+), but the request is for (?P<b>.+)", "为 {a}，但诉求对应的是 {b}"),
    _r(
        r"(?P<d>\S+) is before the request was received \((?P<r>.+)\)",
        "{d} 早于诉求受理日期（{r}）",
    ),
    _r(r"must be a list of fractions", "应为小数列表"),
    _r(r"every threshold must be a fraction in \(0, 1\]", "每个阈值都应是大于 0、不超过 1 的小数"),
    _r(r"must be a date or a datetime, not (?P<t>.+)", "应为日期或日期时间，而不是 {t}"),
    _r(
        r"must be a decimal number written as a string, like \"3089.50\"",
        '应为写成文字的小数，如 "3089.50"',
    ),
    _r(r"is not valid JSON we can read: nested too deeply", "JSON 嵌套层数太多，无法读取"),
    _r(r"no JSON Schema for (?P<t>.+)", "没有 {t} 的 JSON Schema"),
    # -- records: rules across fields --------------------------------------------------
    _r(r"a case with a closing date cannot still be open", "已填写结案日期的案件不能仍为未结状态"),
    _r(r"a closed case needs its closing date", "已结案件必须填写结案日期"),
    _r(r"a completed request needs its completion date", "已办结的诉求必须填写办结日期"),
    _r(r"a completion event must be dated completed_on", "办结事件的日期必须与办结日期一致"),
    _r(r"a resumption must follow a suspension", "恢复办理之前必须先有中止"),
    # the lifecycle of a work order (#18)
    _r(
        r"a return call \(revisited\) must record the satisfaction",
        "回访记录必须填写满意度（满意、基本满意或不满意）",
    ),
    _r(r"only a return call \(revisited\) records a satisfaction", "只有回访记录才填写满意度"),
    _r(
        r"a dispatch \(assigned, reassigned\) must name the unit it went to",
        "派单、改派记录必须填写承办单位",
    ),
    _r(r"must fall on the day of on, in Beijing time", "时间（北京时间）必须在该记录的日期当天"),
    _r(r"must fall on received_on, in Beijing time", "受理时间（北京时间）必须在受理日期当天"),
    _r(r"must not be before received_at", "不能早于受理时间"),
    _r(r"must come after the agreement \(达成协议\)", "必须在达成调解协议之后"),
    _r(r"a confirmation must follow its application", "司法确认之前必须先有申请司法确认"),
    _r(r"a suspension must be resumed before the next one", "上一次中止恢复之后才能再次中止"),
    _r(r"an extension must say how many days it adds", "延期必须写明延长的天数"),
    _r(r"must be the status of the last event", "必须与最后一个事件的状态一致"),
    # -- the roster importer (io._roster) -----------------------------------------------
    _r(r"must map a header to a column name", "columns 参数应把表头对应到列名"),
    _r(
        r"must map a header \(text\) to a Resident field or a roster column",
        "columns 参数应把表头（文字）对应到居民的字段或花名册的列",
    ),
    _r(r"is blank: a person needs a household or an address", "为空：每个人都要有户号或住址"),
    _r(r"is empty", "文件是空的"),
    _r(
        r"a roster needs a household number \(户号\) or an address \(现住址\) column",
        "花名册需要“户号”列或“现住址”列",
    ),
    _r(
        r"the roster has no date column \(登记日期\): attentions start on (?P<day>.+)",
        "花名册没有“登记日期”列：人员类别从 {day} 起算",
    ),
    _r(
        r"the header is on line (?P<line>\d+); the (?P<n>\d+) line\(s\) above it are ignored",
        "表头在第 {line} 行，上方的 {n} 行已忽略",
    ),
    _r(r"is a required column, missing from the header \(姓名\)", "是必填列，表头中没有“姓名”列"),
    _r(r"is blank: the attentions start on (?P<day>.+)", "登记日期为空：人员类别从 {day} 起算"),
    _r(
        r"(?P<word>.+) is not a kind of attention \(see ATTENTION_ALIASES\)",
        "{word} 不是可识别的人员类别（可用的写法见 ATTENTION_ALIASES）",
    ),
    # -- an election's count (entities._elections) --------------------------------------
    _r(
        r"must not exceed registered \((?P<n>\d+)\), got (?P<v>\d+)",
        "参加投票人数（{v}）不能多于登记选民数（{n}）",
    ),
    _r(r"must not exceed voted \((?P<n>\d+)\)", "无效票不能多于参加投票人数（{n}）"),
    _r(r"must not exceed the valid ballots \((?P<n>\d+)\)", "得票数不能多于有效票（{n}）"),
    _r(r"is listed a second time for the same post", "同一职位的候选人重复列出"),
    _r(
        r"the votes add up to (?P<t>\d+), more than (?P<v>\d+) valid ballots can hold with "
        r"(?P<s>\d+) seat\(s\) to fill",
        "得票合计 {t} 票，超过 {v} 张有效票、应选 {s} 名所能容纳的票数",
    ),
    _r(
        r"(?P<d>\d+) declared elected for (?P<s>\d+) seat\(s\)",
        "宣布当选 {d} 名，多于应选名额 {s} 名",
    ),
    # -- charts and elections (extra.plots, rules.elections) -----------------------------
    _r(r"is not a figure of the scorecard: (?P<v>.+)", "不是计分表中的指标：{v}"),
    _r(
        r"no term is known before (?P<first>\S+) \(the 1989 law\), got (?P<v>\S+)",
        "{first}（1989 年法律施行）之前没有可依据的任期，实际是 {v}",
    ),
    _r(
        r"its (?P<n>\d+)-year term would end after (?P<m>\S+), got (?P<v>\S+)",
        "{n} 年任期在 {m} 之后才届满，无法计算，实际是 {v}",
    ),
    _r(r"its steps would fall outside the dates Python holds .+", "各步骤日期超出可计算的日期范围"),
    _r(r"must be before the election day (?P<day>\S+)", "应早于选举日 {day}"),
    _r(r"must not be before the election day (?P<day>\S+)", "不能早于选举日 {day}"),
    # -- the Parquet store and the hotline profiles (io._store, policy._hotline) ------------
    _r(
        r"a Parquet store is the full copy: share a redacted json, jsonl, csv or xlsx",
        "Parquet 数据仓是完整副本，不能脱敏保存；要分享请保存脱敏的 json、jsonl、csv 或 xlsx",
    ),
    _r(r"cannot be written to Parquet exactly: (?P<why>.+)", "无法原样写入 Parquet：{why}"),
    _r(r"is too long to name a store folder", "太长，不能用作数据仓的文件夹名"),
    _r(r"is not a community of the store", "不是数据仓中的社区"),
    _r(
        r"no hotline profile (?P<n>.+); one of (?P<names>.+)", "没有热线规则 {n}，可用的有：{names}"
    ),
]


def _zh(label: str) -> str:
    """The Chinese of a step named ``english (中文)``: the part in brackets."""
    found = re.fullmatch(r".*\((?P<zh>[^()]+)\)", label)
    return found["zh"] if found else label
