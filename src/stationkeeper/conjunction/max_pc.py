"""The maximum probability of collision over the size of the covariance (SOCRATES's "max Pc").

When the shape and orientation of the combined encounter-plane covariance are taken as
known but its size is not, ``C(k) = k² C0``, the 2-D Pc of a fixed miss rises from zero
(``k → 0``: the object is surely where predicted, outside the hard body) to a maximum and
falls again (``k → ∞``: "dilution", the probability spread over a huge area). The maximum
is an upper bound on the Pc whatever the true covariance size: it ranks approaches when
the covariance is not known, as CelesTrak's SOCRATES does with its "maximum probability"
and "dilution threshold" (Kelso & Alfano 2005; S. Alfano, *Relating Position Uncertainty
to Maximum Conjunction Probability*, J. Astronautical Sciences 53(2), 2005, pp. 193-205).

Small hard body (HBR ≪ the sigmas): the density is constant over the disk, so

    Pc(k) ≈ HBR² / (2 k² σx σy) · exp(-d² / (2 k²)),    d² = missᵀ C0⁻¹ miss,

whose maximum over ``k`` is at ``k² = d² / 2`` (so the Mahalanobis distance of the miss
is √2 there) and is

    Pc_max ≈ HBR² / (e · d² · σx σy)

(for a circular covariance ``HBR² / (e · miss²)``): :func:`max_pc_small_hbr`.
:func:`max_pc` maximises the exact Foster integral over ``log k`` (bounded Brent search
started from that point), which also holds when the hard body is not small.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import optimize

from stationkeeper.conjunction.pc import pc_circle
from stationkeeper.errors import InputError


def _mahalanobis2(miss: np.ndarray, cov2d: np.ndarray) -> float:
    miss = np.asarray(miss, dtype=float)
    cov2d = np.asarray(cov2d, dtype=float)
    if np.linalg.eigvalsh(cov2d)[0] <= 0:
        raise InputError(
            "the encounter-plane covariance is not positive definite",
            field="covariance",
            allowed="positive-definite position covariances",
        )
    return float(miss @ np.linalg.solve(cov2d, miss))


def max_pc_small_hbr(miss: np.ndarray, cov2d: np.ndarray, hbr: float) -> tuple[float, float]:
    """Closed-form maximum Pc over the covariance scale for a small hard body, and the scale.

    Returns ``(pc_max, k)`` with ``k`` the factor on the sigmas of ``cov2d`` at the maximum
    (``k = d / √2``). Valid while HBR ≪ the scaled sigmas; see the module docstring.
    """
    d2 = _mahalanobis2(miss, cov2d)
    if d2 <= 0:
        return 1.0, 0.0
    det_sqrt = math.sqrt(float(np.linalg.det(np.asarray(cov2d, dtype=float))))
    return min(hbr * hbr / (math.e * d2 * det_sqrt), 1.0), math.sqrt(d2 / 2.0)


def max_pc(miss: np.ndarray, cov2d: np.ndarray, hbr: float) -> tuple[float, float]:
    """Maximum of the exact 2-D Pc over the scale ``k`` of ``cov2d`` (``C = k² cov2d``).

    Returns ``(pc_max, k)``. A miss inside the hard body has its supremum as ``k → 0``
    (the object surely inside): reported as ``(1.0, 0.0)``.
    """
    if not hbr > 0:
        raise InputError(f"hard-body radius {hbr}", field="hbr", allowed="> 0")
    miss = np.asarray(miss, dtype=float)
    cov2d = np.asarray(cov2d, dtype=float)
    d2 = _mahalanobis2(miss, cov2d)
    if float(np.hypot(*miss)) < hbr:
        return 1.0, 0.0
    k0 = math.sqrt(d2 / 2.0)

    def neg_log_pc(log_k: float) -> float:
        p = pc_circle(miss, cov2d * math.exp(2.0 * log_k), hbr)
        return -math.log(max(p, 1e-300))

    # Pc(k) is unimodal in log k; the optimum lies within a factor 400 of the small-HBR one
    res = optimize.minimize_scalar(
        neg_log_pc,
        bounds=(math.log(k0) - 6.0, math.log(k0) + 6.0),
        method="bounded",
        options={"xatol": 1e-6},
    )
    k = math.exp(float(res.x))
    return math.exp(-float(res.fun)), k
