"""Batch propagation with a multistep method: N trajectories, Adams-Bashforth-Moulton (PECE).

The Monte Carlo's long stretches of a reentry week are spent where the orbit is nearly
Keplerian and drag is a small, smooth perturbation.  There a fixed-step RK4
(:func:`.batch.propagate_batch`) needs 30-60 s steps (its truncation error drains orbital
energy: 60-s steps bring GOCE down 71 min early over 8 days), and every step costs four
gravity and two atmosphere evaluations.  An order-8 Adams-Bashforth predictor with an
Adams-Moulton corrector (PECE) is far more accurate per step (local error O(h^9)) and costs
two gravity evaluations and **one** atmosphere look-up per step: the density of the
predicted point is reused for the final evaluation (the predicted and corrected points are
metres apart, against the tens of kilometres of a density scale height).  Each sample has its
own step: ``step_s`` while its altitude is above ``fine_below_m`` and half of it below, where
drag grows fast; a sample that goes below has its derivative history halved by
interpolation (the degree-7 polynomial through its last eight values, exact to the method's
order), so it never restarts.

The first ``ORDER - 1`` steps (the history) and the last partial step to ``duration_s`` are
RK4 (:func:`.batch.propagate_batch`, steps of ``fine_step``); samples stop below
``stop_altitude_m`` as there, their crossing interpolated within the step.  The force model
is the Batch propagator's (zonal gravity, drag in a co-rotating atmosphere), so the two can
be compared sample by sample (``tests/orbit/test_batch_adams.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import numpy as np

from stationkeeper.constants import BREAKUP_ALTITUDE_M, R_EARTH_EQ_M
from stationkeeper.earth.geodetic import latlon_where_finite
from stationkeeper.errors import InputError
from stationkeeper.orbit.batch import BatchResult, propagate_batch, sample_array
from stationkeeper.orbit.drag import drag_acceleration
from stationkeeper.orbit.forces import ForceModel

#: Steps of the Adams-Bashforth-Moulton pair (order 8).
ORDER = 8


def adams_weights(order: int) -> tuple[np.ndarray, np.ndarray]:
    """Adams-Bashforth and Adams-Moulton weights of ``order`` steps (unit step).

    Bashforth: y(n+1) = y(n) + h sum_j b_j f(n-j), j = 0..order-1; Moulton: y(n+1) = y(n) +
    h sum_j c_j f(n+1-j), j = 0..order-1.  (Order 2: b = 3/2, -1/2; c = 1/2, 1/2.)
    """

    def weights(nodes: np.ndarray) -> np.ndarray:
        out = []
        for j, s in enumerate(nodes):
            others = np.delete(nodes, j)
            integral = np.polyint(np.poly(others))
            area = np.polyval(integral, 1.0) - np.polyval(integral, 0.0)
            out.append(area / np.prod(s - others))
        return np.array(out)

    steps = np.arange(order, dtype=float)
    return weights(-steps), weights(1.0 - steps)


def halving_matrix(order: int) -> np.ndarray:
    """L with f(-j/2) = sum_k L[j, k] f(-k), j, k = 0..order-1: a history at half the step."""
    nodes = -np.arange(order, dtype=float)
    out = np.empty((order, order))
    for j in range(order):
        s = -0.5 * j
        for k in range(order):
            others = np.delete(nodes, k)
            out[j, k] = np.prod(s - others) / np.prod(nodes[k] - others)
    return out


_AB, _AM = adams_weights(ORDER)
_HALF = halving_matrix(ORDER)


def combine(w: np.ndarray, hist: np.ndarray) -> np.ndarray:
    """sum_j w[j] hist[j], element by element (not BLAS: its sums depend on the array's
    size and alignment, so a sample would not get the same bits in another chunk)."""
    return np.einsum("j,jnk->nk", w, hist)  # einsum's own loop, in order of j: never BLAS


def radius(y: np.ndarray) -> np.ndarray:
    """|r| of states y = (r, v) (n, 6), m (the sum of three squares: np.linalg.norm's general
    path costs more than the step's arithmetic at the Monte Carlo's sizes)."""
    x, yy, z = y[:, 0], y[:, 1], y[:, 2]
    return np.sqrt(x * x + yy * yy + z * z)


def hermite(y_a: np.ndarray, y_b: np.ndarray, h: float, s: np.ndarray) -> np.ndarray:
    """Position (m) at the fraction ``s`` of a step of ``h`` s between states y = (r, v) (n, 6):
    the cubic through both positions with both velocities."""
    s = s[:, None]
    return (
        (2 * s**3 - 3 * s**2 + 1) * y_a[:, :3]
        + (s**3 - 2 * s**2 + s) * h * y_a[:, 3:]
        + (3 * s**2 - 2 * s**3) * y_b[:, :3]
        + (s**3 - s**2) * h * y_b[:, 3:]
    )


class _Group:
    """Samples sharing one step: states y = (r, v) (n, 6), history ring f (ORDER, n, 6)."""

    def __init__(self, h: float, ids, y, hist, ptr: int = 0) -> None:
        self.h, self.ids, self.y, self.hist, self.ptr = h, ids, y, hist, ptr

    def take(self, keep: np.ndarray) -> None:
        self.ids, self.y, self.hist = self.ids[keep], self.y[keep], self.hist[:, keep]

    def ordered_history(self) -> np.ndarray:
        """The history newest first (f(n), f(n-1), ...)."""
        return self.hist[(self.ptr - np.arange(ORDER)) % ORDER]


def propagate_batch_adams(
    epoch_utc: datetime,
    r_m,
    v_m_s,
    cd_area_over_mass_m2_kg,
    atmosphere,
    duration_s: float,
    *,
    density_scale=None,
    step_s: float = 100.0,
    fine_below_m: float = 150e3,
    stop_altitude_m: float = BREAKUP_ALTITUDE_M,
    zonal_degree: int = 6,
    corotate: bool = True,
    progress: Callable[[float], None] | None = None,
) -> BatchResult:
    """Propagate N states (GCRS, (N, 3)) for ``duration_s`` s; the result as the Batch one's.

    ``step_s`` above ``fine_below_m`` (altitude |r| - R_eq, m), ``step_s / 2`` below;
    ``cd_area_over_mass_m2_kg`` (m²/kg) and ``density_scale`` per sample or scalars.
    """
    r0 = np.array(r_m, dtype=float, ndmin=2)
    v0 = np.array(v_m_s, dtype=float, ndmin=2)
    if r0.shape != v0.shape or r0.shape[-1] != 3:
        raise InputError("r and v must both have shape (N, 3)", field="state")
    if not (duration_s > 0 and step_s > 0):
        raise InputError("duration and step must be positive", field="duration_s/step_s")
    n = r0.shape[0]
    k_drag = sample_array("cd_area_over_mass_m2_kg", cd_area_over_mass_m2_kg, n)
    scale = sample_array("density_scale", 1.0 if density_scale is None else density_scale, n)
    fine_h = 0.5 * step_s
    common = dict(
        density_scale=scale,
        stop_altitude_m=stop_altitude_m,
        zonal_degree=zonal_degree,
        corotate=corotate,
    )
    if duration_s < (ORDER + 1) * step_s:  # too short for a history: RK4 throughout
        return propagate_batch(
            epoch_utc, r0, v0, k_drag, atmosphere, duration_s, step_s=fine_h, **common
        )
    t0 = epoch_utc.timestamp()
    stop_r = R_EARTH_EQ_M + stop_altitude_m
    gravity = ForceModel(zonal_degree).gravity

    def density(t: float, r: np.ndarray, ids: np.ndarray) -> np.ndarray:
        if atmosphere is None:
            return np.zeros(r.shape[0])
        return atmosphere.density(np.full(r.shape[0], t0 + t), r) * scale[ids]

    def rhs(y: np.ndarray, rho: np.ndarray, ids: np.ndarray) -> np.ndarray:
        r, v = y[:, :3], y[:, 3:]
        a = gravity(r)
        if atmosphere is not None:
            a += drag_acceleration(rho, r, v, k_drag[ids], corotate)
        return np.concatenate([v, a], axis=1)

    reentry_s = np.full(n, np.nan)
    final = np.concatenate([r0, v0], axis=1)

    def land(ids, y_old, y_new, t, h) -> np.ndarray:
        """Record the samples that went below the stop radius in [t, t + h]; True = still up."""
        rad_old = radius(y_old)
        rad_new = radius(y_new)
        down = rad_new < stop_r
        if np.any(down):
            a, b = y_old[down], y_new[down]
            frac = np.clip((rad_old[down] - stop_r) / (rad_old[down] - rad_new[down]), 0.0, 1.0)
            for _ in range(2):  # on the cubic (Hermite) arc, not the chord: km at 50-s steps
                r = hermite(a, b, h, frac)
                frac = np.clip(
                    frac + (np.linalg.norm(r, axis=1) - stop_r) / (rad_old[down] - rad_new[down]),
                    0.0,
                    1.0,
                )
            reentry_s[ids[down]] = t + frac * h
            final[ids[down], :3] = hermite(a, b, h, frac)
            final[ids[down], 3:] = a[:, 3:] + frac[:, None] * (b[:, 3:] - a[:, 3:])
        return ~down

    # the history: ORDER - 1 RK4 steps of step_s (each in 4 steps of step_s / 4)
    ids = np.arange(n)
    y = final.copy()
    hist = [rhs(y, density(0.0, y[:, :3], ids), ids)]
    t = 0.0
    for _ in range(ORDER - 1):
        res = propagate_batch(
            epoch_utc + timedelta(seconds=t),
            y[:, :3],
            y[:, 3:],
            k_drag[ids],
            atmosphere,
            step_s,
            step_s=0.25 * step_s,
            **common | {"density_scale": scale[ids]},
        )
        up = ~res.reentered
        reentry_s[ids[~up]] = t + res.reentry_s[~up]
        final[ids[~up]] = np.concatenate([res.final_r_m, res.final_v_m_s], axis=1)[~up]
        t += step_s
        ids = ids[up]
        y = np.concatenate([res.final_r_m, res.final_v_m_s], axis=1)[up]
        hist = [f[up] for f in hist]
        hist.append(rhs(y, density(t, y[:, :3], ids), ids))
    # ring order: slot ptr holds the newest value
    coarse = _Group(step_s, ids, y, np.stack(hist), ptr=ORDER - 1)
    fine = _Group(fine_h, ids[:0], y[:0], np.zeros((ORDER, 0, 6)))

    def step(g: _Group, t: float) -> None:
        if g.ids.size == 0:
            return
        back = (g.ptr - np.arange(ORDER)) % ORDER  # slots of f(n), f(n-1), ...
        w = np.empty(ORDER)
        w[back] = _AB
        y_p = g.y + g.h * combine(w, g.hist)
        rho = density(t + g.h, y_p[:, :3], g.ids)
        f_p = rhs(y_p, rho, g.ids)
        w[back[:-1]] = _AM[1:]
        w[back[-1]] = 0.0
        y_c = g.y + g.h * (_AM[0] * f_p + combine(w, g.hist))
        g.ptr = (g.ptr + 1) % ORDER
        g.hist[g.ptr] = rhs(y_c, rho, g.ids)  # overwrites the oldest
        up = land(g.ids, g.y, y_c, t, g.h)
        g.y = y_c
        if not np.all(up):
            g.take(up)

    while t + step_s <= duration_s + 1e-9 and (coarse.ids.size or fine.ids.size):
        low = radius(coarse.y) - R_EARTH_EQ_M < fine_below_m
        if np.any(low):  # to the fine step: the history at half the step, newest first
            half = np.tensordot(_HALF, coarse.ordered_history()[:, low], axes=1)
            fine.ids = np.concatenate([fine.ids, coarse.ids[low]])
            fine.y = np.concatenate([fine.y, coarse.y[low]])
            fine.hist = np.concatenate([fine.ordered_history(), half], axis=1)
            fine.hist = fine.hist[::-1].copy()  # oldest first: ptr = ORDER - 1 is the newest
            fine.ptr = ORDER - 1
            coarse.take(~low)
        step(coarse, t)
        step(fine, t)
        step(fine, t + fine_h)
        t += step_s
        if progress is not None:
            progress(t / duration_s)
    ids = np.concatenate([coarse.ids, fine.ids])
    y = np.concatenate([coarse.y, fine.y])
    final[ids] = y
    if ids.size and duration_s - t > 1e-6:  # the last partial step, RK4
        res = propagate_batch(
            epoch_utc + timedelta(seconds=t),
            y[:, :3],
            y[:, 3:],
            k_drag[ids],
            atmosphere,
            duration_s - t,
            step_s=fine_h,
            **common | {"density_scale": scale[ids]},
        )
        reentry_s[ids] = t + res.reentry_s
        final[ids] = np.concatenate([res.final_r_m, res.final_v_m_s], axis=1)
    lat, lon = latlon_where_finite(t0, reentry_s, final[:, :3])
    return BatchResult(
        epoch_utc, reentry_s, lat, lon, final[:, :3], final[:, 3:], float(duration_s)
    )
