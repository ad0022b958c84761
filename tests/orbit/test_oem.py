"""CCSDS OEM (KVN) reading and writing: the three real NASA TOPO files, malformed input,
the round trip, and the EME2000 frame bias against skyfield's own frames."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from conftest import shared_file

from stationkeeper.errors import InputError
from stationkeeper.orbit.oem import parse_oem, read_oem
from stationkeeper.orbit.oem_write import format_oem, oem_from_states, write_oem
from stationkeeper.orbit.state import State

FILES = (
    "nasa_topo_oem_2023-02-15_header.txt",
    "nasa_topo_oem_2024-11-27_excerpt.txt",
    "nasa_topo_oem_2026-09-04_excerpt.txt",
)


def _text(name: str) -> str:
    return shared_file("iss_recent", name).read_text(encoding="utf-8")


def test_reads_the_three_real_files():
    header = read_oem(shared_file("iss_recent", FILES[0]), states_required=False)
    assert header.header["CREATION_DATE"] == "2023-02-16T00:51:05.746"
    assert header.segments[0].meta["REF_FRAME"] == "EME2000"
    assert any("TRAJECTORY EVENT SUMMARY" in c for c in header.all_comments)
    one = read_oem(shared_file("iss_recent", FILES[1]))
    (s,) = one.segments[0].states
    # the numbers as printed on the file's data line
    assert s.r_km == (-3803.111683270652, 5637.422077446301, 0.651103754965438)
    assert s.v_km_s == (-3.940598689126699, -2.661915521602177, 5.99985773278453)
    three = read_oem(shared_file("iss_recent", FILES[2]))
    epochs = [st.epoch_utc for st in three.segments[0].states]
    start = datetime(2026, 9, 4, 12, tzinfo=UTC)
    assert epochs == [start + timedelta(minutes=4 * k) for k in range(3)]


def test_a_header_without_states_is_refused_where_states_are_needed():
    with pytest.raises(InputError) as err:
        read_oem(shared_file("iss_recent", FILES[0]))
    assert err.value.line == 5 and err.value.field == "data"


@pytest.mark.parametrize(
    ("edit", "line", "field"),
    [
        (("-304.795682412414", "-304.79x"), 16, "x_km"),
        (("-5.92826400060074\n", "\n"), 16, "data line"),
        (("2026-09-04T12:04:00.000 ", "2026-09-04T11:04:00.000 "), 17, "epoch"),
        (("REF_FRAME            = EME2000", "REF_FRAME = TEME"), 9, "REF_FRAME"),
        (("TIME_SYSTEM          = UTC", "TIME_SYSTEM = TAI"), 10, "TIME_SYSTEM"),
        (("OBJECT_ID            = 1998-067-A\n", ""), 12, "OBJECT_ID"),
        (("META_STOP", "META_END"), 13, "META block"),
        (("CCSDS_OEM_VERS = 2.0", "CCSDS_OEM_VERS = 9.9"), 1, "CCSDS_OEM_VERS"),
        (("-304.795682412414", "-304795682.412414"), 16, "x_km"),
    ],
)
def test_malformed_input_names_line_and_field(edit, line, field):
    text = _text(FILES[2]).replace(*edit, 1)
    with pytest.raises(InputError) as err:
        parse_oem(text, "bad.oem")
    assert (err.value.file, err.value.line, err.value.field) == ("bad.oem", line, field)
    if field == "REF_FRAME":
        assert "EME2000" in str(err.value) and "GCRF" in str(err.value)


def test_covariance_block_is_skipped_and_said_so():
    text = _text(FILES[2]) + (
        "COVARIANCE_START\nEPOCH = 2026-09-04T12:00:00.000\nCOV_REF_FRAME = RTN\n"
        "1.0\n0.1 1.0\nCOVARIANCE_STOP\n"
    )
    seg = parse_oem(text).segments[0]
    assert seg.covariance_skipped and len(seg.states) == 3


def test_several_segments_and_acceleration_columns():
    text = _text(FILES[2])
    second = text[text.index("META_START") :].replace("12:0", "13:0")
    second = second.replace("-5.92826400060074", "-5.92826400060074 1e-6 2e-6 -3e-6")
    oem = parse_oem(text + "\n" + second)
    assert len(oem.segments) == 2
    assert oem.segments[1].states[0].a_km_s2 == (1e-6, 2e-6, -3e-6)
    assert oem.segments[0].states[0].a_km_s2 is None


def test_read_write_read_is_identical(tmp_path):
    for name in FILES[1:]:
        oem = read_oem(shared_file("iss_recent", name))
        path = tmp_path / name
        path.write_text(format_oem(oem), encoding="utf-8")
        again = read_oem(path)

        def numbers(o):
            return [(s.epoch_utc, s.r_km, s.v_km_s, s.a_km_s2) for s in o.segments[0].states]

        assert numbers(again) == numbers(oem)  # bit for bit
        assert again.segments[0].meta == oem.segments[0].meta
        assert again.all_comments == oem.all_comments


def test_states_written_read_back_within_a_millimetre(tmp_path):
    states = read_oem(shared_file("iss_recent", FILES[2])).segments[0].gcrs_states()
    for frame in ("EME2000", "GCRF"):
        path = write_oem(tmp_path / f"{frame}.oem", states, "ISS", "1998-067A", frame, ["a\nb"])
        back = read_oem(path).segments[0].gcrs_states()
        for a, b in zip(states, back, strict=True):
            assert a.epoch_utc == b.epoch_utc
            assert np.linalg.norm(a.r - b.r) < 1e-3  # m
            assert np.linalg.norm(a.v - b.v) < 1e-6  # m/s


def test_frame_bias_is_the_iers_rotation():
    """EME2000 -> GCRS rotates by the frame bias of the IERS 2003 Conventions (ch. 5:
    xi0 = -16.617 mas, eta0 = -6.8192 mas, da0 = -14.6 mas): at most their norm, 23.1 mas."""
    bias_rad = np.radians(np.hypot(np.hypot(16.617, 6.8192), 14.6) / 3.6e6)
    oem = read_oem(shared_file("iss_recent", FILES[2])).segments[0]
    for raw, gcrs in zip(oem.states, oem.gcrs_states(), strict=True):
        r_eme = np.array(raw.r_km) * 1e3
        cos = np.dot(r_eme, gcrs.r) / (np.linalg.norm(r_eme) * np.linalg.norm(gcrs.r))
        angle = np.arccos(min(1.0, cos))
        assert 0.0 < angle <= bias_rad * 1.0001
        shift_m = np.linalg.norm(gcrs.r - r_eme)
        assert shift_m < bias_rad * np.linalg.norm(r_eme) * 1.0001  # < 0.77 m at the ISS
        assert np.linalg.norm(gcrs.r) == pytest.approx(np.linalg.norm(r_eme), abs=1e-6)


def test_writer_refuses_other_frames():
    s = State(datetime(2026, 1, 1, tzinfo=UTC), (7e6, 0.0, 0.0), (0.0, 7.5e3, 0.0))
    with pytest.raises(InputError) as err:
        oem_from_states([s], "X", "1", "TEME")
    assert err.value.field == "ref_frame"
