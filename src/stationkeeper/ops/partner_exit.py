"""A partner stops providing a service from a date: its vehicles, engines, propellant, crew,
and the rocket engines other partners' launchers need.

* ``vehicles``: later arrivals of vehicles it owns or flies for are cancelled (logged);
* ``engines``: engines it owns no longer burn (reboost or attitude);
* ``propellant``: tanks holding its propellant are no longer drawn from;
* ``crew``: its crew vehicles leave at once with the crew they carry;
* ``engine_deliveries``: the rocket engines it supplies (RD-181 for Antares 230+,
  ``data/vehicles.toml`` ``[[engine_supplies]]``) stop; the launchers that need them fly
  until the stock in hand runs out, then are grounded: a vehicle flies on its next launcher
  when that one's period has begun, else its arrival is cancelled (the gap).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from stationkeeper.ops.capabilities import EngineSupply, Launcher
from stationkeeper.station.model import Station

SERVICES: tuple[str, ...] = ("vehicles", "engines", "propellant", "crew", "engine_deliveries")


@dataclass
class Grounding:
    """A launcher grounded for want of an engine: since when, the flights it could not fly,
    and the launcher that replaces it (None: none listed) from its first date."""

    launcher: str
    engine: str
    since: date
    last_flight: str | None
    replacement: str | None = None
    replacement_from: date | None = None
    cancelled: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        gap = None
        if self.replacement_from is not None:
            gap = max((self.replacement_from - self.since).days, 0)
        return {
            "launcher": self.launcher,
            "engine": self.engine,
            "grounded_from": self.since.isoformat(),
            "last_flight": self.last_flight,
            "replacement": self.replacement,
            "replacement_from": None
            if self.replacement_from is None
            else str(self.replacement_from),
            "gap_days": gap,
            "cancelled": self.cancelled,
            "moved_to_replacement": self.moved,
        }


@dataclass
class Exits:
    """Which owners stopped which services (mutable, one per scenario run); for stopped
    engine deliveries the engines left (``engine_stock``) and the launchers grounded."""

    stopped: dict[str, set[str]] = field(default_factory=lambda: {s: set() for s in SERVICES})
    engine_stock: dict[str, int] = field(default_factory=dict)
    stock_notes: list[dict] = field(default_factory=list)
    grounded: dict[str, Grounding] = field(default_factory=dict)

    def stop(self, owner: str, services) -> None:
        for s in services:
            self.stopped[s].add(owner)

    def stop_engine_deliveries(
        self, when: date, supplies: list[EngineSupply], stock: int | None = None
    ) -> list[str]:
        """Stop the deliveries of ``supplies`` on ``when`` with ``stock`` engines in hand
        (None: each supply's sourced stock); one sentence per engine."""
        out = []
        for s in supplies:
            if s.engine in self.engine_stock:
                continue
            n = s.stock if stock is None else int(stock)
            self.engine_stock[s.engine] = n
            src = s.stock_source if stock is None else "the scenario's engine_stock"
            self.stock_notes.append(
                {"engine": s.engine, "supplier": s.supplier, "date": when.isoformat(),
                 "stock": n, "stock_source": src}
            )  # fmt: skip
            out.append(f"{s.engine} deliveries stop; {n} in hand ({src})")
        return out

    def take_engines(self, launcher: Launcher) -> bool:
        """Use the engines of one flight of ``launcher``: False if deliveries stopped and
        too few are left (the flight cannot fly)."""
        need, eng = launcher.engines_per_flight, launcher.engine
        if eng is None or need <= 0 or eng not in self.engine_stock:
            return True
        if launcher.name in self.grounded or self.engine_stock[eng] < need:
            return False
        self.engine_stock[eng] -= need
        return True

    def runs_out(self, launcher: Launcher) -> bool:
        """Whether ``launcher`` cannot fly again (its engines stopped and too few are left)."""
        eng = launcher.engine
        return (
            eng is not None
            and eng in self.engine_stock
            and self.engine_stock[eng] < launcher.engines_per_flight
        )

    def ground(
        self,
        launcher: Launcher,
        since: date,
        last_flight: str | None,
        replacement: Launcher | None,
    ) -> Grounding:
        """Record ``launcher`` grounded from ``since`` (once)."""
        if launcher.name not in self.grounded:
            self.grounded[launcher.name] = Grounding(
                launcher.name,
                launcher.engine or "",
                since,
                last_flight,
                None if replacement is None else replacement.name,
                None if replacement is None else replacement.period.first,
            )
        return self.grounded[launcher.name]

    def owners(self, service: str) -> set[str]:
        return self.stopped[service]

    def arrival_allowed(self, owner: str, partner: str) -> bool:
        s = self.stopped["vehicles"]
        return owner not in s and partner not in s


def replacement_for(launchers: tuple[Launcher, ...], grounded: Launcher) -> Launcher | None:
    """The launcher that replaces ``grounded``: the first one that starts after it started
    and needs no engine of the same kind."""
    later = [
        la
        for la in launchers
        if la.period.first > grounded.period.first and la.engine != grounded.engine
    ]
    return min(later, key=lambda la: la.period.first, default=None)


def capability_report(log: list[dict], exits: Exits) -> dict:
    """The run's use of dated capabilities: what ran as assumed (outside its dates, from the
    event log), the engine deliveries stopped, the launchers grounded and their gap."""
    return {
        "assumed": [
            {"date": str(r["epoch_utc"]), "vehicle": r["name"], "what": r["detail"]}
            for r in log
            if r["type"] == "assumed"
        ],
        "engine_deliveries_stopped": exits.stock_notes,
        "engines_left": dict(exits.engine_stock),
        "launchers_grounded": [g.as_dict() for g in exits.grounded.values()],
    }


def crew_vehicles_of(station: Station, owner: str) -> list[str]:
    """Docked crew vehicles owned by or flying for ``owner``."""
    return [
        v.name
        for v in station.vehicles
        if v.crew_seats > 0 and (v.owner == owner or v.partner == owner)
    ]
