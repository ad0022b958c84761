"""The scenario file: one TOML file that writes down a future for the station.

```toml
[scenario]
name = "Roscosmos leaves in 2025"
start = 2022-03-03T17:00:00Z     # optional: default the epoch of the orbit
duration_days = 3650
tle = "orbit.tle"                 # optional, relative to this file; default the shipped ISS TLE
solar = "nominal"                 # low | nominal | high | observed
atmosphere = "nrlmsis"            # nrlmsis | nrlmsise00 | exponential
output_step_days = 1.0

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
type = "arrival"                  # see EVENT_KEYS for every type and its keys
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
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from stationkeeper.errors import InputError, StationkeeperError
from stationkeeper.ops.attitude import AttitudeBudget
from stationkeeper.ops.consumables import Stock
from stationkeeper.ops.partner_exit import SERVICES
from stationkeeper.ops.random_conjunctions import DebrisAvoidancePolicy
from stationkeeper.ops.reboost import ReboostPolicy
from stationkeeper.ops.traffic import all_ports, vehicle_types
from stationkeeper.station.model import OWNERS, SEGMENTS, Station
from stationkeeper.tomlfile import TomlContext, read_toml, suggest
from stationkeeper.utc import as_utc

SOLAR = ("low", "nominal", "high", "observed")
ATMOSPHERES = ("nrlmsis", "nrlmsise00", "exponential")

TABLE_KEYS: dict[str, dict[str, bool]] = {
    # key -> required
    "scenario": {
        "name": False,
        "start": False,
        "duration_days": True,
        "tle": False,
        "solar": False,
        "atmosphere": False,
        "output_step_days": False,
        "description": False,
        "debris_avoidance": False,
    },
    "debris_avoidance": {
        "enabled": False,
        "rate_per_year": False,
        "dv_mps": False,
        "engines": False,
    },
    "station": {
        "file": False,
        "drop_vehicles": False,
        "drag_area_m2": False,
        "cd": False,
        "crew": False,
        "tank_fills": False,
    },
    "reboost": {
        "enabled": False,
        "floor_km": False,
        "target_km": False,
        "engines": False,
        "on_demand_isp_s": False,
        "use_before_departure": False,
    },
    "attitude": {
        "maneuvers_per_year": False,
        "kg_per_maneuver": False,
        "background_kg_per_day": False,
    },
    "consumables": {
        "water_kg": False,
        "food_kg": False,
        "oxygen_kg": False,
        "water_recovery": False,
    },
}

EVENT_KEYS: dict[str, dict[str, bool]] = {
    "arrival": {
        "vehicle": True,
        "name": True,
        "port": True,
        "cargo_kg": False,
        "propellant_kg": False,
        "crew": False,
        "water_kg": False,
        "food_kg": False,
        "oxygen_kg": False,
    },
    "departure": {"name": True, "crew": False},
    "relocation": {"name": True, "port": True},
    "transfer": {"from": True, "to": True, "kg": True},
    "burn": {"dv_mps": False, "delta_altitude_km": False, "engines": False},
    "reboost_policy": {k: False for k in TABLE_KEYS["reboost"]},
    "partner_exit": {"owner": True, "stops": False},
    "separation": {"modules": False, "segment": False, "name": False, "drag_area_m2": False},
    "end": {},
}
EVENT_COMMON = {"date": True, "type": True, "note": False, "body": False}


@dataclass(frozen=True)
class Event:
    index: int
    line: int | None
    date: datetime
    type: str
    fields: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)


@dataclass
class Scenario:
    """A parsed, validated scenario (see the module docstring for the file format)."""

    path: str
    name: str
    start: datetime
    duration_days: float
    solar: str
    atmosphere: str
    output_step_days: float
    station: Station
    crew: int
    policy: ReboostPolicy
    consumables: Stock
    water_recovery: float
    events: list[Event]
    tle_where: str = ""
    elements: Any = None
    description: str = ""
    debris_avoidance: DebrisAvoidancePolicy = field(default_factory=DebrisAvoidancePolicy)
    attitude: AttitudeBudget = field(default_factory=AttitudeBudget)

    @property
    def end(self) -> datetime:
        return self.start + timedelta(days=self.duration_days)


_Ctx = TomlContext


def _check_keys(ctx: _Ctx, doc: dict, spec: dict[str, bool], table: str, index=None) -> None:
    for k in doc:
        if k not in spec:
            raise ctx.error(
                f"unknown key {k!r}{suggest(k, spec)}", table, index, k, ", ".join(spec)
            )
    for k, required in spec.items():
        if required and k not in doc:
            raise ctx.error(f"missing key {k!r}", table, index, None, ", ".join(spec))


def _number(ctx, doc, key, table, index=None, *, lo=None, hi=None, default=None) -> float:
    if key not in doc:
        return default
    v = doc[key]
    rng = f"{'-inf' if lo is None else lo} .. {'inf' if hi is None else hi}"
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise ctx.error(f"must be a number, got {v!r}", table, index, key, rng)
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        raise ctx.error(f"{v!r} is out of range", table, index, key, rng)
    return float(v)


def _string(ctx, doc, key, table, index=None, *, choices=None, default=None) -> str:
    if key not in doc:
        return default
    v = doc[key]
    if not isinstance(v, str):
        raise ctx.error(f"must be a string, got {v!r}", table, index, key)
    if choices is not None and v not in choices:
        raise ctx.error(
            f"unknown value {v!r}{suggest(v, choices)}", table, index, key, ", ".join(choices)
        )
    return v


def _strings(ctx, doc, key, table, index=None) -> tuple[str, ...] | None:
    if key not in doc:
        return None
    v = doc[key]
    if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
        raise ctx.error(f"must be a list of strings, got {v!r}", table, index, key)
    return tuple(v)


def _utc(ctx, v, table, index=None, key="date") -> datetime:
    if isinstance(v, datetime):
        return as_utc(v)
    if isinstance(v, date):
        return datetime(v.year, v.month, v.day, tzinfo=UTC)
    raise ctx.error(
        f"must be a TOML date or date-time, got {v!r}",
        table,
        index,
        key,
        "e.g. 2022-06-03 or 2022-06-03T12:00:00Z",
    )


def _policy(ctx, doc, table, base: ReboostPolicy, index=None) -> ReboostPolicy:
    floor = _number(ctx, doc, "floor_km", table, index, lo=150, hi=1000, default=base.floor_km)
    target = _number(ctx, doc, "target_km", table, index, lo=150, hi=1000, default=base.target_km)
    if target <= floor:
        raise ctx.error(
            f"target {target:g} km is not above the floor {floor:g} km",
            table,
            index,
            "target_km",
            "target_km > floor_km",
        )
    enabled = doc.get("enabled", base.enabled)
    if not isinstance(enabled, bool):
        raise ctx.error(f"must be true or false, got {enabled!r}", table, index, "enabled")
    engines = _strings(ctx, doc, "engines", table, index) or base.engines
    on_demand = _number(ctx, doc, "on_demand_isp_s", table, index, lo=0, hi=500)
    if on_demand is not None and 0 < on_demand < 100:
        raise ctx.error(
            f"{on_demand:g} s is not an Isp a reboost engine has",
            table,
            index,
            "on_demand_isp_s",
            "0 (off) or 100 .. 500 s",
        )
    on_demand = base.on_demand_isp_s if on_demand is None else on_demand
    before = doc.get("use_before_departure", base.use_before_departure)
    if not isinstance(before, bool):
        raise ctx.error(
            f"must be true or false, got {before!r}", table, index, "use_before_departure"
        )
    return ReboostPolicy(enabled, floor, target, engines, on_demand, before)


def _attitude(ctx, doc) -> AttitudeBudget:
    base = AttitudeBudget()
    t = "attitude"
    return AttitudeBudget(
        _number(ctx, doc, "maneuvers_per_year", t, lo=0, hi=365, default=base.maneuvers_per_year),
        _number(ctx, doc, "kg_per_maneuver", t, lo=0, hi=1000, default=base.kg_per_maneuver),
        _number(
            ctx, doc, "background_kg_per_day", t, lo=0, hi=1000, default=base.background_kg_per_day
        ),
    )


def _resolve(base: Path, p: str) -> Path:
    q = Path(p).expanduser()
    return q if q.is_absolute() else base / q


def load_scenario(path: str | Path) -> Scenario:
    """Parse and validate a scenario file (every problem: InputError with file and line)."""
    from stationkeeper.orbit.tle import elements_or_default as _elements
    from stationkeeper.orbit.tle import load_tle_history
    from stationkeeper.station import load_station

    p = Path(path)
    fname = str(p)
    doc, text = read_toml(p, "scenario file")
    ctx = _Ctx(fname, text)
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
            _check_keys(ctx, doc[t], TABLE_KEYS[t], t)
    sc = doc["scenario"]
    base = p.parent
    duration = _number(ctx, sc, "duration_days", "scenario", lo=0.01, hi=365.25 * 30)
    solar = _string(ctx, sc, "solar", "scenario", choices=SOLAR, default="nominal")
    atmosphere = _string(ctx, sc, "atmosphere", "scenario", choices=ATMOSPHERES, default="nrlmsis")
    step = _number(ctx, sc, "output_step_days", "scenario", lo=0.01, hi=duration, default=1.0)

    # ---- orbit: the newest element set at or before the start ----------------------------
    start = _utc(ctx, sc["start"], "scenario", None, "start") if "start" in sc else None
    tle = _string(ctx, sc, "tle", "scenario")
    try:
        if tle is None:
            es = _elements(None)
        else:
            history = load_tle_history(_resolve(base, tle))
            before = [
                h for h in history if start is None or h.epoch_utc <= start + timedelta(hours=12)
            ]
            es = before[-1] if before else history[0]
    except StationkeeperError as exc:
        raise ctx.error(f"orbit file: {exc}", "scenario", None, "tle") from None
    if start is None:
        start = es.epoch_utc
    lag_s = (start - es.epoch_utc).total_seconds()
    if lag_s < -86400 or lag_s > 30 * 86400:
        raise ctx.error(
            f"start {start.isoformat()} is {abs((start - es.epoch_utc).days)} days from the "
            f"orbit's epoch {es.epoch_utc.isoformat()}",
            "scenario",
            None,
            "start",
            "from 1 day before to 30 days after an element set of the orbit file",
        )

    # ---- station -------------------------------------------------------------------------
    st_doc = doc.get("station", {})
    st_file = _string(ctx, st_doc, "file", "station")
    try:
        station = load_station(None if st_file is None else _resolve(base, st_file))
    except StationkeeperError as exc:
        raise ctx.error(f"station file: {exc}", "station", None, "file") from None
    drop = st_doc.get("drop_vehicles", False)
    if not isinstance(drop, bool):
        raise ctx.error(f"must be true or false, got {drop!r}", "station", None, "drop_vehicles")
    if drop:
        for v in list(station.vehicles):
            station = station.without_vehicle(v.name)
    area = _number(ctx, st_doc, "drag_area_m2", "station", lo=1, hi=1e5)
    cd = _number(ctx, st_doc, "cd", "station", lo=0.5, hi=5)
    if area is not None or cd is not None:
        station = station.with_overrides(area_m2=area, cd=cd)
    fills = st_doc.get("tank_fills", {})
    if not isinstance(fills, dict):
        raise ctx.error("must be a table of tank name = kg", "station", None, "tank_fills")
    try:
        station = station.with_tank_fills(fills)
    except InputError as exc:
        raise ctx.error(exc.message, "station", None, "tank_fills", exc.allowed) from None
    crew_default = 0 if drop else station.crew_aboard
    crew = int(_number(ctx, st_doc, "crew", "station", lo=0, hi=20, default=crew_default))

    policy = ReboostPolicy(enabled=False)
    if "reboost" in doc:
        policy = _policy(ctx, doc["reboost"], "reboost", ReboostPolicy())
    cons = doc.get("consumables", {})
    stock = Stock(
        _number(ctx, cons, "water_kg", "consumables", lo=0, default=0.0),
        _number(ctx, cons, "food_kg", "consumables", lo=0, default=0.0),
        _number(ctx, cons, "oxygen_kg", "consumables", lo=0, default=0.0),
    )
    recovery = _number(ctx, cons, "water_recovery", "consumables", lo=0, hi=1, default=0.0)

    scenario = Scenario(
        path=fname,
        name=_string(ctx, sc, "name", "scenario", default=p.stem),
        start=start,
        duration_days=duration,
        solar=solar,
        atmosphere=atmosphere,
        output_step_days=step,
        station=station,
        crew=crew,
        policy=policy,
        consumables=stock,
        water_recovery=recovery,
        events=[],
        tle_where=es.where(),
        elements=es,
        description=_string(ctx, sc, "description", "scenario", default=""),
        attitude=_attitude(ctx, doc.get("attitude", {})),
    )
    scenario.events = _events(ctx, doc.get("events", []), scenario)
    scenario.debris_avoidance = _debris_policy(ctx, sc, doc.get("debris_avoidance", {}))
    return scenario


def _debris_policy(ctx: _Ctx, sc_doc: dict, doc: Any) -> DebrisAvoidancePolicy:
    """``[scenario] debris_avoidance = true`` and/or a ``[debris_avoidance]`` table."""
    if not isinstance(doc, dict):
        raise ctx.error("must be a table", "debris_avoidance")
    flag = sc_doc.get("debris_avoidance", None)
    if flag is not None and not isinstance(flag, bool):
        raise ctx.error(
            f"must be true or false, got {flag!r}", "scenario", None, "debris_avoidance"
        )
    enabled = doc.get("enabled", bool(flag) or bool(doc))
    if not isinstance(enabled, bool):
        raise ctx.error(
            f"must be true or false, got {enabled!r}", "debris_avoidance", None, "enabled"
        )
    base = DebrisAvoidancePolicy()
    rate = _number(
        ctx, doc, "rate_per_year", "debris_avoidance", lo=0, hi=365, default=base.rate_per_year
    )
    dv = _number(ctx, doc, "dv_mps", "debris_avoidance", lo=0.01, hi=10, default=base.dv_mps)
    engines = _strings(ctx, doc, "engines", "debris_avoidance", None) or None
    return DebrisAvoidancePolicy(enabled, rate, dv, tuple(engines) if engines else None)


def _events(ctx: _Ctx, raw: Any, sc: Scenario) -> list[Event]:
    if not isinstance(raw, list):
        raise ctx.error("must be an array of tables [[events]]", "events")
    out: list[Event] = []
    for i, ev in enumerate(raw):
        if not isinstance(ev, dict):
            raise ctx.error("must be a table", "events", i)
        if "type" not in ev:
            raise ctx.error("missing key 'type'", "events", i, None, ", ".join(EVENT_KEYS))
        typ = _string(ctx, ev, "type", "events", i, choices=tuple(EVENT_KEYS))
        _check_keys(ctx, ev, {**EVENT_COMMON, **EVENT_KEYS[typ]}, "events", i)
        when = _utc(ctx, ev["date"], "events", i)
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
    _check_timeline(ctx, out, sc)
    return out


def _docked_name(ctx: _Ctx, f: dict, i: int, docked: dict[str, str]) -> str:
    """The event's ``name``, which must be docked at that point of the timeline."""
    name = _string(ctx, f, "name", "events", i)
    if name not in docked:
        raise ctx.error(
            f"{name!r} is not docked then",
            "events",
            i,
            "name",
            ", ".join(sorted(docked)) or "no vehicle is docked",
        )
    return name


