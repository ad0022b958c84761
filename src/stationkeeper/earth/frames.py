"""Reference frames: the radial / in-track / cross-track (RIC = RTN) axes of a state.

Used by conjunction screening (miss components, covariances) and the reentry Monte
Carlo (state offsets).
"""

from __future__ import annotations

import numpy as np


def ric_basis(r: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Rows = radial, in-track, cross-track unit vectors of the state (r, v).

    Works on one state (shape (3,)) or a stack (shape (..., 3)); returns
    shape (..., 3, 3).
    """
    r = np.asarray(r, dtype=float)
    v = np.asarray(v, dtype=float)
    rhat = r / np.linalg.norm(r, axis=-1, keepdims=True)
    h = np.cross(r, v)
    chat = h / np.linalg.norm(h, axis=-1, keepdims=True)
    ihat = np.cross(chat, rhat)
    return np.stack([rhat, ihat, chat], axis=-2)


def ric_to_inertial(cov_ric: np.ndarray, r: np.ndarray, v: np.ndarray) -> np.ndarray:
    """A covariance given in the RIC (= RTN) axes of (r, v), in the inertial axes."""
    basis = ric_basis(r, v)
    return np.swapaxes(basis, -1, -2) @ np.asarray(cov_ric, dtype=float) @ basis
