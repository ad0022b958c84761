"""The JSON summary of a station: its keys, and that it survives a JSON round trip."""

from __future__ import annotations

import json
import math

import pytest

from stationkeeper.data import data_path
from stationkeeper.station import SUMMARY_KEYS, Station, load_station, station_summary
from stationkeeper.station.ram_area import element_ram_areas_m2

SHIPPED = data_path("station.toml")
ARRAYS = 2 / math.pi  # mean silhouette of an array turning once per orbit


@pytest.fixture(scope="module")
def iss() -> Station:
    return load_station()


def test_summary_interface(iss: Station) -> None:
    summary = station_summary(iss)
    for key in (
        "total_mass_kg",
        "drag_area_m2",
        "cd",
        "ballistic_coefficient_kg_m2",
        "modules",
        "vehicles",
        "engines",
        "tanks",
        "totals_by_segment",
        "totals_by_owner",
        "source_file",
    ):
        assert key in summary
    assert set(SUMMARY_KEYS) == set(summary)
    for m in summary["modules"]:
        assert {"name", "owner", "segment", "mass_kg"} <= set(m)
    assert summary["total_mass_kg"] == iss.total_mass_kg
    assert summary["source_file"] == str(SHIPPED)
    assert set(summary["totals_by_segment"]) == {"russian", "us"}
    round_trip = json.loads(json.dumps(summary))
    assert round_trip["configuration_date"] == "2022-03-03"
    assert round_trip["ballistic_coefficient_kg_m2"] == pytest.approx(
        iss.ballistic_coefficient_kg_m2
    )


def test_summary_of_a_point_mass_has_no_parts() -> None:
    summary = station_summary(Station.point_mass("cubesat", 4.0, 0.03, 2.2))
    assert summary["modules"] == [] and summary["vehicles"] == []
    assert summary["total_mass_kg"] == 4.0


def test_station_summary_reports_ram_area_by_segment():
    iss = load_station()
    s = station_summary(iss)
    by_seg = s["ram_area_by_segment_m2"]
    assert set(by_seg) == {"russian", "us"}
    assert sum(by_seg.values()) == pytest.approx(sum(element_ram_areas_m2(iss).values()))
    nauka = next(m for m in s["modules"] if m["name"] == "Nauka")
    assert nauka["ram_area_m2"] == pytest.approx(13.12 * 4.25 + 56 * ARRAYS, abs=0.3)
