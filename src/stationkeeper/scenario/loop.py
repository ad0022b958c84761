"""``simulate(scenario)``: the run loop — fly between events, apply each event, reboost.

The orbit of each flying body (the station, and after a separation both parts) is advanced
in steps of ``output_step_days`` (shorter up to an event; :mod:`.flight`). At each stop the
events due are applied (:mod:`.events`), the lifeboat rule is checked, and the reboost
policy decides (:func:`stationkeeper.ops.reboost.plan_reboost`): at or below the floor, a
tangential burn back to the target, its propellant taken by the rocket equation from the
tanks of the engines in priority order; the loop applies it to the mean semi-major axis
(Δa = 2aΔv/v) and to the books. Every change is written to the event log; every kilogram of
propellant and of station mass is accounted for (see ``ops.propellant``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from stationkeeper.ops import traffic
from stationkeeper.ops.attitude import attitude_means
from stationkeeper.ops.limits import DOCKED_LIFE_SOURCE, docked_life_end, expired_vehicles
from stationkeeper.ops.propellant import Ledger
from stationkeeper.ops.random_conjunctions import draw_manoeuvre_times
from stationkeeper.ops.reboost import plan_reboost
from stationkeeper.random_seed import resolve_seed
from stationkeeper.scenario.bodies import Body
from stationkeeper.scenario.events import apply_event
from stationkeeper.scenario.events.end_of_life import watch_end_of_life
from stationkeeper.scenario.events.traffic import depart
from stationkeeper.scenario.flight import first_body, fly
from stationkeeper.scenario.model import Event, Scenario
from stationkeeper.scenario.state import EVENT_COLUMNS, RunState
from stationkeeper.scenario.summary import summarize
from stationkeeper.scenario.timeseries import record, timeseries_table


@dataclass
class Result:
    """What a run produced: the time series, the event log, the summary and the final state.

    ``timeseries``: one row per output step and flying body (:mod:`.timeseries`);
    ``events``: the event log (columns ``EVENT_COLUMNS``); ``summary``: the JSON-ready
    summary (:mod:`.summary`); ``ledger``: the propellant books; ``bodies``: the final bodies.
    """

    scenario: Scenario
    timeseries: pd.DataFrame
    events: pd.DataFrame
    summary: dict
    ledger: Ledger
    bodies: list[Body] = field(default_factory=list)


def apply_reboost(run: RunState, t: datetime, b: Body) -> None:
    """Apply the policy's reboost decision to body ``b`` at ``t``: the burn to its orbit and
    the books, the on-demand propellant as delivered and spent, one log line (or, once per
    stay at the floor, that no engine can burn)."""
    plan = plan_reboost(run.policy, b.station, float(b.x[0]), **run.stopped_owners())
    if plan is None:
        return
    b.station = plan.station
    res, extra_dv, extra_kg = plan.burn, plan.on_demand_dv_m_s, plan.on_demand_kg
    if extra_dv:
        run.ledger.on_demand(t, extra_kg, "reboost")
        run.mass["delivered"] += extra_kg
        run.mass["spent"] += extra_kg
        b.on_demand_kg += extra_kg
    got = plan.dv_m_s
    if got > 0:
        dh = run.apply_dv(t, b, got, res.propellant_by_tank_kg, "reboost")
        b.no_engine_logged = False
        parts = [f"{res.dv_m_s:.2f} m/s with {', '.join(res.engines)}"] if res.engines else []
        if extra_dv:
            parts.append(f"{extra_dv:.2f} m/s on demand ({extra_kg:.0f} kg)")
        detail = " + ".join(parts)
        if plan.short_m_s > 1e-6:
            detail += f"; {plan.short_m_s:.2f} m/s short of the target"
        run.note(
            t,
            b,
            "reboost",
            "policy",
            detail,
            dv_m_s=got,
            propellant_kg=plan.propellant_kg,
            delta_altitude_km=dh / 1e3,
        )
    elif not b.no_engine_logged:
        b.no_engine_logged = True
        run.note(
            t,
            b,
            "no_engine",
            "policy",
            f"at the floor ({b.altitude_km:.1f} km) but no engine can burn: decaying",
        )


def check_lifeboat(run: RunState, t: datetime, b: Body) -> None:
    """Log when the crew aboard first exceeds the seats of the docked crew vehicles whose
    docked life is not over (an expired Soyuz is no lifeboat), and when it no longer does."""
    st = b.station
    gone = [v for v in expired_vehicles(st, t) if v.crew_seats > 0]
    for v in gone:
        st = st.without_vehicle(v.name)
    msg = traffic.lifeboat_violation(st, b.crew)
    if msg and gone:
        msg += " (docked life over: " + ", ".join(v.name for v in gone) + ")"
    if msg and not b.violation:
        b.violation = True
        run.violations.append(f"{t.isoformat()}: {b.name}: {msg}")
        run.note(t, b, "violation", "lifeboat", msg)
    elif not msg and b.violation:
        b.violation = False
        run.note(t, b, "violation_end", "lifeboat", "seats cover the crew again")


def check_attitude(run: RunState, t: datetime, b: Body) -> None:
    """Log a change of what holds the body's attitude; a limit when nothing can hold it."""
    means = attitude_means(b.station, **run.stopped_owners())
    if means.mode == b.attitude_mode:
        return
    first = not b.attitude_mode
    b.attitude_mode = means.mode
    if not means.holds:
        run.limit(t, b, "attitude", f"cannot hold attitude: {means.describe()}", key=means.mode)
    elif not first:
        run.note(t, b, "attitude", "mode", means.describe())


