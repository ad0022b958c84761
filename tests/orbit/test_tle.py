"""TLE ingest: the fields of a real TLE, malformed and re-entering input refused, histories."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import shared_file

from stationkeeper.errors import InputError, PhysicsError
from stationkeeper.orbit.tle import (
    load_elements,
    load_tle,
    load_tle_history,
    parse_tle,
    tle_checksum,
)

ISS_L1 = "1 25544U 98067A   22062.70831057  .00006857  00000-0  13000-3 0  9996"
ISS_L2 = "2 25544  51.6441 138.9496 0005432 208.7087 255.9828 15.49552130328826"


def _rechecksum(line: str) -> str:
    return line[:68] + str(tle_checksum(line))


def test_checksums_of_a_published_tle():
    """CelesTrak's ISS TLE of 2022-03-03 carries checksums 6 and 6 in column 69."""
    assert tle_checksum(ISS_L1) == int(ISS_L1[68]) == 6
    assert tle_checksum(ISS_L2) == int(ISS_L2[68]) == 6


def test_iss_tle_fields():
    es = parse_tle(ISS_L1, ISS_L2, "ISS (ZARYA)")
    assert es.norad_id == 25544
    assert es.epoch_utc.isoformat().startswith("2022-03-03T16:59:58")
    assert es.mean_motion_rev_per_day == pytest.approx(15.49552130, abs=1e-8)
    # a from Kepler's third law with WGS-72 mu, independent of sgp4's own value (Kozai vs
    # Brouwer mean motion differ by ~1e-3, so 10 km tolerance on a)
    n = 15.49552130 * 2 * np.pi / 86400
    assert es.semi_major_axis_km == pytest.approx((398600.8 / n**2) ** (1 / 3), abs=10)
    assert 410 < es.perigee_km < es.apogee_km < 425


@pytest.mark.parametrize(
    "line1, line2, needle",
    [
        (ISS_L1[:-1] + "5", ISS_L2, "checksum"),
        (ISS_L1, ISS_L2[:-3], "69"),
        (ISS_L1, _rechecksum(ISS_L2.replace("2 25544", "2 25545", 1)), "catalogue number"),
        (ISS_L2, ISS_L1, "line 2 without a line 1"),
    ],
)
def test_malformed_tle_is_refused_with_file_and_line(tmp_path, line1, line2, needle):
    path = tmp_path / "bad.tle"
    path.write_text(f"ISS\n{line1}\n{line2}\n")
    with pytest.raises(InputError) as info:
        load_tle(path)
    msg = str(info.value)
    assert needle in msg
    assert str(path) in msg
    assert ":2:" in msg or ":3:" in msg


def test_perigee_below_100_km_is_refused(tmp_path):
    # mean motion 16.45 rev/day -> a ~ 6532 km -> perigee ~ 150 km with e=0.0; use e to push it low
    l1 = "1 99999U 22001A   22062.70831057  .00006857  00000-0  13000-3 0  999"
    l2 = "2 99999  51.6441 138.9496 0150000 208.7087 255.9828 16.30000000328820"
    l1 = l1 + str(tle_checksum(l1 + "0"))
    l2 = l2[:68] + str(tle_checksum(l2))
    path = tmp_path / "low.tle"
    path.write_text(f"{l1}\n{l2}\n")
    with pytest.raises(PhysicsError, match="perigee altitude .* below 100 km"):
        load_tle(path)


def test_history_is_sorted_and_deduplicated():
    hist = load_tle_history(shared_file("tle", "iss_25544_2021-2022.3le"))
    epochs = [h.epoch_utc for h in hist]
    assert epochs == sorted(epochs)
    assert len(set(epochs)) == len(epochs)
    raw = load_elements(shared_file("tle", "iss_25544_2021-2022.3le"), check_physics=False)
    assert len(raw) == 2096 and len(hist) < len(raw)


# ---- hostile and unusual files (issue 15): each case refused in one line, or accepted


