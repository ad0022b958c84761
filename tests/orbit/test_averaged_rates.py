"""The orbit-averaged rates (the scenario runs' hot path) against references that share none of
their code: first-order J2 theory, King-Hele's circular decay, and Gauss's equations written
the textbook way (Cartesian samples, cross products) in this file; and the lean
``advance_mean_state`` against the full ``propagate_averaged`` it stands in for."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
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
from stationkeeper.orbit.averaged import advance_mean_state, averaged_rates, propagate_averaged
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.state import State, elements_to_rv

EPOCH = datetime(2022, 3, 3, tzinfo=UTC)
T0 = EPOCH.timestamp()


def _mean(a_km, e, inc_deg, raan=1.0, argp=0.7):
    return np.array(
        [
            R_EARTH_EQ_M + a_km * 1e3,
            e * math.cos(argp),
            e * math.sin(argp),
            math.radians(inc_deg),
            raan,
        ]
    )


@pytest.mark.parametrize("e", [0.0005, 0.05, 0.3])
def test_j2_rates_match_first_order_secular_theory(e):
    """dRAAN/dt = -3/2 n J2 (R/p)^2 cos i and dargp/dt = 3/4 n J2 (R/p)^2 (5 cos^2 i - 1)
    (Vallado 4th ed. eq. 9-41), no secular da/dt; e = 0.3 checks Kepler's equation too."""
    a_km = 415.0 if e < 0.1 else 9000.0
    x = _mean(a_km, e, 51.64)
    rates = averaged_rates(T0, x, ForceModel(zonal_degree=2), samples_per_orbit=72)
    a, inc = x[0], x[3]
    n = math.sqrt(MU_EARTH_M3_S2 / a**3)
    k = n * J_ZONAL[2] * (R_EARTH_GRAVITY_M / (a * (1 - e * e))) ** 2
    assert rates[4] == pytest.approx(-1.5 * k * math.cos(inc), rel=2e-3)
    argp_rate = (x[1] * rates[2] - x[2] * rates[1]) / e**2
    assert argp_rate == pytest.approx(0.75 * k * (5 * math.cos(inc) ** 2 - 1), rel=2e-3)
    assert abs(rates[0]) * 86400 < 1e-3  # m/day: J2 moves a only periodically
    assert abs(rates[3]) < 1e-6 * abs(rates[4])


def test_circular_drag_decay_matches_king_hele():
    """da/dt = -rho(a) sqrt(mu a) / BC on a circular orbit in a non-rotating atmosphere."""
    atm = ExponentialAtmosphere(rho0_kg_m3=3e-12, h0_m=400e3, scale_height_m=60e3)
    bc = 80.0
    forces = ForceModel(
        zonal_degree=0, atmosphere=atm, cd_area_over_mass_m2_kg=1 / bc, corotate=False
    )
    x = _mean(380.0, 0.0, 51.6)
    rho = 3e-12 * math.exp(-(380e3 - 400e3) / 60e3)
    expected = -rho * math.sqrt(MU_EARTH_M3_S2 * x[0]) / bc
    assert averaged_rates(T0, x, forces, 18)[0] == pytest.approx(expected, rel=1e-9)


def _textbook_rates(t, x, forces, samples):
    """Gauss's variational equations from Cartesian samples and cross products."""
    a, ex, ey, inc, raan = x
    e = math.hypot(ex, ey)
    argp = math.atan2(ey, ex)
    m = 2 * np.pi * (np.arange(samples) + 0.5) / samples
    r, v = elements_to_rv(a, e, inc, raan, argp, m)
    rn = np.linalg.norm(r, axis=-1)
    gx, gy, gz = zonal_acceleration(r[:, 0], r[:, 1], r[:, 2], degree=forces.zonal_degree)
    acc = np.stack([gx, gy, gz], axis=-1) + MU_EARTH_M3_S2 * r / rn[:, None] ** 3
    h_vec = np.cross(r, v)
    r_hat = r / rn[:, None]
    w_hat = h_vec / np.linalg.norm(h_vec, axis=-1)[:, None]
    s_hat = np.cross(w_hat, r_hat)
    node = np.array([math.cos(raan), math.sin(raan), 0.0])
    u = np.arctan2(np.sum(r * np.cross(w_hat, node), axis=-1), r @ node)
    rho = forces.atmosphere.density(np.full(samples, t), r)
    w = np.array([0.0, 0.0, OMEGA_EARTH_RAD_S])
    vrel = v - np.cross(w, r)
    acc = (
        acc
        - 0.5
        * rho[:, None]
        * forces.cd_area_over_mass_m2_kg
        * np.linalg.norm(vrel, axis=-1)[:, None]
        * vrel
    )
    R, S, W = (np.sum(acc * b, axis=-1) for b in (r_hat, s_hat, w_hat))
    p = a * (1 - e * e)
    hm = math.sqrt(MU_EARTH_M3_S2 * p)
    su, cu = np.sin(u), np.cos(u)
    da = 2 * a * a / hm * ((ex * su - ey * cu) * R + p / rn * S)
    cot = 1 / math.tan(inc)
    dex = (p * su * R + ((p + rn) * cu + rn * ex) * S + ey * rn * su * cot * W) / hm
    dey = (-p * cu * R + ((p + rn) * su + rn * ey) * S - ex * rn * su * cot * W) / hm
    return np.array(
        [
            da.mean(),
            dex.mean(),
            dey.mean(),
            (rn * cu * W).mean() / hm,
            (rn * su * W).mean() / (hm * math.sin(inc)),
        ]
    )


