"""A partner stops providing a service from a date: its vehicles, engines, propellant, crew.

* ``vehicles``: later arrivals of vehicles it owns or flies for are cancelled (logged);
* ``engines``: engines it owns no longer burn (reboost or attitude);
* ``propellant``: tanks holding its propellant are no longer drawn from;
* ``crew``: its crew vehicles leave at once with the crew they carry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stationkeeper.station.model import Station

SERVICES: tuple[str, ...] = ("vehicles", "engines", "propellant", "crew")


@dataclass
class Exits:
    """Which owners stopped which services (mutable, one per scenario run)."""

    stopped: dict[str, set[str]] = field(default_factory=lambda: {s: set() for s in SERVICES})

    def stop(self, owner: str, services) -> None:
        for s in services:
            self.stopped[s].add(owner)

    def owners(self, service: str) -> set[str]:
        return self.stopped[service]

    def arrival_allowed(self, owner: str, partner: str) -> bool:
        s = self.stopped["vehicles"]
        return owner not in s and partner not in s


def crew_vehicles_of(station: Station, owner: str) -> list[str]:
    """Docked crew vehicles owned by or flying for ``owner``."""
    return [
        v.name
        for v in station.vehicles
        if v.crew_seats > 0 and (v.owner == owner or v.partner == owner)
    ]
