"""``stationkeeper lifetime``: the reentry date per solar scenario with no reboost."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from stationkeeper import api
from stationkeeper.cli.app import app, out_console
from stationkeeper.cli.console import parse_utc, print_json, progress_bar, write_files
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
    SchedulerOpt,
    SpaceWeatherOpt,
    StationOpt,
    TleHistoryOpt,
    TleOpt,
    UntilOpt,
)
from stationkeeper.constants import BREAKUP_ALTITUDE_M, REENTRY_ALTITUDE_M
from stationkeeper.environment.atmosphere_factory import DEFAULT_SOLAR_SCENARIOS, SOLAR_SCENARIOS
from stationkeeper.orbit.lifetime import DAYS_PER_YEAR


@app.command()
@friendly
def lifetime(
    tle: TleOpt = None,
    norad_id: NoradOpt = None,
    solar: Annotated[
        list[str] | None,
        typer.Option(
            "--solar",
            help=f"Solar scenario(s), repeatable: {', '.join(SOLAR_SCENARIOS)}. "
            f"Default: {', '.join(DEFAULT_SOLAR_SCENARIOS)} (observed with --tle-history).",
        ),
    ] = None,
    station: StationOpt = None,
    space_weather: SpaceWeatherOpt = None,
    mass_kg: MassOpt = None,
    area_m2: AreaOpt = None,
    cd: CdOpt = None,
    bstar_from_tle: BstarOpt = False,
    drag: DragOpt = "fitted",
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
            f"epochs are usually the breakup near {BREAKUP_ALTITUDE_M / 1e3:.0f} km).",
        ),
    ] = REENTRY_ALTITUDE_M / 1e3,
    max_years: Annotated[float, typer.Option("--max-years", help="Give up after this.")] = 30.0,
    scheduler: SchedulerOpt = None,
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
    with progress_bar("lifetime", not quiet and not json) as cb:
        result = api.lifetime(
            tle=tle,
            norad_id=norad_id,
            solar=solar or None,
            station=station,
            space_weather=space_weather,
            mass_kg=mass_kg,
            area_m2=area_m2,
            cd=cd,
            bstar_from_tle=bstar_from_tle,
            drag=drag,
            tle_history=tle_history,
            until=parse_utc(until, "--until"),
            fit_days=fit_days,
            max_years=max_years,
            reentry_altitude_km=reentry_altitude_km,
            progress=cb,
            scheduler=scheduler,
        )
    write_files(result, out)
    if json:
        print_json(result)
        return
    s = result.summary
    view = Table(title=f"Orbital lifetime from {s['start_utc'][:16]} UTC", header_style="bold")
    cols = ("solar", "reentry (UTC)", "lifetime (days)", "5–95 % (days)", "lifetime (years)")
    for col in (*cols, "note"):
        view.add_column(col)

    def days_or_dash(d) -> str:
        return f"{d:,.0f}" if d is not None else "—"

    for name, r in s["scenarios"].items():
        days_ = r["lifetime_days"]
        lo, hi = r.get("lifetime_days_p05"), r.get("lifetime_days_p95")
        view.add_row(
            name,
            r["reentry_utc"][:16] if r["reentry_utc"] else "—",
            f"{days_:.1f}" if days_ is not None else "—",
            "—" if lo is None and hi is None else f"{days_or_dash(lo)} – {days_or_dash(hi)}",
            f"{days_ / DAYS_PER_YEAR:.2f}" if days_ is not None else "—",
            r.get("note", ""),
        )
    view.caption = "5–95 %: from the spread of the drag fitted to the real orbit ('—' : none)"
    out_console.print(view)
    obj = s["object"]
    out_console.print(
        f"{obj['name']}: start mean altitude {s['start_mean_altitude_km']:.1f} km, "
        f"BC {obj['ballistic_coefficient_kg_m2']:.1f} kg/m²; drag "
        f"{obj.get('drag_label') or obj['source']}"
    )
    if s.get("space_weather_note"):
        note = s["space_weather_note"]
        out_console.print(note[0].upper() + note[1:])
    if "fit" in s:
        f = s["fit"]
        out_console.print(
            f"fitted on {f['n_element_sets']} element sets {f['window_start_utc'][:16]} → "
            f"{f['window_end_utc'][:16]}, rms {f['rms_residual_km'] * 1e3:.0f} m"
        )
