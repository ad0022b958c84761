"""Loading ``station.toml``: a minimal file, and every kind of bad input named with its file,
line and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stationkeeper.data import data_path
from stationkeeper.errors import InputError
from stationkeeper.station import load_station

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
    assert st.tank("Core tanks").segment == "russian"  # from its host
    assert st.source_file is not None and st.configuration_date.isoformat() == "2022-03-03"


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


_DRAG = """
[drag]
scale_p05 = 0.4
scale_p50 = 0.6
scale_p95 = 0.8
atmosphere = "nrlmsis"
window = "2021-08-22 to 2022-02-26"
source = "test"
"""


def test_drag_table_is_optional_and_checked(tmp_path: Path) -> None:
    """No [drag]: the file's Cd x A is used as it is; a [drag] scales it; bad ones are named."""
    plain = load_station(_write(tmp_path, _MINIMAL))
    assert plain.drag_fit is None and plain.drag_in_use == "topo"
    head, sep, rest = _MINIMAL.partition("[[modules]]")
    fitted = load_station(_write(tmp_path, head + _DRAG + "\n" + sep + rest))
    assert fitted.drag_in_use == "fitted"
    assert fitted.cd_area_m2 == pytest.approx(0.6 * 2.2 * 100.0)
    bad = head + _DRAG.replace("scale_p95 = 0.8", "scale_p95 = 0.5") + "\n" + sep + rest
    with pytest.raises(InputError, match="out of order") as info:
        load_station(_write(tmp_path, bad))
    assert info.value.field == "drag.scale_p50"
    typo = head + _DRAG.replace("window", "windw") + "\n" + sep + rest
    with pytest.raises(InputError, match="windw"):
        load_station(_write(tmp_path, typo))


def test_a_drag_coefficient_outside_the_physical_range_is_refused(tmp_path):
    """Cd of a satellite in free-molecular flow is ~2-4 (TOPO uses 3.0 for the ISS); 100 or
    0.01 is a typo, refused with its line like the other impossible values."""
    text = data_path("station.toml").read_text(encoding="utf-8")
    for bad in ("100.0", "0.01"):
        path = tmp_path / "cd.toml"
        path.write_text(text.replace("\ncd = 3.00\n", f"\ncd = {bad}\n", 1), encoding="utf-8")
        with pytest.raises(InputError, match="0.5 to 5") as exc:
            load_station(path)
        assert exc.value.line is not None and "cd" in str(exc.value)
