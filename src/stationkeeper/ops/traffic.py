"""Visiting vehicles: types from ``data/vehicles.toml`` with their dated capabilities
(:mod:`.capabilities`), docking ports as a resource, arrivals and departures, and the lifeboat
rule (seats in docked crew vehicles ≥ crew aboard)."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, replace
from datetime import date

from stationkeeper.data import data_path
from stationkeeper.errors import InputError
from stationkeeper.ops import capabilities as caps
from stationkeeper.station.model import Engine, Station, Tank, Vehicle


@dataclass(frozen=True)
class TankSpec:
    name: str
    capacity_kg: float
    default_fill_kg: float
    delivery: bool
    source: str


@dataclass(frozen=True)
class EngineSpec:
    name: str
    role: str
    count: int
    thrust_n: float
    isp_s: float
    feeds: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class VehicleType:
    """A kind of visiting vehicle (Soyuz MS, Progress MS, Cygnus...)."""

    type: str
    owner: str
    partner: str
    crew_seats: int
    dry_mass_kg: float
    cargo_capacity_kg: float
    ports: tuple[str, ...]
    tanks: tuple[TankSpec, ...]
    engines: tuple[EngineSpec, ...]
    source: str
    period: caps.Period = caps.Period(None, None, "")
    capabilities: tuple[caps.Capability, ...] = ()
    launchers: tuple[caps.Launcher, ...] = ()

    def problems(self, when: date, *, reboost: bool, launcher: str | None = None) -> list[str]:
        """What an arrival on ``when`` would use outside its dates (see
        :func:`.capabilities.problems`)."""
        return caps.problems(
            self.type,
            self.period,
            self.capabilities,
            self.launchers,
            when,
            reboost=reboost,
            launcher=launcher,
        )

    def can_reboost(self, when: date) -> bool:
        """Whether an arrival on ``when`` brings the type's reboost capability."""
        return caps.has_capability(self.capabilities, "reboost", when)

    def launcher_for(self, when: date, name: str | None = None) -> caps.Launcher | None:
        """The launcher of an arrival on ``when`` (the named one, the one of the period, or
        for an assumed arrival outside every period the last one flown before it)."""
        la = caps.launcher_on(self.launchers, when, name)
        return la if la is not None else caps.launcher_assumed(self.launchers, when)

    @property
    def delivery_tank(self) -> TankSpec | None:
        for t in self.tanks:
            if t.delivery:
                return t
        return None


@functools.cache
def vehicle_types() -> dict[str, VehicleType]:
    """The shipped vehicle types, by type name."""
    doc = tomllib.loads(data_path("vehicles.toml").read_text(encoding="utf-8"))
    out = {}
    for d in doc["types"]:
        out[d["type"]] = VehicleType(
            type=d["type"],
            owner=d["owner"],
            partner=d["partner"],
            crew_seats=int(d["crew_seats"]),
            dry_mass_kg=float(d["dry_mass_kg"]),
            cargo_capacity_kg=float(d["cargo_capacity_kg"]),
            ports=tuple(d["ports"]),
            tanks=tuple(
                TankSpec(
                    t["name"],
                    float(t["capacity_kg"]),
                    float(t["default_fill_kg"]),
                    bool(t["delivery"]),
                    t["source"],
                )
                for t in d.get("tanks", [])
            ),
            engines=tuple(
                EngineSpec(
                    e["name"],
                    e["role"],
                    int(e["count"]),
                    float(e["thrust_n"]),
                    float(e["isp_s"]),
                    tuple(e["feeds"]),
                    e["source"],
                )
                for e in d.get("engines", [])
            ),
            source=d["source"],
            period=caps.period_of(d),
            capabilities=tuple(caps.capability_of(c) for c in d.get("capabilities", [])),
            launchers=tuple(caps.launcher_of(la) for la in d.get("launchers", [])),
        )
    return out


@functools.cache
def engine_supplies() -> dict[str, caps.EngineSupply]:
    """The rocket engines launchers need from a partner, by engine (RD-181)."""
    doc = tomllib.loads(data_path("vehicles.toml").read_text(encoding="utf-8"))
    return {d["engine"]: caps.supply_of(d) for d in doc.get("engine_supplies", [])}


def reboost_loads(kg: float, types: tuple[str, ...] = ("Cargo Dragon", "Cygnus")) -> dict:
    """How many full reboost loads of each vehicle type ``kg`` of propellant is: type ->
    (loads, kg per load). A load is a full delivery tank (Cargo Dragon boost trunk 1,400 kg,
    Cygnus 800 kg); data/vehicles.toml has the figures, their sources and which are
    assumptions."""
    out = {}
    vt = vehicle_types()
    for name in types:
        tank = vt[name].delivery_tank
        if tank is None:
            continue
        out[name] = (kg / tank.capacity_kg, tank.capacity_kg)
    return out


def all_ports(station: Station) -> dict[str, str]:
    """Full port name -> segment of its module."""
    return {p: m.segment for m in station.modules for p in m.port_names}


def port_occupant(station: Station, port: str) -> str | None:
    for v in station.vehicles:
        if v.port == port:
            return v.name
    return None


