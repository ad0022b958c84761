"""Mean elements from one orbit of zonal gravity: the mean state of an osculating state, and
how far the real orbit lies off its mean ellipse (the zonal short-period radial offset).

Both integrate one orbit of the zonal-gravity Cowell propagator (DOP853) and average or fit
its osculating elements; the Averaged propagator (:mod:`.averaged`) starts from the first and
looks the atmosphere up where the second says the station really is.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from scipy.integrate import solve_ivp

from stationkeeper.constants import MU_EARTH_M3_S2
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.state import State, elements_to_rv, osculating_elements
from stationkeeper.orbit.trajectory import orbit_period_s


def _one_gravity_orbit(y0: np.ndarray, zonal_degree: int, period_s: float, samples: int):
    """One orbit of zonal gravity only (Cowell, DOP853) from ``y0``: the states at ``samples``
    mid-interval times and their osculating elements."""
    sol = solve_ivp(
        ForceModel(zonal_degree=zonal_degree).rhs_scalar(0.0),
        (0.0, period_s),
        y0,
        method="DOP853",
        rtol=1e-11,
        atol=1e-5,
        dense_output=True,
    )
    ys = sol.sol(period_s * (np.arange(samples) + 0.5) / samples)
    return ys, osculating_elements(ys[:3].T, ys[3:].T)


def mean_state_from_osculating(state: State, forces: ForceModel, samples: int = 64) -> np.ndarray:
    """Mean elements (a, ex, ey, i, raan) of ``state``: osculating elements averaged over one
    orbit of a gravity-only Cowell propagation starting at ``state``."""
    y0 = state.y
    a0 = 1.0 / (2.0 / np.linalg.norm(y0[:3]) - np.dot(y0[3:], y0[3:]) / MU_EARTH_M3_S2)
    _, el = _one_gravity_orbit(y0, forces.zonal_degree, orbit_period_s(a0), samples)
    ex = np.mean(el["e"] * np.cos(el["argp"]))
    ey = np.mean(el["e"] * np.sin(el["argp"]))
    raan = math.atan2(np.mean(np.sin(el["raan"])), np.mean(np.cos(el["raan"])))
    return np.array([np.mean(el["a"]), ex, ey, np.mean(el["i"]), raan])


#: Spacing (m) of the semi-major axes where :func:`radial_short_period` is measured.
_RADIAL_NODE_M = 25e3


def radial_short_period(
    a_m: float, inc_rad: float, zonal_degree: int
) -> tuple[float, float, float]:
    """(c0, c2, s2) in metres: r_true - r_mean-ellipse ~ c0 + c2 cos 2u + s2 sin 2u.

    The zonal field's short-period terms move the real orbit off the ellipse of its
    mean elements by kilometres (about +5 km on average for a polar orbit at 200 km,
    which is +16 % in density there).  The profile is measured, not taken from a
    series: one orbit of the zonal-gravity Cowell propagator from a circular state,
    its osculating radius minus the ellipse of its orbit-averaged elements, fitted
    with the J2 harmonics of the argument of latitude u.  Measured every 25 km of a
    (cached; ~17 ms each) and interpolated linearly between (within 4 mm of a measurement
    at the ISS's 51.6 deg, where the profile changes ~0.13 m per km), inclination to 0.01 deg.
    """
    if zonal_degree < 2:
        return 0.0, 0.0, 0.0
    k = a_m / _RADIAL_NODE_M
    k0 = math.floor(k)
    w = k - k0
    inc = int(round(math.degrees(inc_rad) * 100))
    lo = _radial_short_period(k0, inc, zonal_degree)
    hi = _radial_short_period(k0 + 1, inc, zonal_degree)
    return tuple((1.0 - w) * p + w * q for p, q in zip(lo, hi, strict=True))


@lru_cache(maxsize=512)
def _radial_short_period(node: int, inc_cdeg: int, degree: int) -> tuple[float, float, float]:
    a = node * _RADIAL_NODE_M
    inc = math.radians(inc_cdeg / 100.0)
    r0, v0 = elements_to_rv(a, 0.0, inc, 0.0, 0.0, 0.0)
    n = 72
    ys, el = _one_gravity_orbit(np.concatenate([r0, v0]), degree, orbit_period_s(a), n)
    a_bar = float(np.mean(el["a"]))
    ec = float(np.mean(el["e"] * np.cos(el["argp"])))
    es = float(np.mean(el["e"] * np.sin(el["argp"])))
    u = el["u"]
    r = np.linalg.norm(ys[:3].T, axis=-1)
    d = r - a_bar * (1.0 - ec * np.cos(u) - es * np.sin(u))
    basis = np.column_stack([np.ones(n), np.cos(2 * u), np.sin(2 * u)])
    coef, *_ = np.linalg.lstsq(basis, d, rcond=None)
    return float(coef[0]), float(coef[1]), float(coef[2])
