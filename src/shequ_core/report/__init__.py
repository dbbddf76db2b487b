"""The report page: one self-contained HTML file for the people the results are for.

:func:`render_report` gives the page of a dataset on a day, :func:`write_report` writes
it to a file. The page holds, in Chinese or English:

1. the banner at a glance: a few headline figures, then the banner's figures
   (:func:`~shequ_core.rules.assessment.summary`), beside the seed article's when given
   (``article``, such as :data:`shequ_core.datasets.ARTICLE_FIGURES`);
2. the 三有四化 / 六园一港 scorecard (:func:`~shequ_core.rules.assessment.scorecard`)
   with one chart per measure;
3. the must-visit list (:func:`~shequ_core.rules.visiting.must_visit`) by group and
   urgency (overdue, due today, due within ``horizon_days``), then the list itself;
4. the backlog (:func:`~shequ_core.rules.sla.backlog`) by stage and community, with the
   oldest breaches;
5. the findings of every rule (:func:`~shequ_core.rules.check_dataset`, and the
   scorecard's own) by severity, each with its basis and article;
6. the requests the calendar could not judge, or judged on estimated days, when there
   are any.

Self-contained: the stylesheet and the charts are inline, nothing is fetched (no
script, no font, no image from the network). The charts are SVG drawn by matplotlib
with their text kept as text, so the reader's own fonts show the Chinese. Printed, the
page is A4 with each section on a new page. Every identity and phone number is masked
(:func:`~shequ_core.text.mask_personal`) and residents are listed by id, never by name.
The same input gives the same bytes.

Jinja2 and matplotlib are an optional extra (``pip install 'shequ-core[report]'``):
importing this package imports neither; rendering does.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from shequ_core.calendar import WorkCalendar
from shequ_core.entities import Dataset
from shequ_core.errors import ShequError
from shequ_core.policy import Policy
from shequ_core.report._content import Measure, Report, build_report

__all__ = ["Measure", "Report", "build_report", "render_report", "write_report"]


def _renderer() -> Callable[[Report], str]:
    """The function that makes a report's page, or a clear error without the extra."""
    try:
        from shequ_core.report._page import to_html
    except ImportError as e:
        msg = f"the report page needs the report extra: pip install 'shequ-core[report]' ({e})"
        raise ShequError(msg) from None
    return to_html


def render_report(
    dataset: Dataset,
    *,
    as_of: dt.date,
    policy: Policy | None = None,
    calendar: WorkCalendar | None = None,
    lang: str = "zh",
    **options: Any,
) -> str:
    """The report page of ``dataset`` on ``as_of``, as HTML text (see the module).

    ``policy`` is the committee profile (:func:`~shequ_core.policy.national_policy` of
    ``as_of`` by default); ``calendar`` judges the deadlines (the national one by
    default; a provisional one judges days past the last notice, marked so); ``lang``
    is ``"zh"`` or ``"en"``. The other options are :func:`build_report`'s:
    ``visit_policy``, ``scoring``, ``sla_policy``, ``horizon_days`` (7: the visits due
    within a week) and ``article`` (figures to set beside the banner's, by
    :class:`~shequ_core.rules.assessment.BannerSummary` field name, such as
    :data:`shequ_core.datasets.ARTICLE_FIGURES`).
    """
    to_html = _renderer()
    return to_html(
        build_report(dataset, as_of=as_of, policy=policy, calendar=calendar, lang=lang, **options)
    )


def write_report(
    path: str | os.PathLike[str], dataset: Dataset, *, as_of: dt.date, **options: Any
) -> Report:
    """Write :func:`render_report`'s page (same arguments) to ``path``, all at once or
    not at all (a new file is readable by its owner only, as every file the library
    writes); returns the :class:`Report` it shows (its ``unjudged`` and ``provisional``
    counts, say)."""
    from shequ_core.io import atomic_write

    to_html = _renderer()
    report = build_report(dataset, as_of=as_of, **options)
    page = to_html(report)

    def write(f: TextIO) -> None:
        f.write(page)

    atomic_write(Path(path), write)
    return report
