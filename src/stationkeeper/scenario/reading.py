"""Reading values out of a scenario file: each reader checks one value (type, range, choices)
and raises an :class:`~stationkeeper.errors.InputError` naming the file, line, field and what
is allowed. ``table``/``index``/``key`` locate the value (``events``, 3, ``port``)."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from stationkeeper.tomlfile import TomlContext, suggest
from stationkeeper.utc import as_utc


def check_keys(
    ctx: TomlContext, doc: dict, spec: dict[str, bool], table: str, index: int | None = None
) -> None:
    """Refuse a key of ``doc`` not in ``spec`` (key -> required) and a missing required one."""
    for k in doc:
        if k not in spec:
            raise ctx.error(
                f"unknown key {k!r}{suggest(k, spec)}", table, index, k, ", ".join(spec)
            )
    for k, required in spec.items():
        if required and k not in doc:
            raise ctx.error(f"missing key {k!r}", table, index, None, ", ".join(spec))


def number(
    ctx: TomlContext,
    doc: dict,
    key: str,
    table: str,
    index: int | None = None,
    *,
    lo: float | None = None,
    hi: float | None = None,
    default: Any = None,
) -> float:
    """``doc[key]`` as a finite number in ``lo .. hi`` (``default`` when absent)."""
    if key not in doc:
        return default
    v = doc[key]
    rng = f"{'-inf' if lo is None else lo} .. {'inf' if hi is None else hi}"
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise ctx.error(f"must be a number, got {v!r}", table, index, key, rng)
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        raise ctx.error(f"{v!r} is out of range", table, index, key, rng)
    return float(v)


def string(
    ctx: TomlContext,
    doc: dict,
    key: str,
    table: str,
    index: int | None = None,
    *,
    choices: tuple[str, ...] | None = None,
    default: Any = None,
) -> str:
    """``doc[key]`` as a string, one of ``choices`` if given (``default`` when absent)."""
    if key not in doc:
        return default
    v = doc[key]
    if not isinstance(v, str):
        raise ctx.error(f"must be a string, got {v!r}", table, index, key)
    if choices is not None and v not in choices:
        raise ctx.error(
            f"unknown value {v!r}{suggest(v, choices)}", table, index, key, ", ".join(choices)
        )
    return v


def strings(
    ctx: TomlContext, doc: dict, key: str, table: str, index: int | None = None
) -> tuple[str, ...] | None:
    """``doc[key]`` as a tuple of strings (None when absent)."""
    if key not in doc:
        return None
    v = doc[key]
    if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
        raise ctx.error(f"must be a list of strings, got {v!r}", table, index, key)
    return tuple(v)


def flag(
    ctx: TomlContext, doc: dict, key: str, table: str, index: int | None = None, *, default: Any
) -> Any:
    """``doc[key]`` as true or false (``default`` when absent)."""
    v = doc.get(key, default)
    if not isinstance(v, bool):
        raise ctx.error(f"must be true or false, got {v!r}", table, index, key)
    return v


def utc(
    ctx: TomlContext, v: Any, table: str, index: int | None = None, key: str = "date"
) -> datetime:
    """A TOML date (midnight UTC) or date-time as an aware UTC datetime."""
    if isinstance(v, datetime):
        return as_utc(v)
    if isinstance(v, date):
        return datetime(v.year, v.month, v.day, tzinfo=UTC)
    raise ctx.error(
        f"must be a TOML date or date-time, got {v!r}",
        table,
        index,
        key,
        "e.g. 2022-06-03 or 2022-06-03T12:00:00Z",
    )


def resolve(base: Path, p: str) -> Path:
    """``p`` (``~`` expanded) relative to the folder ``base`` of the scenario file."""
    q = Path(p).expanduser()
    return q if q.is_absolute() else base / q
