"""Fitting the ballistic coefficient BC = m / (Cd A) to a stretch of TLE history.

The Averaged propagator is run from the first element set of the window with
a trial BC; the modelled altitude change D(t) is compared with the observed
mean altitudes by least squares, h_obs(t_i) = h0 + k D(t_i).  Because the
decay rate is proportional to 1/BC, k measures how far the trial BC is off:
BC <- BC / k, repeated until k = 1 within 0.1 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from stationkeeper.constants import BREAKUP_ALTITUDE_M, SECONDS_PER_DAY
from stationkeeper.errors import InputError
from stationkeeper.orbit.averaged import propagate_averaged
from stationkeeper.orbit.elements import ElementSet
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.state import state_from_elements


@dataclass(frozen=True)
class BallisticFit:
    ballistic_coefficient_kg_m2: float
    start_utc: datetime
    end_utc: datetime
    n_element_sets: int
    rms_residual_km: float
    observed_loss_km: float

    def as_dict(self) -> dict:
        return {
            "ballistic_coefficient_kg_m2": self.ballistic_coefficient_kg_m2,
            "window_start_utc": self.start_utc.isoformat(),
            "window_end_utc": self.end_utc.isoformat(),
            "n_element_sets": self.n_element_sets,
            "rms_residual_km": self.rms_residual_km,
            "observed_loss_km": self.observed_loss_km,
        }


def modelled_altitude_change(
    window: list[ElementSet],
    atmosphere,
    bc_kg_m2: float,
    zonal_degree: int = 6,
    t_end_unix_s: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(t_unix_s grid, mean-altitude change in km since the first element set) for one BC."""
    first = window[0]
    state0 = state_from_elements(first)
    t0 = first.epoch_utc.timestamp()
    t_end = window[-1].epoch_utc.timestamp() if t_end_unix_s is None else t_end_unix_s
    forces = ForceModel.with_drag(atmosphere, bc_kg_m2, zonal_degree)
    # a trial BC can be far too small during the fit: stop at 80 km rather than fall through
    traj = propagate_averaged(
        state0,
        forces,
        max(t_end - t0, 3600.0),
        output_step_s=21600.0,
        stop_altitude_m=BREAKUP_ALTITUDE_M,
    )
    t = t0 + traj.table["day"].to_numpy() * SECONDS_PER_DAY
    h = traj.table["mean_altitude_km"].to_numpy()
    return t, h - h[0]


def observed_loss_km(window: list[ElementSet], end_days: float = 2.0) -> float:
    """Mean-altitude loss from the first to the last element set of ``window``.

    Each end is the value at that epoch of a straight line fitted to the sets
    within ``end_days`` of it (at least three), which averages down the
    tens-of-metres noise of single element sets.
    """
    t = np.array([e.epoch_utc.timestamp() for e in window]) / SECONDS_PER_DAY
    h = np.array([e.mean_altitude_km for e in window])

    def end_value(at: float, sel: np.ndarray) -> float:
        if sel.sum() < 3:
            sel = np.argsort(np.abs(t - at))[: min(3, t.size)]
        tt, hh = t[sel], h[sel]
        if np.ptp(tt) <= 0:
            return float(np.mean(hh))
        slope, icpt = np.polyfit(tt - at, hh, 1)
        return float(icpt)

    start = end_value(t[0], t <= t[0] + end_days)
    stop = end_value(t[-1], t >= t[-1] - end_days)
    return start - stop


def fit_ballistic_coefficient(
    window: list[ElementSet],
    atmosphere,
    *,
    bc0_kg_m2: float = 100.0,
    zonal_degree: int = 6,
    max_iterations: int = 6,
) -> BallisticFit:
    """Least-squares BC for the element sets in ``window`` (sorted, no manoeuvre inside)."""
    if len(window) < 3:
        raise InputError(
            f"{len(window)} element sets in the fit window",
            field="TLE history",
            allowed=">= 3 element sets with no manoeuvre between them",
        )
    t_obs = np.array([e.epoch_utc.timestamp() for e in window])
    h_obs = np.array([e.mean_altitude_km for e in window])
    loss_km = observed_loss_km(window)
    if loss_km <= 0:
        raise InputError(
            "the orbit does not decay over the fit window (no drag signal to fit)",
            field="TLE history",
            allowed="a window of free decay",
        )
    bc = bc0_kg_m2
    k = np.nan
    resid = np.array([np.nan])
    for _ in range(max_iterations):
        t_mod, d_mod = modelled_altitude_change(window, atmosphere, bc, zonal_degree)
        d = np.interp(t_obs, t_mod, d_mod)
        design = np.column_stack([np.ones_like(d), d])
        (h0, k), *_ = np.linalg.lstsq(design, h_obs, rcond=None)
        resid = h_obs - (h0 + k * d)
        if k <= 0:
            raise InputError(
                "the TLE altitudes do not follow a drag decay in this window",
                field="TLE history",
                allowed="a window of free decay",
            )
        bc = bc / k
        if abs(k - 1.0) < 1e-3:
            break
    return BallisticFit(
        ballistic_coefficient_kg_m2=float(bc),
        start_utc=window[0].epoch_utc,
        end_utc=window[-1].epoch_utc,
        n_element_sets=len(window),
        rms_residual_km=float(np.sqrt(np.mean(resid**2))),
        observed_loss_km=loss_km,
    )
