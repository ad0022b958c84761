"""Space weather from the shipped CelesTrak file: values against an independent parse,
well-known storms and cycles, the NRLMSIS input conventions, regimes and covered range.

See also test_spaceweather_scenarios.py, test_spaceweather_bad_files.py and
test_spaceweather_against_pymsis.py; fixtures in conftest.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import numpy as np
import pytest
from conftest import SHARED

from stationkeeper.data import data_path
from stationkeeper.environment.spaceweather import REGIMES, load_space_weather
from stationkeeper.environment.spaceweather.__main__ import main
from stationkeeper.errors import InputError, SpaceWeatherRangeError

SHIPPED = data_path("SW-All.txt")
FIRST_OBS = date(1957, 10, 1)
LAST_OBS = date(2025, 7, 20)


def _ap8(tok: list[str]) -> list[int]:
    return [int(x) for x in tok[14:22]]


def _ap_daily(tok: list[str]) -> int:
    return int(tok[22])


def _f107(tok: list[str]) -> float:
    return float(tok[30])


def _ctr81(tok: list[str]) -> float:
    return float(tok[31])


# -------------------------------------------------------------- the real file


def test_shipped_file_is_the_shared_copy():
    shared = SHARED / "data/spaceweather/SW-All.txt"
    if not shared.exists():
        pytest.skip("shared data not beside the repository")
    assert SHIPPED.read_bytes() == shared.read_bytes()


def test_observed_rows_cover_every_day(sw, text_rows):
    n_days = (LAST_OBS - FIRST_OBS).days + 1
    assert sw.n_observed == n_days == len(text_rows) == 24765
    assert sw.observed_range == (FIRST_OBS, LAST_OBS)
    assert sw.covered_range == (FIRST_OBS, date(2041, 10, 31))
    assert sw.source == SHIPPED
    counts = np.bincount(sw.regime_code, minlength=3)
    assert counts[0] == n_days
    assert counts[1] == 39 + 3  # 39 daily rows + 2025-08-29..31 held until September
    assert counts[2] == (date(2041, 11, 1) - date(2025, 9, 1)).days


def test_values_match_an_independent_parse(sw, text_rows):
    rng = np.random.default_rng(7)
    days = sorted(text_rows)
    picks = [days[i] for i in rng.choice(len(days), 300, replace=False)]
    picks += [date(2003, 10, 29), date(2019, 12, 15), LAST_OBS]
    for d in picks:
        tok = text_rows[d]
        got = sw.lookup(d)
        assert got.regime == "observed"
        assert got.f107_obs_sfu == pytest.approx(_f107(tok), abs=1e-9)
        assert got.f107_obs_ctr81_sfu == pytest.approx(_ctr81(tok), abs=1e-9)
        assert got.f107_obs_lst81_sfu == pytest.approx(float(tok[32]), abs=1e-9)
        assert got.f107_adj_sfu == pytest.approx(float(tok[26]), abs=1e-9)
        assert got.ap_daily == _ap_daily(tok)
        assert list(got.ap_3h) == _ap8(tok)
        assert not got.filled


def test_well_known_storms(sw):
    # March 1989 (Quebec blackout): Ap 246.
    assert sw.lookup(date(1989, 3, 13)).ap_daily == 246
    # Halloween 2003: Ap 204 on 29 October, ~190 on the 30th, ap 400 in both days.
    oct29, oct30 = sw.lookup(date(2003, 10, 29)), sw.lookup(date(2003, 10, 30))
    assert oct29.ap_daily >= 200
    assert oct30.ap_daily >= 150
    assert max(oct29.ap_3h) == max(oct30.ap_3h) == 400
    # "Gannon" storm, 10-11 May 2024: the strongest since 1989.
    may11 = sw.lookup(date(2024, 5, 11))
    assert may11.ap_daily >= 250 and max(may11.ap_3h) == 400
    # The largest daily Ap since 1957 is the 13 November 1960 storm (Ap 280).
    obs = slice(0, sw.n_observed)
    assert sw.ap_daily[obs].max() == 280
    assert sw.dates[obs][np.argmax(sw.ap_daily[obs])] == np.datetime64("1960-11-13")


def _monthly_mean_f107(sw, first: str, last: str) -> np.ndarray:
    df = sw.to_frame("observed")
    return df.loc[first:last, "f107_obs_sfu"].resample("MS").mean().to_numpy()


def test_solar_cycle_levels(sw):
    # Cycle 24/25 minimum (2019-2020): F10.7 monthly means ~ 65-75 sfu.
    low = _monthly_mean_f107(sw, "2019-07-01", "2020-06-30")
    assert low.shape == (12,)
    assert np.all((low > 62) & (low < 78))
    # Cycle 25 maximum (2024): monthly means ~ 155-250 sfu, peaking in August
    # (the highest monthly mean of cycle 25 so far was August 2024).
    high = _monthly_mean_f107(sw, "2024-01-01", "2024-12-31")
    assert np.all((high > 150) & (high < 260))
    assert 220 < high.max() < 260 and np.argmax(high) == 7


def test_radio_bursts_flagged(sw, text_rows):
    burst_days = sw.dates[: sw.n_observed][sw.radio_burst[: sw.n_observed]]
    assert np.datetime64("2011-03-07") in burst_days
    assert np.datetime64("2003-11-04") in burst_days
    for d in text_rows:
        if _f107(text_rows[d]) > 400:
            assert np.datetime64(d) in burst_days


# -------------------------------------------------------- NRLMSIS conventions


def test_f107_is_previous_day(sw, text_rows):
    r = sw.msis_inputs(
        np.array(
            ["2003-10-30T00:00:00", "2003-10-30T12:00:00", "2003-10-29T23:59:59"],
            dtype="datetime64[s]",
        )
    )
    prev30 = _f107(text_rows[date(2003, 10, 29)])
    prev29 = _f107(text_rows[date(2003, 10, 28)])
    assert r.f107_sfu.tolist() == [prev30, prev30, prev29]
    # f107a is the centred 81-day mean of the day itself
    assert r.f107a_sfu.tolist() == [_ctr81(text_rows[date(2003, 10, d)]) for d in (30, 30, 29)]


def test_radio_burst_day_feeds_81_day_mean(sw, text_rows, t64):
    # 2003-11-04 F10.7 = 560.9 (flare); NRLMSIS on 11-05 gets that day's 81-day mean.
    r = sw.msis_inputs(t64("2003-11-05T06:00"))
    assert r.f107_sfu[0] == _ctr81(text_rows[date(2003, 11, 4)])


def test_ap_history_by_hand(sw, text_rows, t64):
    d28, d29, d30 = (_ap8(text_rows[date(2003, 10, d)]) for d in (28, 29, 30))
    # 10:30 UT on 30 Oct: interval 3 (09-12 UT) of the 30th.
    r = sw.msis_inputs(t64("2003-10-30T10:30"))
    expected = [
        _ap_daily(text_rows[date(2003, 10, 30)]),
        d30[3],
        d30[2],
        d30[1],
        d30[0],
        sum(d29) / 8,  # 12-33 h before: the eight intervals of the 29th
        sum(d28) / 8,  # 36-57 h before: the eight intervals of the 28th
    ]
    assert r.ap[0].tolist() == pytest.approx(expected)
    # 16:00 UT: interval 5; windows straddle midnight.
    r = sw.msis_inputs(t64("2003-10-30T16:00"))
    expected = [
        _ap_daily(text_rows[date(2003, 10, 30)]),
        d30[5],
        d30[4],
        d30[3],
        d30[2],
        (sum(d29[2:]) + sum(d30[:2])) / 8,
        (sum(d28[2:]) + sum(d29[:2])) / 8,
    ]
    assert r.ap[0].tolist() == pytest.approx(expected)
    assert r.regime.tolist() == ["observed"]


def test_output_shapes_and_input_kinds(sw):
    base = datetime(2003, 10, 30, 16, 0, tzinfo=UTC)
    as_np = sw.msis_inputs(np.array([base.replace(tzinfo=None)], dtype="datetime64[us]"))
    assert as_np.f107_sfu.shape == (1,) and as_np.ap.shape == (1, 7) and len(as_np) == 1
    cet = timezone(timedelta(hours=2))
    for other in (
        [base.astimezone(cet)],
        base,
        ["2003-10-30T16:00:00"],
        np.datetime64("2003-10-30T16:00"),
    ):
        r = sw.msis_inputs(other)
        assert r.ap.tolist() == as_np.ap.tolist()
        assert r.f107_sfu.tolist() == as_np.f107_sfu.tolist()
    pd = pytest.importorskip("pandas")
    idx = pd.DatetimeIndex([base]).tz_convert("Europe/Paris")
    assert sw.msis_inputs(idx).ap.tolist() == as_np.ap.tolist()
    assert sw.msis_inputs(pd.Series(idx)).ap.tolist() == as_np.ap.tolist()
    with pytest.raises(InputError, match="naive"):
        sw.msis_inputs([datetime(2003, 10, 30)])
    with pytest.raises(InputError, match="NaT"):
        sw.msis_inputs(np.array(["NaT"], dtype="datetime64[s]"))
    with pytest.raises(InputError, match="scenario"):
        sw.msis_inputs(base, solar="medium")


def test_lookup_days_are_utc(sw):
    cet = timezone(timedelta(hours=2))
    assert sw.lookup(datetime(2003, 10, 30, 1, 0, tzinfo=cet)).date == date(2003, 10, 29)
    with pytest.raises(InputError, match="naive"):
        sw.lookup(datetime(2003, 10, 30))


# ---------------------------------------------------------- regimes and range


def test_observed_scenario_refuses_the_future(sw, t64):
    with pytest.raises(SpaceWeatherRangeError) as err:
        sw.msis_inputs(t64("2030-01-01T00:00"), solar="observed")
    msg = str(err.value)
    assert "SW-All.txt" in msg and err.value.file == str(SHIPPED)
    assert "2030-01-01" in msg and "1957-10-01" in msg and "2025-07-20" in msg
    assert sw.msis_inputs(t64("2025-07-20T23:59:59"), solar="observed").regime[0] == "observed"
    with pytest.raises(SpaceWeatherRangeError):
        sw.msis_inputs(t64("2025-07-21T00:00"), solar="observed")


def test_nominal_range_ends(sw, t64):
    assert sw.msis_inputs(t64("2041-10-31T23:59:59")).regime[0] == "monthly_forecast"
    for outside in ("2041-11-01T00:00", "1957-09-30T23:59"):
        with pytest.raises(SpaceWeatherRangeError, match=outside[:10]):
            sw.msis_inputs(t64(outside))


def test_regimes_at_section_boundaries(sw):
    times = np.array(
        [
            "2025-07-20T23:59:59",
            "2025-07-21T00:00:00",
            "2025-08-28T12:00:00",
            "2025-08-29T00:00:00",  # after the 39 daily rows: held, filled
            "2025-08-31T23:59:59",
            "2025-09-01T00:00:00",
            "2030-06-15T00:00:00",
        ],
        dtype="datetime64[s]",
    )
    nominal = ["observed"] + ["daily_forecast"] * 4 + ["monthly_forecast"] * 2
    assert sw.msis_inputs(times).regime.tolist() == nominal
    for solar in ("low", "high"):
        assert sw.msis_inputs(times, solar).regime.tolist() == ["observed"] + ["scenario"] * 6
    assert sw.summary(times) == {
        "observed": 1,
        "daily_forecast": 4,
        "monthly_forecast": 2,
        "scenario": 0,
    }
    assert set(sw.summary(times, "high")) == set(REGIMES)
    assert sw.lookup(date(2025, 8, 29)).filled and sw.lookup(date(2025, 8, 29)).line == 0
    assert sw.lookup(date(2025, 8, 28)).line == 24825


def test_monthly_value_holds_all_month(sw):
    days = [sw.lookup(date(2030, 2, d)) for d in (1, 14, 28)]
    assert len({(x.f107_obs_sfu, x.f107_obs_ctr81_sfu, x.ap_daily, x.line) for x in days}) == 1
    assert days[0].line == 24883  # the "2030 02 01" row
    x = days[0]
    # Ap modelled from F10.7 (monthly rows carry no Ap): all eight ap equal the daily Ap.
    assert set(x.ap_3h) == {x.ap_daily}
    am = sw.ap_model
    assert x.ap_daily == pytest.approx(am.intercept + am.slope_per_sfu * x.f107_obs_sfu)
    assert 3 < x.ap_daily < 20
    assert 0 < am.slope_per_sfu < 0.2


def test_monthly_rows_read_right(sw):
    text = SHIPPED.read_text().splitlines()
    row = text[24883 - 1]
    assert row.startswith("2030 02 01")
    tok = row.split()
    assert sw.lookup(date(2030, 2, 10)).f107_obs_sfu == float(tok[-3])
    assert sw.lookup(date(2030, 2, 10)).f107_obs_ctr81_sfu == float(tok[-2])


# (speed itself is measured in benchmarks/, not asserted in unit tests)


def test_large_query_over_the_whole_range(tmp_path):
    copy = tmp_path / "SW-All.txt"
    copy.write_bytes(SHIPPED.read_bytes())
    sw_new = load_space_weather(copy)  # a new path: not cached
    rng = np.random.default_rng(5)
    start = np.datetime64("1998-11-20T00:00:00").astype(np.int64)
    stop = np.datetime64("2040-12-31T00:00:00").astype(np.int64)
    times = rng.integers(start, stop, 100_000).astype("datetime64[s]")
    r = sw_new.msis_inputs(times, "high")
    assert r.ap.shape == (100_000, 7) and np.isfinite(r.ap).all()
    assert np.isfinite(r.f107_sfu).all() and np.isfinite(r.f107a_sfu).all()


def test_module_prints_coverage_and_fits(capsys):
    """``python -m stationkeeper.environment.spaceweather``: coverage, Ap fit, factors."""
    assert main([]) == 0
    out = capsys.readouterr().out
    assert f"file:       {SHIPPED}" in out
    assert "observed:         1957-10-01 to 2025-07-20 (24765 days)" in out
    assert "monthly-forecast Ap = " in out and "solar minima: 1964-" in out
