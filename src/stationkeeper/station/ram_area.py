"""Ram (frontal) area of each element, from published dimensions: how drag area splits.

The station's drag area is one number (NASA TOPO's, or one fitted to TLEs). When the station
splits (:mod:`stationkeeper.ops.separation`), each part needs its own; this module estimates
each element's silhouette along the velocity vector in the usual +XVV attitude from module and
array dimensions (``data/ram_areas.toml``, which states the rules and a source per entry) and
gives the share a set of elements holds.

>>> from stationkeeper.station import load_station
>>> iss = load_station()
>>> round(ram_area_share(iss, [m.name for m in iss.modules if m.segment == "russian"]
...                      + ["Soyuz MS-19", "Progress MS-18", "Progress MS-19"]), 2)
0.09
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable

from stationkeeper.data import data_path
from stationkeeper.station.model import Station

RADIAL_PORT_WORDS = ("zenith", "nadir")
"""Ports whose vehicles stand out of the stack (side-on to the flow); others are in-line."""


@functools.cache
def _table() -> tuple[dict[str, float], dict[str, float]]:
    doc = tomllib.loads(data_path("ram_areas.toml").read_text(encoding="utf-8"))
    modules = {d["name"]: float(d["ram_area_m2"]) for d in doc["modules"]}
    vehicles = {d["type"]: float(d["side_area_m2"]) for d in doc["vehicles"]}
    return modules, vehicles


def element_ram_areas_m2(station: Station) -> dict[str, float]:
    """Ram area by host name (modules and docked vehicles), m². Elements the table does not
    know (a user's own station file) are left out."""
    modules, vehicles = _table()
    out = {m.name: modules[m.name] for m in station.modules if m.name in modules}
    for v in station.vehicles:
        radial = any(w in v.port.lower() for w in RADIAL_PORT_WORDS)
        if v.type in vehicles:
            out[v.name] = vehicles[v.type] if radial else 0.0
    return out


def ram_area_share(station: Station, hosts: Iterable[str]) -> float | None:
    """Fraction of the station's summed ram area held by ``hosts``; None when the table knows
    none of the station's modules (then callers fall back to another rule)."""
    areas = element_ram_areas_m2(station)
    if not any(m.name in areas for m in station.modules):
        return None
    total = sum(areas.values())
    if total <= 0:
        return None
    return sum(areas.get(h, 0.0) for h in hosts) / total
