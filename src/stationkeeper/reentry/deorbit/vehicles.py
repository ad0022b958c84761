"""The deorbit vehicles (``vehicles_deorbit.toml``) and the stack they push (``station.toml``).

The stack is the station model without its visiting vehicles: its modules and the
propellant in their tanks (419,725 kg for the shipped ISS), with the model's Cd and drag
area.  ``vehicles_deorbit.toml`` adds what the station model does not hold: the orbit's
inclination and, per vehicle, thrust, Isp, usable propellant, dry mass and engine
burn limit, each with its source; for a vehicle that docks at the Russian segment (Progress)
also the ports that take it (:mod:`.ports`), how its propellant splits between its own
engines and the refuelling load it passes on, and the station engine (Zvezda's main
engines, with the tanks they draw in ``station.toml``) that burns the station's tanks.
:func:`deorbit_fleet` turns a request (vehicle x count) into the engines that burn, in
order, and the propellant each can reach.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from stationkeeper.constants import G0_M_S2
from stationkeeper.data import data_path
from stationkeeper.errors import InputError
from stationkeeper.reentry.deorbit.ports import Port, assign_ports, load_ports
from stationkeeper.station import Station, load_station
from stationkeeper.station.model import Engine, Tank
from stationkeeper.tomlfile import read_toml

VEHICLES_FILE = "vehicles_deorbit.toml"


@dataclass(frozen=True)
class DeorbitVehicle:
    """One deorbit vehicle: its engines (all together), propellant and dry mass."""

    key: str
    name: str
    thrust_n: float  # all engines together
    isp_s: float
    usable_propellant_kg: float
    dry_mass_kg: float
    max_burn_total_s: float  # 0 = no limit
    sources: dict
    owner: str = ""
    own_propellant_kg: float = 0.0  # for its own engines (with a transfer load)
    transfer_propellant_kg: float = 0.0  # refuelling load passed on to the station's tanks
    ports: tuple[str, ...] = ()  # the ports that take it (none listed: no port limit)
    station_engine: str = ""  # the station engine that burns the station's tanks

    @property
    def exhaust_velocity_m_s(self) -> float:
        """Effective exhaust velocity Isp g0, m/s."""
        return self.isp_s * G0_M_S2

    @property
    def mass_flow_kg_s(self) -> float:
        """Propellant flow at full thrust, kg/s."""
        return self.thrust_n / self.exhaust_velocity_m_s

    @property
    def wet_mass_kg(self) -> float:
        """Dry mass plus usable propellant, kg."""
        return self.dry_mass_kg + self.usable_propellant_kg


@dataclass(frozen=True)
class DeorbitStack:
    """The station the deorbit vehicles push (without the vehicles themselves)."""

    name: str
    mass_kg: float
    cd: float
    drag_area_m2: float
    inclination_deg: float
    mass_source: str
    ports: dict = field(default_factory=dict)  # name -> Port
    engines: tuple[Engine, ...] = ()  # the station's own (module-hosted)
    tanks: tuple[Tank, ...] = ()

    def ballistic_coefficient_kg_m2(self, mass_kg: float) -> float:
        """m / (Cd A) of the stack's shape at ``mass_kg`` (kg) in kg/m^2."""
        return mass_kg / (self.cd * self.drag_area_m2)


def station_stack(station: Station, orbit: dict) -> DeorbitStack:
    """The stack of ``station``: its modules and their tanks, no visiting vehicles.

    Parameters
    ----------
    station : Station
        The station model (mass kg, Cd, drag area m^2).
    orbit : dict
        The ``[station]`` table of ``vehicles_deorbit.toml``: ``inclination_deg`` (deg),
        ``mass_source`` (citation of the stack mass).
    """
    alone = station.keep_hosts([m.name for m in station.modules])
    return DeorbitStack(
        name=str(orbit.get("name", station.name)),
        mass_kg=alone.total_mass_kg,
        cd=station.cd,
        drag_area_m2=station.drag_area_m2,
        inclination_deg=float(orbit["inclination_deg"]),
        mass_source=str(orbit.get("mass_source", station.source)),
        engines=alone.engines,
        tanks=alone.tanks,
    )


