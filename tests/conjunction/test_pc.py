"""The 2-D Pc integral: against a direct 2-D integral, a Monte Carlo count, and its limits."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate

from stationkeeper.conjunction.pc import pc_circle, pc_monte_carlo
from stationkeeper.errors import InputError


def test_pc_matches_brute_force_2d_integral_and_monte_carlo():
    """The erf-reduced integral equals a direct 2-D integral and a Monte Carlo count."""
    miss = np.array([0.15, 0.0])
    cov = np.array([[0.04, 0.03], [0.03, 0.25]])
    hbr = 0.066
    pc = pc_circle(miss, cov, hbr)
    inv = np.linalg.inv(cov)
    norm = 1.0 / (2 * math.pi * math.sqrt(np.linalg.det(cov)))

    def f(y, x):
        d = np.array([x, y]) - miss
        return norm * math.exp(-0.5 * d @ inv @ d)

    direct, _ = integrate.dblquad(
        f,
        -hbr,
        hbr,
        lambda x: -math.sqrt(hbr * hbr - x * x),
        lambda x: math.sqrt(hbr * hbr - x * x),
        epsabs=1e-14,
        epsrel=1e-10,
    )
    assert pc == pytest.approx(direct, rel=1e-7)
    mc, se = pc_monte_carlo(miss, cov, hbr, 2_000_000, np.random.default_rng(1))
    assert abs(mc - pc) < 4 * se


def test_pc_limits():
    cov = np.diag([1.0, 1.0])
    # far away: ~0; huge circle: ~1; small circle at the centre: area x peak density
    assert pc_circle(np.array([50.0, 0.0]), cov, 0.1) == 0.0
    assert pc_circle(np.array([0.0, 0.0]), cov, 40.0) == pytest.approx(1.0)
    r = 1e-3
    assert pc_circle(np.array([0.0, 0.0]), cov, r) == pytest.approx(r * r / 2.0, rel=1e-6)
    with pytest.raises(InputError):
        pc_circle(np.array([0.0, 0.0]), np.diag([1.0, 0.0]), 0.1)
