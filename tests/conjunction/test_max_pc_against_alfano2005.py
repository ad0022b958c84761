"""Maximum Pc over the covariance size against Alfano (2005) and a brute-force scan.

S. Alfano, "Relating Position Uncertainty to Maximum Conjunction Probability", J. Astronautical
Sciences 53(2), 2005: for a small hard body the 2-D Pc of a fixed miss, as the covariance is
scaled, peaks where the Mahalanobis distance of the miss is √2, at HBR² / (e d² σx σy) (for a
circular covariance HBR² / (e r²)). The exact maximum is checked against a dense scan of the
Foster integral over the scale and against that limit.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from stationkeeper.conjunction.max_pc import max_pc, max_pc_small_hbr
from stationkeeper.conjunction.pc import pc_circle


def _scan(miss, cov, hbr):
    ks = np.logspace(-3, 3, 1201)
    pcs = np.array([pc_circle(miss, cov * k * k, hbr) for k in ks])
    i = int(np.argmax(pcs))
    return pcs[i], ks[i]


@pytest.mark.parametrize(
    "miss, cov, hbr",
    [
        ((1.41, 0.0), [[0.02, 0.0], [0.0, 1.1]], 0.066),  # ISS-like, TLE-sized covariance
        ((0.3, 0.2), [[0.01, 0.004], [0.004, 0.09]], 0.066),  # correlated, SP-sized
        ((0.05, 0.0), [[1e-4, 0.0], [0.0, 4e-4]], 0.03),  # hard body not small vs the miss
    ],
)
def test_max_pc_equals_a_brute_force_scan_over_the_scale(miss, cov, hbr):
    miss, cov = np.array(miss), np.array(cov)
    pmax, k = max_pc(miss, cov, hbr)
    scanned, k_scan = _scan(miss, cov, hbr)
    assert pmax == pytest.approx(scanned, rel=1e-4)
    assert pmax >= scanned * (1 - 1e-9)  # the search finds the top, not a grid point below it
    assert k == pytest.approx(k_scan, rel=0.02)
    for f in (0.3, 1.0, 3.0):  # it bounds the Pc at every size
        assert pc_circle(miss, cov * f * f, hbr) <= pmax * (1 + 1e-9)


def test_small_hard_body_limit_is_alfanos_closed_form():
    # circular covariance: Pc_max -> HBR² / (e r²) at sigma = r / √2
    miss, hbr = np.array([2.0, 0.0]), 0.005
    pmax, k = max_pc(miss, np.eye(2), hbr)
    assert pmax == pytest.approx(hbr**2 / (math.e * 4.0), rel=1e-4)
    assert k == pytest.approx(2.0 / math.sqrt(2.0), rel=1e-3)
    # elliptical, correlated: HBR² / (e d² sqrt(det C)), at Mahalanobis distance √2
    miss, cov = np.array([0.8, -0.5]), np.array([[0.04, 0.03], [0.03, 0.25]])
    pmax, k = max_pc(miss, cov, 0.002)
    closed, k_closed = max_pc_small_hbr(miss, cov, 0.002)
    d2 = miss @ np.linalg.solve(cov, miss)
    assert closed == pytest.approx(0.002**2 / (math.e * d2 * math.sqrt(np.linalg.det(cov))))
    assert pmax == pytest.approx(closed, rel=1e-4)
    assert k == pytest.approx(k_closed, rel=1e-3)
    assert miss @ np.linalg.solve(cov * k * k, miss) == pytest.approx(2.0, rel=2e-3)


def test_miss_inside_the_hard_body():
    assert max_pc(np.array([0.003, 0.0]), np.eye(2), 0.01) == (1.0, 0.0)
