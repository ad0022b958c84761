"""Solar-activity scenarios: low < nominal < high ahead, equal in the past, factors from
the file's observed cycles (minima against SILSO), and files too short to derive them."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from stationkeeper.data import data_path
from stationkeeper.environment.spaceweather import derive_scenario_factors, load_space_weather
from stationkeeper.errors import InputError

SHIPPED = data_path("SW-All.txt")


def test_low_nominal_high_order(sw, t64):
    rng = np.random.default_rng(3)
    start = np.datetime64("2025-07-22T00:00:00").astype(np.int64)
    stop = np.datetime64("2041-10-31T23:59:59").astype(np.int64)
    future = rng.integers(start, stop, 5000).astype("datetime64[s]")
    lo, nom, hi = (sw.msis_inputs(future, s) for s in ("low", "nominal", "high"))
    assert np.all(lo.f107_sfu < nom.f107_sfu) and np.all(nom.f107_sfu < hi.f107_sfu)
    assert np.all(lo.f107a_sfu < nom.f107a_sfu) and np.all(nom.f107a_sfu < hi.f107a_sfu)
    assert np.all(lo.ap <= nom.ap) and np.all(nom.ap <= hi.ap)
    assert np.all(lo.ap[:, 0] < hi.ap[:, 0])
    # the quiet-Sun floor is not scaled below
    assert lo.f107_sfu.min() > sw.scenario_factors.floor_sfu
    # far ahead (past the ramp) the excess ratio is the derived factor
    late = sw.msis_inputs(t64("2035-01-15T00:00"), "nominal")
    late_hi = sw.msis_inputs(t64("2035-01-15T00:00"), "high")
    fl = sw.scenario_factors.floor_sfu
    assert (late_hi.f107a_sfu[0] - fl) / (late.f107a_sfu[0] - fl) == pytest.approx(
        sw.scenario_factors.f107_high
    )
    assert late_hi.ap[0, 0] / late.ap[0, 0] == pytest.approx(sw.scenario_factors.ap_high)


def test_scenarios_equal_in_the_past(sw):
    rng = np.random.default_rng(4)
    start = np.datetime64("1957-10-01T00:00:00").astype(np.int64)
    stop = np.datetime64("2025-07-20T23:59:59").astype(np.int64)
    past = rng.integers(start, stop, 5000).astype("datetime64[s]")
    ref = sw.msis_inputs(past, "observed")
    for solar in ("nominal", "low", "high"):
        r = sw.msis_inputs(past, solar)
        assert np.array_equal(r.f107_sfu, ref.f107_sfu)
        assert np.array_equal(r.f107a_sfu, ref.f107a_sfu)
        assert np.array_equal(r.ap, ref.ap)
        assert set(r.regime.tolist()) == {"observed"}


def test_scenario_factors_from_the_file(sw):
    sf = sw.scenario_factors
    # Solar minima found in F10.7 land near the sunspot-number minima (SILSO):
    # 1964-10, 1976-03, 1986-09, 1996-08, 2008-12, 2019-12.
    silso = [date(1964, 10, 1), date(1976, 3, 1), date(1986, 9, 1), date(1996, 8, 1)]
    silso += [date(2008, 12, 1), date(2019, 12, 1)]
    assert len(sf.minima) == len(silso)
    for found, ref in zip(sf.minima, silso, strict=True):
        assert abs((found - ref).days) < 240
    assert 0.4 < sf.f107_low < 0.8 < 1.2 < sf.f107_high < 1.6
    assert 0.4 < sf.ap_low < 0.8 < 1.2 < sf.ap_high < 1.6
    assert sf.percentiles == (10.0, 90.0) and sf.floor_sfu == 65.0
    # cycle 24 was the weakest of the record
    assert min(sf.cycle_f107_ratios) == sf.cycle_f107_ratios[-1] < 0.7
    # reproducible from the public function on the observed table
    obs = sw.to_frame("observed")
    f = np.where(obs.radio_burst, obs.f107_obs_ctr81_sfu, obs.f107_obs_sfu)
    again = derive_scenario_factors(obs.index.to_numpy(), f, obs.ap_daily.to_numpy())
    assert again == sf


def test_short_history_has_no_factors(tmp_path, t64):
    text = SHIPPED.read_text().splitlines(keepends=True)
    b = text.index("BEGIN OBSERVED\n")
    keep = text[: b + 1] + text[24782 - 5 * 366 : 24782] + text[24782:]
    keep = [
        f"NUM_OBSERVED_POINTS {5 * 366}\n" if ln.startswith("NUM_OBSERVED") else ln for ln in keep
    ]
    p = tmp_path / "SW-Last5Years.txt"
    p.write_text("".join(keep))
    sw5 = load_space_weather(p)
    assert sw5.scenario_factors is None
    assert sw5.msis_inputs(t64("2030-01-01")).regime[0] == "monthly_forecast"
    with pytest.raises(InputError, match="two complete solar cycles"):
        sw5.msis_inputs(t64("2030-01-01"), "high")
    full = load_space_weather()
    sw5b = load_space_weather(p, scenario_factors=full.scenario_factors)
    assert sw5b.msis_inputs(t64("2030-01-01"), "high").f107a_sfu[0] == pytest.approx(
        full.msis_inputs(t64("2030-01-01"), "high").f107a_sfu[0]
    )
