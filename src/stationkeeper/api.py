"""The user-facing functions: every CLI command and web page is one of these.

Each checks its arguments, calls one service in its layer and returns a
:class:`~stationkeeper.report.result.Result` (``summary``, ``tables``, ``sentence``,
``to_dict()`` for JSON, ``write(folder)`` for files).

>>> import stationkeeper as sk
>>> r = sk.decay(days=30)                                  # doctest: +SKIP
>>> r.summary["mean_decay_m_per_day"], r.table.tail(1)     # doctest: +SKIP
>>> sk.lifetime(solar="nominal").summary["lifetime_days"]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from stationkeeper.conjunction.run import screen_station
from stationkeeper.constants import REENTRY_ALTITUDE_M
from stationkeeper.errors import InputError
from stationkeeper.orbit.ballistic import DragObject, drag_object
from stationkeeper.orbit.decay import decay_summary, decay_table
from stationkeeper.orbit.groundtrack import ground_track
from stationkeeper.orbit.lifetime import lifetime_scenarios
from stationkeeper.orbit.tle import ElementSet, elements_or_default
from stationkeeper.parallel import Progress
from stationkeeper.reentry.controlled_deorbit import deorbit_answer
from stationkeeper.reentry.montecarlo import predict_reentry
from stationkeeper.report import answers
from stationkeeper.report.result import Result
from stationkeeper.scenario import load_scenario, simulate
from stationkeeper.station import load_station, station_summary
from stationkeeper.utc import as_utc

PathLike = str | Path


def decay(
    days: float = 180.0,
    *,
    tle: PathLike | ElementSet | None = None,
    solar: str = "nominal",
    propagator: str = "averaged",
    atmosphere: str = "nrlmsis",
    station: PathLike | None = None,
    space_weather: PathLike | None = None,
    mass_kg: float | None = None,
    area_m2: float | None = None,
    cd: float | None = None,
    bstar_from_tle: bool = False,
    output_step_days: float = 1.0,
    progress: Progress | None = None,
) -> Result:
    """Day-by-day mean, perigee and apogee altitude with no reboost.

    ``tables["decay"]``: ``epoch_utc``, ``day``, ``mean_altitude_km``, ``perigee_km``,
    ``apogee_km``, ``space_weather`` (observed / daily_forecast / monthly_forecast /
    scenario), ``f107_sfu``, ``ap``. ``summary``: the inputs, start/end mean altitude
    (km), ``mean_decay_m_per_day``, ``reentry_utc``. Files: decay.csv, decay.parquet,
    decay.png, summary.json.
    """
    table = decay_table(
        days,
        tle=tle,
        solar=solar,
        propagator=propagator,
        atmosphere=atmosphere,
        station=station,
        space_weather=space_weather,
        mass_kg=mass_kg,
        area_m2=area_m2,
        cd=cd,
        bstar_from_tle=bstar_from_tle,
        output_step_days=output_step_days,
        progress=progress,
    )
    return answers.decay_result(table, decay_summary(table))


def lifetime(
    *,
    tle: PathLike | ElementSet | None = None,
    solar: str | Sequence[str] | None = None,
    atmosphere: str = "nrlmsis",
    station: PathLike | None = None,
    space_weather: PathLike | None = None,
    mass_kg: float | None = None,
    area_m2: float | None = None,
    cd: float | None = None,
    bstar_from_tle: bool = False,
    tle_history: PathLike | None = None,
    until: datetime | None = None,
    fit_days: float = 3.0,
    max_years: float = 30.0,
    reentry_altitude_km: float = REENTRY_ALTITUDE_M / 1e3,
    progress: Progress | None = None,
) -> Result:
    """Days until the mean altitude falls below ``reentry_altitude_km`` with no reboost.

    ``solar``: one scenario or several (default: low, nominal and high; ``observed`` when
    fitting to a ``tle_history``). With ``tle_history`` (and a cut-off ``until``) the
    ballistic coefficient is fitted to the history's last ``fit_days`` days. ``summary``:
    ``reentry_utc``, ``lifetime_days`` (nominal, or the one scenario), ``scenarios``,
    ``object``, ``fit``; ``tables["lifetime_<solar>"]``: each scenario's daily altitude.
    """
    if solar is None:
        solar = ["observed"] if tle_history is not None else ["low", "nominal", "high"]
    if tle is not None and tle_history is not None:
        raise InputError("give tle or tle_history, not both", field="tle")
    summary, tables = lifetime_scenarios(
        tle=tle,
        solar=solar,
        atmosphere=atmosphere,
        station=station,
        space_weather=space_weather,
        mass_kg=mass_kg,
        area_m2=area_m2,
        cd=cd,
        bstar_from_tle=bstar_from_tle,
        tle_history=tle_history,
        until=None if until is None else as_utc(until),
        fit_days=fit_days,
        max_years=max_years,
        reentry_altitude_km=reentry_altitude_km,
        progress=progress,
    )
    return answers.lifetime_result(summary, tables)


def track(
    hours: float = 3.0,
    *,
    tle: PathLike | ElementSet | None = None,
    start_utc: datetime | None = None,
    step_s: float = 30.0,
) -> Result:
    """Ground track (UTC, latitude, longitude, altitude) from SGP4, from the TLE epoch by
    default. ``tables["track"]``: ``epoch_utc``, ``lat_deg``, ``lon_deg``, ``altitude_km``."""
    es = elements_or_default(tle)
    start = es.epoch_utc if start_utc is None else as_utc(start_utc)
    table = ground_track(es.satrec, start, hours, step_s)
    return answers.track_result(table, es, hours)


def show_station(station: PathLike | None = None) -> Result:
    """The station: modules, vehicles, engines, tanks, totals per segment and owner, mass,
    drag area, Cd and ballistic coefficient (``summary``; ``station`` holds the model)."""
    model = load_station(station)
    return answers.station_result(station_summary(model), model)


def screen(
    catalog: PathLike,
    *,
    days: float = 7.0,
    station_tle: PathLike | None = None,
    start_utc: datetime | None = None,
    radial_km: float = 0.5,
    report_km: float = 25.0,
    hbr_m: float | None = None,
    pc_threshold: float = 1e-4,
    cdm: Sequence[PathLike] = (),
    station: PathLike | None = None,
    mc_samples: int = 0,
    seed: int | None = None,
    scheduler: str | None = None,
    bplane_plots: int = 3,
    progress: Progress | None = None,
) -> Result:
    """Debris avoidance: the station against a whole catalogue over ``days``.

    ``summary["events"]``: every close approach within ``report_km`` by risk, with miss
    distance and RIC components (km), relative speed, the 2-D Pc (TLE-default covariances,
    or a CDM's), NASA's decision (Pc ≥ ``pc_threshold`` → manoeuvre) and the smallest
    along-track burn. ``scheduler``: None (local processes), "synchronous" or a Dask
    address. ``tables["conjunctions"]``: the events as a table; files: conjunctions.csv/.parquet,
    screen.json and B-plane plots of the ``bplane_plots`` riskiest events.
    """
    summary = screen_station(
        catalog,
        days=days,
        station_tle=station_tle,
        start_utc=start_utc,
        radial_km=radial_km,
        report_km=report_km,
        hbr_m=hbr_m,
        pc_threshold=pc_threshold,
        cdm=cdm,
        station=station,
        mc_samples=mc_samples,
        seed=seed,
        scheduler=scheduler,
        progress=progress,
    )
    return answers.screen_result(summary, bplane_plots)


def run_scenario(
    scenario: PathLike,
    *,
    seed: int | None = None,
    progress: Progress | None = None,
) -> Result:
    """Run a scenario file: ``tables["timeseries"]``, ``tables["events"]`` and the
    ``summary`` (bodies, propellant by owner and purpose, violations). Files:
    timeseries.parquet, events.csv, summary.json, altitude/propellant/gantt PNGs.
    """
    sim = simulate(load_scenario(scenario), progress=progress, seed=seed)
    return answers.scenario_result(sim)


def deorbit_plan(
    vehicle: str = "usdv",
    count: int = 1,
    *,
    target: tuple[float, float] | None = None,
    start_altitude_km: float = 220.0,
    final_perigee_km: float = 50.0,
    with_entry: bool = True,
    with_risk: bool = True,
) -> Result:
    """Controlled deorbit of the ISS with ``count`` x ``vehicle`` (``usdv`` or ``progress``).

    ``summary``: ``feasible``, ``dv_total_m_s``, ``propellant_needed_kg``, ``shortfall_m_s``
    / ``shortfall_kg`` (when infeasible), ``burns``, ``entry`` (breakup, impact point,
    footprint) and ``risk``. An infeasible plan is still answered, with ``problem`` set.
    """
    plan = deorbit_answer(
        vehicle,
        count,
        target=target,
        start_altitude_km=start_altitude_km,
        final_perigee_km=final_perigee_km,
        with_entry=with_entry,
        with_risk=with_risk,
    )
    return answers.deorbit_result(plan, vehicle, count)


def reentry_predict(
    *,
    tle: PathLike | ElementSet | None = None,
    tle_history: PathLike | None = None,
    until: datetime | None = None,
    samples: int = 10_000,
    seed: int | None = 0,
    scheduler: str | None = None,
    max_days: float = 30.0,
    casualty_area_m2: float | None = None,
    progress: Progress | None = None,
) -> Result:
    """Uncontrolled reentry: Monte Carlo window (median, 5–95 %) and where it comes down.

    From a TLE (the station's drag, as for ``decay``) or a TLE history with a cut-off
    (ballistic coefficient fitted to it). ``summary``: ``reentry`` (``median_utc``,
    ``p05_utc``, ``p95_utc``), ``breakup`` and ``footprint`` (``countries``, ``land``,
    ``sea``, ``latitude_bands``), with ``casualty_area_m2`` also ``risk``;
    ``tables["samples"]``: one row a sample.
    """
    if tle is not None and tle_history is not None:
        raise InputError("give tle or tle_history, not both", field="tle")
    summary, mc_run = predict_reentry(
        tle=tle,
        tle_history=tle_history,
        until=None if until is None else as_utc(until),
        samples=samples,
        seed=0 if seed is None else seed,
        scheduler=scheduler,
        max_days=max_days,
        casualty_area_m2=casualty_area_m2,
        progress=progress,
    )
    return answers.reentry_result(summary, mc_run.samples)


__all__ = [
    "DragObject",
    "Result",
    "decay",
    "deorbit_plan",
    "drag_object",
    "lifetime",
    "reentry_predict",
    "run_scenario",
    "screen",
    "show_station",
    "track",
]
