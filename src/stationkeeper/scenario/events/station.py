"""Events that change the station or the whole run: ``partner_exit``, ``separation``, ``end``.

Each type's keys, its check before the run and its effect.
"""

from __future__ import annotations

from dataclasses import replace

from stationkeeper.ops import consumables as cons
from stationkeeper.ops import separation as sep
from stationkeeper.ops import traffic
from stationkeeper.ops.limits import power_lost
from stationkeeper.ops.partner_exit import SERVICES, crew_vehicles_of
from stationkeeper.scenario.bodies import Body
from stationkeeper.scenario.events.base import EventType, Timeline, no_check
from stationkeeper.scenario.events.traffic import depart
from stationkeeper.scenario.model import Event
from stationkeeper.scenario.reading import number, string, strings
from stationkeeper.scenario.state import RunState
from stationkeeper.station.model import OWNERS, SEGMENTS
from stationkeeper.tomlfile import suggest

# --- partner_exit --------------------------------------------------------------------------


def check_partner_exit(tl: Timeline, ev: Event) -> None:
    """A known owner; ``stops`` among the services a partner provides."""
    ctx, i, f = tl.ctx, ev.index, ev.fields
    string(ctx, f, "owner", "events", i, choices=OWNERS)
    stops = strings(ctx, f, "stops", "events", i) or SERVICES
    for s in stops:
        if s not in SERVICES:
            raise ctx.error(f"unknown service {s!r}", "events", i, "stops", ", ".join(SERVICES))
    number(ctx, f, "engine_stock", "events", i, lo=0, hi=1000)


def apply_partner_exit(run: RunState, ev: Event, b: None, bodies: list[Body]) -> None:
    """The owner stops providing its services (default all); with ``crew`` its crew
    vehicles leave every flying body at once with their crews."""
    t, owner = ev.date, ev.get("owner")
    stops = tuple(ev.get("stops", SERVICES))
    run.exits.stop(owner, stops)
    run.note(t, None, "partner_exit", owner, "stops providing " + ", ".join(stops))
    if "engine_deliveries" in stops:
        mine = [s for s in traffic.engine_supplies().values() if s.supplier == owner]
        for text in run.exits.stop_engine_deliveries(t.date(), mine, ev.get("engine_stock")):
            run.note(t, None, "engine_deliveries", owner, text)
    if "crew" in stops:
        for body in bodies:
            if not body.alive:
                continue
            for name in crew_vehicles_of(body.station, owner):
                depart(run, t, body, name, None, why=f"{owner} crew leave")


# --- separation ----------------------------------------------------------------------------


def check_separation(tl: Timeline, ev: Event) -> None:
    """Exactly one of ``modules`` (each existing) and ``segment``; an area below the
    station's."""
    ctx, i, f = tl.ctx, ev.index, ev.fields
    mods = strings(ctx, f, "modules", "events", i)
    seg = string(ctx, f, "segment", "events", i, choices=SEGMENTS)
    if (mods is None) == (seg is None):
        raise ctx.error(
            "give exactly one of modules, segment",
            "events",
            i,
            None,
            "modules = [...] or segment = " + " | ".join(SEGMENTS),
        )
    for m in mods or ():
        if m not in tl.modules:
            raise ctx.error(
                f"no module {m!r}{suggest(m, tl.modules)}",
                "events",
                i,
                "modules",
                ", ".join(sorted(tl.modules)),
            )
    number(ctx, f, "drag_area_m2", "events", i, lo=1, hi=tl.sc.station.drag_area_m2)
    string(ctx, f, "name", "events", i)
    string(ctx, f, "remaining_name", "events", i)
    if "body" in f:  # a later split of a part: its modules are that part's
        return
    leaving = set(mods or (m.name for m in tl.sc.station.modules if m.segment == seg))
    if not leaving & tl.modules:
        what = f"the {seg} segment" if seg else "these modules"
        raise ctx.error(
            f"{what} already separated", "events", i, "segment" if seg else "modules",
            "a part still on the station",
        )  # fmt: skip
    tl.modules -= leaving


def _remaining_name(ev: Event, b: Body) -> str:
    """The part that stays: ``remaining_name``, else the other segment's name (a split by
    segment), else the body's name with "(rest)" -- never the whole station's name."""
    if ev.get("remaining_name"):
        return ev.get("remaining_name")
    seg = ev.get("segment")
    others = [s for s in SEGMENTS if s != seg] if seg else []
    if len(others) == 1:
        other = others[0]
        return f"{other.upper() if len(other) <= 3 else other.capitalize()} segment"
    return f"{b.name} (rest)"


def apply_separation(run: RunState, ev: Event, b: Body, bodies: list[Body]) -> None:
    """Split the body in two: the leaving part (its modules, docked vehicles, tanks,
    engines, its share of crew and consumables) flies on as a new body on the same orbit; the
    part that stays takes a name of its own (``remaining_name``, by default the other
    segment's). A part left without the main solar arrays is reported as a power limit."""
    t = ev.date
    if ev.get("modules") is not None:
        mods = list(ev.get("modules"))
    else:
        mods = [m.name for m in b.station.modules if m.segment == ev.get("segment")]
    before = b.station
    leaving_name = ev.get("name") or f"{before.name} ({ev.get('segment') or 'part'} part)"
    remaining, leaving, notes = sep.split(
        before, mods, leaving_name, leaving_area_m2=ev.get("drag_area_m2")
    )
    out_crew = min(b.crew, sum(v.crew_aboard for v in leaving.vehicles))
    share = out_crew / b.crew if b.crew else 0.0
    d = b.stock.as_dict()
    b.stock = cons.Stock.from_dict({k: v * (1 - share) for k, v in d.items()})
    new = Body(
        leaving_name,
        leaving,
        b.x.copy(),
        out_crew,
        cons.Stock.from_dict({k: v * share for k, v in d.items()}),
        born_utc=t,
    )
    new.limits_seen = set(b.limits_seen)  # a limit already reported is not reported again
    b.crew -= out_crew
    b.name = _remaining_name(ev, b)
    b.station = replace(remaining, name=b.name)
    b.losses = sep.losses(before, remaining)
    new.losses = sep.losses(before, leaving)
    bodies.append(new)
    run.note(
        t,
        b,
        "separation",
        leaving_name,
        f"{len(leaving.modules)} modules leave; area {notes['area_split']}. "
        f"{b.name} lost: {b.losses['summary']}; {leaving_name} lost: "
        f"{new.losses['summary']}",
    )
    for part in (b, new):
        if power_lost(before, part.station):
            run.limit(
                t,
                part,
                "power",
                "lost the main US solar arrays (75-120 kW; the Russian segment depends on US "
                "power, iss_facts §1, §3); power is not simulated: life support and crew are "
                "assumed to go on",
            )


# --- end -----------------------------------------------------------------------------------


def apply_end(run: RunState, ev: Event, b: None, bodies: list[Body]) -> None:
    """End the run here."""
    run.note(ev.date, None, "end", "end", ev.get("note", "end event"))
    run.running = False


PARTNER_EXIT = EventType(
    "partner_exit",
    {"owner": True, "stops": False, "engine_stock": False},
    check_partner_exit,
    apply_partner_exit,
    whole_run=True,
)
SEPARATION = EventType(
    "separation",
    {
        "modules": False,
        "segment": False,
        "name": False,
        "remaining_name": False,
        "drag_area_m2": False,
    },
    check_separation,
    apply_separation,
)
END = EventType("end", {}, no_check, apply_end, whole_run=True)

#: This module's event types, in the order the docs list them.
TYPES = (PARTNER_EXIT, SEPARATION, END)
