"""The implied manoeuvre rate: the area where Pc reaches the threshold against its analytic
small-hard-body limit and a Monte Carlo of uniformly spread misses; the rate estimator
against a direct count on synthetic approaches."""

from __future__ import annotations

import math

import numpy as np
import pytest

from stationkeeper.conjunction.pc import pc_circle_batch
from stationkeeper.conjunction.rate import decision_area_km2, implied_rate


def test_decision_area_small_hard_body_limit():
    """HBR ≪ sigmas: Pc(m) ≈ HBR²/(2 σx σy) exp(-d²/2), so Pc >= p on the ellipse
    d² <= 2 ln(HBR² / (2 σx σy p)), area π σx σy · 2 ln(HBR² / (2 σx σy p))."""
    sx, sy, hbr, p = 0.1, 0.3, 0.005, 1e-5
    theta = 0.7
    rot = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
    cov = rot @ np.diag([sx**2, sy**2]) @ rot.T
    expected = math.pi * sx * sy * 2.0 * math.log(hbr**2 / (2 * sx * sy * p))
    assert decision_area_km2(cov, hbr, p) == pytest.approx(expected, rel=2e-3)
    # a covariance so large that even a miss of zero stays below the threshold: no area
    assert decision_area_km2(np.eye(2) * 100.0, 0.066, 1e-4) == 0.0


def test_decision_area_against_monte_carlo():
    """The ISS's HBR with the SP-grade default's size: fraction of uniform misses in a 3 km
    disk whose Pc reaches 1e-4, against area / disk."""
    cov = np.array([[0.02, 0.01], [0.01, 0.15]])
    rng = np.random.default_rng(7)
    n, r0 = 200_000, 3.0
    rad = r0 * np.sqrt(rng.random(n))
    ang = 2 * math.pi * rng.random(n)
    m = np.stack([rad * np.cos(ang), rad * np.sin(ang)], axis=-1)
    hit = pc_circle_batch(m, cov, 0.066) >= 1e-4
    frac, se = hit.mean(), math.sqrt(hit.mean() * (1 - hit.mean()) / n)
    share = decision_area_km2(cov, 0.066, 1e-4) / (math.pi * r0**2)
    assert abs(share - frac) < 4 * se


def test_implied_rate_matches_a_direct_count_on_synthetic_approaches():
    """Approaches spread uniformly over a 10 km disk, each with one of two covariances: the
    estimator's expected count equals the mean count of many simulated weeks."""
    covs = [np.array([[0.05, 0.0], [0.0, 0.5]]), np.array([[0.2, 0.05], [0.05, 0.3]])]
    rng = np.random.default_rng(3)
    events = [
        {"miss_km": 10.0 * math.sqrt(rng.random()), "encounter": {"cov_plane_km2": c.tolist()}}
        for c in covs * 30
    ]
    rate = implied_rate(events, days=7.0, hbr_km=0.066, threshold=1e-4)
    counts = []
    for _ in range(400):  # weeks: 60 approaches each, misses drawn afresh
        rad = 10.0 * np.sqrt(rng.random(60))
        ang = 2 * math.pi * rng.random(60)
        m = np.stack([rad * np.cos(ang), rad * np.sin(ang)], axis=-1)
        cov = np.array(covs * 30)
        counts.append(int((pc_circle_batch(m, cov, 0.066) >= 1e-4).sum()))
    mean, se = np.mean(counts), np.std(counts) / math.sqrt(len(counts))
    assert rate["approaches_used"] == 60
    assert abs(rate["per_span"] - mean) < 4 * se
    assert rate["per_year"] == pytest.approx(rate["per_span"] * 365.25 / 7.0)
