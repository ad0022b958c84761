"""The end of life as events: ``deorbit`` (hand over to the deorbit planner) and ``abandon``
(hand over to the uncontrolled-reentry prediction).

``deorbit``: the deorbit vehicle (``usdv`` or ``count`` x ``progress``, as ``stationkeeper
deorbit plan`` takes) arrives on the event's date (a USDV docked in the run by an ``arrival``
gives its own docking date and its mass to the decay); from ``decay_from`` (default the event's
date) the reboosts stop and the run flies the station's natural decay. When the mean altitude
passes ``crew_altitude_km`` the crew leave on their vehicles, and at ``start_altitude_km`` the
run hands the station as it is then (mass, tank fills) to
:func:`stationkeeper.reentry.deorbit.plan.plan_deorbit`: its burns over ~4 days, breakup,
impact point and footprint. The published plan (NASA/SpaceX 2024, iss_facts s6;
``data/partnership.toml``): the USDV docks ~18 months before entry, the crew leaves ~6 months
before, at ~330 km; natural decay to ~220 km; ~4 days of burns into the South Pacific Ocean
Uninhabited Area.

``abandon``: the crew leave, the reboosts stop, and the long-horizon Monte Carlo
(:func:`stationkeeper.reentry.montecarlo.long_summary.long_horizon_answer`) answers from the
station's state on that date: the reentry window, where it may fall, the chance its footprint
touches each country. Either event ends the run.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np

from stationkeeper.errors import InputError
from stationkeeper.ops.partnership import load_partnership
from stationkeeper.orbit.averaged import state_from_mean
from stationkeeper.orbit.ballistic import DragObject
from stationkeeper.orbit.mean_elements import mean_state_from_osculating
from stationkeeper.reentry.deorbit.plan import SPOUA_TARGET, plan_deorbit, plan_summary
from stationkeeper.reentry.deorbit.schedule import SEQUENCE_DAYS
from stationkeeper.reentry.deorbit.vehicles import load_vehicles
from stationkeeper.reentry.montecarlo.dwell import country_block, resolve_country
from stationkeeper.reentry.montecarlo.long_summary import long_horizon_answer
from stationkeeper.scenario.bodies import Body
from stationkeeper.scenario.events.base import EventType, Timeline
from stationkeeper.scenario.events.traffic import depart
from stationkeeper.scenario.model import Event
from stationkeeper.scenario.reading import flag, number, string, utc
from stationkeeper.scenario.state import RunState
from stationkeeper.utc import as_utc

#: The run's vehicle type of each deorbit vehicle of ``vehicles_deorbit.toml``.
RUN_TYPE = {"usdv": "USDV", "progress": "Progress MS"}
SECOND = timedelta(seconds=1)


def _sequence() -> dict:
    """The published sequence (``data/partnership.toml`` [usdv])."""
    return load_partnership().usdv


def _whole(ctx, f, key, i, lo, hi, default):
    v = number(ctx, f, key, "events", i, lo=lo, hi=hi, default=default)
    if v != int(v):
        raise ctx.error(f"{v!r} is not a whole number", "events", i, key, f"{lo} .. {hi}")
    return int(v)


def _once(tl: Timeline, ev: Event) -> None:
    """One end of life per run (the timeline remembers the first)."""
    first = getattr(tl, "end_of_life_index", None)
    if first is not None:
        raise tl.ctx.error(
            f"a second end of life (events[{first}] is one)", "events", ev.index, "type",
            "one deorbit or abandon event per run",
        )  # fmt: skip
    tl.end_of_life_index = ev.index


def _as_utc(v) -> datetime:
    if isinstance(v, datetime):
        return as_utc(v)
    return datetime(v.year, v.month, v.day, tzinfo=UTC)


# --- deorbit -------------------------------------------------------------------------------


def check_deorbit(tl: Timeline, ev: Event) -> None:
    """A known deorbit vehicle and count; ``decay_from`` from the event's date to the run's
    end; the burns' start altitude below the crew's."""
    ctx, i, f = tl.ctx, ev.index, ev.fields
    _, vehicles = load_vehicles()
    string(ctx, f, "vehicle", "events", i, choices=tuple(sorted(vehicles)))
    _whole(ctx, f, "count", i, 1, 20, 1)
    if "decay_from" in f:
        d = utc(ctx, f["decay_from"], "events", i, "decay_from")
        if not ev.date <= d <= tl.sc.end:
            raise ctx.error(
                f"decay_from {d.isoformat()} is outside the event's date .. the run's end",
                "events", i, "decay_from", f"{ev.date.isoformat()} .. {tl.sc.end.isoformat()}",
            )  # fmt: skip
    crew = number(ctx, f, "crew_altitude_km", "events", i, lo=150, hi=500, default=330.0)
    start = number(ctx, f, "start_altitude_km", "events", i, lo=150, hi=500, default=220.0)
    if start >= crew:
        raise ctx.error(
            f"start_altitude_km {start:g} is not below crew_altitude_km {crew:g}",
            "events", i, "start_altitude_km", f"150 .. {crew:g} (the crew leave first)",
        )  # fmt: skip
    number(ctx, f, "final_perigee_km", "events", i, lo=0, hi=120)
    flag(ctx, f, "with_entry", "events", i, default=True)
    _once(tl, ev)


def apply_deorbit(run: RunState, ev: Event, b: Body, bodies: list[Body]) -> None:
    """The deorbit vehicle arrives; the watch (:func:`watch_end_of_life`) does the rest."""
    seq = _sequence()
    key = ev.get("vehicle")
    decay_from = _as_utc(ev.get("decay_from", ev.date))
    run.end_of_life = {
        "kind": "deorbit",
        "phase": "arrived",
        "body": b.name,
        "event": ev,
        "vehicle": key,
        "count": int(ev.get("count", 1)),
        "docked": [],
        "arrival": ev.date.date(),
        "decay_from": decay_from,
        "crew_altitude_km": float(ev.get("crew_altitude_km", seq["crew_leaves_altitude_km"])),
        "start_altitude_km": float(ev.get("start_altitude_km", seq["burns_start_altitude_km"])),
        "summary": {},
    }
    _docked(run.end_of_life, b)
    run.note(
        ev.date, b, "deorbit", key,
        f"{run.end_of_life['count']} x {key} for the deorbit; reboosts stop on "
        f"{decay_from.date().isoformat()}",
    )  # fmt: skip
    watch_end_of_life(run, ev.date, bodies)


def _docked(eol: dict, b: Body) -> None:
    """The deorbit vehicles docked in the run (an ``arrival`` of their type): their names and
    the first docking date; without one the event's date is the arrival and the vehicle's
    mass is not in the decay."""
    docked = [v for v in b.station.vehicles if v.type == RUN_TYPE.get(eol["vehicle"])]
    if docked:
        eol["docked"] = [v.name for v in docked]
        eol["arrival"] = min(v.docked_date for v in docked)


def _crew_leave(run: RunState, t: datetime, b: Body, why: str) -> int:
    """Every crew vehicle leaves with its crew; returns how many people left."""
    n0 = b.crew
    for v in [v for v in b.station.vehicles if v.crew_aboard > 0]:
        if b.crew > 0:
            depart(run, t, b, v.name, None, why=why)
    if b.crew > 0:
        run.note(t, b, "crew", "leave", f"{b.crew} crew leave with no docked vehicle (assumed)")
        b.crew = 0
    return n0


def watch_end_of_life(run: RunState, t: datetime, bodies: list[Body]) -> None:
    """At every stop of the run: start the decay at ``decay_from``, send the crew home at the
    crew altitude, hand over to the deorbit planner at the burns' start altitude."""
    eol = run.end_of_life
    if eol is None or eol["kind"] != "deorbit" or eol["phase"] == "done":
        return
    b = next((x for x in bodies if x.name == eol["body"] and x.alive), None)
    if b is None:
        return
    s = eol["summary"]
    if eol["phase"] == "arrived" and t >= eol["decay_from"] - SECOND:
        run.policy = replace(run.policy, enabled=False)
        eol["phase"] = "decay"
        s["decay_start_utc"], s["decay_start_altitude_km"] = t.isoformat(), b.altitude_km
        run.note(t, b, "decay", "deorbit", f"reboosts off: decay from {b.altitude_km:.1f} km")
    if eol["phase"] != "decay":
        return
    if "crew_departure_utc" not in s and b.altitude_km <= eol["crew_altitude_km"]:
        s["crew_departure_utc"] = t.isoformat()
        s["crew_departure_altitude_km"] = b.altitude_km
        s["crew_departed"] = _crew_leave(run, t, b, "crew leave before the final descent")
    if b.altitude_km <= eol["start_altitude_km"]:
        _hand_over(run, t, b, eol)