@pytest.mark.parametrize("e", [0.0, 0.001, 0.02])
def test_rates_match_gauss_equations_from_cartesian_samples(e):
    """J2..J6 and rotating-atmosphere drag on a non-circular orbit, component by component
    (zonal degree 1 for drag alone keeps the density on the same radius in both)."""
    atm = ExponentialAtmosphere(rho0_kg_m3=3e-12, h0_m=400e3, scale_height_m=50e3)
    x = _mean(300.0, e, 51.64, raan=2.2, argp=1.3)
    for degree, bc in ((6, math.inf), (1, 60.0)):
        forces = ForceModel(degree, atm if bc < math.inf else None, 1 / bc)
        got = averaged_rates(T0, x, forces, 36)
        ref = _textbook_rates(T0, x, ForceModel(degree, atm, 1 / bc), 36)
        # ex, ey rates share a scale (either may be ~0); drag's natural one is (da/dt) / a
        scale = max(np.max(np.abs(ref[1:3])), abs(ref[0]) / x[0])
        assert got[0] == pytest.approx(ref[0], rel=1e-7, abs=1e-9)
        assert got[1:3] == pytest.approx(ref[1:3], abs=1e-7 * scale)
        assert got[3:] == pytest.approx(ref[3:], rel=1e-7, abs=1e-18)


def test_advance_mean_state_lands_where_propagate_averaged_does():
    """The scenario's lean leg (no table) ends on the full propagator's last row, reentry
    date and space-weather label included."""
    atm = ExponentialAtmosphere(rho0_kg_m3=2e-10, h0_m=200e3, scale_height_m=35e3)
    forces = ForceModel.with_drag(atm, 100.0)
    x = _mean(230.0, 0.0008, 51.64)
    r, v = elements_to_rv(x[0], 0.0008, x[3], x[4], 0.7, 0.0)
    state = State(EPOCH, tuple(map(float, r)), tuple(map(float, v)))
    for days in (1.0, 60.0):
        full = propagate_averaged(
            state,
            forces,
            days * 86400,
            output_step_s=days * 86400,
            mean_state=x,
            max_step_s=86400,
            samples_per_orbit=18,
        )
        leg = advance_mean_state(
            EPOCH, x, forces, days * 86400, max_step_s=86400, samples_per_orbit=18
        )
        assert leg.mean_state == pytest.approx(np.array(full.meta["mean_state_0"]), rel=1e-12)
        assert leg.reentry_utc == full.reentry_utc
        assert leg.space_weather == full.table["space_weather"].iloc[-1]
    assert leg.reentry_utc is not None  # 230 km with this density re-enters within 60 days


@pytest.mark.parametrize("stages", [3, 4])
def test_daily_legs_reenter_when_the_decay_equation_says(stages):
    """Daily legs (as the scenario flies them) from 300 km to 120 km in an exponential,
    non-rotating atmosphere on point-mass gravity: the reentry instant of
    da/dt = -rho(a) sqrt(mu a) / BC integrated by scipy's DOP853 (no code shared)."""
    atm = ExponentialAtmosphere(rho0_kg_m3=2e-11, h0_m=300e3, scale_height_m=45e3)
    bc = 100.0
    forces = ForceModel(
        zonal_degree=0, atmosphere=atm, cd_area_over_mass_m2_kg=1 / bc, corotate=False
    )

    def dadt(t, y):
        rho = 2e-11 * math.exp(-(y[0] - R_EARTH_EQ_M - 300e3) / 45e3)
        return [-rho * math.sqrt(MU_EARTH_M3_S2 * y[0]) / bc]

    def below_120_km(t, y):
        return y[0] - R_EARTH_EQ_M - 120e3

    below_120_km.terminal = True
    ref = solve_ivp(
        dadt,
        (0, 400 * 86400),
        [R_EARTH_EQ_M + 300e3],
        method="DOP853",
        rtol=1e-11,
        atol=1e-6,
        events=below_120_km,
    )
    t_ref_s = float(ref.t_events[0][0])
    x, t_s = _mean(300.0, 0.0, 51.6), 0.0
    for _ in range(400):
        leg = advance_mean_state(
            EPOCH + timedelta(seconds=t_s),
            x,
            forces,
            86400.0,
            max_step_s=86400.0,
            samples_per_orbit=18,
            stages=stages,
        )
        if leg.reentry_utc is not None:
            break
        x, t_s = leg.mean_state, t_s + 86400.0
    assert 20 < t_ref_s / 86400 < 400  # weeks to months: many daily legs, then the fast end
    assert (leg.reentry_utc - EPOCH).total_seconds() == pytest.approx(t_ref_s, abs=120.0)
