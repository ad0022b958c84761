"""Uncontrolled reentry: Monte Carlo window and ground footprint, on the Batch propagator and Dask.

Uncertain inputs, one draw per sample from a ``numpy.random.Generator`` seeded
by ``seed`` (all draws made up front in a fixed order, so a run is the same
whichever scheduler computes it):

* **density scale** (space weather + atmosphere model): lognormal, sigma_ln = 0.20 --
  NRLMSIS-class models are good to ~15 % (1 sigma) in thermospheric density
  (Picone et al. 2002; Emmert 2015), combined in quadrature with ~13 % for the
  few-day F10.7/Ap forecast error that the 7-day horizon brings (the spread of
  our low/high scenarios is a multi-year figure, too wide for days);
* **Cd** (attitude, gas-surface interaction): lognormal, sigma_ln = 0.10;
* **area** (tumbling / attitude): lognormal, sigma_ln = 0.15;
* with a ballistic coefficient fitted to the object's own TLE history
  (``--tle-history``), density x Cd A/m is measured over the fit window, so the
  spreads shrink to what changes over the forecast (:meth:`Uncertainty.fitted`:
  0.15 / 0.05 / 0.05);
* **initial state** (TLE accuracy at epoch): Gaussian in radial / along-track /
  cross-track, sigma = 0.1 / 1.0 / 0.1 km and 1.0 / 0.2 / 0.1 m/s (Vallado &
  Cefola 2012 and Kelso 2007 put fresh LEO TLEs at ~1 km, mostly along track).

Samples are split into chunks; each chunk is one task: run in this process,
on local worker processes (default with more than one chunk), or on a Dask
cluster (``scheduler="tcp://host:port"``).  Every chunk propagates its samples
with :func:`stationkeeper.orbit.batch.propagate_batch` to 80 km (J2-J4, the table
atmosphere through
:class:`~stationkeeper.environment.atmosphere.FastGeodeticAtmosphere`, 60-s steps
above 150 km); the ballistic-coefficient recalibration runs the same propagation, so their small
biases against a 30-s, J2-J6 run are calibrated away with the BC.
"""

from __future__ import annotations

import math
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from stationkeeper.earth.frames import ric_basis
from stationkeeper.environment.atmosphere import FastGeodeticAtmosphere
from stationkeeper.errors import InputError
from stationkeeper.parallel import Progress, run_tasks

#: Bytes per sample held by the driver (inputs and results) and per sample in flight
#: in a chunk (the Batch propagator's RK4 stage arrays and the density lookups).
BYTES_PER_SAMPLE_HELD = 240
BYTES_PER_SAMPLE_IN_FLIGHT = 6000
MAX_MEMORY_SHARE = 0.5
SEGMENT_S = 6 * 3600.0
COARSE_ABOVE_M = 150e3
COARSE_FACTOR = 2.0
#: Zonal harmonics in the Monte Carlo: J2-J4 (J5, J6 are < 6e-7 and change a week of
#: decay by seconds; dropping them saves ~10 % of a step).
ZONAL_DEGREE = 4


@dataclass(frozen=True)
class Uncertainty:
    """1-sigma spreads of the Monte Carlo inputs (see the module doc for their sources)."""

    density_sigma_ln: float = 0.20
    cd_sigma_ln: float = 0.10
    area_sigma_ln: float = 0.15
    position_rtn_m: tuple[float, float, float] = (100.0, 1000.0, 100.0)
    velocity_rtn_m_s: tuple[float, float, float] = (1.0, 0.2, 0.1)

    @classmethod
    def fitted(cls) -> Uncertainty:
        """After a ballistic-coefficient fit to the object's own recent decay.

        The fit has measured density x Cd A/m over the last days, so what stays
        uncertain is how they change over the forecast: space weather and model
        variation (sigma_ln 0.15) and attitude (Cd, area: 0.05 each).
        """
        return cls(density_sigma_ln=0.15, cd_sigma_ln=0.05, area_sigma_ln=0.05)


