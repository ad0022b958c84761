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

from stationkeeper.constants import EARTH_MEAN_RADIUS_KM, R_EARTH_EQ_M, WGS84_FLATTENING
from stationkeeper.earth.countries import country_at
from stationkeeper.earth.geodetic import geodetic_from_gcrs, latlon_where_finite
from stationkeeper.environment.gravity import zonal_acceleration
from stationkeeper.orbit.drag import drag_acceleration, relative_velocity

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


def _altitude(r: np.ndarray) -> np.ndarray:
    """Height above the WGS-84 ellipsoid to first order in the flattening (< 50 m off below
    120 km), much cheaper than the exact geodetic conversion in this inner loop."""
    rn = np.linalg.norm(r, axis=-1)
    s2 = (r[:, 2] / rn) ** 2
    return rn - R_EARTH_EQ_M * (1.0 - WGS84_FLATTENING * s2)


def fall_fragments(
    t_unix_s: float,
    r_m,
    v_m_s,
    bc_kg_m2=FRAGMENT_BC_KG_M2,
    *,
    max_s: float = 7200.0,
) -> dict:
    """Integrate fragments from one breakup state (GCRS ``r_m``, ``v_m_s``) to the ground.

    Returns ``lat_deg``, ``lon_deg``, ``t_s`` (seconds after ``t_unix_s``) and
    ``downrange_km`` (great circle from the breakup point) per fragment.  The step adapts
    to the drag time scale (0.3 |v_rel|/|a_drag|, 0.02 s to 5 s), so it is stable for light
    fragments.
    """
    bc = np.atleast_1d(np.asarray(bc_kg_m2, dtype=float))
    m = bc.size
    r = np.repeat(np.asarray(r_m, dtype=float).reshape(1, 3), m, axis=0)
    v = np.repeat(np.asarray(v_m_s, dtype=float).reshape(1, 3), m, axis=0)
    k = 1.0 / bc
    lat0, lon0, _ = geodetic_from_gcrs(t_unix_s, r[:1])
    t_land = np.full(m, np.nan)
    r_land = r.copy()
    active = np.arange(m)
    t = 0.0

    def acc(tt, rr, vv, kk):
        ax, ay, az = zonal_acceleration(rr[:, 0], rr[:, 1], rr[:, 2], degree=2)
        alt = _altitude(rr)
        a = np.stack([ax, ay, az], axis=-1)
        drag = drag_acceleration(us76_density(alt), rr, vv, kk)
        return a + drag, drag

    while active.size and t < max_s:
        rr, vv, kk = r[active], v[active], k[active]
        a1, d1 = acc(t, rr, vv, kk)
        dn = np.linalg.norm(d1, axis=-1)
        vrel = np.linalg.norm(relative_velocity(rr, vv), axis=-1)
        tau = np.min(vrel / np.maximum(dn, 1e-9))
        h = float(np.clip(0.3 * tau, 0.02, 5.0))
        r2, v2 = rr + 0.5 * h * vv, vv + 0.5 * h * a1
        a2, _ = acc(t + 0.5 * h, r2, v2, kk)
        r3, v3 = rr + 0.5 * h * v2, vv + 0.5 * h * a2
        a3, _ = acc(t + 0.5 * h, r3, v3, kk)
        r4, v4 = rr + h * v3, vv + h * a3
        a4, _ = acc(t + h, r4, v4, kk)
        r_new = rr + h / 6.0 * (vv + 2 * v2 + 2 * v3 + v4)
        v_new = vv + h / 6.0 * (a1 + 2 * a2 + 2 * a3 + a4)
        alt_old, alt_new = _altitude(rr), _altitude(r_new)
        down = alt_new <= 0.0
        if np.any(down):
            frac = np.clip(alt_old[down] / (alt_old[down] - alt_new[down]), 0.0, 1.0)
            ids = active[down]
            t_land[ids] = t + frac * h
            r_land[ids] = rr[down] + frac[:, None] * (r_new[down] - rr[down])
        keep = ~down
        r[active[keep]] = r_new[keep]
        v[active[keep]] = v_new[keep]
        active = active[keep]
        t += h
    lat, lon = latlon_where_finite(t_unix_s, t_land, r_land)
    return {
        "bc_kg_m2": bc,
        "lat_deg": lat,
        "lon_deg": lon,
        "t_s": t_land,
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
