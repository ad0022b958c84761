"""The user-facing functions: every CLI command and web page is one of these. Each checks
its arguments, calls one service in its layer and returns a :class:`~.report.result.Result`
(``summary``, ``tables``, ``sentence``, ``to_dict()`` for JSON, ``write(folder)`` for files)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from stationkeeper.conjunction.run import screen_station
from stationkeeper.constants import REENTRY_ALTITUDE_M
from stationkeeper.environment.atmosphere_factory import DEFAULT_SOLAR_SCENARIOS
from stationkeeper.orbit.ballistic import DragObject, drag_object  # re-exported (__all__)
from stationkeeper.orbit.decay import decay_summary, decay_table
from stationkeeper.orbit.elements import ElementSet
from stationkeeper.orbit.groundtrack import ground_track
from stationkeeper.orbit.lifetime import lifetime_scenarios
from stationkeeper.orbit.tle import elements_or_default, pick_object
from stationkeeper.parallel import Progress
from stationkeeper.random_seed import resolve_seed
from stationkeeper.reentry.controlled_deorbit import deorbit_answer
from stationkeeper.reentry.montecarlo.predict import predict_reentry
from stationkeeper.reentry.risk import check_casualty_area
from stationkeeper.report import answers
from stationkeeper.report.result import Result
from stationkeeper.scenario import load_scenario, simulate
from stationkeeper.station import load_station, station_at, station_summary
from stationkeeper.utc import as_utc

PathLike = str | Path


def decay(
    days: float = 180.0,
    *,
    tle: PathLike | ElementSet | None = None,
    norad_id: int | None = None,
    solar: str = "nominal",
    propagator: str = "averaged",
    atmosphere: str = "nrlmsis",
    station: PathLike | None = None,
    space_weather: PathLike | None = None,
    mass_kg: float | None = None,
    area_m2: float | None = None,
    cd: float | None = None,
    bstar_from_tle: bool = False,
    drag: str = "fitted",
    output_step_days: float = 1.0,
    progress: Progress | None = None,
) -> Result:
    """Day-by-day mean, perigee and apogee altitude with no reboost (``tables["decay"]``;
    ``summary``: inputs, ``drag`` used, start/end mean altitude km, ``mean_decay_m_per_day``)."""
    table = decay_table(
        days,
        tle=pick_object(tle, norad_id),
        solar=solar,
        propagator=propagator,
        atmosphere=atmosphere,
        station=station,
        space_weather=space_weather,
        mass_kg=mass_kg,
        area_m2=area_m2,
        cd=cd,
        bstar_from_tle=bstar_from_tle,
        drag=drag,
        output_step_days=output_step_days,
        progress=progress,
    )
    return answers.decay_result(table, decay_summary(table))


def lifetime(
    *,
    tle: PathLike | ElementSet | None = None,
    norad_id: int | None = None,
    solar: str | Sequence[str] | None = None,
    atmosphere: str = "nrlmsis",
    station: PathLike | None = None,
    space_weather: PathLike | None = None,
    mass_kg: float | None = None,
    area_m2: float | None = None,
    cd: float | None = None,
    bstar_from_tle: bool = False,
    drag: str = "fitted",
    tle_history: PathLike | None = None,
    until: datetime | None = None,
    fit_days: float = 3.0,
    max_years: float = 30.0,
    reentry_altitude_km: float = REENTRY_ALTITUDE_M / 1e3,
    progress: Progress | None = None,
    scheduler: str | None = None,
) -> Result:
    """Days until the mean altitude falls below ``reentry_altitude_km`` with no reboost, per
    solar scenario (default low/nominal/high; ``observed`` when fitting the drag to a
    ``tle_history`` up to ``until``), central and 5–95 % from the ``drag`` spread; the runs on
    local worker processes, or on the Dask cluster at ``scheduler``. See
    :func:`stationkeeper.orbit.lifetime.lifetime_scenarios`."""
    if solar is None:
        solar = ["observed"] if tle_history is not None else list(DEFAULT_SOLAR_SCENARIOS)
    summary, tables = lifetime_scenarios(
        tle=pick_object(tle, norad_id),
        solar=solar,
        atmosphere=atmosphere,
        station=station,
        space_weather=space_weather,
        mass_kg=mass_kg,
        area_m2=area_m2,
        cd=cd,
        bstar_from_tle=bstar_from_tle,
        drag=drag,
        tle_history=tle_history,
        until=None if until is None else as_utc(until),
        fit_days=fit_days,
        max_years=max_years,
        reentry_altitude_km=reentry_altitude_km,
        progress=progress,
        scheduler=scheduler,
    )
    return answers.lifetime_result(summary, tables)


def track(
    hours: float = 3.0,
    *,
    tle: PathLike | ElementSet | None = None,
    norad_id: int | None = None,
    start_utc: datetime | None = None,
    step_s: float = 30.0,
) -> Result:
    """Ground track (``epoch_utc``, ``lat_deg``, ``lon_deg``, ``altitude_km``) from SGP4."""
    es = elements_or_default(tle, norad_id)
    start = es.epoch_utc if start_utc is None else as_utc(start_utc)
    table = ground_track(es.satrec, start, hours, step_s)
    return answers.track_result(table, es, hours)


def show_station(station: PathLike | None = None, at: datetime | None = None) -> Result:
    """The station: modules, vehicles, engines, tanks, totals, mass, drag area, Cd, BC; with
    ``at`` (UTC) the configuration of that day and its assumptions (``station_at``)."""
    model = load_station(station)
    dated = None if at is None else station_at(model, at)
    summary = station_summary(model, dated)
    return answers.station_result(summary, model if dated is None else dated.station)


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
    """Debris avoidance: close approaches of the station with a whole catalogue, by risk
    (``summary["events"]``, ``tables["conjunctions"]``). See
    :func:`stationkeeper.conjunction.run.screen_station`."""
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
    """Run a scenario file: ``tables["timeseries"]``, ``tables["events"]``, ``summary``."""
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
    """Controlled deorbit with ``count`` x ``vehicle`` (``usdv`` or ``progress``); an
    infeasible plan is still answered, with ``problem`` set."""
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
    norad_id: int | None = None,
    tle_history: PathLike | None = None,
    until: datetime | None = None,
    samples: int = 10_000,
    seed: int | None = 0,
    scheduler: str | None = None,
    max_days: float = 30.0,
    casualty_area_m2: float | None = None,
    drag: str = "fitted",
    progress: Progress | None = None,
    country: str | None = None,
    on_partial: Callable[[Result], None] | None = None,
) -> Result:
    """Uncontrolled reentry from any date: window, where, casualties (``country``: name/ISO-3);
    ``on_partial`` gets the answer of the first samples (``partial``: n_done, n_total)."""
    check_casualty_area(casualty_area_m2)
    part = (
        None
        if on_partial is None
        else (lambda s, r: on_partial(answers.reentry_result(s, r.samples)))
    )
    summary, mc_run = predict_reentry(
        tle=pick_object(tle, norad_id),
        tle_history=tle_history,
        until=None if until is None else as_utc(until),
        samples=samples,
        seed=resolve_seed(seed),  # checked, or drawn (the run reports it)
        scheduler=scheduler,
        max_days=max_days,
        casualty_area_m2=casualty_area_m2,
        drag=drag,
        progress=progress,
        country=country,
        on_partial=part,
    )
    return answers.reentry_result(summary, mc_run.samples)


__all__ = ["DragObject", "Result", "decay", "deorbit_plan", "drag_object", "lifetime"]
__all__ += ["reentry_predict", "run_scenario", "screen", "show_station", "track"]
