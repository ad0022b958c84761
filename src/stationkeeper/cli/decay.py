"""``stationkeeper decay``: the altitude day by day with no reboost."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from stationkeeper import api
from stationkeeper.cli.app import app, out_console
from stationkeeper.cli.console import print_json, progress_bar, say_written, write_files
from stationkeeper.cli.errors import friendly
from stationkeeper.cli.options import (
    AreaOpt,
    BstarOpt,
    CdOpt,
    DragOpt,
    JsonOpt,
    MassOpt,
    NoradOpt,
    OutOpt,
    QuietOpt,
    SolarOpt,
    SpaceWeatherOpt,
    StationOpt,
    TleOpt,
)
from stationkeeper.constants import REENTRY_ALTITUDE_M
from stationkeeper.report.answers import topo_words


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
    norad_id: NoradOpt = None,
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
    drag: DragOpt = "fitted",
    step_days: Annotated[float, typer.Option("--step-days", help="Output step (days).")] = 1.0,
    out: OutOpt = None,
    json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Altitude (mean, perigee, apogee) day by day with no reboost.

    Writes decay.csv, decay.parquet, decay.png, summary.json and trajectory.oem (CCSDS OEM,
    EME2000, mean-element states) with --out DIR. --oem FILE starts from a CCSDS OEM's state
    (NASA TOPO's figures in its header are reported; --drag topo uses them).
    """
    with progress_bar(f"decay ({propagator})", not quiet and not json) as cb:
        result = api.decay(
            days,
            tle=tle,
            norad_id=norad_id,
            solar=solar,
            propagator=propagator,
            atmosphere=atmosphere,
            station=station,
            space_weather=space_weather,
            mass_kg=mass_kg,
            area_m2=area_m2,
            cd=cd,
            bstar_from_tle=bstar_from_tle,
            drag=drag,
            output_step_days=step_days,
            progress=cb,
        )
    files = write_files(result, out)
    if json:
        print_json(result)
        return
    summary = result.summary
    out_console.print(_decay_table_view(result.table))
    band = summary.get("mean_decay_m_per_day_band")
    band_s = f", 5–95 % {band[0]:.0f}–{band[1]:.0f}" if band else ""
    out_console.print(
        f"[bold]{summary['start_mean_altitude_km']:.1f} km → {summary['end_mean_altitude_km']:.1f}"
        f" km[/] in {summary['days']:.0f} days (mean {summary['mean_decay_m_per_day']:.0f} m/day"
        f"{band_s}), BC {summary['object']['ballistic_coefficient_kg_m2']:.0f} kg/m², "
        f"{summary['propagator']} propagator, solar '{summary['solar']}'"
    )
    out_console.print(f"drag: {summary['object'].get('drag_label') or summary['object']['source']}")
    if summary.get("space_weather_note"):
        note = summary["space_weather_note"]
        out_console.print(note[0].upper() + note[1:])
    if summary.get("topo_header"):
        out_console.print(topo_words(summary["topo_header"], summary["object"]))
    if summary["reentry_utc"]:
        out_console.print(
            f"[bold red]Reentry ({REENTRY_ALTITUDE_M / 1e3:.0f} km) at {summary['reentry_utc']}[/]"
        )
    say_written(files)