def _book_propellant(run: RunState, t: datetime, b: Body, eol: dict, kg: float) -> float:
    """Draw the plan's propellant from the deorbit vehicles docked in the run; returns kg."""
    left, by_tank = kg, {}
    for tk in b.station.tanks:
        if tk.host in eol["docked"] and left > 0:
            by_tank[tk.name] = min(tk.fill_kg, left)
            left -= by_tank[tk.name]
    if by_tank:
        fills = {n: b.station.tank(n).fill_kg - kg_ for n, kg_ in by_tank.items()}
        b.station = b.station.with_tank_fills(fills)
        run.spend(t, b, by_tank, "deorbit")
    return sum(by_tank.values())


def _hand_over(run: RunState, t: datetime, b: Body, eol: dict) -> None:
    """Plan the burns from the station as it is at ``t``, fly them and end the run."""
    ev, s = eol["event"], eol["summary"]
    eol["phase"] = "done"
    _docked(eol, b)
    t0 = time.perf_counter()
    plan = plan_deorbit(
        eol["vehicle"],
        eol["count"],
        start_altitude_km=b.altitude_km,
        final_perigee_km=float(ev.get("final_perigee_km", 50.0)),
        epoch_utc=t + timedelta(days=SEQUENCE_DAYS),
        with_entry=bool(ev.get("with_entry", True)),
        station=b.station,
    )
    s["plan_time_s"] = time.perf_counter() - t0
    by_owner: dict[str, float] = {}
    for e in plan.engines:
        by_owner[e["owner"]] = by_owner.get(e["owner"], 0.0) + e["propellant_used_kg"]
    burns = [
        {
            "date_utc": (t + timedelta(seconds=x.start_offset_s)).isoformat(),
            "phase": x.phase,
            "vehicle": x.vehicle,
            "dv_m_s": x.dv_m_s,
            "propellant_kg": x.propellant_kg,
            "perigee_after_km": x.perigee_after_km,
        }
        for x in plan.burns
    ]
    s.update(
        handover_utc=t.isoformat(),
        handover_altitude_km=b.altitude_km,
        handover_mass_kg=b.station.total_mass_kg,
        feasible=plan.feasible,
        plan=plan_summary(plan),
        stack_mass_kg=plan.stack_mass_kg,
        dv_total_m_s=plan.dv_total_m_s,
        propellant_needed_kg=plan.propellant_needed_kg,
        propellant_available_kg=plan.propellant_available_kg,
        isp_s=[e["isp_s"] for e in plan.engines],
        burns=burns,
        burn_days=sorted({x["date_utc"][:10] for x in burns}),
        deorbit_propellant_by_owner_kg=by_owner,
        warnings=list(plan.warnings),
    )
    for x in burns:
        run.note(
            datetime.fromisoformat(x["date_utc"]), b, "deorbit_burn", x["vehicle"],
            f"{x['phase']}: {x['dv_m_s']:.2f} m/s, perigee {x['perigee_after_km']:.0f} km",
            dv_m_s=x["dv_m_s"], propellant_kg=x["propellant_kg"],
        )  # fmt: skip
    if not plan.feasible:
        run.note(t, b, "deorbit", "infeasible", plan_summary(plan) + ": decaying uncontrolled")
        return
    end = t + timedelta(days=plan.campaign_days)
    s["booked_kg"] = _book_propellant(run, end, b, eol, plan.propellant_needed_kg)
    e = plan.entry or {}
    s.update(
        impact_utc=end.isoformat(),
        target_lat_lon_deg=list(SPOUA_TARGET),
        **{k: e.get(k) for k in ENTRY_KEYS},
    )
    b.alive, b.reentry_utc = False, end
    run.ledger.reenter({tk.name: tk.fill_kg for tk in b.station.tanks})
    run.mass["reentered"] += b.station.total_mass_kg
    where = (
        f"impact {e['impact_lat_deg']:.1f}, {e['impact_lon_deg']:.1f}" if e else "no entry aimed"
    )
    run.note(end, b, "impact", b.name, f"controlled reentry: {where}")
    run.running = False


