"""The screening run: the station against a whole catalogue over a span.

:func:`screen_station` in six steps, each a function below:

1. read the catalogue and pick the station's element set (:func:`_station_elements`),
   and check its epoch against what is screened (:func:`_span`);
2. screen (:func:`stationkeeper.conjunction.screening.screen_catalog`);
3. assess every close approach (:func:`stationkeeper.conjunction.assessment.assess_event`:
   screening Pc and max Pc from TLE inputs, the decision-grade Pc, NASA's decision, the
   smallest burn);
4. fold in CCSDS CDMs, which supersede the screen's estimate of the same conjunction
   (:func:`_fold_in_cdms`);
5. check the Pc of the top events by Monte Carlo (:func:`_monte_carlo_pc`);
6. one JSON-ready dict (:func:`_record`), with the manoeuvre rate a year that the decision
   rule implies (:func:`stationkeeper.conjunction.rate.implied_rate`).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from stationkeeper.conjunction import assessment
from stationkeeper.conjunction import catalog as cat_mod
from stationkeeper.conjunction.cdm import read_cdm
from stationkeeper.conjunction.pc import ISS_HARD_BODY_RADIUS_M, pc_monte_carlo
from stationkeeper.conjunction.rate import implied_rate
from stationkeeper.conjunction.screen_settings import ScreeningVolume, ScreenSettings
from stationkeeper.conjunction.screening import ScreenResult, screen_catalog
from stationkeeper.conjunction.tca import event_record
from stationkeeper.constants import SECONDS_PER_DAY
from stationkeeper.errors import InputError
from stationkeeper.orbit.elements import ElementSet
from stationkeeper.parallel import Progress
from stationkeeper.random_seed import resolve_seed
from stationkeeper.station.load import load_station
from stationkeeper.utc import as_utc

#: Largest gap (days) allowed between the station's element set and what is screened.
MAX_STATION_EPOCH_GAP_DAYS = 30
#: Objects whose element sets are further than this (days) from the span get a warning.
STALE_ELEMENTS_DAYS = 30
#: A CDM supersedes a screened event of the same object with a TCA within this (s).
CDM_SAME_EVENT_S = 600
#: How many of the riskiest events get a Monte Carlo Pc.
MONTE_CARLO_TOP_EVENTS = 5
#: Monte Carlo samples an event may get (memory is bounded by 1e6-sample chunks; time is not).
MAX_MC_SAMPLES = 10**8
#: Seconds a Monte Carlo sample takes (measured: 2e7 samples, 8.4 s, this 2-core machine).
MONTE_CARLO_SAMPLE_S = 4.2e-7


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
    along- and cross-track); for screening, the 2-D probability of collision with
    TLE-default covariances (``pc_screening``) and its maximum over the covariance
    size (``pc_max``); for the decision, the Pc with a decision-grade covariance
    (``pc_decision``: a CCSDS CDM's for an event given in ``cdm``, else the SP-grade
    default, an assumption), NASA's decision (``pc_decision >= pc_threshold`` →
    manoeuvre) and, for those, the smallest along-track burn with the engine,
    propellant, post-burn miss and Pc; and the manoeuvre rate a year that rule implies.

    The station's element set: ``station_tle`` (its newest), else the ISS
    (NORAD 25544) entry of the catalogue, else the shipped ISS TLE. The span
    starts at ``start_utc`` (default: that element set's epoch). ``scheduler``:
    None (local worker processes), "synchronous", or a Dask scheduler address.
    Returns a JSON-ready dict; ``events`` is sorted by risk (decision, max Pc, miss).

    >>> r = screen("catalog.3le", days=7)            # doctest: +SKIP
    >>> r["events"][0]["pc_max"], r["implied_rate"]["per_year"]  # doctest: +SKIP
    """
    t_start = time.perf_counter()
    _check_arguments(days, radial_km, report_km, pc_threshold, hbr_m, mc_samples)
    seed = resolve_seed(seed) if mc_samples or seed is not None else None  # drawn, recorded
    hbr_m = ISS_HARD_BODY_RADIUS_M if hbr_m is None else hbr_m
    model = load_station(station)

    # 1. the catalogue, the station's element set, the span
    cat = cat_mod.read_catalog(catalog, warn=False)
    notes = cat.warnings()
    cat, duplicates = cat_mod.newest_per_object(cat)
    if duplicates:
        notes.append(f"{duplicates} older element set(s) of objects listed twice were dropped")
    st_es, st_payload, st_origin, others = _station_elements(cat, catalog, station_tle)
    start, end = _span(cat, others, st_es, start_utc, days)
    stale_note = _stale_note(cat, others, start, end)
    if stale_note:
        notes.append(stale_note)
    for note in notes:
        warnings.warn(note, cat_mod.CatalogWarning, stacklevel=2)

    # 2. the screen
    volume = ScreeningVolume(radial_km=radial_km)
    result = screen_catalog(
        st_payload,
        [cat.payloads[k] for k in others],
        [cat.elements[k].name or f"NORAD {cat.elements[k].norad_id}" for k in others],
        start,
        days * SECONDS_PER_DAY,
        volume=volume,
        settings=ScreenSettings(report_km=report_km),
        scheduler=scheduler,
        progress=progress,
    )

    # 3-5. assessment, CDMs, Monte Carlo
    t0 = time.perf_counter()
    assess = dict(
        station_epoch_jd=st_es.satrec.jdsatepoch + st_es.satrec.jdsatepochF,
        earliest_utc=start,
        threshold=pc_threshold,
        volume=volume,
        station=model,
    )
    events = [
        assessment.assess_event(dict(e, source="screen"), hbr_km=hbr_m * 1e-3, **assess)
        for e in result.events
    ]
    events = _fold_in_cdms(events, cdm, (start, end), hbr_m, volume, assess)
    events = assessment.risk_order(events)
    if mc_samples:
        _monte_carlo_pc(events, mc_samples, seed)
    result.stats.timings_s["assess"] = time.perf_counter() - t0
    result.stats.timings_s["total"] = time.perf_counter() - t_start

    # 6. the record
    return _record(
        result,
        events,
        start=start,
        end=end,
        days=days,
        station=dict(
            name=st_es.name or model.name,
            norad_id=st_es.norad_id,
            elements=st_origin,
            epoch_utc=st_es.epoch_utc.isoformat(),
            mass_kg=model.total_mass_kg,
            hard_body_radius_m=hbr_m,
        ),
        catalog=dict(cat.summary(), duplicates_dropped=duplicates),
        report_km=report_km,
        pc_threshold=pc_threshold,
        notes=notes,
    ) | {"seed": seed}


