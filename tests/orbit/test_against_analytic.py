"""The force model and the propagators against conservation laws and analytic results:
the geopotential's gradient, energy, the J2 nodal rate and radius offset, King-Hele decay."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np
import pytest
from numpy.polynomial import legendre
from scipy.integrate import solve_ivp

from stationkeeper.constants import (
    J_ZONAL,
    MU_EARTH_M3_S2,
    OMEGA_EARTH_RAD_S,
    R_EARTH_EQ_M,
    R_EARTH_GRAVITY_M,
)
from stationkeeper.environment.atmosphere import ExponentialAtmosphere
from stationkeeper.environment.gravity import zonal_acceleration
from stationkeeper.orbit.averaged import propagate_averaged
from stationkeeper.orbit.cowell import propagate_cowell
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.state import circular_state, elements_to_rv, osculating_elements

EPOCH = datetime(2022, 3, 3, tzinfo=UTC)


def potential(r: np.ndarray) -> float:
    """Zonal geopotential written independently with numpy's Legendre series."""
    rn = np.linalg.norm(r)
    s = r[2] / rn
    u = MU_EARTH_M3_S2 / rn
    for n in range(2, 7):
        c = np.zeros(n + 1)
        c[n] = 1.0
        u -= (
            MU_EARTH_M3_S2 / rn * J_ZONAL[n] * (R_EARTH_GRAVITY_M / rn) ** n * legendre.legval(s, c)
        )
    return u


@pytest.mark.parametrize(
    "point", [(3.1e6, -4.2e6, 4.4e6), (6.0e6, 1.0e6, -3.0e6), (1e5, 2e5, 6.7e6)]
)
def test_zonal_acceleration_is_the_gradient_of_the_potential(point):
    r = np.array(point)
    h = 0.5
    grad = np.array([(potential(r + h * e) - potential(r - h * e)) / (2 * h) for e in np.eye(3)])
    acc = np.array(zonal_acceleration(*r))
    central = -MU_EARTH_M3_S2 * r / np.linalg.norm(r) ** 3
    # compare the non-central part, where the harmonics live (~1e-2 m/s^2)
    assert np.allclose(acc - central, grad - central, rtol=0, atol=2e-8)


def test_cowell_conserves_energy_without_drag_over_10_days():
    r, v = elements_to_rv(R_EARTH_EQ_M + 415e3, 0.0006, math.radians(51.64), 1.0, 2.0, 0.3)
    forces = ForceModel(zonal_degree=6)
    f = forces.rhs_scalar(0.0)
    sol = solve_ivp(
        f, (0, 10 * 86400), np.concatenate([r, v]), method="DOP853", rtol=1e-12, atol=1e-6
    )

    # zonal field is axially symmetric, so energy in the inertial frame is conserved
    def energy(y):
        return 0.5 * np.dot(y[3:], y[3:]) - potential(y[:3])

    e0, e1 = energy(sol.y[:, 0]), energy(sol.y[:, -1])
    assert abs((e1 - e0) / e0) < 1e-9


def test_j2_nodal_regression_matches_analytic_rate():
    a, e, inc = R_EARTH_EQ_M + 415e3, 0.0005, math.radians(51.64)
    r, v = elements_to_rv(a, e, inc, 1.0, 0.5, 0.0)
    forces = ForceModel(zonal_degree=2)
    f = forces.rhs_scalar(0.0)
    days = 10
    sol = solve_ivp(
        f,
        (0, days * 86400),
        np.concatenate([r, v]),
        method="DOP853",
        rtol=1e-11,
        atol=1e-5,
        dense_output=True,
    )
    period = 2 * np.pi * math.sqrt(a**3 / MU_EARTH_M3_S2)

    def mean_elements(t0):
        ts = t0 + period * (np.arange(64) + 0.5) / 64
        y = sol.sol(ts)
        el = osculating_elements(y[:3].T, y[3:].T)
        raan = np.unwrap(el["raan"])
        return np.mean(el["a"]), np.mean(el["i"]), np.mean(raan)

    a0, i0, raan0 = mean_elements(0.0)
    _, _, raan1 = mean_elements(days * 86400 - period)
    measured = (raan1 - raan0) / (days * 86400 - period)
    n = math.sqrt(MU_EARTH_M3_S2 / a0**3)
    analytic = -1.5 * n * J_ZONAL[2] * (R_EARTH_GRAVITY_M / (a0 * (1 - e * e))) ** 2 * math.cos(i0)
    assert measured == pytest.approx(analytic, rel=5e-3)
    # the ISS figure everyone quotes: about -5 degrees per day
    assert math.degrees(measured) * 86400 == pytest.approx(-5.0, abs=0.2)


