"""Station model: the shipped ISS file, derived quantities, and validation errors."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from stationkeeper.data import data_path
from stationkeeper.errors import InputError
from stationkeeper.station import (
    SUMMARY_KEYS,
    Station,
    load_station,
    render_station,
    station_summary,
)

SHIPPED = data_path("station.toml")

# NASA JSC TOPO ISS OEM ephemeris header, April 2022 (iss_facts.md s1).
NASA_TOPO_MASS_KG = 459_692.0
NASA_TOPO_AREA_M2 = 1_980.0
NASA_TOPO_CD = 3.00
# Station alone, without visiting vehicles (Wikipedia infobox via piglix; aerovia.org).
STATION_ALONE_KG = (419_455.0, 419_725.0)


@pytest.fixture(scope="module")
def iss() -> Station:
    return load_station()


# --------------------------------------------------------------------------- shipped file


def test_shipped_file_loads_with_expected_configuration(iss: Station) -> None:
    assert iss.source_file == str(SHIPPED)
    assert iss.configuration_date is not None
    assert iss.configuration_date.isoformat() == "2022-03-03"
    names = {m.name for m in iss.modules}
    for expected in (
        "Zarya",
        "Zvezda",
        "Poisk",
        "Rassvet",
        "Nauka",
        "Prichal",
        "Unity",
        "Destiny",
        "Quest",
        "Harmony",
        "Tranquility",
        "Cupola",
        "Columbus",
        "Kibo PM",
        "Kibo ELM-PS",
        "Kibo EF",
        "Canadarm2",
        "Dextre",
        "BEAM",
    ):
        assert expected in names
    assert "Pirs" not in names  # undocked and deorbited 26 Jul 2021
    vehicles = {v.name: v for v in iss.vehicles}
    assert set(vehicles) == {
        "Soyuz MS-19",
        "Progress MS-18",
        "Progress MS-19",
        "Crew Dragon Endurance (Crew-3)",
        "Cygnus NG-17",
    }
    # Ports as reported at docking (Roscosmos/NASA, see SOURCES.md).
    assert vehicles["Soyuz MS-19"].port == "Rassvet nadir"
    assert vehicles["Progress MS-18"].port == "Zvezda aft"
    assert vehicles["Progress MS-19"].port == "Poisk zenith"
    assert vehicles["Crew Dragon Endurance (Crew-3)"].port == "Harmony forward"
    assert vehicles["Cygnus NG-17"].port == "Unity nadir"
    assert iss.crew_aboard == 7  # Expedition 66: 3 Soyuz MS-19 + 4 Crew-3
    assert iss.crew_seats == 7
    # every item carries a citation
    for item in (*iss.modules, *iss.vehicles, *iss.tanks, *iss.engines):
        assert item.source.strip()


@pytest.mark.parametrize(
    ("module", "low_kg", "high_kg"),
    [
        # Independent published figures collected in iss_facts.md s3.
        ("Zvezda", 19_050.0, 20_320.0),  # NASA SM page / Zvezda infobox mirrors
        ("Zarya", 19_323.0, 19_323.0),  # Italian element table
        ("Destiny", 14_515.0, 14_515.0),
        ("Unity", 11_612.0, 11_612.0),
        ("Harmony", 14_288.0, 14_288.0),
        ("Quest", 6_064.0, 6_064.0),
        ("Columbus", 10_300.0, 10_300.0),
        ("Nauka", 20_300.0, 20_350.0),  # DLR / astronautika.lt / asteropspace
        ("Kibo PM", 14_800.0, 15_900.0),
        ("Cupola", 1_880.0, 1_880.0),
    ],
)
def test_module_masses_match_published_figures(
    iss: Station, module: str, low_kg: float, high_kg: float
) -> None:
    assert low_kg <= iss.module(module).mass_kg <= high_kg


def test_module_owners_and_segments(iss: Station) -> None:
    assert iss.module("Zvezda").segment == "russian"
    assert iss.module("Zarya").segment == "russian"
    assert iss.module("Zarya").owner == "NASA"  # US-funded FGB (iss_facts s3)
    assert iss.module("Columbus").owner == "ESA"
    assert iss.module("Kibo PM").owner == "JAXA"
    assert iss.module("Canadarm2").owner == "CSA"
    assert iss.module("Destiny").segment == "us"


def test_station_alone_mass_matches_published_figure(iss: Station) -> None:
    """Modules + module-hosted propellant = the published station-alone mass.

    The two 'unaccounted' lines are *derived* from 419,725 kg (see SOURCES.md), so this
    checks that the derivation still holds after any edit to a module mass.
    """
    module_names = {m.name for m in iss.modules}
    alone = iss.modules_mass_kg + sum(t.fill_kg for t in iss.tanks if t.host in module_names)
    assert STATION_ALONE_KG[0] - 1.0 <= alone <= STATION_ALONE_KG[1] + 1.0
    unaccounted = sum(m.mass_kg for m in iss.modules if m.kind == "unaccounted")
    assert unaccounted / alone < 0.25  # itemised elements cover > 75% of the station


def test_total_mass_near_nasa_topo(iss: Station) -> None:
    """Total with the five docked vehicles vs NASA TOPO's 459,692 kg (OEM header, Apr 2022).

    Semi-independent: the station-alone part is pinned to 419,725 kg (Wikipedia), so this
    checks that the vehicles + their propellant (~42 t here) match the ~40 t NASA's figure
    implies on top of it. Tolerance 3 %.
    """
    assert iss.total_mass_kg == pytest.approx(NASA_TOPO_MASS_KG, rel=0.03)
    assert iss.vehicles_mass_kg + sum(
        t.fill_kg for t in iss.tanks if t.host in {v.name for v in iss.vehicles}
    ) == pytest.approx(NASA_TOPO_MASS_KG - STATION_ALONE_KG[1], rel=0.10)


def test_total_mass_is_sum_of_parts(iss: Station) -> None:
    parts = (
        sum(m.mass_kg for m in iss.modules)
        + sum(v.mass_kg for v in iss.vehicles)
        + sum(t.fill_kg for t in iss.tanks)
    )
    assert iss.total_mass_kg == pytest.approx(parts)
    assert sum(iss.mass_by_segment_kg.values()) == pytest.approx(parts)
    assert sum(iss.mass_by_owner_kg.values()) == pytest.approx(parts)
    assert sum(iss.propellant_by_owner_kg.values()) == pytest.approx(iss.propellant_kg)
    # All propellant of the 2022 station except Cygnus's is Russian-owned and Russian-hosted.
    assert iss.propellant_by_segment_kg["russian"] > 0.8 * iss.propellant_kg


def test_drag_and_ballistic_coefficient_by_hand(iss: Station) -> None:
    assert iss.cd == NASA_TOPO_CD
    assert iss.drag_area_m2 == NASA_TOPO_AREA_M2
    by_hand = iss.total_mass_kg / (iss.cd * iss.drag_area_m2)
    assert iss.ballistic_coefficient_kg_m2 == pytest.approx(by_hand, rel=1e-12)
    # NASA's own header gives 459,692 / (3.00 * 1,980) = 77.4 kg/m^2
    assert iss.ballistic_coefficient_kg_m2 == pytest.approx(77.39, rel=0.03)


def test_engines_and_tanks(iss: Station) -> None:
    main = iss.engine("Zvezda main engines")
    assert main.count == 2 and main.segment == "russian"
    assert 3_000 <= main.thrust_n <= 3_100  # 312-315 kgf
    ktdu = iss.engine("Progress MS-18 main engine (S5.80)")
    assert ktdu.isp_s == 302.0 and ktdu.thrust_n == 2_950.0
    assert ktdu.mass_flow_kg_s == pytest.approx(2_950.0 / (302.0 * 9.80665))
    tank_names = {t.name for t in iss.tanks}
    for e in iss.engines:
        assert set(e.feeds) <= tank_names
    for t in iss.tanks:
        assert 0.0 <= t.fill_kg <= t.capacity_kg
    assert {e.segment for e in iss.engines_by_role("reboost")} == {"russian", "us"}


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


def test_render_prints_headline_and_tables(iss: Station) -> None:
    buf = io.StringIO()
    render_station(iss, Console(file=buf, width=200, color_system=None))
    out = buf.getvalue()
    for text in ("Modules", "Docked vehicles", "Engines", "Propellant tanks", "Totals by owner"):
        assert text in out
    assert f"{iss.total_mass_kg:,.0f} kg" in out
    assert "Soyuz MS-19" in out


# --------------------------------------------------------------------------- derived stations


def test_with_overrides(iss: Station) -> None:
    obj = iss.with_overrides(mass_kg=1_000.0, area_m2=10.0, cd=2.2)
    assert obj.total_mass_kg == 1_000.0
    assert obj.ballistic_coefficient_kg_m2 == pytest.approx(1_000.0 / 22.0)
    assert iss.total_mass_kg != 1_000.0  # original untouched
    only_cd = iss.with_overrides(cd=2.0)
    assert only_cd.total_mass_kg == iss.total_mass_kg
    assert only_cd.ballistic_coefficient_kg_m2 == pytest.approx(
        iss.total_mass_kg / (2.0 * iss.drag_area_m2)
    )
    with pytest.raises(InputError, match="mass_kg"):
        iss.with_overrides(mass_kg=-1.0)
    point = Station.point_mass("cubesat", 4.0, 0.03, 2.2)
    assert point.ballistic_coefficient_kg_m2 == pytest.approx(4.0 / 0.066)
    assert station_summary(point)["modules"] == []


def test_undock_and_segment_views(iss: Station) -> None:
    undocked = iss.without_vehicle("Progress MS-18")
    assert undocked.total_mass_kg == pytest.approx(
        iss.total_mass_kg - 6_840.0 - 440.0 - 0.0  # vehicle + its two tanks
    )
    assert all(e.host != "Progress MS-18" for e in undocked.engines)
    us = iss.only_segment("us")
    assert {m.segment for m in us.modules} == {"us"}
    assert us.total_mass_kg == pytest.approx(iss.mass_by_segment_kg["us"])
    assert [e.name for e in us.engines_by_role("reboost")] == ["Cygnus NG-17 BT-4 main engine"]
    fuller = iss.with_tank_fills({"Zvezda propellant tanks": 860.0})
    assert fuller.total_mass_kg == pytest.approx(iss.total_mass_kg + 430.0)
    with pytest.raises(InputError):
        iss.with_tank_fills({"Zvezda propellant tanks": 861.0})


# --------------------------------------------------------------------------- bad input

_MINIMAL = """\
[station]
name = "Test station"
configuration_date = 2022-03-03
cd = 2.2
drag_area_m2 = 100.0
source = "test"

