"""The user-facing functions: every CLI command is one of these.

>>> import stationkeeper as sk
>>> table = sk.decay(days=30)                       # doctest: +SKIP
>>> table[["epoch_utc", "mean_altitude_km"]].tail(1)  # doctest: +SKIP
>>> sk.lifetime(solar="nominal")["lifetime_days"]     # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from stationkeeper.constants import REENTRY_ALTITUDE_M
from stationkeeper.errors import InputError
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.state import State, state_from_elements
from stationkeeper.orbit.tle import ElementSet, load_tle
from stationkeeper.parallel import Progress
from stationkeeper.utc import as_utc

SOLAR_SCENARIOS = ("low", "nominal", "high", "observed")
PROPAGATORS = ("averaged", "cowell")
ATMOSPHERES = ("nrlmsis", "nrlmsise00", "exponential")

# Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., sec. 9.7.2:
# B* = rho0 * (Cd A / m) / 2 with rho0 = 0.15696615 kg/m^2/ER, i.e. BC = 1 / (12.741621 B*).
BSTAR_RHO0 = 0.15696615


@dataclass(frozen=True)
class DragObject:
    """What drag sees: a name, mass, area and Cd, and where each came from."""

    name: str
    mass_kg: float
    area_m2: float
    cd: float
    source: str

    @property
    def ballistic_coefficient_kg_m2(self) -> float:
        return self.mass_kg / (self.cd * self.area_m2)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "mass_kg": self.mass_kg,
            "drag_area_m2": self.area_m2,
            "cd": self.cd,
            "ballistic_coefficient_kg_m2": self.ballistic_coefficient_kg_m2,
            "source": self.source,
        }


def default_tle_path() -> Path:
    """The shipped ISS TLE (2022-03-03), the default orbit of every command."""
    from stationkeeper.data import data_path

    return data_path("iss_25544_2022-03-03.tle")


def _positive(value: float | None, name: str, allowed: str) -> None:
    if value is not None and not (np.isfinite(value) and value > 0):
        raise InputError(f"{value} is not allowed", field=name, allowed=allowed)


def drag_object(
    *,
    station: str | Path | None = None,
    mass_kg: float | None = None,
    area_m2: float | None = None,
    cd: float | None = None,
    bstar_from_tle: ElementSet | None = None,
) -> DragObject:
    """The drag properties to use: the station's, with any override applied.

    ``bstar_from_tle`` replaces the ballistic coefficient with the one implied
    by the TLE's B* (keeping the mass; the area follows with Cd = 2.2).
    """
    from stationkeeper.station import load_station

    _positive(mass_kg, "--mass-kg", "> 0 kg")
    _positive(area_m2, "--area-m2", "> 0 m^2")
    if cd is not None and not (0.5 <= cd <= 5.0):
        raise InputError(f"{cd} is not allowed", field="--cd", allowed="0.5 to 5.0")
    st = load_station(station)
    obj = DragObject(
        st.name,
        st.total_mass_kg if mass_kg is None else mass_kg,
        st.drag_area_m2 if area_m2 is None else area_m2,
        st.cd if cd is None else cd,
        str(station) if station else "shipped station.toml",
    )
    if mass_kg is not None or area_m2 is not None or cd is not None:
        obj = DragObject(f"{obj.name} (overridden)", obj.mass_kg, obj.area_m2, obj.cd, obj.source)
    if bstar_from_tle is not None:
        bstar = bstar_from_tle.bstar_per_earth_radius
        if bstar <= 0:
            raise InputError(
                f"B* = {bstar} in the TLE cannot give a ballistic coefficient",
                file=bstar_from_tle.source,
                field="B*",
                allowed="B* > 0 (use --mass-kg/--area-m2/--cd instead)",
            )
        cd_area_over_mass = 2.0 * bstar / BSTAR_RHO0
        cd_b = 2.2 if cd is None else cd
        area = obj.mass_kg * cd_area_over_mass / cd_b
        obj = DragObject(f"{obj.name} (B* from TLE)", obj.mass_kg, area, cd_b, "TLE B*")
    return obj


def _space_weather(path: str | Path | None):
    from stationkeeper.environment.spaceweather import load_space_weather

    return load_space_weather(path)


def make_atmosphere(
    kind: str, solar: str, space_weather: str | Path | None = None, *, table: bool = False
):
    """The atmosphere model named ``kind`` for solar scenario ``solar``."""
    from stationkeeper.environment.atmosphere import (
        ExponentialAtmosphere,
        MsisAtmosphere,
        MsisTableAtmosphere,
    )

    if kind not in ATMOSPHERES:
        raise InputError(
            f"unknown atmosphere {kind!r}", field="--atmosphere", allowed=", ".join(ATMOSPHERES)
        )
    if solar not in SOLAR_SCENARIOS:
        raise InputError(
            f"unknown solar scenario {solar!r}", field="--solar", allowed=", ".join(SOLAR_SCENARIOS)
        )
    if kind == "exponential":
        return ExponentialAtmosphere()
    sw = _space_weather(space_weather)
    version = 0 if kind == "nrlmsise00" else 2.1
    if table:
        return MsisTableAtmosphere(sw, solar, version=version)
    return MsisAtmosphere(sw, solar, version=version)


def _elements(tle: str | Path | ElementSet | None) -> ElementSet:
    if isinstance(tle, ElementSet):
        return tle
    return load_tle(default_tle_path() if tle is None else tle)


def _check_span(atmosphere, start: datetime, days: float, solar: str) -> None:
    """Refuse up front a run whose dates the space-weather regime cannot cover."""
    if not hasattr(atmosphere, "space_weather"):
        return
    times = np.array(
        [np.datetime64(int((start + timedelta(days=d)).timestamp()), "s") for d in (0.0, days)]
    )
    atmosphere.space_weather.msis_inputs(times, solar)


def _propagate(
    state: State,
    forces: ForceModel,
    days: float,
    propagator: str,
    output_step_days: float,
    stop_altitude_m: float | None,
    progress: Progress | None,
):
    from stationkeeper.orbit.averaged import propagate_averaged
    from stationkeeper.orbit.cowell import propagate_cowell

    if propagator not in PROPAGATORS:
        raise InputError(
            f"unknown propagator {propagator!r}",
            field="--propagator",
            allowed=", ".join(PROPAGATORS),
        )
    fn = propagate_averaged if propagator == "averaged" else propagate_cowell
    return fn(
        state,
        forces,
        days * 86400.0,
        output_step_s=output_step_days * 86400.0,
        stop_altitude_m=stop_altitude_m,
        progress=progress,
    )


def decay(
    days: float = 180.0,
    *,
    tle: str | Path | ElementSet | None = None,
    solar: str = "nominal",
    propagator: str = "averaged",
    atmosphere: str = "nrlmsis",
    station: str | Path | None = None,
    space_weather: str | Path | None = None,
    mass_kg: float | None = None,
    area_m2: float | None = None,
    cd: float | None = None,
    bstar_from_tle: bool = False,
    output_step_days: float = 1.0,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Day-by-day mean, perigee and apogee altitude with no reboost.

    Returns a DataFrame with ``epoch_utc``, ``day``, ``mean_altitude_km``,
    ``perigee_km``, ``apogee_km``, ``space_weather`` (the regime the day's
    space weather came from: observed / daily_forecast / monthly_forecast /
    scenario), ``f107_sfu`` and ``ap``.  ``.attrs`` carries the run's inputs
    (object, ballistic coefficient, propagator, reentry time if any).

    >>> t = decay(days=30, solar="observed")       # doctest: +SKIP
    """
    if not (np.isfinite(days) and 0 < days <= 365.25 * 30):
        raise InputError(
            f"{days} is not allowed", field="--days", allowed="0 < days <= 10958 (30 years)"
        )
    if not (0 < output_step_days <= days):
        raise InputError(
            f"{output_step_days} is not allowed", field="--step-days", allowed=f"0 < step <= {days}"
        )
    es = _elements(tle)
    obj = drag_object(
        station=station,
        mass_kg=mass_kg,
        area_m2=area_m2,
        cd=cd,
        bstar_from_tle=es if bstar_from_tle else None,
    )
    atm = make_atmosphere(atmosphere, solar, space_weather, table=propagator == "cowell")
    _check_span(atm, es.epoch_utc, days, solar)
    forces = ForceModel(6, atm, 1.0 / obj.ballistic_coefficient_kg_m2)
    traj = _propagate(
        state_from_elements(es),
        forces,
        days,
        propagator,
        output_step_days,
        REENTRY_ALTITUDE_M,
        progress,
    )
    table = traj.table.copy()
    table = _add_space_weather_columns(table, atm, solar)
    table.attrs.update(
        {
            "object": obj.as_dict(),
            "propagator": propagator,
            "atmosphere": getattr(atm, "name", atmosphere),
            "solar": solar,
            "tle": es.where(),
            "tle_epoch_utc": es.epoch_utc.isoformat(),
            "reentry_utc": None if traj.reentry_utc is None else traj.reentry_utc.isoformat(),
        }
    )
    return table