def _check_arguments(days, radial_km, report_km, pc_threshold, hbr_m, mc_samples) -> None:
    """Raise :class:`InputError`, naming the parameter, for an argument out of range."""
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
    hours = mc_samples * MONTE_CARLO_TOP_EVENTS * MONTE_CARLO_SAMPLE_S / 3600
    if not 0 <= mc_samples <= MAX_MC_SAMPLES:
        raise InputError(
            f"{mc_samples:,} samples for each of the top {MONTE_CARLO_TOP_EVENTS} events take "
            f"about {hours:,.1f} hours (~{MONTE_CARLO_SAMPLE_S * 1e6:.2f} us a sample)",
            field="mc_samples",
            allowed=f"0 to {MAX_MC_SAMPLES:,}",
        )  # fmt: skip


def _station_elements(
    cat: cat_mod.Catalog, catalog: str | Path, station_tle: str | Path | None
) -> tuple[ElementSet, cat_mod.Payload, str, list[int]]:
    """The station's element set, payload and origin; the indices of every other object."""
    st_es, st_payload, st_origin = cat_mod.station_elements(cat, station_tle)
    others = [k for k, es in enumerate(cat.elements) if es.norad_id != st_es.norad_id]
    if not others:
        raise InputError(
            "the catalogue holds no object other than the station",
            file=str(catalog),
            field="catalogue",
            allowed="at least one other object",
        )
    return st_es, st_payload, st_origin, others


def _span(
    cat: cat_mod.Catalog,
    others: list[int],
    st_es: ElementSet,
    start_utc: datetime | None,
    days: float,
) -> tuple[datetime, datetime]:
    """Start and end (UTC) of the screen, after checking the station's element set is current.

    The station's elements must be near what is screened: the catalogue's (median) epoch
    by default, the span asked for when ``start_utc`` is given.
    """
    if start_utc is None:
        start = st_es.epoch_utc
        end = start + timedelta(days=days)
        cat_epoch = datetime.fromtimestamp(
            float(np.median([cat.elements[k].epoch_utc.timestamp() for k in others])), tz=UTC
        )
        gap = abs((st_es.epoch_utc - cat_epoch).total_seconds()) / SECONDS_PER_DAY
        what = f"the catalogue's epoch {cat_epoch:%Y-%m-%d} (median)"
    else:
        start = as_utc(start_utc)
        end = start + timedelta(days=days)
        outside_s = max(
            (start - st_es.epoch_utc).total_seconds(), (st_es.epoch_utc - end).total_seconds()
        )
        gap = max(outside_s, 0.0) / SECONDS_PER_DAY
        what = f"the screening span {start:%Y-%m-%d} → {end:%Y-%m-%d}"
    if gap > MAX_STATION_EPOCH_GAP_DAYS:
        raise InputError(
            f"the station element set's epoch {st_es.epoch_utc:%Y-%m-%d} is {gap:.0f} days "
            f"from {what}",
            file=st_es.source,
            field="station TLE epoch",
            allowed=f"within {MAX_STATION_EPOCH_GAP_DAYS} days "
            "(give a current station_tle, or start_utc)",
        )
    return start, end


