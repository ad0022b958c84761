"""``stationkeeper station show``: the station's modules, vehicles, engines, tanks, totals."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from stationkeeper import api
from stationkeeper.cli.app import out_console, station_app
from stationkeeper.cli.console import parse_utc, print_json
from stationkeeper.cli.errors import friendly
from stationkeeper.cli.options import JsonOpt, StationOpt
from stationkeeper.station.model import Station
from stationkeeper.station.ram_area import element_ram_areas_m2
from stationkeeper.station.summary import ram_area_by_segment

AtOpt = Annotated[
    str | None,
    typer.Option(
        "--at",
        help="The station as of this UTC date (e.g. 2020-01-01: Pirs, no Nauka or Prichal; "
        "2022-03-03: the file's own date), from the dates each module arrived and left. Other "
        "dates keep the file's visiting vehicles as a typical complement and scale the drag "
        "area by the silhouettes; the output lists these assumptions. Allowed: 2011-05-19 to "
        "2030-12-31 for the shipped ISS.",
    ),
]


@station_app.command("show")
@friendly
def station_show(station: StationOpt = None, at: AtOpt = None, json: JsonOpt = False) -> None:
    """The ISS as shipped (or --station FILE), or as of --at DATE: modules with owner, segment
    and mass; docked vehicles; engines and tanks; totals per segment and owner; mass, drag
    area, Cd and ballistic coefficient."""
    result = api.show_station(station, at=parse_utc(at, "--at"))
    if json:
        print_json(result)
        return
    render_station(result.objects["station"], out_console)
    s = result.summary
    changed = [f"+{n}" for n in s["elements_added"]] + [f"-{n}" for n in s["elements_removed"]]
    if changed:
        out_console.print(f"against the file's date: {', '.join(changed)}")
    for note in s["assumptions"]:
        out_console.print(f"[dim]{note}[/dim]")


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
