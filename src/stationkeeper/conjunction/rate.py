"""The manoeuvre rate a year that a decision rule implies, from one screen's approaches.

Counting the week's decisions directly says little: a rate of ~1.5 a year is 0.03 a week,
so a week gives 0 or 1, and 0 events bound the rate only below ~190 a year (95 %). The
estimator here uses every close approach instead.

Approaches within a few km of the station cross its encounter plane at points spread
evenly over that plane (a uniform flux over a region small compared with the orbits'
scale). An approach with encounter-plane covariance ``C`` leads to a manoeuvre when its
miss falls in the region ``{m : Pc(m, C, HBR) >= threshold}`` (convex, around the station:
the Pc is a log-concave function of the miss, being the convolution of the hard-body disk
with a Gaussian), of area ``A(C)``. With ``N`` approaches within a radius ``r0``, each with
its own geometry and covariance, the expected number of manoeuvres in the span is

    Λ = Σ_i A(C_i) / (π r0²)

and its standard error, the events being a Poisson sample of geometries, ``√Σ_i
(A(C_i) / (π r0²))²``. ``r0`` (default 10 km) trades counts against the uniformity
assumption (docs/screening.md shows the counts against r²). The estimator reproduces a
direct count where that count is large: with the TLE-default covariances it predicts
the ~4 decisions a week those covariances give (test).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from stationkeeper.conjunction.pc import pc_circle_batch
from stationkeeper.errors import InputError

DAYS_PER_YEAR = 365.25
#: Radius (km) of the encounter-plane disk whose approaches measure the flux.
FLUX_RADIUS_KM = 10.0


def decision_area_km2(
    cov2d: np.ndarray, hbr_km: float, threshold: float, angles: int = 64
) -> float:
    """Area (km²) of the misses whose 2-D Pc with ``cov2d`` reaches ``threshold``.

    Along each of ``angles`` rays from the station the boundary is found by bisection
    (the region is convex and contains the origin); the area is ``½ ∮ ρ(θ)² dθ`` by the
    trapezoidal rule, exact to spectral accuracy for a smooth closed curve.
    """
    cov2d = np.asarray(cov2d, dtype=float)
    if pc_circle_batch(np.zeros((1, 2)), cov2d, hbr_km)[0] < threshold:
        return 0.0
    theta = np.linspace(0.0, 2.0 * math.pi, angles, endpoint=False)
    u = np.stack([np.cos(theta), np.sin(theta)], axis=-1)
    lo = np.zeros(angles)
    hi = np.full(angles, hbr_km + 2.0 * math.sqrt(np.linalg.eigvalsh(cov2d)[1]))
    for _ in range(60):  # grow the bracket until every ray ends below the threshold
        above = pc_circle_batch(hi[:, None] * u, cov2d, hbr_km) >= threshold
        if not above.any():
            break
        hi[above] *= 2.0
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        above = pc_circle_batch(mid[:, None] * u, cov2d, hbr_km) >= threshold
        lo = np.where(above, mid, lo)
        hi = np.where(above, hi, mid)
    rho = 0.5 * (lo + hi)
    return float(0.5 * np.mean(rho**2) * 2.0 * math.pi)


def implied_rate(
    events: list[dict],
    *,
    days: float,
    hbr_km: float,
    threshold: float,
    cov_key: str = "cov_plane_km2",
    cov_factor: float = 1.0,
    flux_radius_km: float = FLUX_RADIUS_KM,
) -> dict:
    """Manoeuvres a year implied by the events of a ``days``-long screen (see the module).

    ``cov_key``: which encounter-plane covariance of each event (``event["encounter"]``)
    the rule uses: ``"cov_plane_km2"`` (decision grade) or ``"cov_screening_plane_km2"``
    (TLE default); ``cov_factor`` multiplies it (sigmas × √factor). Also the direct count of
    events with ``pc_decision >= threshold`` and its 95 % Poisson (Garwood) interval.
    """
    if not days > 0:
        raise InputError(f"{days}", field="days", allowed="> 0")
    if not flux_radius_km > 0:
        raise InputError(f"{flux_radius_km}", field="flux_radius_km", allowed="> 0")
    near = [
        e
        for e in events
        if e["miss_km"] <= flux_radius_km and e["encounter"].get(cov_key) is not None
    ]
    disk = math.pi * flux_radius_km**2
    shares = np.array(
        [
            decision_area_km2(np.asarray(e["encounter"][cov_key]) * cov_factor, hbr_km, threshold)
            / disk
            for e in near
        ]
    )
    per_year = DAYS_PER_YEAR / days
    lam = float(shares.sum()) if shares.size else 0.0
    se = float(math.sqrt(np.sum(shares**2))) if shares.size else 0.0
    count = sum((e.get("pc_decision") or 0.0) >= threshold for e in events)
    lo = 0.5 * stats.chi2.ppf(0.025, 2 * count) if count else 0.0
    hi = 0.5 * stats.chi2.ppf(0.975, 2 * count + 2)
    return {
        "per_year": lam * per_year,
        "per_year_se": se * per_year,
        "per_span": lam,
        "approaches_used": len(near),
        "flux_radius_km": flux_radius_km,
        "mean_decision_area_km2": float(shares.mean() * disk) if shares.size else 0.0,
        "direct_count": int(count),
        "direct_per_year_95": [float(lo) * per_year, float(hi) * per_year],
        "threshold": threshold,
        "method": "uniform flux in the encounter plane x area where Pc >= threshold "
        "(conjunction/rate.py)",
    }
