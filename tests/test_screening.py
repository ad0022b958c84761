"""Conjunction screening: the real 2022-01-22 catalogue, brute-force and skyfield cross-checks,
Dask, catalogue formats and bad input.

The catalogue (23,939 objects, Space-Track) is not shipped; it lies in ../shared/data/tle/.
"""

from __future__ import annotations

import json
import warnings
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from sgp4.api import SatrecArray

import stationkeeper as sk
from stationkeeper.cli import main
from stationkeeper.conjunction.catalog import (
    CatalogWarning,
    read_catalog,
    satrec_from_payload,
)
from stationkeeper.conjunction.screening import (
    ScreeningVolume,
    ScreenSettings,
    jd_parts,
    screen_catalog,
)
from stationkeeper.errors import InputError

TLE_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "tle"
CATALOG = TLE_DIR / "catalog_2022-01-22.3le"
ISS = 25544


@pytest.fixture(scope="module")
def catalog_path() -> Path:
    if not CATALOG.exists():
        pytest.fail(f"shared dataset missing: {CATALOG} (CI clones ../shared beside the repo)")
    return CATALOG


@pytest.fixture(scope="module")
def full_screen(catalog_path):
    """The whole catalogue against the ISS over the 7 days after its element set's epoch."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CatalogWarning)
        return sk.screen(catalog_path, days=7)


@pytest.fixture(scope="module")
def catalog(catalog_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CatalogWarning)
        return read_catalog(catalog_path)


def _sat(catalog, norad):
    k = next(i for i, es in enumerate(catalog.elements) if es.norad_id == norad)
    return catalog.elements[k], satrec_from_payload(catalog.payloads[k])


def _brute_force_1s(station, obj, jd, fr0, t_centre, half_window_s=300):
    """Range every second around t_centre; the minimum refined by the parabola through the
    squared ranges of the three samples around it (exact for straight-line relative motion)."""
    t = np.arange(np.floor(t_centre) - half_window_s, np.floor(t_centre) + half_window_s + 1)
    arr = SatrecArray([station, obj])
    err, r, _ = arr.sgp4(np.full(t.size, jd), fr0 + t / 86400.0)
    assert not err.any()
    d2 = np.sum((r[1] - r[0]) ** 2, axis=1)
    k = int(np.argmin(d2))
    assert 0 < k < t.size - 1, "minimum at the edge of the brute-force window"
    y0, y1, y2 = d2[k - 1], d2[k], d2[k + 1]
    shift = 0.5 * (y0 - y2) / (y0 - 2 * y1 + y2)
    tmin = t[k] + shift
    d2min = y1 - 0.25 * (y0 - y2) * shift
    return tmin, float(np.sqrt(max(d2min, 0.0))), float(np.sqrt(d2.min()))


def test_full_catalogue_screen_lists_iss_close_approaches(full_screen):
    """2022-01-22 catalogue, 7 days: the ISS's close approaches, filter counts, risk order."""
    r = full_screen
    assert r["station"]["norad_id"] == ISS
    assert r["catalog"]["records"] == 23939
    s = r["stats"]
    assert s["screened_objects"] == r["catalog"]["usable"] - 1
    assert s["screened_objects"] > s["after_apogee_perigee"] > s["after_orbit_path"] > 0
    events = r["events"]
    assert len(events) >= 20
    assert all(e["miss_km"] <= 25.0 for e in events)
    assert all(e["norad_id"] != ISS for e in events)
    pcs = [e["pc"] for e in events]
    assert pcs == sorted(pcs, reverse=True)
    # Cosmos 1408 fragments (the November 2021 ASAT test) are among the close approaches
    assert sum("COSMOS 1408" in e["name"] for e in events) >= 10
    # every event in the box has the radial component inside ±0.5 km
    for e in events:
        inside = abs(e["radial_km"]) <= 0.5 and abs(e["in_track_km"]) <= 25
        inside = inside and abs(e["cross_track_km"]) <= 25
        assert e["in_box"] == inside
        assert e["decision"] in ("manoeuvre", "watch", "none")
        if e["decision"] == "manoeuvre":
            assert e["pc"] >= 1e-4
            b = e["burn"]
            assert b["feasible"] and b["post_pc"] < 1e-4 and not b["post_in_box"]
            assert b["propellant_kg"] > 0 and b["engine"]


