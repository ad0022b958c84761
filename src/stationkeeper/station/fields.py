"""Validating one table of ``station.toml``: unknown and missing keys, and typed values.

Every problem is an :class:`~stationkeeper.errors.InputError` naming the file, the TOML
path of the field (``modules[3].mass_kg``), the bad value and what is allowed; the line
comes from :class:`~stationkeeper.tomlfile.TomlContext`.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from stationkeeper.errors import InputError
from stationkeeper.tomlfile import TomlContext, suggest


def format_value(value: Any) -> str:
    """A value as an error message shows it (floats in %g)."""
    return repr(value) if not isinstance(value, float) else f"{value:g}"


class TableItem:
    """One TOML table of the station file being validated (``modules[3]`` etc.).

    Construction checks for unknown and missing keys (``keys``: key -> required?); the
    typed getters return a value or raise an :class:`InputError` that names the file,
    line, field path, value and what is allowed.
    """

    def __init__(
        self,
        ctx: TomlContext,
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
        """An error about ``key`` of this table, prefixed with its label."""
        return self.ctx.error(f"{self.label}: {message}", self.table, self.index, key, allowed)

    def string(self, key: str, choices: tuple[str, ...] | None = None) -> str:
        """A non-empty string (one of ``choices`` when given)."""
        v = self.raw[key]
        allowed = ", ".join(choices) if choices else "a non-empty string"
        if not isinstance(v, str) or not v.strip():
            raise self.err(key, f"{key} must be a non-empty string, got {format_value(v)}", allowed)
        if choices is not None and v not in choices:
            raise self.err(key, f"unknown {key} {v!r}", allowed)
        return v

    def number(self, key: str, *, positive: bool = True) -> float:
        """A finite number, > 0 (or >= 0 with ``positive=False``)."""
        v = self.raw[key]
        allowed = "a number > 0" if positive else "a number >= 0"
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise self.err(key, f"{key} must be a number, got {format_value(v)}", allowed)
        if not math.isfinite(v) or (v <= 0 if positive else v < 0):
            raise self.err(key, f"{key} must be {allowed}, got {format_value(v)}", allowed)
        return float(v)

    def integer(self, key: str, *, minimum: int) -> int:
        """An integer >= ``minimum``."""
        v = self.raw[key]
        allowed = f"an integer >= {minimum}"
        if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
            raise self.err(key, f"{key} must be {allowed}, got {format_value(v)}", allowed)
        return v

    def day(self, key: str) -> date | None:
        """A TOML date, ``None`` when the key is absent."""
        if key not in self.raw:
            return None
        v = self.raw[key]
        if isinstance(v, datetime) or not isinstance(v, date):
            raise self.err(
                key, f"{key} must be a TOML date, got {format_value(v)}", "a date like 2022-03-03"
            )
        return v

    def strings(self, key: str, *, required: bool) -> tuple[str, ...]:
        """A list of distinct non-empty names (non-empty when ``required``); ``()`` when
        absent."""
        if key not in self.raw:
            return ()
        v = self.raw[key]
        if (
            not isinstance(v, list)
            or not all(isinstance(s, str) and s.strip() for s in v)
            or (required and not v)
        ):
            what = "a non-empty list of names" if required else "a list of names"
            raise self.err(key, f"{key} must be {what}, got {format_value(v)}", what)
        if len(set(v)) != len(v):
            raise self.err(key, f"{key} lists a name twice: {v!r}", "distinct names")
        return tuple(v)


def array_of_tables(ctx: TomlContext, doc: dict[str, Any], key: str) -> list[Any]:
    """The ``[[key]]`` tables of ``doc`` (``[]`` when absent)."""
    v = doc.get(key, [])
    if not isinstance(v, list):
        raise ctx.error(
            f"{key} must be an array of tables, got {type(v).__name__}",
            key,
            allowed=f"[[{key}]] blocks",
        )
    return v
