"""Orbital lifetime with no reboost: the reentry date per solar scenario, with a 5–95 % band.

The band comes from the spread of the drag fitted to the real orbit (the station's
``[drag]`` scale at its 5th and 95th percentiles): the lifetime falls as the drag grows,
so the 95 % drag gives the 5 % lifetime. That spread is the span-to-span scatter of fits
made under NRLMSIS itself, so it already holds the density model's error over weeks (see
SOURCES.md, "Fitted drag"); it is not added a second time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pandas as pd

from stationkeeper.constants import REENTRY_ALTITUDE_M, SECONDS_PER_DAY
from stationkeeper.environment.atmosphere_factory import (
    DEFAULT_SOLAR_SCENARIOS,
    SOLAR_SCENARIOS,
    check_span,
    forecast_note,
    make_atmosphere,
    space_weather_end,
)
from stationkeeper.errors import InputError, check_positive
from stationkeeper.orbit.averaged import propagate_averaged
from stationkeeper.orbit.ballistic import DragObject
from stationkeeper.orbit.elements import ElementSet
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.start import object_and_elements
from stationkeeper.orbit.state import State, state_from_elements
from stationkeeper.parallel import Progress, run_tasks

#: Julian year, days.
DAYS_PER_YEAR = 365.25
#: The longest lifetime run accepted, years (an object that outlives it is "in orbit after").
MAX_LIFETIME_YEARS = 200.0
#: Longest integration step of a lifetime run, s.  The orbit-averaged rates change slowly
#: (a day at 420 km is ~60 m of decay) and the step still shrinks near the end (at most
#: 1.5 km of decay a step).  Measured on the 2026-09-04 ISS state (nominal, low, high
#: solar): 12-hour midpoint steps land within 20 min of 6-hour RK4 steps and within 1.1 h
#: of 3-hour RK4 steps; 1-day steps move the reentry by up to 4.6 days (the daily and
#: 3-hourly space weather is then sampled too coarsely), whatever the rule.
LIFETIME_MAX_STEP_S = 43200.0
#: Rate calls a step: the midpoint rule (2).  At 12-hour steps the error is the space
#: weather's sampling, not the rule's order (RK3 and RK4 there agree to a minute).
LIFETIME_RK_STAGES = 2


def lifetime_one(
    es: ElementSet | State,
    obj: DragObject,
    solar: str,
    *,
    atmosphere: str = "nrlmsis",
    space_weather: str | Path | None = None,
    max_years: float = 30.0,
    reentry_altitude_km: float = REENTRY_ALTITUDE_M / 1e3,
    progress: Progress | None = None,
) -> tuple[dict, pd.DataFrame]:
    """The lifetime of ``obj`` on the orbit ``es`` under one solar scenario.

    Parameters
    ----------
    es : ElementSet or State
        The starting orbit (an element set, or its state: picklable, for worker processes).
    obj : DragObject
        Mass, area and Cd of the object.
    solar : str
        Solar scenario (one of ``SOLAR_SCENARIOS``).
    atmosphere : str
        Atmosphere model name.
    space_weather : path, optional
        A space-weather file (default: the shipped one).
    max_years : float
        Longest span propagated, years; shorter when the space weather ends sooner.
    reentry_altitude_km : float
        Mean altitude at which reentry is declared, km.

    Returns
    -------
    (answer, table) : tuple of dict and DataFrame
        The scenario's answer (``reentry_utc``, ``lifetime_days``, ...) and its altitude
        table (daily, or ~300 rows over a lifetime shorter than 60 days).
    """
    state = es if isinstance(es, State) else state_from_elements(es)
    epoch = state.epoch_utc
    atm = make_atmosphere(atmosphere, solar, space_weather)
    check_span(atm, epoch, 0.0, solar)
    forces = ForceModel.with_drag(atm, obj.ballistic_coefficient_kg_m2)
    stop_altitude_m = reentry_altitude_km * 1e3
    limit_note = None
    days = max_years * DAYS_PER_YEAR
    if hasattr(atm, "space_weather"):
        last = space_weather_end(atm.space_weather, solar)
        room = (last - epoch).total_seconds() / SECONDS_PER_DAY
        if room < days:
            days = max(room, 1.0)
            limit_note = f"space weather for '{solar}' ends {last.date().isoformat()}"

    def run(output_step_days: float):
        return propagate_averaged(
            state,
            forces,
            days * SECONDS_PER_DAY,
            output_step_s=output_step_days * SECONDS_PER_DAY,
            stop_altitude_m=stop_altitude_m,
            max_step_s=LIFETIME_MAX_STEP_S,
            stages=LIFETIME_RK_STAGES,
            progress=progress,
        )

    traj = run(1.0)
    if traj.reentry_utc is not None:
        life_days = (traj.reentry_utc - epoch).total_seconds() / SECONDS_PER_DAY
        if life_days < 60:  # short: rerun with ~300 output rows so the final plunge is resolved
            traj = run(max(life_days / 300.0, 1.0 / 1440.0))
    regimes = traj.table["space_weather"].value_counts().to_dict()
    out = {
        "solar": solar,
        "reentry_utc": None if traj.reentry_utc is None else traj.reentry_utc.isoformat(),
        "lifetime_days": None
        if traj.reentry_utc is None
        else (traj.reentry_utc - epoch).total_seconds() / SECONDS_PER_DAY,
        "space_weather_regimes_days": {str(k): int(v) for k, v in regimes.items()},
    }
    out["space_weather_observed_until"], out["space_weather_note"] = forecast_note(
        atm, solar, set(regimes)
    )
    if traj.reentry_utc is None:
        out["still_in_orbit_after_days"] = float(traj.table["day"].iloc[-1])
        out["note"] = limit_note or f"still in orbit after {max_years} years"
    elif set(regimes) <= {"observed", "reentry"} and solar != "observed":
        out["note"] = "all within observed space weather: the scenarios only differ after it"
    return out, traj.table


def _lifetime_task(es, obj, solar, atmosphere, space_weather, max_years, reentry_altitude_km):
    """One run of :func:`lifetime_one`, positional for :func:`run_tasks`."""
    return lifetime_one(
        es,
        obj,
        solar,
        atmosphere=atmosphere,
        space_weather=space_weather,
        max_years=max_years,
        reentry_altitude_km=reentry_altitude_km,
    )


def reuse_observed(answer: dict, table: pd.DataFrame, solar: str) -> tuple[dict, pd.DataFrame]:
    """The answer of a run that stayed within observed space weather, for scenario ``solar``
    (the scenarios differ only after the observed record)."""
    out = {**answer, "solar": solar}
    out.pop("note", None)
    if solar != "observed":
        out["note"] = "all within observed space weather: the scenarios only differ after it"
    return out, table


def lifetime_scenarios(
    *,
    tle: str | Path | ElementSet | None = None,
    solar: str | Sequence[str] = DEFAULT_SOLAR_SCENARIOS,
    atmosphere: str = "nrlmsis",
    station: str | Path | None = None,
    space_weather: str | Path | None = None,
    mass_kg: float | None = None,
    area_m2: float | None = None,
    cd: float | None = None,
    bstar_from_tle: bool = False,
    drag: str = "fitted",
    tle_history: str | Path | None = None,
    until: datetime | None = None,
    fit_days: float = 3.0,
    max_years: float = 30.0,
    reentry_altitude_km: float = REENTRY_ALTITUDE_M / 1e3,
    progress: Progress | None = None,
    scheduler: str | None = None,
) -> tuple[dict, dict[str, pd.DataFrame]]:
    """Days until the mean altitude falls below 120 km, with no reboost.

    One entry per solar scenario under ``"scenarios"``; the top-level
    ``reentry_utc`` / ``lifetime_days`` are those of the single scenario asked
    for, or of ``nominal`` when several are.  With ``tle_history`` and
    ``until``, the ballistic coefficient is fitted to the history's last
    ``fit_days`` before ``until`` (after its last manoeuvre) and reported under
    ``"fit"``; the orbit then starts from the last element set before ``until``.
    The fit window is short by default (3 days) so that the fitted value is the
    one of the final, fastest phase of the decay.  ``reentry_altitude_km``
    (default 120) is where "reentry" is declared; published reentry epochs are
    usually the breakup near 80 km.  ``drag``: the station's ``fitted`` drag (default) or
    ``topo``'s figures.  Each scenario carries ``lifetime_days_p05`` / ``_p95`` (and
    ``reentry_utc_p05`` / ``_p95``): the 5–95 % band from the fitted drag's spread (None
    where the drag has no spread, e.g. ``topo`` or a fit to a history).  Returns (the answer,
    each scenario's daily altitude table, and the band's as ``<scenario>_p05`` / ``_p95``).
    The runs go through :func:`stationkeeper.parallel.run_tasks` (``scheduler``; local worker
    processes by default): first the first scenario's, then those the others still need.
    """
    if not (60.0 <= reentry_altitude_km <= 200.0):
        raise InputError(
            f"{reentry_altitude_km} is not allowed",
            field="reentry_altitude_km",
            allowed="60 to 200 km",
        )
    scenarios = [solar] if isinstance(solar, str) else list(solar)
    for s in scenarios:
        if s not in SOLAR_SCENARIOS:
            raise InputError(
                f"unknown solar scenario {s!r}", field="solar", allowed=", ".join(SOLAR_SCENARIOS)
            )
    check_positive(max_years, "max_years", "> 0")
    if max_years > MAX_LIFETIME_YEARS:
        raise InputError(
            f"{max_years:g} years is not allowed", field="max_years",
            allowed=f"0 < years <= {MAX_LIFETIME_YEARS}",
        )  # fmt: skip
    es, fit_result, obj, _ = object_and_elements(
        tle,
        tle_history,
        until,
        fit_days,
        atmosphere,
        scenarios,
        space_weather,
        station=station,
        mass_kg=mass_kg,
        area_m2=area_m2,
        cd=cd,
        bstar_from_tle=bstar_from_tle,
        drag=drag,
    )
    fit = None if fit_result is None else fit_result.as_dict()
    # lifetime percentile -> the drag percentile that gives it (more drag, shorter life)
    runs = [("", obj)]
    if obj.scale_band is not None:
        runs += [("_p05", obj.at_percentile("p95")), ("_p95", obj.at_percentile("p05"))]
    results = {}
    tables: dict[str, pd.DataFrame] = {}
    keys = [(s, suffix, o) for s in scenarios for suffix, o in runs]
    start = state_from_elements(es)  # an ElementSet holds SGP4's Satrec, which cannot pickle
    n_runs = len(keys)
    done: dict[tuple[str, str], tuple[dict, pd.DataFrame]] = {}

    def wave(items: list, lo: int) -> None:
        tasks = [(start, o, s, atmosphere, space_weather, max_years, reentry_altitude_km)
                 for s, _, o in items]  # fmt: skip
        sub = None
        if progress is not None:

            def sub(f):  # noqa: E306 - progress across runs
                progress((lo + f * len(items)) / n_runs)

        answers = run_tasks(_lifetime_task, tasks, scheduler, sub)
        for (s, suffix, _), res in zip(items, answers, strict=True):
            done[s, suffix] = res

    wave(keys[: len(runs)], 0)
    # a run that re-enters within the observed space weather is the same in every scenario
    observed_only: dict[str, tuple[dict, pd.DataFrame]] = {}
    for s, suffix, _ in keys[: len(runs)]:
        answer = done[s, suffix][0]
        regimes = set(answer["space_weather_regimes_days"])
        if answer["reentry_utc"] is not None and regimes <= {"observed", "reentry"}:
            observed_only[suffix] = done[s, suffix]
    wave([k for k in keys[len(runs) :] if k[1] not in observed_only], len(runs))
    for s in scenarios:
        for suffix, _ in runs:
            if (s, suffix) in done:
                answer, table = done[s, suffix]
            else:
                answer, table = reuse_observed(*observed_only[suffix], s)
            tables[s + suffix] = table
            if not suffix:
                results[s] = answer
                continue
            results[s][f"lifetime_days{suffix}"] = answer["lifetime_days"]
            results[s][f"reentry_utc{suffix}"] = answer["reentry_utc"]
            if answer["lifetime_days"] is None:
                results[s][f"still_in_orbit_after_days{suffix}"] = answer.get(
                    "still_in_orbit_after_days"
                )
        if obj.scale_band is None:
            results[s].update(
                {k_: None for k_ in ("lifetime_days_p05", "lifetime_days_p95")}
                | {k_: None for k_ in ("reentry_utc_p05", "reentry_utc_p95")}
            )
        results[s]["band"] = (
            "5-95 % from the fitted drag's spread"
            if obj.scale_band is not None
            else f"none: the drag ({obj.drag}) has no spread"
        )
    main = results["nominal"] if "nominal" in results else results[scenarios[0]]
    out = {
        "reentry_utc": main["reentry_utc"],
        "lifetime_days": main["lifetime_days"],
        "start_utc": es.epoch_utc.isoformat(),
        "start_mean_altitude_km": es.mean_altitude_km,
        "reentry_altitude_km": reentry_altitude_km,
        "object": obj.as_dict(),
        "drag": obj.drag,
        "tle": es.where(),
        "scenarios": results,
    }
    out["space_weather_observed_until"] = main.get("space_weather_observed_until")
    forecast = [s for s, r in results.items() if r.get("space_weather_note")]
    out["space_weather_note"] = (
        f"space weather after {out['space_weather_observed_until']} is CelesTrak's forecast"
        + (
            " (scaled for the 'low' and 'high' scenarios)"
            if {"low", "high"} & set(forecast)
            else ""
        )
        if forecast
        else None
    )
    if fit is not None:
        out["fit"] = fit
    return out, tables
