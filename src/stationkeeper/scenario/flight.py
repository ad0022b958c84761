"""A body's flight between two events, and the station's mean state at the start.

Each body's orbit is its mean state, advanced with the Averaged propagator (third-order
Runge-Kutta steps of up to ``[scenario] flight_step_days``, default a day) and always
continued from that mean state. Between two
events a body also uses its consumables (the date one runs out with crew aboard is kept: the
crew must leave) and draws the attitude-control propellant its means of control need
(:func:`stationkeeper.ops.attitude.attitude_means`); below 120 km mean altitude it has
re-entered, and the vehicles docked to it with it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from stationkeeper.constants import REENTRY_ALTITUDE_M, SECONDS_PER_DAY
from stationkeeper.ops import consumables as cons
from stationkeeper.ops.attitude import attitude_means
from stationkeeper.ops.reboost import draw_attitude_propellant
from stationkeeper.orbit.averaged import advance_mean_state, propagate_averaged
from stationkeeper.orbit.mean_elements import mean_state_from_osculating
from stationkeeper.orbit.state import state_from_elements
from stationkeeper.scenario.bodies import Body
from stationkeeper.scenario.state import RunState

# Averaged-propagator settings for scenario runs: steps up to ``[scenario] flight_step_days``
# (default a day; still shortened by the decay limit near reentry) and 12 density samples per
# orbit. Against 3-hour RK4 steps with 36 samples the separation example's reentries move by
# 7-26 h over 2-5 years with 1-day steps (the daily space weather is sampled at two times of
# day), by about 2 days with 2-day steps. 12 samples instead of 18 move them by 2 minutes or less,
# propellant by < 0.05 kg (the midpoint rule over an orbit is exact for harmonics below 12 a
# revolution; the density's are well below). Kutta's third-order rule (3 rate calls a step,
# not RK4's 4): against RK4 the shipped examples' reentries move by under 3 minutes
# (benchmarks/README.md, bench_scenario.py section), at three quarters of the cost.
SAMPLES_PER_ORBIT = 12
RK_STAGES = 3


def first_body(run: RunState) -> Body:
    """The station at the scenario's start: its mean state from the orbit's osculating
    elements, carried from their epoch to the start when they differ by over a minute."""
    sc = run.sc
    es = sc.elements
    state0 = state_from_elements(es)
    x0 = mean_state_from_osculating(state0, run.forces(sc.station))
    lag = (sc.start - es.epoch_utc).total_seconds()
    if lag > 60.0:
        traj = propagate_averaged(
            state0, run.forces(sc.station), lag, output_step_s=lag, mean_state=x0
        )
        x0 = np.array(traj.meta["mean_state_0"], dtype=float)
    return Body(sc.station.name, sc.station, x0, sc.crew, sc.consumables, born_utc=sc.start)


def fly(run: RunState, b: Body, t: datetime, dt_s: float) -> None:
    """Advance body ``b`` from ``t`` by ``dt_s`` seconds: orbit, consumables, attitude-control
    propellant (a warning, once, when no thruster can give it), and its reentry if it falls
    below 120 km."""
    leg = advance_mean_state(
        t,
        b.x,
        run.forces(b.station),
        dt_s,
        stop_altitude_m=REENTRY_ALTITUDE_M,
        max_step_s=run.sc.flight_step_days * SECONDS_PER_DAY,
        samples_per_orbit=SAMPLES_PER_ORBIT,
        stages=RK_STAGES,
    )
    b.x = leg.mean_state
    b.regime = leg.space_weather
    days = dt_s / SECONDS_PER_DAY
    t1 = t + timedelta(seconds=dt_s)
    if b.crew > 0 and b.consumables_out is None and run.tracks_consumables:
        margin, item = cons.first_out(b.stock, b.crew, run.sc.water_recovery)
        if margin < days:
            b.consumables_out = t + timedelta(days=margin)
            b.consumable_out = item
    b.stock = cons.consume(b.stock, b.crew, days, run.sc.water_recovery)
    means = attitude_means(b.station, **run.stopped_owners())
    # with CMGs the budget is asked for even when nothing can give it (the shortfall is warned)
    rate = run.sc.attitude.kg_per_day if means.cmgs else means.kg_per_day(run.sc.attitude)
    want = rate * days
    if want > 0:
        b.station, used = draw_attitude_propellant(b.station, want, **run.stopped_owners())
        run.spend(t1, b, used, "attitude")
        got = sum(used.values())
        if got < want - 1e-6 and b.name not in run.attitude_short:
            run.attitude_short.add(b.name)
            if means.cmgs:
                run.note(
                    t1,
                    b,
                    "warning",
                    "attitude control",
                    f"no usable attitude thruster propellant ({got:.1f} of {want:.1f} kg): "
                    "CMGs only from here on, nothing to desaturate them",
                )
    if leg.reentry_utc is not None:
        b.alive = False
        b.reentry_utc = leg.reentry_utc
        run.ledger.reenter({tk.name: tk.fill_kg for tk in b.station.tanks})
        run.mass["reentered"] += b.station.total_mass_kg
        run.note(leg.reentry_utc, b, "reentry", b.name, "mean altitude below 120 km")
        for v in b.station.vehicles:  # nothing stays docked to a part that has re-entered
            run.note(
                leg.reentry_utc,
                b,
                "lost",
                v.name,
                f"{v.type} from {v.port}; re-entered with {b.name}",
            )
