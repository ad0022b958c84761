"""Limits that end a what-if, against their sourced figures: Soyuz MS docked life 200-210 days
(iss_facts §4), consumables at BVAD rates per crew-day (iss_facts §7), the power of the main US
arrays (iss_facts §1, §3)."""

from __future__ import annotations

from datetime import timedelta

from stationkeeper.ops import limits
from stationkeeper.station.load import load_station


def test_soyuz_docked_life_is_inside_the_published_200_to_210_days():
    st = load_station()
    soyuz = st.vehicle("Soyuz MS-19")
    end = limits.docked_life_end(soyuz)
    assert 200 <= (end - soyuz.docked_date).days <= 210
    assert not limits.expired(soyuz, soyuz.docked_date + timedelta(days=199))
    assert limits.expired(soyuz, soyuz.docked_date + timedelta(days=211))
    assert [v.name for v in limits.expired_vehicles(st, end)] == ["Soyuz MS-19"]


def test_progress_docked_life_is_labelled_an_assumption():
    assert "assumption" in limits.DOCKED_LIFE_SOURCE["Progress MS"]
    # no limit for a type without a figure: a Crew Dragon is never expired by the model
    dragon = load_station().vehicle("Crew Dragon Endurance (Crew-3)")
    assert limits.docked_life_end(dragon) is None


def test_the_russian_segment_loses_the_main_arrays_and_the_us_segment_keeps_them():
    st = load_station()
    assert limits.power_lost(st, st.only_segment("russian"))
    assert not limits.power_lost(st, st.only_segment("us"))
