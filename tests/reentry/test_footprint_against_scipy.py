"""The fragment fall against SciPy's stiff integrator (LSODA) at tight tolerance.

:func:`fall_many` steps RK4 at 0.3 of each fragment's drag time scale and finishes a fragment
at its terminal speed as a plumb-line fall; here the same force (point mass + J2, drag in the
co-rotating US Standard Atmosphere 1976) is written out again and integrated by SciPy to the
ground, every step of the way. Light array panels (1 kg/m^2, ~70 min down from 100 km) and
dense parts (3,000 kg/m^2) from a re-entering orbit.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from stationkeeper.constants import (
    J_ZONAL,
    MU_EARTH_M3_S2,
    OMEGA_EARTH_RAD_S,
    R_EARTH_EQ_M,
    R_EARTH_GRAVITY_M,
    WGS84_FLATTENING,
)
from stationkeeper.reentry.footprint import fall_many, great_circle_km, landing_points, us76_density

T0 = 1926374400.0  # 2031-01-15T00:00Z


def _release_state(alt_m: float, gamma_deg: float) -> tuple[np.ndarray, np.ndarray]:
    """GCRS state at ``alt_m`` over 40 deg S, 7.6 km/s, descending at ``gamma_deg``, on a
    51.6 deg orbit."""
    lat = math.radians(-40.0)
    r = (R_EARTH_EQ_M + alt_m) * np.array([math.cos(lat), 0.0, math.sin(lat)])
    north = np.array([-math.sin(lat), 0.0, math.cos(lat)])
    east = np.array([0.0, 1.0, 0.0])
    up = r / np.linalg.norm(r)
    head = math.asin(min(1.0, math.cos(math.radians(51.6)) / math.cos(lat)))  # from east
    g = math.radians(gamma_deg)
    horiz = math.cos(head) * east + math.sin(head) * north
    return r, 7600.0 * (math.cos(g) * horiz - math.sin(g) * up)


def _rhs(_t, s, k):
    x, y, z, vx, vy, vz = s
    r2 = x * x + y * y + z * z
    r = math.sqrt(r2)
    sz = z / r
    mu_r3 = MU_EARTH_M3_S2 / (r2 * r)
    c = 1.5 * J_ZONAL[2] * (R_EARTH_GRAVITY_M / r) ** 2
    ax = -mu_r3 * x * (1.0 - c * (5.0 * sz * sz - 1.0))
    ay = -mu_r3 * y * (1.0 - c * (5.0 * sz * sz - 1.0))
    az = -mu_r3 * z * (1.0 - c * (5.0 * sz * sz - 3.0))
    alt = r - R_EARTH_EQ_M * (1.0 - WGS84_FLATTENING * sz * sz)
    rho = float(us76_density(alt))
    wx, wy = vx + OMEGA_EARTH_RAD_S * y, vy - OMEGA_EARTH_RAD_S * x
    q = -0.5 * rho * k * math.sqrt(wx * wx + wy * wy + vz * vz)
    return [vx, vy, vz, ax + q * wx, ay + q * wy, az + q * vz]


def _ground(_t, s, _k):
    x, y, z = s[:3]
    r = math.sqrt(x * x + y * y + z * z)
    return r - R_EARTH_EQ_M * (1.0 - WGS84_FLATTENING * (z / r) ** 2)


_ground.terminal = True
_ground.direction = -1


@pytest.mark.parametrize(("alt_m", "gamma_deg"), [(100e3, 1.5), (80e3, 2.0)])
def test_landing_points_and_times_match_lsoda(alt_m, gamma_deg):
    r0, v0 = _release_state(alt_m, gamma_deg)
    bc = np.array([1.0, 10.0, 170.0, 3000.0])
    n = bc.size
    fall = landing_points(
        T0, r0, bc, *fall_many(np.repeat(r0[None], n, 0), np.repeat(v0[None], n, 0), bc)
    )
    for i, b in enumerate(bc):
        sol = solve_ivp(
            _rhs,
            (0.0, 7200.0),
            np.concatenate([r0, v0]),
            method="LSODA",
            rtol=1e-10,
            atol=[1e-3] * 3 + [1e-6] * 3,
            events=_ground,
            args=(1.0 / b,),
        )
        t_ref = float(sol.t_events[0][0])
        ref = landing_points(T0, r0, [b], [t_ref], [t_ref], sol.y_events[0][:, :3])
        miss_km = float(
            great_circle_km(
                ref["lat_deg"][0], ref["lon_deg"][0], fall["lat_deg"][i], fall["lon_deg"][i]
            )
        )
        assert miss_km < 0.2, (b, miss_km)
        assert fall["t_s"][i] == pytest.approx(t_ref, rel=1e-3), b
    # light panels stop uprange, dense parts fly on: the spread is hundreds of km
    assert fall["downrange_km"][-1] - fall["downrange_km"][0] > 300.0
