"""Ram areas: vehicles add area only where they stand out of the stack, and separation splits
the drag area by the share (pro rata to mass when the table knows no module). The entries
against published dimensions: test_against_published_figures.py."""

from __future__ import annotations

from dataclasses import replace

import pytest

from stationkeeper.ops.separation import split
from stationkeeper.station import load_station
from stationkeeper.station.ram_area import element_ram_areas_m2, ram_area_share


def test_vehicles_add_area_only_at_radial_ports():
    iss = load_station()
    a = element_ram_areas_m2(iss)
    assert a["Progress MS-18"] == 0.0  # Zvezda aft: in the stack's wake
    assert a["Crew Dragon Endurance (Crew-3)"] == 0.0  # Harmony forward: inside its disk
    assert a["Progress MS-19"] == pytest.approx(7.2 * 2.72, abs=0.1)  # Poisk zenith
    assert a["Soyuz MS-19"] > 0 and a["Cygnus NG-17"] > 0


def test_separation_uses_the_share_and_falls_back_to_mass():
    iss = load_station()
    ru = [m.name for m in iss.modules if m.segment == "russian"]
    stay, leave, notes = split(iss, ru, "RS")
    share = ram_area_share(iss, [m.name for m in leave.modules] + [v.name for v in leave.vehicles])
    assert leave.drag_area_m2 == pytest.approx(iss.drag_area_m2 * share)
    assert stay.drag_area_m2 + leave.drag_area_m2 == pytest.approx(iss.drag_area_m2)
    assert "ram area" in notes["area_split"]
    # a station file whose modules the table does not know: pro rata to mass, said so
    other = replace(iss, modules=tuple(replace(m, name=m.name + " (mine)") for m in iss.modules))
    assert ram_area_share(other, ["x"]) is None
    ru2 = [m.name for m in other.modules if m.segment == "russian"]
    _, leave2, notes2 = split(other, ru2, "RS")
    assert "mass" in notes2["area_split"]
    assert leave2.drag_area_m2 == pytest.approx(
        other.drag_area_m2 * leave2.itemised_mass_kg / other.itemised_mass_kg
    )