def _add_space_weather_columns(table: pd.DataFrame, atm, solar: str) -> pd.DataFrame:
    if not hasattr(atm, "space_weather"):
        table["f107_sfu"] = np.nan
        table["ap"] = np.nan
        return table
    times = np.array([np.datetime64(int(t.timestamp()), "s") for t in table["epoch_utc"]])
    inputs = atm.space_weather.msis_inputs(times, solar)
    table["f107_sfu"] = np.asarray(inputs.f107_sfu, dtype=float)
    table["ap"] = np.asarray(inputs.ap, dtype=float)[:, 0]
    return table


def _lifetime_one(
    es: ElementSet,
    obj: DragObject,
    solar: str,
    atmosphere: str,
    space_weather,
    max_years: float,
    progress: Progress | None,
    reentry_altitude_km: float = REENTRY_ALTITUDE_M / 1e3,
) -> dict:
    atm = make_atmosphere(atmosphere, solar, space_weather)
    _check_span(atm, es.epoch_utc, 0.0, solar)
    forces = ForceModel(6, atm, 1.0 / obj.ballistic_coefficient_kg_m2)
    limit_note = None
    days = max_years * 365.25
    if hasattr(atm, "space_weather"):
        last = _space_weather_end(atm.space_weather, solar)
        room = (last - es.epoch_utc).total_seconds() / 86400.0
        if room < days:
            days = max(room, 1.0)
            limit_note = f"space weather for '{solar}' ends {last.date().isoformat()}"
    state = state_from_elements(es)
    traj = _propagate(state, forces, days, "averaged", 1.0, reentry_altitude_km * 1e3, progress)
    if traj.reentry_utc is not None:
        life_days = (traj.reentry_utc - es.epoch_utc).total_seconds() / 86400.0
        if life_days < 60:  # short: rerun with ~300 output rows so the final plunge is resolved
            step = max(life_days / 300.0, 1.0 / 1440.0)
            traj = _propagate(
                state, forces, days, "averaged", step, reentry_altitude_km * 1e3, progress
            )
    regimes = traj.table["space_weather"].value_counts().to_dict()
    out = {
        "solar": solar,
        "reentry_utc": None if traj.reentry_utc is None else traj.reentry_utc.isoformat(),
        "lifetime_days": None
        if traj.reentry_utc is None
        else (traj.reentry_utc - es.epoch_utc).total_seconds() / 86400.0,
        "space_weather_regimes_days": {str(k): int(v) for k, v in regimes.items()},
    }
    if traj.reentry_utc is None:
        out["still_in_orbit_after_days"] = float(traj.table["day"].iloc[-1])
        out["note"] = limit_note or f"still in orbit after {max_years} years"
    elif set(regimes) <= {"observed", "reentry"} and solar != "observed":
        out["note"] = "all within observed space weather: the scenarios only differ after it"
    return out, traj.table


