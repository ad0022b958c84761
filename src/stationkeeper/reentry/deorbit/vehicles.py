"""The deorbit vehicles (``vehicles_deorbit.toml``) and the stack they push (``station.toml``).

The stack is the station model without its visiting vehicles: its modules and the
propellant in their tanks (419,725 kg for the shipped ISS), with the model's Cd and drag
area.  ``vehicles_deorbit.toml`` adds what the station model does not hold: the orbit's
inclination and, per vehicle, thrust, Isp, usable propellant, dry mass and engine
burn limit, each with its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stationkeeper.constants import G0_M_S2
from stationkeeper.data import data_path
from stationkeeper.errors import InputError
from stationkeeper.station import Station, load_station
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
    try:
        stack = station_stack(station if station is not None else load_station(), doc["station"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"[station]: {exc}", file=str(p), field="station") from exc
    return stack, vehicles
