"""Segment separation: split one station into two, each with its own modules, docked vehicles,
tanks and engines, and say what each part lost.

The station's drag area is one number; the leaving part's share of it is given by the scenario
or, by default, its share of the summed ram areas of the elements
(:mod:`stationkeeper.station.ram_area`, from published dimensions); for a station file whose
modules that table does not know, pro rata to mass. The summary states which rule was used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from stationkeeper.station.model import Station
from stationkeeper.station.ram_area import ram_area_share

CMG_MODULE_HINT = "Z1"
"""The four US control-moment gyroscopes sit on the Z1 truss (iss_facts §3)."""


def _keep(station: Station, hosts: Iterable[str], name: str) -> Station:
    return replace(station.keep_hosts(hosts), name=name, mass_override_kg=None)


def leaving_hosts(station: Station, modules: Iterable[str]) -> list[str]:
    """The named modules plus the vehicles docked at their ports."""
    mods = set(modules)
    hosts = [m.name for m in station.modules if m.name in mods]
    ports = {p for m in station.modules if m.name in mods for p in m.port_names}
    hosts += [v.name for v in station.vehicles if v.port in ports]
    return hosts


def split(
    station: Station,
    modules: Iterable[str],
    leaving_name: str,
    *,
    leaving_area_m2: float | None = None,
) -> tuple[Station, Station, dict]:
    """(remaining, leaving, notes). Cd is kept for both; areas as given, else by ram-area
    share (published dimensions), else pro rata to mass."""
    mods = list(modules)
    out = set(leaving_hosts(station, mods))
    stay = [m.name for m in station.modules if m.name not in out]
    stay += [v.name for v in station.vehicles if v.name not in out]
    remaining = _keep(station, stay, station.name)
    leaving = _keep(station, out, leaving_name)
    total = station.itemised_mass_kg
    note = "given by the scenario"
    if leaving_area_m2 is None:
        share = ram_area_share(station, out)
        if share is not None:
            leaving_area_m2 = station.drag_area_m2 * share
            note = (
                f"{share:.1%} to {leaving_name} by ram area from published dimensions "
                "(data/ram_areas.toml)"
            )
        else:
            leaving_area_m2 = station.drag_area_m2 * leaving.itemised_mass_kg / total
            note = "pro rata to mass (no ram areas for this station's modules)"
    leaving_area_m2 = min(max(leaving_area_m2, 1.0), station.drag_area_m2 - 1.0)
    remaining = replace(remaining, drag_area_m2=station.drag_area_m2 - leaving_area_m2)
    leaving = replace(leaving, drag_area_m2=leaving_area_m2)
    return remaining, leaving, {"area_split": note}


def capabilities(station: Station) -> dict:
    """What a station can do on its own (for the separation summary)."""
    reboost = station.engines_by_role("reboost")
    attitude = station.engines_by_role("attitude")
    return {
        "mass_kg": station.total_mass_kg,
        "drag_area_m2": station.drag_area_m2,
        "ballistic_coefficient_kg_m2": station.ballistic_coefficient_kg_m2,
        "modules": len(station.modules),
        "vehicles": [v.name for v in station.vehicles],
        "reboost_engines": [e.name for e in reboost],
        "attitude_thrusters": [e.name for e in attitude],
        "control_moment_gyroscopes": any(CMG_MODULE_HINT in m.name for m in station.modules),
        "propellant_kg": station.propellant_kg,
        "crew_seats": station.crew_seats,
        "solar_arrays": any("solar" in m.name.lower() for m in station.modules),
    }


def losses(before: Station, after: Station) -> dict:
    """What ``after`` no longer has compared with ``before`` (lists and amounts)."""
    b, a = capabilities(before), capabilities(after)
    lost = {
        "mass_kg": b["mass_kg"] - a["mass_kg"],
        "propellant_kg": b["propellant_kg"] - a["propellant_kg"],
        "reboost_engines": [e for e in b["reboost_engines"] if e not in a["reboost_engines"]],
        "attitude_thrusters": [
            e for e in b["attitude_thrusters"] if e not in a["attitude_thrusters"]
        ],
        "vehicles": [v for v in b["vehicles"] if v not in a["vehicles"]],
        "crew_seats": b["crew_seats"] - a["crew_seats"],
    }
    words = []
    if b["reboost_engines"] and not a["reboost_engines"]:
        words.append("all reboost propulsion")
    if b["attitude_thrusters"] and not a["attitude_thrusters"]:
        words.append(
            "attitude thrusters (CMGs only, until they saturate)"
            if a["control_moment_gyroscopes"]
            else "all attitude control"
        )
    if b["control_moment_gyroscopes"] and not a["control_moment_gyroscopes"]:
        words.append("the control-moment gyroscopes")
    if b["solar_arrays"] and not a["solar_arrays"]:
        words.append("the main solar arrays")
    if b["propellant_kg"] > 0 and a["propellant_kg"] <= 0:
        words.append("all propellant")
    lost["summary"] = ", ".join(words) or "no key capability"
    return lost
