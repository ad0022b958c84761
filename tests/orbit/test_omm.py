"""CCSDS OMM ingest (JSON, XML): the same orbit as the TLE, and missing fields named."""

from __future__ import annotations

import json

import numpy as np
import pytest

from stationkeeper.errors import InputError
from stationkeeper.orbit.tle import load_tle, parse_tle

ISS_L1 = "1 25544U 98067A   22062.70831057  .00006857  00000-0  13000-3 0  9996"
ISS_L2 = "2 25544  51.6441 138.9496 0005432 208.7087 255.9828 15.49552130328826"


def _omm_record():
    return {
        "OBJECT_NAME": "ISS (ZARYA)",
        "OBJECT_ID": "1998-067A",
        "EPOCH": "2022-03-03T16:59:58.033248",
        "MEAN_MOTION": 15.49552130,
        "ECCENTRICITY": 0.0005432,
        "INCLINATION": 51.6441,
        "RA_OF_ASC_NODE": 138.9496,
        "ARG_OF_PERICENTER": 208.7087,
        "MEAN_ANOMALY": 255.9828,
        "EPHEMERIS_TYPE": 0,
        "CLASSIFICATION_TYPE": "U",
        "NORAD_CAT_ID": 25544,
        "ELEMENT_SET_NO": 999,
        "REV_AT_EPOCH": 32882,
        "BSTAR": 0.00013,
        "MEAN_MOTION_DOT": 0.00006857,
        "MEAN_MOTION_DDOT": 0,
    }


def test_omm_json_matches_the_tle(tmp_path):
    path = tmp_path / "iss.json"
    path.write_text(json.dumps([_omm_record()]))
    es_omm = load_tle(path)
    es_tle = parse_tle(ISS_L1, ISS_L2)
    _, r1, _ = es_omm.satrec.sgp4_tsince(90.0)
    _, r2, _ = es_tle.satrec.sgp4_tsince(90.0)
    assert np.max(np.abs(np.array(r1) - np.array(r2))) < 1e-3  # km


def test_omm_xml_is_read(tmp_path):
    rec = _omm_record()
    body = "".join(f"<{k}>{v}</{k}>" for k, v in rec.items() if k in ("OBJECT_NAME", "OBJECT_ID"))
    mean = "".join(
        f"<{k}>{rec[k]}</{k}>"
        for k in (
            "EPOCH",
            "MEAN_MOTION",
            "ECCENTRICITY",
            "INCLINATION",
            "RA_OF_ASC_NODE",
            "ARG_OF_PERICENTER",
            "MEAN_ANOMALY",
        )
    )
    tle = "".join(
        f"<{k}>{rec[k]}</{k}>"
        for k in (
            "EPHEMERIS_TYPE",
            "CLASSIFICATION_TYPE",
            "NORAD_CAT_ID",
            "ELEMENT_SET_NO",
            "REV_AT_EPOCH",
            "BSTAR",
            "MEAN_MOTION_DOT",
            "MEAN_MOTION_DDOT",
        )
    )
    xml = (
        '<?xml version="1.0"?><ndm><omm><body><segment><metadata>'
        f"{body}<CENTER_NAME>EARTH</CENTER_NAME><REF_FRAME>TEME</REF_FRAME>"
        "<TIME_SYSTEM>UTC</TIME_SYSTEM><MEAN_ELEMENT_THEORY>SGP4</MEAN_ELEMENT_THEORY>"
        f"</metadata><data><meanElements>{mean}</meanElements>"
        f"<tleParameters>{tle}</tleParameters></data></segment></body></omm></ndm>"
    )
    path = tmp_path / "iss.xml"
    path.write_text(xml)
    es = load_tle(path)
    assert es.norad_id == 25544
    assert es.mean_motion_rev_per_day == pytest.approx(15.4955213, abs=1e-6)


def test_omm_missing_field_is_named(tmp_path):
    rec = _omm_record()
    del rec["MEAN_MOTION"]
    path = tmp_path / "iss.json"
    path.write_text(json.dumps([rec]))
    with pytest.raises(InputError, match="MEAN_MOTION") as info:
        load_tle(path)
    assert str(path) in str(info.value)


def test_omm_csv_matches_the_tle(tmp_path):
    rec = _omm_record()
    path = tmp_path / "iss.csv"
    path.write_text(",".join(rec) + "\n" + ",".join(str(v) for v in rec.values()) + "\n")
    es = load_tle(path)
    _, r1, _ = es.satrec.sgp4_tsince(90.0)
    _, r2, _ = parse_tle(ISS_L1, ISS_L2).satrec.sgp4_tsince(90.0)
    assert es.name == "ISS (ZARYA)"
    assert np.max(np.abs(np.array(r1) - np.array(r2))) < 1e-3  # km
