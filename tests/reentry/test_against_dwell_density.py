"""The long-horizon ground probabilities against the analytic dwell of a circular orbit.

For inclination i, the time a circular orbit spends at latitude φ has the density
cos φ / (π sqrt(sin² i − sin² φ)); its integral gives the band probability
P(φ1 < φ < φ2) = [asin(sin φ2 / sin i) − asin(sin φ1 / sin i)] / π (clipped at ±i).
The points are WGS-84 geodetic latitudes (the dwell is geocentric): at most 0.19° apart,
which moves < 0.005 of probability across a band edge; added to the tolerance."""

from __future__ import annotations

import math

import numpy as np
import pytest

from stationkeeper.reentry.footprint import LAT_BANDS_DEG
from stationkeeper.reentry.montecarlo.dwell import dwell_density, dwell_ground

INC_DEG = 51.6
N = 20_000


def band_probability(lo: float, hi: float, inc_deg: float = INC_DEG) -> float:
    si = math.sin(math.radians(inc_deg))

    def f(phi):
        return math.asin(max(-1.0, min(1.0, math.sin(math.radians(phi)) / si)))

    return (f(hi) - f(lo)) / math.pi


@pytest.fixture(scope="module")
def ground():
    return dwell_ground(math.radians(INC_DEG), N, seed=5)


@pytest.mark.parametrize("which", ["breakup", "footprint"])
def test_latitude_bands_follow_the_dwell_density(ground, which):
    bands = ground[which]["latitude_bands"]
    edges = LAT_BANDS_DEG
    # footprint points: 12 a swath, correlated; count swaths, not points
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        p = band_probability(lo, hi)
        got = bands.get(f"{lo}..{hi}", 0.0)
        tol = (
            4 * math.sqrt(max(p * (1 - p), 1e-6) / N)
            + 0.005
            + (0.01 if which == "footprint" else 0)
        )
        assert got == pytest.approx(p, abs=tol), (lo, hi)
    # nothing beyond the inclination (the swath's great circle overshoots by < 1 deg)
    edges_of = {k: tuple(map(int, k.split(".."))) for k in bands}
    beyond = [v for k, v in bands.items() if edges_of[k][0] >= 60 or edges_of[k][1] <= -60]
    assert sum(beyond) < 1e-3


def test_the_peak_is_at_the_turning_latitude(ground):
    """The density diverges at ±i: per degree, the last 1.6° below the inclination hold ~6x
    the degree around the equator (analytic: 0.136 / 1.6° against 0.0142 / 2°)."""
    lat = np.abs(ground["lat_deg"])
    near_turn = np.mean((lat > 50.0) & (lat < INC_DEG + 0.3)) / 1.6
    equator = np.mean(lat < 1.0) / 2.0
    assert near_turn == pytest.approx(band_probability(50.0, 90.0) * 2 / 1.6, rel=0.1)
    assert near_turn > 5 * equator


def test_density_function_integrates_to_one():
    phi = np.linspace(-INC_DEG, INC_DEG, 2_000_001)
    d = dwell_density(phi, INC_DEG)
    assert np.trapezoid(d, phi) == pytest.approx(1.0, abs=0.01)


def test_touch_probability_is_at_least_the_point_share(ground):
    """A swath touches a country at least as often as one of its points lies there."""
    fp, touch = ground["footprint"], ground["touch"]
    for name in list(fp["countries"])[:10]:
        assert touch["countries"][name] >= fp["countries"][name]
    assert touch["land"] >= fp["land"] and touch["sea"] >= fp["sea"]
