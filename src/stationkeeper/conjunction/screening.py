"""Conjunction screening: one station against a whole catalogue, chunk by chunk.

Stages (each counted in :class:`ScreenStats`):

1. **Apogee/perigee filter** and 2. **orbit-path filter**
   (:mod:`stationkeeper.conjunction.filters`): which objects can come within
   ``report_km`` of the station at all;
3. **coarse grid** and 4. **fine TCA search** (:mod:`stationkeeper.conjunction.tca`):
   the survivors, in chunks of ``chunk_size`` objects, propagated with SGP4 and
   every close approach refined.

Stages 3-4 run per chunk of the catalogue (:func:`~stationkeeper.conjunction.tca.screen_chunk`,
picklable inputs), locally in-process, in local worker processes, or as Dask tasks
on a cluster (``scheduler="tcp://..."``); :func:`screen_catalog` gathers the chunks'
events (sorted by TCA, repeats removed) and marks those inside the screening box.

Frames: SGP4's TEME throughout (a quasi-inertial frame; distances, relative
speeds and the RIC decomposition do not depend on the choice of inertial
frame). Times: float seconds since the screen's start, UTC.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime

import numpy as np

from stationkeeper.conjunction.catalog import Payload, satrec_from_payload
from stationkeeper.conjunction.filters import apogee_perigee_filter, orbit_path_filter
from stationkeeper.conjunction.screen_settings import ScreeningVolume, ScreenSettings
from stationkeeper.conjunction.tca import jd_parts, screen_chunk
from stationkeeper.errors import InputError
from stationkeeper.orbit.trajectory import epoch_after
from stationkeeper.parallel import Progress, run_tasks


@dataclass
class ScreenStats:
    """Counts and timings of each stage."""

    catalog_objects: int = 0
    screened_objects: int = 0
    """Catalogue minus the station itself."""
    after_apogee_perigee: int = 0
    after_orbit_path: int = 0
    coarse_propagations: int = 0
    brackets: int = 0
    """Local minima of range found on the coarse grid."""
    refined: int = 0
    """Brackets whose estimated minimum passed the gate and were refined."""
    fine_propagations: int = 0
    events: int = 0
    chunks: int = 0
    timings_s: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def _unique_events(events: list[dict], tol_s: float = 1.0) -> list[dict]:
    """Sorted by TCA, with repeats removed: two coarse-grid brackets of one object can refine
    to the same minimum (a shallow range-rate wiggle near the TCA); keep one per object per
    ``tol_s``."""
    out: list[dict] = []
    last: dict[int, float] = {}
    for e in sorted(events, key=lambda e: (e["tca_s"], e["norad_id"])):
        prev = last.get(e["norad_id"])
        if prev is not None and abs(e["tca_s"] - prev) < tol_s:
            continue
        last[e["norad_id"]] = e["tca_s"]
        out.append(e)
    return out


@dataclass
class ScreenResult:
    """Events (one dict per TCA, sorted by TCA) and the stage counts."""

    start_utc: datetime
    span_s: float
    events: list[dict]
    stats: ScreenStats
    volume: ScreeningVolume
    settings: ScreenSettings


def screen_catalog(
    station_payload: Payload,
    payloads: Sequence[Payload],
    names: Sequence[str],
    start_utc: datetime,
    span_s: float,
    *,
    volume: ScreeningVolume | None = None,
    settings: ScreenSettings | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> ScreenResult:
    """Screen the station against every catalogue object over ``span_s`` from ``start_utc``.

    ``payloads``/``names``: the catalogue (see :mod:`stationkeeper.conjunction.catalog`),
    the station itself excluded by the caller. ``scheduler``: None or "local"
    (local worker processes when there are several cores), "synchronous"
    (in-process), "processes", or the address of a Dask scheduler.
    """
    volume = volume or ScreeningVolume()
    settings = settings or ScreenSettings()
    if not (math.isfinite(span_s) and span_s > 0):
        raise InputError(f"span of {span_s} s", field="span_s", allowed="> 0")
    if not payloads:
        raise InputError("no object to screen", field="catalogue", allowed="at least one object")
    timings: dict[str, float] = {}
    stats = ScreenStats(catalog_objects=len(payloads), screened_objects=len(payloads))
    jd, fr0 = jd_parts(start_utc)

    t0 = time.perf_counter()
    station = satrec_from_payload(station_payload)
    sats = [satrec_from_payload(p) for p in payloads]
    timings["build_satrecs"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    keep = apogee_perigee_filter(station, sats, settings.report_km + settings.pad_km)
    stats.after_apogee_perigee = int(keep.sum())
    timings["apogee_perigee_filter"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    idx = np.nonzero(keep)[0]
    if settings.use_path_filter and idx.size:
        path_keep = orbit_path_filter(
            station,
            [sats[i] for i in idx],
            jd,
            fr0,
            span_s,
            settings.report_km,
            settings.path_epoch_s,
        )
        idx = idx[path_keep]
    stats.after_orbit_path = int(idx.size)
    timings["orbit_path_filter"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    size = max(1, settings.chunk_size)
    tasks = [
        (
            station_payload,
            [payloads[i] for i in idx[k : k + size]],
            [names[i] for i in idx[k : k + size]],
            jd,
            fr0,
            span_s,
            settings,
        )
        for k in range(0, idx.size, size)
    ]
    stats.chunks = len(tasks)
    results = run_tasks(screen_chunk, tasks, scheduler, progress)
    timings["propagate_and_refine"] = time.perf_counter() - t0

    events = _unique_events([e for r in results for e in r.events])
    for e in events:
        e["tca_utc"] = epoch_after(start_utc, e["tca_s"])
        e["in_box"] = bool(volume.contains(e["radial_km"], e["in_track_km"], e["cross_track_km"]))
    stats.coarse_propagations = sum(r.coarse_propagations for r in results)
    stats.brackets = sum(r.brackets for r in results)
    stats.refined = sum(r.refined for r in results)
    stats.fine_propagations = sum(r.fine_propagations for r in results)
    stats.events = len(events)
    stats.timings_s = timings
    return ScreenResult(start_utc, span_s, events, stats, volume, settings)
