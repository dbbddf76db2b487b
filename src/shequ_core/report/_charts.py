"""The report's charts: matplotlib figures saved as SVG whose text stays text.

``svg.fonttype = "none"`` writes every label as a ``<text>`` element naming a list of
fonts (:data:`FONTS`, Chinese ones first), so the reader's own fonts draw the Chinese
and a search or a screen reader finds it. ``svg.hashsalt`` and a null date make the same
input give the same bytes. Each chart's ids are prefixed with its own name, so that the
charts of one page never share an id.

matplotlib lays the text out with whatever font it finds; on a machine without a Chinese
font its "missing glyph" warnings are silenced here, since the browser, not
matplotlib, draws the text.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence
from typing import Any

from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from shequ_core.report._content import Measure
from shequ_core.text import mask_personal

__all__ = ["FONTS", "bars_chart", "measure_chart"]

#: The fonts a chart's text asks for, Chinese ones first; the page's stylesheet names
#: the same list.
FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "PingFang SC",
    "Microsoft YaHei",
    "SimHei",
    "DejaVu Sans",
)

#: Colours: a score, the banner's mean, a community without a score; then the stacked
#: series, from calm to alarming.
BAR, MEAN, MISSING = "#3b6ea8", "#c0392b", "#bbbbbb"
CALM, WARN, ALARM = "#3b6ea8", "#e0a030", "#c0392b"

_RC: Any = {
    "svg.fonttype": "none",
    "svg.hashsalt": "shequ-report",
    "font.family": ["sans-serif"],
    "font.sans-serif": list(FONTS),
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
}


def _svg(fig: Figure, name: str) -> str:
    """The figure as an SVG element for inlining: no XML prolog, ids prefixed."""
    buf = io.StringIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{name}-\1)", text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{name}-\1"', text)
    return text.replace("<svg ", f'<svg class="chart" role="img" aria-label="{name}" ', 1)


def _labels(texts: Sequence[str]) -> list[str]:
    """Labels as a chart shows them: masked (a name can hold a phone number), bottom up."""
    return [mask_personal(t) for t in texts][::-1]


def _figure(names: Sequence[str]) -> Figure:
    """A figure for a bar per name, its margins set by hand (a tight layout would draw
    each chart twice): room on the left for the longest name, a Chinese character
    counted as two Latin letters, whatever font matplotlib happens to measure with."""
    height = 0.95 + 0.26 * max(len(names), 1)
    width = max((sum(2 if ord(c) > 0x2E80 else 1 for c in n) for n in names), default=0)
    left = min(0.45, max(0.14, 0.05 + 0.0115 * width))
    fig = Figure(figsize=(6.2, height))
    fig.subplots_adjust(left=left, right=0.97, top=1 - 0.4 / height, bottom=0.35 / height)
    return fig


def measure_chart(m: Measure, *, title: str, mean_label: str, none_label: str) -> str:
    """One measure: a bar per community (its score out of 100), the banner's mean as a
    line; a community without a score is named with ``none_label`` at 0."""
    with rc_context(_RC):
        names = _labels([name for name, _ in m.scores])
        fig = _figure(names)
        ax = fig.subplots()
        values = [0 if s is None else s for _, s in m.scores][::-1]
        colours = [MISSING if s is None else BAR for _, s in m.scores][::-1]
        bars = ax.barh(names, values, color=colours, height=0.65)
        labels = [none_label if s is None else str(s) for _, s in m.scores][::-1]
        ax.bar_label(bars, labels=labels, padding=3, fontsize=8)
        if m.banner is not None:
            ax.axvline(m.banner, color=MEAN, linestyle="--", linewidth=1.2)
            ax.text(
                m.banner,
                len(names) - 0.35,
                f"{mean_label} {m.banner}",
                color=MEAN,
                fontsize=8,
                ha="center",
                va="bottom",
            )
        ax.set_xlim(0, 112)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_title(mask_personal(title), loc="left")
        return _svg(fig, f"chart-{m.key}")


def bars_chart(
    name: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[int]]],
) -> str:
    """Horizontal bars of counts per category, the series stacked and named in a legend
    (the backlog by community and stage, the visits due by group and urgency); each
    series is ``(label, colour, counts)``."""
    with rc_context(_RC):
        names = _labels(categories)
        fig = _figure([*names, ""])
        ax = fig.subplots()
        left = [0] * len(names)
        for label, colour, values in series:
            shown = list(values)[::-1]
            ax.barh(names, shown, left=left, color=colour, height=0.65, label=mask_personal(label))
            left = [a + b for a, b in zip(left, shown, strict=True)]
        top = max(left, default=0)
        for y, total in enumerate(left):
            if total:
                ax.text(total + top * 0.01 + 0.05, y, str(total), va="center", fontsize=8)
        ax.set_xlim(0, max(top * 1.12, 1))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(mask_personal(title), loc="left")
        ax.legend(loc="lower right", frameon=False, fontsize=8)
        return _svg(fig, name)
