"""``decay --oem FILE``: starts from NASA TOPO's state, reports TOPO's header figures next to
the drag used, and --out writes a trajectory.oem that reads back."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import shared_file

from stationkeeper.cli import main
from stationkeeper.orbit.oem import read_oem


def test_decay_oem_reports_topo_figures_and_writes_an_oem(tmp_path, capsys):
    path = shared_file("iss_recent", "nasa_topo_oem_2024-11-27_excerpt.txt")
    out_dir = tmp_path / "res"
    code = main(["decay", "--oem", str(path), "--days", "5", "--json", "--out", str(out_dir)])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    topo = data["topo_header"]
    # the figures printed in the file's COMMENT lines
    assert (topo["mass_kg"], topo["drag_area_m2"], topo["drag_coeff"]) == (473264.0, 1524.99, 2.0)
    assert topo["cd_area_m2"] == pytest.approx(2.0 * 1524.99)
    assert data["object"]["drag"] == "fitted"  # the default drag, not TOPO's
    start = data["start_state_gcrs"]
    assert start["exact"] and start["epoch_utc"].startswith("2024-11-27T12:00")
    assert data["decay"][0]["epoch_utc"].startswith("2024-11-27T12:00")
    # the state is the file's own (EME2000 km -> GCRS m: the frame bias moves it < 1 m)
    oem_r_m = np.array(read_oem(path).segments[0].states[0].r_km) * 1e3
    assert np.linalg.norm(np.array(start["r_m"]) - oem_r_m) < 1.0
    written = read_oem(out_dir / "trajectory.oem")
    (seg,) = written.segments
    assert seg.ref_frame == "EME2000" and len(seg.states) == 6
    assert any("ASSUMPTION" in c for c in written.all_comments)
    assert any("Drag used" in c for c in written.all_comments)
    # mean-element states: their radius is the run's mean altitude within the orbit's swing
    r_km = [np.linalg.norm(s.r_km) for s in seg.states]
    mean_km = [row["semi_major_axis_km"] for row in data["decay"]]
    assert np.allclose(r_km, mean_km, atol=15.0)


def test_decay_drag_topo_uses_the_oem_header(capsys):
    path = shared_file("iss_recent", "nasa_topo_oem_2024-11-27_excerpt.txt")
    code = main(["decay", "--oem", str(path), "--days", "2", "--drag", "topo", "--json", "-q"])
    assert code == 0
    obj = json.loads(capsys.readouterr().out)["object"]
    assert obj["ballistic_coefficient_kg_m2"] == pytest.approx(473264.0 / (2.0 * 1524.99))
    assert obj["drag"] == "topo" and "TOPO" in obj["drag_label"]
