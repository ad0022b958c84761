"""The ``stationkeeper`` command: parse, call the API, print. Nothing else lives here.

Exit codes: 0 success, 2 bad input (one line on stderr, no traceback), 1 internal error.
"""

from __future__ import annotations

import functools
import sys
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from stationkeeper import api
from stationkeeper.errors import InputError, StationkeeperError
from stationkeeper.orbit.decay import decay_summary
from stationkeeper.utc import as_utc

app = typer.Typer(
    name="stationkeeper",
    help=(
        "A digital twin of the International Space Station: its modules and owners, its orbit "
        "from real tracking data, and how that orbit decays under real drag and solar activity.\n\n"
        "Every command runs offline on data shipped with the package (an ISS TLE of 2022-03-03, "
        "CelesTrak space weather 1957-2040, Natural Earth borders). "
        "Pass --tle for a current orbit.\n\n"
        "Examples:\n\n"
        "  stationkeeper station show\n\n"
        "  stationkeeper decay --days 180 --solar observed --out results/\n\n"
        "  stationkeeper lifetime --json\n\n"
        "  stationkeeper track --hours 3 --out results/"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
station_app = typer.Typer(help="The station model: modules, vehicles, engines, tanks, totals.")
app.add_typer(station_app, name="station")

out_console = Console()
err_console = Console(stderr=True)

TleOpt = Annotated[
    Path | None,
    typer.Option(
        "--tle",
        help="TLE/3LE file or CCSDS OMM (.json/.xml/.csv); the newest element set is used. "
        "Default: the shipped ISS TLE of 2022-03-03.",
    ),
]
SolarOpt = Annotated[
    str,
    typer.Option(
        "--solar",
        help="Solar activity: observed (refuses unobserved dates), nominal (CelesTrak's "
        "forecast after the observed record), low / high (forecast scaled by the spread of past "
        "cycles).",
    ),
]
StationOpt = Annotated[
    Path | None, typer.Option("--station", help="A station TOML file instead of the shipped ISS.")
]
SpaceWeatherOpt = Annotated[
    Path | None,
    typer.Option("--space-weather", help="A CelesTrak SW-All.txt (CSSI format) newer than ours."),
]
MassOpt = Annotated[float | None, typer.Option("--mass-kg", help="Override the mass (kg).")]
AreaOpt = Annotated[float | None, typer.Option("--area-m2", help="Override the drag area (m^2).")]
CdOpt = Annotated[float | None, typer.Option("--cd", help="Override the drag coefficient.")]
BstarOpt = Annotated[
    bool,
    typer.Option("--bstar-from-tle", help="Take the ballistic coefficient from the TLE's B* term."),
]
TleHistoryOpt = Annotated[
    Path | None,
    typer.Option(
        "--tle-history",
        help="A TLE history: fit the object's ballistic coefficient to its free decay before "
        "--until.",
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", help="Cut-off (UTC, ISO-8601) for --tle-history; default its end."),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Dask scheduler address (e.g. tcp://10.0.0.5:8786) to run the chunks on a cluster; "
        "default: local worker processes.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON to stdout instead of tables.")]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out", help="Folder for CSV, Parquet, PNG and JSON results (written atomically)."
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]


@contextmanager
def progress_bar(label: str, enabled: bool):
    """A Rich progress bar on stderr; yields a callback taking the fraction done."""
    if not enabled or not err_console.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=1.0)
        yield lambda f: bar.update(task, completed=f)


#: The library's errors name the parameter; the CLI speaks of its flags.
FLAG_FOR_PARAMETER = {
    "output_step_days": "--step-days",
    "report_km": "--max-miss-km",
    "start_utc": "--start",
    "until": "--until",
    "tle_history": "--tle-history",
    "station_tle": "--station-tle",
}


def flag_for(field: str | None, file: str | None) -> str | None:
    """The flag a library parameter is given by (``days`` → ``--days``)."""
    if field in FLAG_FOR_PARAMETER:
        return FLAG_FOR_PARAMETER[field]
    if field and file is None and field.isidentifier() and field.islower():
        return "--" + field.replace("_", "-")
    return field


def _with_flags(exc: StationkeeperError) -> StationkeeperError:
    exc.field = flag_for(exc.field, exc.file)
    for name, flag in FLAG_FOR_PARAMETER.items():
        if exc.allowed and "_" in name:
            exc.allowed = exc.allowed.replace(name, flag)
    return exc


