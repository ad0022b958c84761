"""``screen --station-tle FILE.oem``: the station's state from a CCSDS OEM (NASA TOPO's
2026-09-04 excerpt) is read through the project's element loader; the epoch check reports the
gap to a catalogue of another epoch; at the OEM's epoch the screen runs and meets an object
built to cross the station's orbit where geometry says it must."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np
import pytest
from sgp4 import exporter
from sgp4.api import WGS72, Satrec

import stationkeeper as sk
from stationkeeper.cli import main
from stationkeeper.conjunction.catalog import satrec_from_payload, station_elements
from stationkeeper.errors import InputError
from stationkeeper.orbit.oem import read_oem
from stationkeeper.orbit.tle import today_state_path

#: The first state of the 2026-09-04 excerpt (its epoch, as the file writes it).
OEM_EPOCH = datetime(2026, 9, 4, 12, tzinfo=UTC)


def test_the_oem_station_file_is_read_and_rebuilt_bit_for_bit():
    es, payload, origin = station_elements(None, today_state_path())
    assert es.epoch_utc == OEM_EPOCH
    assert "iss_topo_oem_2026-09-04.txt" in origin and "--station-tle" in origin
    assert payload[0] == "sgp4init"  # an OEM has no TLE lines to re-read
    sat = satrec_from_payload(payload)  # what a screening worker rebuilds
    first = read_oem(today_state_path()).segments[0].gcrs_states()[0]
    jd, fr = es.satrec.jdsatepoch, es.satrec.jdsatepochF
    for days in (0.0, 0.5, 3.0):
        assert sat.sgp4(jd, fr + days) == es.satrec.sgp4(jd, fr + days)
    # the rebuilt set flies through the OEM's own state (TEME vs GCRS: < 1 km here)
    _, r_km, _ = sat.sgp4(jd, fr)
    assert abs(np.linalg.norm(r_km) - np.linalg.norm(first.r_m) / 1e3) < 0.3


def test_an_oem_of_another_epoch_is_one_clear_epoch_error(subset, capsys):
    sub = subset(20)  # objects of the 2022-01-22 catalogue
    gap_days = (OEM_EPOCH.date() - datetime(2022, 1, 22).date()).days  # 1686 (± the median's day)
    with pytest.raises(InputError, match="station TLE epoch") as exc:
        sk.screen(sub, station_tle=today_state_path())
    text = str(exc.value)
    assert "epoch 2026-09-04" in text and "catalogue's epoch 2022-01-2" in text
    days = int(text.split(" is ")[1].split(" days")[0])
    assert abs(days - gap_days) <= 1
    assert "iss_topo_oem_2026-09-04.txt" in exc.value.file
    with pytest.raises(InputError, match="from the screening span 2022-01-23"):
        sk.screen(sub, station_tle=today_state_path(), start_utc=datetime(2022, 1, 23, tzinfo=UTC))
    for option in ("--station-tle", "--oem"):
        code = main(["screen", "--catalog", str(sub), option, str(today_state_path())])
        assert code == 2
        err = capsys.readouterr().err
        assert "1686 days" in err or "1685 days" in err or "1687 days" in err
        assert "Traceback" not in err


def test_at_the_oem_epoch_a_crossing_object_meets_the_station_at_the_node(tmp_path):
    """An object on the station's orbit but inclined 65° (same node, same argument of
    latitude at the epoch): the two planes cross along the node line, so every approach
    is at the equator, and the relative speed is 2 v sin(Δi / 2) (v = the circular speed)."""
    es, payload, _ = station_elements(None, today_state_path())
    s = es.satrec
    sat = Satrec()
    inc = math.radians(65.0)
    sat.sgp4init(WGS72, "i", 99001, payload[2], s.bstar, 0.0, 0.0, s.ecco, s.argpo, inc,
                 s.mo, s.no_kozai, s.nodeo)  # fmt: skip
    line1, line2 = exporter.export_tle(sat)
    cat = tmp_path / "crosser.tle"
    cat.write_text(f"0 CROSSER\n{line1}\n{line2}\n")
    r = sk.screen(cat, station_tle=today_state_path(), days=0.1, scheduler="synchronous")
    assert r["station"]["epoch_utc"] == OEM_EPOCH.isoformat()
    events = [e for e in r["events"] if e["norad_id"] == 99001]
    assert events
    a_km = es.semi_major_axis_km
    v_km_s = math.sqrt(398600.8 / a_km)  # WGS-72 GM (SGP4's)
    expected = 2 * v_km_s * math.sin((inc - s.inclo) / 2)
    for e in events:
        assert abs(e["r_station_km"][2]) < 100.0  # at the equator (orbit amplitude ~5,300 km)
        assert e["relative_speed_km_s"] == pytest.approx(expected, rel=0.02)