def _with_field(line: str, start: int, text: str) -> str:
    """``line`` with columns ``start``.. replaced by ``text`` and a fresh checksum."""
    return _rechecksum(line[:start] + text + line[start + len(text) :])


@pytest.mark.parametrize(
    "line1, line2, field",
    [
        (ISS_L1, _with_field(ISS_L2, 8, "     nan"), "inclination"),
        (ISS_L1, _with_field(ISS_L2, 17, "     inf"), "ra_of_asc_node"),
        (ISS_L1, _with_field(ISS_L2, 52, "        nan"), "mean_motion"),
        (_with_field(ISS_L1, 53, "    nan"), ISS_L2, "bstar"),
        (ISS_L1, _with_field(ISS_L2, 8, "200.0000"), "inclination"),
    ],
)
def test_non_finite_or_absurd_elements_are_refused(tmp_path, line1, line2, field):
    path = tmp_path / "nan.tle"
    path.write_text(f"{line1}\n{line2}\n")
    for load in (load_tle, load_tle_history):  # a history does not skip the check either
        with pytest.raises(InputError, match=field) as info:
            load(path)
        assert f"{path}:1" in str(info.value)


def test_superscript_digit_is_a_bad_column_not_a_crash(tmp_path):
    path = tmp_path / "sup.tle"
    path.write_text(f"{ISS_L1[:30]}\u00b2{ISS_L1[31:]}\n{ISS_L2}\n")  # '²'.isdigit() is True
    with pytest.raises(InputError, match="column 31"):
        load_tle(path)


@pytest.mark.parametrize(
    "text",
    [
        f"\ufeff0 ISS (ZARYA)\r\n{ISS_L1}\r\n{ISS_L2}\r\n",  # BOM + CRLF (Windows editors)
        f"\ufeff{ISS_L1}\n{ISS_L2}\n",  # BOM before line 1
        f"{ISS_L1}\t\n{ISS_L2} \t \n",  # trailing tab / blanks
    ],
)
def test_real_world_variants_are_accepted(tmp_path, text):
    path = tmp_path / "iss.tle"
    path.write_bytes(text.encode("utf-8"))
    es = load_tle(path)
    assert es.norad_id == 25544
    assert es.mean_motion_rev_per_day == pytest.approx(15.49552130, abs=1e-8)


HST_L1 = "1 20580U 90037B   22062.52036773  .00001090  00000-0  55016-4 0  9991"
HST_L2 = "2 20580  28.4710 146.0425 0002486 156.8203 310.0466 15.10292727551011"


def test_several_objects_are_refused_unless_one_is_named(tmp_path):
    """Two objects in a --tle file: the newer (here the Hubble telescope) must not silently win."""
    hst_l1 = _rechecksum(HST_L1.replace("22062.52036773", "22062.90000000"))
    path = tmp_path / "two.tle"
    path.write_text(f"0 ISS (ZARYA)\n{ISS_L1}\n{ISS_L2}\n0 HST\n{hst_l1}\n{_rechecksum(HST_L2)}\n")
    with pytest.raises(InputError, match="2 different objects") as info:
        load_tle(path)
    assert "25544 ISS (ZARYA)" in str(info.value) and "20580 HST" in str(info.value)
    assert load_tle(path, norad_id=25544).name == "ISS (ZARYA)"
    assert load_tle(path, norad_id=20580).name == "HST"
    with pytest.raises(InputError, match="NORAD 99999"):
        load_tle(path, norad_id=99999)
    assert len(load_elements(path)) == 2  # the catalogue reader still reads both


def test_one_object_history_still_gives_its_newest(tmp_path):
    hist = shared_file("tle", "iss_25544_2021-2022.3le")
    assert load_tle(hist).epoch_utc == max(es.epoch_utc for es in load_tle_history(hist))


def test_a_folder_or_binary_file_is_a_clean_error(tmp_path):
    with pytest.raises(InputError, match="folder"):
        load_tle(tmp_path)
    path = tmp_path / "bin.tle"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError):
        load_tle(path)
