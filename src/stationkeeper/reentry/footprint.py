"""Where debris comes down: fragment fall from breakup, and exposure along the ground track.

Two pieces:

* :func:`fall_fragments` -- from a breakup state (GCRS, at ~80 km), integrate
  fragments of different ballistic coefficients down to the ground (point mass +
  J2, drag in the co-rotating US Standard Atmosphere 1976 below 120 km).
  Light fragments stop short (uprange), dense ones fly on (downrange): the
  spread of their landing points is the debris footprint.
* :func:`exposure` -- per country, land vs sea and latitude band, the share of
  a set of points (Monte Carlo reentry points, or points along footprints)
  that falls in each, with :func:`stationkeeper.earth.countries.country_at`.

The fragment ballistic-coefficient range is an assumption (no public ISS
break-up fragment list exists): 10 to 1,000 kg/m^2, light panels to dense
"microwave to small car" pieces (iss_facts s6).

A controlled deorbit's footprint (:data:`DEBRIS_SPREAD`) uses a wider spread, released
in two steps as the published break-up sequence describes ("arrays torn off ~100 km,
modules separate ~80 km", BBC Future 2023; iss_facts s6).  The ballistic coefficients
are assumptions: arrays and radiator panels 1-10 kg/m^2 (an ISS array wing is ~1 t over
~400 m^2, i.e. a few kg/m^2 tumbling); from the modules 10-3,000 kg/m^2, torn structure to
solid metal parts (a 500 kg/m^3 "microwave to small car" piece is ~170-720 kg/m^2 at
Cd 1; solid steel or titanium parts of ~0.3 m reach ~1,500-2,500).  Each end moves the
footprint's length by a few hundred km per factor of 3.
"""

from __future__ import annotations

import math

import numpy as np

from stationkeeper.constants import (
    EARTH_MEAN_RADIUS_KM,
    OMEGA_EARTH_RAD_S,
    R_EARTH_EQ_M,
    WGS84_FLATTENING,
)
from stationkeeper.earth.countries import country_at
from stationkeeper.earth.geodetic import geodetic_from_gcrs, latlon_where_finite
from stationkeeper.environment.gravity import zonal_acceleration
from stationkeeper.orbit.drag import relative_velocity

#: US Standard Atmosphere 1976 density (kg/m^3) every 10 km from 0 to 120 km.
US76_ALT_KM = np.arange(0.0, 121.0, 10.0)
US76_RHO = np.array(
    [
        1.225,
        4.135e-1,
        8.891e-2,
        1.841e-2,
        3.996e-3,
        1.027e-3,
        3.097e-4,
        8.283e-5,
        1.846e-5,
        3.416e-6,
        5.604e-7,
        9.708e-8,
        2.222e-8,
    ]
)
_LOG_RHO = np.log(US76_RHO)

#: Default fragment ballistic coefficients m/(Cd A), kg/m^2 (assumption, see module doc).
FRAGMENT_BC_KG_M2 = np.geomspace(10.0, 1000.0, 9)

#: A controlled deorbit's debris, by release altitude (assumption, see module doc):
#: ``{release altitude m: fragment ballistic coefficients kg/m^2}``.
DEBRIS_SPREAD = {
    100e3: np.geomspace(1.0, 10.0, 3),  # arrays and radiators, "torn off ~100 km"
    80e3: np.geomspace(10.0, 3000.0, 11),  # the modules' pieces, "modules separate ~80 km"
}
DEBRIS_SPREAD_SOURCE = (
    "assumption: release altitudes ~100 km (arrays) and ~80 km (modules) from BBC Future 2023 "
    "(iss_facts s6); fragment ballistic coefficients 1-10 kg/m^2 (arrays) and 10-3,000 "
    "kg/m^2 (module pieces), no public ISS fragment list"
)


def us76_density(alt_m) -> np.ndarray:
    """US Standard Atmosphere 1976 density, log-linear between 10-km nodes (0-120 km)."""
    alt_km = np.clip(np.asarray(alt_m, dtype=float) / 1e3, 0.0, 120.0)
    return np.exp(np.interp(alt_km, US76_ALT_KM, _LOG_RHO))


