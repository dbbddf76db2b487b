"""docs/notebooks/explore.ipynb is committed clean and runs top to bottom with real plots."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

_NOTEBOOK_EXTRA = "the notebook extra (the test extra installs it)"
nbformat = pytest.importorskip("nbformat", reason=_NOTEBOOK_EXTRA)
nbclient = pytest.importorskip("nbclient", reason=_NOTEBOOK_EXTRA)
pytest.importorskip("matplotlib", reason=_NOTEBOOK_EXTRA)
pytest.importorskip("pandas", reason=_NOTEBOOK_EXTRA)

NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "notebooks" / "explore.ipynb"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _code_cells(nb: object) -> list[object]:
    return [c for c in nb.cells if c.cell_type == "code"]  # type: ignore[attr-defined]


def test_notebook_is_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, c in enumerate(_code_cells(nb)) if c.outputs or c.execution_count]
    assert dirty == [], "strip the outputs: jupyter nbconvert --clear-output --inplace"


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> object:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cwd = tmp_path_factory.mktemp("notebook")
    client = nbclient.NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    return nb


def _outputs(nb: object) -> list[dict[str, object]]:
    return [o for c in _code_cells(nb) for o in c.outputs]  # type: ignore[attr-defined]


def _has_cjk_font() -> bool:
    import warnings

    from shequ_core.extra.plots import CjkFontWarning, cjk_font

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CjkFontWarning)
        return cjk_font() is not None


def test_notebook_runs_without_errors_or_warnings(executed: object) -> None:
    outputs = _outputs(executed)
    assert not [o for o in outputs if o["output_type"] == "error"]
    stderr = [o["text"] for o in outputs if o.get("name") == "stderr"]
    if not _has_cjk_font():  # the one warning that says how to install one, and only it
        assert len(stderr) == 1 and "CjkFontWarning" in stderr[0]
        return
    # With a CJK font, no glyph is missing: matplotlib would warn for each one.
    assert stderr == []


def test_notebook_draws_the_four_plots(executed: object) -> None:
    pngs = [
        base64.b64decode(o["data"]["image/png"])  # type: ignore[index]
        for o in _outputs(executed)
        if "image/png" in o.get("data", {})  # type: ignore[operator]
    ]
    # Coverage, deadline stages, the scorecard's heat map, the backlog.
    assert len(pngs) == 4
    for png in pngs:
        assert png.startswith(PNG_SIGNATURE)
        assert len(png) > 10_000  # a drawn chart, not an empty canvas


def test_notebook_renders_scorecard_and_findings_as_tables(executed: object) -> None:
    html = [
        o["data"]["text/html"]  # type: ignore[index]
        for o in _outputs(executed)
        if "text/html" in o.get("data", {})  # type: ignore[operator]
    ]
    scorecards = [h for h in html if 'class="shequ-scorecard"' in h]
    findings = [h for h in html if 'class="shequ-findings"' in h]
    assert len(scorecards) == 1 and "has people" in scorecards[0]
    # The seed's C04 has a four-member committee: the 2018 law's 第七条 asks for 5-9.
    assert any("governance.committee_size" in h and "第七条" in h for h in findings)