[[modules]]
name = "Core"
owner = "Roscosmos"
segment = "russian"
kind = "pressurized"
mass_kg = 20000.0
ports = ["aft", "nadir"]
source = "test"

[[modules]]
name = "Lab"
owner = "NASA"
segment = "us"
kind = "pressurized"
mass_kg = 15000.0
source = "test"

[[vehicles]]
name = "Tug"
type = "Progress MS"
owner = "Roscosmos"
partner = "Roscosmos"
port = "Core aft"
mass_kg = 7000.0
crew_seats = 0
crew_aboard = 0
source = "test"

[[tanks]]
name = "Core tanks"
host = "Core"
owner = "Roscosmos"
capacity_kg = 800.0
fill_kg = 400.0
source = "test"

[[engines]]
name = "Core engines"
host = "Core"
owner = "Roscosmos"
role = "reboost"
count = 2
thrust_n = 3000.0
isp_s = 300.0
feeds = ["Core tanks"]
source = "test"
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "station.toml"
    p.write_text(text, encoding="utf-8")
    return p


def _line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_minimal_file_loads(tmp_path: Path) -> None:
    st = load_station(_write(tmp_path, _MINIMAL))
    assert st.total_mass_kg == 20_000 + 15_000 + 7_000 + 400
    assert st.vehicle("Tug").segment == "russian"
    assert st.engine("Core engines").segment == "russian"
    assert st.ballistic_coefficient_kg_m2 == pytest.approx(42_400 / 220)


