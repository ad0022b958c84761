"""``stationkeeper run SCENARIO.toml``: a what-if over time."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from stationkeeper import api
from stationkeeper.cli.app import app, out_console
from stationkeeper.cli.console import print_json, progress_bar, say_written, write_files
from stationkeeper.cli.errors import friendly
from stationkeeper.cli.options import JsonOpt, OutOpt, QuietOpt


@app.command("run")
@friendly
def run_cmd(
    scenario: Annotated[
        Path, typer.Argument(help="The scenario TOML file (see examples/ and the docs).")
    ],
    out: OutOpt = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Seed of the run's random generator.")
    ] = None,
    json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Run a scenario: orbit, reboosts, propellant, vehicles, crew and events over time.

    Writes timeseries.parquet, events.csv, summary.json, altitude.png, propellant.png and
    gantt.png with --out DIR (all or nothing).

    The file has the tables scenario (start, duration_days, tle, solar), station, reboost
    (floor_km, target_km, engines), attitude (maneuvers_per_year, kg_per_maneuver,
    background_kg_per_day), consumables, and a list of events of type arrival, departure,
    relocation, transfer, burn, reboost_policy, partner_exit, separation, end.

    Every key and event, with what it does: docs/scenarios.md. Examples: examples/*.toml.
    """
    with progress_bar(f"run {scenario.name}", not quiet and not json) as cb:
        res = api.run_scenario(scenario, seed=seed, progress=cb)
    files = write_files(res, out)
    s = res.summary
    if json:
        print_json(res)
        return
    view = Table(
        title=f"{s['scenario']}: {s['start_utc'][:10]} → {s['end_utc'][:10]}", header_style="bold"
    )
    for col in (
        "body",
        "final alt (km)",
        "reentry (UTC)",
        "days in orbit",
        "reboosts",
        "per year",
        "Δv (m/s)",
        "propellant left (kg)",
        "crew",
    ):
        view.add_column(col, justify="left" if col == "body" else "right")
    for name, b in s["bodies"].items():
        view.add_row(
            name,
            f"{b['final_mean_altitude_km']:.1f}",
            (b["reentry_utc"] or "—")[:16],
            f"{b['days_in_orbit']:.0f}",
            str(b["reboosts"]),
            f"{b['reboosts_per_year']:.1f}",
            f"{b['reboost_dv_m_s']:.1f}",
            f"{b['final_propellant_kg']:,.0f}",
            str(b["final_crew"]),
        )
    out_console.print(view)
    p = s["propellant"]
    by_owner = ", ".join(f"{k} {v:,.0f}" for k, v in p["spent_by_owner_kg"].items()) or "none"
    out_console.print(
        f"propellant spent {p['spent_kg']:,.0f} kg ({p['spent_per_year_kg']:,.0f} kg/yr; "
        f"by owner: {by_owner}); delivered {p['delivered_kg']:,.0f} kg"
    )
    by_purpose = ", ".join(f"{k} {v:,.0f}" for k, v in p["spent_by_purpose_kg"].items())
    out_console.print(
        f"by purpose: {by_purpose or 'none'} kg; {p['attitude_budget']['text']}",
        highlight=False,
    )
    if p["on_demand_kg"] > 0:
        out_console.print(
            f"[bold]on demand[/] (what it would take, Isp {p['on_demand_isp_s']:g} s): "
            f"{p['on_demand_kg']:,.0f} kg more, {p['on_demand_per_year_kg']:,.0f} kg/yr "
            "= "
            + " or ".join(
                f"{d['loads']:.1f} {t} ({d['kg_per_load']:,.0f} kg)"
                for t, d in p["on_demand_loads_per_year"].items()
            )
            + " a year",
            highlight=False,
        )
    for name, b in s["bodies"].items():
        if b["lost_at_separation"]:
            out_console.print(f"{name} lost at separation: {b['lost_at_separation']['summary']}")
    for w in p["dry_tank_warnings"][:5]:
        out_console.print(f"[yellow]warning:[/] {w}", highlight=False)
    for v in s["lifeboat_violations"]:
        out_console.print(f"[bold red]violation:[/] {v}", highlight=False)
    for lim in s.get("limits", []):
        out_console.print(
            f"[bold magenta]limit ({lim['limit']}):[/] {lim['date'][:10]} {lim['body']}: "
            f"{lim['detail']}",
            highlight=False,
        )
    for block in ("end_of_life", "partnership"):  # the end of life; partners past commitment
        if (s.get(block) or {}).get("sentence"):
            out_console.print(s[block]["sentence"], highlight=False)
    out_console.print(
        f"run time {res.timings_s.get('run', 0.0):.1f} s, seed {s['seed']} (--seed repeats the run)"
    )
    say_written(files)
