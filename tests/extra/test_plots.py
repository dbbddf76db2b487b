"""Charts of the results with Chinese labels that render (issue #20, item 4).

Rendering is checked by drawing: the suite turns every warning into an error, and
matplotlib warns for each glyph its font lacks ("Glyph ... missing from font(s)"), so a
chart that would show empty boxes fails its test.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import warnings

import pytest

from shequ_core import load_chayouqianqi
from shequ_core.calendar import china_calendar
from shequ_core.errors import ValidationError
from shequ_core.policy import seed_policy
from shequ_core.rules.assessment import Dimension, Scorecard, scorecard
from shequ_core.rules.sla import BacklogReport, backlog

mpl = pytest.importorskip("matplotlib", reason="the plot extra (the test extra installs it)")
pytest.importorskip("pandas", reason="the plot extra (the test extra installs it)")
mpl.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from shequ_core.extra import plots  # noqa: E402

AS_OF = dt.date(2017, 12, 31)


@pytest.fixture(scope="module")
def card() -> Scorecard:
    ds = load_chayouqianqi()
    return scorecard(ds, as_of=AS_OF, policy=seed_policy(AS_OF), calendar=china_calendar())


@pytest.fixture(scope="module")
def report() -> BacklogReport:
    return backlog(load_chayouqianqi(), as_of=AS_OF, calendar=china_calendar())


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    """A system with matplotlib's own fonts only, warned about nothing yet."""
    monkeypatch.setattr(plots, "_installed_fonts", lambda: {"DejaVu Sans", "DejaVu Serif"})
    monkeypatch.setattr(plots, "_warned", False)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def installed_cjk_font() -> str:
    """The CJK font the charts use, checked against fontconfig's own list; a skip where
    the system has none of :data:`plots.CJK_FONTS`."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        pytest.skip("no fontconfig (fc-list) to list the fonts installed")
    listed = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True)
    if not any(name in listed.stdout for name in plots.CJK_FONTS):
        pytest.skip("no CJK font installed (Debian/Ubuntu: apt install fonts-noto-cjk)")
    font = plots.cjk_font()
    assert font is not None and font in listed.stdout
    return font


def draw(ax: object) -> bytes:
    """The chart as PNG; any glyph missing from its fonts is an error (pytest settings)."""
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png", dpi=60)  # type: ignore[attr-defined]
    return buffer.getvalue()


def texts(ax: object) -> list[object]:
    ax.figure.canvas.draw()  # type: ignore[attr-defined]  # the ticks are made when drawn
    return [
        *ax.get_xticklabels(),  # type: ignore[attr-defined]
        *ax.get_yticklabels(),  # type: ignore[attr-defined]
        ax.title,  # type: ignore[attr-defined]
    ]


# -- with a CJK font ---------------------------------------------------------------------


def test_the_scorecard_draws_its_chinese_labels(card: Scorecard) -> None:
    font = installed_cjk_font()
    before = dict(mpl.rcParams)
    ax = plots.plot_scorecard(card)
    assert mpl.rcParams == before  # the chart's font is its own, not the session's
    files = {f.fname for f in font_manager.fontManager.ttflist if f.name == font}
    shown = texts(ax)
    labels = [t.get_text() for t in shown]
    assert "有人管事" in labels and "红色港湾" in labels and "团结社区" in labels
    assert "全旗" in labels
    for text in shown:
        if text.get_text():
            path = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
            assert str(path) in files  # a FontPath (matplotlib 3.11) or a str
    assert len(draw(ax)) > 10_000  # drawn after the context, without a missing glyph


def test_one_measure_is_a_bar_per_community_best_first(card: Scorecard) -> None:
    installed_cjk_font()
    ax = plots.plot_scorecard(card, measure=Dimension.HAS_PEOPLE)
    widths = [bar.get_width() for bar in ax.patches]
    scores = [c.score(Dimension.HAS_PEOPLE) for c in card.communities.values()]
    scores.sort(reverse=True)
    assert widths == scores
    (line,) = ax.get_lines()
    assert line.get_xdata()[0] == card.banner.score(Dimension.HAS_PEOPLE)
    assert ax.get_title().startswith("有人管事")
    draw(ax)
    ax = plots.plot_scorecard(card, measure="on_time_share", lang="en")
    assert ax.patches[0].get_width() == 1.0
    draw(ax)
    # On axes of your own; a dimension nothing scores has no banner line.
    _, mine = plt.subplots()
    ax = plots.plot_scorecard(card, measure=Dimension.INFORMATION_SUPPORT, ax=mine)
    assert ax is mine and ax.get_lines() == [] and ax.get_legend() is None


def test_the_backlog_stacks_the_open_requests_of_each_community(report: BacklogReport) -> None:
    installed_cjk_font()
    ds = load_chayouqianqi()
    ax = plots.plot_backlog(report, names={c.id: c.name for c in ds.communities})
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [c.name for c in ds.communities]
    per_row: dict[float, float] = {}
    reds = 0.0
    for bar in ax.patches:
        per_row[bar.get_y()] = per_row.get(bar.get_y(), 0) + bar.get_width()
        reds += bar.get_width() if bar.get_facecolor()[0] > 0.8 else 0
    assert sum(per_row.values()) == len(report.open_requests)
    assert reds == len(report.breached) == 2
    assert "按期办结率 91%" in ax.get_title()
    draw(ax)


def test_cjk_rc_puts_the_font_first() -> None:
    font = installed_cjk_font()
    rc = plots.cjk_rc()
    assert rc["font.sans-serif"][0] == font and rc["axes.unicode_minus"] is False
    with plt.rc_context(rc):
        _, ax = plt.subplots()
        ax.set_title("社区")
        draw(ax)


# -- without one -------------------------------------------------------------------------


@pytest.mark.usefixtures("no_cjk_font")
def test_without_a_cjk_font_one_warning_says_how_to_install_one(card: Scorecard) -> None:
    with pytest.warns(plots.CjkFontWarning, match="apt install fonts-noto-cjk"):
        ax = plots.plot_scorecard(card)
    # Labels every font draws: English, and the communities' ids.
    labels = [t.get_text() for t in texts(ax)]
    assert "has people" in labels and "C03" in labels and "banner" in labels
    assert not any(not text.isascii() for text in labels)  # drawn by texts(): no glyph lost
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # once: the second chart says nothing
        draw(plots.plot_scorecard(card, measure="backlog"))
        assert plots.cjk_font() is None
        assert "font.family" not in plots.cjk_rc()


def test_the_warning_names_every_common_system() -> None:
    for line in ("fonts-noto-cjk", "google-noto-sans-cjk-fonts", "PingFang SC", "Microsoft YaHei"):
        assert line in plots.INSTALL_CJK_FONT


def test_bad_arguments_are_refused(card: Scorecard, report: BacklogReport) -> None:
    with pytest.raises(ValidationError):
        plots.plot_scorecard(card, measure="name")
    with pytest.raises(ValidationError):
        plots.plot_scorecard(card, measure="nonsense")
    with pytest.raises(ValidationError):
        plots.plot_backlog(report, lang="fr")  # type: ignore[arg-type]


def test_importing_the_module_does_not_import_matplotlib() -> None:
    code = (
        "import sys, shequ_core.extra.plots\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
