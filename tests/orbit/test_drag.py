"""Drag: the array and the plain-float forms are one formula, and it acts against the flow."""

from __future__ import annotations

import math

import numpy as np
import pytest

from stationkeeper.constants import MU_EARTH_M3_S2, OMEGA_EARTH_RAD_S, R_EARTH_EQ_M
from stationkeeper.orbit.drag import drag_acceleration, drag_acceleration_xyz, relative_velocity

RHO = 3e-12  # kg/m^3, about 400 km
K = 1 / 80.0  # Cd A / m, m^2/kg


def _states(n=50, seed=3):
    rng = np.random.default_rng(seed)
    r = rng.normal(size=(n, 3))
    r *= (R_EARTH_EQ_M + rng.uniform(150e3, 800e3, n))[:, None] / np.linalg.norm(r, axis=1)[:, None]
    v = rng.normal(size=(n, 3))
    v -= np.sum(v * r, axis=1)[:, None] * r / np.sum(r * r, axis=1)[:, None]  # tangential
    v *= (
        np.sqrt(MU_EARTH_M3_S2 / np.linalg.norm(r, axis=1))[:, None]
        / np.linalg.norm(v, axis=1)[:, None]
    )
    return r, v


@pytest.mark.parametrize("corotate", [True, False])
def test_scalar_and_array_forms_agree(corotate):
    r, v = _states()
    rho = np.full(len(r), RHO)
    arr = drag_acceleration(rho, r, v, K, corotate)
    w = OMEGA_EARTH_RAD_S if corotate else 0.0
    one = np.array(
        [drag_acceleration_xyz(RHO, *ri[:2], *vi, K, w) for ri, vi in zip(r, v, strict=True)]
    )
    assert np.allclose(one, arr, rtol=1e-14, atol=0)


def test_drag_opposes_the_air_relative_velocity_with_half_rho_v2_over_bc():
    r, v = _states(5)
    vrel = relative_velocity(r, v)
    acc = drag_acceleration(np.full(5, RHO), r, v, K)
    speed = np.linalg.norm(vrel, axis=1)
    # anti-parallel to v_rel, magnitude 1/2 rho v^2 / BC (the drag equation, Vallado eq. 8-28)
    cos = np.sum(acc * vrel, axis=1) / (np.linalg.norm(acc, axis=1) * speed)
    assert np.allclose(cos, -1.0, atol=1e-12)
    assert np.allclose(np.linalg.norm(acc, axis=1), 0.5 * RHO * speed**2 * K, rtol=1e-12)


def test_corotating_air_on_the_equator_moves_at_omega_r():
    r = np.array([R_EARTH_EQ_M + 400e3, 0.0, 0.0])
    v_circ = math.sqrt(MU_EARTH_M3_S2 / r[0])
    vrel = relative_velocity(r, np.array([0.0, v_circ, 0.0]))
    assert vrel[1] == pytest.approx(v_circ - OMEGA_EARTH_RAD_S * r[0], rel=1e-15)
    assert 0.06 < 1.0 - vrel[1] / v_circ < 0.07  # the air is ~6 % of orbital speed there
