"""TOPO's COMMENT figures as printed in NASA's files (and quoted in shared/data/iss_recent's
README): mass, drag area, Cd, and the 2023 event summary."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import shared_file

from stationkeeper.errors import InputError
from stationkeeper.orbit.topo_header import parse_topo_header, read_topo_header


@pytest.mark.parametrize(
    ("name", "mass_kg", "area_m2", "cd"),
    [
        ("nasa_topo_oem_2023-02-15_header.txt", 460_724.0, 1_504.78, 3.25),
        ("nasa_topo_oem_2024-11-27_excerpt.txt", 473_264.0, 1_524.99, 2.00),
    ],
)
def test_header_figures_are_the_published_ones(name, mass_kg, area_m2, cd):
    h = read_topo_header(shared_file("iss_recent", name))
    assert (h.mass_kg, h.drag_area_m2, h.drag_coeff) == (mass_kg, area_m2, cd)
    # README: Cd.A 4,890 m^2 in 2023, 3,050 in 2024
    assert h.cd_area_m2 == pytest.approx({3.25: 4_890, 2.00: 3_050}[cd], abs=1)
    assert h.ballistic_coefficient_kg_m2 == pytest.approx(mass_kg / (cd * area_m2))


def test_2023_event_summary_reboost():
    h = read_topo_header(shared_file("iss_recent", "nasa_topo_oem_2023-02-15_header.txt"))
    names = [e.name for e in h.events]
    assert names[0] == "82P Undock" and "Crew06 Docking" in names and len(names) == 6
    (reboost,) = [e for e in h.events if "Reboost" in e.name]
    assert reboost.dv_m_s == 1.7
    assert reboost.tig_utc == datetime(2023, 2, 20, 2, 58, tzinfo=UTC)  # GMT day 051
    assert reboost.tig_utc.timetuple().tm_yday == 51
    assert (reboost.apogee_km, reboost.perigee_km) == (425.4, 406.2)


def test_2026_excerpt_has_no_drag_figures():
    h = read_topo_header(shared_file("iss_recent", "nasa_topo_oem_2026-09-04_excerpt.txt"))
    assert not h.has_drag and h.ballistic_coefficient_kg_m2 is None and h.events == ()


def test_bad_figure_names_line_and_key():
    text = shared_file("iss_recent", "nasa_topo_oem_2024-11-27_excerpt.txt").read_text()
    with pytest.raises(InputError) as err:
        parse_topo_header(text.replace("MASS=473264.00", "MASS=heavy"), "t.oem")
    assert (err.value.line, err.value.field) == (18, "MASS")
