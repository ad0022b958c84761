"""Load and validate ``station.toml``.

Every problem is an :class:`~stationkeeper.errors.InputError` naming the file, the
TOML path of the field (``modules[3].mass_kg``), the bad value and what is allowed.
Line numbers are found by scanning the text for the table header and key (tomllib
does not report them); they are ``None`` where the layout is unusual (inline tables).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from stationkeeper.data import data_path
from stationkeeper.station.fields import TableItem, array_of_tables
from stationkeeper.station.history import station_at
from stationkeeper.station.model import (
    ENGINE_ROLES,
    MODULE_KINDS,
    OWNERS,
    PARTNER_AGENCIES,
    SEGMENTS,
    VEHICLE_TYPES,
    DragFit,
    Engine,
    History,
    Module,
    Station,
    Tank,
    Vehicle,
)
from stationkeeper.tomlfile import TomlContext, read_toml
from stationkeeper.utc import as_utc

# key -> required?
_TOP_KEYS = {
    "station": True,
    "drag": False,
    "modules": True,
    "vehicles": False,
    "engines": False,
    "tanks": False,
    "history": False,
}
_HISTORY_KEYS = {"valid_from": True, "valid_to": True, "source": True}
_DRAG_KEYS = {
    "scale_p05": True,
    "scale_p50": True,
    "scale_p95": True,
    "atmosphere": True,
    "window": True,
    "fitted_on": False,
    "source": True,
}
#: The drag coefficients accepted (the range of the --cd override: free-molecular flow).
CD_RANGE = (0.5, 5.0)
_STATION_KEYS = {
    "name": True,
    "configuration_date": False,
    "cd": True,
    "drag_area_m2": True,
    "source": True,
}
_MODULE_KEYS = {
    "name": True,
    "owner": True,
    "segment": True,
    "kind": True,
    "mass_kg": True,
    "ports": False,
    "arrived": False,
    "left": False,
    "source": True,
}
_VEHICLE_KEYS = {
    "name": True,
    "type": True,
    "owner": True,
    "partner": True,
    "port": True,
    "mass_kg": True,
    "crew_seats": True,
    "crew_aboard": True,
    "docked_date": False,
    "departed_date": False,
    "source": True,
}
_TANK_KEYS = {
    "name": True,
    "host": True,
    "owner": True,
    "segment": False,
    "capacity_kg": True,
    "fill_kg": True,
    "source": True,
}
_ENGINE_KEYS = {
    "name": True,
    "host": True,
    "owner": True,
    "segment": False,
    "role": True,
    "count": True,
    "thrust_n": True,
    "isp_s": True,
    "feeds": True,
    "source": True,
}


def load_station(path: str | Path | None = None, at: datetime | None = None) -> Station:
    """Read and validate a station file; ``None`` loads the shipped ISS.

    Parameters
    ----------
    path : path, optional
        A station TOML file (default: the shipped ISS of 2022-03-03).
    at : datetime, optional
        UTC (naive = UTC): the configuration of that day from the file's dated history
        (:func:`stationkeeper.station.history.station_at`); default the file's own date.

    Raises :class:`InputError` (file, field path, value, allowed) on any problem.
    """
    p = Path(path) if path is not None else data_path("station.toml")
    doc, text = read_toml(p, "station file")
    station = _parse(doc, TomlContext(str(p), text))
    return station if at is None else station_at(station, at).station


def dated_history_covers(path: str | Path | None, at: datetime) -> bool:
    """True when the station file (default the shipped ISS) has a ``[history]`` that holds
    ``at``'s UTC day (then ``load_station(path, at=at)`` gives that day's configuration)."""
    h = load_station(path).history
    return h is not None and h.valid_from <= as_utc(at).date() <= h.valid_to


def _parse(doc: dict[str, Any], ctx: TomlContext) -> Station:
    unknown = sorted(set(doc) - set(_TOP_KEYS))
    if unknown:
        raise ctx.error(
            f"unknown top-level key {unknown[0]!r}",
            unknown[0],
            allowed=", ".join(_TOP_KEYS),
        )
    for k, required in _TOP_KEYS.items():
        if required and k not in doc:
            raise ctx.error(
                f"missing required {'table' if k == 'station' else 'array'} {k!r}",
                k,
                allowed=", ".join(x for x, r in _TOP_KEYS.items() if r),
            )

    st = TableItem(ctx, "station", None, doc["station"], _STATION_KEYS)
    st_name = st.string("name")
    cd = st.number("cd")
    if not CD_RANGE[0] <= cd <= CD_RANGE[1]:
        raise st.err("cd", f"cd {cd:g} is not physical", f"{CD_RANGE[0]} to {CD_RANGE[1]}")
    area = st.number("drag_area_m2")
    config_date = st.day("configuration_date")
    st_source = st.string("source")
    drag_fit = _drag_fit(ctx, doc["drag"]) if "drag" in doc else None
    history = _history(ctx, doc["history"], config_date) if "history" in doc else None

    # --- modules ---
    modules: list[Module] = []
    all_modules: list[Module] = []
    hosts: dict[str, tuple[str, int]] = {}  # name -> (table, index)
    ports: dict[str, str] = {}  # full port name -> module segment

    def claim_name(item: TableItem, name: str, registry: dict[str, tuple[str, int]]) -> None:
        if name in registry:
            t, i = registry[name]
            raise item.err(
                "name", f"duplicate name {name!r} (already used by {t}[{i}])", "unique names"
            )
        registry[name] = (item.table, item.index or 0)

    raw_modules = array_of_tables(ctx, doc, "modules")
    if not raw_modules:
        raise ctx.error("no [[modules]] given", "modules", allowed="at least one [[modules]] table")
    for i, raw in enumerate(raw_modules):
        it = TableItem(ctx, "modules", i, raw, _MODULE_KEYS)
        name = it.string("name")
        claim_name(it, name, hosts)
        mod = Module(
            name=name,
            owner=it.string("owner", OWNERS),
            segment=it.string("segment", SEGMENTS),
            kind=it.string("kind", MODULE_KINDS),
            mass_kg=it.number("mass_kg"),
            ports=it.strings("ports", required=False),
            source=it.string("source"),
            arrived=it.day("arrived"),
            left=it.day("left"),
        )
        if mod.arrived and mod.left and mod.left <= mod.arrived:
            raise it.err("left", f"left {mod.left} is not after arrived {mod.arrived}", "later")
        if (mod.arrived or mod.left) and history is None:
            raise it.err("arrived", "dates need a [history] table", "[history] valid_from, ...")
        if config_date is not None and not mod.present_on(config_date):
            all_modules.append(mod)  # not there on the file's date: in the history only
            continue
        for pn in mod.port_names:
            ports[pn] = mod.segment
        modules.append(mod)
        all_modules.append(mod)

    # --- vehicles ---
    vehicles: list[Vehicle] = []
    port_taken: dict[str, int] = {}
    for i, raw in enumerate(array_of_tables(ctx, doc, "vehicles")):
        it = TableItem(ctx, "vehicles", i, raw, _VEHICLE_KEYS)
        name = it.string("name")
        claim_name(it, name, hosts)
        port = it.string("port")
        if port not in ports:
            raise it.err(
                "port",
                f"no module has a port {port!r}",
                ", ".join(sorted(ports)) or "no ports are declared (modules[].ports)",
            )
        if port in port_taken:
            raise it.err(
                "port",
                f"port {port!r} is already taken by vehicles[{port_taken[port]}]",
                "one vehicle per port; free: "
                + (", ".join(sorted(set(ports) - set(port_taken))) or "none"),
            )
        port_taken[port] = i
        seats = it.integer("crew_seats", minimum=0)
        aboard = it.integer("crew_aboard", minimum=0)
        if aboard > seats:
            raise it.err(
                "crew_aboard", f"crew_aboard {aboard} exceeds crew_seats {seats}", f"0..{seats}"
            )
        docked, departed = it.day("docked_date"), it.day("departed_date")
        if docked and departed and departed <= docked:
            raise it.err("departed_date", f"{departed} is not after {docked}", f"after {docked}")
        vehicles.append(
            Vehicle(
                name=name,
                type=it.string("type", VEHICLE_TYPES),
                owner=it.string("owner", OWNERS),
                partner=it.string("partner", PARTNER_AGENCIES),
                port=port,
                segment=ports[port],
                mass_kg=it.number("mass_kg"),
                crew_seats=seats,
                crew_aboard=aboard,
                docked_date=docked,
                departed_date=departed,
                source=it.string("source"),
            )
        )

    host_segment = {m.name: m.segment for m in modules} | {v.name: v.segment for v in vehicles}

    def host_and_segment(it: TableItem) -> tuple[str, str]:
        host = it.string("host")
        if host not in host_segment:
            raise it.err(
                "host",
                f"no module or vehicle named {host!r}",
                "a module or vehicle name: " + ", ".join(host_segment),
            )
        seg = host_segment[host]
        if "segment" in it.raw:
            given = it.string("segment", SEGMENTS)
            if given != seg:
                raise it.err(
                    "segment",
                    f"segment {given!r} disagrees with host {host!r}, which is in {seg!r}",
                    f"{seg!r} (the host's segment) or leave it out",
                )
        return host, seg

    # --- tanks ---
    tanks: list[Tank] = []
    tank_names: dict[str, tuple[str, int]] = {}
    for i, raw in enumerate(array_of_tables(ctx, doc, "tanks")):
        it = TableItem(ctx, "tanks", i, raw, _TANK_KEYS)
        name = it.string("name")
        claim_name(it, name, tank_names)
        host, seg = host_and_segment(it)
        capacity = it.number("capacity_kg")
        fill = it.number("fill_kg", positive=False)
        if fill > capacity:
            raise it.err(
                "fill_kg",
                f"fill_kg {fill:g} exceeds capacity_kg {capacity:g}",
                f"0..{capacity:g} kg",
            )
        tanks.append(
            Tank(
                name=name,
                host=host,
                owner=it.string("owner", OWNERS),
                segment=seg,
                capacity_kg=capacity,
                fill_kg=fill,
                source=it.string("source"),
            )
        )

    # --- engines ---
    engines: list[Engine] = []
    engine_names: dict[str, tuple[str, int]] = {}
    for i, raw in enumerate(array_of_tables(ctx, doc, "engines")):
        it = TableItem(ctx, "engines", i, raw, _ENGINE_KEYS)
        name = it.string("name")
        claim_name(it, name, engine_names)
        host, seg = host_and_segment(it)
        feeds = it.strings("feeds", required=True)
        for f in feeds:
            if f not in tank_names:
                raise it.err(
                    "feeds",
                    f"fed by tank {f!r}, which does not exist",
                    "tank names: " + (", ".join(tank_names) or "none declared"),
                )
        engines.append(
            Engine(
                name=name,
                host=host,
                owner=it.string("owner", OWNERS),
                segment=seg,
                role=it.string("role", ENGINE_ROLES),
                count=it.integer("count", minimum=1),
                thrust_n=it.number("thrust_n"),
                isp_s=it.number("isp_s"),
                feeds=feeds,
                source=it.string("source"),
            )
        )

    return Station(
        name=st_name,
        cd=cd,
        drag_area_m2=area,
        modules=tuple(modules),
        vehicles=tuple(vehicles),
        engines=tuple(engines),
        tanks=tuple(tanks),
        configuration_date=config_date,
        source=st_source,
        source_file=ctx.file,
        drag_fit=drag_fit,
        history=None if history is None else History(tuple(all_modules), *history),
    )


def _history(ctx: TomlContext, raw: Any, config_date: Any) -> tuple:
    """``[history]``: (valid_from, valid_to, source); the file's own date inside them."""
    it = TableItem(ctx, "history", None, raw, _HISTORY_KEYS)
    lo, hi = it.day("valid_from"), it.day("valid_to")
    if hi <= lo:
        raise it.err("valid_to", f"valid_to {hi} is not after valid_from {lo}", f"after {lo}")
    if config_date is None or not lo <= config_date <= hi:
        raise it.err(
            "valid_from",
            f"the file's configuration_date {config_date} is not inside the history",
            f"station.configuration_date between {lo} and {hi}",
        )
    return lo, hi, it.string("source")


def _drag_fit(ctx: TomlContext, raw: Any) -> DragFit:
    """``[drag]``: the fitted scale on Cd·A with its 5/50/95 % points, in order."""
    it = TableItem(ctx, "drag", None, raw, _DRAG_KEYS)
    p05, p50, p95 = (it.number(k) for k in ("scale_p05", "scale_p50", "scale_p95"))
    if not p05 <= p50 <= p95:
        raise it.err("scale_p50", f"scales {p05}, {p50}, {p95} out of order", "p05 <= p50 <= p95")
    return DragFit(
        p05,
        p50,
        p95,
        atmosphere=it.string("atmosphere"),
        window=it.string("window"),
        fitted_on=it.string("fitted_on") if "fitted_on" in raw else "",
        source=it.string("source"),
    )


__all__ = ["dated_history_covers", "load_station"]
