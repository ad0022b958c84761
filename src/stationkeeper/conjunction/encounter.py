"""The encounter plane of a conjunction: the miss and the combined covariance in it.

At the time of closest approach the relative motion of two objects is taken as a
straight line. The *encounter plane* is perpendicular to the relative velocity; the
miss vector and the sum of the two position covariances projected on it are all a
2-D probability of collision (:mod:`stationkeeper.conjunction.pc`) needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stationkeeper.errors import InputError


@dataclass(frozen=True)
class Encounter:
    """The 2-D encounter geometry: miss vector and covariance in the encounter plane.

    Axes: ``x`` along the miss direction (perpendicular to the relative velocity),
    ``y = z × x`` with ``z`` along the relative velocity. Units are those of the
    inputs (km, or m).
    """

    miss: np.ndarray
    """(2,) miss vector in the plane: (|miss|, 0)."""
    cov: np.ndarray
    """(2, 2) combined position covariance projected on the plane."""
    axes: np.ndarray
    """(3, 3) rows x, y, z of the encounter frame in the inertial axes."""
    relative_speed: float

    @property
    def miss_distance(self) -> float:
        """|miss|, in the units of the inputs (km or m)."""
        return float(np.hypot(*self.miss))


def encounter(
    r1: np.ndarray,
    v1: np.ndarray,
    cov1: np.ndarray,
    r2: np.ndarray,
    v2: np.ndarray,
    cov2: np.ndarray,
) -> Encounter:
    """Project the relative state of object 2 w.r.t. object 1 on the encounter plane.

    Positions, velocities and covariances in one inertial frame and consistent
    units. The miss is taken perpendicular to the relative velocity, so a state
    a little off TCA gives the same answer as the exact TCA (linear motion).
    """
    dr = np.asarray(r2, dtype=float) - np.asarray(r1, dtype=float)
    dv = np.asarray(v2, dtype=float) - np.asarray(v1, dtype=float)
    speed = float(np.linalg.norm(dv))
    if not speed > 0:
        raise InputError(
            "the two objects have the same velocity: no encounter plane",
            field="relative velocity",
            allowed="> 0",
        )
    z = dv / speed
    miss = dr - np.dot(dr, z) * z
    miss_norm = float(np.linalg.norm(miss))
    if miss_norm > 0:
        x = miss / miss_norm
    else:  # any direction perpendicular to z
        trial = np.array([1.0, 0.0, 0.0]) if abs(z[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
        x = trial - np.dot(trial, z) * z
        x /= np.linalg.norm(x)
    y = np.cross(z, x)
    axes = np.stack([x, y, z])
    cov = np.asarray(cov1, dtype=float) + np.asarray(cov2, dtype=float)
    p = axes[:2]
    cov2d = p @ cov @ p.T
    return Encounter(np.array([miss_norm, 0.0]), 0.5 * (cov2d + cov2d.T), axes, speed)
