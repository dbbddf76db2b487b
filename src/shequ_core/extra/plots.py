"""Charts of the rules' results for notebooks, with Chinese labels that render.

matplotlib is an optional extra (``pip install 'shequ-core[plot]'``): importing
shequ_core never imports it, and this module imports it only when called.

* :func:`plot_scorecard` draws a :class:`~shequ_core.rules.assessment.Scorecard`: the
  communities against the fourteen dimensions as a heat map of their scores, or, given
  one ``measure``, each community's figure as a bar beside the banner's;
* :func:`plot_backlog` draws a :class:`~shequ_core.rules.sla.BacklogReport`: each
  community's open requests by stage, the overdue ones in red.

matplotlib's default font has no Chinese characters: community names and labels draw
as empty boxes. The charts use the first CJK font installed (:data:`CJK_FONTS`, found by
:func:`cjk_font`), set on their own text only, never in the global ``rcParams``. Where
none is installed, a :class:`CjkFontWarning` says once how to install one, and the
charts fall back to English labels and community ids, which every font draws.
:func:`cjk_rc` gives the settings for charts of your own:
``plt.rcParams.update(cjk_rc())`` in a notebook, or ``with plt.rc_context(cjk_rc()):``.

Both functions draw on ``ax`` when given (a matplotlib ``Axes``), on a new figure
otherwise, and return the ``Axes``, to be adjusted, saved or shown.
"""

from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from shequ_core.errors import Problem, ValidationError
from shequ_core.extra.pandas import to_frame
from shequ_core.rules.assessment import Dimension, Scorecard
from shequ_core.rules.sla import OPEN_STAGES, BacklogReport, SlaStage
from shequ_core.text import Lang

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "CJK_FONTS",
    "INSTALL_CJK_FONT",
    "CjkFontWarning",
    "cjk_font",
    "cjk_rc",
    "plot_backlog",
    "plot_scorecard",
]

#: The CJK fonts looked for, in this order: Noto Sans CJK and Source Han Sans (the same
#: design) on Linux, WenQuanYi on older Linux systems, SimHei and Microsoft YaHei on
#: Windows, PingFang and Heiti on macOS.
CJK_FONTS: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
)

#: What the warning says to do when no CJK font is installed.
INSTALL_CJK_FONT = (
    "no CJK font is installed, so Chinese text would draw as empty boxes: the charts use "
    "English labels and community ids instead. Install one, then restart the kernel: "
    "Debian/Ubuntu `sudo apt install fonts-noto-cjk`; Fedora `sudo dnf install "
    "google-noto-sans-cjk-fonts`; Arch `sudo pacman -S noto-fonts-cjk`; Windows "
    "(Microsoft YaHei, SimHei) and macOS (PingFang SC) have one already. Looked for: "
    + ", ".join(CJK_FONTS)
)

# The font files of CJK_FONTS, to add a font installed after matplotlib cached its list.
_FONT_FILES = re.compile(
    r"(NotoSansCJK|SourceHanSans|wqy-zenhei|wqy-microhei|simhei|msyh|PingFang|STHeiti)",
    re.IGNORECASE,
)


class CjkFontWarning(UserWarning):
    """No CJK font is installed: Chinese labels cannot render (see :func:`cjk_font`)."""


_warned = False