def _space_weather_end(sw, solar: str) -> datetime:
    _, last = sw.observed_range if solar == "observed" else sw.covered_range
    if isinstance(last, datetime):
        return last.astimezone(UTC)
    return datetime(last.year, last.month, last.day, 23, 59, 59, tzinfo=UTC)


def lifetime(
    *,
    tle: str | Path | ElementSet | None = None,
    solar: str | Sequence[str] = ("low", "nominal", "high"),
    atmosphere: str = "nrlmsis",
    station: str | Path | None = None,
    space_weather: str | Path | None = None,
    mass_kg: float | None = None,
    area_m2: float | None = None,
    cd: float | None = None,
    bstar_from_tle: bool = False,
    tle_history: str | Path | None = None,
    until: datetime | None = None,
    fit_days: float = 3.0,
    max_years: float = 30.0,
    reentry_altitude_km: float = REENTRY_ALTITUDE_M / 1e3,
    progress: Progress | None = None,
    tables: dict | None = None,
) -> dict:
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
    usually the breakup near 80 km.  Pass a dict as ``tables`` to receive each
    scenario's daily altitude table (for plots and files).
    """
    if not (60.0 <= reentry_altitude_km <= 200.0):
        raise InputError(
            f"{reentry_altitude_km} is not allowed",
            field="--reentry-altitude-km",
            allowed="60 to 200 km",
        )
    scenarios = [solar] if isinstance(solar, str) else list(solar)
    for s in scenarios:
        if s not in SOLAR_SCENARIOS:
            raise InputError(
                f"unknown solar scenario {s!r}", field="--solar", allowed=", ".join(SOLAR_SCENARIOS)
            )
    _positive(max_years, "--max-years", "> 0")
    es, fit_result, obj, _ = _object_and_elements(
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
    )
    fit = None if fit_result is None else fit_result.as_dict()
    results = {}
    for k, s in enumerate(scenarios):
        sub = None
        if progress is not None:

            def sub(f, k=k):  # noqa: E306 - progress across scenarios
                progress((k + f) / len(scenarios))

        results[s], table = _lifetime_one(
            es, obj, s, atmosphere, space_weather, max_years, sub, reentry_altitude_km
        )
        if tables is not None:
            tables[s] = table
    main = results["nominal"] if "nominal" in results else results[scenarios[0]]
    out = {
        "reentry_utc": main["reentry_utc"],
        "lifetime_days": main["lifetime_days"],
        "start_utc": es.epoch_utc.isoformat(),
        "start_mean_altitude_km": es.mean_altitude_km,
        "reentry_altitude_km": reentry_altitude_km,
        "object": obj.as_dict(),
        "tle": es.where(),
        "scenarios": results,
    }
    if fit is not None:
        out["fit"] = fit
    return out


def _object_and_elements(
    tle,
    tle_history,
    until,
    fit_days,
    atmosphere,
    scenarios,
    space_weather,
    *,
    station,
    mass_kg,
    area_m2,
    cd,
    bstar_from_tle,
):
    """(elements, fit or None, DragObject, fit window or None) of the object to propagate:
    fitted to ``tle_history`` up to ``until`` when one is given, else from ``tle`` and the
    station's (or the given) drag figures."""
    if tle_history is not None:
        return _fit_from_history(
            tle_history, until, fit_days, atmosphere, scenarios, space_weather, mass_kg
        )
    es = _elements(tle)
    obj = drag_object(
        station=station,
        mass_kg=mass_kg,
        area_m2=area_m2,
        cd=cd,
        bstar_from_tle=es if bstar_from_tle else None,
    )
    return es, None, obj, None


