"""Reading whole catalogues: OMM JSON/CSV as the TLEs; corrupt records skipped with a warning."""

from __future__ import annotations

import csv
import json
import warnings

import numpy as np
import pytest
from sgp4 import exporter

import stationkeeper as sk
from stationkeeper.conjunction.catalog import CatalogWarning, read_catalog, satrec_from_payload
from stationkeeper.conjunction.tca import jd_parts


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