def _edit(field: str, old: str, new: str) -> str:
    """Replace ``old`` by ``new`` inside the TOML block that ``field`` points into."""
    m = re.match(r"(\w+)\[(\d+)\]", field)
    if m is None:  # the [station] table, before the first [[modules]]
        head, sep, rest = _MINIMAL.partition("[[modules]]")
        assert old in head
        return head.replace(old, new, 1) + sep + rest
    table, idx = m.group(1), int(m.group(2))
    blocks = _MINIMAL.split(f"[[{table}]]")
    assert old in blocks[idx + 1]
    blocks[idx + 1] = blocks[idx + 1].replace(old, new, 1)
    return f"[[{table}]]".join(blocks)


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        # negative mass
        ("mass_kg = 15000.0", "mass_kg = -15000.0", "modules[1].mass_kg", ["-15000", "> 0"]),
        # zero mass
        ("mass_kg = 7000.0", "mass_kg = 0", "vehicles[0].mass_kg", ["got 0", "> 0"]),
        # unknown owner
        ('owner = "NASA"', 'owner = "NASDA"', "modules[1].owner", ["NASDA", "Roscosmos"]),
        # unknown segment
        ('segment = "us"', 'segment = "american"', "modules[1].segment", ["american", "russian"]),
        # typo in a key
        ("mass_kg = 15000.0", "mass_kgs = 15000.0", "modules[1].mass_kgs", ["mass_kgs", "owner"]),
        # fill above capacity
        ("fill_kg = 400.0", "fill_kg = 900.0", "tanks[0].fill_kg", ["900", "800"]),
        # engine fed by a tank that does not exist
        ('feeds = ["Core tanks"]', 'feeds = ["Core tank"]', "engines[0].feeds", ["Core tank"]),
        # port that no module has
        ('port = "Core aft"', 'port = "Core zenith"', "vehicles[0].port", ["Core zenith"]),
        # wrong type
        ("crew_seats = 0", 'crew_seats = "none"', "vehicles[0].crew_seats", ["integer"]),
        ("cd = 2.2", "cd = -2.2", "station.cd", ["-2.2", "> 0"]),
    ],
)
def test_bad_values_raise_input_error(
    tmp_path: Path, old: str, new: str, field: str, words: list[str]
) -> None:
    text = _edit(field, old, new)
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_station(path)
    err = info.value
    msg = str(err)
    assert err.file == str(path)
    assert msg.startswith(f"{path}:{_line_of(text, new)}: {field}: ")  # file:line: field: ...
    assert err.field == field
    for w in words:
        assert w in msg
    assert err.allowed


