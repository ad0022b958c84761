"""The orbital state: position and velocity at an epoch, and conversions.

Frame: GCRS (the IAU's geocentric celestial frame, ~J2000 equatorial), metres
and metres per second.  TLE/OMM states are produced by `sgp4` in TEME and
rotated to GCRS by `skyfield` (its builtin timescale: no download).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import numpy as np

from stationkeeper.constants import J_ZONAL, MU_EARTH_M3_S2, R_EARTH_EQ_M, R_EARTH_GRAVITY_M
from stationkeeper.orbit.elements import ElementSet


@dataclass(frozen=True)
class State:
    """Cartesian state in GCRS at a UTC epoch (SI units)."""

    epoch_utc: datetime
    r_m: tuple[float, float, float]
    v_m_s: tuple[float, float, float]

    @property
    def r(self) -> np.ndarray:
        return np.asarray(self.r_m, dtype=float)

    @property
    def v(self) -> np.ndarray:
        return np.asarray(self.v_m_s, dtype=float)

    @property
    def y(self) -> np.ndarray:
        return np.concatenate([self.r, self.v])

    def at_offset(self, seconds: float, y: np.ndarray) -> State:
        """A new state ``seconds`` after this epoch with state vector ``y``."""
        return State(
            self.epoch_utc + timedelta(seconds=float(seconds)),
            tuple(float(x) for x in y[:3]),
            tuple(float(x) for x in y[3:6]),
        )


@lru_cache(maxsize=1)
def timescale():
    """Skyfield timescale from its builtin tables (never downloads)."""
    from skyfield.api import load  # deferred: skyfield takes ~0.1 s to import

    return load.timescale(builtin=True)


def state_from_elements(elements: ElementSet, epoch_utc: datetime | None = None) -> State:
    """SGP4 state of an element set at ``epoch_utc`` (default: its own epoch), in GCRS; at its
    own epoch, the exact state it was fitted to where it has one (an OEM's)."""
    if elements.exact_state is not None and epoch_utc is None:
        t, r, v = elements.exact_state
        return State(t, tuple(r), tuple(v))
    from skyfield.api import EarthSatellite  # deferred: skyfield takes ~0.1 s to import

    ts = timescale()
    epoch = elements.epoch_utc if epoch_utc is None else epoch_utc.astimezone(UTC)
    sat = EarthSatellite.from_satrec(elements.satrec, ts)
    pos = sat.at(ts.from_datetime(epoch))
    r = pos.position.m
    v = pos.velocity.m_per_s
    return State(epoch, tuple(float(x) for x in r), tuple(float(x) for x in v))


def osculating_elements(r: np.ndarray, v: np.ndarray, mu: float = MU_EARTH_M3_S2) -> dict:
    """Classical elements of arrays of states (shape (..., 3)); angles in radians.

    Returns a, e, i, raan, argp, true anomaly, plus the eccentricity vector
    components (ex, ey, ez) which stay well defined for near-circular orbits.
    """
    r = np.asarray(r, dtype=float)
    v = np.asarray(v, dtype=float)
    rn = np.linalg.norm(r, axis=-1)
    v2 = np.sum(v * v, axis=-1)
    a = 1.0 / (2.0 / rn - v2 / mu)
    h = np.cross(r, v)
    hn = np.linalg.norm(h, axis=-1)
    rv = np.sum(r * v, axis=-1)
    evec = ((v2 - mu / rn)[..., None] * r - rv[..., None] * v) / mu
    e = np.linalg.norm(evec, axis=-1)
    inc = np.arccos(np.clip(h[..., 2] / hn, -1.0, 1.0))
    raan = np.arctan2(h[..., 0], -h[..., 1])
    node = np.stack([np.cos(raan), np.sin(raan), np.zeros_like(raan)], axis=-1)
    # argument of latitude and argument of perigee measured from the node in the orbit plane
    w_dir = np.cross(h / hn[..., None], node)
    u = np.arctan2(np.sum(r * w_dir, axis=-1), np.sum(r * node, axis=-1))
    argp = np.arctan2(np.sum(evec * w_dir, axis=-1), np.sum(evec * node, axis=-1))
    return {
        "a": a,
        "e": e,
        "i": inc,
        "raan": raan,
        "argp": argp,
        "u": u,
        "ex": evec[..., 0],
        "ey": evec[..., 1],
        "ez": evec[..., 2],
    }


def mean_eccentricity(x) -> float:
    """Eccentricity of the mean state ``x`` = (a m, e cos w, e sin w, i rad, ...) in SGP4's
    (Brouwer) convention, the one of TLE/CelesTrak perigee and apogee: without J3's
    long-period part, the forced ("frozen-orbit") e of -J3/(2 J2) (R/a) sin i along
    w = 90 deg, about 0.00086 at the ISS (SGP4's ``aycof`` term; Vallado 2006, sgp4 ``aynl``).
    An orbit average of the osculating state (what the Averaged propagator flies) keeps
    that part, so its own e circles this point and reads ~0.0014 where the TLE says 0.0005."""
    return math.hypot(*mean_eccentricity_vector(x))


def mean_eccentricity_vector(x) -> tuple[float, float]:
    """(e cos w, e sin w) of the mean state ``x`` in SGP4's convention (J3's long-period part
    removed, as :func:`mean_eccentricity`): the argument of perigee a TLE would give."""
    e_j3 = -0.5 * J_ZONAL[3] / J_ZONAL[2] * R_EARTH_GRAVITY_M / x[0] * math.sin(x[3])
    return float(x[1]), float(x[2] - e_j3)


def elements_to_rv(
    a: float | np.ndarray,
    e: float | np.ndarray,
    i: float | np.ndarray,
    raan: float | np.ndarray,
    argp: float | np.ndarray,
    mean_anomaly: float | np.ndarray,
    mu: float = MU_EARTH_M3_S2,
) -> tuple[np.ndarray, np.ndarray]:
    """Position and velocity (shape (..., 3)) from Keplerian elements (radians)."""
    a, e, i, raan, argp, m = np.broadcast_arrays(
        *(np.asarray(x, dtype=float) for x in (a, e, i, raan, argp, mean_anomaly))
    )
    ecc_anom = m.copy()
    for _ in range(20):  # Newton on Kepler's equation; e is small for our orbits
        f = ecc_anom - e * np.sin(ecc_anom) - m
        ecc_anom = ecc_anom - f / (1.0 - e * np.cos(ecc_anom))
    cos_e, sin_e = np.cos(ecc_anom), np.sin(ecc_anom)
    sq = np.sqrt(1.0 - e * e)
    x_p = a * (cos_e - e)
    y_p = a * sq * sin_e
    rn = a * (1.0 - e * cos_e)
    n = np.sqrt(mu / a**3)
    vx_p = -a * n * sin_e / (1.0 - e * cos_e)
    vy_p = a * n * sq * cos_e / (1.0 - e * cos_e)
    cO, sO, cw, sw, ci, si = (
        np.cos(raan),
        np.sin(raan),
        np.cos(argp),
        np.sin(argp),
        np.cos(i),
        np.sin(i),
    )
    p_hat = np.stack([cO * cw - sO * sw * ci, sO * cw + cO * sw * ci, sw * si], axis=-1)
    q_hat = np.stack([-cO * sw - sO * cw * ci, -sO * sw + cO * cw * ci, cw * si], axis=-1)
    r = x_p[..., None] * p_hat + y_p[..., None] * q_hat
    v = vx_p[..., None] * p_hat + vy_p[..., None] * q_hat
    del rn
    return r, v


def circular_state(epoch_utc: datetime, altitude_km: float, inclination_deg: float) -> State:
    """A circular orbit at ``altitude_km`` above the equatorial radius (for tests and studies)."""
    a = R_EARTH_EQ_M + altitude_km * 1e3
    r, v = elements_to_rv(a, 0.0, math.radians(inclination_deg), 0.0, 0.0, 0.0)
    return State(epoch_utc, tuple(map(float, r)), tuple(map(float, v)))