#: The entry figures the summary keeps (from ``plan.entry``).
ENTRY_KEYS = (
    "impact_lat_deg",
    "impact_lon_deg",
    "impact_miss_km",
    "breakup_lat_deg",
    "breakup_lon_deg",
    "footprint_length_km",
    "footprint_land_share",
    "footprint_countries",
    "footprint_lat_deg",
    "footprint_lon_deg",
    "published_footprint_km",
)


# --- abandon -------------------------------------------------------------------------------


def check_abandon(tl: Timeline, ev: Event) -> None:
    """Samples 100 .. 20,000, seed >= 0, a known country."""
    ctx, i, f = tl.ctx, ev.index, ev.fields
    _whole(ctx, f, "samples", i, 100, 20_000, 2000)
    _whole(ctx, f, "seed", i, 0, 2**32 - 1, 0)
    c = string(ctx, f, "country", "events", i)
    if c is not None:
        try:
            resolve_country(c)
        except InputError as exc:  # the resolver's own error, said again with the line
            raise ctx.error(
                exc.message, "events", i, "country",
                "a Natural Earth name or ISO-3",
            ) from None  # fmt: skip
    _once(tl, ev)


def osculating_at(t: datetime, x: np.ndarray, forces) -> object:
    """A State whose orbit-averaged mean semi-major axis, inclination and node are the body's
    mean state ``x`` (a fixed point on the mean of :func:`state_from_mean`, 3 passes: it
    converges to < 1 m in a; the eccentricity vector is left as it is, within ~4e-4)."""
    fix = np.array([1.0, 0.0, 0.0, 1.0, 1.0])
    guess = np.array(x, dtype=float)
    for _ in range(3):
        guess = guess + fix * (x - mean_state_from_osculating(state_from_mean(t, guess), forces))
    return state_from_mean(t, guess)


