"""Reading CCSDS CDMs (KVN): values, units, frames, and one clear error per bad input."""

from __future__ import annotations

import numpy as np
import pytest

from stationkeeper.conjunction.cdm import read_cdm
from stationkeeper.constants import OMEGA_EARTH_RAD_S
from stationkeeper.errors import InputError

# Alfano (2009) case 7 as a trimmed CDM (see test_against_alfano2009.py for the source).
GOOD = """\
CCSDS_CDM_VERS = 1.0
CREATION_DATE = 2000-01-01T00:00:00.000
ORIGINATOR = JSPOC
MESSAGE_ID = A09_case_07
TCA = 2000-01-01T00:00:00
MISS_DISTANCE = 3 [m]
COMMENT HBR = 10.0
OBJECT = OBJECT1
OBJECT_DESIGNATOR = 1
REF_FRAME = EME2000
X = -6877.46917 [km]
Y = -67.773184 [km]
Z = -67.773184 [km]
X_DOT = 0.106080629 [km/s]
Y_DOT = -5.382404705 [km/s]
Z_DOT = -5.382404705 [km/s]
CR_R = 3451.363822699375 [m**2]
CT_R = -672755.8503785931 [m**2]
CT_T = 131602564.2426085 [m**2]
CN_R = 0.0 [m**2]
CN_T = 0.0 [m**2]
CN_N = 355.0903989987834 [m**2]
OBJECT = OBJECT2
OBJECT_DESIGNATOR = 2
REF_FRAME = EME2000
X = -6877.468686 [km]
Y = -67.775155 [km]
Z = -67.775636 [km]
X_DOT = 0.10621663 [km/s]
Y_DOT = -5.382500695 [km/s]
Z_DOT = -5.382300689 [km/s]
CR_R = 3475.004257748021 [m**2]
CT_R = -675059.4898692167 [m**2]
CT_T = 131600029.3638659 [m**2]
CN_R = 5.564041494210414e-08 [m**2]
CN_T = 8.331824119522935e-09 [m**2]
CN_N = 355.1481937268812 [m**2]
"""


def test_cdm_values_units_and_frames():
    """km and m**2 as given; metres read as km; an ITRF velocity gains ω × r."""
    cdm = read_cdm("a.cdm", text=GOOD)
    assert cdm.message_id == "A09_case_07" and cdm.hbr_m == 10.0
    assert cdm.miss_distance_m == pytest.approx(3.0)
    o1 = cdm.object1
    assert o1.r_km == pytest.approx([-6877.46917, -67.773184, -67.773184])
    assert o1.cov_rtn_km2[1, 1] == pytest.approx(131602564.2426085e-6)
    assert o1.cov_rtn_km2[0, 1] == o1.cov_rtn_km2[1, 0]
    in_m = GOOD.replace("X = -6877.46917 [km]", "X = -6877469.17 [m]", 1)
    assert read_cdm("a.cdm", text=in_m).object1.r_km == pytest.approx(o1.r_km)
    itrf = read_cdm("a.cdm", text=GOOD.replace("REF_FRAME = EME2000", "REF_FRAME = ITRF", 1))
    spin = np.cross([0.0, 0.0, OMEGA_EARTH_RAD_S], o1.r_km)
    assert itrf.object1.v_km_s == pytest.approx(o1.v_km_s + spin)
    assert read_cdm("a.cdm", text=GOOD.replace("COMMENT HBR = 10.0\n", "")).hbr_m is None


def test_cdm_bad_input():
    with pytest.raises(InputError, match="CCSDS_CDM_VERS"):
        read_cdm("a.cdm", text=GOOD.replace("CCSDS_CDM_VERS = 1.0\n", ""))
    with pytest.raises(InputError, match="CN_N"):
        read_cdm("a.cdm", text=GOOD.replace("CN_N", "CN_X", 1))
    with pytest.raises(InputError, match="unit"):
        read_cdm("a.cdm", text=GOOD.replace("[km/s]", "[furlong]", 1))
    with pytest.raises(InputError, match="two OBJECT"):
        read_cdm("a.cdm", text=GOOD.split("OBJECT = OBJECT2")[0])
    with pytest.raises(InputError, match="not a number"):
        read_cdm("a.cdm", text=GOOD.replace("X = -6877.46917", "X = minus", 1))
    with pytest.raises(InputError, match="REF_FRAME"):
        read_cdm("a.cdm", text=GOOD.replace("REF_FRAME = EME2000", "REF_FRAME = MOON", 1))
    with pytest.raises(InputError, match="hard-body radius"):
        read_cdm("a.cdm", text=GOOD.replace("COMMENT HBR = 10.0\n", "")).pc()
    with pytest.raises(InputError, match="not found"):
        read_cdm("/nonexistent/file.cdm")


def test_cdm_hostile_input_is_one_clear_error(tmp_path):
    """A byte-order mark is accepted; a folder, `1e`, other scripts' digits, non-finite or
    non-positive hard-body radii and impossible dates are refused with the field."""
    bom = tmp_path / "bom.cdm"
    bom.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    assert read_cdm(bom).message_id == "A09_case_07"
    with pytest.raises(InputError, match="folder") as exc:
        read_cdm(tmp_path)
    assert exc.value.file == str(tmp_path)
    bad_numbers = {
        "COMMENT HBR = 10.0": ["COMMENT HBR = 1e", "COMMENT HBR = 0", "COMMENT HBR = nan",
                               "COMMENT HBR = -3", "COMMENT HBR = inf"],
        "X = -6877.46917": ["X = 1e", "X = -6877.4\u0661", "X = 1_0", "X = NaN", "X = 1e400"],
    }  # fmt: skip
    for good, bads in bad_numbers.items():
        for bad in bads:
            with pytest.raises(InputError) as exc:
                read_cdm("a.cdm", text=GOOD.replace(good, bad, 1))
            assert exc.value.field == ("HBR" if "HBR" in good else "X"), bad
            assert exc.value.line is not None
    for tca in ("1900-01-01T00:00:00", "2200-01-01T00:00:00"):
        with pytest.raises(InputError, match="1957") as exc:
            read_cdm("a.cdm", text=GOOD.replace("TCA = 2000-01-01T00:00:00", f"TCA = {tca}"))
        assert exc.value.field == "TCA"
