"""Uncontrolled reentry prediction: from a TLE (or a TLE history) to the window and footprint.

The steps: the object and its ballistic coefficient (the station's drag figures, or a
fit to the object's own TLE history, recalibrated for the Batch propagator); the
nominal lifetime with the Averaged propagator (the ground-track Monte Carlo covers only the
final days, to twice the nominal time left); the Monte Carlo (:mod:`.sampling`, :mod:`.run`);
its window and footprint (:mod:`.summary`); optionally the expected casualties.

An object that stays up longer than ``max_days`` (nominal) gets the long-horizon answer
instead (:mod:`.long_summary`): every sample's whole decay, orbit-averaged, and the ground
probabilities from the orbit's latitude dwell with longitude uniform. One that a quick look on
coarse drag tables keeps up for twice ``max_days`` (:func:`.long_horizon.stays_up`) goes there
without the Averaged run.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta

from stationkeeper.constants import BREAKUP_ALTITUDE_M, SECONDS_PER_DAY
from stationkeeper.environment.atmosphere_factory import (
    check_span,
    make_atmosphere,
    space_weather_end,
)
from stationkeeper.errors import InputError
from stationkeeper.orbit.averaged import propagate_averaged
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.start import object_and_elements
from stationkeeper.orbit.state import state_from_elements
from stationkeeper.parallel import Progress
from stationkeeper.reentry.montecarlo.calibration import (
    calibrate_ballistic_coefficient,
    fit_sigma_ln,
)
from stationkeeper.reentry.montecarlo.dwell import country_block, footprint_touch, resolve_country
from stationkeeper.reentry.montecarlo.labels import partial_label
from stationkeeper.reentry.montecarlo.long_horizon import LongHorizonRun, stays_up
from stationkeeper.reentry.montecarlo.long_summary import long_horizon_answer
from stationkeeper.reentry.montecarlo.run import (
    STEP_S,
    MonteCarloRun,
    check_samples,
    run_monte_carlo,
)
from stationkeeper.reentry.montecarlo.sampling import Uncertainty, resolve_seed
from stationkeeper.reentry.montecarlo.summary import (
    footprint_exposure,
    reentry_window,
    uncontrolled_footprint_km,
)
from stationkeeper.reentry.risk import CASUALTY_LIMIT, density_at, expected_casualties

#: Lowest perigee (km) of an element set the prediction starts from.
MIN_START_PERIGEE_KM = 100.0
#: An object the coarse look keeps up for this many times ``max_days`` skips the Averaged
#: run (the look and the Averaged propagator agree within a few per cent).
STAYS_UP_MARGIN = 2.0


def forecast_share(atmosphere, start_utc: datetime, days: float) -> float:
    """Share (0-1) of ``days`` from ``start_utc`` that lies beyond the observed space
    weather of ``atmosphere`` (1 for a model without a space-weather file)."""
    sw = getattr(atmosphere, "space_weather", None)
    if sw is None or days <= 0:
        return 1.0
    beyond = start_utc + timedelta(days=days) - space_weather_end(sw, "observed")
    return min(max(beyond.total_seconds() / (days * SECONDS_PER_DAY), 0.0), 1.0)


def predict_reentry(
    *,
    tle=None,
    tle_history=None,
    until: datetime | None = None,
    samples: int = 10_000,
    seed: int | None = 0,
    scheduler: str | None = None,
    chunk_size: int = 5000,
    step_s: float = STEP_S,
    max_days: float = 30.0,
    solar: str = "nominal",
    space_weather=None,
    station=None,
    mass_kg: float | None = None,
    area_m2: float | None = None,
    cd: float | None = None,
    bstar_from_tle: bool = False,
    drag: str = "fitted",
    fit_days: float = 3.0,
    calibrate: bool = True,
    casualty_area_m2: float | None = None,
    uncertainty: Uncertainty | None = None,
    progress: Progress | None = None,
    country: str | None = None,
    on_partial: Callable[[dict, MonteCarloRun | LongHorizonRun], None] | None = None,
) -> tuple[dict, MonteCarloRun | LongHorizonRun]:
    """Reentry window and footprint of an object from a TLE (or a TLE history up to ``until``).

    Parameters
    ----------
    tle, tle_history
        An element set (file or ``ElementSet``; default the shipped ISS TLE), or a TLE
        history file whose last ``fit_days`` days before ``until`` fit the BC.
    samples, seed, scheduler, chunk_size
        The Monte Carlo: number of samples, seed (``None``: a fresh one, reported),
        where the chunks run (``None`` local processes, ``"synchronous"``, a Dask
        address), samples per chunk.
    step_s : float
        Integration step, s (:func:`.run.run_chunk`).
    max_days : float
        Longest nominal lifetime for the ground-track Monte Carlo, days (0 < days <= 60);
        beyond it the long-horizon run answers.
    mass_kg, area_m2, cd
        Drag figures overriding the station's (kg, m^2, -).
    drag : str
        The station's ``fitted`` drag (default) or ``topo``'s figures (not used with a history).
    casualty_area_m2 : float, optional
        Casualty area of the surviving debris, m^2: adds ``risk`` (expected casualties).
    uncertainty : Uncertainty, optional
        The spreads (default: with a history :meth:`Uncertainty.fitted`, with the fit's
        standard error and the nominal forecast's share beyond the observed space
        weather; else the wider set).

    country : str, optional
        A country by Natural Earth name or ISO-3 code (default the United States): its
        figures under ``country``; every country's are in the summary either way.
    on_partial : callable (summary, run) -> None, optional
        Called with the answer of the samples finished so far (``summary["partial"]``:
        ``n_done``, ``n_total``): after the first :data:`.run.FIRST_SAMPLES` (long horizon:
        on coarser drag tables, :data:`.long_horizon.FIRST_LOOK_TABLE`). The draws are
        made once for all samples, so the final answer is the same as without it.

    Returns
    -------
    (dict, MonteCarloRun or LongHorizonRun)
        The summary (``reentry`` window, ``breakup`` and ``footprint`` exposure, object,
        settings, fit and calibration, ``risk``) and the run with its per-sample table.
    """
    check_samples(samples, chunk_size)
    if not (math.isfinite(max_days) and 0 < max_days <= 60):
        raise InputError(f"{max_days}", field="--max-days", allowed="0 < days <= 60")
    seed = resolve_seed(seed)
    country_name = resolve_country(country)
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
        drag=drag,
    )
    fit = None if fit_res is None else fit_res.as_dict()
    bc = obj.ballistic_coefficient_kg_m2
    if es.perigee_km < MIN_START_PERIGEE_KM:
        raise InputError(
            f"perigee {es.perigee_km:.0f} km: already re-entering",
            file=es.source,
            field="perigee",
            allowed=f">= {MIN_START_PERIGEE_KM:.0f} km",
        )
    atm_table = make_atmosphere("nrlmsis", solar, space_weather, table=True)
    if tle_history is not None and calibrate:
        calib = calibrate_ballistic_coefficient(window, atm_table, bc, step_s)
        bc *= calib["factor"]
    # nominal lifetime first (Averaged, fast): the Monte Carlo covers only the final days
    state = state_from_elements(es)
    atm_direct = make_atmosphere("nrlmsis", solar, space_weather)
    check_span(atm_direct, es.epoch_utc, max_days, solar)
    traj = None  # the object is years up: the look on coarse tables answers it at once
    if not stays_up(state, atm_direct, bc, STAYS_UP_MARGIN * max_days):
        traj = propagate_averaged(
            state,
            ForceModel.with_drag(atm_direct, bc),
            max_days * SECONDS_PER_DAY,
            output_step_s=3600.0,
            stop_altitude_m=BREAKUP_ALTITUDE_M,
        )
    common = {
        "object": obj.as_dict() | {"ballistic_coefficient_kg_m2": bc},
        "tle": es.where(),
        "tle_epoch_utc": es.epoch_utc.isoformat(),
        "start_perigee_km": es.perigee_km,
        "start_mean_altitude_km": es.mean_altitude_km,
        "samples": samples,
        "seed": seed,
    }
    if fit is not None:
        common["fit"] = fit
    if calib is not None:
        common["bc_calibration"] = calib
    if traj is None or traj.reentry_utc is None:  # beyond the ground-track run: averaged
        unc = uncertainty
        if unc is None and fit_res is not None:  # the fit's own error (used without a spread)
            unc = Uncertainty.fitted(
                fit_sigma_ln(window, atm_direct, fit_res.ballistic_coefficient_kg_m2)
            )

        def whole(part: dict) -> dict:
            summary = common | part | {"short_horizon_max_days": max_days}
            summary["uncertainty"] = (unc or Uncertainty()).as_dict()
            summary["country"] = country_block(summary, country_name)
            return summary

        summary, long_run = long_horizon_answer(
            state,
            obj,
            bc_kg_m2=obj.ballistic_coefficient_kg_m2,  # the fit's, not the Batch recalibration
            samples=samples,
            seed=seed,
            space_weather=space_weather,
            uncertainty=unc,
            casualty_area_m2=casualty_area_m2,
            progress=progress,
            on_partial=None if on_partial is None else (lambda s, r: on_partial(whole(s), r)),
        )
        return whole(summary), long_run
    nominal_days = (traj.reentry_utc - es.epoch_utc).total_seconds() / SECONDS_PER_DAY
    if uncertainty is None and fit_res is not None:
        uncertainty = Uncertainty.fitted(
            fit_sigma_ln(window, atm_direct, fit_res.ballistic_coefficient_kg_m2),
            forecast_share(atm_table, es.epoch_utc, nominal_days),
        )
    elif uncertainty is None:
        uncertainty = Uncertainty()
    horizon_days = min(max_days, 2.0 * nominal_days + 0.25)
    settings = common | {
        "method": "ground_track",
        "scheduler": scheduler or "local",
        "chunk_size": chunk_size,
        "step_s": step_s,
        "horizon_days": horizon_days,
        "nominal_averaged_reentry_utc": traj.reentry_utc.isoformat(),
    }

    def answer(run: MonteCarloRun) -> dict:
        return ground_track_answer(
            run, settings, uncertainty, casualty_area_m2, country_name, samples
        )

    run = run_monte_carlo(
        es.epoch_utc,
        state.r,
        state.v,
        bc,
        atm_table,
        horizon_days * SECONDS_PER_DAY,
        samples=samples,
        seed=seed,
        chunk_size=chunk_size,
        scheduler=scheduler,
        step_s=step_s,
        uncertainty=uncertainty,
        progress=progress,
        on_partial=None if on_partial is None else (lambda part: on_partial(answer(part), part)),
    )
    return answer(run), run


def ground_track_answer(
    run: MonteCarloRun, settings: dict, uncertainty, casualty_area_m2, country_name, n_total
) -> dict:
    """The summary of a ground-track run (window, breakup and footprint exposure, risk);
    a run of fewer than ``n_total`` samples is labelled ``partial``. Sets the run's
    footprint points (``samples.attrs``)."""
    window_ = reentry_window(run)
    exp = footprint_exposure(run, uncontrolled_footprint_km(run))
    summary = settings | {
        "reentry": window_,
        "breakup": exp["breakup"],
        "footprint": exp.get("footprint"),
        "uncertainty": uncertainty.as_dict(),
        "breakup_altitude_km": BREAKUP_ALTITUDE_M / 1e3,
    }
    if casualty_area_m2 is not None and "footprint_lat_deg" in exp:
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
    if "footprint_lat_deg" in exp:
        summary["footprint_touch"] = footprint_touch(
            exp["footprint_lat_deg"], exp["footprint_lon_deg"]
        )
    summary["country"] = country_block(summary, country_name)
    run.samples.attrs["footprint_lat_deg"] = exp.get("footprint_lat_deg")
    run.samples.attrs["footprint_lon_deg"] = exp.get("footprint_lon_deg")
    n_done = len(run.samples)
    if n_done < n_total:
        summary |= partial_label(n_done, n_total)
    return summary
