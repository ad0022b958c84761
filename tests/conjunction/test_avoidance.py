"""Avoidance: the Clohessy-Wiltshire burn against two-body propagation, NASA's decision rule,
the smallest burn of a synthetic conjunction."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from stationkeeper.conjunction.avoidance import MU_KM3_S2, cw_along_track_burn, decide, plan_burn
from stationkeeper.conjunction.covariance import tle_covariance_ric
from stationkeeper.conjunction.encounter import encounter
from stationkeeper.conjunction.pc import pc_circle
from stationkeeper.constants import G0_M_S2
from stationkeeper.earth.frames import ric_basis, ric_to_inertial
from stationkeeper.rocket import propellant_for_dv
from stationkeeper.station import load_station


def test_cw_burn_matches_two_body_propagation():
    """The Clohessy-Wiltshire displacement of an along-track burn agrees with integrating
    the two-body problem with and without the burn (ISS-like circular orbit, 0.5 m/s)."""
    r0 = 6790.0
    v0 = math.sqrt(MU_KM3_S2 / r0)
    n = v0 / r0

    def rhs(t, y):
        r = y[:3]
        return np.concatenate([y[3:], -MU_KM3_S2 * r / np.linalg.norm(r) ** 3])

    for lead_orbits in (0.5, 1.0, 1.5):
        tau = lead_orbits * 2 * math.pi / n
        dv = 0.5e-3  # km/s
        y0 = np.array([r0, 0, 0, 0, v0, 0])
        y1 = y0 + np.array([0, 0, 0, 0, dv, 0])
        kw = dict(rtol=1e-12, atol=1e-12, method="DOP853")
        a = solve_ivp(rhs, (0, tau), y0, **kw).y[:, -1]
        b = solve_ivp(rhs, (0, tau), y1, **kw).y[:, -1]
        basis = ric_basis(a[:3], a[3:])
        numeric = basis @ (b[:3] - a[:3])
        d_r, _ = cw_along_track_burn(dv, tau, n)
        assert np.linalg.norm(numeric - d_r) < 0.01 * np.linalg.norm(d_r) + 1e-3
    # half an orbit before: the radial shift is 4 dv / n (~3.5 km per m/s at the ISS)
    d_r, _ = cw_along_track_burn(1e-3, math.pi / n, n)
    assert d_r[0] == pytest.approx(4e-3 / n)
    assert 3.3 < d_r[0] < 3.7


def test_decision_rule():
    assert decide(1e-4, False) == "manoeuvre"
    assert decide(9.9e-5, True) == "watch"
    assert decide(9.9e-5, False) == "none"
    assert decide(2e-5, False, threshold=1e-5) == "manoeuvre"


def test_avoidance_burn_plan_on_a_synthetic_conjunction():
    """A head-on-ish crossing with 100 m radial miss: Pc above 1e-4, the planned burn clears
    both the threshold and the box, with the Progress engine and the rocket equation."""
    r0 = 6790.0
    v0 = math.sqrt(MU_KM3_S2 / r0)
    rs = np.array([r0, 0.0, 0.0])
    vs = np.array([0.0, v0, 0.0])
    ro = rs + np.array([0.1, 0.0, 0.0])  # 100 m above
    vo = np.array([0.0, v0 * math.cos(1.0), v0 * math.sin(1.0)])  # crossing at 57 degrees
    cov = tle_covariance_ric(0.5)
    c1 = ric_to_inertial(cov, rs, vs)
    c2 = ric_to_inertial(cov, ro, vo)
    enc = encounter(rs, vs, c1, ro, vo, c2)
    pc = pc_circle(enc.miss, enc.cov, 0.066)
    assert pc > 1e-4
    tca = datetime(2022, 1, 24, tzinfo=UTC)
    station = load_station()
    plan = plan_burn(
        rs, vs, ro, vo, enc, tca, tca - timedelta(hours=6), hbr_km=0.066, station=station
    )
    assert plan.feasible
    assert plan.post_pc < 1e-4 and not plan.post_in_box
    assert 0.01 <= abs(plan.dv_m_s) < 1.0
    assert plan.engine == "Progress MS-18 main engine (S5.80)"
    expected = propellant_for_dv(station.total_mass_kg, plan.dv_m_s, 302.0)
    assert plan.propellant_kg == pytest.approx(expected)
    assert plan.propellant_kg == pytest.approx(
        station.total_mass_kg * abs(plan.dv_m_s) / (302.0 * G0_M_S2), rel=1e-3
    )
    # 5 % less at the same time before TCA would not do
    n = v0 / r0
    tau = plan.lead_orbits * 2 * math.pi / n
    d_r, _ = cw_along_track_burn(0.95 * plan.dv_m_s * 1e-3, tau, n)
    basis = ric_basis(rs, vs)
    rel = (ro - rs) - d_r @ basis
    dv_rel = vo - vs
    rel = rel - (rel @ dv_rel) / (dv_rel @ dv_rel) * dv_rel
    plane = np.array([rel @ enc.axes[0], rel @ enc.axes[1]])
    still = pc_circle(plane, enc.cov, 0.066) >= 1e-4 or abs(rel @ basis[0]) <= 0.5
    assert still
    # no time for a burn when TCA is 30 min away
    smaller = plan_burn(
        rs, vs, ro, vo, enc, tca, tca - timedelta(minutes=30), hbr_km=0.066, station=station
    )
    assert not smaller.feasible and "no time" in smaller.note
