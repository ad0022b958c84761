"""``stationkeeper reentry predict``: an uncontrolled reentry, when and where."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from stationkeeper import api
from stationkeeper.cli.app import out_console, reentry_app
from stationkeeper.cli.console import parse_utc, print_json, progress_bar, say_written, write_files
from stationkeeper.cli.errors import friendly
from stationkeeper.cli.options import (
    DragOpt,
    JsonOpt,
    NoradOpt,
    OutOpt,
    QuietOpt,
    SchedulerOpt,
    TleHistoryOpt,
    TleOpt,
    UntilOpt,
)
from stationkeeper.constants import BREAKUP_ALTITUDE_M


@reentry_app.command("predict")
@friendly
def reentry_predict(
    tle: TleOpt = None,
    norad_id: NoradOpt = None,
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
    drag: DragOpt = "fitted",
    out: OutOpt = None,
    json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Monte Carlo reentry window (median, 5/95 %) over space weather, Cd, area and the TLE's
    error, on the Batch propagator; the probability of reentry per country, land vs sea and
    latitude band along the ground track; a map with --out."""
    with progress_bar(f"reentry Monte Carlo ({samples:,} samples)", not quiet and not json) as cb:
        res = api.reentry_predict(
            tle=tle,
            norad_id=norad_id,
            tle_history=tle_history,
            until=parse_utc(until, "--until"),
            samples=samples,
            seed=seed,
            scheduler=scheduler,
            max_days=max_days,
            casualty_area_m2=casualty_area_m2,
            drag=drag,
            progress=cb,
        )
    files = write_files(res, out)
    if json:
        print_json(res)
        return
    result = res.summary
    r = result["reentry"]
    out_console.print(
        f"[bold]reentry ({BREAKUP_ALTITUDE_M / 1e3:.0f} km): median "
        f"{str(r['median_utc'])[:16]} UTC[/], 5–95 % "
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
    say_written(files)
