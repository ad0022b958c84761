"""Averaged propagation: mean elements advanced with orbit-averaged rates.

The state is (a, ex, ey, i, RAAN) with (ex, ey) = e (cos w, sin w).  Its rates
are Gauss's variational equations averaged over one orbit by quadrature:
``samples_per_orbit`` points uniform in mean anomaly, at each point the
perturbing acceleration (zonal J2..Jn without the central term, plus drag with
the density looked up at that point) resolved into radial / along-track /
normal parts.  To first order this gives the secular J2 rates of RAAN and
perigee, the J3 long-period eccentricity motion and the drag decay of a and e,
all from the same force model the Cowell propagator integrates.

Integration is fixed-step RK4 whose step shrinks as the decay speeds up (at
most ``max_step_s``, at most ``max_da_per_step_m`` of altitude lost per step),
so years take seconds and the last days before reentry are still resolved.
:func:`advance_mean_state` (one leg, no table) can take Kutta's third-order rule instead
(``stages=3``: three rate calls a step), which the scenario runs use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import numpy as np

from stationkeeper.constants import (
    MU_EARTH_M3_S2,
    OMEGA_EARTH_RAD_S,
    R_EARTH_EQ_M,
    REENTRY_ALTITUDE_M,
    SECONDS_PER_DAY,
)
from stationkeeper.environment.gravity import zonal_acceleration
from stationkeeper.errors import StationkeeperError
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.mean_elements import mean_state_from_osculating, radial_short_period
from stationkeeper.orbit.state import State, elements_to_rv, mean_eccentricity
from stationkeeper.orbit.trajectory import (
    Trajectory,
    epoch_after,
    make_table,
    row,
    space_weather_regime,
)
from stationkeeper.parallel import Progress

_FLOOR_A_M = R_EARTH_EQ_M + 50e3  # below this the averaged model is meaningless


class _OutOfModel(Exception):
    """A trial RK4 stage left the domain of the averaged model (step too long)."""


def _check_mean_state(x: np.ndarray) -> None:
    if not (np.all(np.isfinite(x)) and x[0] > _FLOOR_A_M and math.hypot(x[1], x[2]) < 0.5):
        raise _OutOfModel


@lru_cache(maxsize=16)
def _mean_anomalies(samples: int) -> np.ndarray:
    m = 2.0 * np.pi * (np.arange(samples) + 0.5) / samples
    m.setflags(write=False)
    return m


def averaged_rates(
    t_unix_s: float, x: np.ndarray, forces: ForceModel, samples_per_orbit: int = 36
) -> np.ndarray:
    """Orbit-averaged d/dt of (a, ex, ey, i, raan) for mean state ``x``.

    The samples are written in the orbit's perifocal basis (P, Q, W): position and velocity
    from Kepler's equation, the radial / along-track unit vectors from the true anomaly, so
    no cross products or norms of sample vectors are needed (this is the scenario runs' hot
    path: four calls per simulated day).
    """
    a, ex, ey, inc, raan = (float(v) for v in x)
    e = math.hypot(ex, ey)
    argp = math.atan2(ey, ex) if e > 0 else 0.0
    m = _mean_anomalies(samples_per_orbit)
    ecc_anom = m.copy()
    for _ in range(20):  # Newton on Kepler's equation; e is small, so a few steps converge
        d = (ecc_anom - e * np.sin(ecc_anom) - m) / (1.0 - e * np.cos(ecc_anom))
        ecc_anom -= d
        if float(np.max(np.abs(d))) < 1e-15:
            break
    cos_e, sin_e = np.cos(ecc_anom), np.sin(ecc_anom)
    sq = math.sqrt(1.0 - e * e)
    one_ece = 1.0 - e * cos_e
    rn = a * one_ece
    c = (cos_e - e) / one_ece  # cos and sin of the true anomaly
    s = sq * sin_e / one_ece
    n_v = math.sqrt(MU_EARTH_M3_S2 / a) / one_ece  # a n / (1 - e cos E)
    vp, vq = -n_v * sin_e, n_v * sq * cos_e
    cO, sO, cw, sw = math.cos(raan), math.sin(raan), math.cos(argp), math.sin(argp)
    ci, si = math.cos(inc), math.sin(inc)
    P = (cO * cw - sO * sw * ci, sO * cw + cO * sw * ci, sw * si)
    Q = (-cO * sw - sO * cw * ci, -sO * sw + cO * cw * ci, cw * si)
    W = (si * sO, -si * cO, ci)
    rp, rq = rn * c, rn * s
    rx, ry, rz = (rp * P[k] + rq * Q[k] for k in range(3))
    # argument of latitude u = true anomaly + argp
    su = s * cw + c * sw
    cu = c * cw - s * sw
    if forces.zonal_degree >= 2:
        ax, ay, az = zonal_acceleration(
            rx, ry, rz, degree=forces.zonal_degree, include_central=False
        )
    else:
        ax = ay = az = np.zeros(samples_per_orbit)
    if forces.has_drag:
        # the real orbit's radius differs from the mean-element ellipse by the zonal
        # short-period terms (km): the atmosphere is looked up where the station really is
        c0, c2, s2 = radial_short_period(a, inc, forces.zonal_degree)
        cos2u, sin2u = cu * cu - su * su, 2.0 * su * cu
        scale = 1.0 + (c0 + c2 * cos2u + s2 * sin2u) / rn
        r_true = np.empty((samples_per_orbit, 3))
        r_true[:, 0], r_true[:, 1], r_true[:, 2] = rx * scale, ry * scale, rz * scale
        rho = forces.atmosphere.density(t_unix_s, r_true)  # the samples share one time
        vx, vy, vz = (vp * P[k] + vq * Q[k] for k in range(3))
        if forces.corotate:  # v relative to the co-rotating atmosphere: v - omega x r
            vx = vx + OMEGA_EARTH_RAD_S * r_true[:, 1]
            vy = vy - OMEGA_EARTH_RAD_S * r_true[:, 0]
        k = -0.5 * forces.cd_area_over_mass_m2_kg * rho * np.sqrt(vx * vx + vy * vy + vz * vz)
        ax, ay, az = ax + k * vx, ay + k * vy, az + k * vz
    a_p = ax * P[0] + ay * P[1] + az * P[2]
    a_q = ax * Q[0] + ay * Q[1] + az * Q[2]
    R = c * a_p + s * a_q  # radial: r_hat = c P + s Q; along-track: W x r_hat = -s P + c Q
    S = c * a_q - s * a_p
    Wn = ax * W[0] + ay * W[1] + az * W[2]
    p = a * (1.0 - e * e)
    hm = math.sqrt(MU_EARTH_M3_S2 * p)
    # e sin(nu) and e cos(nu) without dividing by e (nonsingular form)
    esn = ex * su - ey * cu
    da = 2.0 * a * a / hm * (esn * R + p / rn * S)
    cot_i = ci / si
    rw = rn * Wn
    dex = (p * su * R + ((p + rn) * cu + rn * ex) * S + ey * cot_i * su * rw) / hm
    dey = (-p * cu * R + ((p + rn) * su + rn * ey) * S - ex * cot_i * su * rw) / hm
    sums = np.stack((da, dex, dey, cu * rw, su * rw)).sum(axis=1) / samples_per_orbit
    sums[3] /= hm
    sums[4] /= hm * si
    return sums


def state_from_mean(epoch_utc: datetime, x) -> State:
    """The State at the ascending node (argument of latitude 0) of the mean state ``x`` =
    (a, e cos ω, e sin ω, i, Ω)."""
    r, v = elements_to_rv(x[0], math.hypot(x[1], x[2]), x[3], x[4], math.atan2(x[2], x[1]), 0.0)
    return State(epoch_utc, tuple(map(float, r)), tuple(map(float, v)))


@dataclass(frozen=True)
class MeanFlight:
    """Where :func:`advance_mean_state` left a mean state: ``mean_state`` (a, ex, ey, i, raan)
    at ``end_utc`` (the reentry instant if it re-entered), ``reentry_utc`` or None, and the
    ``space_weather`` label of the end (``"reentry"`` after a reentry)."""

    mean_state: np.ndarray
    end_utc: datetime
    reentry_utc: datetime | None
    space_weather: str


def _checked(x: np.ndarray, duration_s: float) -> np.ndarray:
    if duration_s <= 0:
        raise StationkeeperError("duration must be positive", field="duration", allowed="> 0 s")
    if math.sin(x[3]) < 1e-3:
        raise StationkeeperError(
            "the averaged propagator needs an inclined orbit (its node is undefined at i = 0)",
            field="inclination",
            allowed="> 0.06 deg; use the Cowell propagator for equatorial orbits",
        )
    return x


def _rk4_run(
    f, x, duration_s, output_step_s, stop_a, max_step_s, min_step_s, max_da, on_output, stages=4
):
    """The RK4 loop: ``on_output(t, x)`` at every output time; returns (x, t, reentered)."""
    t = 0.0
    next_out = 0.0
    k1 = None
    while True:
        if t >= next_out - 1e-6:
            if on_output is not None:
                on_output(t, x)
            next_out = min(next_out + output_step_s, duration_s) if t < duration_s - 1e-6 else None
            if next_out is None:
                return x, t, False
        if k1 is None:
            k1 = f(t, x)
        decay = abs(k1[0])
        h = max_step_s if decay == 0 else min(max_step_s, max_da / decay)
        h = max(h, min_step_s)
        h = min(h, next_out - t)
        while True:  # every RK4 stage must stay a meaningful orbit, or the step is too long
            try:
                k2 = f(t + h / 2, x + h / 2 * k1)
                if stages == 2:  # the midpoint rule: two calls a step
                    x_new = x + h * k2
                elif stages == 3:  # Kutta's third-order rule: one call fewer a step
                    k3 = f(t + h, x + h * (2.0 * k2 - k1))
                    x_new = x + h / 6.0 * (k1 + 4.0 * k2 + k3)
                else:
                    k3 = f(t + h / 2, x + h / 2 * k2)
                    k4 = f(t + h, x + h * k3)
                    x_new = x + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
                _check_mean_state(x_new)
                break
            except _OutOfModel:
                if h <= 1.0:
                    x_new = x + h * k1  # one second from the floor: Euler is enough
                    break
                h /= 4.0
        if stop_a is not None and x_new[0] < stop_a:
            frac = (x[0] - stop_a) / (x[0] - x_new[0])
            return x + frac * (x_new - x), t + frac * h, True
        x, t = x_new, t + h
        k1 = None


def _rates(forces: ForceModel, t0_unix: float, samples: int):
    def f(t: float, xx: np.ndarray) -> np.ndarray:
        _check_mean_state(xx)
        return averaged_rates(t0_unix + t, xx, forces, samples)

    return f


def advance_mean_state(
    epoch_utc: datetime,
    mean_state: np.ndarray,
    forces: ForceModel,
    duration_s: float,
    *,
    stop_altitude_m: float | None = REENTRY_ALTITUDE_M,
    max_step_s: float = 21600.0,
    min_step_s: float = 300.0,
    max_da_per_step_m: float = 1500.0,
    samples_per_orbit: int = 36,
    stages: int = 4,
) -> MeanFlight:
    """:func:`propagate_averaged` from a mean state to one end time, without the table: the
    same steps and the same final state, for callers that advance in many short legs (the
    scenario runs fly one leg per output day)."""
    x = _checked(np.array(mean_state, dtype=float), duration_s)
    t0_unix = epoch_utc.timestamp()
    stop_a = None if stop_altitude_m is None else R_EARTH_EQ_M + stop_altitude_m
    f = _rates(forces, t0_unix, samples_per_orbit)
    x, t, reentered = _rk4_run(
        f,
        x,
        duration_s,
        duration_s,
        stop_a,
        max_step_s,
        min_step_s,
        max_da_per_step_m,
        None,
        stages,
    )
    end = epoch_after(epoch_utc, t)
    regime = "reentry" if reentered else space_weather_regime(forces.atmosphere, t0_unix + t)
    return MeanFlight(x, end, end if reentered else None, regime)


def propagate_averaged(
    state0: State,
    forces: ForceModel,
    duration_s: float,
    *,
    output_step_s: float = SECONDS_PER_DAY,
    stop_altitude_m: float | None = REENTRY_ALTITUDE_M,
    max_step_s: float = 21600.0,
    min_step_s: float = 300.0,
    max_da_per_step_m: float = 1500.0,
    samples_per_orbit: int = 36,
    progress: Progress | None = None,
    mean_state: np.ndarray | None = None,
    stages: int = 4,
) -> Trajectory:
    """Propagate the mean elements of ``state0`` for ``duration_s`` seconds.

    ``mean_state`` (a, ex, ey, i, raan) skips the osculating-to-mean step when
    the caller already has mean elements.  ``stages``: 4 (RK4), 3 (Kutta's rule)
    or 2 (the midpoint rule, which the lifetime runs use with 12-hour steps).
    """
    if duration_s <= 0:
        raise StationkeeperError("duration must be positive", field="duration", allowed="> 0 s")
    t0_unix = state0.epoch_utc.timestamp()
    x = mean_state_from_osculating(state0, forces) if mean_state is None else np.array(mean_state)
    x = _checked(x, duration_s)
    stop_a = None if stop_altitude_m is None else R_EARTH_EQ_M + stop_altitude_m
    rows: list[dict] = []

    def out(t: float, xx: np.ndarray) -> None:
        regime = space_weather_regime(forces.atmosphere, t0_unix + t)
        e = mean_eccentricity(xx)  # SGP4's convention: perigee/apogee as the TLEs'
        epoch = epoch_after(state0.epoch_utc, t)
        rows.append(row(epoch, t / SECONDS_PER_DAY, xx[0], e, xx[3], regime))
        if progress is not None:
            progress(min(1.0, t / duration_s))

    f = _rates(forces, t0_unix, samples_per_orbit)
    x, t, reentered = _rk4_run(
        f,
        x,
        duration_s,
        output_step_s,
        stop_a,
        max_step_s,
        min_step_s,
        max_da_per_step_m,
        out,
        stages,
    )
    reentry = None
    if reentered:
        reentry = epoch_after(state0.epoch_utc, t)
        e = mean_eccentricity(x)
        rows.append(row(reentry, t / SECONDS_PER_DAY, x[0], e, x[3], "reentry"))
    final = state_from_mean(epoch_after(state0.epoch_utc, t), x)
    return Trajectory(
        make_table(rows),
        "averaged",
        state0,
        final_state=final,
        reentry_utc=reentry,
        meta={"samples_per_orbit": samples_per_orbit, "mean_state_0": x.tolist()},
    )
