"""trajectory.oem of ``stationkeeper run --out``: it reads back (orbit/oem.py) to the states
written; its radius stays on each row's mean ellipse; it starts near the real ISS state;
segments split at the manoeuvres and the separation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import stationkeeper as sk
from stationkeeper.constants import R_EARTH_EQ_M
from stationkeeper.orbit.oem import read_oem
from stationkeeper.orbit.state import state_from_elements
from stationkeeper.report.scenario_oem import scenario_segments

SCENARIO = """[scenario]
name = "oem test"
duration_days = 60
atmosphere = "exponential"

[reboost]
enabled = true
floor_km = 417.0
target_km = 420.0
engines = ["Zvezda main engines", "Progress MS", "Cygnus"]

[[events]]
date = 2022-04-01
type = "separation"
segment = "russian"
name = "Russian segment"
remaining_name = "US segment"
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    d = tmp_path_factory.mktemp("oem_run")
    path = d / "s.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    res = sk.run_scenario(path)
    written = res.write(d / "out")  # the writers of `stationkeeper run --out`
    assert d / "out" / "trajectory.oem" in written
    return res, read_oem(d / "out" / "trajectory.oem")


def test_the_file_reads_back_to_the_states_written(run):
    res, oem = run
    ts, ev = res.tables["timeseries"], res.tables["events"]
    start = state_from_elements(res.objects["scenario"].elements)
    expected = scenario_segments(ts, ev, start)
    assert len(oem.segments) == len(expected)
    for seg, (body, _, states) in zip(oem.segments, expected, strict=True):
        assert seg.meta["OBJECT_NAME"] == body and seg.ref_frame == "EME2000"
        got = seg.gcrs_states()
        assert [s.epoch_utc for s in got] == [s.epoch_utc for s in states]
        r = np.array([s.r_m for s in got]) - np.array([s.r_m for s in states])
        v = np.array([s.v_m_s for s in got]) - np.array([s.v_m_s for s in states])
        assert np.abs(r).max() < 1e-3 and np.abs(v).max() < 1e-6  # 1 mm, 1 µm/s
    assert any("mean-element states, not osculating" in c for c in oem.comments)


def test_the_radius_stays_on_each_rows_mean_ellipse(run):
    """|r| of a point on an ellipse lies within a(1 - e) .. a(1 + e): the time series'
    perigee and apogee (mean elements). The osculating orbit is off it by the J2 short-period
    terms (~10 km), which mean-element states do not carry."""
    res, oem = run
    ts = res.tables["timeseries"]
    for seg in oem.segments:
        rows = ts[ts["body"] == seg.meta["OBJECT_NAME"]].set_index("epoch_utc")
        for s in seg.gcrs_states():
            row = rows.loc[pd.Timestamp(s.epoch_utc)]
            row = row.iloc[-1] if isinstance(row, pd.DataFrame) else row
            radius_km = float(np.linalg.norm(s.r_m)) / 1e3
            r_eq_km = R_EARTH_EQ_M / 1e3
            assert r_eq_km + row.perigee_km - 1e-3 <= radius_km <= r_eq_km + row.apogee_km + 1e-3
            a_km = r_eq_km + row.mean_altitude_km
            assert abs(radius_km - a_km) <= a_km * row.eccentricity + 1e-3  # ~3.4 km at the ISS


def test_it_starts_near_the_real_state_and_splits_where_the_orbit_jumps(run):
    res, oem = run
    ev = res.tables["events"]
    es = res.objects["scenario"].elements
    real = state_from_elements(es)  # SGP4 of the 2022-03-03 TLE (osculating)
    first = oem.segments[0].gcrs_states()[0]
    assert first.epoch_utc == real.epoch_utc
    # mean vs osculating at the ISS: J2 short-period (~10 km) plus a·e (~3.4 km)
    assert np.linalg.norm(np.subtract(first.r_m, real.r_m)) < 25e3
    # a segment starts at each manoeuvre (the event's epoch: the row after the burn)
    burns = ev[pd.to_numeric(ev["dv_m_s"], errors="coerce").fillna(0) > 0]
    assert len(burns) >= 1
    starts = {(s.meta["OBJECT_NAME"], s.states[0].epoch_utc) for s in oem.segments}
    for b in burns.itertuples():
        assert (b.body, pd.Timestamp(b.epoch_utc).to_pydatetime()) in starts
    bodies = [s.meta["OBJECT_NAME"] for s in oem.segments]
    assert set(bodies) == {"International Space Station", "Russian segment", "US segment"}
    assert len(oem.segments) == 3 + len(burns)
    # the two parts separate on one orbit: at the next row (17 h later) their mean a differ by
    # ~0.07 km, whose mean-motion difference (1.5 da/a n t) moves them apart by a few km
    parts = [s for s in oem.segments if "segment" in s.meta["OBJECT_NAME"]]
    r_ru, r_us = (p.gcrs_states()[0] for p in parts[:2])
    assert r_ru.epoch_utc == r_us.epoch_utc
    gap_km = np.linalg.norm(np.subtract(r_ru.r_m, r_us.r_m)) / 1e3
    assert 0.0 < gap_km < 20.0
