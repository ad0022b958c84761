"""Geodetic coordinates of a GCRS position against skyfield's WGS-84 (IAU 2000 frames)."""

from __future__ import annotations

import pytest

from stationkeeper.earth.geodetic import geodetic_from_gcrs


def test_geodetic_conversion_against_skyfield():
    from skyfield.api import load, wgs84

    ts = load.timescale(builtin=True)
    t = ts.utc(2022, 3, 3, 17, 0, 0)
    pos = wgs84.latlon(40.0, -75.0, 420e3).at(t)
    lat, lon, alt = geodetic_from_gcrs(t.utc_datetime().timestamp(), pos.position.m)
    assert float(lat) == pytest.approx(40.0, abs=0.4)  # precession neglected (~0.3 deg)
    assert float(lon) == pytest.approx(-75.0, abs=0.4)
    assert float(alt) == pytest.approx(420e3, abs=3e3)
