"""Limits that end a what-if: a docked vehicle's life, and the power a part loses at a split.

Docked life (how long a vehicle may stay docked before it must undock):

* **Soyuz MS: 200-210 days** (Soyuz MS articles; nasaspaceflight 2021; iss_facts §4). The
  model uses the upper end, :data:`DOCKED_LIFE_DAYS` ``["Soyuz MS"] = 210``: a Soyuz docked
  longer no longer counts as a lifeboat (the crew are in breach of the lifeboat rule).
* **Progress MS: 365 days, an assumption** -- the project's sources give no docked-life
  figure for Progress; stays of about six months are usual. Effect: a Progress still docked a
  year after it docked undocks then, taking its tanks (and what is left in them) with it; a
  longer true limit would keep its propellant on the station for longer.

Other types have no docked-life limit in the model (Dragon, Cygnus, HTV: their stays are set
by the scenario's departures).

Power: the US segment's arrays give most of the station's power (75-120 kW; the Russian
segment depends on US power, iss_facts §1 and §3). A part that leaves without the main arrays
has lost its main power (:func:`power_lost`); the model does not simulate power, so this is
a reported limit: life support and crew stay as they were (an assumption, said in the log).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from stationkeeper.station.model import Station, Vehicle

DOCKED_LIFE_DAYS: dict[str, float] = {"Soyuz MS": 210.0, "Progress MS": 365.0}
"""Days a vehicle type may stay docked (Soyuz MS sourced, Progress MS assumed: see above)."""

DOCKED_LIFE_SOURCE: dict[str, str] = {
    "Soyuz MS": "200-210 days (iss_facts §4)",
    "Progress MS": "assumption: 365 days (no published figure in the sources)",
}

MAIN_ARRAY_HINT = "solar arrays"
"""The US segment's main arrays are the truss modules named '... + solar arrays'."""


def _as_date(t: date | datetime) -> date:
    return t.date() if isinstance(t, datetime) else t


def docked_life_end(vehicle: Vehicle) -> date | None:
    """The last day ``vehicle`` may stay docked (None: no limit known, or no docking date)."""
    days = DOCKED_LIFE_DAYS.get(vehicle.type)
    if days is None or vehicle.docked_date is None:
        return None
    return vehicle.docked_date + timedelta(days=days)


def expired(vehicle: Vehicle, t: date | datetime) -> bool:
    """True once ``vehicle``'s docked life is over at ``t``."""
    end = docked_life_end(vehicle)
    return end is not None and _as_date(t) >= end


def expired_vehicles(station: Station, t: date | datetime) -> list[Vehicle]:
    """The docked vehicles whose docked life is over at ``t``."""
    return [v for v in station.vehicles if expired(v, t)]


def has_main_arrays(station: Station) -> bool:
    """Whether the station still has the US segment's main solar arrays."""
    return any(MAIN_ARRAY_HINT in m.name.lower() for m in station.modules)


def power_lost(before: Station, after: Station) -> bool:
    """True when ``after`` (a part of ``before``) has lost the main solar arrays."""
    return has_main_arrays(before) and not has_main_arrays(after)
