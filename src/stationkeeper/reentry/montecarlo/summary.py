"""What a Monte Carlo run says: the reentry window, and where the debris comes down."""

from __future__ import annotations

import math
from datetime import timedelta

import numpy as np

from stationkeeper.reentry.footprint import (
    exposure,
    fall_fragments,
    ground_heading_deg,
    points_along,
)
from stationkeeper.reentry.montecarlo.run import MonteCarloRun


def quantile_window(reentry_s: np.ndarray, epoch_utc) -> dict:
    """Median and 5/95 % of the samples' reentry times (s after ``epoch_utc``; NaN = still up
    at the horizon, counted as 'later'): ``median_utc``, ``p05_utc``, ``p95_utc`` (ISO text,
    ``None`` beyond the horizon), ``window_hours`` (h) and ``reentered_share`` (0-1)."""
    t = np.asarray(reentry_s, dtype=float)
    t_sorted = np.sort(np.where(np.isfinite(t), t, np.inf))
    n = t.size

    def q(p):
        x = t_sorted[min(int(math.floor(p * (n - 1) + 0.5)), n - 1)]
        return None if not np.isfinite(x) else epoch_utc + timedelta(seconds=float(x))

    p05, p50, p95 = q(0.05), q(0.50), q(0.95)
    return {
        "median_utc": p50.isoformat() if p50 else None,
        "p05_utc": p05.isoformat() if p05 else None,
        "p95_utc": p95.isoformat() if p95 else None,
        "window_hours": (p95 - p05).total_seconds() / 3600.0 if (p05 and p95) else None,
        "reentered_share": float(np.isfinite(t).mean()),
    }


def reentry_window(run: MonteCarloRun) -> dict:
    """Median and 5/95 % reentry epochs; samples still up at the horizon count as 'later'.

    Returns ``median_utc``, ``p05_utc``, ``p95_utc`` (ISO text, ``None`` when beyond the
    horizon), ``window_hours`` (h), ``reentered_share`` (0-1) and ``horizon_utc``.
    """
    return {
        **quantile_window(run.samples["reentry_s"].to_numpy(), run.epoch_utc),
        "horizon_utc": (run.epoch_utc + timedelta(seconds=run.duration_s)).isoformat(),
    }


def uncontrolled_footprint_km(run: MonteCarloRun) -> tuple[float, float]:
    """Downrange (first, last) landing distances (km) of fragments from the median breakup
    state ((0, 0) when no sample re-entered)."""
    t = run.samples["reentry_s"].to_numpy()
    ok = np.flatnonzero(np.isfinite(t))
    if ok.size == 0:
        return (0.0, 0.0)
    k = ok[np.argsort(t[ok])[ok.size // 2]]
    f = fall_fragments(run.epoch_utc.timestamp() + t[k], run.final_r_m[k], run.final_v_m_s[k])
    d = f["downrange_km"][np.isfinite(f["downrange_km"])]
    return (float(d.min()), float(d.max())) if d.size else (0.0, 0.0)


def footprint_exposure(
    run: MonteCarloRun, downrange_km: tuple[float, float], points: int = 12
) -> dict:
    """Exposure of the breakup points and of each sample's debris footprint along the track.

    Each re-entered sample's footprint runs ``downrange_km`` (first, last; km) along
    the ground heading at breakup, ``points`` points, weighted equally.
    """
    tab = run.samples
    done = np.isfinite(tab["reentry_s"].to_numpy())
    out = {"breakup": exposure(tab["lat_deg"], tab["lon_deg"])}
    if done.any():
        t_b = run.epoch_utc.timestamp() + tab["reentry_s"].to_numpy()[done]
        head = ground_heading_deg(t_b, run.final_r_m[done], run.final_v_m_s[done])
        d = np.linspace(downrange_km[0], downrange_km[1], points)
        la, lo = points_along(
            tab["lat_deg"].to_numpy()[done], tab["lon_deg"].to_numpy()[done], head, d
        )
        out["footprint"] = exposure(la, lo)
        out["footprint"]["downrange_km"] = list(downrange_km)
        out["footprint_lat_deg"], out["footprint_lon_deg"] = la, lo
    return out