def load_vehicles(
    path: str | Path | None = None, station: Station | None = None
) -> tuple[DeorbitStack, dict[str, DeorbitVehicle]]:
    """The stack and the deorbit vehicles.

    Parameters
    ----------
    path : path, optional
        A vehicles file (default: the shipped ``vehicles_deorbit.toml``).
    station : Station, optional
        The station model (default: the shipped ``station.toml``).

    Returns
    -------
    (DeorbitStack, {key: DeorbitVehicle})
    """
    p = Path(path) if path is not None else data_path(VEHICLES_FILE)
    doc, _ = read_toml(p, "deorbit vehicles file")
    vehicles = {}
    for key, v in doc.get("vehicles", {}).items():
        try:
            vehicles[key] = DeorbitVehicle(
                key,
                str(v["name"]),
                float(v["engine_count"]) * float(v["thrust_per_engine_n"]),
                float(v["isp_s"]),
                float(v["usable_propellant_kg"]),
                float(v["dry_mass_kg"]),
                float(v.get("max_burn_total_s", 0.0)),
                {k: v[k] for k in v if k.endswith("_source")},
                str(v.get("owner", "")),
                float(v.get("own_propellant_kg", 0.0)),
                float(v.get("transfer_propellant_kg", 0.0)),
                tuple(str(n) for n in v.get("ports", ())),
                str(v.get("station_engine", "")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(
                f"vehicle {key!r}: {exc}", file=str(p), field=f"vehicles.{key}"
            ) from exc
        if (
            min(vehicles[key].thrust_n, vehicles[key].isp_s, vehicles[key].usable_propellant_kg)
            <= 0
        ):
            raise InputError("thrust, Isp and propellant must be > 0", file=str(p), field=key)
        split = vehicles[key].own_propellant_kg + vehicles[key].transfer_propellant_kg
        if split and abs(split - vehicles[key].usable_propellant_kg) > 1e-6:
            raise InputError(
                f"own_propellant_kg + transfer_propellant_kg = {split:g}, not "
                f"usable_propellant_kg = {vehicles[key].usable_propellant_kg:g}",
                file=str(p),
                field=f"vehicles.{key}",
                allowed="a split of the usable propellant",
            )
    iss = station if station is not None else load_station()
    try:
        stack = station_stack(iss, doc["station"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"[station]: {exc}", file=str(p), field="station") from exc
    stack = replace(stack, ports=load_ports(doc.get("ports", {}), iss, str(p)))
    for key, v in vehicles.items():
        if v.station_engine and v.station_engine not in {e.name for e in stack.engines}:
            raise InputError(
                f"vehicle {key!r}: the station has no engine {v.station_engine!r}",
                file=str(p),
                field=f"vehicles.{key}.station_engine",
                allowed=", ".join(e.name for e in stack.engines),
            )
    return stack, vehicles


@dataclass
class Fleet:
    """What a request (vehicle x count) puts to work: the engines that burn, in order."""

    burners: list[DeorbitVehicle]  # burning order; each burns its usable propellant
    vehicles_mass_kg: float  # wet mass the vehicles add to the stack
    docked: list[tuple[str, Port | None]]  # (vehicle, port) per vehicle
    transferred_kg: float  # refuelling loads moved into the station's tanks
    carried_kg: float  # vehicle propellant aboard that no engine can use
    station_tanks: tuple[Tank, ...] = ()  # the tanks the station engine draws, in order
    station_engine: Engine | None = None


def deorbit_fleet(vehicle: DeorbitVehicle, count: int, stack: DeorbitStack) -> Fleet:
    """The engines ``count`` x ``vehicle`` and the station bring to the deorbit.

    A vehicle without ports or station engine (USDV) burns its own usable propellant, one
    after the other.  A vehicle with ports (Progress) docks at them all at once
    (:func:`~.ports.assign_ports`; more than the ports take is refused): at an along-axis
    port its own engines burn its ``own_propellant_kg``; at a transfer port its
    ``transfer_propellant_kg`` goes into the station's tanks; the rest stays aboard, carried.
    Then the station engine (Zvezda's main engines) burns the station's tanks -- their fill in
    ``station.toml`` plus the transfers -- for the rest of the burns, the final ones included.
    """
    wet = count * vehicle.wet_mass_kg
    if not vehicle.ports and not vehicle.station_engine:
        return Fleet([vehicle] * count, wet, [(vehicle.name, None)] * count, 0.0, 0.0)
    assigned = assign_ports(vehicle.name, count, vehicle.ports, stack.ports)
    burners, moved, carried = [], 0.0, 0.0
    own = vehicle.own_propellant_kg or vehicle.usable_propellant_kg
    for k, port in enumerate(assigned):
        if port.along_axis:
            burners.append(
                replace(
                    vehicle,
                    name=f"{vehicle.name} #{k + 1} at {port.name}",
                    usable_propellant_kg=own,
                )
            )
        else:
            carried += own
        if port.transfer:
            moved += vehicle.transfer_propellant_kg
        else:
            carried += vehicle.transfer_propellant_kg
    engine = next(e for e in stack.engines if e.name == vehicle.station_engine)
    tanks = tuple(t for name in engine.feeds for t in stack.tanks if t.name == name)
    burners.append(
        DeorbitVehicle(
            key=engine.name,
            name=engine.name,
            thrust_n=engine.total_thrust_n,
            isp_s=engine.isp_s,
            usable_propellant_kg=sum(t.fill_kg for t in tanks) + moved,
            dry_mass_kg=0.0,  # part of the stack
            max_burn_total_s=0.0,  # "no firm burn-time limit" (iss_facts s2)
            sources={"engine_source": engine.source},
            owner=engine.owner,
        )
    )
    docked = [(f"{vehicle.name} #{k + 1}", port) for k, port in enumerate(assigned)]
    return Fleet(burners, wet, docked, moved, carried, tanks, engine)
