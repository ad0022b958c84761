"""Batch propagation: N trajectories advanced together as arrays (fixed-step RK4 in numpy).

For Monte Carlo work -- thousands of reentry samples at once.  Every RK4 stage
evaluates gravity and the atmosphere once for all samples still in flight
(``atmosphere.density(t_unix_s, r_m)`` must be vectorised; the NRLMSIS table
surrogate :class:`~stationkeeper.environment.atmosphere.MsisTableAtmosphere` is
the intended one).  A sample stops when its altitude |r| - R_eq falls below
``stop_altitude_m`` -- the same test as the Cowell propagator's reentry event --
and its crossing time and point are interpolated within the step.

The force model is the Cowell one (point mass + zonal J2..Jn + drag in a
co-rotating atmosphere), so the two can be compared sample by sample.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from stationkeeper.constants import BREAKUP_ALTITUDE_M, R_EARTH_EQ_M
from stationkeeper.earth.geodetic import latlon_where_finite
from stationkeeper.errors import InputError
from stationkeeper.orbit.drag import drag_acceleration
from stationkeeper.orbit.forces import ForceModel


@dataclass(frozen=True)
class BatchResult:
    """Per-sample outcome of :func:`propagate_batch` (arrays of length N)."""

    epoch_utc: datetime
    reentry_s: np.ndarray  # seconds after epoch_utc; nan = still in orbit at the end
    reentry_lat_deg: np.ndarray
    reentry_lon_deg: np.ndarray
    final_r_m: np.ndarray  # (N, 3): at reentry, or at the end of the run
    final_v_m_s: np.ndarray
    duration_s: float

    @property
    def reentered(self) -> np.ndarray:
        return np.isfinite(self.reentry_s)


def sample_array(name: str, value, n: int) -> np.ndarray:
    """``value`` (a scalar or length-``n`` array) as ``n`` finite values >= 0, or InputError."""
    arr = np.broadcast_to(np.asarray(value, dtype=float), (n,)).copy()
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise InputError(f"{name} must be finite and >= 0", field=name, allowed=">= 0")
    return arr


def propagate_batch(
    epoch_utc: datetime,
    r_m,
    v_m_s,
    cd_area_over_mass_m2_kg,
    atmosphere,
    duration_s: float,
    *,
    density_scale=None,
    step_s: float = 30.0,
    stop_altitude_m: float = BREAKUP_ALTITUDE_M,
    zonal_degree: int = 6,
    corotate: bool = True,
    progress: Callable[[float], None] | None = None,
) -> BatchResult:
    """Propagate N states (GCRS, shape (N, 3)) together for ``duration_s`` seconds.

    ``cd_area_over_mass_m2_kg`` and ``density_scale`` are scalars or length-N
    arrays; ``density_scale`` multiplies the atmosphere's density per sample
    (space-weather and model uncertainty in Monte Carlo runs).
    """
    r = np.array(r_m, dtype=float, ndmin=2)
    v = np.array(v_m_s, dtype=float, ndmin=2)
    if r.shape != v.shape or r.shape[-1] != 3:
        raise InputError("r and v must both have shape (N, 3)", field="state")
    n = r.shape[0]
    if not (duration_s > 0 and step_s > 0):
        raise InputError("duration and step must be positive", field="duration_s/step_s")
    k_drag = sample_array("cd_area_over_mass_m2_kg", cd_area_over_mass_m2_kg, n)
    scale = sample_array("density_scale", 1.0 if density_scale is None else density_scale, n)
    t0 = epoch_utc.timestamp()
    stop_r = R_EARTH_EQ_M + stop_altitude_m
    gravity = ForceModel(zonal_degree).gravity

    def density(t: float, rr: np.ndarray, idx: np.ndarray) -> np.ndarray:
        if atmosphere is None:
            return np.zeros(rr.shape[0])
        return atmosphere.density(np.full(rr.shape[0], t0 + t), rr) * scale[idx]

    def accel(rr: np.ndarray, vv: np.ndarray, rho: np.ndarray, idx: np.ndarray) -> np.ndarray:
        a = gravity(rr)
        if atmosphere is not None:
            a += drag_acceleration(rho, rr, vv, k_drag[idx], corotate)
        return a

    reentry_s = np.full(n, np.nan)
    final_r = r.copy()
    final_v = v.copy()
    active = np.arange(n)
    rho_next = keep_prev = None
    t = 0.0
    n_steps = int(np.ceil(duration_s / step_s))
    for k in range(n_steps):
        if active.size == 0:
            break
        h = min(step_s, duration_s - t)
        rr, vv = r[active], v[active]
        # The atmosphere is looked up twice per step, not four times: once at the midpoint
        # (second-order Taylor position, used by stages 2 and 3) and once at the stage-4
        # point, which is reused as the next step's start value.  Both points are within
        # metres of the true path; RK4's own stage-2 point (first order) is ~h^2 g/8 off
        # radially -- about 1 km at h = 30 s, i.e. a few per cent of density -- so it is
        # not the one used for the lookup.
        rho1 = rho_next[keep_prev] if rho_next is not None else density(t, rr, active)
        a1 = accel(rr, vv, rho1, active)
        r2, v2 = rr + 0.5 * h * vv, vv + 0.5 * h * a1
        rho_mid = density(t + 0.5 * h, r2 + 0.125 * h * h * a1, active)
        a2 = accel(r2, v2, rho_mid, active)
        r3, v3 = rr + 0.5 * h * v2, vv + 0.5 * h * a2
        a3 = accel(r3, v3, rho_mid, active)
        r4, v4 = rr + h * v3, vv + h * a3
        rho4 = density(t + h, r4, active)
        a4 = accel(r4, v4, rho4, active)
        r_new = rr + h / 6.0 * (vv + 2 * v2 + 2 * v3 + v4)
        v_new = vv + h / 6.0 * (a1 + 2 * a2 + 2 * a3 + a4)
        rad_old = np.linalg.norm(rr, axis=-1)
        rad_new = np.linalg.norm(r_new, axis=-1)
        down = rad_new < stop_r
        if np.any(down):
            frac = np.clip((rad_old[down] - stop_r) / (rad_old[down] - rad_new[down]), 0.0, 1.0)
            ids = active[down]
            reentry_s[ids] = t + frac * h
            final_r[ids] = rr[down] + frac[:, None] * (r_new[down] - rr[down])
            final_v[ids] = vv[down] + frac[:, None] * (v_new[down] - vv[down])
        keep = ~down
        rho_next, keep_prev = rho4, keep
        r[active[keep]] = r_new[keep]
        v[active[keep]] = v_new[keep]
        active = active[keep]
        t += h
        if progress is not None and (k % 50 == 0 or k == n_steps - 1):
            progress(t / duration_s)
    final_r[active] = r[active]
    final_v[active] = v[active]
    lat, lon = latlon_where_finite(t0, reentry_s, final_r)
    return BatchResult(epoch_utc, reentry_s, lat, lon, final_r, final_v, float(duration_s))