def test_fine_search_agrees_with_brute_force_1s(full_screen, catalog):
    """TCA within 1 ms and miss within 10 m of a 1-second brute-force search, 25 conjunctions."""
    start = full_screen["start_utc"]
    from datetime import datetime

    jd, fr0 = jd_parts(datetime.fromisoformat(start))
    _, station = _sat(catalog, ISS)
    events = sorted(full_screen["events"], key=lambda e: e["miss_km"])[:25]
    assert len(events) >= 20
    for e in events:
        _, obj = _sat(catalog, e["norad_id"])
        tmin, dmin, sampled = _brute_force_1s(station, obj, jd, fr0, e["tca_s"])
        assert abs(tmin - e["tca_s"]) < 1e-3, (e["name"], tmin - e["tca_s"])
        assert abs(dmin - e["miss_km"]) * 1e3 < 10.0, (e["name"], dmin, e["miss_km"])
        assert e["miss_km"] <= sampled + 1e-6  # the fine search finds the true minimum


def test_closest_five_against_skyfield(full_screen, catalog):
    """The five closest approaches, re-propagated independently with skyfield (EarthSatellite,
    builtin timescale, GCRS) at 1-second steps around each TCA."""
    from skyfield.api import EarthSatellite, load

    ts = load.timescale(builtin=True)
    _, station_sat = _sat(catalog, ISS)
    st_es, _ = _sat(catalog, ISS)
    iss = EarthSatellite(st_es.line1, st_es.line2, "ISS", ts)
    from datetime import datetime

    for e in sorted(full_screen["events"], key=lambda e: e["miss_km"])[:5]:
        es, _ = _sat(catalog, e["norad_id"])
        other = EarthSatellite(es.line1, es.line2, es.name, ts)
        tca = datetime.fromisoformat(e["tca_utc"])
        centre = tca.replace(microsecond=0)
        steps = [centre + timedelta(seconds=k) for k in range(-60, 61)]
        t = ts.from_datetimes(steps)
        d = np.linalg.norm(other.at(t).position.km - iss.at(t).position.km, axis=0)
        k = int(np.argmin(d))
        assert 0 < k < len(steps) - 1
        y0, y1, y2 = d[k - 1] ** 2, d[k] ** 2, d[k + 1] ** 2
        shift = 0.5 * (y0 - y2) / (y0 - 2 * y1 + y2)
        t_sky = steps[k] + timedelta(seconds=float(shift))
        d_sky = np.sqrt(y1 - 0.25 * (y0 - y2) * shift)
        assert abs((t_sky - tca).total_seconds()) < 1e-3, e["name"]
        assert abs(d_sky - e["miss_km"]) * 1e3 < 10.0, (e["name"], d_sky, e["miss_km"])
        assert e["miss_km"] <= d.min() + 1e-6


def test_no_conjunction_missed_over_the_whole_span(full_screen, catalog):
    """For eight objects (five with events, three without), every local minimum of range
    below 25 km in a 1-second brute-force sweep of all 7 days is one of the screen's events."""
    from datetime import datetime

    start = datetime.fromisoformat(full_screen["start_utc"])
    jd, fr0 = jd_parts(start)
    _, station = _sat(catalog, ISS)
    with_events = []
    for e in sorted(full_screen["events"], key=lambda e: e["miss_km"]):
        if e["norad_id"] not in with_events:
            with_events.append(e["norad_id"])
        if len(with_events) == 5:
            break
    # three Cosmos 1408 fragments without a listed event
    listed = {e["norad_id"] for e in full_screen["events"]}
    without = [
        es.norad_id
        for es in catalog.elements
        if "COSMOS 1408" in es.name and es.norad_id not in listed
    ][:3]
    t = np.arange(0.0, 7 * 86400.0 + 1.0, 1.0)
    _, rs, _ = station.sgp4_array(np.full(t.size, jd), fr0 + t / 86400.0)
    for norad in with_events + without:
        _, obj = _sat(catalog, norad)
        err, ro, _ = obj.sgp4_array(np.full(t.size, jd), fr0 + t / 86400.0)
        assert not err.any()
        d = np.linalg.norm(ro - rs, axis=1)
        k = np.nonzero((d[1:-1] < d[:-2]) & (d[1:-1] <= d[2:]) & (d[1:-1] < 24.9))[0] + 1
        found = sorted(t[k])
        mine = sorted(e["tca_s"] for e in full_screen["events"] if e["norad_id"] == norad)
        assert len(found) == len(mine), (norad, found, mine)
        assert np.allclose(found, mine, atol=1.0)


