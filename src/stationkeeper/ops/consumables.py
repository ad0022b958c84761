"""Crew consumables: water, food and oxygen per crew-day, resupply, days of margin.

Rates per person per day (NASA BVAD values via the "Life support system" article, iss_facts §7):
oxygen 0.84 kg, food 0.62 kg (dry basis), water 3.52 kg (metabolic; hygiene doubles it).
``water_recovery`` is the fraction of water recycled on board: 0 by default (no recycling, the
conservative case); NASA reported 93 % for the ISS water recovery system and 98 % after the
Brine Processor Assembly (NASA, 20 Jun 2023) -- scenarios choose. Consumables are tracked as
stocks apart from the station's dynamic mass (their few tonnes sit inside module masses).

Oxygen is also made on board by electrolysis of water (Elektron on Zvezda, the US OGS): once
the oxygen stock is empty the crew's oxygen comes from water at
:data:`WATER_PER_KG_O2` = 1.126 kg of water per kg of O2 (2 H2O -> 2 H2 + O2, molar masses
18.015 and 31.998 g/mol: stoichiometry). So oxygen runs out only with the water, and the limit
is the first of food and water (:func:`first_out`). Power for electrolysis is assumed
available (power is not simulated).
"""

from __future__ import annotations

from dataclasses import dataclass

RATES_KG_PER_CREW_DAY: dict[str, float] = {"water": 3.52, "food": 0.62, "oxygen": 0.84}

WATER_PER_KG_O2 = 2 * 18.015 / 31.998
"""kg of water electrolysed per kg of oxygen made (2 H2O -> 2 H2 + O2)."""


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
    """Stock after ``days`` with ``crew`` aboard (never below zero); oxygen beyond the stock is
    made from water by electrolysis."""
    use = daily_use_kg(crew, water_recovery)
    water = stock.water_kg - use["water"] * days
    oxygen = stock.oxygen_kg - use["oxygen"] * days
    if oxygen < 0:
        water += oxygen * WATER_PER_KG_O2
        oxygen = 0.0
    return Stock(max(0.0, water), max(0.0, stock.food_kg - use["food"] * days), oxygen)


def resupply(stock: Stock, water_kg: float = 0.0, food_kg: float = 0.0, oxygen_kg: float = 0.0):
    return Stock(stock.water_kg + water_kg, stock.food_kg + food_kg, stock.oxygen_kg + oxygen_kg)


def first_out(stock: Stock, crew: int, water_recovery: float = 0.0) -> tuple[float, str]:
    """(days, item): when the first of food and water runs out at the current crew size --
    oxygen made from water once its stock is gone -- (inf, "") with no crew."""
    use = daily_use_kg(crew, water_recovery)
    if crew <= 0:
        return float("inf"), ""
    food = stock.food_kg / use["food"]
    t_o2 = stock.oxygen_kg / use["oxygen"]
    w_use = use["water"]
    w_with_o2 = w_use + use["oxygen"] * WATER_PER_KG_O2
    if w_use > 0 and stock.water_kg / w_use <= t_o2:
        water = stock.water_kg / w_use
    else:
        water = t_o2 + (stock.water_kg - w_use * t_o2) / w_with_o2
    return (food, "food") if food <= water else (water, "water (and with it oxygen)")


def days_of_margin(stock: Stock, crew: int, water_recovery: float = 0.0) -> float:
    """Days until the first item runs out at the current crew size (inf with no crew)."""
    return first_out(stock, crew, water_recovery)[0]