def _fit_from_history(path, until, fit_days, atmosphere, scenarios, space_weather, mass_kg):
    from stationkeeper.orbit.fit import fit_ballistic_coefficient
    from stationkeeper.orbit.history import detect_manoeuvres
    from stationkeeper.orbit.tle import load_tle_history

    history = load_tle_history(path)
    if until is None:
        until = history[-1].epoch_utc
    until = as_utc(until)
    before = [h for h in history if h.epoch_utc <= until]
    if len(before) < 3:
        raise InputError(
            f"only {len(before)} element sets before {until.isoformat()}",
            file=str(path),
            field="--until",
            allowed=f"a date after {history[min(2, len(history) - 1)].epoch_utc.isoformat()}",
        )
    # only raises: in a fast final decay, drag itself looks like a "lowering"
    raises = [m for m in detect_manoeuvres(before) if m.delta_altitude_km > 0]
    start = until - timedelta(days=fit_days)
    if raises:
        start = max(start, raises[-1].after_utc + timedelta(days=1.0))
    window = [h for h in before if h.epoch_utc >= start]
    fit_solar = "observed" if "observed" in scenarios else scenarios[0]
    atm = make_atmosphere(atmosphere, fit_solar, space_weather)
    fit = fit_ballistic_coefficient(window, atm)
    mass = 1000.0 if mass_kg is None else mass_kg
    obj = DragObject(
        history[-1].name or f"NORAD {history[-1].norad_id}",
        mass,
        mass / (2.2 * fit.ballistic_coefficient_kg_m2),
        2.2,
        f"ballistic coefficient fitted to {path}",
    )
    es = window[-1]
    if es.perigee_km < 100:
        raise InputError(
            f"the last element set before --until has perigee {es.perigee_km:.0f} km",
            file=str(path),
            field="--until",
            allowed="a cut-off while the perigee is still above 100 km",
        )
    return es, fit, obj, window


