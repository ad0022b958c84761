"""CCSDS OMM ingest (JSON, XML): the same orbit as the TLE, and missing fields named."""

from __future__ import annotations

import json

import numpy as np
import pytest

from stationkeeper.errors import InputError
from stationkeeper.orbit.tle import load_elements, load_tle, parse_tle

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


# ---- hostile and unusual files (issue 15)


@pytest.mark.parametrize(
    "document, needle",
    [
        ("[[{}]]", "record 1 is a list"),
        ("42", "is a number"),
        ('"ISS"', "is a string"),
        ("null", "is null"),
        ("[1, 2]", "record 1 is a number"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("[{", "not readable JSON"),
    ],
)
def test_wrong_json_shapes_are_refused(tmp_path, document, needle):
    path = tmp_path / "bad.json"
    path.write_text(document)
    with pytest.raises(InputError, match=needle) as info:
        load_tle(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "key, value",
    [
        ("MEAN_MOTION", float("nan")),
        ("INCLINATION", float("inf")),
        ("RA_OF_ASC_NODE", "NaN"),
        ("BSTAR", "-Infinity"),
        ("ECCENTRICITY", "1e400"),
        ("MEAN_MOTION", "\u0661\u0665.\u0665"),  # Arabic-Indic digits: float() takes them
        ("MEAN_MOTION", "1_5.5"),  # float() takes the underscore too
        ("MEAN_MOTION", True),
        ("MEAN_MOTION", [15.5]),
        ("NORAD_CAT_ID", "25544.5"),
        ("NORAD_CAT_ID", 10**30),
        ("ELEMENT_SET_NO", "9" * 30),
        ("EPOCH", "0001-01-01T00:00:00"),
        ("EPOCH", "2022-02-30T00:00:00"),
        ("CLASSIFICATION_TYPE", "UNCLASSIFIED"),
    ],
)
def test_bad_values_are_refused_naming_the_field(tmp_path, key, value):
    rec = _omm_record()
    rec[key] = value
    path = tmp_path / "iss.json"
    path.write_text(json.dumps([rec]))  # NaN/Infinity written as JSON's usual extension
    with pytest.raises(InputError) as info:
        load_tle(path)
    assert str(path) in str(info.value)
    assert key.lower() in str(info.value).lower() or key == "EPOCH" and "epoch" in str(info.value)


@pytest.mark.parametrize(
    "epoch, seconds",
    [
        ("2022-03-03T16:59:57", 57.0),  # Space-Track, whole seconds
        ("2022-03-03T16:59:57Z", 57.0),
        ("2022-03-03T16:59:58.033248Z", 58.033248),
        ("2022-062T16:59:58.033248", 58.033248),  # CCSDS day-of-year form
    ],
)
def test_epoch_forms_the_providers_serve_are_accepted(tmp_path, epoch, seconds):
    rec = _omm_record()
    rec["EPOCH"] = epoch
    path = tmp_path / "iss.json"
    path.write_bytes(("\ufeff" + json.dumps([rec])).encode("utf-8"))  # with a BOM
    es = load_tle(path)
    t = es.epoch_utc
    assert (t.year, t.month, t.day, t.hour, t.minute) == (2022, 3, 3, 16, 59)
    # sgp4 keeps the epoch as one Julian-date double: ~10 us resolution
    assert t.second + t.microsecond / 1e6 == pytest.approx(seconds, abs=5e-5)


def _xml(rec, encoding="UTF-8", drop=None):
    meta = ("OBJECT_NAME", "OBJECT_ID")
    mean = ("EPOCH", "MEAN_MOTION", "ECCENTRICITY", "INCLINATION", "RA_OF_ASC_NODE")
    mean += ("ARG_OF_PERICENTER", "MEAN_ANOMALY")
    tle = ("EPHEMERIS_TYPE", "CLASSIFICATION_TYPE", "NORAD_CAT_ID", "ELEMENT_SET_NO")
    tle += ("REV_AT_EPOCH", "BSTAR", "MEAN_MOTION_DOT", "MEAN_MOTION_DDOT")

    def part(tag, keys):
        if tag == drop:
            return ""
        return f"<{tag}>" + "".join(f"<{k}>{rec[k]}</{k}>" for k in keys) + f"</{tag}>"

    data = (
        ""
        if drop == "data"
        else f"<data>{part('meanElements', mean)}{part('tleParameters', tle)}</data>"
    )
    return (
        f'<?xml version="1.0" encoding="{encoding}"?><ndm><omm><body><segment>'
        f"{part('metadata', meta)}{data}</segment></body></omm></ndm>"
    )


def test_xml_in_its_declared_latin1_encoding_is_read(tmp_path):
    rec = _omm_record()
    rec["OBJECT_NAME"] = "ESTACI\u00d3N"
    path = tmp_path / "iss.xml"
    path.write_bytes(_xml(rec, "ISO-8859-1").encode("latin-1"))
    es = load_tle(path)
    assert es.name == "ESTACI\u00d3N" and es.norad_id == 25544


@pytest.mark.parametrize("drop", ["metadata", "data", "meanElements", "tleParameters"])
def test_xml_segment_without_a_part_is_refused(tmp_path, drop):
    path = tmp_path / "iss.xml"
    path.write_text(_xml(_omm_record(), drop=drop))
    with pytest.raises(InputError, match=f"no <{drop}>"):
        load_tle(path)


def test_csv_with_nan_and_extra_cells_is_refused_with_its_line(tmp_path):
    rec = _omm_record()
    head = ",".join(rec) + "\n" + ",".join(str(v) for v in rec.values()) + "\n"
    path = tmp_path / "iss.csv"
    path.write_text(
        head + ",".join("nan" if k == "INCLINATION" else str(v) for k, v in rec.items())
    )
    with pytest.raises(InputError, match=f"{path}:3: INCLINATION"):
        load_elements(path)
    path.write_text(head + ",".join(str(v) for v in rec.values()) + ",surplus\n")
    with pytest.raises(InputError, match=f"{path}:3: more cells"):
        load_elements(path)