def great_circle_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Haversine distance (km) on a sphere of the Earth's mean radius."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_MEAN_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


#: Quasi-steady finish: a fragment falling straight down within this fraction of its
#: quasi-steady speed, where its lag behind the terminal speed, v_t^2 / (4 g H) =
#: BC / (2 rho H), is below :data:`QUASI_STEADY_LAG`, is finished as a plumb-line fall.
QUASI_STEADY_TOL = 1e-2
QUASI_STEADY_LAG = 1e-2
_H_US76_M = 10e3 / -np.diff(_LOG_RHO)  # density scale height of each 10-km layer, m


def _accel(x, y, z, vx, vy, vz, k):
    """Gravity (point mass + J2) and drag in the co-rotating US76 atmosphere, per component.

    Returns the total acceleration (ax, ay, az), m/s^2, the drag's magnitude (m/s^2), the
    speed relative to the air (m/s) and the height (m, first order in the flattening, < 50 m
    off below 120 km)."""
    gx, gy, gz = zonal_acceleration(x, y, z, degree=2)
    rn = np.sqrt(x * x + y * y + z * z)
    alt = rn - R_EARTH_EQ_M * (1.0 - WGS84_FLATTENING * (z / rn) ** 2)
    rho = us76_density(alt)
    wx, wy = vx + OMEGA_EARTH_RAD_S * y, vy - OMEGA_EARTH_RAD_S * x
    speed = np.sqrt(wx * wx + wy * wy + vz * vz)
    c = -0.5 * rho * k * speed
    return (gx + c * wx, gy + c * wy, gz + c * vz), -c * speed, speed, alt


