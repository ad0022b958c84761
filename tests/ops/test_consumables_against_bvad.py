"""Consumables against NASA's BVAD rates per crew-day (Life support system article, iss_facts
§7): oxygen 0.84 kg, food 0.62 kg (dry), water 3.52 kg."""

from __future__ import annotations

import pytest

from stationkeeper.ops import consumables as cons


def test_a_crew_year_of_oxygen_lasts_a_year_then_water_is_electrolysed():
    o2 = 0.84 * 365.25 * 3  # three people, one year, BVAD
    water = 3.52 * 3 * 365.25 + 100.0  # a year of drinking water plus 100 kg
    stock = cons.Stock(water_kg=water, food_kg=1e9, oxygen_kg=o2)
    after = cons.consume(stock, 3, 365.25)
    assert after.oxygen_kg == pytest.approx(0.0, abs=1e-9)
    assert after.water_kg == pytest.approx(100.0)
    # then the crew breathe electrolysed water: 2 H2O -> 2 H2 + O2, 36.03 g water per 32.00 g
    # of O2, on top of drinking 3.52 kg each a day
    per_day = 3 * (3.52 + 0.84 * 36.03 / 32.00)
    assert cons.days_of_margin(stock, 3) == pytest.approx(365.25 + 100.0 / per_day, rel=1e-4)
    ten = cons.consume(after, 3, 10.0 / per_day * 10.0 / 10.0)
    assert ten.water_kg == pytest.approx(90.0, rel=1e-3)
    assert cons.first_out(stock, 3)[1].startswith("water")


def test_first_item_to_run_out_sets_the_margin():
    # 100 days of food for 7 (BVAD 0.62 kg/day), plenty of the rest
    stock = cons.Stock(water_kg=1e9, food_kg=0.62 * 7 * 100, oxygen_kg=1e9)
    assert cons.days_of_margin(stock, 7) == pytest.approx(100.0)
    # water recovered at 93 % lasts 1/0.07 times longer than with none (BVAD 3.52 kg/day)
    w = cons.Stock(water_kg=3.52 * 2 * 10, food_kg=1e9, oxygen_kg=1e9)
    assert cons.days_of_margin(w, 2, 0.93) == pytest.approx(10 / 0.07)


def test_no_crew_no_use():
    assert cons.days_of_margin(cons.Stock(), 0) == float("inf")
