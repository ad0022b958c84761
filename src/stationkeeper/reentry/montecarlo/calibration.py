"""Ballistic-coefficient recalibration: make the Monte Carlo's propagation reproduce the fit.

The BC fit (:mod:`stationkeeper.orbit.fit`) is made with the Averaged propagator on
TLE mean altitudes; started from the SGP4 state, the Cowell and Batch propagators
decay at a different rate with that BC (GOCE, 7 days out: ~30 h later).  The
recalibration runs the same propagation as the Monte Carlo (integrator, steps, gravity,
atmosphere look-up), so their small biases against a 15-s RK4, J2-J6 run are
calibrated away with the BC.  :func:`fit_sigma_ln` is the fit's own standard error.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import numpy as np

from stationkeeper.constants import BREAKUP_ALTITUDE_M
from stationkeeper.orbit.batch import propagate_batch
from stationkeeper.orbit.fit import modelled_altitude_change
from stationkeeper.orbit.state import osculating_elements, state_from_elements
from stationkeeper.reentry.montecarlo.run import STEP_S, run_chunk

#: Trial factors on the fitted BC, and the slices of an orbit the semi-major axis is
#: averaged over.
TRIAL_FACTORS = np.geomspace(0.5, 2.0, 13)
ORBIT_SLICES = 40


def _orbit_mean_a(
    t0: datetime, r, v, k_drag, atm, period_s: float, slices: int = ORBIT_SLICES
) -> np.ndarray:
    """Osculating semi-major axis averaged over one orbit after ``t0`` (Batch, per sample)."""
    acc = osculating_elements(r, v)["a"] / slices
    dt = period_s / slices
    for k in range(1, slices):
        res = propagate_batch(
            t0 + timedelta(seconds=(k - 1) * dt), r, v, k_drag, atm, dt, step_s=dt / 4
        )
        r, v = res.final_r_m, res.final_v_m_s
        acc = acc + osculating_elements(r, v)["a"] / slices
    return acc


def calibrate_ballistic_coefficient(window: list, atm, bc0: float, step_s: float = STEP_S) -> dict:
    """Rescale a fitted BC so that the Batch propagator reproduces the window's decay.

    Thirteen trial BCs (0.5-2 x ``bc0``, kg/m^2) run over the window of element sets from
    its first one; the orbit-averaged semi-major axis at its last epoch is matched to the
    SGP4 one of the last element set.

    Returns
    -------
    dict
        ``factor`` (on ``bc0``; 1 when the window is under 6 h or the decay falls outside
        the trials) and ``note``.
    """
    first, last = window[0], window[-1]
    span = (last.epoch_utc - first.epoch_utc).total_seconds()
    if span < 6 * 3600:
        return {"factor": 1.0, "note": "window shorter than 6 h: BC not recalibrated"}
    f = TRIAL_FACTORS
    s0 = state_from_elements(first)
    n = f.size
    # the same propagation as the Monte Carlo's (steps, gravity, atmosphere look-up)
    res = run_chunk(
        first.epoch_utc,
        np.repeat(s0.r[None], n, 0),
        np.repeat(s0.v[None], n, 0),
        1.0 / (bc0 * f),
        np.ones(n),
        atm,
        span,
        step_s,
        BREAKUP_ALTITUDE_M,
    )
    ok = ~np.isfinite(res["reentry_s"])
    period = 2 * math.pi / (last.satrec.no_kozai / 60.0)
    a_trial = _orbit_mean_a(
        last.epoch_utc,
        res["final_r_m"][ok],
        res["final_v_m_s"][ok],
        1.0 / (bc0 * f[ok]),
        atm,
        period,
    )
    # the truth: SGP4 over one orbit from the last element set
    slices = ORBIT_SLICES
    a_obs = 0.0
    for k in range(slices):
        st = state_from_elements(last, last.epoch_utc + timedelta(seconds=k * period / slices))
        a_obs += float(osculating_elements(st.r, st.v)["a"]) / slices
    # a grows with BC: interpolate log(f) against a
    order = np.argsort(a_trial)
    if not (a_trial[order][0] <= a_obs <= a_trial[order][-1]):
        return {"factor": 1.0, "note": "observed decay outside the 0.5-2 x trials: BC kept"}
    lf = float(np.interp(a_obs, a_trial[order], np.log(f[ok][order])))
    return {"factor": math.exp(lf), "note": "Batch decay matched over the fit window"}


def fit_sigma_ln(window: list, atm, bc_kg_m2: float) -> float:
    """Standard error of ln BC from the least-squares fit over ``window`` (0 if undefined).

    The fit's model, h_obs(t_i) = h0 + k D(t_i) with D the modelled altitude change
    for ``bc_kg_m2`` (kg/m^2, the fitted value, so k ~ 1): sigma_k from the residuals
    (n - 2 degrees of freedom), and sigma_ln BC = sigma_k / k.  TLE errors are
    correlated from one element set to the next, so this is a lower bound.
    """
    if len(window) < 3:
        return 0.0
    t_obs = np.array([e.epoch_utc.timestamp() for e in window])
    h_obs = np.array([e.mean_altitude_km for e in window])
    t_mod, d_mod = modelled_altitude_change(window, atm, bc_kg_m2)
    d = np.interp(t_obs, t_mod, d_mod)
    design = np.column_stack([np.ones_like(d), d])
    (h0, k), *_ = np.linalg.lstsq(design, h_obs, rcond=None)
    resid = h_obs - (h0 + k * d)
    sxx = float(np.sum((d - d.mean()) ** 2))
    if sxx <= 0 or k <= 0:
        return 0.0
    s2 = float(np.sum(resid**2)) / (len(window) - 2)
    return math.sqrt(s2 / sxx) / float(k)
