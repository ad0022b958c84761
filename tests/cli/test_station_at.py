"""``stationkeeper station show --at DATE``: the station of that day, its assumptions, refusals."""

from __future__ import annotations

import json

from stationkeeper.cli import main


def _json(args, capsys) -> tuple[int, dict | None, str]:
    code = main(["station", "show", *args, "--json"])
    out = capsys.readouterr()
    return code, (json.loads(out.out) if code == 0 else None), out.err


def test_2020_lists_pirs_and_no_nauka_or_prichal(capsys) -> None:
    code, data, _ = _json(["--at", "2020-01-01"], capsys)
    assert code == 0
    names = {m["name"] for m in data["modules"]}
    assert "Pirs" in names and not {"Nauka", "Prichal"} & names
    assert data["at_utc"].startswith("2020-01-01")
    assert data["vehicles_assumed"] is True
    assert any("visiting vehicles" in a for a in data["assumptions"])
    assert data["mass_kg"] == data["total_mass_kg"]


def test_2022_03_03_lists_nauka_and_prichal(capsys) -> None:
    code, data, _ = _json(["--at", "2022-03-03"], capsys)
    assert code == 0
    names = set(data["elements"])
    assert {"Nauka", "Prichal"} <= names and "Pirs" not in names
    assert data["vehicles_assumed"] is False


def test_2026_09_04_has_the_later_arrays(capsys) -> None:
    code, data, _ = _json(["--at", "2026-09-04T12:00Z"], capsys)
    assert code == 0
    assert {"iROSA 3A + 4A", "iROSA 1A + 1B"} <= set(data["elements_added"])
    assert data["ram_area_m2"] > 0 and data["drag_area_m2"] > 0


def test_tables_print_the_date_and_the_assumptions(capsys) -> None:
    assert main(["station", "show", "--at", "2020-01-01"]) == 0
    out = capsys.readouterr().out
    assert "as of 2020-01-01" in out and "Pirs" in out and "assumption:" in out


def test_a_date_outside_the_history_is_one_line_naming_at(capsys) -> None:
    code, _, err = _json(["--at", "2005-01-01"], capsys)
    assert code != 0
    assert "at:" in err and "2011-05-19 to 2030-12-31" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    code, _, err = _json(["--at", "not-a-date"], capsys)
    assert code != 0 and "--at" in err
