"""The station as of a date: the file's dated modules, its mass and drag area on that day.

A station file with a ``[history]`` table gives every module the day it ``arrived`` and the
day it ``left`` (``data/station.toml``: Pirs left 2021-07-26, Nauka arrived 2021-07-29,
Prichal 2021-11-26, the iROSA pairs from June 2021, ...; sources in ``SOURCES.md``).
:func:`station_at` keeps the modules present on the day asked, and says in plain words what
it assumed:

* visiting vehicles: the file lists those docked on its own date. On a day when each of them
  was docked (docked on or before it, and not yet departed) they are the real ones; on any
  other day they stay as a stand-in for a typical complement, and the answer says so;
* the drag area: the file's (NASA TOPO's for the shipped ISS) times the ratio of the summed
  silhouettes (:mod:`stationkeeper.station.ram_area`) on the day to those on the file's date;
  the fitted drag scale (``[drag]``) is applied unchanged;
* the mass lines without dates (the unaccounted outfitting) are held at the file's values.

Days are whole UTC days: a module is there on its arrival day and gone on its ``left`` day.

>>> from datetime import datetime
>>> from stationkeeper.station import load_station
>>> old = station_at(load_station(), datetime(2020, 1, 1))
>>> "Pirs" in {m.name for m in old.station.modules}, "Nauka" in old.elements
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from stationkeeper.errors import InputError
from stationkeeper.station.model import Station
from stationkeeper.station.ram_area import element_ram_areas_m2
from stationkeeper.utc import as_utc

OUTFITTING_NOTE = (
    "assumption: the mass lines without dates (the unaccounted outfitting, derived for "
    "2022-03-03) are held at their file values on every day"
)
DRAG_NOTE = (
    "assumption: drag area = the file's {area:,.0f} m2 x the ratio of summed silhouettes "
    "(ram_areas.toml) on the day to those on {ref} ({ratio:.4f}); the fitted drag scale is "
    "applied unchanged"
)


@dataclass(frozen=True)
class DatedStation:
    """The station on one day, and what was assumed to get it.

    ``elements``: the module names present; ``added``/``removed``: against the file's own
    date; ``vehicles_assumed``: True when the file's vehicles stand in for the day's;
    ``assumptions``: sentences, each beginning ``assumption:``."""

    at_utc: datetime
    station: Station
    elements: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    vehicles_assumed: bool
    vehicles_note: str
    assumptions: tuple[str, ...]
    valid_from: date
    valid_to: date


def _on_day(station: Station, day: date) -> Station:
    """The file's station with the modules present on ``day`` (vehicles as they are)."""
    h = station.history
    assert h is not None
    return replace(station, modules=tuple(m for m in h.elements if m.present_on(day)))


def station_at(station: Station, at_utc: datetime | date) -> DatedStation:
    """The configuration of ``station`` (loaded from a file with ``[history]``) on a day.

    Parameters
    ----------
    station : Station
        As :func:`~stationkeeper.station.load_station` returns it.
    at_utc : datetime or date
        The day asked (UTC; a naive datetime is UTC), inside the file's ``[history]``
        ``valid_from``..``valid_to``.

    Returns
    -------
    DatedStation
        The station of that day (modules, mass, drag area), its elements and assumptions.

    Raises :class:`InputError` naming ``at`` with the allowed range when the day is outside
    it, or when the file has no history.
    """
    h = station.history
    if h is None or station.configuration_date is None:
        raise InputError(
            "this station file has no dated history",
            file=station.source_file,
            field="at",
            allowed="a station file with a [history] table and arrived/left dates "
            "(the shipped ISS has them), or leave --at out",
        )
    if isinstance(at_utc, datetime):
        at = as_utc(at_utc)
    elif isinstance(at_utc, date):
        at = as_utc(datetime(at_utc.year, at_utc.month, at_utc.day))
    else:
        raise InputError(f"{at_utc!r} is not a date", field="at", allowed="a UTC date")
    day = at.date()
    if not h.valid_from <= day <= h.valid_to:
        raise InputError(
            f"{day} is outside the station file's dated history ([history] table)",
            file=station.source_file,
            field="at",
            allowed=f"{h.valid_from} to {h.valid_to}",
        )
    ref = station.configuration_date
    on_day = _on_day(station, day)
    present = {m.name for m in on_day.modules}
    ports = {p for m in on_day.modules for p in m.port_names}
    notes: list[str] = []
    keep = [v.name for v in station.vehicles if v.port in ports]
    for v in station.vehicles:
        if v.port not in ports:
            notes.append(f"assumption: {v.name} left out: its port {v.port} is not there")
    dated = on_day.keep_hosts(sorted(present) + keep)
    real = all(
        v.docked_date is not None
        and v.docked_date <= day
        and (day < v.departed_date if v.departed_date else day <= ref)
        for v in dated.vehicles
    )
    names = ", ".join(v.name for v in dated.vehicles) or "none"
    if real:
        vnote = f"visiting vehicles: those docked on {day} per the station file ({names})"
    else:
        vnote = (
            f"assumption: visiting vehicles = the station file's {ref} complement ({names}, "
            f"{dated.vehicles_mass_kg:,.0f} kg) as a typical one; the vehicles docked on {day} "
            "are not modelled (one vehicle more or less: about 7-12 t)"
        )
    same_vehicles = replace(station, vehicles=dated.vehicles)
    area_ref = sum(element_ram_areas_m2(_on_day(same_vehicles, ref)).values())
    area_day = sum(element_ram_areas_m2(dated).values())
    if area_ref > 0 and area_day > 0:
        ratio = area_day / area_ref
        dated = replace(dated, drag_area_m2=station.drag_area_m2 * ratio)
        notes.append(DRAG_NOTE.format(area=station.drag_area_m2, ref=ref, ratio=ratio))
    else:
        notes.append("assumption: drag area held at the file's (no silhouettes known)")
    if day > ref:
        notes.append(
            f"assumption: the configuration after {ref} follows the dated arrivals and "
            "departures in the station file only (no other change is modelled)"
        )
    notes.append(OUTFITTING_NOTE)
    dated = replace(dated, configuration_date=day)
    on_ref = {m.name for m in h.elements if m.present_on(ref)}
    return DatedStation(
        at_utc=at,
        station=dated,
        elements=tuple(m.name for m in dated.modules),
        added=tuple(sorted(present - on_ref)),
        removed=tuple(sorted(on_ref - present)),
        vehicles_assumed=not real,
        vehicles_note=vnote,
        assumptions=tuple([vnote, *notes] if not real else notes),
        valid_from=h.valid_from,
        valid_to=h.valid_to,
    )


__all__ = ["DatedStation", "station_at"]
