"""TLE-default covariances: their sigmas, and rotated from RIC to inertial axes."""

from __future__ import annotations

import numpy as np
import pytest

from stationkeeper.conjunction.covariance import tle_covariance_ric
from stationkeeper.earth.frames import ric_basis, ric_to_inertial


def test_ric_covariance_rotation():
    r = np.array([7000.0, 0.0, 0.0])
    v = np.array([0.0, 7.5, 0.0])
    basis = ric_basis(r, v)
    assert np.allclose(basis, np.eye(3))
    cov = tle_covariance_ric(2.0)
    assert np.sqrt(np.diag(cov)) == pytest.approx([0.3, 3.0, 0.3])
    # a covariance in RIC rotated to inertial keeps its eigenvalues
    r2 = np.array([1000.0, 6000.0, 3000.0])
    v2 = np.array([-7.0, 1.0, 2.0])
    inert = ric_to_inertial(cov, r2, v2)
    assert np.sort(np.linalg.eigvalsh(inert)) == pytest.approx(np.sort(np.diag(cov)))
    along = ric_basis(r2, v2)[1]
    assert along @ inert @ along == pytest.approx(9.0)
