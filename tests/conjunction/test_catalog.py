"""Reading whole catalogues: OMM JSON/CSV as the TLEs; corrupt records skipped with a warning."""

from __future__ import annotations

import csv
import json
import warnings

import numpy as np
import pytest
from fuzz.strategies import omm_xml
from sgp4 import exporter
from sgp4.api import WGS72, Satrec

import stationkeeper as sk
from stationkeeper.conjunction.catalog import (
    CatalogWarning,
    read_catalog,
    satrec_from_payload,
    station_elements,
)
from stationkeeper.conjunction.tca import jd_parts
from stationkeeper.errors import InputError


def test_omm_json_and_csv_catalogues(catalog, tmp_path):
    """OMM JSON/CSV give the same orbits as the TLEs; a bad record is skipped with a warning."""
    picks = [es for es in catalog.elements[:50]]
    records = [exporter.export_omm(es.satrec, es.name) for es in picks]
    records.insert(3, {"OBJECT_NAME": "BROKEN", "EPOCH": "2022-01-22T00:00:00"})
    jpath = tmp_path / "cat.json"
    jpath.write_text(json.dumps(records))
    with pytest.warns(CatalogWarning, match=r"skipped 1 corrupt record\(s\) of 51 \(lines 4;"):
        jcat = read_catalog(jpath)
    assert len(jcat) == 50
    cpath = tmp_path / "cat.csv"
    fields = sorted({k for r in records for k in r})
    with cpath.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(records)
    with pytest.warns(CatalogWarning, match=r"lines 5;"):  # header is line 1
        ccat = read_catalog(cpath)
    jd, fr = jd_parts(picks[0].epoch_utc)
    for es, pj, pc in zip(picks, jcat.payloads, ccat.payloads, strict=True):
        _, r0, _ = es.satrec.sgp4(jd, fr + 1.0)
        for payload in (pj, pc):
            _, r1, _ = satrec_from_payload(payload).sgp4(jd, fr + 1.0)
            assert np.linalg.norm(np.subtract(r1, r0)) < 0.05  # km: OMM from TLE precision


def test_corrupt_lines_are_skipped_with_a_warning(subset, tmp_path):
    path = subset(60)
    lines = path.read_text().splitlines()
    # checksum error (line 6), truncated line (line 9), orphan line 2 (after removing line 11)
    lines[5] = lines[5][:-1] + str((int(lines[5][-1]) + 1) % 10)
    lines[8] = lines[8][:40]
    del lines[10]
    bad = tmp_path / "bad.3le"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.warns(CatalogWarning) as rec:
        cat = read_catalog(bad)
    msg = str(rec[0].message)
    assert "skipped 3 corrupt record(s)" in msg
    assert "lines 5, 8, 11" in msg
    assert len(cat) == 61 - 3
    # the screen still runs on the rest
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CatalogWarning)
        r = sk.screen(bad, days=0.5, scheduler="synchronous")
    assert r["catalog"]["corrupt_skipped"] == 3
    assert any("corrupt" in w for w in r["warnings"])


def test_hostile_omm_catalogues_are_one_clear_error(catalog, tmp_path):
    """Deep nesting and wrong JSON shapes are our error; an OMM XML catalogue is read like the
    same objects' TLEs (CelesTrak serves XML too)."""
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(InputError, match="nested too deeply"):
        read_catalog(deep)
    number = tmp_path / "number.json"
    number.write_text("42")
    with pytest.raises(InputError, match="is a number"):
        read_catalog(number)
    picks = catalog.elements[:20]
    xml = tmp_path / "cat.xml"
    xml.write_text(omm_xml([exporter.export_omm(es.satrec, es.name) for es in picks]))
    xcat = read_catalog(xml)
    assert [es.norad_id for es in xcat.elements] == [es.norad_id for es in picks]
    jd, fr = jd_parts(picks[0].epoch_utc)
    for es, payload in zip(picks, xcat.payloads, strict=True):
        _, r0, _ = es.satrec.sgp4(jd, fr + 1.0)
        _, r1, _ = satrec_from_payload(payload).sgp4(jd, fr + 1.0)
        assert np.linalg.norm(np.subtract(r1, r0)) < 0.05  # km: OMM from TLE precision


def test_a_bad_newest_station_set_is_refused_not_replaced(catalog, tmp_path):
    """--station-tle: a corrupt newest set is an error, not a silent fall-back to an older one."""
    iss = next(es for es in catalog.elements if es.norad_id == 25544)
    older = tle_lines(iss, days_earlier=2.0)
    bad2 = iss.line2[:-1] + str((int(iss.line2[-1]) + 1) % 10)  # checksum broken
    path = tmp_path / "station.tle"
    path.write_text(f"{older[0]}\n{older[1]}\n{iss.line1}\n{bad2}\n")
    with pytest.raises(InputError, match="checksum") as exc:
        station_elements(catalog, path)
    assert exc.value.file == str(path)
    good = tmp_path / "good.tle"
    good.write_text(f"{older[0]}\n{older[1]}\n{iss.line1}\n{iss.line2}\n")
    es, payload, _ = station_elements(catalog, good)
    assert es.epoch_utc == iss.epoch_utc and payload == ("tle", iss.line1, iss.line2)


def tle_lines(es, days_earlier: float) -> tuple[str, str]:
    """The same orbit ``days_earlier`` (the epoch moved back; valid checksums)."""
    sat = es.satrec
    jd = sat.jdsatepoch + sat.jdsatepochF - days_earlier
    sat2 = Satrec()
    sat2.sgp4init(
        WGS72, "i", sat.satnum, jd - 2433281.5, sat.bstar, sat.ndot, sat.nddot, sat.ecco,
        sat.argpo, sat.inclo, sat.mo, sat.no_kozai, sat.nodeo,
    )  # fmt: skip
    return exporter.export_tle(sat2)
