"""Geodetic coordinates of GCRS positions: the exact, first-order and scalar forms agree
within their stated bounds; samples that never arrived stay NaN."""

from __future__ import annotations

import numpy as np
import pytest

from stationkeeper.constants import R_EARTH_EQ_M
from stationkeeper.earth.geodetic import (
    geodetic_from_gcrs,
    geodetic_from_gcrs_fast,
    geodetic_scalar,
    latlon_where_finite,
)


def test_fast_geodetic_conversion_within_its_stated_bound():
    """The Monte Carlo's first-order conversion vs the exact Bowring form: < 30 m in height
    and < 2e-5 deg in latitude for 80-250 km, all latitudes."""
    rng = np.random.default_rng(3)
    n = 5000
    lat = np.radians(rng.uniform(-89, 89, n))
    lon = rng.uniform(-np.pi, np.pi, n)
    h = rng.uniform(80e3, 250e3, n)
    # geodetic -> ECEF by the textbook formula, then treat as GCRS at t = 0 s
    a, f = 6378137.0, 1 / 298.257223563
    e2 = f * (2 - f)
    nn = a / np.sqrt(1 - e2 * np.sin(lat) ** 2)
    r = np.stack(
        [
            (nn + h) * np.cos(lat) * np.cos(lon),
            (nn + h) * np.cos(lat) * np.sin(lon),
            (nn * (1 - e2) + h) * np.sin(lat),
        ],
        axis=-1,
    )
    t = np.zeros(n)
    lat_x, _, alt_x = geodetic_from_gcrs(t, r)
    lat_f, _, alt_f = geodetic_from_gcrs_fast(t, r)
    assert np.max(np.abs(alt_x - h)) < 1.0  # the exact form is exact
    assert np.max(np.abs(alt_f - alt_x)) < 30.0
    assert np.max(np.abs(lat_f - lat_x)) < 2e-5


def test_scalar_form_matches_bowring_for_80_to_1000_km():
    """The Cowell hot path's fixed-point form vs the vectorised Bowring form: within 1 cm in
    height and 1e-7 deg in latitude (its docstring's bound), any direction and time."""
    rng = np.random.default_rng(11)
    n = 3000
    t = rng.uniform(1.5e9, 2.0e9, n)
    d = rng.normal(size=(n, 3))
    d /= np.linalg.norm(d, axis=1)[:, None]
    r = d * (R_EARTH_EQ_M + rng.uniform(80e3, 1000e3, n))[:, None]
    lat, lon, alt = geodetic_from_gcrs(t, r)
    got = np.array(
        [geodetic_scalar(float(ti), *map(float, ri)) for ti, ri in zip(t, r, strict=True)]
    )
    assert np.max(np.abs(got[:, 0] - lat)) < 1e-7
    assert np.max(np.abs((got[:, 1] - lon + 180.0) % 360.0 - 180.0)) < 1e-9
    assert np.max(np.abs(got[:, 2] - alt)) < 0.01


def test_latlon_where_finite_leaves_samples_that_never_arrived_nan():
    r = np.array([[R_EARTH_EQ_M + 100e3, 0.0, 0.0], [0.0, 0.0, R_EARTH_EQ_M], [1.0, 2.0, 3.0]])
    dt = np.array([0.0, 3600.0, np.nan])
    lat, lon = latlon_where_finite(1.6e9, dt, r)
    want_lat, want_lon, _ = geodetic_from_gcrs(1.6e9 + dt[:2], r[:2])
    assert np.array_equal(lat[:2], want_lat) and np.array_equal(lon[:2], want_lon)
    assert np.isnan(lat[2]) and np.isnan(lon[2])
    assert lat[1] == pytest.approx(90.0)
    lat, lon = latlon_where_finite(1.6e9, np.full(3, np.inf), r)
    assert np.isnan(lat).all() and np.isnan(lon).all()
