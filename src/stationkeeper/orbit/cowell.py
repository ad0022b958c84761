"""Cowell propagation: the full force model integrated directly (scipy DOP853).

One trajectory, full fidelity, with events.  Output rows are orbit-averaged
elements over the orbit that starts at each output time (see ``trajectory``).
"""

from __future__ import annotations

import numpy as np
from scipy.integrate import solve_ivp

from stationkeeper.constants import (
    MU_EARTH_M3_S2,
    R_EARTH_EQ_M,
    REENTRY_ALTITUDE_M,
    SECONDS_PER_DAY,
)
from stationkeeper.errors import StationkeeperError
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.state import State
from stationkeeper.orbit.trajectory import (
    Trajectory,
    averaged_elements,
    epoch_after,
    make_table,
    orbit_period_s,
    row,
    space_weather_regime,
)
from stationkeeper.parallel import Progress


def propagate_cowell(
    state0: State,
    forces: ForceModel,
    duration_s: float,
    *,
    output_step_s: float = SECONDS_PER_DAY,
    stop_altitude_m: float | None = REENTRY_ALTITUDE_M,
    rtol: float = 1e-10,
    atol: float = 1e-4,
    samples_per_orbit: int = 48,
    progress: Progress | None = None,
) -> Trajectory:
    """Integrate ``state0`` for ``duration_s`` seconds with ``forces``.

    Stops early (and sets ``reentry_utc``) when the geocentric altitude
    |r| - R_eq falls below ``stop_altitude_m``.
    """
    if duration_s <= 0:
        raise StationkeeperError("duration must be positive", field="duration", allowed="> 0 s")
    t0_unix = state0.epoch_utc.timestamp()
    f = forces.rhs_scalar(t0_unix)
    y = state0.y
    rows: list[dict] = []
    reentry = None
    t = 0.0
    n_out = int(np.floor(duration_s / output_step_s + 1e-9))
    out_times = [k * output_step_s for k in range(n_out + 1)]
    if out_times[-1] < duration_s - 1e-6:
        out_times.append(duration_s)

    events = []
    if stop_altitude_m is not None:

        def low(t_, y_):
            return np.sqrt(y_[0] ** 2 + y_[1] ** 2 + y_[2] ** 2) - R_EARTH_EQ_M - stop_altitude_m

        low.terminal = True
        low.direction = -1
        events.append(low)

    for t_out in out_times:
        # integrate to this output time (no-op for the first), then one orbit further to average
        if t_out > t:
            sol = solve_ivp(f, (t, t_out), y, method="DOP853", rtol=rtol, atol=atol, events=events)
            if sol.status == 1:  # reentry event
                t_ev = float(sol.t_events[0][0])
                reentry = epoch_after(state0.epoch_utc, t_ev)
                y = sol.y_events[0][0]
                t = t_ev
                break
            y = sol.y[:, -1]
            t = t_out
        a_osc = 1.0 / (2.0 / np.linalg.norm(y[:3]) - np.dot(y[3:], y[3:]) / MU_EARTH_M3_S2)
        period = orbit_period_s(a_osc)
        win = solve_ivp(
            f, (t, t + period), y, method="DOP853", rtol=rtol, atol=atol, dense_output=True
        )
        ts = t + period * (np.arange(samples_per_orbit) + 0.5) / samples_per_orbit
        ys = win.sol(ts)
        m = averaged_elements(ys[:3].T, ys[3:].T)
        rows.append(
            row(
                epoch_after(state0.epoch_utc, t),
                t / SECONDS_PER_DAY,
                m["a"],
                m["e"],
                m["i"],
                space_weather_regime(forces.atmosphere, t0_unix + t),
            )
        )
        if win.status != 0:
            break
        if progress is not None:
            progress(min(1.0, t / duration_s))
    final = state0.at_offset(t, y)
    return Trajectory(
        make_table(rows),
        "cowell",
        state0,
        final_state=final,
        reentry_utc=reentry,
        meta={"rtol": rtol, "atol_m": atol},
    )