def friendly(fn):
    """Turn our errors into one line on stderr and exit code 2; anything else into code 1."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except StationkeeperError as exc:
            err_console.print(
                f"[bold red]error:[/] {_with_flags(exc)}", highlight=False, soft_wrap=True
            )
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            err_console.print("interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - last line of defence, still one line
            err_console.print(
                f"[bold red]internal error:[/] {type(exc).__name__}: {exc} "
                "(please report it with the command line)",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(1) from None

    return wrapper


def _print_json(obj) -> None:
    from stationkeeper.report.output import dumps

    sys.stdout.write(dumps(obj) + "\n")


@station_app.command("show")
@friendly
def station_show(station: StationOpt = None, json: JsonOpt = False) -> None:
    """The ISS as shipped (or --station FILE): modules with owner, segment and mass; docked
    vehicles; engines and tanks; totals per segment and owner; mass, drag area, Cd and
    ballistic coefficient."""
    from stationkeeper.station import load_station, render_station, station_summary

    st = load_station(station)
    if json:
        _print_json(station_summary(st))
    else:
        render_station(st, out_console)


def _decay_table_view(table) -> Table:
    view = Table(title="Orbit decay, no reboost", header_style="bold")
    for col, just in (
        ("epoch (UTC)", "left"),
        ("day", "right"),
        ("mean alt (km)", "right"),
        ("perigee (km)", "right"),
        ("apogee (km)", "right"),
        ("F10.7 (sfu)", "right"),
        ("space weather", "left"),
    ):
        view.add_column(col, justify=just)
    n = len(table)
    stride = 1 if n <= 40 else max(1, n // 30)
    idx = list(range(0, n, stride))
    if idx[-1] != n - 1:
        idx.append(n - 1)
    for i in idx:
        r = table.iloc[i]
        view.add_row(
            r["epoch_utc"].strftime("%Y-%m-%d %H:%M"),
            f"{r['day']:.1f}",
            f"{r['mean_altitude_km']:.2f}",
            f"{r['perigee_km']:.2f}",
            f"{r['apogee_km']:.2f}",
            "" if r["f107_sfu"] != r["f107_sfu"] else f"{r['f107_sfu']:.0f}",
            str(r["space_weather"]),
        )
    if stride > 1:
        view.caption = f"every {stride}th day shown; --out DIR or --json for all {n} rows"
    return view


@app.command()
@friendly
def decay(
    days: Annotated[float, typer.Option("--days", help="How many days to propagate.")] = 180.0,
    tle: TleOpt = None,
    solar: SolarOpt = "nominal",
    propagator: Annotated[
        str,
        typer.Option(
            "--propagator",
            help="averaged (orbit-averaged rates, fast, years in seconds) or cowell (full "
            "numerical integration, slower).",
        ),
    ] = "averaged",
    atmosphere: Annotated[
        str,
        typer.Option(
            "--atmosphere",
            help="nrlmsis (NRLMSIS 2.1), nrlmsise00 (NRLMSISE-00, as Orekit/GMAT/STK use) or "
            "exponential.",
        ),
    ] = "nrlmsis",
    station: StationOpt = None,
    space_weather: SpaceWeatherOpt = None,
    mass_kg: MassOpt = None,
    area_m2: AreaOpt = None,
    cd: CdOpt = None,
    bstar_from_tle: BstarOpt = False,
    step_days: Annotated[float, typer.Option("--step-days", help="Output step (days).")] = 1.0,
    out: OutOpt = None,
    json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Altitude (mean, perigee, apogee) day by day with no reboost.

    Writes decay.csv, decay.parquet, decay.png and summary.json with --out DIR.
    """
    from stationkeeper.report.output import table_writers, to_records, write_run

    with progress_bar(f"decay ({propagator})", not quiet and not json) as cb:
        table = api.decay(
            days,
            tle=tle,
            solar=solar,
            propagator=propagator,
            atmosphere=atmosphere,
            station=station,
            space_weather=space_weather,
            mass_kg=mass_kg,
            area_m2=area_m2,
            cd=cd,
            bstar_from_tle=bstar_from_tle,
            output_step_days=step_days,
            progress=cb,
        )
    summary = decay_summary(table)
    if out is not None:
        from stationkeeper.report.output import json_writer
        from stationkeeper.report.plots import plot_decay

        writers = table_writers(table, "decay")
        writers["decay.png"] = lambda p: plot_decay(table, p)
        writers["summary.json"] = json_writer(summary)
        files = write_run(out, writers)
    if json:
        _print_json(to_records(table))
        return
    out_console.print(_decay_table_view(table))
    out_console.print(
        f"[bold]{summary['start_mean_altitude_km']:.1f} km → {summary['end_mean_altitude_km']:.1f}"
        f" km[/] in {summary['days']:.0f} days (mean {summary['mean_decay_m_per_day']:.0f} m/day), "
        f"BC {summary['object']['ballistic_coefficient_kg_m2']:.0f} kg/m², "
        f"{summary['propagator']} propagator, solar '{summary['solar']}'"
    )
    if summary["reentry_utc"]:
        out_console.print(f"[bold red]Reentry (120 km) at {summary['reentry_utc']}[/]")
    if out is not None:
        out_console.print("wrote " + ", ".join(str(f) for f in files))