def _subset(catalog, tmp_path, n=400) -> Path:
    """A small catalogue: the ISS and ``n`` objects near its altitude, as 3LE text."""
    iss = next(es for es in catalog.elements if es.norad_id == ISS)
    near = [
        es
        for es in catalog.elements
        if es.norad_id != ISS and es.perigee_km < 480 and es.apogee_km > 360
    ][:n]
    path = tmp_path / "subset.3le"
    path.write_text("".join(f"0 {es.name}\n{es.line1}\n{es.line2}\n" for es in [iss] + near))
    return path


def test_dask_local_cluster_gives_the_same_events(catalog, tmp_path):
    """Chunks as Dask tasks on a LocalCluster equal the in-process run (and local processes)."""
    from distributed import LocalCluster

    cat = read_catalog(_subset(catalog, tmp_path, 600))
    st = cat.payloads[0]
    start = cat.elements[0].epoch_utc
    args = (st, cat.payloads[1:], [e.name for e in cat.elements[1:]], start, 2 * 86400.0)
    settings = ScreenSettings(chunk_size=150)
    local = screen_catalog(*args, settings=settings, scheduler="synchronous")
    procs = screen_catalog(*args, settings=settings, scheduler="processes")
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as lc:
        remote = screen_catalog(*args, settings=settings, scheduler=lc.scheduler_address)
    assert local.stats.chunks >= 2
    assert len(local.events) > 0
    for other in (procs, remote):
        assert [(e["norad_id"], e["tca_s"], e["miss_km"]) for e in other.events] == [
            (e["norad_id"], e["tca_s"], e["miss_km"]) for e in local.events
        ]
        assert other.stats.brackets == local.stats.brackets


def test_omm_json_and_csv_catalogues(catalog, tmp_path):
    """OMM JSON/CSV give the same orbits as the TLEs; a bad record is skipped with a warning."""
    import csv

    from sgp4 import exporter

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


def test_corrupt_lines_are_skipped_with_a_warning(catalog, tmp_path):
    path = _subset(catalog, tmp_path, 60)
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


def test_bad_input_is_one_clear_error(catalog, tmp_path, capsys):
    empty = tmp_path / "empty.3le"
    empty.write_text("\n")
    with pytest.raises(InputError, match="no usable element set"):
        sk.screen(empty)
    sub = _subset(catalog, tmp_path, 20)
    for days in (0, -1):
        with pytest.raises(InputError, match="--days"):
            sk.screen(sub, days=days)
    old_iss = TLE_DIR / "iss_25544_1998-2004.tle"
    with pytest.raises(InputError, match="station TLE epoch") as exc:
        sk.screen(sub, station_tle=old_iss)
    assert "days from the catalogue's epoch 2022-01-2" in str(exc.value)
    assert exc.value.file == str(old_iss)
    from datetime import UTC, datetime

    with pytest.raises(InputError, match="from the screening span 2022-01-23"):
        sk.screen(sub, station_tle=old_iss, start_utc=datetime(2022, 1, 23, tzinfo=UTC))
    # the CLI: one line on stderr, exit code 2
    assert main(["screen", "--catalog", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "no usable element set" in err and "Traceback" not in err
    assert main(["screen", "--catalog", str(sub), "--days", "0"]) == 2
    assert main(["screen", "--catalog", str(sub), "--station-tle", str(old_iss)]) == 2


def test_cli_json_and_out(catalog, tmp_path, capsys):
    sub = _subset(catalog, tmp_path, 400)
    out = tmp_path / "run"
    code = main(
        ["screen", "--catalog", str(sub), "--days", "3", "--json", "--out", str(out), "--top", "2"]
    )
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["days"] == 3
    assert {"events", "stats", "station", "volume", "counts"} <= set(result)
    names = sorted(p.name for p in out.iterdir())
    assert "conjunctions.csv" in names and "screen.json" in names
    assert "conjunctions.parquet" in names
    assert sum(n.startswith("bplane_") for n in names) == min(2, len(result["events"]))
    # the table form
    assert main(["screen", "--catalog", str(sub), "--days", "1", "--quiet"]) == 0
    text = capsys.readouterr().out
    assert "Close approaches to" in text and "objects →" in text


def test_screening_volume_settings():
    box = ScreeningVolume()
    assert (box.radial_km, box.along_km, box.cross_km) == (0.5, 25.0, 25.0)
    assert box.contains(0.4, -20.0, 24.0)
    assert not box.contains(0.6, 0.0, 0.0)
    assert ScreeningVolume(radial_km=2.0).contains(1.9, 0.0, 0.0)
