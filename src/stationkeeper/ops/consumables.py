"""Crew consumables: water, food and oxygen per crew-day, resupply, days of margin.

Rates per person per day (NASA BVAD values via the "Life support system" article, iss_facts §7):
oxygen 0.84 kg, food 0.62 kg (dry basis), water 3.52 kg (metabolic; hygiene doubles it).
``water_recovery`` is the fraction of water recycled on board: 0 by default (no recycling, the
conservative case); NASA reported 93 % for the ISS water recovery system and 98 % after the
Brine Processor Assembly (NASA, 20 Jun 2023) -- scenarios choose. Consumables are tracked as
stocks apart from the station's dynamic mass (their few tonnes sit inside module masses).
"""

from __future__ import annotations

from dataclasses import dataclass

RATES_KG_PER_CREW_DAY: dict[str, float] = {"water": 3.52, "food": 0.62, "oxygen": 0.84}


@dataclass(frozen=True)
class Stock:
    """Consumables on board, kg."""

    water_kg: float = 0.0
    food_kg: float = 0.0
    oxygen_kg: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {"water": self.water_kg, "food": self.food_kg, "oxygen": self.oxygen_kg}

    @classmethod
    def from_dict(cls, d: dict[str, float]) -> Stock:
        return cls(d.get("water", 0.0), d.get("food", 0.0), d.get("oxygen", 0.0))


def daily_use_kg(crew: int, water_recovery: float = 0.0) -> dict[str, float]:
    """kg per day for ``crew`` people (water net of recovery)."""
    use = {k: crew * r for k, r in RATES_KG_PER_CREW_DAY.items()}
    use["water"] *= 1.0 - water_recovery
    return use


def consume(stock: Stock, crew: int, days: float, water_recovery: float = 0.0) -> Stock:
    """Stock after ``days`` with ``crew`` aboard (never below zero)."""
    use = daily_use_kg(crew, water_recovery)
    d = stock.as_dict()
    return Stock.from_dict({k: max(0.0, d[k] - use[k] * days) for k in d})


def resupply(stock: Stock, water_kg: float = 0.0, food_kg: float = 0.0, oxygen_kg: float = 0.0):
    return Stock(stock.water_kg + water_kg, stock.food_kg + food_kg, stock.oxygen_kg + oxygen_kg)


def days_of_margin(stock: Stock, crew: int, water_recovery: float = 0.0) -> float:
    """Days until the first item runs out at the current crew size (inf with no crew)."""
    use = daily_use_kg(crew, water_recovery)
    d = stock.as_dict()
    days = [d[k] / use[k] for k in d if use[k] > 0]
    return min(days) if days else float("inf")