def _parse_utc(text: str | None, field: str) -> datetime | None:
    if text is None:
        return None
    try:
        t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"{text!r} is not a date", field=field, allowed="ISO-8601, e.g. 2013-11-04T00:16Z"
        ) from None
    return as_utc(t)


@app.command()
@friendly
def lifetime(
    tle: TleOpt = None,
    solar: Annotated[
        list[str] | None,
        typer.Option(
            "--solar",
            help="Solar scenario(s), repeatable: low, nominal, high, observed. "
            "Default: low, nominal and high.",
        ),
    ] = None,
    station: StationOpt = None,
    space_weather: SpaceWeatherOpt = None,
    mass_kg: MassOpt = None,
    area_m2: AreaOpt = None,
    cd: CdOpt = None,
    bstar_from_tle: BstarOpt = False,
    tle_history: TleHistoryOpt = None,
    until: UntilOpt = None,
    fit_days: Annotated[
        float, typer.Option("--fit-days", help="Days of history before --until used in the fit.")
    ] = 3.0,
    reentry_altitude_km: Annotated[
        float,
        typer.Option(
            "--reentry-altitude-km",
            help="Declare reentry when the mean altitude falls below this (published reentry "
            "epochs are usually the breakup near 80 km).",
        ),
    ] = 120.0,
    max_years: Annotated[float, typer.Option("--max-years", help="Give up after this.")] = 30.0,
    out: OutOpt = None,
    json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Days until reentry (mean altitude below 120 km by default) with no reboost, per solar
    scenario.

    Works for any object: --mass-kg, --area-m2, --cd or --bstar-from-tle override the
    station, and --tle-history FILE --until DATE fits the object's ballistic coefficient
    to its own tracking history.
    """
    scenarios = solar or (["observed"] if tle_history is not None else ["low", "nominal", "high"])
    tables: dict = {}
    with progress_bar("lifetime", not quiet and not json) as cb:
        result = api.lifetime(
            tle=tle,
            solar=scenarios,
            station=station,
            space_weather=space_weather,
            mass_kg=mass_kg,
            area_m2=area_m2,
            cd=cd,
            bstar_from_tle=bstar_from_tle,
            tle_history=tle_history,
            until=_parse_utc(until, "--until"),
            fit_days=fit_days,
            max_years=max_years,
            reentry_altitude_km=reentry_altitude_km,
            progress=cb,
            tables=tables,
        )
    if out is not None:
        from stationkeeper.report.output import json_writer, table_writers, write_run
        from stationkeeper.report.plots import plot_lifetime

        writers = {"lifetime.json": json_writer(result)}
        for name, table in tables.items():
            writers.update(table_writers(table, f"lifetime_{name}"))
        writers["lifetime.png"] = lambda p: plot_lifetime(tables, p)
        write_run(out, writers)
    if json:
        _print_json(result)
        return
    view = Table(title=f"Orbital lifetime from {result['start_utc'][:16]} UTC", header_style="bold")
    for col in ("solar", "reentry (UTC)", "lifetime (days)", "lifetime (years)", "note"):
        view.add_column(col)
    for name, r in result["scenarios"].items():
        days_ = r["lifetime_days"]
        view.add_row(
            name,
            r["reentry_utc"][:16] if r["reentry_utc"] else "—",
            f"{days_:.1f}" if days_ is not None else "—",
            f"{days_ / 365.25:.2f}" if days_ is not None else "—",
            r.get("note", ""),
        )
    out_console.print(view)
    obj = result["object"]
    out_console.print(
        f"{obj['name']}: start mean altitude {result['start_mean_altitude_km']:.1f} km, "
        f"BC {obj['ballistic_coefficient_kg_m2']:.1f} kg/m² ({obj['source']})"
    )
    if "fit" in result:
        f = result["fit"]
        out_console.print(
            f"fitted on {f['n_element_sets']} element sets {f['window_start_utc'][:16]} → "
            f"{f['window_end_utc'][:16]}, rms {f['rms_residual_km'] * 1e3:.0f} m"
        )


@app.command()
@friendly
def track(
    hours: Annotated[float, typer.Option("--hours", help="Length of the track.")] = 3.0,
    tle: TleOpt = None,
    start: Annotated[
        str | None, typer.Option("--start", help="Start (UTC, ISO-8601); default the TLE epoch.")
    ] = None,
    step_s: Annotated[float, typer.Option("--step-s", help="Sample step (s).")] = 30.0,
    out: OutOpt = None,
    json: JsonOpt = False,
) -> None:
    """Ground track (UTC, latitude, longitude, altitude) from SGP4, and a map PNG with --out."""
    from stationkeeper.report.output import table_writers, to_records, write_run

    table = api.track(hours, tle=tle, start_utc=_parse_utc(start, "--start"), step_s=step_s)
    if out is not None:
        from stationkeeper.report.maps import plot_ground_track

        writers = table_writers(table, "track")
        writers["track.png"] = lambda p: plot_ground_track(
            table, p, title=f"{table.attrs.get('name') or 'Ground track'} — {hours:g} h"
        )
        files = write_run(out, writers)
    if json:
        _print_json(to_records(table))
        return
    view = Table(title="Ground track", header_style="bold")
    for col in ("epoch (UTC)", "lat (deg)", "lon (deg)", "altitude (km)"):
        view.add_column(col, justify="right")
    stride = max(1, len(table) // 30)
    for i in range(0, len(table), stride):
        r = table.iloc[i]
        view.add_row(
            r["epoch_utc"].strftime("%Y-%m-%d %H:%M:%S"),
            f"{r['lat_deg']:.2f}",
            f"{r['lon_deg']:.2f}",
            f"{r['altitude_km']:.1f}",
        )
    if stride > 1:
        view.caption = f"every {stride}th point shown; --json or --out for all {len(table)}"
    out_console.print(view)
    if out is not None:
        out_console.print("wrote " + ", ".join(str(f) for f in files))


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
            help="The station's element set(s) (newest used). Default: the ISS (NORAD 25544) in "
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

    Pc (2-D, Foster) from TLE-default covariances or a CDM's; NASA's rule: Pc >= 1e-4 → manoeuvre.

    --out DIR writes conjunctions.csv/.parquet, screen.json and B-plane PNGs of the top events.

    Example: stationkeeper screen --catalog ../shared/data/tle/catalog_2022-01-22.3le
    """
    import warnings

    from rich import box as rich_box

    from stationkeeper.conjunction.avoidance import events_table

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the result lists them; printed below
        with progress_bar("screen", not quiet and not json) as cb:
            result = api.screen(
                catalog,
                days=days,
                station_tle=station_tle,
                start_utc=_parse_utc(start, "--start"),
                radial_km=radial_km,
                report_km=max_miss_km,
                hbr_m=hbr_m,
                pc_threshold=pc_threshold,
                cdm=cdm or (),
                station=station,
                mc_samples=mc_samples,
                seed=seed,
                scheduler=scheduler,
                progress=cb,
            )
    for note in result["warnings"]:
        err_console.print(f"[yellow]warning:[/] {note}", highlight=False, soft_wrap=True)
    events = result["events"]
    if out is not None:
        from stationkeeper.report.bplane import plot_bplane
        from stationkeeper.report.output import json_writer, table_writers, write_run

        writers = table_writers(events_table(events), "conjunctions")
        writers["screen.json"] = json_writer(result)
        for k, ev in enumerate(events[: max(top, 0)], start=1):
            writers[f"bplane_{k}.png"] = lambda p, ev=ev: plot_bplane(ev, p)
        files = write_run(out, writers)
    if json:
        _print_json(result)
        return
    st = result["station"]
    view = Table(
        title=f"Close approaches to {st['name']} within {result['report_km']:g} km, "
        f"{result['start_utc'][:16]} → {result['end_utc'][:16]} UTC (by risk)",
        header_style="bold",
        box=rich_box.SIMPLE_HEAD,
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
        ("Pc", "right"),
        ("decision", "left"),
    ):
        view.add_column(col, justify=just, no_wrap=True)
    for ev in events[: max(rows, 0)]:
        style = {"manoeuvre": "bold red", "watch": "yellow"}.get(ev["decision"], "")
        view.add_row(
            ev["tca_utc"][:19].replace("T", " "),
            ev["name"][:22],
            str(ev["norad_id"]),
            f"{ev['miss_km']:.3f}",
            f"{ev['radial_km']:+.3f}",
            f"{ev['in_track_km']:+.3f}",
            f"{ev['cross_track_km']:+.3f}",
            f"{ev['relative_speed_km_s']:.2f}",
            "●" if ev["in_box"] else "",
            f"{ev['pc']:.1e}",
            ev["decision"],
            style=style,
        )
    if len(events) > rows:
        view.caption = f"{rows} of {len(events)} shown; --json or --out for all"
    # the table is wide: render it at 132 columns when not on a terminal (logs, pipes)
    wide = out_console if out_console.is_terminal else Console(width=132)
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
        f"±{v['along_track_km']:g} x ±{v['cross_track_km']:g} km box, "
        f"[bold]{c['manoeuvre']} with Pc >= {result['pc_threshold']:g}[/] "
        f"({s['timings_s']['total']:.1f} s)"
    )
    if c["manoeuvre"]:
        out_console.print(
            f"burns: impulsive along-track estimates (station {st['mass_kg']:,.0f} kg); "
            "Pc from TLE-default covariances unless a CDM is given (docs/screening.md)"
        )
    if out is not None:
        out_console.print("wrote " + ", ".join(str(f) for f in files))


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
        res = api.run_scenario(scenario, seed=seed, out=out, progress=cb)
    s = res.summary
    if json:
        _print_json(s)
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
            f"{b['reboost_dv_mps']:.1f}",
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
    out_console.print(f"run time {s['run_time_s']:.1f} s")
    if out is not None:
        out_console.print("wrote " + ", ".join(s["files"]))