def make_vehicle(
    station: Station,
    vtype: VehicleType,
    name: str,
    port: str,
    *,
    cargo_kg: float = 0.0,
    propellant_kg: float | None = None,
    crew: int = 0,
    when: date | None = None,
) -> tuple[Vehicle, tuple[Tank, ...], tuple[Engine, ...]]:
    """The Vehicle, its Tanks and Engines as they dock at ``port`` (segment from the port)."""
    ports = all_ports(station)
    segment = ports[port]
    vehicle = Vehicle(
        name=name,
        type=vtype.type,
        owner=vtype.owner,
        partner=vtype.partner,
        port=port,
        segment=segment,
        mass_kg=vtype.dry_mass_kg + cargo_kg,
        crew_seats=vtype.crew_seats,
        crew_aboard=crew,
        docked_date=when,
        source=f"vehicles.toml type {vtype.type!r} (scenario arrival)",
    )
    tanks = []
    for ts in vtype.tanks:
        fill = ts.default_fill_kg
        if ts.delivery and propellant_kg is not None:
            fill = propellant_kg
        tanks.append(
            Tank(
                name=f"{name} {ts.name}",
                host=name,
                owner=vtype.owner,
                segment=segment,
                capacity_kg=ts.capacity_kg,
                fill_kg=fill,
                source=ts.source,
            )
        )
    engines = tuple(
        Engine(
            name=f"{name} {es.name}",
            host=name,
            owner=vtype.owner,
            segment=segment,
            role=es.role,
            count=es.count,
            thrust_n=es.thrust_n,
            isp_s=es.isp_s,
            feeds=tuple(f"{name} {f}" for f in es.feeds),
            source=es.source,
        )
        for es in vtype.engines
    )
    return vehicle, tuple(tanks), engines


def arrive(
    station: Station, vehicle: Vehicle, tanks: tuple[Tank, ...], engines: tuple[Engine, ...]
) -> Station:
    """Dock ``vehicle``: refuses an unknown or taken port (the error names both vehicles)."""
    ports = all_ports(station)
    if vehicle.port not in ports:
        raise InputError(
            f"no module has a port {vehicle.port!r}", field="port", allowed=", ".join(sorted(ports))
        )
    other = port_occupant(station, vehicle.port)
    if other is not None:
        free = sorted(set(ports) - {v.port for v in station.vehicles})
        raise InputError(
            f"{vehicle.name!r} cannot dock at {vehicle.port!r}: taken by {other!r}",
            field="port",
            allowed="a free port: " + (", ".join(free) or "none"),
        )
    if any(v.name == vehicle.name for v in station.vehicles):
        raise InputError(f"a vehicle named {vehicle.name!r} is already docked", field="name")
    return replace(
        station,
        vehicles=station.vehicles + (vehicle,),
        tanks=station.tanks + tanks,
        engines=station.engines + engines,
    )


def depart(station: Station, name: str) -> tuple[Station, Vehicle, dict[str, float]]:
    """Undock ``name``: returns the new station, the vehicle and the propellant leaving in its
    tanks (kg by tank)."""
    v = station.vehicle(name)
    leaving = {t.name: t.fill_kg for t in station.tanks if t.host == name}
    return station.without_vehicle(name), v, leaving


def relocate(station: Station, name: str, port: str) -> Station:
    """Move docked vehicle ``name`` to the free ``port`` (a Soyuz or Dragon port relocation).

    Its tanks and engines go with it and take the new port's segment. Refuses an unknown or
    taken port (the error names the occupant) and a vehicle that is not docked. The vehicle's
    own propellant for the short flight is in its dry mass (not tracked)."""
    if not any(v.name == name for v in station.vehicles):
        raise InputError(
            f"{name!r} is not docked",
            field="name",
            allowed=", ".join(v.name for v in station.vehicles) or "no vehicle is docked",
        )
    ports = all_ports(station)
    if port not in ports:
        raise InputError(
            f"no module has a port {port!r}", field="port", allowed=", ".join(sorted(ports))
        )
    other = port_occupant(station, port)
    if other is not None and other != name:
        free = sorted(set(ports) - {v.port for v in station.vehicles})
        raise InputError(
            f"{name!r} cannot move to {port!r}: taken by {other!r}",
            field="port",
            allowed="a free port: " + (", ".join(free) or "none"),
        )
    seg = ports[port]
    return replace(
        station,
        vehicles=tuple(
            replace(v, port=port, segment=seg) if v.name == name else v for v in station.vehicles
        ),
        tanks=tuple(replace(t, segment=seg) if t.host == name else t for t in station.tanks),
        engines=tuple(replace(e, segment=seg) if e.host == name else e for e in station.engines),
    )


def lifeboat_violation(station: Station, crew_aboard: int) -> str | None:
    """A message if the crew aboard outnumber the seats in docked crew vehicles."""
    seats = station.crew_seats
    if crew_aboard > seats:
        return f"lifeboat rule broken: {crew_aboard} crew aboard, {seats} seats in docked vehicles"
    return None
