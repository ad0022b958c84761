"""The scenario file: one TOML file that writes down a future for the station.

```toml
[scenario]
name = "Roscosmos leaves in 2025"
start = 2022-03-03T17:00:00Z     # optional: default the epoch of the orbit
duration_days = 3650
tle = "orbit.tle"                 # optional, relative to this file; default a shipped ISS state
solar = "nominal"                 # low | nominal | high | observed
atmosphere = "nrlmsis"            # nrlmsis | nrlmsise00 | exponential
output_step_days = 1.0
flight_step_days = 1.0            # longest propagator step; 2 is twice as fast, ~0.2 % off

[station]                         # optional
file = "my_station.toml"          # default the shipped ISS (2022-03-03)
drop_vehicles = false             # start with no visiting vehicle (list them as arrivals)
drag_area_m2 = 1980.0
cd = 3.0
crew = 7                          # default: crew assigned to the docked vehicles
tank_fills = { "Zarya propellant tanks" = 3000.0 }

[reboost]
enabled = true
floor_km = 400.0
target_km = 420.0
engines = ["Zvezda main engines", "Progress MS", "Cygnus", "Cargo Dragon"]
on_demand_isp_s = 0.0             # > 0: what would it take (virtual propellant, see ReboostPolicy)
use_before_departure = true       # a leaving vehicle first burns its reboost propellant

[attitude]                        # optional: attitude-control propellant (ops/attitude.py)
maneuvers_per_year = 12           # large rotations on thrusters (12/yr in 2012-2014)
kg_per_maneuver = 9.7             # 9.7 kg optimal-propellant, 50-150 kg standard (NTRS 20150001912)
background_kg_per_day = 0.0       # desaturation, thruster hold at dockings: your estimate

[consumables]
water_kg = 2000.0
food_kg = 1500.0
oxygen_kg = 800.0
water_recovery = 0.0

[[events]]
date = 2022-06-03
type = "arrival"                  # every type and its keys: scenario.events.EVENT_TYPES
vehicle = "Progress MS"
name = "Progress MS-20"
port = "Poisk zenith"
propellant_kg = 600.0

[[events]]
date = 2022-07-01
type = "relocation"               # a docked vehicle moves to a free port its type can use
name = "Progress MS-20"
port = "Rassvet nadir"
```

``load_scenario`` parses with :mod:`tomllib` and validates everything it can before the run
(unknown keys, event types, vehicles, dates outside the run, port conflicts along the timeline,
transfers larger than the tank, modules that do not exist): each problem is an
:class:`~stationkeeper.errors.InputError` naming the file, line, field and what is allowed.
The tables' keys and readers: :mod:`.tables`; the events' keys and checks: :mod:`.events`.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from stationkeeper.environment.atmosphere_factory import ATMOSPHERES
from stationkeeper.environment.spaceweather import SOLAR_SCENARIOS
from stationkeeper.errors import InputError
from stationkeeper.ops.reboost import ReboostPolicy
from stationkeeper.scenario.events import EVENT_COMMON, EVENT_KEYS, check_timeline
from stationkeeper.scenario.model import FLIGHT_STEP_DAYS, Event, Scenario
from stationkeeper.scenario.reading import check_keys, number, string, utc
from stationkeeper.scenario.tables import (
    TABLE_KEYS,
    read_attitude,
    read_consumables,
    read_debris_policy,
    read_orbit,
    read_policy,
    read_station,
)
from stationkeeper.tomlfile import TomlContext, read_toml, suggest


def load_scenario(path: str | Path) -> Scenario:
    """Parse and validate a scenario file (the format: this module's docstring).

    Parameters
    ----------
    path : str or Path
        The scenario TOML file; its ``tle`` and ``[station] file`` are relative to it.

    Returns
    -------
    Scenario
        With its events sorted by date and checked along the timeline.

    Raises
    ------
    InputError
        The first problem, naming the file, line, field and what is allowed.
    """
    p = Path(path)
    fname = str(p)
    doc, text = read_toml(p, "scenario file")
    ctx = TomlContext(fname, text)
    allowed_tables = (*TABLE_KEYS, "events")
    for k in doc:
        if k not in allowed_tables:
            raise ctx.error(
                f"unknown table {k!r}{suggest(k, allowed_tables)}",
                k,
                allowed=", ".join(allowed_tables),
            )
    if "scenario" not in doc:
        raise InputError(
            "missing table [scenario]",
            file=fname,
            field="scenario",
            allowed="[scenario] with duration_days (see the docs)",
        )
    for t in TABLE_KEYS:
        if t in doc:
            if not isinstance(doc[t], dict):
                raise ctx.error("must be a table", t)
            check_keys(ctx, doc[t], TABLE_KEYS[t], t)
    sc = doc["scenario"]
    base = p.parent
    duration = number(ctx, sc, "duration_days", "scenario", lo=0.01, hi=365.25 * 30)
    solar = string(ctx, sc, "solar", "scenario", choices=SOLAR_SCENARIOS, default="nominal")
    atmosphere = string(ctx, sc, "atmosphere", "scenario", choices=ATMOSPHERES, default="nrlmsis")
    step = number(ctx, sc, "output_step_days", "scenario", lo=0.01, hi=duration, default=1.0)
    flight_step = number(
        ctx,
        sc,
        "flight_step_days",
        "scenario",
        lo=FLIGHT_STEP_DAYS[0],
        hi=FLIGHT_STEP_DAYS[1],
        default=1.0,
    )
    start = utc(ctx, sc["start"], "scenario", None, "start") if "start" in sc else None
    station, crew = read_station(ctx, doc.get("station", {}), base)
    es, start = read_orbit(ctx, sc, base, start, doc.get("events"), station.configuration_date)
    policy = ReboostPolicy(enabled=False)
    if "reboost" in doc:
        policy = read_policy(ctx, doc["reboost"], "reboost", ReboostPolicy())
    stock, recovery = read_consumables(ctx, doc.get("consumables", {}))
    scenario = Scenario(
        path=fname,
        name=string(ctx, sc, "name", "scenario", default=p.stem),
        start=start,
        duration_days=duration,
        solar=solar,
        atmosphere=atmosphere,
        output_step_days=step,
        flight_step_days=flight_step,
        station=station,
        crew=crew,
        policy=policy,
        consumables=stock,
        water_recovery=recovery,
        events=[],
        tle_where=es.where(),
        elements=es,
        description=string(ctx, sc, "description", "scenario", default=""),
        attitude=read_attitude(ctx, doc.get("attitude", {})),
    )
    scenario.events = read_events(ctx, doc.get("events", []), scenario)
    scenario.debris_avoidance = read_debris_policy(ctx, sc, doc.get("debris_avoidance", {}))
    return scenario


def read_events(ctx: TomlContext, raw: Any, sc: Scenario) -> list[Event]:
    """``[[events]]``: each a known type with its keys, dated inside the run; sorted by date
    (file order kept) and checked along the timeline by each type's check."""
    if not isinstance(raw, list):
        raise ctx.error("must be an array of tables [[events]]", "events")
    out: list[Event] = []
    for i, ev in enumerate(raw):
        if not isinstance(ev, dict):
            raise ctx.error("must be a table", "events", i)
        if "type" not in ev:
            raise ctx.error("missing key 'type'", "events", i, None, ", ".join(EVENT_KEYS))
        typ = string(ctx, ev, "type", "events", i, choices=tuple(EVENT_KEYS))
        check_keys(ctx, ev, {**EVENT_COMMON, **EVENT_KEYS[typ]}, "events", i)
        when = utc(ctx, ev["date"], "events", i)
        if when < sc.start - timedelta(seconds=1) or when > sc.end + timedelta(seconds=1):
            raise ctx.error(
                f"{when.isoformat()} is outside the run",
                "events",
                i,
                "date",
                f"{sc.start.isoformat()} .. {sc.end.isoformat()}",
            )
        out.append(Event(i, ctx.lines.find("events", i), when, typ, dict(ev)))
    out.sort(key=lambda e: (e.date, e.index))
    check_timeline(ctx, out, sc)
    return out
