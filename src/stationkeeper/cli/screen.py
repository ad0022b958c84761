"""``stationkeeper screen``: conjunctions of the station with a whole catalogue."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Annotated

import typer
from rich import box as rich_box
from rich.console import Console
from rich.table import Table

from stationkeeper import api
from stationkeeper.cli.app import app, err_console, out_console
from stationkeeper.cli.console import parse_utc, print_json, progress_bar, say_written, write_files
from stationkeeper.cli.errors import friendly
from stationkeeper.cli.options import JsonOpt, OutOpt, QuietOpt, SchedulerOpt, StationOpt


@app.command()
@friendly
def screen(
    catalog: Annotated[
        Path,
        typer.Option(
            "--catalog",
            help="The catalogue: 3LE/TLE text or CCSDS OMM (.json/.csv) as CelesTrak and "
            "Space-Track serve them. Corrupt records are skipped with a warning.",
        ),
    ],
    days: Annotated[float, typer.Option("--days", help="Length of the screening span.")] = 7.0,
    station_tle: Annotated[
        Path | None,
        typer.Option(
            "--station-tle",
            "--oem",
            help="The station's element set(s) (newest used), or a CCSDS OEM (SGP4 elements "
            "fitted to its first orbit). Default: the ISS (NORAD 25544) in "
            "the catalogue, else the shipped ISS TLE of 2022-03-03.",
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", help="Start (UTC, ISO-8601); default the station TLE's epoch."),
    ] = None,
    radial_km: Annotated[
        float,
        typer.Option(
            "--radial-km",
            help="Radial half-height of the screening box (NASA's ISS book: 0.5 km; a 4 x 50 x "
            "50 km box, i.e. 2 km, is also published). Along- and cross-track: ±25 km.",
        ),
    ] = 0.5,
    max_miss_km: Annotated[
        float, typer.Option("--max-miss-km", help="List every close approach within this.")
    ] = 25.0,
    hbr_m: Annotated[
        float | None,
        typer.Option("--hbr-m", help="Combined hard-body radius (m); default 66 m for the ISS."),
    ] = None,
    pc_threshold: Annotated[
        float,
        typer.Option("--pc-threshold", help="Manoeuvre when Pc reaches this (NASA: 1e-4)."),
    ] = 1e-4,
    cdm: Annotated[
        list[Path] | None,
        typer.Option(
            "--cdm",
            help="A CCSDS conjunction data message (KVN), repeatable: its states and "
            "covariances replace the screen's estimate of that conjunction.",
        ),
    ] = None,
    station: StationOpt = None,
    mc_samples: Annotated[
        int,
        typer.Option("--mc-samples", help="Monte Carlo check of Pc for the top 5 events."),
    ] = 0,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed of the Monte Carlo.")] = None,
    scheduler: SchedulerOpt = None,
    top: Annotated[
        int, typer.Option("--top", help="B-plane plots (with --out) for this many top events.")
    ] = 3,
    rows: Annotated[int, typer.Option("--rows", help="Table rows shown.")] = 25,
    out: OutOpt = None,
    json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Debris avoidance: close approaches of the station with every catalogued object.

    Filters first (apogee/perigee, orbit path), then SGP4 on a coarse grid and a fine TCA search.

    Screening: Pc (2-D, Foster) with TLE-default covariances and its maximum over the covariance
    size. Decision (NASA's rule, Pc >= 1e-4 → manoeuvre): a CDM's Pc, else an SP-grade default.

    --out DIR writes conjunctions.csv/.parquet, screen.json and B-plane PNGs of the top events.

    Example: stationkeeper screen --catalog ../shared/data/tle/catalog_2022-01-22.3le
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the result lists them; printed below
        with progress_bar("screen", not quiet and not json) as cb:
            res = api.screen(
                catalog,
                days=days,
                station_tle=station_tle,
                start_utc=parse_utc(start, "--start"),
                radial_km=radial_km,
                report_km=max_miss_km,
                hbr_m=hbr_m,
                pc_threshold=pc_threshold,
                cdm=cdm or (),
                station=station,
                mc_samples=mc_samples,
                seed=seed,
                scheduler=scheduler,
                bplane_plots=top,
                progress=cb,
            )
    result = res.summary
    for note in result["warnings"]:
        err_console.print(f"[yellow]warning:[/] {note}", highlight=False, soft_wrap=True)
    events = result["events"]
    files = write_files(res, out)
    if json:
        print_json(res)
        return
    st = result["station"]
    view = Table(
        title=f"Close approaches to {st['name']} within {result['report_km']:g} km, "
        f"{result['start_utc'][:16]} → {result['end_utc'][:16]} UTC (by decision, then max Pc)",
        header_style="bold",
        box=rich_box.SIMPLE_HEAD,
        padding=(0, 1),
        pad_edge=False,
    )
    for col, just in (
        ("TCA (UTC)", "left"),
        ("object", "left"),
        ("NORAD", "right"),
        ("miss km", "right"),
        ("R km", "right"),
        ("I km", "right"),
        ("C km", "right"),
        ("v km/s", "right"),
        ("box", "center"),
        ("Pc scr", "right"),
        ("Pc max", "right"),
        ("Pc dec", "right"),
        ("decision", "left"),
    ):
        view.add_column(col, justify=just, no_wrap=True)
    for ev in events[: max(rows, 0)]:
        style = {"manoeuvre": "bold red", "watch": "yellow"}.get(ev["decision"], "")
        view.add_row(
            ev["tca_utc"][:16].replace("T", " "),
            ev["name"][:16],
            str(ev["norad_id"]),
            f"{ev['miss_km']:.3f}",
            f"{ev['radial_km']:+.2f}",
            f"{ev['in_track_km']:+.2f}",
            f"{ev['cross_track_km']:+.2f}",
            f"{ev['relative_speed_km_s']:.2f}",
            "●" if ev["in_box"] else "",
            "–" if ev.get("pc_screening") is None else f"{ev['pc_screening']:.1e}",
            f"{ev['pc_max']:.1e}",
            f"{ev['pc_decision']:.0e}" + (" CDM" if ev["covariance"] == "CDM" else ""),
            ev["decision"],
            style=style,
        )
    view.caption = (
        "Pc scr: screening Pc (TLE-default covariances); Pc max: its maximum over the "
        "covariance size; Pc dec: decision-grade Pc (the decision follows it alone)"
    )
    if len(events) > rows:
        view.caption += f"\n{rows} of {len(events)} shown; --json or --out for all"
    # the table is wide: render it at 140 columns when not on a terminal (logs, pipes)
    wide = out_console if out_console.is_terminal else Console(width=140)
    wide.print(view)
    for ev in events:
        if ev["decision"] != "manoeuvre":
            continue
        burn = ev.get("burn") or {}
        what = f"{ev['name']} ({ev['norad_id']}) at {ev['tca_utc'][:16]}: "
        if burn.get("feasible"):
            what += (
                f"burn {burn['dv_m_s']:+.3f} m/s along track {burn['lead_orbits']:g} orbit(s) "
                f"before TCA ({burn['burn_utc'][:16]}), {burn.get('engine') or 'no engine'}, "
                f"{burn.get('propellant_kg') or 0:.1f} kg → miss {burn['post_miss_km']:.2f} km, "
                f"Pc {burn['post_pc']:.1e}"
            )
        else:
            what += burn.get("note", "no burn found")
        out_console.print(f"[bold red]DAM[/] {what}", highlight=False, soft_wrap=True)
    s = result["stats"]
    c = result["counts"]
    v = result["volume"]
    out_console.print(
        f"{s['screened_objects']:,} objects → {s['after_apogee_perigee']:,} after apogee/perigee "
        f"→ {s['after_orbit_path']:,} after orbit path → {s['brackets']:,} coarse minima "
        f"({s['coarse_propagations']:,} SGP4 steps) → {s['refined']:,} refined → "
        f"{c['events']} close approaches, {c['in_box']} in the ±{v['radial_km']:g} x "
        f"±{v['along_track_km']:g} x ±{v['cross_track_km']:g} km box "
        f"({res.timings_s.get('total', 0.0):.1f} s)"
    )
    thr = result["pc_threshold"]
    out_console.print(
        f"screening (TLE inputs, a ranking, not a decision): {c['screening_pc_at_threshold']} "
        f"with screen Pc >= {thr:g} (TLE-default covariances), {c['max_pc_at_threshold']} with "
        f"max Pc >= {thr:g} (largest Pc over the covariance size, Alfano 2005)",
        highlight=False,
        soft_wrap=True,
    )
    rate = result["implied_rate"]
    cov = next((e["covariance"] for e in events if e["covariance"] != "CDM"), "CDM")
    out_console.print(
        f"decision: [bold]{c['manoeuvre']} manoeuvre(s)[/] with decision Pc >= {thr:g} "
        f"(a CDM's covariance where given, else {cov}); this rule implies "
        f"{rate['per_year']:.1f} ± {rate['per_year_se']:.1f} manoeuvres a year (the ISS: ~1.5 "
        "a year 1999-2024; docs/screening.md)",
        highlight=False,
        soft_wrap=True,
    )
    if c["manoeuvre"]:
        out_console.print(
            f"burns: impulsive along-track estimates (station {st['mass_kg']:,.0f} kg)"
        )
    say_written(files)
