"""The results' own ``to_frame()`` and ``plot()`` give what the adapters give, and say
which extra to install when it is missing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from shequ_core import ShequError, load_chayouqianqi
from shequ_core.calendar import china_calendar
from shequ_core.policy import seed_policy
from shequ_core.rules import _views
from shequ_core.rules.assessment import scorecard, summary
from shequ_core.rules.sla import backlog

mpl = pytest.importorskip("matplotlib", reason="the plot extra (the test extra installs it)")
pd = pytest.importorskip("pandas", reason="the pandas extra (the test extra installs it)")
mpl.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from shequ_core.extra import plots  # noqa: E402
from shequ_core.extra.pandas import to_frame  # noqa: E402

AS_OF = dt.date(2017, 12, 31)


@pytest.fixture(scope="module")
def banner():  # type: ignore[no-untyped-def]
    return load_chayouqianqi()


def test_to_frame_methods_equal_the_function(banner) -> None:  # type: ignore[no-untyped-def]
    card = scorecard(banner, as_of=AS_OF, policy=seed_policy(AS_OF), calendar=china_calendar())
    report = backlog(banner, as_of=AS_OF, calendar=china_calendar())
    figures = summary(banner, as_of=AS_OF)
    for result in (card, report, figures, card.findings):
        for lang in (None, "zh"):
            got = result.to_frame(lang=lang)
            pd.testing.assert_frame_equal(got, to_frame(result, lang=lang))
            assert got.attrs == to_frame(result, lang=lang).attrs
    assert len(card.to_frame()) == len(card.communities) == 10


def test_plot_methods_draw_what_the_functions_draw(banner) -> None:  # type: ignore[no-untyped-def]
    card = scorecard(banner, as_of=AS_OF, policy=seed_policy(AS_OF), calendar=china_calendar())
    report = backlog(banner, as_of=AS_OF, calendar=china_calendar())
    try:
        for result, function in ((card, plots.plot_scorecard), (report, plots.plot_backlog)):
            mine, theirs = result.plot(lang="en"), function(result, lang="en")
            assert mine.get_title() == theirs.get_title()
            assert [t.get_text() for t in mine.get_yticklabels()] == [
                t.get_text() for t in theirs.get_yticklabels()
            ]
    finally:
        plt.close("all")


def test_a_missing_extra_names_its_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> None:
        raise ImportError(f"No module named {name.rsplit('.', 1)[-1]!r}")

    monkeypatch.setattr(_views.importlib, "import_module", missing)
    with pytest.raises(ShequError, match=r"pip install 'shequ-core\[plot\]'"):
        _views.plotted("plot_scorecard", object(), {})
    with pytest.raises(ShequError, match=r"pip install 'shequ-core\[pandas\]'"):
        _views.as_frame(object())


def test_the_rules_import_neither_pandas_nor_matplotlib() -> None:
    code = (
        "import sys, shequ_core.rules, shequ_core.rules.assessment, shequ_core.rules.sla; "
        "print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
