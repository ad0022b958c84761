"""The scenario file: every problem refused before the run with one error naming the file,
the line, the field and what is allowed; the docs name every key the reader takes."""

from __future__ import annotations

from pathlib import Path

import pytest

from stationkeeper.errors import InputError
from stationkeeper.scenario import EVENT_KEYS, load_scenario
from stationkeeper.scenario.events import EVENT_COMMON
from stationkeeper.scenario.tables import TABLE_KEYS

BAD = [
    ('[[events]]\ndate = 2022-03-10\ntype = "explode"\n', "events[0].type", 7, "arrival"),
    (
        '[[events]]\ndate = 2022-03-10\ntype = "arrival"\nvehicle = "Soyuz TM"\nname = "x"\n'
        'port = "Rassvet nadir"\n',
        "events[0].vehicle",
        8,
        "Progress MS",
    ),
    ('[[events]]\ndate = 2021-03-10\ntype = "end"\n', "events[0].date", 6, ".."),
    ('[[events]]\ndate = 2023-03-10\ntype = "end"\n', "events[0].date", 6, ".."),
    (
        '[[events]]\ndate = 2022-03-10\ntype = "arrival"\nvehicle = "Progress MS"\n'
        'name = "Progress MS-20"\nport = "Zvezda aft"\n',
        "events[0].port",
        10,
        "free port",
    ),
    (
        '[[events]]\ndate = 2022-03-10\ntype = "transfer"\nfrom = "Progress MS-19 refuelling '
        'tanks"\nto = "Zvezda propellant tanks"\nkg = 900\n',
        "events[0].kg",
        10,
        "860",
    ),
    (
        '[[events]]\ndate = 2022-03-10\ntype = "separation"\nmodules = ["Zvezda", "Nauka2"]\n',
        "events[0].modules",
        8,
        "Nauka",
    ),
    ("[scenario2]\nx = 1\n", "scenario2", 5, "scenario"),
    ("flight_step_days = 9\n", "scenario.flight_step_days", 5, "0.05 .. 3"),
    ("[reboost]\nfloor_km = 400\nfloorkm = 3\n", "reboost.floorkm", 7, "floor_km"),
    ('[[events]]\ndate = 2022-03-10\ntype = "end"\nspeed = 3\n', "events[0].speed", 8, "date"),
]


@pytest.mark.parametrize(("body", "field", "line", "allowed"), BAD)
def test_bad_input_names_file_line_field_allowed(write, body, field, line, allowed):
    p = write(body, days=300)
    with pytest.raises(InputError) as ei:
        load_scenario(p)
    e = ei.value
    assert e.file == str(p)
    assert e.field == field
    assert e.line == line
    assert allowed in (e.allowed or "")
    assert "\n" not in str(e)


def test_port_conflict_names_both_vehicles(write):
    body = (
        '[[events]]\ndate = 2022-03-10\ntype = "arrival"\nvehicle = "Cygnus"\nname = "NG-X"\n'
        'port = "Harmony nadir"\n\n'
        '[[events]]\ndate = 2022-03-12\ntype = "arrival"\nvehicle = "HTV-X"\nname = "HTV-X1"\n'
        'port = "Harmony nadir"\n'
    )
    with pytest.raises(InputError) as ei:
        load_scenario(write(body))
    assert "NG-X" in str(ei.value) and "HTV-X1" in str(ei.value)
    assert ei.value.line == 17


RELOCATION_BAD = [
    # a taken port: the error names the vehicle already there
    ('name = "Progress MS-19"\nport = "Zvezda aft"\n', "events[0].port", "Progress MS-18"),
    # a port this vehicle type cannot use
    ('name = "Progress MS-19"\nport = "Harmony zenith"\n', "events[0].port", "Rassvet nadir"),
    # a vehicle that is not docked
    ('name = "Progress MS-99"\nport = "Rassvet nadir"\n', "events[0].name", "Progress MS-19"),
]


@pytest.mark.parametrize(("tail", "field", "named"), RELOCATION_BAD)
def test_relocation_bad_input(write, tail, field, named):
    body = '[[events]]\ndate = 2022-03-05\ntype = "relocation"\n' + tail
    with pytest.raises(InputError) as ei:
        load_scenario(write(body))
    e = ei.value
    assert e.field == field
    assert named in str(e) + (e.allowed or "")
    assert e.line is not None and "\n" not in str(e)


def test_attitude_budget_bad_input(write):
    with pytest.raises(InputError) as ei:
        load_scenario(write("[attitude]\nkg_per_maneuver = -3\n"))
    e = ei.value
    assert e.field == "attitude.kg_per_maneuver" and e.line == 6
    assert "0 .. 1000" in e.allowed


def test_on_demand_isp_out_of_range_is_refused(write):
    with pytest.raises(InputError) as ei:
        load_scenario(write("[reboost]\non_demand_isp_s = 30\n"))
    assert ei.value.field == "reboost.on_demand_isp_s" and "100 .. 500" in ei.value.allowed


def test_docs_scenarios_md_names_every_table_key_and_event():
    """docs/scenarios.md is the user's reference: it must mention every key the parser takes."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "scenarios.md").read_text()
    for table, keys in TABLE_KEYS.items():
        assert f"`[{table}]`" in doc or f"[{table}]" in doc, table
        for k in keys:
            assert f"`{k}`" in doc, f"[{table}] {k}"
    for typ, keys in EVENT_KEYS.items():
        assert f"`{typ}`" in doc, typ
        for k in keys:
            assert f"`{k}`" in doc, f"{typ}.{k}"
    for k in EVENT_COMMON:
        assert f"`{k}`" in doc, k


def test_a_segment_cannot_separate_twice(tmp_path):
    """The second separation of the same segment leaves nothing to split (it divided by zero
    in the run): a timeline error with the event's line, before the run."""
    example = Path(__file__).resolve().parents[2] / "examples" / "separation.toml"
    twice = example.read_text(encoding="utf-8") + (
        '\n[[events]]\ndate = 2022-07-01\ntype = "separation"\nsegment = "russian"\n'
    )
    path = tmp_path / "twice.toml"
    path.write_text(twice, encoding="utf-8")
    with pytest.raises(InputError, match="already separated") as exc:
        load_scenario(path)
    assert exc.value.file == str(path) and exc.value.line is not None
    assert load_scenario(example).events  # once is fine