deorbit_app = typer.Typer(help="Controlled deorbit of the ISS: burns, propellant, footprint.")
app.add_typer(deorbit_app, name="deorbit")
reentry_app = typer.Typer(help="Uncontrolled reentry: Monte Carlo window and ground footprint.")
app.add_typer(reentry_app, name="reentry")


def _parse_target(text: str) -> tuple[float, float]:
    try:
        lat_s, lon_s = text.split(",")
        return float(lat_s), float(lon_s)
    except ValueError:
        raise InputError(
            f"{text!r} is not LAT,LON", field="--target", allowed="e.g. -48,-123"
        ) from None


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
        plan = api.deorbit_plan(
            vehicle,
            count,
            target=_parse_target(target),
            start_altitude_km=start_altitude_km,
            final_perigee_km=final_perigee_km,
        )
        if cb:
            cb(1.0)
    if out is not None:
        import pandas as pd

        from stationkeeper.report.output import json_writer, table_writers, write_run
        from stationkeeper.report.reentry_plots import plot_deorbit

        writers = table_writers(pd.DataFrame(plan["burns"]), "burns")
        writers["deorbit.json"] = json_writer(plan)
        writers["deorbit.png"] = lambda p: plot_deorbit(plan, p)
        files = write_run(out, writers)
    if json:
        _print_json(plan)
    else:
        view = Table(title=f"Deorbit burns: {count} x {vehicle}", header_style="bold")
        for col in (
            "#",
            "phase",
            "start (h)",
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
                f"{b['start_offset_s'] / 3600:.1f}",
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
                f"breakup (80 km) {e['breakup_lat_deg']:.1f}°, {e['breakup_lon_deg']:.1f}°, "
                f"{e['entry_after_final_burn_s'] / 60:.0f} min after the final burn; impact "
                f"{e['impact_lat_deg']:.1f}°, {e['impact_lon_deg']:.1f}° ({e['pass']} pass); "
                f"footprint {e['footprint_length_km']:,.0f} km, "
                f"{e['footprint_land_share']:.0%} over land"
            )
        risk = plan.get("risk")
        if risk:
            c = risk["cases"]["surviving_20%"]
            ctl = c.get("controlled_expected_casualties")
            out_console.print(
                f"expected casualties (20 % of the mass survives, casualty area "
                f"{c['casualty_area_m2']:,.0f} m²): uncontrolled "
                f"{c['uncontrolled_expected_casualties']:.1e}"
                + (f", this plan {ctl:.1e}" if ctl is not None else "")
                + f" (limit {risk['limit']:.0e})"
            )
        for w in plan["warnings"]:
            out_console.print(f"[yellow]warning:[/] {w}")
        if out is not None:
            out_console.print("wrote " + ", ".join(str(f) for f in files))
    if not plan["feasible"]:
        raise InputError(
            f"infeasible with {count} x {vehicle}: short by {plan['shortfall_m_s']:.1f} m/s = "
            f"{plan['shortfall_kg']:,.0f} kg of propellant",
            field="--count",
            allowed="more vehicles, or a vehicle with more propellant",
        )