def _free_port(ctx, f, i, ports, occupied, name, spec, verb: str) -> str:
    """The event's ``port``: one the station has, the vehicle type may use, and that is free
    (or already ``name``'s) at that point of the timeline."""
    port = _string(ctx, f, "port", "events", i, choices=tuple(sorted(ports)))
    if spec is not None and port not in spec.ports:
        raise ctx.error(
            f"a {spec.type} cannot use {port!r}", "events", i, "port", ", ".join(spec.ports)
        )
    if occupied.get(port, name) != name:
        raise ctx.error(
            f"port {port!r} is taken by {occupied[port]!r} when {name!r} {verb}",
            "events",
            i,
            "port",
            "a free port: " + (", ".join(sorted(set(ports) - set(occupied))) or "none"),
        )
    return port


def _check_timeline(ctx: _Ctx, events: list[Event], sc: Scenario) -> None:
    """Walk the timeline without physics: ports, vehicles, tanks, modules, owners."""
    types = vehicle_types()
    ports = all_ports(sc.station)
    occupied = {v.port: v.name for v in sc.station.vehicles}
    docked = {v.name: v.port for v in sc.station.vehicles}
    type_of = {v.name: v.type for v in sc.station.vehicles}
    tank_cap = {t.name: t.capacity_kg for t in sc.station.tanks}
    modules = {m.name for m in sc.station.modules}
    for ev in events:
        i, f = ev.index, ev.fields
        if ev.type == "arrival":
            vt = _string(ctx, f, "vehicle", "events", i, choices=tuple(types))
            spec = types[vt]
            name = _string(ctx, f, "name", "events", i)
            port = _free_port(ctx, f, i, ports, occupied, name, spec, "arrives")
            if name in docked:
                raise ctx.error(
                    f"{name!r} is already docked", "events", i, "name", "a name not in use"
                )
            cargo = _number(ctx, f, "cargo_kg", "events", i, lo=0, hi=spec.cargo_capacity_kg)
            supplies = sum(
                _number(ctx, f, k, "events", i, lo=0, default=0.0)
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
                cap = 0.0 if dt is None else dt.capacity_kg
                if dt is None:
                    raise ctx.error(
                        f"a {vt} carries no listed propellant tank",
                        "events",
                        i,
                        "propellant_kg",
                        "leave it out",
                    )
                _number(ctx, f, "propellant_kg", "events", i, lo=0, hi=cap)
            _number(ctx, f, "crew", "events", i, lo=0, hi=spec.crew_seats)
            occupied[port] = name
            docked[name] = port
            type_of[name] = vt
            for ts in spec.tanks:
                tank_cap[f"{name} {ts.name}"] = ts.capacity_kg
        elif ev.type == "departure":
            name = _docked_name(ctx, f, i, docked)
            _number(ctx, f, "crew", "events", i, lo=0, hi=20)
            occupied.pop(docked.pop(name), None)
        elif ev.type == "relocation":
            name = _docked_name(ctx, f, i, docked)
            spec = types.get(type_of.get(name, ""))
            port = _free_port(ctx, f, i, ports, occupied, name, spec, "moves there")
            occupied.pop(docked[name], None)
            occupied[port] = name
            docked[name] = port
        elif ev.type == "transfer":
            src = _string(ctx, f, "from", "events", i)
            dst = _string(ctx, f, "to", "events", i)
            kg = _number(ctx, f, "kg", "events", i, lo=0)
            known = tuple(sorted(tank_cap))
            if src not in tank_cap:
                raise ctx.error(
                    f"no tank {src!r}{suggest(src, known)}", "events", i, "from", ", ".join(known)
                )
            if dst not in tank_cap:
                raise ctx.error(
                    f"no tank {dst!r}{suggest(dst, known)}", "events", i, "to", ", ".join(known)
                )
            if kg > tank_cap[dst]:
                raise ctx.error(
                    f"{kg:g} kg is larger than the tank {dst!r}",
                    "events",
                    i,
                    "kg",
                    f"0 .. {tank_cap[dst]:g} kg (its capacity)",
                )
            if kg > tank_cap[src]:
                raise ctx.error(
                    f"{kg:g} kg is larger than the tank {src!r}",
                    "events",
                    i,
                    "kg",
                    f"0 .. {tank_cap[src]:g} kg (its capacity)",
                )
        elif ev.type == "burn":
            has = [k for k in ("dv_mps", "delta_altitude_km") if k in f]
            if len(has) != 1:
                raise ctx.error(
                    "give exactly one of dv_mps, delta_altitude_km",
                    "events",
                    i,
                    None,
                    "dv_mps or delta_altitude_km",
                )
            _number(ctx, f, has[0], "events", i, lo=-200, hi=200)
            _strings(ctx, f, "engines", "events", i)
        elif ev.type == "reboost_policy":
            sub = {k: v for k, v in f.items() if k in TABLE_KEYS["reboost"]}
            _policy(ctx, sub, "events", sc.policy, i)
        elif ev.type == "partner_exit":
            _string(ctx, f, "owner", "events", i, choices=OWNERS)
            stops = _strings(ctx, f, "stops", "events", i) or SERVICES
            for s in stops:
                if s not in SERVICES:
                    raise ctx.error(
                        f"unknown service {s!r}", "events", i, "stops", ", ".join(SERVICES)
                    )
        elif ev.type == "separation":
            mods = _strings(ctx, f, "modules", "events", i)
            seg = _string(ctx, f, "segment", "events", i, choices=SEGMENTS)
            if (mods is None) == (seg is None):
                raise ctx.error(
                    "give exactly one of modules, segment",
                    "events",
                    i,
                    None,
                    "modules = [...] or segment = " + " | ".join(SEGMENTS),
                )
            for m in mods or ():
                if m not in modules:
                    raise ctx.error(
                        f"no module {m!r}{suggest(m, modules)}",
                        "events",
                        i,
                        "modules",
                        ", ".join(sorted(modules)),
                    )
            _number(ctx, f, "drag_area_m2", "events", i, lo=1, hi=sc.station.drag_area_m2)
            _string(ctx, f, "name", "events", i)