def test_port_taken_twice(tmp_path: Path) -> None:
    second = """
[[vehicles]]
name = "Tug 2"
type = "Progress MS"
owner = "Roscosmos"
partner = "Roscosmos"
port = "Core aft"
mass_kg = 7000.0
crew_seats = 0
crew_aboard = 0
source = "test"
"""
    text = _MINIMAL.replace("[[tanks]]", second + "\n[[tanks]]", 1)
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_station(path)
    msg = str(info.value)
    assert info.value.field == "vehicles[1].port"
    assert "Core aft" in msg and "already taken" in msg and str(path) in msg
    assert "Core nadir" in (info.value.allowed or "")  # the free port is suggested
    lines = text.splitlines()
    second_port = [i for i, ln in enumerate(lines) if ln == 'port = "Core aft"'][1]
    assert info.value.line == second_port + 1


def test_missing_field(tmp_path: Path) -> None:
    text = _MINIMAL.replace('kind = "pressurized"\nmass_kg = 15000.0\n', 'kind = "pressurized"\n')
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_station(path)
    assert info.value.field == "modules[1].mass_kg"
    assert "missing required key 'mass_kg'" in str(info.value)
    assert "'Lab'" in str(info.value)
    assert str(path) in str(info.value)


def test_duplicate_names_and_bad_hosts(tmp_path: Path) -> None:
    dup = _MINIMAL.replace('name = "Lab"', 'name = "Core"')
    with pytest.raises(InputError, match=r"modules\[1\]\.name.*duplicate name 'Core'"):
        load_station(_write(tmp_path, dup))
    bad_host = _MINIMAL.replace(
        'host = "Core"\nowner = "Roscosmos"\ncapacity',
        'host = "Kore"\nowner = "Roscosmos"\ncapacity',
    )
    with pytest.raises(InputError, match=r"tanks\[0\]\.host.*'Kore'"):
        load_station(_write(tmp_path, bad_host))
    wrong_segment = _MINIMAL.replace('role = "reboost"', 'segment = "us"\nrole = "reboost"')
    with pytest.raises(InputError, match=r"engines\[0\]\.segment.*disagrees"):
        load_station(_write(tmp_path, wrong_segment))


def test_unknown_top_level_and_syntax_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown top-level key 'modulez'"):
        load_station(_write(tmp_path, _MINIMAL + "\n[[modulez]]\nname = 'x'\n"))
    broken = _MINIMAL.replace("cd = 2.2", "cd = = 2.2")
    with pytest.raises(InputError) as info:
        load_station(_write(tmp_path, broken))
    assert "not valid TOML" in str(info.value)
    assert info.value.line == _line_of(broken, "cd = = 2.2")
    with pytest.raises(InputError, match="not found"):
        load_station(tmp_path / "nope.toml")


def test_crew_cannot_exceed_seats(tmp_path: Path) -> None:
    text = _MINIMAL.replace("crew_aboard = 0", "crew_aboard = 2")
    with pytest.raises(InputError, match=r"vehicles\[0\]\.crew_aboard.*exceeds"):
        load_station(_write(tmp_path, text))