@reentry_app.command("predict")
@friendly
def reentry_predict(
    tle: TleOpt = None,
    tle_history: TleHistoryOpt = None,
    until: UntilOpt = None,
    samples: Annotated[int, typer.Option("--samples", help="Monte Carlo samples.")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same result).")] = 0,
    scheduler: SchedulerOpt = None,
    max_days: Annotated[
        float, typer.Option("--max-days", help="Refuse objects with a longer nominal lifetime.")
    ] = 30.0,
    casualty_area_m2: Annotated[
        float | None,
        typer.Option("--casualty-area-m2", help="Debris casualty area, for expected casualties."),
    ] = None,
    out: OutOpt = None,
    json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Monte Carlo reentry window (median, 5/95 %) over space weather, Cd, area and the TLE's
    error, on the Batch propagator; the probability of reentry per country, land vs sea and
    latitude band along the ground track; a map with --out."""
    if tle is not None and tle_history is not None:
        raise InputError("give --tle or --tle-history, not both", field="--tle")
    run: dict = {}
    with progress_bar(f"reentry Monte Carlo ({samples:,} samples)", not quiet and not json) as cb:
        result = api.reentry_predict(
            tle=tle,
            tle_history=tle_history,
            until=_parse_utc(until, "--until"),
            samples=samples,
            seed=seed,
            scheduler=scheduler,
            max_days=max_days,
            casualty_area_m2=casualty_area_m2,
            progress=cb,
            run=run,
        )
    if out is not None:
        from stationkeeper.report.output import json_writer, table_writers, write_run
        from stationkeeper.report.reentry_plots import plot_reentry

        table = run["samples"]
        writers = table_writers(table, "samples")
        writers["reentry.json"] = json_writer(result)
        writers["reentry.png"] = lambda p: plot_reentry(result, table, p)
        files = write_run(out, writers)
    if json:
        _print_json(result)
        return
    r = result["reentry"]
    out_console.print(
        f"[bold]reentry (80 km): median {str(r['median_utc'])[:16]} UTC[/], 5–95 % "
        f"{str(r['p05_utc'])[:16]} → {str(r['p95_utc'])[:16] if r['p95_utc'] else 'after horizon'}"
        f" ({result['samples']:,} samples, {r['reentered_share']:.0%} re-entered by "
        f"{r['horizon_utc'][:16]})"
    )
    for key, title in (("breakup", "breakup point"), ("footprint", "debris footprint")):
        ex = result.get(key)
        if not ex:
            continue
        view = Table(title=f"Probability by country ({title})", header_style="bold")
        view.add_column("country")
        view.add_column("probability", justify="right")
        for name, p in list(ex["countries"].items())[:12]:
            view.add_row(name, f"{p:.1%}")
        view.caption = f"land {ex['land']:.1%} · sea {ex['sea']:.1%}"
        out_console.print(view)
    bands = Table(title="By latitude band (breakup point)", header_style="bold")
    bands.add_column("latitude")
    bands.add_column("probability", justify="right")
    for band, p in result["breakup"]["latitude_bands"].items():
        bands.add_row(band, f"{p:.1%}")
    out_console.print(bands)
    if "risk" in result:
        rk = result["risk"]
        out_console.print(
            f"expected casualties {rk['expected_casualties']:.1e} (limit {rk['limit']:.0e})"
        )
    if out is not None:
        out_console.print("wrote " + ", ".join(str(f) for f in files))


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 ok, 2 bad input, 1 internal error)."""
    try:
        app(args=argv, standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
