"""Load and validate ``station.toml``.

Every problem is an :class:`~stationkeeper.errors.InputError` naming the file, the
TOML path of the field (``modules[3].mass_kg``), the bad value and what is allowed.
Line numbers are found by scanning the text for the table header and key (tomllib
does not report them); they are ``None`` where the layout is unusual (inline tables).
"""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

from stationkeeper.data import data_path
from stationkeeper.errors import InputError
from stationkeeper.station.model import (
    ENGINE_ROLES,
    MODULE_KINDS,
    OWNERS,
    PARTNER_AGENCIES,
    SEGMENTS,
    VEHICLE_TYPES,
    Engine,
    Module,
    Station,
    Tank,
    Vehicle,
)
from stationkeeper.tomlfile import TomlContext, read_toml, suggest

# key -> required?
_TOP_KEYS = {"station": True, "modules": True, "vehicles": False, "engines": False, "tanks": False}
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

_Ctx = TomlContext


def _fmt(value: Any) -> str:
    return repr(value) if not isinstance(value, float) else f"{value:g}"


class _Item:
    """One TOML table being validated (``modules[3]`` etc.)."""

    def __init__(
        self,
        ctx: _Ctx,
        table: str,
        index: int | None,
        raw: Any,
        keys: dict[str, bool],
    ) -> None:
        self.ctx, self.table, self.index = ctx, table, index
        where = table if index is None else f"{table}[{index}]"
        if not isinstance(raw, dict):
            raise ctx.error(
                f"must be a table, got {type(raw).__name__}",
                table,
                index,
                allowed=f"a [[{table}]] table" if index is not None else f"a [{table}] table",
            )
        self.raw: dict[str, Any] = raw
        unknown = sorted(set(raw) - set(keys))
        if unknown:
            k = unknown[0]
            raise ctx.error(
                f"unknown key {k!r} in {where}{suggest(k, keys)}",
                table,
                index,
                k,
                allowed=", ".join(keys),
            )
        for k, required in keys.items():
            if required and k not in raw:
                label = f" ({raw['name']!r})" if isinstance(raw.get("name"), str) else ""
                raise ctx.error(
                    f"missing required key {k!r} in {where}{label}",
                    table,
                    index,
                    k,
                    allowed="required keys: " + ", ".join(x for x, r in keys.items() if r),
                )
        name = raw.get("name")
        singular = {
            "modules": "module",
            "vehicles": "vehicle",
            "tanks": "tank",
            "engines": "engine",
        }
        kind = singular.get(table, table)
        self.label = f"{kind} {name!r}" if isinstance(name, str) else where

    def err(self, key: str, message: str, allowed: str | None = None) -> InputError:
        return self.ctx.error(f"{self.label}: {message}", self.table, self.index, key, allowed)

    def string(self, key: str, choices: tuple[str, ...] | None = None) -> str:
        v = self.raw[key]
        allowed = ", ".join(choices) if choices else "a non-empty string"
        if not isinstance(v, str) or not v.strip():
            raise self.err(key, f"{key} must be a non-empty string, got {_fmt(v)}", allowed)
        if choices is not None and v not in choices:
            raise self.err(key, f"unknown {key} {v!r}", allowed)
        return v

    def number(self, key: str, *, positive: bool = True) -> float:
        v = self.raw[key]
        allowed = "a number > 0" if positive else "a number >= 0"
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise self.err(key, f"{key} must be a number, got {_fmt(v)}", allowed)
        if not math.isfinite(v) or (v <= 0 if positive else v < 0):
            raise self.err(key, f"{key} must be {allowed}, got {_fmt(v)}", allowed)
        return float(v)

    def integer(self, key: str, *, minimum: int) -> int:
        v = self.raw[key]
        allowed = f"an integer >= {minimum}"
        if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
            raise self.err(key, f"{key} must be {allowed}, got {_fmt(v)}", allowed)
        return v

    def day(self, key: str) -> date | None:
        if key not in self.raw:
            return None
        v = self.raw[key]
        if isinstance(v, datetime) or not isinstance(v, date):
            raise self.err(
                key, f"{key} must be a TOML date, got {_fmt(v)}", "a date like 2022-03-03"
            )
        return v

    def strings(self, key: str, *, required: bool) -> tuple[str, ...]:
        if key not in self.raw:
            return ()
        v = self.raw[key]
        if (
            not isinstance(v, list)
            or not all(isinstance(s, str) and s.strip() for s in v)
            or (required and not v)
        ):
            what = "a non-empty list of names" if required else "a list of names"
            raise self.err(key, f"{key} must be {what}, got {_fmt(v)}", what)
        if len(set(v)) != len(v):
            raise self.err(key, f"{key} lists a name twice: {v!r}", "distinct names")
        return tuple(v)


def _array(ctx: _Ctx, doc: dict[str, Any], key: str) -> list[Any]:
    v = doc.get(key, [])
    if not isinstance(v, list):
        raise ctx.error(
            f"{key} must be an array of tables, got {type(v).__name__}",
            key,
            allowed=f"[[{key}]] blocks",
        )
    return v


def load_station(path: str | Path | None = None) -> Station:
    """Read and validate a station file; ``None`` loads the shipped ISS (2022-03-03).

    Raises :class:`InputError` (file, field path, value, allowed) on any problem.
    """
    p = Path(path) if path is not None else data_path("station.toml")
    doc, text = read_toml(p, "station file")
    return _parse(doc, _Ctx(str(p), text))


def _parse(doc: dict[str, Any], ctx: _Ctx) -> Station:
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

    st = _Item(ctx, "station", None, doc["station"], _STATION_KEYS)
    st_name = st.string("name")
    cd = st.number("cd")
    area = st.number("drag_area_m2")
    config_date = st.day("configuration_date")
    st_source = st.string("source")

    # --- modules ---
    modules: list[Module] = []
    hosts: dict[str, tuple[str, int]] = {}  # name -> (table, index)
    ports: dict[str, str] = {}  # full port name -> module segment

    def claim_name(item: _Item, name: str, registry: dict[str, tuple[str, int]]) -> None:
        if name in registry:
            t, i = registry[name]
            raise item.err(
                "name", f"duplicate name {name!r} (already used by {t}[{i}])", "unique names"
            )
        registry[name] = (item.table, item.index or 0)

    raw_modules = _array(ctx, doc, "modules")
    if not raw_modules:
        raise ctx.error("no [[modules]] given", "modules", allowed="at least one [[modules]] table")
    for i, raw in enumerate(raw_modules):
        it = _Item(ctx, "modules", i, raw, _MODULE_KEYS)
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
        )
        for pn in mod.port_names:
            ports[pn] = mod.segment
        modules.append(mod)

    # --- vehicles ---
    vehicles: list[Vehicle] = []
    port_taken: dict[str, int] = {}
    for i, raw in enumerate(_array(ctx, doc, "vehicles")):
        it = _Item(ctx, "vehicles", i, raw, _VEHICLE_KEYS)
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
                docked_date=it.day("docked_date"),
                source=it.string("source"),
            )
        )

    host_segment = {m.name: m.segment for m in modules} | {v.name: v.segment for v in vehicles}

    def host_and_segment(it: _Item) -> tuple[str, str]:
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
    for i, raw in enumerate(_array(ctx, doc, "tanks")):
        it = _Item(ctx, "tanks", i, raw, _TANK_KEYS)
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
    for i, raw in enumerate(_array(ctx, doc, "engines")):
        it = _Item(ctx, "engines", i, raw, _ENGINE_KEYS)
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
    )


__all__ = ["load_station"]
