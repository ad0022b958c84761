"""Adams-Bashforth-Moulton batch propagator: its weights against the textbook ones, a Kepler
orbit against the analytic one, a decay against the Cowell propagator (DOP853)."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np
import pytest

from stationkeeper.constants import (
    BREAKUP_ALTITUDE_M,
    MU_EARTH_M3_S2,
    R_EARTH_EQ_M,
    SECONDS_PER_DAY,
)
from stationkeeper.environment.atmosphere import MsisTableAtmosphere
from stationkeeper.environment.spaceweather import load_space_weather
from stationkeeper.errors import InputError
from stationkeeper.orbit.batch_adams import adams_weights, halving_matrix, propagate_batch_adams
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


def test_weights_are_the_textbook_ones():
    """Hairer, Norsett & Wanner, Solving ODEs I, III.1 (Tables 1.1 and 1.2)."""
    b4, c4 = adams_weights(4)
    assert b4 == pytest.approx(np.array([55, -59, 37, -9]) / 24)
    assert c4 == pytest.approx(np.array([9, 19, -5, 1]) / 24)
    b8, c8 = adams_weights(8)
    assert b8[0] == pytest.approx(434241 / 120960)
    assert c8[0] == pytest.approx(36799 / 120960)


def test_halving_is_exact_for_a_degree_seven_polynomial():
    f = np.polynomial.Polynomial([0.3, -1.0, 0.5, 2.0, -0.7, 0.1, 0.05, -0.01])
    coarse = f(-np.arange(8.0))
    assert halving_matrix(8) @ coarse == pytest.approx(f(-0.5 * np.arange(8.0)), rel=1e-9)


def test_kepler_orbit_matches_the_analytic_one():
    """Point mass, no drag, one day at 100-s steps: within 70 m of the two-body ellipse
    (the Batch propagator's RK4 is 82 m off at 30-s steps, 2.3 km at 60 s)."""
    a, e, inc = R_EARTH_EQ_M + 400e3, 0.01, math.radians(51.6)
    r0, v0 = elements_to_rv(a, e, inc, 0.3, 1.0, 0.0)
    res = propagate_batch_adams(EPOCH, r0, v0, 0.0, None, SECONDS_PER_DAY, zonal_degree=0)
    n = math.sqrt(MU_EARTH_M3_S2 / a**3)
    r1, _ = elements_to_rv(a, e, inc, 0.3, 1.0, n * SECONDS_PER_DAY)
    assert np.linalg.norm(res.final_r_m[0] - r1) < 70.0


def test_decay_matches_cowell_sample_by_sample(atmosphere, low_orbit):
    r, v = low_orbit
    bcs = np.array([12.0, 16.0])
    res = propagate_batch_adams(
        EPOCH,
        np.repeat(r[None], 2, 0),
        np.repeat(v[None], 2, 0),
        1 / bcs,
        atmosphere,
        5 * SECONDS_PER_DAY,
    )
    assert res.reentered.all()
    height_m = np.linalg.norm(res.final_r_m, axis=1) - R_EARTH_EQ_M
    assert height_m == pytest.approx(np.full(2, BREAKUP_ALTITUDE_M), abs=50.0)  # on the arc
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
        assert res.reentry_s[k] == pytest.approx(t_ref, abs=30.0)  # about a day: 0.03 %
        # the same point: 30 s is ~230 km along track
        assert np.linalg.norm(res.final_r_m[k] - np.array(ref.final_state.r_m)) < 300e3


def test_short_runs_and_bad_input(low_orbit):
    r, v = low_orbit
    short = propagate_batch_adams(EPOCH, r, v, 0.0, None, 600.0)  # under 9 steps: RK4
    assert not short.reentered.any()
    with pytest.raises(InputError):
        propagate_batch_adams(EPOCH, r, v, -0.1, None, SECONDS_PER_DAY)
    with pytest.raises(InputError):
        propagate_batch_adams(EPOCH, r, v, 0.05, None, SECONDS_PER_DAY, step_s=0.0)