def draw_samples(
    n: int, seed: int, r0, v0, bc_kg_m2: float, unc: Uncertainty = Uncertainty()
) -> dict:
    """All random inputs, drawn in a fixed order from ``default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    dens = np.exp(unc.density_sigma_ln * rng.standard_normal(n))
    cd = np.exp(unc.cd_sigma_ln * rng.standard_normal(n))
    area = np.exp(unc.area_sigma_ln * rng.standard_normal(n))
    dr = rng.standard_normal((n, 3)) * np.asarray(unc.position_rtn_m)
    dv = rng.standard_normal((n, 3)) * np.asarray(unc.velocity_rtn_m_s)
    r0 = np.asarray(r0, dtype=float)
    v0 = np.asarray(v0, dtype=float)
    basis = ric_basis(r0, v0)
    return {
        "density_scale": dens,
        "cd_factor": cd,
        "area_factor": area,
        "cd_area_over_mass_m2_kg": cd * area / bc_kg_m2,
        "r_m": r0 + dr @ basis,
        "v_m_s": v0 + dv @ basis,
    }


def memory_estimate_bytes(samples: int, chunk_size: int, workers: int) -> int:
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


# ------------------------------------------------------------------------ running chunks


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

    The horizon is run in 6-hour segments; while every sample's altitude is above
    ``COARSE_ABOVE_M`` a segment uses 2 x ``step_s``, then ``step_s`` for the final
    plunge.  GOCE from 2013-11-03 (8.3 days left), one sample: 30 s throughout and
    15 s agree within 2 min; 45 s throughout is 20 min early (0.2 % of the remaining
    time), 60 s throughout 72 min (0.6 %), this 60/30-s split at 170 km 66 min, at
    150 km 71 min (0.6 %) -- far inside the Monte Carlo window (+-25 %), for ~45 % less
    run time.
    """
    from stationkeeper.constants import R_EARTH_EQ_M
    from stationkeeper.orbit.batch import propagate_batch

    if hasattr(atmosphere, "density_geodetic"):
        atmosphere = FastGeodeticAtmosphere(atmosphere)
    n = len(k_drag)
    reentry = np.full(n, np.nan)
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    r = np.array(r_m, dtype=float)
    v = np.array(v_m_s, dtype=float)
    active = np.arange(n)
    t = 0.0
    while active.size and t < duration_s - 1e-6:
        seg = min(SEGMENT_S, duration_s - t)
        low = np.min(np.linalg.norm(r[active], axis=-1)) - R_EARTH_EQ_M
        h = COARSE_FACTOR * step_s if low > COARSE_ABOVE_M else step_s
        res = propagate_batch(
            epoch_utc + timedelta(seconds=t),
            r[active],
            v[active],
            k_drag[active],
            atmosphere,
            seg,
            density_scale=density_scale[active],
            step_s=h,
            stop_altitude_m=stop_altitude_m,
            zonal_degree=ZONAL_DEGREE,
        )
        r[active] = res.final_r_m
        v[active] = res.final_v_m_s
        down = res.reentered
        reentry[active[down]] = t + res.reentry_s[down]
        lat[active[down]] = res.reentry_lat_deg[down]
        lon[active[down]] = res.reentry_lon_deg[down]
        active = active[~down]
        t += seg
    return {"reentry_s": reentry, "lat_deg": lat, "lon_deg": lon, "final_r_m": r, "final_v_m_s": v}


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
    seed: int = 0,
    chunk_size: int = 5000,
    scheduler: str | None = None,
    step_s: float = 30.0,
    stop_altitude_m: float = 80e3,
    uncertainty: Uncertainty = Uncertainty(),
    progress: Progress | None = None,
) -> MonteCarloRun:
    """Draw ``samples`` inputs with ``seed`` and propagate them in chunks (see module doc)."""
    samples = check_samples(samples, chunk_size)
    if not (isinstance(chunk_size, int) and chunk_size >= 1):
        raise InputError(f"{chunk_size}", field="--chunk-size", allowed="an integer >= 1")
    if not (math.isfinite(bc_kg_m2) and bc_kg_m2 > 0):
        raise InputError(f"{bc_kg_m2}", field="ballistic coefficient", allowed="> 0 kg/m^2")
    draws = draw_samples(samples, seed, r0_m, v0_m_s, bc_kg_m2, uncertainty)
    tasks = []
    for lo in range(0, samples, chunk_size):
        sl = slice(lo, min(lo + chunk_size, samples))
        tasks.append(
            (
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
        )
    # the atmosphere (space-weather tables, ~17 MiB pickled) goes to each cluster worker once
    results = run_tasks(run_chunk, tasks, scheduler, progress, broadcast_arg=5)
    cat = {k: np.concatenate([r[k] for r in results]) for k in results[0]}
    table = pd.DataFrame(
        {
            "sample": np.arange(samples),
            "reentry_s": cat["reentry_s"],
            "reentry_utc": pd.Timestamp(epoch_utc)
            + pd.to_timedelta(np.nan_to_num(cat["reentry_s"], nan=0.0), unit="s"),
            "lat_deg": cat["lat_deg"],
            "lon_deg": cat["lon_deg"],
            "density_scale": draws["density_scale"],
            "cd_factor": draws["cd_factor"],
            "area_factor": draws["area_factor"],
            "ballistic_coefficient_kg_m2": 1.0 / draws["cd_area_over_mass_m2_kg"],
        }
    )
    table.loc[~np.isfinite(table["reentry_s"]), "reentry_utc"] = pd.NaT
    return MonteCarloRun(
        epoch_utc,
        float(duration_s),
        int(seed),
        table,
        uncertainty,
        chunk_size,
        scheduler or "local",
        cat["final_r_m"],
        cat["final_v_m_s"],
    )


# ------------------------------------------------------------------------ summary


def reentry_window(run: MonteCarloRun) -> dict:
    """Median and 5/95 % reentry epochs; samples still up at the horizon count as 'later'."""
    t = run.samples["reentry_s"].to_numpy()
    t_sorted = np.sort(np.where(np.isfinite(t), t, np.inf))
    n = t.size

    def q(p):
        x = t_sorted[min(int(math.floor(p * (n - 1) + 0.5)), n - 1)]
        return None if not np.isfinite(x) else run.epoch_utc + timedelta(seconds=float(x))

    p05, p50, p95 = q(0.05), q(0.50), q(0.95)
    return {
        "median_utc": p50.isoformat() if p50 else None,
        "p05_utc": p05.isoformat() if p05 else None,
        "p95_utc": p95.isoformat() if p95 else None,
        "window_hours": (p95 - p05).total_seconds() / 3600.0 if (p05 and p95) else None,
        "reentered_share": float(np.isfinite(t).mean()),
        "horizon_utc": (run.epoch_utc + timedelta(seconds=run.duration_s)).isoformat(),
    }


def footprint_exposure(
    run: MonteCarloRun, downrange_km: tuple[float, float], points: int = 12
) -> dict:
    """Exposure of the breakup points and of each sample's debris footprint along the track.

    Each re-entered sample's footprint runs ``downrange_km`` (first, last) along
    the ground heading at breakup, ``points`` points, weighted equally.
    """
    from stationkeeper.reentry.footprint import exposure, ground_heading_deg, points_along

    tab = run.samples
    done = np.isfinite(tab["reentry_s"].to_numpy())
    out = {"breakup": exposure(tab["lat_deg"], tab["lon_deg"])}
    if done.any():
        t_b = run.epoch_utc.timestamp() + tab["reentry_s"].to_numpy()[done]
        head = ground_heading_deg(t_b, run.final_r_m[done], run.final_v_m_s[done])
        d = np.linspace(downrange_km[0], downrange_km[1], points)
        la, lo = points_along(
            tab["lat_deg"].to_numpy()[done], tab["lon_deg"].to_numpy()[done], head, d
        )
        out["footprint"] = exposure(la, lo)
        out["footprint"]["downrange_km"] = list(downrange_km)
        out["footprint_lat_deg"], out["footprint_lon_deg"] = la, lo
    return out


def uncertainty_dict(unc: Uncertainty) -> dict:
    return asdict(unc)


# ------------------------------------------------------------------------ the whole prediction


def _orbit_mean_a(t0: datetime, r, v, k_drag, atm, period_s: float, slices: int = 40) -> np.ndarray:
    """Osculating semi-major axis averaged over one orbit after ``t0`` (Batch, per sample)."""
    from stationkeeper.orbit.batch import propagate_batch
    from stationkeeper.orbit.state import osculating_elements

    acc = osculating_elements(r, v)["a"] / slices
    dt = period_s / slices
    for k in range(1, slices):
        res = propagate_batch(
            t0 + timedelta(seconds=(k - 1) * dt), r, v, k_drag, atm, dt, step_s=dt / 4
        )
        r, v = res.final_r_m, res.final_v_m_s
        acc = acc + osculating_elements(r, v)["a"] / slices
    return acc


def calibrate_ballistic_coefficient(window: list, atm, bc0: float, step_s: float = 30.0) -> dict:
    """Rescale a fitted BC so that the Batch propagator reproduces the window's decay.

    The BC fit (:mod:`stationkeeper.orbit.fit`) is made with the Averaged
    propagator on TLE mean altitudes; started from the SGP4 state, the Cowell and
    Batch propagators decay at a different rate with that BC (GOCE, 7 days out:
    ~30 h later).  Thirteen trial BCs (0.5-2 x) run over the window from its first
    element set; the orbit-averaged semi-major axis at its last epoch is matched
    to the SGP4 one of the last element set.
    """
    from stationkeeper.orbit.state import state_from_elements

    first, last = window[0], window[-1]
    span = (last.epoch_utc - first.epoch_utc).total_seconds()
    if span < 6 * 3600:
        return {"factor": 1.0, "note": "window shorter than 6 h: BC not recalibrated"}
    f = np.geomspace(0.5, 2.0, 13)
    s0 = state_from_elements(first)
    n = f.size
    # the same propagation as the Monte Carlo's (steps, gravity, atmosphere look-up)
    res = run_chunk(
        first.epoch_utc,
        np.repeat(s0.r[None], n, 0),
        np.repeat(s0.v[None], n, 0),
        1.0 / (bc0 * f),
        np.ones(n),
        atm,
        span,
        step_s,
        80e3,
    )
    ok = ~np.isfinite(res["reentry_s"])
    period = 2 * math.pi / (last.satrec.no_kozai / 60.0)
    a_trial = _orbit_mean_a(
        last.epoch_utc,
        res["final_r_m"][ok],
        res["final_v_m_s"][ok],
        1.0 / (bc0 * f[ok]),
        atm,
        period,
    )
    # the truth: SGP4 over one orbit from the last element set
    slices = 40
    a_obs = 0.0
    from stationkeeper.orbit.state import osculating_elements

    for k in range(slices):
        st = state_from_elements(last, last.epoch_utc + timedelta(seconds=k * period / slices))
        a_obs += float(osculating_elements(st.r, st.v)["a"]) / slices
    # a grows with BC: interpolate log(f) against a
    order = np.argsort(a_trial)
    if not (a_trial[order][0] <= a_obs <= a_trial[order][-1]):
        return {"factor": 1.0, "note": "observed decay outside the 0.5-2 x trials: BC kept"}
    lf = float(np.interp(a_obs, a_trial[order], np.log(f[ok][order])))
    return {"factor": math.exp(lf), "note": "Batch decay matched over the fit window"}


def predict_reentry(
    *,
    tle=None,
    tle_history=None,
    until: datetime | None = None,
    samples: int = 10_000,
    seed: int = 0,
    scheduler: str | None = None,
    chunk_size: int = 5000,
    step_s: float = 30.0,
    max_days: float = 30.0,
    solar: str = "nominal",
    space_weather=None,
    station=None,
    mass_kg: float | None = None,
    area_m2: float | None = None,
    cd: float | None = None,
    bstar_from_tle: bool = False,
    fit_days: float = 3.0,
    calibrate: bool = True,
    casualty_area_m2: float | None = None,
    uncertainty: Uncertainty | None = None,
    progress: Progress | None = None,
) -> tuple[dict, MonteCarloRun]:
    """Reentry window and footprint of an object from a TLE (or a TLE history up to ``until``)."""
    from stationkeeper.environment.atmosphere_factory import check_span, make_atmosphere
    from stationkeeper.orbit.averaged import propagate_averaged
    from stationkeeper.orbit.forces import ForceModel
    from stationkeeper.orbit.start import object_and_elements
    from stationkeeper.orbit.state import state_from_elements

    check_samples(samples, chunk_size)
    if uncertainty is None:
        uncertainty = Uncertainty.fitted() if tle_history is not None else Uncertainty()
    if not (math.isfinite(max_days) and 0 < max_days <= 60):
        raise InputError(f"{max_days}", field="--max-days", allowed="0 < days <= 60")
    calib = None
    es, fit_res, obj, window = object_and_elements(
        tle,
        tle_history,
        until,
        fit_days,
        "nrlmsis",
        [solar],
        space_weather,
        station=station,
        mass_kg=mass_kg,
        area_m2=area_m2,
        cd=cd,
        bstar_from_tle=bstar_from_tle,
    )
    fit = None if fit_res is None else fit_res.as_dict()
    bc = obj.ballistic_coefficient_kg_m2
    if es.perigee_km < 100.0:
        raise InputError(
            f"perigee {es.perigee_km:.0f} km: already re-entering",
            file=es.source,
            field="perigee",
            allowed=">= 100 km",
        )
    atm_table = make_atmosphere("nrlmsis", solar, space_weather, table=True)
    if tle_history is not None and calibrate:
        calib = calibrate_ballistic_coefficient(window, atm_table, bc, step_s)
        bc *= calib["factor"]
    # nominal lifetime first (Averaged, fast): the Monte Carlo covers only the final days
    state = state_from_elements(es)
    atm_direct = make_atmosphere("nrlmsis", solar, space_weather)
    check_span(atm_direct, es.epoch_utc, max_days, solar)
    traj = propagate_averaged(
        state,
        ForceModel(6, atm_direct, 1.0 / bc),
        max_days * 86400.0,
        output_step_s=3600.0,
        stop_altitude_m=80e3,
    )
    if traj.reentry_utc is None:
        raise InputError(
            f"{obj.name} stays in orbit longer than {max_days:g} days (nominal, Averaged "
            "propagator); the Monte Carlo runs the final days only",
            field="--tle",
            allowed=f"an element set less than {max_days:g} days before reentry "
            "(see `stationkeeper lifetime`), or a larger --max-days",
        )
    nominal_days = (traj.reentry_utc - es.epoch_utc).total_seconds() / 86400.0
    horizon_days = min(max_days, 2.0 * nominal_days + 0.25)
    run = run_monte_carlo(
        es.epoch_utc,
        state.r,
        state.v,
        bc,
        atm_table,
        horizon_days * 86400.0,
        samples=samples,
        seed=seed,
        chunk_size=chunk_size,
        scheduler=scheduler,
        step_s=step_s,
        uncertainty=uncertainty,
        progress=progress,
    )
    window_ = reentry_window(run)
    frag = _uncontrolled_footprint_km(run, atm_table)
    exp = footprint_exposure(run, frag)
    summary = {
        "object": obj.as_dict() | {"ballistic_coefficient_kg_m2": bc},
        "tle": es.where(),
        "tle_epoch_utc": es.epoch_utc.isoformat(),
        "start_perigee_km": es.perigee_km,
        "start_mean_altitude_km": es.mean_altitude_km,
        "samples": samples,
        "seed": seed,
        "scheduler": scheduler or "local",
        "chunk_size": chunk_size,
        "step_s": step_s,
        "horizon_days": horizon_days,
        "nominal_averaged_reentry_utc": traj.reentry_utc.isoformat(),
        "reentry": window_,
        "breakup": exp["breakup"],
        "footprint": exp.get("footprint"),
        "uncertainty": uncertainty_dict(uncertainty),
        "breakup_altitude_km": 80.0,
    }
    if fit is not None:
        summary["fit"] = fit
    if calib is not None:
        summary["bc_calibration"] = calib
    if casualty_area_m2 is not None and "footprint_lat_deg" in exp:
        from stationkeeper.reentry.risk import CASUALTY_LIMIT, density_at, expected_casualties

        ec = (
            expected_casualties(
                casualty_area_m2, density_at(exp["footprint_lat_deg"], exp["footprint_lon_deg"])
            )
            * window_["reentered_share"]
        )
        summary["risk"] = {
            "casualty_area_m2": casualty_area_m2,
            "expected_casualties": ec,
            "limit": CASUALTY_LIMIT,
            "exceeds_limit": ec > CASUALTY_LIMIT,
        }
    run.samples.attrs["footprint_lat_deg"] = exp.get("footprint_lat_deg")
    run.samples.attrs["footprint_lon_deg"] = exp.get("footprint_lon_deg")
    return summary, run


def _uncontrolled_footprint_km(run: MonteCarloRun, atm) -> tuple[float, float]:
    """Downrange (first, last) landing distances of fragments from the median breakup state."""
    from stationkeeper.reentry.footprint import fall_fragments

    t = run.samples["reentry_s"].to_numpy()
    ok = np.flatnonzero(np.isfinite(t))
    if ok.size == 0:
        return (0.0, 0.0)
    k = ok[np.argsort(t[ok])[ok.size // 2]]
    f = fall_fragments(run.epoch_utc.timestamp() + t[k], run.final_r_m[k], run.final_v_m_s[k])
    d = f["downrange_km"][np.isfinite(f["downrange_km"])]
    return (float(d.min()), float(d.max())) if d.size else (0.0, 0.0)
