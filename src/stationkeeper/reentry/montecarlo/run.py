"""The Monte Carlo run: samples in chunks, each chunk one task, on the Batch propagator.

Samples are split into chunks; each chunk is one task: run in this process,
on local worker processes (default with more than one chunk), or on a Dask
cluster (``scheduler="tcp://host:port"``).  Every chunk propagates its samples
with :func:`stationkeeper.orbit.batch_adams.propagate_batch_adams` (the Batch force model,
an order-8 Adams-Bashforth-Moulton integrator) to breakup at
:data:`~stationkeeper.constants.BREAKUP_ALTITUDE_M` (J2-J4, the table atmosphere
through :class:`~stationkeeper.environment.atmosphere.FastGeodeticAtmosphere`,
:data:`STEP_S` steps).  Runs whose memory estimate
exceeds half the free memory are refused before they start.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from stationkeeper.constants import BREAKUP_ALTITUDE_M
from stationkeeper.environment.atmosphere import FastGeodeticAtmosphere, distinct_slots
from stationkeeper.errors import InputError
from stationkeeper.orbit.batch_adams import propagate_batch_adams
from stationkeeper.parallel import Progress, run_tasks
from stationkeeper.reentry.montecarlo.sampling import Uncertainty, draw_samples, resolve_seed

#: Bytes per sample held by the driver (inputs and results) and per sample in flight
#: in a chunk (the Batch propagator's RK4 stage arrays and the density lookups).
BYTES_PER_SAMPLE_HELD = 240
BYTES_PER_SAMPLE_IN_FLIGHT = 6000
MAX_MEMORY_SHARE = 0.5
#: The Adams step, s, and the altitude below which it is halved, m (see :func:`run_chunk`:
#: halving it below 150 km changes GOCE's reentry by < 10 s, so it is not).
STEP_S = 100.0
FINE_BELOW_M = 0.0
#: Height a table atmosphere's band reaches above the highest point of its first look-up
#: in a slot and below the stop altitude, km (geodetic height at a pole is 21 km above
#: |r| - R_eq; samples mostly fall; a 100-s step crosses the stop by up to ~20 km).
BAND_MARGIN_KM = 30.0
#: Zonal harmonics in the Monte Carlo: J2-J4 (J5, J6 are < 6e-7 and change a week of
#: decay by seconds; dropping them saves ~10 % of a step).
ZONAL_DEGREE = 4
#: Samples of the first wave when partial results are asked for (``on_partial``).
FIRST_SAMPLES = 1000


def memory_estimate_bytes(samples: int, chunk_size: int, workers: int) -> int:
    """Memory (bytes) a run of ``samples`` in chunks of ``chunk_size`` on ``workers`` takes."""
    return int(
        samples * BYTES_PER_SAMPLE_HELD
        + min(samples, chunk_size) * BYTES_PER_SAMPLE_IN_FLIGHT * max(workers, 1)
    )


def _available_memory_bytes() -> int:
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError, AttributeError):  # pragma: no cover - non-POSIX
        return 4 << 30


def check_samples(samples, chunk_size: int = 5000, workers: int | None = None) -> int:
    """Refuse samples <= 0, and runs whose memory estimate exceeds half the free memory."""
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer) or samples <= 0:
        raise InputError(f"{samples} is not allowed", field="--samples", allowed="an integer >= 1")
    need = memory_estimate_bytes(int(samples), chunk_size, workers or os.cpu_count() or 1)
    free = _available_memory_bytes()
    if need > MAX_MEMORY_SHARE * free:
        most = int((MAX_MEMORY_SHARE * free) // BYTES_PER_SAMPLE_HELD)
        raise InputError(
            f"{samples:,} samples need about {need / 2**30:.1f} GiB, more than half of the "
            f"{free / 2**30:.1f} GiB free",
            field="--samples",
            allowed=f"1 to about {most:,}",
        )
    return int(samples)


class BandedTables:
    """A table atmosphere whose 3-hourly tables are built once, for the whole band below.

    A table atmosphere widens a time slot's altitude band on demand by rebuilding it, so a
    run whose samples descend rebuilt every slot once for every 10 km (NRLMSIS itself was a
    quarter of the run).  Here the first look-up in a slot asks for the band from
    ``bottom_km`` (the stop altitude) to :data:`BAND_MARGIN_KM` above the highest point
    looked up in it or in the slot before, so each slot is built once (a slot's look-up
    builds the next slot's table too), and only slots the run reaches.
    """

    def __init__(self, atmosphere, bottom_km: float) -> None:
        self.atmosphere = atmosphere
        self.bottom_km = float(bottom_km)
        self.step_s = atmosphere.ut_step_h * 3600.0
        self.top_km = math.inf  # band top of the latest slot built, km
        self.high_km: dict[int, float] = {}  # highest point looked up in each slot, km

    @property
    def name(self) -> str:
        return self.atmosphere.name

    def density_geodetic(self, t_unix_s, lat_deg, lon_deg, alt_km):
        t = np.atleast_1d(np.asarray(t_unix_s, dtype=float))
        alt = np.atleast_1d(np.asarray(alt_km, dtype=float))
        high = float(np.max(alt))
        for slot in distinct_slots(np.floor(t / self.step_s)).astype(int):
            if slot not in self.high_km:  # the slot's first look-up: build its band
                # as high as the slot before reached (all samples looked up there), never
                # above the band before (its top is this slot's table too: no rebuild)
                want = max(high, self.high_km.get(slot - 1, high)) + BAND_MARGIN_KM
                self.top_km = min(want, self.top_km) if self.top_km > high else want
                self.atmosphere.density_geodetic(
                    np.full(2, slot * self.step_s),
                    np.zeros(2),
                    np.zeros(2),
                    [self.bottom_km, self.top_km],
                )
            self.high_km[slot] = max(high, self.high_km.get(slot, high))
        return self.atmosphere.density_geodetic(t, lat_deg, lon_deg, alt_km)


def run_chunk(
    epoch_utc: datetime,
    r_m: np.ndarray,
    v_m_s: np.ndarray,
    k_drag: np.ndarray,
    density_scale: np.ndarray,
    atmosphere,
    duration_s: float,
    step_s: float,
    stop_altitude_m: float,
) -> dict:
    """One task: propagate one chunk of samples to reentry (or the end of the horizon).

    Each sample is stepped by ``step_s`` (order-8 Adams-Bashforth-Moulton; halved below
    ``FINE_BELOW_M``).  GOCE from 2013-11-03 20:48 (7.5 days left), four samples against
    RK4 at 15 s: 90-s steps (45 s below 150 km) +0.5 to +1.1 min, 100/50 s +1.5 to +2.4
    min, 100 s throughout (the default) the same within 10 s, 120/60 s +6 to +10 min,
    180/90 s +4 to +6 h; the RK4 60/30-s split used before was ~71 min early (0.6 % of
    the time left).

    ``k_drag`` is Cd A/m (m^2/kg) per sample; times are s, altitudes m.  Returns
    ``reentry_s`` (NaN: still up), ``lat_deg``/``lon_deg`` at breakup and the final states.
    """
    if hasattr(atmosphere, "ut_step_h"):
        # the band's bottom below the stop: the step that crosses it looks up below it
        atmosphere = BandedTables(atmosphere, stop_altitude_m / 1e3 - BAND_MARGIN_KM)
    if hasattr(atmosphere, "density_geodetic"):
        atmosphere = FastGeodeticAtmosphere(atmosphere)
    res = propagate_batch_adams(
        epoch_utc,
        r_m,
        v_m_s,
        k_drag,
        atmosphere,
        duration_s,
        density_scale=density_scale,
        step_s=step_s,
        fine_below_m=FINE_BELOW_M,
        stop_altitude_m=stop_altitude_m,
        zonal_degree=ZONAL_DEGREE,
    )
    return {
        "reentry_s": res.reentry_s,
        "lat_deg": res.reentry_lat_deg,
        "lon_deg": res.reentry_lon_deg,
        "final_r_m": res.final_r_m,
        "final_v_m_s": res.final_v_m_s,
    }


@dataclass
class MonteCarloRun:
    """Per-sample table (``samples``) and the run's settings."""

    epoch_utc: datetime
    duration_s: float
    seed: int
    samples: pd.DataFrame
    uncertainty: Uncertainty
    chunk_size: int
    scheduler: str
    final_r_m: np.ndarray
    final_v_m_s: np.ndarray


def run_monte_carlo(
    epoch_utc: datetime,
    r0_m,
    v0_m_s,
    bc_kg_m2: float,
    atmosphere,
    duration_s: float,
    *,
    samples: int = 10_000,
    seed: int | None = 0,
    chunk_size: int = 5000,
    scheduler: str | None = None,
    step_s: float = STEP_S,
    stop_altitude_m: float = BREAKUP_ALTITUDE_M,
    uncertainty: Uncertainty | None = None,
    progress: Progress | None = None,
    on_partial: Callable[[MonteCarloRun], None] | None = None,
) -> MonteCarloRun:
    """Draw ``samples`` inputs with ``seed`` and propagate them in chunks (see module doc).

    Parameters
    ----------
    epoch_utc : datetime
        Epoch of the nominal state ``r0_m`` (m), ``v0_m_s`` (m/s), GCRS.
    bc_kg_m2 : float
        Nominal ballistic coefficient, kg/m^2.
    atmosphere
        The atmosphere (a table atmosphere is wrapped in ``FastGeodeticAtmosphere``).
    duration_s : float
        Horizon, s; samples still up at its end have ``reentry_s`` NaN.
    seed : int or None
        Seed of the draws; ``None`` draws a fresh one (kept in ``MonteCarloRun.seed``).
    step_s : float
        Integration step, s (halved below ``FINE_BELOW_M``).
    stop_altitude_m : float
        Breakup altitude, m.
    uncertainty : Uncertainty, optional
        The spreads (default ``Uncertainty()``).
    on_partial : callable (MonteCarloRun) -> None, optional
        Called with the run of the samples finished so far: the first
        :data:`FIRST_SAMPLES` go first (split over the cores), then the rest in chunks.
        All draws are made up front and each sample is its own run, so the final run is
        the same as without it.
    """
    samples = check_samples(samples, chunk_size)
    if not (isinstance(chunk_size, int) and chunk_size >= 1):
        raise InputError(f"{chunk_size}", field="--chunk-size", allowed="an integer >= 1")
    if not (math.isfinite(bc_kg_m2) and bc_kg_m2 > 0):
        raise InputError(f"{bc_kg_m2}", field="ballistic coefficient", allowed="> 0 kg/m^2")
    if uncertainty is None:
        uncertainty = Uncertainty()
    seed = resolve_seed(seed)
    draws = draw_samples(samples, seed, r0_m, v0_m_s, bc_kg_m2, uncertainty)

    def task_of(lo: int, hi: int) -> tuple:
        sl = slice(lo, hi)
        return (
            epoch_utc,
            draws["r_m"][sl],
            draws["v_m_s"][sl],
            draws["cd_area_over_mass_m2_kg"][sl],
            draws["density_scale"][sl],
            atmosphere,
            float(duration_s),
            float(step_s),
            float(stop_altitude_m),
        )

    def chunks(lo: int, hi: int, size: int) -> list[tuple]:
        return [task_of(a, min(a + size, hi)) for a in range(lo, hi, size)]

    # a first wave of FIRST_SAMPLES over the cores, then the rest (each sample is its own
    # run: the same results); without on_partial one wave of chunk_size chunks
    first = samples if on_partial is None else min(FIRST_SAMPLES, samples)
    size = chunk_size if on_partial is None else -(-first // max(os.cpu_count() or 1, 1))
    waves = [chunks(0, first, size), chunks(first, samples, chunk_size)]
    results: list[dict] = []
    for wave in (w for w in waves if w):
        n_before = len(results) and sum(r["reentry_s"].size for r in results)
        n_wave = sum(t[1].shape[0] for t in wave)

        def wave_progress(f: float, n_before=n_before, n_wave=n_wave) -> None:
            if progress:
                progress((n_before + f * n_wave) / samples)

        # the atmosphere (space-weather tables, ~17 MiB pickled) goes to each cluster worker once
        results += run_tasks(run_chunk, wave, scheduler, wave_progress, broadcast_arg=5)
        if on_partial is not None and n_before + n_wave < samples:
            on_partial(
                _assemble(results, draws, epoch_utc, duration_s, seed, uncertainty,
                          chunk_size, scheduler)
            )  # fmt: skip
    return _assemble(
        results, draws, epoch_utc, duration_s, seed, uncertainty, chunk_size, scheduler
    )


def _assemble(results, draws, epoch_utc, duration_s, seed, uncertainty, chunk_size, scheduler):
    """The run of the samples in ``results`` (the first ``n`` of ``draws``)."""
    cat = {k: np.concatenate([r[k] for r in results]) for k in results[0]}
    n = cat["reentry_s"].size
    table = pd.DataFrame(
        {
            "sample": np.arange(n),
            "reentry_s": cat["reentry_s"],
            "reentry_utc": pd.Timestamp(epoch_utc)
            + pd.to_timedelta(np.nan_to_num(cat["reentry_s"], nan=0.0), unit="s"),
            "lat_deg": cat["lat_deg"],
            "lon_deg": cat["lon_deg"],
            "density_scale": draws["density_scale"][:n],
            "cd_factor": draws["cd_factor"][:n],
            "area_factor": draws["area_factor"][:n],
            "fit_factor": draws["fit_factor"][:n],
            "ballistic_coefficient_kg_m2": 1.0 / draws["cd_area_over_mass_m2_kg"][:n],
        }
    )
    table.loc[~np.isfinite(table["reentry_s"]), "reentry_utc"] = pd.NaT
    return MonteCarloRun(
        epoch_utc,
        float(duration_s),
        seed,
        table,
        uncertainty,
        chunk_size,
        scheduler or "local",
        cat["final_r_m"],
        cat["final_v_m_s"],
    )
