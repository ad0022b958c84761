"""The user-facing functions: every CLI command is one of these.

>>> import stationkeeper as sk
>>> table = sk.decay(days=30)                       # doctest: +SKIP
>>> table[["epoch_utc", "mean_altitude_km"]].tail(1)  # doctest: +SKIP
>>> sk.lifetime(solar="nominal")["lifetime_days"]     # doctest: +SKIP
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd

from stationkeeper.conjunction.run import screen_station
from stationkeeper.orbit.ballistic import DragObject, drag_object
from stationkeeper.orbit.decay import decay_table
from stationkeeper.orbit.groundtrack import ground_track
from stationkeeper.orbit.lifetime import lifetime_scenarios
from stationkeeper.orbit.tle import ElementSet, elements_or_default
from stationkeeper.parallel import Progress
from stationkeeper.station import load_station, station_summary


def decay(days: float = 180.0, **kwargs) -> pd.DataFrame:
    """Day-by-day mean, perigee and apogee altitude with no reboost (see ``decay_table``)."""
    return decay_table(days, **kwargs)


def lifetime(*, tables: dict | None = None, **kwargs) -> dict:
    out, t = lifetime_scenarios(**kwargs)
    if tables is not None:
        tables.update(t)
    return out


def track(
    hours: float = 3.0,
    *,
    tle: str | Path | ElementSet | None = None,
    start_utc: datetime | None = None,
    step_s: float = 30.0,
) -> pd.DataFrame:
    """Ground track (UTC, lat, lon, altitude) from SGP4, starting at the TLE epoch by default."""
    es = elements_or_default(tle)
    start = es.epoch_utc if start_utc is None else start_utc
    table = ground_track(es.satrec, start, hours, step_s)
    table.attrs.update({"tle": es.where(), "name": es.name})
    return table


def show_station(station: str | Path | None = None) -> dict:
    """The station as a JSON-ready summary (modules, vehicles, engines, tanks, totals)."""
    return station_summary(load_station(station))


def screen(catalog: str | Path, **kwargs) -> dict:
    return screen_station(catalog, **kwargs)


def run_scenario(
    scenario: str | Path,
    *,
    seed: int | None = None,
    out: str | Path | None = None,
    progress: Progress | None = None,
):
    """Run a scenario file (``stationkeeper run``): returns a ``scenario.Result`` with
    ``timeseries``, ``events`` and ``summary``. With ``out``, writes timeseries.parquet,
    events.csv, summary.json and PNG plots there atomically (all or nothing).

    >>> res = run_scenario("examples/partner-exit.toml")   # doctest: +SKIP
    >>> res.summary["bodies"]                               # doctest: +SKIP
    """
    from stationkeeper.scenario import load_scenario, simulate

    result = simulate(load_scenario(scenario), progress=progress, seed=seed)
    if out is not None:
        from stationkeeper.report.output import write_run
        from stationkeeper.report.scenario_plots import scenario_writers

        result.summary["files"] = [str(f) for f in write_run(out, scenario_writers(result))]
    return result


def deorbit_plan(
    vehicle: str = "usdv",
    count: int = 1,
    *,
    target: tuple[float, float] | None = None,
    start_altitude_km: float = 220.0,
    final_perigee_km: float = 50.0,
    with_entry: bool = True,
    with_risk: bool = True,
) -> dict:
    """Controlled deorbit of the ISS with ``count`` x ``vehicle`` (``usdv`` or ``progress``).

    Returns the plan as a dict: ``feasible``, ``dv_total_m_s``, ``propellant_needed_kg``,
    ``shortfall_m_s`` / ``shortfall_kg`` (when infeasible), ``burns``, ``entry`` (breakup,
    impact point, footprint) and ``risk`` (expected casualties, controlled vs uncontrolled).

    >>> deorbit_plan("progress", 3)["feasible"]       # doctest: +SKIP
    False
    """
    from stationkeeper.reentry.deorbit import SPOUA_TARGET, plan_deorbit, plan_summary

    plan = plan_deorbit(
        vehicle,
        count,
        target=SPOUA_TARGET if target is None else tuple(target),
        start_altitude_km=start_altitude_km,
        final_perigee_km=final_perigee_km,
        with_entry=with_entry,
    )
    out = plan.as_dict()
    out["summary"] = plan_summary(plan)
    if with_risk:
        from stationkeeper.reentry.risk import iss_ground_risk

        e = plan.entry or {}
        out["risk"] = iss_ground_risk(
            footprint_lat_deg=e.get("footprint_lat_deg"),
            footprint_lon_deg=e.get("footprint_lon_deg"),
        )
    return out


def reentry_predict(
    *,
    tle: str | Path | ElementSet | None = None,
    tle_history: str | Path | None = None,
    until: datetime | None = None,
    samples: int = 10_000,
    seed: int = 0,
    scheduler: str | None = None,
    max_days: float = 30.0,
    casualty_area_m2: float | None = None,
    progress: Progress | None = None,
    run: dict | None = None,
) -> dict:
    """Uncontrolled reentry: Monte Carlo window (median, 5/95 %) and footprint exposure.

    From a TLE (drag object: the station, as for ``decay``) or a TLE history with
    a cut-off (ballistic coefficient fitted to it).  Returns ``reentry``
    (``median_utc``, ``p05_utc``, ``p95_utc``, ``window_hours``), ``breakup`` and
    ``footprint`` (``countries``, ``land``, ``sea``, ``latitude_bands``), the
    inputs and, with ``casualty_area_m2``, ``risk``.  Pass a dict as ``run`` to
    receive the per-sample table (``run["samples"]``).
    """
    from stationkeeper.reentry.montecarlo import predict_reentry

    summary, mc_run = predict_reentry(
        tle=tle,
        tle_history=tle_history,
        until=until,
        samples=samples,
        seed=seed,
        scheduler=scheduler,
        max_days=max_days,
        casualty_area_m2=casualty_area_m2,
        progress=progress,
    )
    if run is not None:
        run["samples"] = mc_run.samples
    return summary


__all__ = [
    "DragObject",
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
