"""SGP4 elements fitted to NASA TOPO's OEM states reproduce them (the real files)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import shared_file

from stationkeeper.orbit.elements import ElementSet
from stationkeeper.orbit.oem import read_oem
from stationkeeper.orbit.state import state_from_elements
from stationkeeper.orbit.tle import load_elements, load_tle, today_state_path

R_EQ_KM = 6378.137  # WGS-84 equatorial radius (the README's "420.8 km" is |r| minus it)


def _sgp4_only(es: ElementSet) -> ElementSet:
    """The same elements without the exact state: SGP4's own states."""
    return ElementSet(es.satrec, es.name, es.source, es.line_number)


def test_fit_reproduces_the_three_2026_states():
    path = shared_file("iss_recent", "nasa_topo_oem_2026-09-04_excerpt.txt")
    es = load_tle(path)
    for s in read_oem(path).segments[0].gcrs_states():
        g = state_from_elements(_sgp4_only(es), s.epoch_utc)
        assert np.linalg.norm(g.r - s.r) < 300.0  # m
        assert np.linalg.norm(g.v - s.v) < 0.5  # m/s


def test_fitted_orbit_is_the_published_one():
    # README of shared/data/iss_recent: 420.8 km, ISS inclination 51.6 deg
    path = shared_file("iss_recent", "nasa_topo_oem_2026-09-04_excerpt.txt")
    es = load_tle(path)
    state = state_from_elements(es)
    assert np.linalg.norm(state.r) / 1e3 - R_EQ_KM == pytest.approx(420.8, abs=0.05)
    assert es.inclination_deg == pytest.approx(51.6, abs=0.1)
    assert 410.0 < es.perigee_km < es.apogee_km < 430.0
    assert es.norad_id == 25544
    assert es.source.startswith("fitted to OEM state ")
    assert "assumed" in es.name  # B* is an assumption, said in the name


def test_exact_state_is_the_oem_state():
    path = shared_file("iss_recent", "nasa_topo_oem_2024-11-27_excerpt.txt")
    es = load_tle(path)
    oem_state = read_oem(path).segments[0].gcrs_states()[0]
    start = state_from_elements(es)
    assert start.epoch_utc == oem_state.epoch_utc
    assert start.r_m == oem_state.r_m and start.v_m_s == oem_state.v_m_s
    # one state, six unknowns: SGP4 reproduces it exactly (to the solver's tolerance)
    g = state_from_elements(_sgp4_only(es), oem_state.epoch_utc)
    assert np.linalg.norm(g.r - oem_state.r) < 1.0


def test_shipped_today_state_loads():
    (es,) = load_elements(today_state_path())
    assert es.epoch_utc.isoformat().startswith("2026-09-04T12:00")
    assert math.isfinite(es.mean_motion_rev_per_day) and 15.4 < es.mean_motion_rev_per_day < 15.6
