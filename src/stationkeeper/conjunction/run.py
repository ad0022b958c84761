"""The screening run: the station against a whole catalogue over a span.

Reads the catalogue, picks the station's element set, screens (``screening``), assesses
every close approach (``avoidance``: Pc, NASA's decision, the smallest burn), folds in
CCSDS CDMs and returns one JSON-ready dict.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from stationkeeper.conjunction import avoidance, collision, screening
from stationkeeper.conjunction import catalog as cat_mod
from stationkeeper.errors import InputError
from stationkeeper.parallel import Progress
from stationkeeper.station.load import load_station
from stationkeeper.utc import as_utc


def screen_station(
    catalog: str | Path,
    *,
    days: float = 7.0,
    station_tle: str | Path | None = None,
    start_utc: datetime | None = None,
    radial_km: float = 0.5,
    report_km: float = 25.0,
    hbr_m: float | None = None,
    pc_threshold: float = 1e-4,
    cdm: Sequence[str | Path] = (),
    station: str | Path | None = None,
    mc_samples: int = 0,
    seed: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> dict:
    """Debris avoidance: screen the station against a whole catalogue over ``days``.

    Every close approach (TCA closer than ``report_km``) with its miss distance,
    radial / in-track / cross-track components (station RIC frame), relative
    speed, whether it is inside the screening box (±``radial_km`` radial, ±25 km
    along- and cross-track), the 2-D probability of collision (TLE-default
    covariances, or a CCSDS CDM's for an event given in ``cdm``), NASA's
    decision (Pc >= ``pc_threshold`` → manoeuvre) and, for those, the smallest
    along-track burn with the engine, propellant, post-burn miss and Pc.

    The station's element set: ``station_tle`` (its newest), else the ISS
    (NORAD 25544) entry of the catalogue, else the shipped ISS TLE. The span
    starts at ``start_utc`` (default: that element set's epoch). ``scheduler``:
    None (local worker processes), "synchronous", or a Dask scheduler address.
    Returns a JSON-ready dict; ``events`` is sorted by risk (Pc, then miss).

    >>> r = screen("catalog.3le", days=7)            # doctest: +SKIP
    >>> r["events"][0]["pc"], r["stats"]["after_orbit_path"]  # doctest: +SKIP
    """
    t_start = time.perf_counter()
    if not (np.isfinite(days) and 0 < days <= 60):
        raise InputError(f"{days} is not allowed", field="days", allowed="0 < days <= 60")
    if not (np.isfinite(radial_km) and 0 < radial_km <= 25):
        raise InputError(
            f"{radial_km}", field="radial_km", allowed="0 < radial half-height <= 25 km"
        )
    if not (np.isfinite(report_km) and 0 < report_km <= 200):
        raise InputError(f"{report_km}", field="report_km", allowed="0 < km <= 200")
    if not (0 < pc_threshold < 1):
        raise InputError(f"{pc_threshold}", field="pc_threshold", allowed="0 < Pc < 1")
    if hbr_m is not None and not (np.isfinite(hbr_m) and 0 < hbr_m <= 1000):
        raise InputError(f"{hbr_m}", field="hbr_m", allowed="0 < m <= 1000")
    if mc_samples < 0:
        raise InputError(f"{mc_samples}", field="mc_samples", allowed=">= 0")
    hbr_m = collision.ISS_HARD_BODY_RADIUS_M if hbr_m is None else hbr_m
    model = load_station(station)

    cat = cat_mod.read_catalog(catalog, warn=False)
    notes = cat.warnings()
    cat, duplicates = cat_mod.newest_per_object(cat)
    if duplicates:
        notes.append(f"{duplicates} older element set(s) of objects listed twice were dropped")
    st_es, st_payload, st_origin = cat_mod.station_elements(cat, station_tle)
    others = [k for k, es in enumerate(cat.elements) if es.norad_id != st_es.norad_id]
    if not others:
        raise InputError(
            "the catalogue holds no object other than the station",
            file=str(catalog),
            field="catalogue",
            allowed="at least one other object",
        )
    # the station's elements must be near what is screened: the catalogue's epoch by default,
    # the span asked for with --start
    if start_utc is None:
        start = st_es.epoch_utc
        end = start + timedelta(days=days)
        cat_epoch = datetime.fromtimestamp(
            float(np.median([cat.elements[k].epoch_utc.timestamp() for k in others])), tz=UTC
        )
        gap = abs((st_es.epoch_utc - cat_epoch).total_seconds()) / 86400.0
        what = f"the catalogue's epoch {cat_epoch:%Y-%m-%d} (median)"
    else:
        start = as_utc(start_utc)
        end = start + timedelta(days=days)
        outside_s = max(
            (start - st_es.epoch_utc).total_seconds(), (st_es.epoch_utc - end).total_seconds()
        )
        gap = max(outside_s, 0.0) / 86400.0
        what = f"the screening span {start:%Y-%m-%d} → {end:%Y-%m-%d}"
    if gap > 30:
        raise InputError(
            f"the station element set's epoch {st_es.epoch_utc:%Y-%m-%d} is {gap:.0f} days "
            f"from {what}",
            file=st_es.source,
            field="station TLE epoch",
            allowed="within 30 days (give a current station_tle, or start_utc)",
        )
    mid = start + (end - start) / 2
    stale = sum(abs((cat.elements[k].epoch_utc - mid).days) > 30 for k in others)
    if stale:
        notes.append(
            f"{stale} object(s) have element sets more than 30 days from the span: "
            "their predictions (and Pc) are unreliable"
        )
    for note in notes:
        warnings.warn(note, cat_mod.CatalogWarning, stacklevel=2)

    volume = screening.ScreeningVolume(radial_km=radial_km)
    settings = screening.ScreenSettings(report_km=report_km)
    result = screening.screen_catalog(
        st_payload,
        [cat.payloads[k] for k in others],
        [cat.elements[k].name or f"NORAD {cat.elements[k].norad_id}" for k in others],
        start,
        days * 86400.0,
        volume=volume,
        settings=settings,
        scheduler=scheduler,
        progress=progress,
    )
    st_epoch_jd = st_es.satrec.jdsatepoch + st_es.satrec.jdsatepochF
    t0 = time.perf_counter()
    events = [
        avoidance.assess_event(
            dict(e, source="screen"),
            station_epoch_jd=st_epoch_jd,
            earliest_utc=start,
            hbr_km=hbr_m * 1e-3,
            threshold=pc_threshold,
            volume=volume,
            station=model,
        )
        for e in result.events
    ]
    for path in cdm:
        c = collision.read_cdm(path)
        o1, o2 = c.object1, c.object2
        ev = screening.event_record(
            int(o2.designator) if o2.designator.isdigit() else -1,
            o2.name or o2.designator,
            (c.tca_utc - start).total_seconds(),
            o1.r_km,
            o1.v_km_s,
            o2.r_km,
            o2.v_km_s,
        )
        ev["tca_utc"] = c.tca_utc
        ev["in_box"] = bool(
            volume.contains(ev["radial_km"], ev["in_track_km"], ev["cross_track_km"])
        )
        assessed = avoidance.assess_event(
            dict(ev, source=f"cdm {Path(path).name}"),
            station_epoch_jd=st_epoch_jd,
            earliest_utc=start,
            hbr_km=(c.hbr_m or hbr_m) * 1e-3,
            threshold=pc_threshold,
            volume=volume,
            station=model,
            covariances=(o1.cov_inertial_km2, o2.cov_inertial_km2),
        )
        # the CDM supersedes the screen's own estimate of the same conjunction
        events = [
            e
            for e in events
            if not (
                e["norad_id"] == assessed["norad_id"]
                and abs((e["tca_utc"] - c.tca_utc).total_seconds()) < 600
            )
        ]
        events.append(assessed)
    events = avoidance.risk_order(events)
    if mc_samples:
        rng = np.random.default_rng(seed)
        for e in events[:5]:
            enc = e["encounter"]
            p, se = collision.pc_monte_carlo(
                np.array(enc["miss_plane_km"]),
                np.array(enc["cov_plane_km2"]),
                e["hbr_m"] * 1e-3,
                mc_samples,
                rng,
            )
            e["pc_monte_carlo"], e["pc_monte_carlo_se"] = p, se
    result.stats.timings_s["assess"] = time.perf_counter() - t0
    result.stats.timings_s["total"] = time.perf_counter() - t_start

    def plain(e: dict) -> dict:
        out = {}
        for k, v in e.items():
            if k == "object_epoch_jd":
                continue
            out[k] = v.isoformat() if isinstance(v, datetime) else v
        return out

    return {
        "start_utc": start.isoformat(),
        "end_utc": end.isoformat(),
        "days": days,
        "station": {
            "name": st_es.name or model.name,
            "norad_id": st_es.norad_id,
            "elements": st_origin,
            "epoch_utc": st_es.epoch_utc.isoformat(),
            "mass_kg": model.total_mass_kg,
            "hard_body_radius_m": hbr_m,
        },
        "catalog": dict(cat.summary(), duplicates_dropped=duplicates),
        "volume": {
            "radial_km": volume.radial_km,
            "along_track_km": volume.along_km,
            "cross_track_km": volume.cross_km,
        },
        "report_km": report_km,
        "pc_threshold": pc_threshold,
        "counts": {
            "events": len(events),
            "in_box": sum(bool(e["in_box"]) for e in events),
            "manoeuvre": sum(e["decision"] == "manoeuvre" for e in events),
        },
        "stats": result.stats.as_dict(),
        "events": [plain(e) for e in events],
        "warnings": notes,
    }
