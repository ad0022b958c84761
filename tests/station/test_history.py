"""station.history: the configuration of a day, its refusals, and the file's date fields."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from stationkeeper.data import data_path
from stationkeeper.errors import InputError
from stationkeeper.station import Station, load_station, station_at
from stationkeeper.station.model import Module

SHIPPED = data_path("station.toml")


@pytest.fixture(scope="module")
def iss() -> Station:
    return load_station()


def test_the_files_own_date_is_the_file(iss: Station) -> None:
    """The fixed point: asked for its own date, the history gives the file back."""
    d = station_at(iss, datetime(2022, 3, 3, 12))
    assert d.station.total_mass_kg == iss.total_mass_kg
    assert d.station.drag_area_m2 == iss.drag_area_m2
    assert d.station.modules == iss.modules and d.station.vehicles == iss.vehicles
    assert (d.added, d.removed, d.vehicles_assumed) == ((), (), False)


def test_day_resolution_and_time_zones(iss: Station) -> None:
    # 2021-07-29 00:30 at UTC+2 is 28 July UTC: Nauka not yet there
    eve = station_at(iss, datetime(2021, 7, 29, 0, 30, tzinfo=timezone(timedelta(hours=2))))
    assert eve.at_utc.tzinfo == UTC and "Nauka" not in eve.elements
    assert "Nauka" in station_at(iss, date(2021, 7, 29)).elements


@pytest.mark.parametrize("day", [date(2011, 5, 18), date(1998, 11, 19), date(2031, 1, 1)])
def test_days_outside_the_history_are_refused_with_the_range(iss: Station, day: date) -> None:
    with pytest.raises(InputError) as e:
        station_at(iss, day)
    assert e.value.field == "at"
    assert "2011-05-19 to 2030-12-31" in str(e.value)


def test_a_file_without_history_refuses_at() -> None:
    bare = Station.point_mass("ball", 100.0, 1.0, 2.2)
    with pytest.raises(InputError) as e:
        station_at(bare, date(2022, 3, 3))
    assert e.value.field == "at" and "[history]" in str(e.value)
    with pytest.raises(InputError):
        station_at(load_station(), "2022-03-03")  # type: ignore[arg-type]


def test_present_on_counts_the_arrival_day_not_the_departure_day() -> None:
    m = Module("x", "NASA", "us", 1.0, "external", arrived=date(2020, 1, 2), left=date(2020, 1, 5))
    assert [m.present_on(date(2020, 1, d)) for d in range(1, 7)] == [
        False,
        True,
        True,
        True,
        False,
        False,
    ]


def test_vehicles_are_real_only_while_all_of_the_files_vehicles_were_docked(iss: Station) -> None:
    # the last of the five docked 2022-02-21 (Cygnus NG-17); Soyuz MS-19 left 2022-03-30
    assert not station_at(iss, date(2022, 2, 21)).vehicles_assumed
    assert station_at(iss, date(2022, 2, 20)).vehicles_assumed
    later = station_at(iss, date(2022, 3, 30))
    assert later.vehicles_assumed
    assert "Soyuz MS-19" in later.vehicles_note and later.vehicles_note in later.assumptions
    # every assumption says it is one
    assert all(a.startswith("assumption:") for a in later.assumptions)


def test_drag_area_follows_the_silhouettes(iss: Station) -> None:
    """Nauka's arrival adds its side-on body and arrays (13.12 m x 4.25 m and 56 m2 x 2/pi,
    astronautika.lt) as a share of the 2022 summed silhouette, ~2,540 m2 (ram_areas.toml)."""
    before = station_at(iss, date(2021, 7, 28)).station.drag_area_m2
    after = station_at(iss, date(2021, 7, 30)).station.drag_area_m2
    nauka_m2 = 13.12 * 4.25 + 56.0 * 2 / 3.141592653589793
    assert (after - before) / iss.drag_area_m2 == pytest.approx(nauka_m2 / 2540.0, rel=0.02)


def test_load_station_at_gives_the_same_station(iss: Station) -> None:
    s = load_station(at=datetime(2020, 1, 1))
    assert s == station_at(iss, datetime(2020, 1, 1)).station
    assert s.configuration_date == date(2020, 1, 1)


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "station.toml"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("left = 2021-07-26", "left = 2001-09-15", "left"),
        ("left = 2021-07-26", 'left = "2021-07-26"', "left"),
        ("valid_to = 2030-12-31", "valid_to = 2010-01-01", "valid_to"),
        ("valid_from = 2011-05-19", "valid_from = 2023-01-01", "valid_from"),
        ("departed_date = 2022-03-30", "departed_date = 2021-10-01", "departed_date"),
        ("arrived = 2021-07-29", "arrivd = 2021-07-29", "arrivd"),
    ],
)
def test_bad_dates_name_file_line_field(tmp_path: Path, old: str, new: str, field: str) -> None:
    path = _edited(tmp_path, old, new)
    with pytest.raises(InputError) as e:
        load_station(path)
    assert e.value.file == str(path) and e.value.line is not None
    assert e.value.field.endswith(field) and e.value.allowed


def test_dates_without_a_history_table_are_refused(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    start = text.index("\n[history]\n")
    end = text.index("\n\n", start)
    p = tmp_path / "station.toml"
    p.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_station(p)
    assert "[history]" in str(e.value)


def test_a_vehicle_at_a_port_gone_on_the_files_date_is_refused(tmp_path: Path) -> None:
    path = _edited(tmp_path, 'port = "Zvezda aft"', 'port = "Pirs nadir"')
    with pytest.raises(InputError) as e:
        load_station(path)
    assert e.value.field.endswith("port")