def apply_abandon(run: RunState, ev: Event, b: Body, bodies: list[Body]) -> None:
    """The crew leave, the reboosts stop, the long-horizon Monte Carlo answers, the run ends."""
    t = ev.date
    n = _crew_leave(run, t, b, "the station is abandoned")
    run.policy = replace(run.policy, enabled=False)
    st = b.station
    bc = st.ballistic_coefficient_kg_m2
    state = osculating_at(t, b.x, run.forces(st))
    obj = DragObject(b.name, st.total_mass_kg, st.total_mass_kg / (bc * st.cd), st.cd,
                     "the scenario's station on the abandon date", drag="scenario")  # fmt: skip
    t0 = time.perf_counter()
    seed = int(ev.get("seed", 0))
    ans, _ = long_horizon_answer(
        state, obj, bc_kg_m2=bc, samples=int(ev.get("samples", 2000)), seed=seed,
        space_weather=None, uncertainty=None, casualty_area_m2=None,
    )  # fmt: skip
    country = country_block(ans, resolve_country(ev.get("country")))
    touch = ans["footprint_touch"]
    run.end_of_life = {
        "kind": "abandon",
        "phase": "done",
        "body": b.name,
        "summary": {
            "abandon_utc": t.isoformat(),
            "altitude_km": b.altitude_km,
            "mass_kg": st.total_mass_kg,
            "ballistic_coefficient_kg_m2": bc,
            "crew_departed": n,
            "crew_departure_utc": t.isoformat(),
            "reentry": ans["reentry"],
            "footprint_touch_land": touch["land"],
            "footprint_touch_sea": touch["sea"],
            "footprint_touch_by_country": dict(list(touch["countries"].items())[:10]),
            "impact_by_latitude": ans["breakup"].get("latitude_bands"),
            "impact_land_share": ans["breakup"].get("land"),
            "country": country,
            "samples": int(ev.get("samples", 2000)),
            "seed": seed,
            "method_note": ans["method_note"],
            "prediction_time_s": time.perf_counter() - t0,
        },
    }
    w = ans["reentry"]
    run.note(t, b, "abandon", b.name,
             f"reentry median {w['median_utc'][:10]} (5-95 % {str(w['p05_utc'])[:10]} .. "
             f"{str(w['p95_utc'])[:10]})")  # fmt: skip
    run.running = False


DEORBIT = EventType(
    "deorbit",
    {
        "vehicle": True,
        "count": False,
        "decay_from": False,
        "crew_altitude_km": False,
        "start_altitude_km": False,
        "final_perigee_km": False,
        "with_entry": False,
    },
    check_deorbit,
    apply_deorbit,
)
ABANDON = EventType(
    "abandon", {"samples": False, "seed": False, "country": False}, check_abandon, apply_abandon
)

#: This module's event types, in the order the docs list them.
TYPES = (DEORBIT, ABANDON)
