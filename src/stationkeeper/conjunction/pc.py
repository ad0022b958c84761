"""Probability of collision (2-D, Foster): the circle integral, batched, and by Monte Carlo.

The short-encounter ("2-D") model
---------------------------------
At the time of closest approach (TCA) the relative motion of two objects is
taken as a straight line; both position errors are Gaussian and independent,
so their sum has the covariance ``C = C1 + C2``. Projected on the *encounter
plane* (perpendicular to the relative velocity), the collision probability is
the mass of that 2-D Gaussian, centred on the miss vector, inside the circle of
the combined hard-body radius (HBR):

    Pc = ∫∫_{|x| <= HBR} N(x; miss, C_2d) dx          (Foster & Estes 1992)

:func:`pc_circle` evaluates that integral numerically ("Foster's method"):
in the principal axes of ``C_2d`` the inner integral across the circle is an
exact difference of error functions, and the outer one runs over
``x = HBR sin θ`` with adaptive quadrature, so the only error is quadrature
error (below 1e-9 relative). :func:`pc_circle_batch` is the same integral on a
fixed Gauss-Legendre rule, vectorised, for searches over many candidate burns.
Checked against the NASA CARA SDK's published 2-D Pc for the Omitron case and
Alfano's (2009) test cases (``tests/conjunction/test_against_cara_sdk.py``).

The encounter plane is :mod:`stationkeeper.conjunction.encounter`'s; default
covariances for TLEs are :mod:`stationkeeper.conjunction.covariance`'s.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
from scipy import integrate, special

from stationkeeper.conjunction.encounter import encounter
from stationkeeper.errors import InputError

#: Hard-body radius of the ISS, m. Derived: half the diagonal of the station's
#: 109 m x 74 m planform (truss width x module length, iss_facts s1), so that a
#: sphere of this radius encloses the whole station seen from any direction in
#: the encounter plane; the debris object's own size is neglected.
ISS_HARD_BODY_RADIUS_M = 66.0


def _principal(miss: np.ndarray, cov2d: np.ndarray) -> tuple[float, float, float, float]:
    """Mean (mx, my) and sigmas (sx, sy) in the principal axes of ``cov2d``."""
    w, q = np.linalg.eigh(cov2d)
    if w[0] <= 0:
        raise InputError(
            f"the encounter-plane covariance is not positive definite (eigenvalues {w})",
            field="covariance",
            allowed="positive-definite position covariances",
        )
    m = q.T @ np.asarray(miss, dtype=float)
    return float(m[0]), float(m[1]), float(math.sqrt(w[0])), float(math.sqrt(w[1]))


def _integrand(theta, hbr, mx, my, sx, sy):
    x = hbr * np.sin(theta)
    h = hbr * np.cos(theta)
    gx = np.exp(-0.5 * ((x - mx) / sx) ** 2) / (math.sqrt(2.0 * math.pi) * sx)
    s2 = math.sqrt(2.0) * sy
    inner = 0.5 * (special.erf((h - my) / s2) + special.erf((h + my) / s2))
    return gx * inner * h  # dx = hbr cos(theta) dtheta = h dtheta


def pc_circle(miss: np.ndarray, cov2d: np.ndarray, hbr: float) -> float:
    """Probability that the 2-D Gaussian N(miss, cov2d) falls inside the circle |x| <= hbr.

    Foster's 2-D Pc: exact error-function inner integral, adaptive outer one.
    """
    if not hbr > 0:
        raise InputError(f"hard-body radius {hbr}", field="hbr", allowed="> 0")
    mx, my, sx, sy = _principal(miss, cov2d)
    # break the outer integral where the Gaussian peaks, if that is inside the circle
    points = []
    if abs(mx) < hbr:
        points.append(math.asin(mx / hbr))
    with warnings.catch_warnings():
        # below ~1e-25 the relative tolerance cannot be met; such a Pc is 0 for every purpose
        warnings.simplefilter("ignore", integrate.IntegrationWarning)
        value, _ = integrate.quad(
            _integrand,
            -0.5 * math.pi,
            0.5 * math.pi,
            args=(hbr, mx, my, sx, sy),
            points=points or None,
            epsabs=1e-25,
            epsrel=1e-10,
            limit=200,
        )
    return float(min(max(value, 0.0), 1.0))


_GL_CACHE: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def pc_circle_batch(miss: np.ndarray, cov2d: np.ndarray, hbr: float, nodes: int = 96) -> np.ndarray:
    """:func:`pc_circle` for many encounters at once (Gauss-Legendre, ``nodes`` points).

    ``miss`` shape (N, 2), ``cov2d`` shape (N, 2, 2) or (2, 2). Accurate to
    about 1e-6 relative while the sigmas exceed about HBR / 10.
    """
    miss = np.atleast_2d(np.asarray(miss, dtype=float))
    cov2d = np.broadcast_to(np.asarray(cov2d, dtype=float), (miss.shape[0], 2, 2))
    w, q = np.linalg.eigh(cov2d)
    if np.any(w[:, 0] <= 0):
        raise InputError(
            "an encounter-plane covariance is not positive definite",
            field="covariance",
            allowed="positive-definite position covariances",
        )
    m = np.einsum("nji,nj->ni", q, miss)
    sx, sy = np.sqrt(w[:, 0]), np.sqrt(w[:, 1])
    if nodes not in _GL_CACHE:
        _GL_CACHE[nodes] = np.polynomial.legendre.leggauss(nodes)
    t, wt = _GL_CACHE[nodes]
    theta = 0.5 * math.pi * t  # [-pi/2, pi/2]
    vals = _integrand(
        theta[None, :], hbr, m[:, :1], m[:, 1:2], sx[:, None], sy[:, None]
    )  # (N, nodes)
    return np.clip(0.5 * math.pi * vals @ wt, 0.0, 1.0)


def pc_foster(
    r1: np.ndarray,
    v1: np.ndarray,
    cov1: np.ndarray,
    r2: np.ndarray,
    v2: np.ndarray,
    cov2: np.ndarray,
    hbr: float,
) -> float:
    """2-D Pc of a conjunction from the two states and position covariances.

    Any consistent units (km, km/s, km² and HBR in km; or m, m/s, m² and m).
    """
    enc = encounter(r1, v1, cov1, r2, v2, cov2)
    return pc_circle(enc.miss, enc.cov, hbr)


def pc_monte_carlo(
    miss: np.ndarray,
    cov2d: np.ndarray,
    hbr: float,
    samples: int,
    rng: np.random.Generator,
) -> tuple[float, float]:
    """Monte Carlo estimate of :func:`pc_circle` and its 1-sigma standard error."""
    if samples <= 0:
        raise InputError(f"{samples} samples", field="samples", allowed="> 0")
    hits = 0
    done = 0
    chol = np.linalg.cholesky(np.asarray(cov2d, dtype=float))
    while done < samples:
        n = min(1_000_000, samples - done)
        x = np.asarray(miss, dtype=float) + rng.standard_normal((n, 2)) @ chol.T
        hits += int(np.count_nonzero(np.einsum("ij,ij->i", x, x) <= hbr * hbr))
        done += n
    p = hits / samples
    return p, math.sqrt(max(p * (1.0 - p), 1.0 / samples) / samples)
