"""``shequ demo``: the sample banner against the article, in both languages, with any
options, and never a personal number.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core.datasets import load_chayouqianqi
from tests.fuzzing import OPTIONS, Counter, check_cli, fuzz
from tests.helpers import assert_clean, shequ
from tests.leaks import hits, library_log, needles, run_cli


def test_demo_shows_the_banner_against_the_article() -> None:
    result = shequ("demo", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    out = result.stdout
    for figure in ("136", "81", "383", "67", "85%"):
        assert figure in out
    assert "Must-visit list" in out
    assert "lossless round trip: True" in out
    # the committees whose terms run out next: the spring 2015 round ends in April 2018
    assert "6. Committee elections: 9 terms end within half a year" in out
    assert "2018-04-18" in out


def test_demo_in_chinese() -> None:
    result = shequ("demo", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert "四个必访" in result.stdout
    assert "六、居委会换届：9 个居委会任期半年内届满或已届满" in result.stdout
    assert_clean(result)


@pytest.mark.fuzz
@fuzz(5, cost=100)
@given(args=st.lists(st.sampled_from(OPTIONS[:13]), max_size=4))
def test_cli_demo_takes_any_options(fuzz_cases: Counter, args: list[str]) -> None:
    fuzz_cases["shequ demo (any options)"] += 1
    check_cli(["demo", *args])


def test_demo_shows_no_personal_number() -> None:
    secret = needles(load_chayouqianqi())
    with library_log() as log:
        for lang in ("zh", "en"):
            for fmt in ("table", "csv", "json"):
                code, text = run_cli("demo", "--lang", lang, "--format", fmt)
                assert code == 0
                assert "脱敏" in text or "redacted" in text
                assert hits(text, secret) == []
    assert hits("\n".join(log.lines), secret) == []