def _installed_fonts() -> set[str]:
    """The font families matplotlib knows, after adding any CJK font it missed.

    matplotlib caches its list of fonts once; a font installed later is not in it, so
    the CJK font files among the system's are added (``FontManager.addfont``).
    """
    from matplotlib import font_manager

    manager = font_manager.fontManager
    known = {f.fname for f in manager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known and _FONT_FILES.search(path):
            try:
                manager.addfont(path)
            except (OSError, RuntimeError):  # pragma: no cover - an unreadable font file
                continue
    return {f.name for f in manager.ttflist}


def cjk_font() -> str | None:
    """The first font of :data:`CJK_FONTS` that is installed, or None.

    When there is none, warns once per session (:class:`CjkFontWarning`) with the
    line that installs one on the common systems.
    """
    global _warned
    installed = _installed_fonts()
    for name in CJK_FONTS:
        if name in installed:
            return name
    if not _warned:
        _warned = True
        warnings.warn(INSTALL_CJK_FONT, CjkFontWarning, stacklevel=3)
    return None


def cjk_rc() -> dict[str, Any]:
    """matplotlib settings that draw Chinese: the CJK font first (when one is installed),
    matplotlib's own sans-serif fonts after it, and a minus sign every font has."""
    import matplotlib as mpl

    rc: dict[str, Any] = {"axes.unicode_minus": False}
    font = cjk_font()
    if font is not None:
        rc["font.family"] = "sans-serif"
        rc["font.sans-serif"] = [font, *mpl.rcParams["font.sans-serif"]]
    return rc


def plot_scorecard(
    scorecard: Scorecard,
    *,
    measure: Dimension | str | None = None,
    ax: Axes | None = None,
    lang: Lang = "zh",
) -> Axes:
    """The scorecard's communities as a chart.

    Without ``measure``: a heat map, communities down, the fourteen dimensions across,
    each cell its score (0–100, red to green; blank where the data cannot score it),
    the banner's means in the last row. With ``measure`` (a :class:`Dimension`, or a
    column of :func:`~shequ_core.extra.pandas.to_frame` of the scorecard such as
    ``"backlog"`` or ``"on_time_share"``): one bar per community, best first, and the
    banner's figure as a line.
    """
    _check_lang(lang)
    frame = to_frame(scorecard)
    with _chart_text(lang) as text:
        if measure is None:
            return _heat_map(scorecard, frame, ax, text)
        column = measure.value if isinstance(measure, Dimension) else measure
        if column not in frame.columns or column in ("community_id", "name"):
            msg = f"is not a figure of the scorecard: {measure!r}"
            problem = Problem("measure", msg, "invalid_argument")
            raise ValidationError([problem], subject="plot_scorecard")
        return _bars(scorecard, frame, column, ax, text)


def plot_backlog(
    report: BacklogReport,
    *,
    names: Mapping[str, str] | None = None,
    ax: Axes | None = None,
    lang: Lang = "zh",
) -> Axes:
    """Each community's open requests by stage (running, paused, overdue in red), as
    stacked horizontal bars, with the on-time share of the period in the title.

    A report knows its communities by id: ``names`` maps them to their names
    (``{c.id: c.name for c in dataset.communities}``) for the chart to show.
    """
    _check_lang(lang)
    frame = to_frame(report)
    with _chart_text(lang) as text:
        from matplotlib.ticker import MaxNLocator

        ax = _axes(ax, (8, 0.45 * len(frame) + 1.6))
        known = names or {}
        rows = [text.community(known.get(cid, cid), cid) for cid in frame["community_id"]]
        left = [0] * len(frame)
        colours = {SlaStage.RUNNING: "#4c78a8", SlaStage.PAUSED: "#9d9d9d"}
        for stage in OPEN_STAGES:
            counts = [int(n) for n in frame[stage.value]]
            ax.barh(
                rows,
                counts,
                left=left,
                color=colours.get(stage, "#d62728"),
                label=stage.label(text.lang),
            )
            left = [a + b for a, b in zip(left, counts, strict=True)]
        ax.invert_yaxis()
        ax.set_xlabel(text.pick("在办工单（件）", "open requests"))
        share = report.on_time_share
        shown = "-" if share is None else f"{share:.0%}"
        first, last = report.period
        ax.set_title(
            text.pick(
                f"{report.as_of} 在办工单；{first}至{last}按期办结率 {shown}",
                f"Open requests on {report.as_of}; on time {first} to {last}: {shown}",
            )
        )
        ax.legend(loc="lower right")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        return text.finish(ax)


# -- drawing ---------------------------------------------------------------------------


def _check_lang(lang: object) -> None:
    if lang not in ("zh", "en"):
        problem = Problem("lang", f"must be 'zh' or 'en', got {lang!r}", "invalid_argument")
        raise ValidationError([problem], subject="plot")


class _Text:
    """The language and font of one chart: English and ids where no CJK font is found."""

    def __init__(self, lang: Lang) -> None:
        self.font = cjk_font()
        self.lang: Lang = lang if self.font is not None else "en"

    def pick(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def community(self, name: str, community_id: str | None) -> str:
        if self.lang == "zh" or community_id is None:
            return name if self.font is not None or name.isascii() else str(community_id)
        return community_id

    def finish(self, ax: Axes) -> Axes:
        if self.font is not None:  # tick labels made when the chart is drawn, later
            for axis in ("x", "y"):
                ax.tick_params(axis=axis, labelfontfamily=self.font)
        return ax


@contextlib.contextmanager
def _chart_text(lang: Lang) -> Iterator[_Text]:
    """The chart's text settings while it is made; the global ``rcParams`` after."""
    import matplotlib as mpl

    text = _Text(lang)
    rc: Any = {"axes.unicode_minus": False}
    if text.font is not None:  # names, not "sans-serif": they outlive the context
        rc["font.family"] = [text.font, "DejaVu Sans"]
    with mpl.rc_context(rc):
        yield text


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _row_names(frame: Any, text: _Text) -> list[str]:
    return [text.community(n, c) for n, c in zip(frame["name"], frame["community_id"], strict=True)]


def _heat_map(scorecard: Scorecard, frame: Any, ax: Axes | None, text: _Text) -> Axes:
    import numpy as np

    total = frame.attrs["total"]
    dims = [d.value for d in Dimension]
    values = frame[dims].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    values = np.vstack([values, [np.nan if total[d] is None else total[d] for d in dims]])
    rows = [*_row_names(frame, text), text.pick("全旗", "banner")]
    ax = _axes(ax, (11, 0.42 * len(rows) + 2.6))
    ax.set_facecolor("#e8e8e8")  # the cells no figure scores
    image = ax.imshow(np.ma.masked_invalid(values), cmap="RdYlGn", vmin=0, vmax=100, aspect="auto")
    for (i, j), score in np.ndenumerate(values):
        if not np.isnan(score):
            dark = score < 25 or score > 80
            ax.text(j, i, f"{score:.0f}", ha="center", va="center", fontsize=8,
                    color="white" if dark else "black")  # fmt: skip
    ax.set_xticks(range(len(dims)), [d.label(text.lang) for d in Dimension])
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(axis="x", labelrotation=45)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    ax.axhline(len(rows) - 1.5, color="black", linewidth=1)
    ax.set_title(
        text.pick(
            f"三有四化 · 六园一港评分（{scorecard.as_of}，{scorecard.policy_name}）",
            f"Scorecard on {scorecard.as_of} ({scorecard.policy_name} policy)",
        )
    )
    ax.figure.colorbar(image, ax=ax, shrink=0.8)
    return text.finish(ax)


def _bars(scorecard: Scorecard, frame: Any, column: str, ax: Axes | None, text: _Text) -> Axes:
    import numpy as np

    values = frame[column].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    order = sorted(range(len(frame)), key=lambda i: (np.isnan(values[i]), -values[i]))
    names = _row_names(frame, text)
    ax = _axes(ax, (8, 0.45 * len(frame) + 1.6))
    ax.barh([names[i] for i in order], [values[i] for i in order], color="#4c78a8")
    ax.invert_yaxis()
    codes = {d.value: d for d in Dimension}
    title = codes[column].label(text.lang) if column in codes else column
    banner = frame.attrs["total"][column]
    if banner is not None:
        ax.axvline(banner, color="black", linestyle="--", linewidth=1,
                   label=text.pick(f"全旗 {banner:g}", f"banner {banner:g}"))  # fmt: skip
        ax.legend(loc="lower right")
    ax.set_title(text.pick(f"{title}（{scorecard.as_of}）", f"{title} on {scorecard.as_of}"))
    return text.finish(ax)
