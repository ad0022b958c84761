"""Visiting-vehicle events: ``arrival``, ``departure``, ``relocation``.

Each type's keys, its check before the run (ports free and usable by the vehicle type, the
vehicle docked, cargo and propellant within the vehicle's capacity, the vehicle type, its
reboost capability and its launcher inside their dates unless ``assumed = true``) and its
effect (a launcher grounded for want of engines moves the vehicle to its replacement or
cancels it).
"""

from __future__ import annotations

from datetime import datetime

from stationkeeper.ops import consumables as cons
from stationkeeper.ops import traffic
from stationkeeper.ops.capabilities import Launcher
from stationkeeper.ops.partner_exit import replacement_for
from stationkeeper.ops.reboost import plan_departure_reboost
from stationkeeper.ops.traffic import VehicleType
from stationkeeper.scenario.bodies import Body
from stationkeeper.scenario.events.base import EventType, Timeline
from stationkeeper.scenario.model import Event
from stationkeeper.scenario.reading import flag, number, string
from stationkeeper.scenario.state import RunState

# --- checks --------------------------------------------------------------------------------


def _docked_name(tl: Timeline, ev: Event) -> str:
    """The event's ``name``, which must be docked at that point of the timeline."""
    name = string(tl.ctx, ev.fields, "name", "events", ev.index)
    if name not in tl.docked:
        raise tl.ctx.error(
            f"{name!r} is not docked then",
            "events",
            ev.index,
            "name",
            ", ".join(sorted(tl.docked)) or "no vehicle is docked",
        )
    return name


def _free_port(tl: Timeline, ev: Event, name: str, spec: VehicleType | None, verb: str) -> str:
    """The event's ``port``: one the station has, the vehicle type may use, and that is free
    (or already ``name``'s) at that point of the timeline."""
    i, occupied = ev.index, tl.occupied
    port = string(tl.ctx, ev.fields, "port", "events", i, choices=tuple(sorted(tl.ports)))
    if spec is not None and port not in spec.ports:
        raise tl.ctx.error(
            f"a {spec.type} cannot use {port!r}", "events", i, "port", ", ".join(spec.ports)
        )
    if occupied.get(port, name) != name:
        raise tl.ctx.error(
            f"port {port!r} is taken by {occupied[port]!r} when {name!r} {verb}",
            "events",
            i,
            "port",
            "a free port: " + (", ".join(sorted(set(tl.ports) - set(occupied))) or "none"),
        )
    return port


def check_arrival(tl: Timeline, ev: Event) -> None:
    """A known vehicle type at a free port it may use, under a new name, with cargo and
    propellant within its capacity and crew within its seats."""
    ctx, i, f = tl.ctx, ev.index, ev.fields
    vt = string(ctx, f, "vehicle", "events", i, choices=tuple(tl.types))
    spec = tl.types[vt]
    name = string(ctx, f, "name", "events", i)
    port = _free_port(tl, ev, name, spec, "arrives")
    if name in tl.docked:
        raise ctx.error(f"{name!r} is already docked", "events", i, "name", "a name not in use")
    cargo = number(ctx, f, "cargo_kg", "events", i, lo=0, hi=spec.cargo_capacity_kg)
    supplies = sum(
        number(ctx, f, k, "events", i, lo=0, default=0.0)
        for k in ("water_kg", "food_kg", "oxygen_kg")
    )
    if cargo is not None and supplies > cargo + 1e-9:
        raise ctx.error(
            f"water + food + oxygen ({supplies:g} kg) exceed cargo_kg ({cargo:g})",
            "events",
            i,
            "cargo_kg",
            f">= {supplies:g} kg",
        )
    dt = spec.delivery_tank
    if "propellant_kg" in f:
        if dt is None:
            raise ctx.error(
                f"a {vt} carries no listed propellant tank",
                "events",
                i,
                "propellant_kg",
                "leave it out",
            )
        number(ctx, f, "propellant_kg", "events", i, lo=0, hi=dt.capacity_kg)
    number(ctx, f, "crew", "events", i, lo=0, hi=spec.crew_seats)
    check_dates(tl, ev, spec)
    tl.occupied[port] = name
    tl.docked[name] = port
    tl.type_of[name] = vt
    for ts in spec.tanks:
        tl.tank_cap[f"{name} {ts.name}"] = ts.capacity_kg


def check_dates(tl: Timeline, ev: Event, spec: VehicleType) -> None:
    """The vehicle type, its reboost capability (``propellant_kg`` > 0) and its launcher
    within their dates (vehicles.toml), unless the event says ``assumed = true``."""
    ctx, i, f = tl.ctx, ev.index, ev.fields
    assumed = flag(ctx, f, "assumed", "events", i, default=False)
    if "launcher" in f and not spec.launchers:
        raise ctx.error(
            f"vehicles.toml lists no launcher for {spec.type}", "events", i, "launcher",
            "leave it out",
        )  # fmt: skip
    names = tuple(la.name for la in spec.launchers)
    launcher = string(ctx, f, "launcher", "events", i, choices=names or None)
    found = spec.problems(ev.date.date(), reboost=f.get("propellant_kg", 0) > 0, launcher=launcher)
    if found and not assumed:
        key, text, allowed = found[0]
        raise ctx.error(
            f"{text} (set assumed = true to run it as a what-if)", "events", i, key, allowed
        )


