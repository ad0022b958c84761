"""Batch propagator: sample by sample against the Cowell propagator, and its invariants."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np
import pytest

from stationkeeper.constants import BREAKUP_ALTITUDE_M, R_EARTH_EQ_M, SECONDS_PER_DAY
from stationkeeper.environment.atmosphere import MsisTableAtmosphere
from stationkeeper.environment.spaceweather import load_space_weather
from stationkeeper.errors import InputError
from stationkeeper.orbit.batch import propagate_batch
from stationkeeper.orbit.cowell import propagate_cowell
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.state import State, elements_to_rv

EPOCH = datetime(2023, 11, 6, tzinfo=UTC)  # Delfi-C3's last week, observed space weather


@pytest.fixture(scope="module")
def atmosphere():
    return MsisTableAtmosphere(load_space_weather(), "observed")


@pytest.fixture(scope="module")
def low_orbit():
    return elements_to_rv(R_EARTH_EQ_M + 230e3, 0.001, math.radians(97.3), 1.0, 0.5, 0.2)


def test_batch_matches_cowell_sample_by_sample(atmosphere, low_orbit):
    r, v = low_orbit
    bcs = np.array([12.0, 16.0])
    res = propagate_batch(
        EPOCH,
        np.repeat(r[None], 2, 0),
        np.repeat(v[None], 2, 0),
        1 / bcs,
        atmosphere,
        5 * SECONDS_PER_DAY,
        step_s=30.0,
    )
    assert res.reentered.all()
    for k, bc in enumerate(bcs):
        ref = propagate_cowell(
            State(EPOCH, tuple(r), tuple(v)),
            ForceModel.with_drag(atmosphere, bc),
            5 * SECONDS_PER_DAY,
            stop_altitude_m=BREAKUP_ALTITUDE_M,
            rtol=1e-9,
            atol=1e-3,
        )
        t_ref = (ref.reentry_utc - EPOCH).total_seconds()
        assert res.reentry_s[k] == pytest.approx(t_ref, abs=60.0)  # about a day: 0.07 %
        assert np.linalg.norm(res.final_r_m[k] - np.array(ref.final_state.r_m)) < 500e3


def test_density_scale_is_equivalent_to_a_smaller_ballistic_coefficient(atmosphere, low_orbit):
    """Drag depends on rho * Cd A / m only: doubling rho == halving BC."""
    r, v = low_orbit
    res = propagate_batch(
        EPOCH,
        np.stack([r, r]),
        np.stack([v, v]),
        np.array([1 / 16.0, 1 / 8.0]),
        atmosphere,
        5 * SECONDS_PER_DAY,
        density_scale=np.array([2.0, 1.0]),
    )
    assert res.reentry_s[0] == pytest.approx(res.reentry_s[1], rel=1e-9)


def test_no_drag_keeps_the_orbit(low_orbit):
    r, v = low_orbit
    res = propagate_batch(EPOCH, r, v, 0.0, None, SECONDS_PER_DAY)
    assert not res.reentered.any()
    rn = np.linalg.norm(res.final_r_m[0])
    assert R_EARTH_EQ_M + 200e3 < rn < R_EARTH_EQ_M + 270e3


@pytest.mark.parametrize(
    "kwargs",
    [{"duration_s": -1.0}, {"step_s": 0.0}, {"cd_area_over_mass_m2_kg": -0.1}],
)
def test_bad_input_is_refused(low_orbit, kwargs):
    r, v = low_orbit
    args = {"cd_area_over_mass_m2_kg": 0.05, "duration_s": 100.0}
    args.update(kwargs)
    step = args.pop("step_s", 30.0)
    with pytest.raises(InputError):
        propagate_batch(
            EPOCH, r, v, args["cd_area_over_mass_m2_kg"], None, args["duration_s"], step_s=step
        )
