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
        float,
        typer.Option(
            "--max-days",
            help="Longest nominal lifetime for the ground-track Monte Carlo (<= 60); beyond "
            "it, the long-horizon answer (whole decay, latitude dwell, longitude uniform).",
        ),
    ] = 30.0,
    casualty_area_m2: Annotated[
        float | None,
        typer.Option("--casualty-area-m2", help="Debris casualty area, for expected casualties."),
    ] = None,
    drag: DragOpt = "fitted",
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            help="Country for the sentence: a name ('United States of America') or ISO-3 "
            "code (USA); default the United States. The JSON carries all countries.",
        ),
    ] = None,
    out: OutOpt = None,
    json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """When and where an uncontrolled reentry comes down, from any date (default: the shipped
    ISS state, abandoned with no reboost). Within --max-days: the ground-track Monte Carlo
    (Batch propagator). Beyond: every sample's whole decay (orbit-averaged) over the fitted
    drag's spread, solar activity, density error and the TLE's error, with the ground
    probabilities from the orbit's latitude dwell. Impact point and debris footprint by
    country, land vs sea and latitude band, expected casualties; a map with --out."""
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
            country=country,
        )
    files = write_files(res, out)
    if json:
        print_json(res)
        return
    result = res.summary
    r = result["reentry"]
    long_run = result.get("method") == "long_horizon"
    where = f"mean altitude {r['reentry_altitude_km']:.0f} km" if long_run else "breakup"
    out_console.print(f"[bold]{res.sentence}[/]")
    out_console.print(
        f"reentry ({where}, {BREAKUP_ALTITUDE_M / 1e3:.0f} km breakup): median "
        f"{str(r['median_utc'])[:16]} UTC, 5–95 % "
        f"{str(r['p05_utc'])[:16]} → {str(r['p95_utc'])[:16] if r['p95_utc'] else 'after horizon'}"
        f" ({result['samples']:,} samples, {r['reentered_share']:.0%} re-entered by "
        f"{r['horizon_utc'][:16]})"
    )
    if long_run:
        out_console.print(f"[dim]{result['method_note']}[/]")
    touch = (result.get("footprint_touch") or {}).get("countries", {})
    for key, title in (("breakup", "impact point"), ("footprint", "debris footprint")):
        ex = result.get(key)
        if not ex:
            continue
        view = Table(title=f"Probability by country ({title})", header_style="bold")
        view.add_column("country")
        view.add_column("probability", justify="right")
        if key == "footprint" and touch:
            view.add_column("footprint touches", justify="right")
        for name, p in list(ex["countries"].items())[:12]:
            row = [name, f"{p:.1%}"]
            if key == "footprint" and touch:
                row.append(f"{touch.get(name, 0.0):.1%}")
            view.add_row(*row)
        view.caption = f"land {ex['land']:.1%} · sea {ex['sea']:.1%}"
        if key == "footprint" and "swath_length_km" in ex:
            view.caption += f" · swath {ex['swath_length_km']:,.0f} km along track"
        out_console.print(view)
    bands = Table(title="By latitude band (impact point)", header_style="bold")
    bands.add_column("latitude")
    bands.add_column("probability", justify="right")
    for band, p in result["breakup"]["latitude_bands"].items():
        bands.add_row(band, f"{p:.1%}")
    out_console.print(bands)
    rk = result.get("risk")
    if rk and "cases" in rk:
        for key, case in rk["cases"].items():
            out_console.print(
                f"expected casualties ({key}, {case['casualty_area_m2']:,.0f} m²): "
                f"{case['expected_casualties']:.1e} (limit {rk['limit']:.0e})"
            )
        if "assumption" in rk:
            out_console.print(f"[dim]assumption: {rk['assumption']}[/]")
    elif rk:
        out_console.print(
            f"expected casualties {rk['expected_casualties']:.1e} (limit {rk['limit']:.0e})"
        )
    say_written(files)