def _analytic_decay_rate(a, atm, bc, corotate_factor=1.0):
    rho = atm.rho0_kg_m3 * math.exp(-(a - R_EARTH_EQ_M - atm.h0_m) / atm.scale_height_m)
    return -rho * math.sqrt(MU_EARTH_M3_S2 * a) / bc * corotate_factor


@pytest.mark.parametrize("propagator", [propagate_cowell, propagate_averaged])
def test_circular_decay_matches_analytic_rate(propagator):
    """da/dt = -rho sqrt(mu a) Cd A / m on a circular orbit (King-Hele), point-mass gravity."""
    atm = ExponentialAtmosphere(rho0_kg_m3=3e-12, h0_m=400e3, scale_height_m=60e3)
    bc = 80.0
    forces = ForceModel(
        zonal_degree=0, atmosphere=atm, cd_area_over_mass_m2_kg=1 / bc, corotate=False
    )
    state = circular_state(EPOCH, 400.0, 51.6)
    traj = propagator(state, forces, 2 * 86400)
    a = traj.table["semi_major_axis_km"].to_numpy() * 1e3
    measured = (a[-1] - a[0]) / (2 * 86400)
    analytic = _analytic_decay_rate(0.5 * (a[0] + a[-1]), atm, bc)
    assert measured == pytest.approx(analytic, rel=0.01)


def test_corotating_atmosphere_slows_decay_of_a_prograde_equatorial_orbit():
    """Equatorial circular orbit: v_rel = v - omega r exactly, so the rate scales by (v_rel/v)^2."""
    atm = ExponentialAtmosphere()
    bc = 80.0
    forces = ForceModel(zonal_degree=0, atmosphere=atm, cd_area_over_mass_m2_kg=1 / bc)
    state = circular_state(EPOCH, 400.0, 0.0)
    traj = propagate_cowell(state, forces, 2 * 86400)
    a = traj.table["semi_major_axis_km"].to_numpy() * 1e3
    measured = (a[-1] - a[0]) / (2 * 86400)
    am = 0.5 * (a[0] + a[-1])
    v = math.sqrt(MU_EARTH_M3_S2 / am)
    factor = ((v - OMEGA_EARTH_RAD_S * am) / v) ** 2
    assert measured == pytest.approx(_analytic_decay_rate(am, atm, bc, factor), rel=0.01)
    assert factor < 0.9  # the effect is real and large enough for the test to see


def test_averaged_propagator_places_drag_on_the_real_orbit_radius():
    """Equatorial circular orbit under J2: v^2 = mu/r (1 + 3/2 J2 (R/r)^2), so the osculating
    semi-major axis exceeds the radius by 3/2 J2 R^2/r (~9.7 km at ISS height). The averaged
    propagator must look the atmosphere up at r, not at its mean a."""
    from stationkeeper.orbit.mean_elements import radial_short_period

    a = R_EARTH_EQ_M + 417e3
    c0, c2, _ = radial_short_period(a, math.radians(0.05), 2)
    expected = -1.5 * J_ZONAL[2] * R_EARTH_GRAVITY_M**2 / a
    assert c0 == pytest.approx(expected, rel=0.02)
    assert abs(c2) < 100.0  # no 2u term on the equator