def check_departure(tl: Timeline, ev: Event) -> None:
    """A vehicle docked then; its port is free from here on."""
    name = _docked_name(tl, ev)
    number(tl.ctx, ev.fields, "crew", "events", ev.index, lo=0, hi=20)
    tl.occupied.pop(tl.docked.pop(name), None)


def check_relocation(tl: Timeline, ev: Event) -> None:
    """A vehicle docked then, to a free port its type may use."""
    name = _docked_name(tl, ev)
    spec = tl.types.get(tl.type_of.get(name, ""))
    port = _free_port(tl, ev, name, spec, "moves there")
    tl.occupied.pop(tl.docked[name], None)
    tl.occupied[port] = name
    tl.docked[name] = port


# --- effects -------------------------------------------------------------------------------


def apply_arrival(run: RunState, ev: Event, b: Body, bodies: list[Body]) -> None:
    """Dock the vehicle (mass, tanks, engines, seats, crew, supplies), unless its provider
    has stopped flying or the body has lost the port (then it is cancelled)."""
    t = ev.date
    vt = traffic.vehicle_types()[ev.get("vehicle")]
    name = ev.get("name")
    if not run.exits.arrival_allowed(vt.owner, vt.partner):
        run.cancelled.add(name)
        run.note(t, b, "cancelled", name, f"{vt.type}: its provider has stopped flying")
        return
    port = ev.get("port")
    if port not in traffic.all_ports(b.station):
        run.cancelled.add(name)
        run.note(t, b, "cancelled", name, f"{b.name} has no port {port!r} any more")
        return
    launcher = launch(run, ev, b, vt)
    if launcher is False:
        return
    prop = None if "propellant_kg" not in ev.fields else float(ev.get("propellant_kg"))
    dt = vt.delivery_tank
    no_reboost = prop is None and dt is not None and dt.default_fill_kg > 0
    no_reboost = no_reboost and not vt.can_reboost(t.date())
    if no_reboost:
        prop = 0.0  # before its reboost capability: no reboost propellant aboard
    for _key, text, _allowed in vt.problems(
        t.date(), reboost=bool(prop), launcher=ev.get("launcher")
    ):
        run.note(t, b, "assumed", name, f"{text}: assumed = true")
    crew = int(ev.get("crew", 0))
    vehicle, tanks, engines = traffic.make_vehicle(
        b.station,
        vt,
        name,
        ev.get("port"),
        cargo_kg=float(ev.get("cargo_kg", 0.0)),
        propellant_kg=prop,
        crew=crew,
        when=t.date(),
    )
    before = b.station.total_mass_kg
    b.station = traffic.arrive(b.station, vehicle, tanks, engines)
    run.ledger.deliver(b.station, [tk.name for tk in tanks])
    run.mass["delivered"] += b.station.total_mass_kg - before
    b.crew += crew
    b.stock = cons.resupply(
        b.stock,
        float(ev.get("water_kg", 0.0)),
        float(ev.get("food_kg", 0.0)),
        float(ev.get("oxygen_kg", 0.0)),
    )
    detail = f"{vt.type} at {vehicle.port}; crew +{crew}"
    if launcher is not None:
        detail += f"; on {launcher.name}"
    if no_reboost:
        detail += "; no reboost propellant (before its reboost capability)"
    run.note(t, b, "arrival", name, detail, propellant_kg=sum(tk.fill_kg for tk in tanks))
    if launcher is not None and launcher.name not in run.exits.grounded:
        if run.exits.runs_out(launcher):
            ground(run, ev, b, vt, launcher, name)


def ground(run: RunState, ev: Event, b: Body, vt: VehicleType, la: Launcher, last: str | None):
    """Record launcher ``la`` grounded from the event's date (its engines are spent) and log
    the gap to its replacement."""
    rep = replacement_for(vt.launchers, la)
    g = run.exits.ground(la, ev.date.date(), last, rep)
    d = g.as_dict()
    after = f"after {last}" if last else "at once"
    if rep is None:
        then = f"no replacement launcher listed for {vt.type}"
    else:
        then = f"{vt.type} flies again on {rep.name} from {d['replacement_from']}"
        then += f" (a gap of {d['gap_days']} days)"
    left = run.exits.engine_stock.get(la.engine, 0)
    run.note(
        ev.date, b, "grounded", la.name, f"no {la.engine} left ({left} in hand) {after}; {then}"
    )


