"""NRLMSIS through our space weather, and the table surrogate against direct calls."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np
import pytest

from stationkeeper.constants import R_EARTH_EQ_M, SECONDS_PER_DAY
from stationkeeper.environment.atmosphere import MsisAtmosphere, MsisTableAtmosphere
from stationkeeper.environment.spaceweather import load_space_weather
from stationkeeper.orbit.state import elements_to_rv


@pytest.fixture(scope="module")
def sw():
    return load_space_weather()


def test_density_at_iss_altitude_is_in_the_published_range(sw):
    """iss_facts.md: rho ~ 0.5-1e-12 kg/m^3 at solar minimum, ~1e-11 at solar maximum (420 km)."""
    atm = MsisAtmosphere(sw, "observed")
    r = np.array([[R_EARTH_EQ_M + 420e3, 0.0, 0.0]])
    t_min = datetime(2019, 12, 15, tzinfo=UTC).timestamp()  # cycle 24/25 minimum
    t_max = datetime(2024, 8, 15, tzinfo=UTC).timestamp()  # cycle 25 maximum
    rho_min = float(atm.density(t_min, r)[0])
    rho_max = float(atm.density(t_max, r)[0])
    assert 1e-13 < rho_min < 2e-12
    assert 3e-12 < rho_max < 3e-11
    assert rho_max > 4 * rho_min


def test_table_surrogate_matches_direct_nrlmsis_on_orbit_averages(sw):
    """DESIGN.md asks < 1 % at station altitudes: what drives decay is the orbit average."""
    direct = MsisAtmosphere(sw, "observed")
    table = MsisTableAtmosphere(sw, "observed")
    rng = np.random.default_rng(7)
    t0 = datetime(2022, 3, 3, tzinfo=UTC).timestamp()
    errors = []
    for _ in range(20):
        t = t0 + rng.uniform(0, 60 * SECONDS_PER_DAY)
        m = np.linspace(0, 2 * np.pi, 96, endpoint=False)
        r, _ = elements_to_rv(
            R_EARTH_EQ_M + rng.uniform(380e3, 440e3),
            0.0005,
            math.radians(51.64),
            rng.uniform(0, 2 * np.pi),
            0.0,
            m,
        )
        period = 5550.0
        times = t + m / (2 * np.pi) * period
        errors.append(table.density(times, r).mean() / direct.density(times, r).mean() - 1)
    errors = np.abs(errors)
    assert np.max(errors) < 0.01


def test_cowell_runs_with_direct_nrlmsis(sw):
    """The Cowell RHS takes any atmosphere: the direct model (no scalar fast path) works too
    and agrees with the table surrogate over a short arc."""
    from stationkeeper.orbit.cowell import propagate_cowell
    from stationkeeper.orbit.forces import ForceModel
    from stationkeeper.orbit.state import State

    r, v = elements_to_rv(R_EARTH_EQ_M + 400e3, 0.0005, math.radians(51.6), 1.0, 0.0, 0.0)
    state = State(datetime(2022, 3, 3, tzinfo=UTC), tuple(r), tuple(v))
    direct = MsisAtmosphere(sw, "observed")
    assert not hasattr(direct, "density_scalar")
    a = propagate_cowell(state, ForceModel.with_drag(direct, 80), 7200.0, output_step_s=3600.0)
    b = propagate_cowell(
        state,
        ForceModel.with_drag(MsisTableAtmosphere(sw, "observed"), 80),
        7200.0,
        output_step_s=3600.0,
    )
    assert a.final_mean_altitude_km == pytest.approx(b.final_mean_altitude_km, abs=0.01)
