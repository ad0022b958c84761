"""Propellant ledger: every kilogram by tank and owner, from start to end of a scenario.

The identity it keeps (checked by the tests after every event)::

    Σ tank fills (all bodies still flying) + spent + departed + reentered
        = initial + delivered

``spent`` is split by purpose (``reboost``, ``burn``, ``attitude``); ``departed`` is what left in
the tanks of undocking vehicles; ``reentered`` what was still in a body's tanks when it reentered.
A transfer between tanks moves propellant without changing any term.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from stationkeeper.station.model import Station

ON_DEMAND = "on demand"
"""Owner and tank name of the virtual propellant of ``ReboostPolicy.on_demand_isp_s``."""


@dataclass
class Ledger:
    """Running totals in kg; ``owner_of`` remembers each tank's owner (tanks can leave)."""

    initial: dict[str, float] = field(default_factory=dict)
    delivered: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    spent: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    departed: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    reentered: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    owner_of: dict[str, str] = field(default_factory=dict)
    spent_by_year: dict[tuple[int, str], float] = field(default_factory=lambda: defaultdict(float))
    warnings: list[tuple[datetime, str]] = field(default_factory=list)
    _dry: set[str] = field(default_factory=set)

    @classmethod
    def start(cls, station: Station) -> Ledger:
        led = cls()
        for t in station.tanks:
            led.initial[t.name] = t.fill_kg
            led.owner_of[t.name] = t.owner
        return led

    def deliver(self, station: Station, tank_names) -> None:
        """Record the fills of newly arrived tanks (already in ``station``) as delivered."""
        for n in tank_names:
            t = station.tank(n)
            self.owner_of[n] = t.owner
            self.delivered[n] += t.fill_kg

    def spend(self, when: datetime, by_tank: dict[str, float], purpose: str) -> None:
        for n, kg in by_tank.items():
            if kg <= 0:
                continue
            self.spent[(n, purpose)] += kg
            self.spent_by_year[(when.year, self.owner_of.get(n, "?"))] += kg

    def on_demand(self, when: datetime, kg: float, purpose: str) -> None:
        """Propellant that appears when needed and is burned at once (a what-would-it-take
        reboost): delivered and spent together, so every identity still holds."""
        if kg <= 0:
            return
        self.owner_of[ON_DEMAND] = ON_DEMAND
        self.delivered[ON_DEMAND] += kg
        self.spent[(ON_DEMAND, purpose)] += kg
        self.spent_by_year[(when.year, ON_DEMAND)] += kg

    @property
    def on_demand_kg(self) -> float:
        return float(self.delivered.get(ON_DEMAND, 0.0))

    def depart(self, by_tank: dict[str, float]) -> None:
        for n, kg in by_tank.items():
            self.departed[n] += kg

    def reenter(self, by_tank: dict[str, float]) -> None:
        for n, kg in by_tank.items():
            self.reentered[n] += kg

    def check_dry(self, when: datetime, station: Station) -> list[str]:
        """Tanks that have just run dry (each warned once until refilled)."""
        new = []
        for t in station.tanks:
            if t.fill_kg <= 1e-9 and t.name not in self._dry and t.capacity_kg > 0:
                if self.initial.get(t.name, 0.0) > 0 or self.delivered.get(t.name, 0.0) > 0:
                    self._dry.add(t.name)
                    msg = f"tank {t.name!r} ({t.owner}) is empty"
                    self.warnings.append((when, msg))
                    new.append(msg)
            elif t.fill_kg > 1e-9:
                self._dry.discard(t.name)
        return new

    # --- totals -----------------------------------------------------------------------

    @property
    def initial_kg(self) -> float:
        return float(sum(self.initial.values()))

    @property
    def delivered_kg(self) -> float:
        return float(sum(self.delivered.values()))

    @property
    def spent_kg(self) -> float:
        return float(sum(self.spent.values()))

    @property
    def departed_kg(self) -> float:
        return float(sum(self.departed.values()))

    @property
    def reentered_kg(self) -> float:
        return float(sum(self.reentered.values()))

    def spent_by_purpose(self) -> dict[str, float]:
        out: dict[str, float] = defaultdict(float)
        for (_, purpose), kg in self.spent.items():
            out[purpose] += kg
        return dict(out)

    def spent_by_owner(self) -> dict[str, float]:
        out: dict[str, float] = defaultdict(float)
        for (n, _), kg in self.spent.items():
            out[self.owner_of.get(n, "?")] += kg
        return dict(out)

    def annual_consumption(self) -> dict[int, dict[str, float]]:
        """Year -> owner -> kg spent (all purposes)."""
        out: dict[int, dict[str, float]] = {}
        for (year, owner), kg in sorted(self.spent_by_year.items()):
            out.setdefault(year, {})[owner] = kg
        return out

    def residual_kg(self, stations: list[Station]) -> float:
        """(tanks + spent + departed + reentered) − (initial + delivered): 0 when conserved."""
        in_tanks = sum(s.propellant_kg for s in stations)
        return (in_tanks + self.spent_kg + self.departed_kg + self.reentered_kg) - (
            self.initial_kg + self.delivered_kg
        )

    def summary(self) -> dict:
        return {
            "initial_kg": self.initial_kg,
            "delivered_kg": self.delivered_kg,
            "spent_kg": self.spent_kg,
            "departed_kg": self.departed_kg,
            "reentered_kg": self.reentered_kg,
            "on_demand_kg": self.on_demand_kg,
            "spent_by_purpose_kg": self.spent_by_purpose(),
            "spent_by_owner_kg": self.spent_by_owner(),
            "annual_consumption_kg": {str(y): v for y, v in self.annual_consumption().items()},
            "dry_tank_warnings": [f"{w.date().isoformat()}: {m}" for w, m in self.warnings],
        }


def propellant_by_owner(station: Station) -> dict[str, float]:
    """Owner -> kg in the station's tanks (only owners with tanks)."""
    out: dict[str, float] = defaultdict(float)
    for t in station.tanks:
        out[t.owner] += t.fill_kg
    return dict(out)
