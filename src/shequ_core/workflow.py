"""Case lifecycles as data: the transition tables of work orders and dispute cases.

A work order (服务工单, 12345 接诉即办) is received, dispatched (派单), perhaps
returned as wrongly sent (退单) and dispatched again (改派), answered (响应), handled
(perhaps suspended or extended), supervised when late (督办), completed (办结) and
revisited (回访), which can reopen it (重办). A dispute case is received, mediated, ends
in an agreement or fails, and an agreement may be confirmed by a court (人民调解法
第33条) and is followed up (第31条). Each is one table of :class:`Transition` rows
(:data:`REQUEST_LIFECYCLE`, :data:`CASE_LIFECYCLE`): the checks
(:func:`check_history`, :func:`allowed_next`), the Dataset's validation, the Hypothesis
strategies and the diagrams of docs/explanation/lifecycles.md are all read from them.

The tables live beside the records (``shequ_core.entities``), so that a
:class:`~shequ_core.entities.Dataset` can refuse a history they forbid; this module is
their public home and draws them (:func:`to_mermaid`, :func:`to_markdown`).

References:
    * 国务院办公厅关于进一步优化地方政务服务便民热线的指导意见 (国办发〔2020〕53号,
      2020-12-28): one hotline (12345) takes every call (受理), sends the order to the
      unit that must handle it (派单, 承办单位), answers within set limits and visits
      the caller back (回访) to ask whether they are satisfied.
    * 北京市接诉即办工作条例 (adopted and in force 2021-09-24): the 接诉即办 cycle in
      law — an order is dispatched (派单), a unit that is not the right one returns it
      (退单) and the centre dispatches it again (改派); the unit responds (响应) and
      handles it within limits that may be extended (延期); late orders are supervised
      (督办); the centre revisits the caller (回访) and an order the caller is
      dissatisfied with is handled again (重办).
    * 中华人民共和国人民调解法 (in force 2011-01-01): 第17条 a party applies or the
      committee mediates on its own motion (受理); 第23条 a party may end the mediation
      (撤回); 第26条 mediation that fails is ended (调解不成); 第28条 the agreement
      (调解协议); 第31条 the committee follows up how the agreement is kept (回访);
      第33条 both parties may apply together, within 30 days of the agreement taking
      effect, to a court for judicial confirmation (申请司法确认), which the court gives
      (司法确认).
    * Amsterdam's Signals keeps the transitions of its reports as one table; these
      tables follow it: a row is a :class:`Transition`, and the checks, the strategies
      and the diagrams are all read from the rows.

Limitations:
    * The tables read the kind of each event, not its content. A reopening (重办) needs
      a revisit (回访) since the last reopening, whatever the caller said; the 30 days of
      第33条 and the response and handling limits are time limits for the deadline
      rules, not steps of the table.
    * Who took a step is not recorded on an event: the :class:`Actor` of a row says
      which side may take it, for people and diagrams; it is not checked.
    * A court that refuses the confirmation (第33条第三款) is not modelled: the parties
      would mediate again or sue, outside this case.
    * A case is closed (结案) last: its confirmation and its follow-up come before
      ``closed_on``, since no event may come after it. A failed mediation may then be
      referred (转交, 第26条 tells the parties where else to go).
    * The 12345 texts are cited as a whole, not article by article: the steps are those
      every hotline's rules share, and one city's limits and wording differ. 响应 (the
      unit's first reply to the caller) leaves the order dispatched until its handling
      starts (开始办理) or it is returned (退单).
"""

from __future__ import annotations

from shequ_core.entities import (
    CASE_LIFECYCLE,
    LIFECYCLES,
    REQUEST_LIFECYCLE,
    Actor,
    Lifecycle,
    Step,
    Trace,
    Transition,
    allowed_next,
    check_history,
    lifecycle_of,
    trace_history,
)

__all__ = [
    "CASE_LIFECYCLE",
    "LIFECYCLES",
    "REQUEST_LIFECYCLE",
    "Actor",
    "Lifecycle",
    "Step",
    "Trace",
    "Transition",
    "allowed_next",
    "check_history",
    "fill_page",
    "lifecycle_of",
    "to_markdown",
    "to_mermaid",
    "trace_history",
]


def _name(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def to_mermaid(table: Lifecycle, lang: str = "zh") -> str:
    """The table as a mermaid ``stateDiagram-v2``: one arrow a row, labelled with its
    event (none for a plain status change) and the side that takes it; a row with an
    ``after`` event names it in brackets, an implied row is marked ``*``. ``lang`` is
    ``"zh"`` or ``"en"``."""
    lines = ["stateDiagram-v2"]
    for state in table.states:
        lines.append(f'    state "{state.label(lang)}" as {state.value}')
    entry = "" if table.receipt is None else f": {table.receipt.actor.label(lang)}"
    lines.append(f"    [*] --> {table.start.value}{entry}")
    for t in table.transitions:
        label = (
            t.actor.label(lang) if t.event is None else f"{t.label(lang)} · {t.actor.label(lang)}"
        )
        if t.after is not None:
            label += _name(lang, f" [{t.after.label(lang)}后]", f" [after {t.after.label(lang)}]")
        if t.implied:
            label += " *"
        lines.append(f"    {t.source.value} --> {t.target.value}: {label}")
    lines.extend(f"    {s.value} --> [*]" for s in table.states if s in table.final)
    return "\n".join(lines) + "\n"


def to_markdown(table: Lifecycle, lang: str = "zh") -> str:
    """The table as Markdown: its mermaid diagram in a fenced block, then one row a
    transition (from, event, to, who, condition), read from the same rows."""
    head = _name(
        lang,
        "| 从 | 事件 | 到 | 办理主体 | 条件 |",
        "| from | event | to | who | condition |",
    )
    rows = [head, "| --- | --- | --- | --- | --- |"]
    receipt = () if table.receipt is None else (table.receipt,)
    for t in (*receipt, *table.transitions):
        event = "—" if t.event is None else f"`{t.event.value}` {t.event.label(lang)}"
        cond = []
        if t.after is not None:
            cond.append(_name(lang, f"{t.after.label(lang)}之后", f"after {t.after.label(lang)}"))
        if t.implied:
            cond.append(_name(lang, "可不记录", "may go unrecorded"))
        if t is table.receipt:
            cond.append(
                _name(lang, "受理本身，只作为第一条记录", "the receipt, as the first event only")
            )
        rows.append(
            f"| {t.source.label(lang)} | {event} | {t.target.label(lang)} "
            f"| {t.actor.label(lang)} | {'; '.join(cond)} |"
        )
    return "```mermaid\n" + to_mermaid(table, lang) + "```\n\n" + "\n".join(rows) + "\n"


def fill_page(text: str, lang: str = "zh") -> str:
    """``text`` (a Markdown page) with each ``<!-- generated: NAME -->`` ...
    ``<!-- end: NAME -->`` block replaced by :func:`to_markdown` of the table ``NAME``:
    how docs/explanation/lifecycles.md is kept equal to the tables."""
    for table in LIFECYCLES:
        start, end = f"<!-- generated: {table.name} -->\n", f"<!-- end: {table.name} -->"
        head, found, rest = text.partition(start)
        if found:
            _, _, tail = rest.partition(end)
            text = f"{head}{start}\n{to_markdown(table, lang)}\n{end}{tail}"
    return text


if __name__ == "__main__":  # pragma: no cover - `python -m shequ_core.workflow PAGE`
    import sys
    from pathlib import Path

    _page = Path(sys.argv[1])
    _page.write_text(fill_page(_page.read_text(encoding="utf-8")), encoding="utf-8")
