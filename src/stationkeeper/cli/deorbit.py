"""``stationkeeper deorbit plan``: a controlled deorbit of the ISS."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from stationkeeper import api
from stationkeeper.cli.app import deorbit_app, out_console
from stationkeeper.cli.console import (
    parse_target,
    print_json,
    progress_bar,
    say_written,
    write_files,
)
from stationkeeper.cli.errors import friendly
from stationkeeper.cli.options import JsonOpt, OutOpt, QuietOpt
from stationkeeper.constants import BREAKUP_ALTITUDE_M


@deorbit_app.command("plan")
@friendly
def deorbit_plan(
    vehicle: Annotated[
        str, typer.Option("--vehicle", help="usdv (US Deorbit Vehicle) or progress (Progress MS).")
    ] = "usdv",
    count: Annotated[int, typer.Option("--count", help="How many such vehicles.")] = 1,
    target: Annotated[
        str,
        typer.Option(
            "--target",
            help="LAT,LON of the debris footprint's middle (default: South Pacific Ocean "
            "Uninhabited Area).",
        ),
    ] = "-48,-123",
    start_altitude_km: Annotated[
        float,
        typer.Option(
            "--start-altitude-km", help="Circular orbit the burns start from (NASA plan: ~220)."
        ),
    ] = 220.0,
    final_perigee_km: Annotated[
        float, typer.Option("--final-perigee-km", help="Perigee after the final burn.")
    ] = 50.0,
    out: OutOpt = None,
    json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Plan a controlled deorbit: perigee-lowering burns, then the final burn(s) into the
    target area; Delta-v, propellant per vehicle, burn durations and gravity losses,
    feasibility (shortfall in m/s and kg), breakup and impact point, debris footprint and
    ground risk. Exit code 2 when the vehicles cannot do it."""
    with progress_bar("deorbit plan", not quiet and not json) as cb:
        res = api.deorbit_plan(
            vehicle,
            count,
            target=parse_target(target),
            start_altitude_km=start_altitude_km,
            final_perigee_km=final_perigee_km,
        )
        if cb:
            cb(1.0)
    plan = res.summary
    files = write_files(res, out)
    if json:
        print_json(res)
    else:
        view = Table(title=f"Deorbit burns: {count} x {vehicle}", header_style="bold")
        for col in (
            "#",
            "phase",
            "day",
            "duration (s)",
            "arc (°)",
            "Δv (m/s)",
            "propellant (kg)",
            "perigee after (km)",
        ):
            view.add_column(col, justify="right")
        for b in plan["burns"]:
            view.add_row(
                str(b["index"]),
                b["phase"],
                f"{b['start_offset_s'] / 86400:.2f}",
                f"{b['duration_s']:.0f}",
                f"{b['arc_deg']:.1f}",
                f"{b['dv_m_s']:.2f}",
                f"{b['propellant_kg']:,.0f}",
                f"{b['perigee_after_km']:.1f}",
            )
        out_console.print(view)
        out_console.print(
            ("[bold green]" if plan["feasible"] else "[bold red]") + plan["summary"] + "[/]"
        )
        e = plan.get("entry")
        if e:
            out_console.print(
                f"breakup ({BREAKUP_ALTITUDE_M / 1e3:.0f} km) {e['breakup_lat_deg']:.1f}°, "
                f"{e['breakup_lon_deg']:.1f}°, "
                f"{e['entry_after_final_burn_s'] / 60:.0f} min after the final burn; impact "
                f"{e['impact_lat_deg']:.1f}°, {e['impact_lon_deg']:.1f}° ({e['pass']} pass); "
                f"footprint {e['footprint_length_km']:,.0f} km (published: up to "
                f"{e['published_footprint_km'][0]:,.0f}-{e['published_footprint_km'][1]:,.0f} "
                f"km), {e['footprint_land_share']:.0%} over land"
            )
        eo = plan.get("engine_out")
        if eo and eo["max_engines_out"] is not None:
            out_console.print(
                f"engine-out margin: works with up to {eo['max_engines_out']} of "
                f"{eo['engine_count']} engines out ({eo['criterion']})"
            )
        risk = plan.get("risk")
        if risk:
            c = risk["cases"]["surviving_20%"]
            ctl = c.get("expected_casualties")
            out_console.print(
                f"expected casualties (20 % of the mass survives, casualty area "
                f"{c['casualty_area_m2']:,.0f} m²): uncontrolled "
                f"{c['uncontrolled_expected_casualties']:.1e}"
                + (
                    f", this plan {ctl:.1e} with a {risk['failure_probability']:.0%} chance "
                    f"of a failed or partial final burn (assumption; "
                    f"{c['controlled_expected_casualties']:.1e} if it never fails)"
                    if ctl is not None
                    else ""
                )
                + f" (limit {risk['limit']:.0e})"
            )
        out_console.print(
            "engines: "
            + "; ".join(
                f"{g['name']} ({g['owner']}) {g['propellant_used_kg']:,.0f} kg"
                for g in plan.get("engines", [])
            )
        )
        for n in plan.get("notes", [])[1:]:
            out_console.print(f"[cyan]vs published:[/] {n}")
        for w in plan["warnings"]:
            out_console.print(f"[yellow]warning:[/] {w}")
        say_written(files)
    res.raise_problem()
