"""The lifetime runs on worker processes give the answers of the same runs one after
another, each in its own place (a property of the scheduling, not a figure: a mix-up of the
task order would swap the band's ends or the scenarios)."""

from __future__ import annotations

import pytest

from stationkeeper.errors import InputError
from stationkeeper.orbit.lifetime import lifetime_scenarios

# a heavy-drag variant of the ISS (mass / 8) so each run is weeks, not years
MASS_KG = 57_000.0


def test_worker_processes_match_one_after_another():
    kw = {"solar": ("nominal", "high"), "mass_kg": MASS_KG}
    apart, apart_tables = lifetime_scenarios(scheduler="processes", **kw)
    serial, serial_tables = lifetime_scenarios(scheduler="synchronous", **kw)
    assert apart == serial
    assert list(apart_tables) == list(serial_tables)
    for key, table in serial_tables.items():
        assert table.equals(apart_tables[key])
    band = serial["scenarios"]["nominal"]
    assert band["lifetime_days_p05"] < band["lifetime_days"] < band["lifetime_days_p95"]


def test_unknown_scheduler_is_one_clear_error():
    with pytest.raises(InputError, match="scheduler"):
        lifetime_scenarios(solar="nominal", mass_kg=MASS_KG, scheduler="nowhere")
