"""The results of the lifecycle and election issues (#18, #19) as DataFrames, like every
other result: one row per community or step, the total apart, numbers numeric."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shequ_core import Dataset, load_chayouqianqi
from shequ_core import strategies as sst
from shequ_core.calendar import china_calendar
from shequ_core.policy import HOTLINE_PROFILES, JINAN_2018, national_policy
from shequ_core.rules.elections import election_timeline
from shequ_core.rules.hotline import HotlineRates, hotline_rates
from shequ_core.rules.mediation import resolution_rate

pd = pytest.importorskip("pandas", reason="the pandas extra (the test extra installs it)")

from shequ_core.extra.pandas import to_frame  # noqa: E402

CAL = china_calendar()
RATES = ("response", "resolution", "satisfaction")


def _as_float(rate: Fraction | None) -> float | None:
    return None if rate is None else float(rate)


def _same_figures(frame: object, rates: HotlineRates) -> None:
    """The frame holds exactly the rates' figures: every count, every rate."""
    assert list(frame["community_id"]) == [c.community_id for c in rates.communities]  # type: ignore[index]
    rows = [*rates.communities, rates.total]
    got = [*frame.to_dict("records"), frame.attrs["total"]]  # type: ignore[attr-defined]
    for row, community in zip(got, rows, strict=True):
        assert row["orders"] == community.orders
        for name in RATES:
            rate = getattr(community, name)
            assert row[f"{name}_numerator"] == rate.numerator
            assert row[f"{name}_denominator"] == rate.denominator
            value = row[f"{name}_rate"]
            expected = _as_float(rate.value)
            if expected is None:
                assert value is None or pd.isna(value)
            else:
                assert value == pytest.approx(expected)


def test_the_banners_rates_as_a_frame() -> None:
    banner = load_chayouqianqi()
    as_of = dt.date(2017, 12, 31)
    rates = hotline_rates(
        banner, start=dt.date(2000, 1, 1), end=as_of, as_of=as_of,
        policy=HOTLINE_PROFILES["national-2020"], calendar=CAL,
    )  # fmt: skip
    frame = rates.to_frame()
    assert len(frame) == len(rates.communities) == 10
    _same_figures(frame, rates)
    for name in RATES:
        assert str(frame[f"{name}_rate"].dtype) == "Float64"
        assert str(frame[f"{name}_numerator"].dtype) == "int64"
    zh = rates.to_frame(lang="zh")
    assert list(zh.columns)[:3] == ["社区编号", "工单数", "响应率·分子"]
    pd.testing.assert_frame_equal(zh.set_axis(frame.columns, axis=1), frame)  # headers only


def test_rates_of_nothing_keep_their_columns() -> None:
    empty = hotline_rates(
        Dataset(), start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
        as_of=dt.date(2024, 12, 31), policy=JINAN_2018, calendar=CAL,
    )  # fmt: skip
    frame = to_frame(empty)
    assert frame.empty
    assert {"community_id", "orders", "response_rate", "satisfaction_denominator"} <= set(
        frame.columns
    )
    assert frame.attrs["total"]["orders"] == 0


@settings(max_examples=15, deadline=None)
@given(ds=sst.datasets(), profile=st.sampled_from(sorted(HOTLINE_PROFILES)))
def test_a_rates_frame_holds_exactly_the_rates_figures(ds: Dataset, profile: str) -> None:
    days = [r.received_on for r in ds.service_requests] or [dt.date(2020, 1, 1)]
    start, end = min(days), max(days)
    rates = hotline_rates(
        ds, start=start, end=end, as_of=end, policy=HOTLINE_PROFILES[profile], calendar=CAL
    )
    _same_figures(rates.to_frame(), rates)


def test_the_resolution_rate_as_a_frame() -> None:
    banner = load_chayouqianqi()
    as_of = dt.date(2017, 12, 31)
    rates = resolution_rate(banner, start=dt.date(2000, 1, 1), end=as_of)
    frame = rates.to_frame()
    assert list(frame["community_id"]) == [c.community_id for c in rates.communities]
    assert list(frame["rate_numerator"]) == [c.rate.numerator for c in rates.communities]
    total = frame.attrs["total"]
    assert (total["rate_numerator"], total["rate_denominator"]) == (67, 80)  # the article's 67
    assert total["rate_rate"] == pytest.approx(67 / 80)


def test_an_election_timeline_as_a_frame() -> None:
    day = dt.date(2026, 5, 17)
    steps = election_timeline(day, policy=national_policy(day))
    frame = to_frame(steps)
    assert len(frame) == len(steps)
    assert list(frame["name_zh"]) == [s.name_zh for s in steps]
    last = [None if s.last_day is None else pd.Timestamp(s.last_day) for s in steps]
    assert [None if pd.isna(v) else v for v in frame["last_day"]] == last
    assert str(frame["last_day"].dtype) == "datetime64[ns]"
    zh = to_frame(steps, lang="zh")
    assert {"步骤", "最晚日期", "依据·条款"} <= set(zh.columns)
    assert list(zh["依据·条款"]) == [s.basis.article for s in steps]
    assert "社区" not in zh.columns  # a step's name is not a community's
