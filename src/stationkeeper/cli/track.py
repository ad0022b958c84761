"""``stationkeeper track``: the ground track from SGP4."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from stationkeeper import api
from stationkeeper.cli.app import app, out_console
from stationkeeper.cli.console import parse_utc, print_json, say_written, write_files
from stationkeeper.cli.errors import friendly
from stationkeeper.cli.options import JsonOpt, NoradOpt, OutOpt, TleOpt


@app.command()
@friendly
def track(
    hours: Annotated[float, typer.Option("--hours", help="Length of the track.")] = 3.0,
    tle: TleOpt = None,
    norad_id: NoradOpt = None,
    start: Annotated[
        str | None, typer.Option("--start", help="Start (UTC, ISO-8601); default the TLE epoch.")
    ] = None,
    step_s: Annotated[float, typer.Option("--step-s", help="Sample step (s).")] = 30.0,
    out: OutOpt = None,
    json: JsonOpt = False,
) -> None:
    """Ground track (UTC, latitude, longitude, altitude) from SGP4, and a map PNG with --out."""
    result = api.track(
        hours, tle=tle, norad_id=norad_id, start_utc=parse_utc(start, "--start"), step_s=step_s
    )
    files = write_files(result, out)
    if json:
        print_json(result)
        return
    table = result.table
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
    say_written(files)