def launch(run: RunState, ev: Event, b: Body, vt: VehicleType) -> Launcher | None | bool:
    """The launcher the arrival flies on (None: the type lists none), after taking its
    engines; False when it is grounded with no replacement flying yet (arrival cancelled)."""
    if not vt.launchers:
        return None
    t, name = ev.date, ev.get("name")
    la = vt.launcher_for(t.date(), ev.get("launcher"))
    if la is None or run.exits.take_engines(la):
        return la
    if la.name not in run.exits.grounded:
        ground(run, ev, b, vt, la, None)
    g = run.exits.grounded[la.name]
    rep = replacement_for(vt.launchers, la)
    if rep is not None and rep.period.covers(t.date()) and run.exits.take_engines(rep):
        g.moved.append(name)
        run.note(t, b, "launcher", name, f"on {rep.name}: {la.name} is grounded (no {la.engine})")
        return rep
    g.cancelled.append(name)
    run.cancelled.add(name)
    run.note(t, b, "cancelled", name, f"{vt.type}: {la.name} grounded (no {la.engine} left)")
    return False


def depart(run: RunState, t: datetime, b: Body, name: str, crew: int | None, why: str = "") -> None:
    """Undock vehicle ``name`` with its tanks and ``crew`` (None: those aboard it), after it
    has burnt its reboost propellant toward the target if the policy says so."""
    planned = plan_departure_reboost(
        run.policy, b.station, float(b.x[0]), name, **run.stopped_owners()
    )
    if planned is not None:
        b.station, res = planned
        if res.dv_m_s > 0:
            dh = run.apply_dv(t, b, res.dv_m_s, res.propellant_by_tank_kg, "reboost")
            run.note(
                t,
                b,
                "reboost",
                "before departure",
                f"{res.dv_m_s:.2f} m/s with {', '.join(res.engines)} before it leaves",
                dv_m_s=res.dv_m_s,
                propellant_kg=res.propellant_kg,
                delta_altitude_km=dh / 1e3,
            )
    before = b.station.total_mass_kg
    b.station, v, leaving = traffic.depart(b.station, name)
    run.ledger.depart(leaving)
    run.mass["departed"] += before - b.station.total_mass_kg
    n = v.crew_aboard if crew is None else int(crew)
    n = min(n, b.crew)
    b.crew -= n
    detail = f"{v.type} from {v.port}; crew -{n}" + (f" ({why})" if why else "")
    run.note(t, b, "departure", name, detail, propellant_kg=sum(leaving.values()))


def apply_departure(run: RunState, ev: Event, b: Body, bodies: list[Body]) -> None:
    """Undock the vehicle (skipped if its arrival was cancelled or it left earlier)."""
    t, name = ev.date, ev.get("name")
    if name in run.cancelled:
        run.note(t, b, "skipped", name, "departure of a cancelled arrival")
    elif not any(v.name == name for v in b.station.vehicles):
        run.note(t, b, "skipped", name, "not docked (left earlier)")
    else:
        depart(run, t, b, name, ev.get("crew"))


def apply_relocation(run: RunState, ev: Event, b: Body, bodies: list[Body]) -> None:
    """Move the vehicle to its new port (skipped if it is not docked or the port is gone or
    taken)."""
    t, name, port = ev.date, ev.get("name"), ev.get("port")
    if name in run.cancelled or not any(v.name == name for v in b.station.vehicles):
        run.note(t, b, "skipped", name, "relocation: not docked")
    elif port not in traffic.all_ports(b.station):
        run.note(t, b, "skipped", name, f"relocation: {b.name} has no {port}")
    elif traffic.port_occupant(b.station, port) not in (None, name):
        other = traffic.port_occupant(b.station, port)
        run.note(t, b, "skipped", name, f"relocation: {port} taken by {other}")
    else:
        old = b.station.vehicle(name).port
        b.station = traffic.relocate(b.station, name, port)
        run.note(t, b, "relocation", name, f"{old} → {port}")


def body_docking(ev: Event, bodies: list[Body]) -> Body | None:
    """The body the vehicle ``name`` is docked to (the first body if none)."""
    for b in bodies:
        if any(v.name == ev.get("name") for v in b.station.vehicles):
            return b
    return bodies[0]


ARRIVAL = EventType(
    "arrival",
    {
        "vehicle": True,
        "name": True,
        "port": True,
        "cargo_kg": False,
        "propellant_kg": False,
        "crew": False,
        "water_kg": False,
        "food_kg": False,
        "oxygen_kg": False,
        "launcher": False,
        "assumed": False,
    },
    check_arrival,
    apply_arrival,
)
DEPARTURE = EventType(
    "departure", {"name": True, "crew": False}, check_departure, apply_departure, body_docking
)
RELOCATION = EventType(
    "relocation", {"name": True, "port": True}, check_relocation, apply_relocation, body_docking
)

#: This module's event types, in the order the docs list them.
TYPES = (ARRIVAL, DEPARTURE, RELOCATION)
