"""JSON summary and Rich rendering of a :class:`Station`."""

from __future__ import annotations

from typing import Any

from stationkeeper.station.history import OUTFITTING_NOTE, DatedStation
from stationkeeper.station.model import Station
from stationkeeper.station.ram_area import element_ram_areas_m2

SUMMARY_KEYS: tuple[str, ...] = (
    "name",
    "configuration_date",
    "source_file",
    "total_mass_kg",
    "itemised_mass_kg",
    "mass_override_kg",
    "modules_mass_kg",
    "vehicles_mass_kg",
    "propellant_kg",
    "propellant_capacity_kg",
    "drag_area_m2",
    "cd",
    "ballistic_coefficient_kg_m2",
    "crew_seats",
    "crew_aboard",
    "modules",
    "vehicles",
    "engines",
    "tanks",
    "totals_by_segment",
    "totals_by_owner",
    "drag_source",
    "ram_area_by_segment_m2",
    "drag",
    "drag_label",
    "cd_area_m2",
    "ballistic_coefficient_band_kg_m2",
    "drag_fit",
    "at_utc",
    "mass_kg",
    "ram_area_m2",
    "elements",
    "elements_added",
    "elements_removed",
    "vehicles_assumed",
    "vehicles_note",
    "assumptions",
    "allowed_range",
)
"""Keys of :func:`station_summary` (a stable interface; only ever add to it)."""


def station_summary(station: Station, dated: DatedStation | None = None) -> dict[str, Any]:
    """A JSON-ready dict describing ``station`` (keys: :data:`SUMMARY_KEYS`).

    ``modules`` items have at least ``name, owner, segment, mass_kg``; ``vehicles``,
    ``engines`` and ``tanks`` list every field of their dataclasses; dates are ISO strings.
    ``totals_by_segment`` / ``totals_by_owner`` map a key to
    ``{mass_kg, propellant_kg, propellant_capacity_kg}``. ``ram_area_m2`` (modules) and
    ``ram_area_by_segment_m2``: silhouettes from published dimensions
    (:mod:`stationkeeper.station.ram_area`; None / empty for elements it does not know).
    ``ballistic_coefficient_kg_m2`` is that of the drag in use (``drag``: ``fitted`` or
    ``topo``; ``drag_label`` says which in words), its 5/50/95 % in
    ``ballistic_coefficient_band_kg_m2``; ``drag_area_m2`` and ``cd`` are the file's (on
    another day, :func:`~stationkeeper.station.history.station_at`'s).

    ``dated`` (the station of a day, :func:`~stationkeeper.station.history.station_at`)
    fills ``at_utc``, ``mass_kg``, ``ram_area_m2`` (summed silhouettes), ``elements`` (module
    names), ``elements_added``/``_removed`` (against the file's date), ``vehicles_assumed``,
    ``vehicles_note``, ``assumptions`` and ``allowed_range``; without it they describe
    ``station`` as it is (its own date).
    """
    s = station if dated is None else dated.station
    ram = element_ram_areas_m2(s)
    return _summary(s, ram) | _history_keys(s, ram, dated)


def _history_keys(s: Station, ram: dict[str, float], dated: DatedStation | None) -> dict:
    h = s.history
    day = None if s.configuration_date is None else s.configuration_date.isoformat()
    return {
        "at_utc": dated.at_utc.isoformat() if dated else (day and f"{day}T00:00:00+00:00"),
        "mass_kg": s.total_mass_kg,
        "ram_area_m2": float(sum(ram.values())),
        "elements": [m.name for m in s.modules],
        "elements_added": list(dated.added) if dated else [],
        "elements_removed": list(dated.removed) if dated else [],
        "vehicles_assumed": dated.vehicles_assumed if dated else False,
        "vehicles_note": dated.vehicles_note if dated else "the vehicles of the station file",
        "assumptions": list(dated.assumptions) if dated else ([OUTFITTING_NOTE] if h else []),
        "allowed_range": None if h is None else [h.valid_from.isoformat(), h.valid_to.isoformat()],
    }


def _summary(s: Station, ram: dict[str, float]) -> dict[str, Any]:
    return {
        "name": s.name,
        "configuration_date": None
        if s.configuration_date is None
        else s.configuration_date.isoformat(),
        "source_file": s.source_file,
        "total_mass_kg": s.total_mass_kg,
        "itemised_mass_kg": s.itemised_mass_kg,
        "mass_override_kg": s.mass_override_kg,
        "modules_mass_kg": s.modules_mass_kg,
        "vehicles_mass_kg": s.vehicles_mass_kg,
        "propellant_kg": s.propellant_kg,
        "propellant_capacity_kg": s.propellant_capacity_kg,
        "drag_area_m2": s.drag_area_m2,
        "cd": s.cd,
        "ballistic_coefficient_kg_m2": s.ballistic_coefficient_kg_m2,
        "crew_seats": s.crew_seats,
        "crew_aboard": s.crew_aboard,
        "modules": [
            {
                "name": m.name,
                "owner": m.owner,
                "segment": m.segment,
                "mass_kg": m.mass_kg,
                "kind": m.kind,
                "ports": list(m.port_names),
                "ram_area_m2": ram.get(m.name),
                "source": m.source,
            }
            for m in s.modules
        ],
        "vehicles": [
            {
                "name": v.name,
                "type": v.type,
                "owner": v.owner,
                "partner": v.partner,
                "port": v.port,
                "segment": v.segment,
                "mass_kg": v.mass_kg,
                "crew_seats": v.crew_seats,
                "crew_aboard": v.crew_aboard,
                "docked_date": None if v.docked_date is None else v.docked_date.isoformat(),
                "source": v.source,
            }
            for v in s.vehicles
        ],
        "engines": [
            {
                "name": e.name,
                "host": e.host,
                "owner": e.owner,
                "segment": e.segment,
                "role": e.role,
                "count": e.count,
                "thrust_n": e.thrust_n,
                "total_thrust_n": e.total_thrust_n,
                "isp_s": e.isp_s,
                "feeds": list(e.feeds),
                "source": e.source,
            }
            for e in s.engines
        ],
        "tanks": [
            {
                "name": t.name,
                "host": t.host,
                "owner": t.owner,
                "segment": t.segment,
                "capacity_kg": t.capacity_kg,
                "fill_kg": t.fill_kg,
                "source": t.source,
            }
            for t in s.tanks
        ],
        "totals_by_segment": s.totals_by_segment,
        "totals_by_owner": s.totals_by_owner,
        "drag_source": s.source,
        "ram_area_by_segment_m2": ram_area_by_segment(s, ram),
        "drag": s.drag_in_use,
        "drag_label": s.drag_label,
        "cd_area_m2": s.cd_area_m2,
        "ballistic_coefficient_band_kg_m2": list(s.ballistic_coefficient_band_kg_m2),
        "drag_fit": None if s.drag_fit is None else s.drag_fit.as_dict(),
    }


def ram_area_by_segment(
    station: Station, areas: dict[str, float] | None = None
) -> dict[str, float]:
    """Segment -> summed ram area (m²) of its modules and the vehicles at its ports
    (``areas``: :func:`element_ram_areas_m2` of the station, when already computed)."""
    seg = {m.name: m.segment for m in station.modules}
    seg.update({v.name: v.segment for v in station.vehicles})
    out: dict[str, float] = {}
    for host, area in (element_ram_areas_m2(station) if areas is None else areas).items():
        out[seg[host]] = out.get(seg[host], 0.0) + area
    return out