def _stale_note(
    cat: cat_mod.Catalog, others: list[int], start: datetime, end: datetime
) -> str | None:
    """A warning line when some objects' element sets are far from the span, else None."""
    mid = start + (end - start) / 2
    stale = sum(abs((cat.elements[k].epoch_utc - mid).days) > STALE_ELEMENTS_DAYS for k in others)
    if not stale:
        return None
    return (
        f"{stale} object(s) have element sets more than {STALE_ELEMENTS_DAYS} days from the span: "
        "their predictions (and Pc) are unreliable"
    )


def _fold_in_cdms(
    events: list[dict],
    cdm_paths: Sequence[str | Path],
    span: tuple[datetime, datetime],
    hbr_m: float,
    volume: ScreeningVolume,
    assess: dict,
) -> list[dict]:
    """The events with each CDM's conjunction assessed from its states and covariances.

    A CDM supersedes the screen's estimate of the same conjunction (same NORAD number,
    TCA within :data:`CDM_SAME_EVENT_S`); its TCA must lie in the screened ``span``.
    ``hbr_m``: used when the CDM gives none.
    ``assess``: the keyword arguments of :func:`assessment.assess_event` shared by all.
    """
    for path in cdm_paths:
        c = read_cdm(path)
        start, end = span
        if not start <= c.tca_utc <= end:
            raise InputError(
                f"TCA {c.tca_utc:%Y-%m-%d %H:%M} is outside the screening span "
                f"{start:%Y-%m-%d %H:%M} → {end:%Y-%m-%d %H:%M}",
                file=str(path),
                field="TCA",
                allowed="a CDM of a conjunction inside the span (start_utc, days)",
            )
        o1, o2 = c.object1, c.object2
        ev = event_record(
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
        assessed = assessment.assess_event(
            dict(ev, source=f"cdm {Path(path).name}"),
            hbr_km=(c.hbr_m or hbr_m) * 1e-3,
            covariances=(o1.cov_inertial_km2, o2.cov_inertial_km2),
            **assess,
        )
        events = [
            e
            for e in events
            if not (
                e["norad_id"] == assessed["norad_id"]
                and abs((e["tca_utc"] - c.tca_utc).total_seconds()) < CDM_SAME_EVENT_S
            )
        ]
        events.append(assessed)
    return events


def _monte_carlo_pc(events: list[dict], samples: int, seed: int | None) -> None:
    """Add ``pc_monte_carlo`` and its standard error to the riskiest events (in place)."""
    rng = np.random.default_rng(seed)
    for e in events[:MONTE_CARLO_TOP_EVENTS]:
        enc = e["encounter"]
        p, se = pc_monte_carlo(
            np.array(enc["miss_plane_km"]),
            np.array(enc["cov_plane_km2"]),
            e["hbr_m"] * 1e-3,
            samples,
            rng,
        )
        e["pc_monte_carlo"], e["pc_monte_carlo_se"] = p, se


def _plain(event: dict) -> dict:
    """One event for JSON: datetimes as ISO-8601 text, the internal epoch dropped."""
    out = {}
    for k, v in event.items():
        if k == "object_epoch_jd":
            continue
        out[k] = v.isoformat() if isinstance(v, datetime) else v
    return out


def _record(
    result: ScreenResult,
    events: list[dict],
    *,
    start: datetime,
    end: datetime,
    days: float,
    station: dict,
    catalog: dict,
    report_km: float,
    pc_threshold: float,
    notes: list[str],
) -> dict:
    """The JSON-ready result of :func:`screen_station`."""
    volume = result.volume
    return {
        "start_utc": start.isoformat(),
        "end_utc": end.isoformat(),
        "days": days,
        "station": station,
        "catalog": catalog,
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
            "screening_pc_at_threshold": sum(
                (e.get("pc_screening") or 0.0) >= pc_threshold for e in events
            ),
            "max_pc_at_threshold": sum(e["pc_max"] >= pc_threshold for e in events),
        },
        "implied_rate": implied_rate(
            events,
            days=days,
            hbr_km=station["hard_body_radius_m"] * 1e-3,
            threshold=pc_threshold,
        ),
        "stats": result.stats.as_dict(),
        "events": [_plain(e) for e in events],
        "warnings": notes,
    }