def check_docked_life(run: RunState, t: datetime, b: Body) -> None:
    """A vehicle past its docked life, reported as a limit with the date: a crew vehicle is no
    longer a lifeboat (:func:`check_lifeboat`); a cargo vehicle must undock -- its figure is
    an assumption (Progress MS, :mod:`stationkeeper.ops.limits`), so it stays docked until a
    departure event says so, and the log says it."""
    for v in expired_vehicles(b.station, t):
        end = docked_life_end(v)
        why = (
            f"{v.name} docked life over on {end.isoformat()} "
            f"({DOCKED_LIFE_SOURCE.get(v.type, '')}, docked {v.docked_date.isoformat()})"
        )
        what = (
            "no longer a lifeboat"
            if v.crew_seats > 0
            else "must undock (kept docked here until a departure event)"
        )
        run.limit(t, b, "docked life", f"{why}: {what}", key=v.name, when=end)


def check_consumables(run: RunState, t: datetime, b: Body) -> None:
    """Consumables gone with crew aboard: the crew leave on their docked crew vehicles (even
    expired ones); with none to take them the crew count goes to zero, said in the log."""
    if b.consumables_out is None or b.crew <= 0:
        return
    day = b.consumables_out
    b.consumables_out = None  # a later crew may run out again: reported again
    run.limit(
        t,
        b,
        "consumables",
        f"{b.consumable_out or 'a consumable'} ran out on {day.date().isoformat()} with "
        f"{b.crew} crew: the crew must leave",
        key=day.isoformat(),
        when=day,
    )
    for v in [v for v in b.station.vehicles if v.crew_aboard > 0]:
        if b.crew > 0:
            depart(run, t, b, v.name, None, why="consumables gone")
    if b.crew > 0:
        run.note(t, b, "crew", "leave", f"{b.crew} crew leave with no docked vehicle (assumed)")
        b.crew = 0


def check_limits(run: RunState, t: datetime, b: Body) -> None:
    """The limits checked at every stop: docked life, consumables, attitude, lifeboats."""
    check_docked_life(run, t, b)
    check_consumables(run, t, b)
    check_attitude(run, t, b)
    check_lifeboat(run, t, b)


def _with_drawn_events(sc: Scenario, rng: np.random.Generator) -> list[Event]:
    """The file's events plus the random debris-avoidance burns, by date (file order kept)."""
    events = list(sc.events)
    dam = sc.debris_avoidance
    if dam.enabled:
        drawn = [
            Event(
                -1, None, when, "debris_avoidance", {"dv_m_s": dam.dv_m_s, "engines": dam.engines}
            )
            for when in draw_manoeuvre_times(sc.start, sc.end, dam.rate_per_year, rng)
        ]
        events = sorted(events + drawn, key=lambda e: e.date)  # stable: file order kept
    return events


def simulate(
    scenario: Scenario,
    progress: Callable[[float], None] | None = None,
    seed: int | None = None,
) -> Result:
    """Run a scenario from its start to its end (or an ``end`` event, or every body's reentry).

    Parameters
    ----------
    scenario : Scenario
        From :func:`~stationkeeper.scenario.file.load_scenario`.
    progress : callable, optional
        Called with the fraction of the run done (0 .. 1) after every step.
    seed : int or None
        Seeds the ``numpy.random.Generator`` of the random debris-avoidance manoeuvres
        (``debris_avoidance = true``); everything else is deterministic. ``None`` draws a
        fresh seed, recorded as ``summary["seed"]`` so the run can be repeated.

    Returns
    -------
    Result
        ``timeseries``, ``events``, ``summary``, ``ledger``, ``bodies``.
    """
    wall0 = time.perf_counter()
    seed = resolve_seed(seed)  # None: a fresh one, recorded in the summary
    rng = np.random.default_rng(seed)
    sc = scenario
    run = RunState(sc)
    body = first_body(run)
    bodies = [body]
    t = sc.start
    end = sc.end
    step = timedelta(days=sc.output_step_days)
    events = _with_drawn_events(sc, rng)
    k = 0
    next_out = t + step
    run.note(t, body, "start", sc.name, f"orbit {sc.tle_where}")
    eps = timedelta(seconds=1)
    # events dated at the start (vehicles already docked, say) shape the first record
    while k < len(events) and events[k].date <= t + eps:
        apply_event(run, events[k], bodies)
        k += 1
    check_limits(run, t, body)
    for b in bodies:
        record(run, t, b)
    while run.running and t < end - eps and any(b.alive for b in bodies):
        nxt = min(next_out, end, events[k].date if k < len(events) else end)
        dt = (nxt - t).total_seconds()
        if dt > 1.0:
            for b in list(bodies):
                if b.alive:
                    fly(run, b, t, dt)
            t = nxt
        while k < len(events) and events[k].date <= t + eps:
            apply_event(run, events[k], bodies)
            k += 1
        for b in bodies:
            if b.alive:
                check_limits(run, t, b)
        watch_end_of_life(run, t, bodies)  # decay, crew departure, hand-over to the burns
        for b in bodies:
            if b.alive and run.running:
                apply_reboost(run, t, b)
        if t >= next_out - eps or not run.running or t >= end - eps:
            for b in bodies:
                if b.alive:
                    record(run, t, b)
            while next_out <= t + eps:
                next_out += step
        if progress is not None:
            progress(min(1.0, (t - sc.start) / (end - sc.start)))
    ts = timeseries_table(run, bodies)
    ev = pd.DataFrame(run.log, columns=EVENT_COLUMNS)
    summary = summarize(run, bodies, t, time.perf_counter() - wall0, seed)
    return Result(sc, ts, ev, summary, run.ledger, bodies)
