"""Geodetic coordinates of GCRS positions: latitude, longitude and height on WGS-84.

The Earth's orientation is its rotation angle alone (IERS 2010, UT1 ~ UTC);
precession/nutation are neglected (< 0.4 deg for 2000-2040), far below what the
density look-ups and landing-point statistics that use these need.
"""

from __future__ import annotations

import math

import numpy as np

from stationkeeper.constants import (
    JD_J2000,
    JD_UNIX_EPOCH,
    R_EARTH_EQ_M,
    SECONDS_PER_DAY,
    WGS84_FLATTENING,
)

_E2 = WGS84_FLATTENING * (2.0 - WGS84_FLATTENING)


def earth_rotation_angle(t_unix_s):
    """Earth rotation angle (rad), IERS 2010 eq. 5.15, with UT1 ~ UTC (|dUT1| < 0.9 s).

    Parameters
    ----------
    t_unix_s : float or array_like
        UTC, seconds since 1970-01-01.

    Returns
    -------
    numpy.ndarray
        Rotation angle in radians, in [0, 2 pi).
    """
    du = (np.asarray(t_unix_s, dtype=float) / SECONDS_PER_DAY + JD_UNIX_EPOCH) - JD_J2000
    return 2.0 * np.pi * np.mod(0.7790572732640 + 1.00273781191135448 * du, 1.0)


def geodetic_from_gcrs(t_unix_s, r_m):
    """(lat_deg, lon_deg, alt_m) on WGS-84 of GCRS positions.

    Precession/nutation are neglected (< 0.4 deg for 2000-2040), which moves
    a density lookup by far less than the model's own uncertainty.

    Parameters
    ----------
    t_unix_s : float or array_like
        UTC, seconds since 1970-01-01, broadcast against ``r_m[..., 0]``.
    r_m : array_like, shape (..., 3)
        GCRS positions, metres.

    Returns
    -------
    tuple of numpy.ndarray
        Geodetic latitude (deg), longitude in [-180, 180) (deg), height (m).
    """
    r = np.asarray(r_m, dtype=float)
    x, y, z = r[..., 0], r[..., 1], r[..., 2]
    lon = np.arctan2(y, x) - earth_rotation_angle(t_unix_s)
    lon = (lon + np.pi) % (2.0 * np.pi) - np.pi
    p = np.hypot(x, y)
    # Bowring (1976) closed form: one step, sub-metre for any LEO altitude
    b = R_EARTH_EQ_M * (1.0 - WGS84_FLATTENING)
    ep2 = _E2 / (1.0 - _E2)
    theta = np.arctan2(z * R_EARTH_EQ_M, p * b)
    st, ct = np.sin(theta), np.cos(theta)
    lat = np.arctan2(z + ep2 * b * st**3, p - _E2 * R_EARTH_EQ_M * ct**3)
    sin_lat = np.sin(lat)
    n = R_EARTH_EQ_M / np.sqrt(1.0 - _E2 * sin_lat**2)
    cos_lat = np.cos(lat)
    alt = np.where(
        np.abs(cos_lat) > 1e-6,
        p / np.where(np.abs(cos_lat) > 1e-6, cos_lat, 1.0) - n,
        np.abs(z) - n * (1.0 - _E2),
    )
    return np.degrees(lat), np.degrees(lon), alt


def latlon_where_finite(t0_unix_s: float, dt_s, r_m) -> tuple[np.ndarray, np.ndarray]:
    """(lat_deg, lon_deg) of the positions ``r_m`` at ``t0 + dt_s``, NaN where ``dt_s`` is not
    finite (samples that never got there: no reentry, no landing).

    Parameters
    ----------
    t0_unix_s : float
        Reference UTC, seconds since 1970-01-01.
    dt_s : array_like, shape (n,)
        Seconds after ``t0_unix_s`` of each position; NaN/inf for none.
    r_m : array_like, shape (n, 3)
        GCRS positions, metres.

    Returns
    -------
    tuple of numpy.ndarray
        Geodetic latitude and longitude (deg), shape (n,).
    """
    dt = np.asarray(dt_s, dtype=float)
    lat = np.full(dt.shape, np.nan)
    lon = np.full(dt.shape, np.nan)
    ok = np.isfinite(dt)
    if np.any(ok):
        lat[ok], lon[ok], _ = geodetic_from_gcrs(t0_unix_s + dt[ok], np.asarray(r_m)[ok])
    return lat, lon


def geodetic_from_gcrs_fast(t_unix_s, r_m):
    """:func:`geodetic_from_gcrs` to first order in the flattening, 2.7x faster.

    Height from the radius less the ellipsoid's radius at the geocentric latitude, geodetic
    latitude from that height; against the exact Bowring form: < 30 m in height and
    < 2e-5 deg in latitude for 80-250 km (tests/earth/test_geodetic.py).

    Parameters
    ----------
    t_unix_s : float or array_like
        UTC, seconds since 1970-01-01, broadcast against the n positions.
    r_m : array_like, shape (..., 3)
        GCRS positions, metres (flattened to (n, 3)).

    Returns
    -------
    tuple of numpy.ndarray
        Geodetic latitude (deg), longitude in [-180, 180) (deg), height (m), shape (n,).
    """
    r = np.asarray(r_m, dtype=float).reshape(-1, 3)
    t = np.broadcast_to(np.asarray(t_unix_s, dtype=float), r.shape[:1])
    x, y, z = r[:, 0], r[:, 1], r[:, 2]
    p = np.hypot(x, y)
    rn = np.sqrt(p * p + z * z)
    lon = np.arctan2(y, x) - earth_rotation_angle(t)
    lon = (lon + np.pi) % (2.0 * np.pi) - np.pi
    alt = rn - R_EARTH_EQ_M * (1.0 - WGS84_FLATTENING * (z / rn) ** 2)
    lat = np.arctan2(z, p * (1.0 - _E2 * R_EARTH_EQ_M / (R_EARTH_EQ_M + alt)))
    return np.degrees(lat), np.degrees(lon), alt


def geodetic_scalar(t_unix_s: float, x: float, y: float, z: float) -> tuple[float, float, float]:
    """:func:`geodetic_from_gcrs` for one point, in plain floats for the Cowell right-hand side.

    Three fixed-point passes on the latitude instead of Bowring's closed form
    (they agree within 1 cm in height and 1e-7 deg for 80-1,000 km).

    Parameters
    ----------
    t_unix_s : float
        UTC, seconds since 1970-01-01.
    x, y, z : float
        GCRS position, metres.

    Returns
    -------
    tuple of float
        Geodetic latitude (deg), longitude in [-180, 180) (deg), height (m).
    """
    du = t_unix_s / SECONDS_PER_DAY + JD_UNIX_EPOCH - JD_J2000
    era = 2.0 * math.pi * ((0.7790572732640 + 1.00273781191135448 * du) % 1.0)
    lon = (math.atan2(y, x) - era + math.pi) % (2.0 * math.pi) - math.pi
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1.0 - _E2))
    n = R_EARTH_EQ_M
    for _ in range(3):
        s = math.sin(lat)
        n = R_EARTH_EQ_M / math.sqrt(1.0 - _E2 * s * s)
        lat = math.atan2(z + _E2 * n * s, p)
    s = math.sin(lat)
    n = R_EARTH_EQ_M / math.sqrt(1.0 - _E2 * s * s)
    c = math.cos(lat)
    alt = p / c - n if abs(c) > 1e-6 else abs(z) - n * (1.0 - _E2)
    return math.degrees(lat), math.degrees(lon), alt