def track(
    hours: float = 3.0,
    *,
    tle: str | Path | ElementSet | None = None,
    start_utc: datetime | None = None,
    step_s: float = 30.0,
) -> pd.DataFrame:
    """Ground track (UTC, lat, lon, altitude) from SGP4, starting at the TLE epoch by default."""
    from stationkeeper.orbit.groundtrack import ground_track

    es = _elements(tle)
    start = es.epoch_utc if start_utc is None else start_utc
    table = ground_track(es.satrec, start, hours, step_s)
    table.attrs.update({"tle": es.where(), "name": es.name})
    return table


def show_station(station: str | Path | None = None) -> dict:
    """The station as a JSON-ready summary (modules, vehicles, engines, tanks, totals)."""
    from stationkeeper.station import load_station, station_summary

    return station_summary(load_station(station))


def screen(
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
    import time
    import warnings

    from stationkeeper.ops import avoidance, collision, screening
    from stationkeeper.ops import catalog as cat_mod
    from stationkeeper.station import load_station

    t_start = time.perf_counter()
    if not (np.isfinite(days) and 0 < days <= 60):
        raise InputError(f"{days} is not allowed", field="--days", allowed="0 < days <= 60")
    if not (np.isfinite(radial_km) and 0 < radial_km <= 25):
        raise InputError(
            f"{radial_km}", field="--radial-km", allowed="0 < radial half-height <= 25 km"
        )
    if not (np.isfinite(report_km) and 0 < report_km <= 200):
        raise InputError(f"{report_km}", field="--max-miss-km", allowed="0 < km <= 200")
    if not (0 < pc_threshold < 1):
        raise InputError(f"{pc_threshold}", field="--pc-threshold", allowed="0 < Pc < 1")
    if hbr_m is not None and not (np.isfinite(hbr_m) and 0 < hbr_m <= 1000):
        raise InputError(f"{hbr_m}", field="--hbr-m", allowed="0 < m <= 1000")
    if mc_samples < 0:
        raise InputError(f"{mc_samples}", field="--mc-samples", allowed=">= 0")
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
            allowed="within 30 days (give a current --station-tle, or --start)",
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
