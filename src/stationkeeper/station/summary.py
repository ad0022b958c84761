"""JSON summary and Rich rendering of a :class:`Station`."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

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
)
"""Keys of :func:`station_summary` (a stable interface; only ever add to it)."""


def station_summary(station: Station) -> dict[str, Any]:
    """A JSON-ready dict describing ``station`` (keys: :data:`SUMMARY_KEYS`).

    ``modules`` items have at least ``name, owner, segment, mass_kg``; ``vehicles``,
    ``engines`` and ``tanks`` list every field of their dataclasses; dates are ISO strings.
    ``totals_by_segment`` / ``totals_by_owner`` map a key to
    ``{mass_kg, propellant_kg, propellant_capacity_kg}``. ``ram_area_m2`` (modules) and
    ``ram_area_by_segment_m2``: silhouettes from published dimensions
    (:mod:`stationkeeper.station.ram_area`; None / empty for elements it does not know).
    """
    s = station
    ram = element_ram_areas_m2(s)
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


def _kg(x: float) -> str:
    return f"{x:,.0f}"


def render_station(station: Station, console: Console) -> None:
    """Print the station as Rich tables: headline, modules, vehicles, engines, tanks, totals."""
    s = station
    date_txt = f" as of {s.configuration_date.isoformat()}" if s.configuration_date else ""
    override = (
        f"  [dim](mass overridden; itemised {_kg(s.itemised_mass_kg)} kg)[/dim]"
        if s.mass_override_kg is not None
        else ""
    )
    console.print(f"[bold]{s.name}[/bold]{date_txt}")
    console.print(
        f"total mass [bold]{_kg(s.total_mass_kg)} kg[/bold]{override}  |  "
        f"drag area [bold]{s.drag_area_m2:,.1f} m²[/bold]  |  Cd [bold]{s.cd:.2f}[/bold]  |  "
        f"ballistic coefficient m/(Cd·A) [bold]{s.ballistic_coefficient_kg_m2:.1f} kg/m²[/bold]"
    )
    console.print(
        f"crew aboard {s.crew_aboard}, seats in docked vehicles {s.crew_seats}; "
        f"propellant {_kg(s.propellant_kg)} / {_kg(s.propellant_capacity_kg)} kg"
    )
    if s.source_file:
        console.print(f"[dim]source file: {s.source_file}[/dim]")

    if s.modules:
        t = Table(title="Modules", title_justify="left")
        for col in ("name", "owner", "segment", "kind"):
            t.add_column(col)
        t.add_column("mass kg", justify="right")
        ram = element_ram_areas_m2(s)
        t.add_column("ram area m²", justify="right")
        for m in s.modules:
            a = ram.get(m.name)
            t.add_row(
                m.name, m.owner, m.segment, m.kind, _kg(m.mass_kg), "" if a is None else f"{a:,.0f}"
            )
        t.add_row(
            "[bold]sum[/bold]",
            "",
            "",
            "",
            f"[bold]{_kg(s.modules_mass_kg)}[/bold]",
            f"[bold]{sum(ram.get(m.name, 0.0) for m in s.modules):,.0f}[/bold]",
        )
        console.print(t)
        by_seg = ram_area_by_segment(s, ram)
        total = sum(by_seg.values())
        if total > 0:
            parts = ", ".join(f"{k} {v:,.0f} m² ({v / total:.1%})" for k, v in by_seg.items())
            console.print(
                f"ram area by segment, modules and docked vehicles (published dimensions, "
                f"data/ram_areas.toml): {parts} — how a separation splits the drag area"
            )

    if s.vehicles:
        t = Table(title="Docked vehicles", title_justify="left")
        for col in ("name", "type", "owner", "for", "port", "segment", "docked"):
            t.add_column(col)
        t.add_column("mass kg", justify="right")
        t.add_column("crew/seats", justify="right")
        for v in s.vehicles:
            t.add_row(
                v.name,
                v.type,
                v.owner,
                v.partner,
                v.port,
                v.segment,
                v.docked_date.isoformat() if v.docked_date else "",
                _kg(v.mass_kg),
                f"{v.crew_aboard}/{v.crew_seats}",
            )
        console.print(t)

    if s.engines:
        t = Table(title="Engines", title_justify="left")
        for col in ("name", "host", "segment", "role"):
            t.add_column(col)
        for col in ("count", "thrust N (each)", "Isp s"):
            t.add_column(col, justify="right")
        t.add_column("fed by")
        for e in s.engines:
            t.add_row(
                e.name,
                e.host,
                e.segment,
                e.role,
                str(e.count),
                f"{e.thrust_n:,.0f}",
                f"{e.isp_s:.0f}",
                ", ".join(e.feeds),
            )
        console.print(t)

    if s.tanks:
        t = Table(title="Propellant tanks", title_justify="left")
        for col in ("name", "host", "owner", "segment"):
            t.add_column(col)
        t.add_column("fill kg", justify="right")
        t.add_column("capacity kg", justify="right")
        for tk in s.tanks:
            t.add_row(tk.name, tk.host, tk.owner, tk.segment, _kg(tk.fill_kg), _kg(tk.capacity_kg))
        console.print(t)

    for title, totals in (
        ("Totals by segment", s.totals_by_segment),
        ("Totals by owner", s.totals_by_owner),
    ):
        if not totals:
            continue
        t = Table(title=title, title_justify="left")
        t.add_column(title.split()[-1])
        t.add_column("mass kg (incl. propellant)", justify="right")
        t.add_column("share", justify="right")
        t.add_column("propellant kg", justify="right")
        t.add_column("tank capacity kg", justify="right")
        whole = s.itemised_mass_kg or 1.0
        for key, row in sorted(totals.items(), key=lambda kv: -kv[1]["mass_kg"]):
            t.add_row(
                key,
                _kg(row["mass_kg"]),
                f"{100.0 * row['mass_kg'] / whole:.1f}%",
                _kg(row["propellant_kg"]),
                _kg(row["propellant_capacity_kg"]),
            )
        console.print(t)
