"""The vectorised orbit-averaged decay against the Averaged propagator (an independent
integration of the same force model: Gauss equations over 36 points an orbit, NRLMSIS called
directly), one sample at a time, and the long-horizon window against its drag spread."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
import pytest

from stationkeeper.constants import R_EARTH_EQ_M, REENTRY_ALTITUDE_M, SECONDS_PER_DAY
from stationkeeper.environment.atmosphere_factory import make_atmosphere, monthly_forecast_start
from stationkeeper.errors import InputError
from stationkeeper.orbit.averaged import propagate_averaged
from stationkeeper.orbit.ballistic import drag_object
from stationkeeper.orbit.decay_batch import DragTable, decay_batch
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.mean_elements import mean_state_from_osculating
from stationkeeper.orbit.state import State, elements_to_rv
from stationkeeper.reentry.montecarlo.long_horizon import (
    FULL_TABLE,
    long_window,
    run_long_horizon,
    stays_up,
)

EPOCH = datetime(2022, 3, 3, 17, 0, tzinfo=UTC)  # the shipped ISS element set's day
INC = math.radians(51.64)


def circular_state(alt_km: float) -> State:
    r, v = elements_to_rv(R_EARTH_EQ_M + alt_km * 1e3, 0.0, INC, 1.0, 0.0, 0.0)
    return State(EPOCH, tuple(map(float, r)), tuple(map(float, v)))


def averaged_days(state: State, atm, bc: float) -> float:
    traj = propagate_averaged(
        state, ForceModel.with_drag(atm, bc), 400 * SECONDS_PER_DAY,
        stop_altitude_m=REENTRY_ALTITUDE_M,
    )  # fmt: skip
    assert traj.reentry_utc is not None
    return (traj.reentry_utc - EPOCH).total_seconds() / SECONDS_PER_DAY


@pytest.fixture(scope="module")
def atm():
    return make_atmosphere("nrlmsis", "nominal", None)


@pytest.mark.parametrize("bc", [60.0, 135.0])
def test_one_sample_matches_the_averaged_propagator(atm, bc):
    """From 300 km (weeks to months of decay): within 3 % of propagate_averaged."""
    state = circular_state(300.0)
    x = mean_state_from_osculating(state, ForceModel.with_drag(atm, bc))
    table = DragTable(atm, EPOCH.timestamp(), x[3], max_altitude_km=320.0)
    days = decay_batch(lambda t, a, i: table(t, a), table.ensure, np.array([x[0]]), 1.0 / bc, 400)
    ref = averaged_days(state, atm, bc)
    assert days[0] == pytest.approx(ref, rel=0.03)


def test_coarse_columns_in_the_monthly_forecast_match_the_averaged_propagator(atm):
    """From 2026-09-04 (all the shipped file's monthly forecast) on columns 8 days apart:
    within 3 % of propagate_averaged, as the 2-day columns of the observed record are."""
    epoch = datetime(2026, 9, 4, tzinfo=UTC)
    monthly = monthly_forecast_start(atm.space_weather)
    assert monthly is not None and monthly < epoch
    r, v = elements_to_rv(R_EARTH_EQ_M + 300e3, 0.0, INC, 1.0, 0.0, 0.0)
    state = State(epoch, tuple(map(float, r)), tuple(map(float, v)))
    bc = 135.0
    x = mean_state_from_osculating(state, ForceModel.with_drag(atm, bc))
    table = DragTable(
        atm, epoch.timestamp(), x[3], max_altitude_km=320.0,
        coarse_from_day=(monthly - epoch).total_seconds() / SECONDS_PER_DAY,
        coarse_day_step=FULL_TABLE["coarse_day_step"],
    )  # fmt: skip
    days = decay_batch(lambda t, a, i: table(t, a), table.ensure, np.array([x[0]]), 1.0 / bc, 400)
    assert np.all(np.diff(table.days) == FULL_TABLE["coarse_day_step"])
    traj = propagate_averaged(
        state, ForceModel.with_drag(atm, bc), 400 * SECONDS_PER_DAY,
        stop_altitude_m=REENTRY_ALTITUDE_M,
    )  # fmt: skip
    ref = (traj.reentry_utc - epoch).total_seconds() / SECONDS_PER_DAY
    assert days[0] == pytest.approx(ref, rel=0.03)


def test_stays_up_agrees_with_the_averaged_propagator(atm):
    """The quick look that spares the Averaged run: from 300 km the object (135 kg/m²) is down
    in ~3 months by the Averaged propagator, so it stays up 30 days but not 200."""
    state = circular_state(300.0)
    ref = averaged_days(state, atm, 135.0)
    assert 30.0 < ref < 200.0
    assert stays_up(state, atm, 135.0, 30.0)
    assert not stays_up(state, atm, 135.0, 200.0)
    assert not stays_up(circular_state(150.0), atm, 135.0, 10.0)


def test_samples_still_up_at_the_horizon_are_nan(atm):
    table = DragTable(atm, EPOCH.timestamp(), INC, max_altitude_km=320.0)
    a0 = np.full(2, R_EARTH_EQ_M + 300e3)
    days = decay_batch(lambda t, a, i: table(t, a), table.ensure, a0, [1 / 60.0, 1e-5], 399.0)
    assert np.isfinite(days[0]) and np.isnan(days[1])
    with pytest.raises(InputError):
        decay_batch(table, table.ensure, np.array([R_EARTH_EQ_M + 100e3]), 1.0, 10.0)


def test_progress_rises_to_one_and_never_falls(atm):
    table = DragTable(atm, EPOCH.timestamp(), INC, max_altitude_km=320.0)
    a0 = np.full(3, R_EARTH_EQ_M + 300e3)
    seen = []
    days = decay_batch(
        lambda t, a, i: table(t, a), table.ensure, a0, [1 / 40.0, 1 / 60.0, 1e-5], 300.0,
        progress=seen.append,
    )  # fmt: skip
    assert np.isnan(days[2])  # still up at the horizon: done when the horizon is reached
    assert len(seen) > 10 and seen[-1] == pytest.approx(1.0)
    assert np.all(np.diff(seen) >= 0) and seen[0] < 0.5


def test_window_holds_the_averaged_lifetimes_of_the_drag_spread(atm):
    """The 5-95 % window of the Monte Carlo against the Averaged propagator run at the fitted
    drag's 95 % and 5 % (the drag spread dominates; the density error averages down)."""
    obj = drag_object()
    assert obj.scale_band is not None
    state = circular_state(300.0)
    run = run_long_horizon(state, obj, samples=600, seed=1, max_years=2.0)
    w = long_window(run)
    assert w["reentered_share"] == 1.0
    p05 = (datetime.fromisoformat(w["p05_utc"]) - EPOCH).total_seconds() / SECONDS_PER_DAY
    p95 = (datetime.fromisoformat(w["p95_utc"]) - EPOCH).total_seconds() / SECONDS_PER_DAY
    lo = averaged_days(state, atm, obj.at_percentile("p95").ballistic_coefficient_kg_m2)
    hi = averaged_days(state, atm, obj.at_percentile("p05").ballistic_coefficient_kg_m2)
    assert p05 == pytest.approx(lo, rel=0.08)
    assert p95 == pytest.approx(hi, rel=0.08)


def test_solar_spread_widens_the_window_beyond_the_observed_record():
    """Starting after the observed space weather, the high/low scenarios widen the window
    against a drag without spread (topo figures: Cd and area spreads only)."""
    obj = drag_object(drag="topo")
    late = replace(circular_state(330.0), epoch_utc=datetime(2026, 1, 1, tzinfo=UTC))
    run = run_long_horizon(late, obj, samples=300, seed=2, max_years=3.0)
    t = run.samples["reentry_s"].to_numpy() / SECONDS_PER_DAY
    z = run.samples["solar_z"].to_numpy()
    # more solar activity, more drag, earlier reentry
    assert np.corrcoef(z, t)[0, 1] < -0.2
