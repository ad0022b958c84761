"""The tables of a scenario file other than ``[[events]]``: their keys and their readers.

``[scenario]``'s run settings are read by :func:`stationkeeper.scenario.file.load_scenario`;
the readers here each turn one table into the object the run uses (the orbit, the station,
the reboost policy, the attitude budget, the consumables, the debris-avoidance policy).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from stationkeeper.constants import SECONDS_PER_DAY
from stationkeeper.errors import InputError, StationkeeperError
from stationkeeper.ops.attitude import AttitudeBudget
from stationkeeper.ops.consumables import Stock
from stationkeeper.ops.random_conjunctions import DebrisAvoidancePolicy
from stationkeeper.ops.reboost import ReboostPolicy
from stationkeeper.orbit.tle import (
    ElementSet,
    elements_or_default,
    load_tle_history,
    shipped_state_at,
)
from stationkeeper.scenario.reading import flag, number, resolve, string, strings
from stationkeeper.station import load_station
from stationkeeper.station.model import Station
from stationkeeper.tomlfile import TomlContext

TABLE_KEYS: dict[str, dict[str, bool]] = {
    # key -> required
    "scenario": {
        "name": False,
        "start": False,
        "duration_days": True,
        "tle": False,
        "solar": False,
        "atmosphere": False,
        "output_step_days": False,
        "flight_step_days": False,
        "description": False,
        "debris_avoidance": False,
    },
    "debris_avoidance": {
        "enabled": False,
        "rate_per_year": False,
        "dv_m_s": False,
        "engines": False,
    },
    "station": {
        "file": False,
        "drop_vehicles": False,
        "drag_area_m2": False,
        "cd": False,
        "crew": False,
        "tank_fills": False,
    },
    "reboost": {
        "enabled": False,
        "floor_km": False,
        "target_km": False,
        "engines": False,
        "on_demand_isp_s": False,
        "use_before_departure": False,
    },
    "attitude": {
        "maneuvers_per_year": False,
        "kg_per_maneuver": False,
        "background_kg_per_day": False,
    },
    "consumables": {
        "water_kg": False,
        "food_kg": False,
        "oxygen_kg": False,
        "water_recovery": False,
    },
}


def read_orbit(
    ctx: TomlContext,
    sc: dict,
    base: Path,
    start: datetime | None,
    events: Any = None,
    station_date: date | None = None,
) -> tuple[ElementSet, datetime]:
    """``[scenario] tle``: its newest element set at or before the start (or 12 h after it).
    Without ``tle``: the newest shipped ISS state at or before the scenario's date + 12 h: the
    start, else the first event's date, else ``station_date`` (the station file's, whose
    docked vehicles are real on it), else today's (2026-09-04). Returns the elements and the
    start (the elements' epoch when ``start`` is None), refusing a start more than 1 day
    before or 30 days after the elements' epoch."""
    tle = string(ctx, sc, "tle", "scenario")
    at = start if start is not None else first_event_date(events)
    if at is None and station_date is not None:
        at = datetime(station_date.year, station_date.month, station_date.day, tzinfo=UTC)
    try:
        if tle is None:
            shipped = shipped_state_at(None if at is None else at + timedelta(hours=12))
            es = elements_or_default(shipped)
        else:
            history = load_tle_history(resolve(base, tle))
            before = [
                h for h in history if start is None or h.epoch_utc <= start + timedelta(hours=12)
            ]
            es = before[-1] if before else history[0]
    except StationkeeperError as exc:
        raise ctx.error(f"orbit file: {exc}", "scenario", None, "tle") from None
    if start is None:
        start = es.epoch_utc
    lag_s = (start - es.epoch_utc).total_seconds()
    if lag_s < -SECONDS_PER_DAY or lag_s > 30 * SECONDS_PER_DAY:
        raise ctx.error(
            f"start {start.isoformat()} is {abs((start - es.epoch_utc).days)} days from the "
            f"orbit's epoch {es.epoch_utc.isoformat()}",
            "scenario",
            None,
            "start",
            "from 1 day before to 30 days after an element set of the orbit file",
        )
    return es, start


def first_event_date(events: Any) -> datetime | None:
    """The earliest ``date`` among ``[[events]]`` (UTC; a date at 00:00), None without one
    (the events are checked later, by their own reader)."""
    listed = events if isinstance(events, list) else []
    dates = [e.get("date") for e in listed if isinstance(e, dict)]
    times = [
        d if isinstance(d, datetime) else datetime(d.year, d.month, d.day)
        for d in dates
        if isinstance(d, date)
    ]
    return min((t if t.tzinfo else t.replace(tzinfo=UTC) for t in times), default=None)


def read_station(ctx: TomlContext, doc: dict, base: Path) -> tuple[Station, int]:
    """``[station]``: the station file with its overrides, and the crew aboard at the start
    (default: the docked crew vehicles' crews, 0 with ``drop_vehicles``)."""
    st_file = string(ctx, doc, "file", "station")
    try:
        station = load_station(None if st_file is None else resolve(base, st_file))
    except StationkeeperError as exc:
        raise ctx.error(f"station file: {exc}", "station", None, "file") from None
    drop = flag(ctx, doc, "drop_vehicles", "station", default=False)
    if drop:
        for v in list(station.vehicles):
            station = station.without_vehicle(v.name)
    area = number(ctx, doc, "drag_area_m2", "station", lo=1, hi=1e5)
    cd = number(ctx, doc, "cd", "station", lo=0.5, hi=5)
    if area is not None or cd is not None:
        station = station.with_overrides(area_m2=area, cd=cd)
    fills = doc.get("tank_fills", {})
    if not isinstance(fills, dict):
        raise ctx.error("must be a table of tank name = kg", "station", None, "tank_fills")
    try:
        station = station.with_tank_fills(fills)
    except InputError as exc:
        raise ctx.error(exc.message, "station", None, "tank_fills", exc.allowed) from None
    crew_default = 0 if drop else station.crew_aboard
    crew = int(number(ctx, doc, "crew", "station", lo=0, hi=20, default=crew_default))
    return station, crew


def read_policy(
    ctx: TomlContext, doc: dict, table: str, base: ReboostPolicy, index: int | None = None
) -> ReboostPolicy:
    """``[reboost]`` (or a ``reboost_policy`` event): the keys given replace those of
    ``base``; the target must lie above the floor (km), an on-demand Isp be 0 or 100..500 s."""
    floor = number(ctx, doc, "floor_km", table, index, lo=150, hi=1000, default=base.floor_km)
    target = number(ctx, doc, "target_km", table, index, lo=150, hi=1000, default=base.target_km)
    if target <= floor:
        raise ctx.error(
            f"target {target:g} km is not above the floor {floor:g} km",
            table,
            index,
            "target_km",
            "target_km > floor_km",
        )
    enabled = flag(ctx, doc, "enabled", table, index, default=base.enabled)
    engines = strings(ctx, doc, "engines", table, index) or base.engines
    on_demand = number(ctx, doc, "on_demand_isp_s", table, index, lo=0, hi=500)
    if on_demand is not None and 0 < on_demand < 100:
        raise ctx.error(
            f"{on_demand:g} s is not an Isp a reboost engine has",
            table,
            index,
            "on_demand_isp_s",
            "0 (off) or 100 .. 500 s",
        )
    on_demand = base.on_demand_isp_s if on_demand is None else on_demand
    before = flag(ctx, doc, "use_before_departure", table, index, default=base.use_before_departure)
    return ReboostPolicy(enabled, floor, target, engines, on_demand, before)


def read_attitude(ctx: TomlContext, doc: dict) -> AttitudeBudget:
    """``[attitude]``: the attitude-control propellant budget (defaults: ``AttitudeBudget``)."""
    base = AttitudeBudget()
    t = "attitude"
    return AttitudeBudget(
        number(ctx, doc, "maneuvers_per_year", t, lo=0, hi=365, default=base.maneuvers_per_year),
        number(ctx, doc, "kg_per_maneuver", t, lo=0, hi=1000, default=base.kg_per_maneuver),
        number(
            ctx, doc, "background_kg_per_day", t, lo=0, hi=1000, default=base.background_kg_per_day
        ),
    )


def read_consumables(ctx: TomlContext, doc: dict) -> tuple[Stock, float]:
    """``[consumables]``: the stock on board at the start (kg) and the water recovery (0..1)."""
    stock = Stock(
        number(ctx, doc, "water_kg", "consumables", lo=0, default=0.0),
        number(ctx, doc, "food_kg", "consumables", lo=0, default=0.0),
        number(ctx, doc, "oxygen_kg", "consumables", lo=0, default=0.0),
    )
    recovery = number(ctx, doc, "water_recovery", "consumables", lo=0, hi=1, default=0.0)
    return stock, recovery


def read_debris_policy(ctx: TomlContext, sc_doc: dict, doc: Any) -> DebrisAvoidancePolicy:
    """``[scenario] debris_avoidance = true`` and/or a ``[debris_avoidance]`` table."""
    if not isinstance(doc, dict):
        raise ctx.error("must be a table", "debris_avoidance")
    on = sc_doc.get("debris_avoidance", None)
    if on is not None and not isinstance(on, bool):
        raise ctx.error(f"must be true or false, got {on!r}", "scenario", None, "debris_avoidance")
    enabled = flag(ctx, doc, "enabled", "debris_avoidance", default=bool(on) or bool(doc))
    base = DebrisAvoidancePolicy()
    rate = number(
        ctx, doc, "rate_per_year", "debris_avoidance", lo=0, hi=365, default=base.rate_per_year
    )
    dv = number(ctx, doc, "dv_m_s", "debris_avoidance", lo=0.01, hi=10, default=base.dv_m_s)
    engines = strings(ctx, doc, "engines", "debris_avoidance", None) or None
    return DebrisAvoidancePolicy(enabled, rate, dv, tuple(engines) if engines else None)