def _lag(alt_m, bc):
    """Quasi-steady lag BC / (2 rho H) of a fragment at ``alt_m`` (m): it falls this fraction
    faster than its local terminal speed, having come from thinner air."""
    layer = np.clip((np.asarray(alt_m) // 10e3).astype(int), 0, _H_US76_M.size - 1)
    return bc / (2.0 * us76_density(alt_m) * _H_US76_M[layer])


def _plumb_fall_s(alt_m, g_m_s2, bc):
    """Seconds to fall from ``alt_m`` to the ground at the quasi-steady speed
    v_t (1 + lag), v_t = sqrt(2 g BC / rho(z)), g ~ 1/r^2 (error O(lag^2) < 1e-4),
    trapezoidal on 257 heights (< 1e-5)."""
    z = alt_m[:, None] * np.linspace(0.0, 1.0, 257)[None, :]
    g = g_m_s2[:, None] * ((R_EARTH_EQ_M + alt_m[:, None]) / (R_EARTH_EQ_M + z)) ** 2
    b = bc[:, None]
    inv_v = np.sqrt(us76_density(z) / (2.0 * g * b)) / (1.0 + _lag(z, b))
    return np.trapezoid(inv_v, z, axis=1)


def fall_many(r_m, v_m_s, bc_kg_m2, *, max_s: float = 7200.0):
    """Integrate N fragments, each from its own GCRS state, to the ground.

    The force model (point mass + J2, drag in the co-rotating US76 atmosphere) does not
    depend on time, so fragments from different breakup states and times share one
    integration.  RK4, each fragment with its own step, 0.3 of its drag time scale
    |v_rel|/|a_drag| (0.02 s to 5 s).  A fragment at its terminal speed, falling straight
    down, is finished analytically (:data:`QUASI_STEADY_TOL`, :data:`QUASI_STEADY_LAG`):
    it stays over its ground point (Coriolis drift < 0.1 km) and falls at
    sqrt(2 g BC / rho(z)); this replaces the ~10^4 sub-second steps of a light fragment's
    last 20 km with a quadrature, landing times within 0.1 %.

    Parameters
    ----------
    r_m, v_m_s : array_like, shape (N, 3)
        GCRS states at release, m and m/s.
    bc_kg_m2 : array_like, shape (N,)
        Ballistic coefficients m/(Cd A), kg/m^2.
    max_s : float
        Longest fall integrated, s; a fragment still up then gets NaN.

    Returns
    -------
    t_s : numpy.ndarray, shape (N,)
        Landing time, s after release (NaN: still up after ``max_s``).
    t_fix_s : numpy.ndarray, shape (N,)
        Time (s after release) at which ``r_fix_m`` is the landing point's plumb line.
    r_fix_m : numpy.ndarray, shape (N, 3)
        GCRS position whose geodetic latitude and longitude at ``t_fix_s`` are the landing
        point's.
    """
    r0 = np.array(r_m, dtype=float, ndmin=2)
    v0 = np.array(v_m_s, dtype=float, ndmin=2)
    bc = np.broadcast_to(np.asarray(bc_kg_m2, dtype=float), r0.shape[:1]).copy()
    n = bc.size
    x, y, z = (r0[:, j].copy() for j in range(3))
    vx, vy, vz = (v0[:, j].copy() for j in range(3))
    k_all = 1.0 / bc
    t = np.zeros(n)
    t_land = np.full(n, np.nan)
    t_fix = np.full(n, np.nan)
    r_fix = r0.copy()
    a = np.arange(n)  # indices of the fragments still falling
    w2 = OMEGA_EARTH_RAD_S**2
    while a.size:
        px, py, pz, ux, uy, uz, kk = x[a], y[a], z[a], vx[a], vy[a], vz[a], k_all[a]
        (a1x, a1y, a1z), dn, vrel, alt_old = _accel(px, py, pz, ux, uy, uz, kk)
        # at terminal speed, straight down: finish on the plumb line
        gx, gy, gz = zonal_acceleration(px, py, pz, degree=2)
        ex, ey = gx + w2 * px, gy + w2 * py  # effective gravity (Earth-fixed point)
        geff = np.sqrt(ex * ex + ey * ey + gz * gz)
        wx, wy = ux + OMEGA_EARTH_RAD_S * py, uy - OMEGA_EARTH_RAD_S * px
        lag = _lag(alt_old, bc[a])
        w_qs = vrel * np.sqrt(geff / np.maximum(dn, 1e-30)) * (1.0 + lag)  # quasi-steady
        off = np.sqrt(
            (wx - w_qs * ex / geff) ** 2
            + (wy - w_qs * ey / geff) ** 2
            + (uz - w_qs * gz / geff) ** 2
        )
        steady = (off < QUASI_STEADY_TOL * w_qs) & (lag < QUASI_STEADY_LAG)
        if np.any(steady):
            ids = a[steady]
            t_fix[ids] = t[ids]
            r_fix[ids] = np.stack([px[steady], py[steady], pz[steady]], axis=-1)
            t_land[ids] = t[ids] + _plumb_fall_s(
                np.maximum(alt_old[steady], 0.0), geff[steady], bc[ids]
            )
        h = np.clip(0.3 * vrel / np.maximum(dn, 1e-9), 0.02, 5.0)
        hh = 0.5 * h
        (a2x, a2y, a2z), *_ = _accel(
            px + hh * ux,
            py + hh * uy,
            pz + hh * uz,
            ux + hh * a1x,
            uy + hh * a1y,
            uz + hh * a1z,
            kk,
        )
        v2x, v2y, v2z = ux + hh * a1x, uy + hh * a1y, uz + hh * a1z
        (a3x, a3y, a3z), *_ = _accel(
            px + hh * v2x,
            py + hh * v2y,
            pz + hh * v2z,
            ux + hh * a2x,
            uy + hh * a2y,
            uz + hh * a2z,
            kk,
        )
        v3x, v3y, v3z = ux + hh * a2x, uy + hh * a2y, uz + hh * a2z
        v4x, v4y, v4z = ux + h * a3x, uy + h * a3y, uz + h * a3z
        (a4x, a4y, a4z), *_ = _accel(px + h * v3x, py + h * v3y, pz + h * v3z, v4x, v4y, v4z, kk)
        h6 = h / 6.0
        nx = px + h6 * (ux + 2 * v2x + 2 * v3x + v4x)
        ny = py + h6 * (uy + 2 * v2y + 2 * v3y + v4y)
        nz = pz + h6 * (uz + 2 * v2z + 2 * v3z + v4z)
        rn = np.sqrt(nx * nx + ny * ny + nz * nz)
        alt_new = rn - R_EARTH_EQ_M * (1.0 - WGS84_FLATTENING * (nz / rn) ** 2)
        down = (alt_new <= 0.0) & ~steady
        if np.any(down):
            frac = np.clip(alt_old[down] / (alt_old[down] - alt_new[down]), 0.0, 1.0)
            ids = a[down]
            t_land[ids] = t_fix[ids] = t[ids] + frac * h[down]
            r_fix[ids, 0] = px[down] + frac * (nx[down] - px[down])
            r_fix[ids, 1] = py[down] + frac * (ny[down] - py[down])
            r_fix[ids, 2] = pz[down] + frac * (nz[down] - pz[down])
        keep = ~(down | steady)
        ids = a[keep]
        x[ids], y[ids], z[ids] = nx[keep], ny[keep], nz[keep]
        vx[ids] = ux[keep] + h6[keep] * (a1x[keep] + 2 * a2x[keep] + 2 * a3x[keep] + a4x[keep])
        vy[ids] = uy[keep] + h6[keep] * (a1y[keep] + 2 * a2y[keep] + 2 * a3y[keep] + a4y[keep])
        vz[ids] = uz[keep] + h6[keep] * (a1z[keep] + 2 * a2z[keep] + 2 * a3z[keep] + a4z[keep])
        t[ids] += h[keep]
        a = ids[t[ids] < max_s]
    late = t_land > max_s
    t_land[late] = t_fix[late] = np.nan
    return t_land, t_fix, r_fix


def fall_fragments(
    t_unix_s: float,
    r_m,
    v_m_s,
    bc_kg_m2=FRAGMENT_BC_KG_M2,
    *,
    max_s: float = 7200.0,
) -> dict:
    """Integrate fragments from one breakup state (GCRS ``r_m``, ``v_m_s``) to the ground
    (:func:`fall_many`).

    Returns ``lat_deg``, ``lon_deg``, ``t_s`` (seconds after ``t_unix_s``) and
    ``downrange_km`` (great circle from the breakup point) per fragment.
    """
    bc = np.atleast_1d(np.asarray(bc_kg_m2, dtype=float))
    r = np.repeat(np.asarray(r_m, dtype=float).reshape(1, 3), bc.size, axis=0)
    v = np.repeat(np.asarray(v_m_s, dtype=float).reshape(1, 3), bc.size, axis=0)
    return landing_points(t_unix_s, r[:1], bc, *fall_many(r, v, bc, max_s=max_s))


def landing_points(t_unix_s, r_release_m, bc, t_s, t_fix_s, r_fix_m) -> dict:
    """:func:`fall_many`'s answer as a fall dict (see :func:`fall_fragments`): landing
    ``lat_deg``, ``lon_deg``, ``t_s`` and ``downrange_km`` from the release point
    ``r_release_m`` (GCRS, at ``t_unix_s``)."""
    lat0, lon0, _ = geodetic_from_gcrs(t_unix_s, np.asarray(r_release_m).reshape(1, 3))
    lat, lon = latlon_where_finite(t_unix_s, t_fix_s, r_fix_m)
    return {
        "bc_kg_m2": np.asarray(bc, dtype=float),
        "lat_deg": lat,
        "lon_deg": lon,
        "t_s": np.asarray(t_s, dtype=float),
        "downrange_km": great_circle_km(lat0[0], lon0[0], lat, lon),
    }


# ------------------------------------------------------------------------- exposure


LAT_BANDS_DEG = tuple(range(-90, 91, 10))


def exposure(lat_deg, lon_deg, weights=None) -> dict:
    """Share of the (weighted) points over each country, land vs sea, and per latitude band.

    NaN points (e.g. samples that did not re-enter) are left out; shares are of
    the finite points.  Returns ``{"countries": {name: p}, "land": p, "sea": p,
    "latitude_bands": {"-60..-50": p, ...}, "n_points": n}`` with countries sorted
    by share, largest first.
    """
    lat = np.asarray(lat_deg, dtype=float).ravel()
    lon = np.asarray(lon_deg, dtype=float).ravel()
    w = np.ones_like(lat) if weights is None else np.asarray(weights, dtype=float).ravel()
    ok = np.isfinite(lat) & np.isfinite(lon) & (w > 0)
    lat, lon, w = lat[ok], lon[ok], w[ok]
    total = float(w.sum())
    if total <= 0:
        return {"countries": {}, "land": math.nan, "sea": math.nan, "latitude_bands": {}}
    names = country_at(lat, lon)
    land = np.array([n is not None for n in names], dtype=bool)
    countries: dict[str, float] = {}
    for name in sorted(set(n for n in names if n is not None)):
        countries[name] = float(w[names == name].sum() / total)
    # by probability, ties by name: the order must not depend on Python's hash seed
    countries = dict(sorted(countries.items(), key=lambda kv: (-kv[1], kv[0])))
    edges = np.asarray(LAT_BANDS_DEG, dtype=float)
    hist, _ = np.histogram(lat, bins=edges, weights=w)
    bands = {
        f"{int(edges[i])}..{int(edges[i + 1])}": float(hist[i] / total)
        for i in range(len(hist))
        if hist[i] > 0
    }
    return {
        "countries": countries,
        "land": float(w[land].sum() / total),
        "sea": float(w[~land].sum() / total),
        "latitude_bands": bands,
        "n_points": int(lat.size),
    }


def points_along(lat_deg, lon_deg, heading_deg, distances_km) -> tuple[np.ndarray, np.ndarray]:
    """Points at ``distances_km`` along great circles from (lat, lon) with initial heading.

    Shapes: start points (N,), distances (M,) -> (N, M) arrays of lat and lon (deg).
    """
    p1 = np.radians(np.asarray(lat_deg, dtype=float))[:, None]
    l1 = np.radians(np.asarray(lon_deg, dtype=float))[:, None]
    b = np.radians(np.asarray(heading_deg, dtype=float))[:, None]
    d = np.asarray(distances_km, dtype=float)[None, :] / EARTH_MEAN_RADIUS_KM
    p2 = np.arcsin(np.sin(p1) * np.cos(d) + np.cos(p1) * np.sin(d) * np.cos(b))
    l2 = l1 + np.arctan2(np.sin(b) * np.sin(d) * np.cos(p1), np.cos(d) - np.sin(p1) * np.sin(p2))
    lon = (np.degrees(l2) + 180.0) % 360.0 - 180.0
    return np.degrees(p2), lon


def ground_heading_deg(t_unix_s, r_m, v_m_s) -> np.ndarray:
    """Heading (deg from north, clockwise) of the Earth-relative velocity at GCRS states."""
    r = np.atleast_2d(np.asarray(r_m, dtype=float))
    v = relative_velocity(r, np.atleast_2d(np.asarray(v_m_s, dtype=float)))
    lat, lon, _ = geodetic_from_gcrs(t_unix_s, r)
    # local east/north in GCRS: longitude measured in the inertial frame
    ra = np.arctan2(r[:, 1], r[:, 0])
    phi = np.radians(lat)
    east = np.stack([-np.sin(ra), np.cos(ra), np.zeros_like(ra)], axis=-1)
    north = np.stack([-np.sin(phi) * np.cos(ra), -np.sin(phi) * np.sin(ra), np.cos(phi)], axis=-1)
    return np.degrees(np.arctan2(np.sum(v * east, -1), np.sum(v * north, -1))) % 360.0
