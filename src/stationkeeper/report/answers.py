"""Each public function's answer as a :class:`Result`: its tables, the files ``--out``
writes, and the plain sentence beside the numbers. One function per kind of answer."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from stationkeeper.conjunction.avoidance import events_table
from stationkeeper.constants import BREAKUP_ALTITUDE_M, REENTRY_ALTITUDE_M
from stationkeeper.errors import InputError
from stationkeeper.orbit.oem_write import mean_element_states, write_oem
from stationkeeper.orbit.state import State
from stationkeeper.orbit.tle import ElementSet
from stationkeeper.report.bplane import plot_bplane
from stationkeeper.report.maps import plot_ground_track
from stationkeeper.report.output import json_writer, table_writers
from stationkeeper.report.plots import plot_decay, plot_lifetime
from stationkeeper.report.reentry_plots import (
    plot_deorbit,
    plot_reentry,
    plot_reentry_countries,
)
from stationkeeper.report.result import Result
from stationkeeper.report.scenario_plots import scenario_writers


def decay_result(table: pd.DataFrame, summary: dict) -> Result:
    """``stationkeeper decay``: the daily table, decay.csv/.parquet/.png, summary.json."""
    files = table_writers(table, "decay")
    files["decay.png"] = lambda p: plot_decay(table, p)
    files["summary.json"] = json_writer(summary)
    obj = summary["object"]
    band = summary.get("mean_decay_m_per_day_band")
    rate = f"{summary['mean_decay_m_per_day']:.0f} m/day"
    if band:
        rate += f", 5–95 % {band[0]:.0f}–{band[1]:.0f}"
    sentence = (
        f"With no reboost, {obj['name']} goes from {summary['start_mean_altitude_km']:.1f} km to "
        f"{summary['end_mean_altitude_km']:.1f} km mean altitude in {summary['days']:.0f} days "
        f"({rate}; ballistic coefficient {obj['ballistic_coefficient_kg_m2']:.0f} kg/m², "
        f"drag {drag_words(obj)}, solar activity '{summary['solar']}')."
    )
    if summary.get("reentry_utc"):
        at = summary["reentry_utc"][:16]
        sentence += f" It re-enters ({REENTRY_ALTITUDE_M / 1e3:.0f} km) on {at} UTC."
    if summary.get("space_weather_note"):
        sentence += f" The {summary['space_weather_note']}."
    if summary.get("topo_header"):
        sentence += " " + topo_words(summary["topo_header"], obj)
    if summary.get("start_state_gcrs"):
        files["trajectory.oem"] = lambda p: write_decay_oem(table, summary, p)
    return Result(
        "decay",
        summary,
        {"decay": table},
        json_tables=("decay",),
        sentence=sentence,
        files=files,
    )


def lifetime_result(summary: dict, tables: dict[str, pd.DataFrame]) -> Result:
    """``stationkeeper lifetime``: one table per solar scenario, lifetime.json/.png."""
    files = {"lifetime.json": json_writer(summary)}
    for name, table in tables.items():
        files.update(table_writers(table, f"lifetime_{name}"))
    files["lifetime.png"] = lambda p: plot_lifetime(tables, p)
    name = summary["object"]["name"]
    parts = []
    for solar, r in summary["scenarios"].items():
        if r["lifetime_days"] is None:
            parts.append(
                f"is still in orbit after {r.get('still_in_orbit_after_days', 0):.0f} "
                f"days with '{solar}' solar activity"
            )
        else:
            parts.append(
                f"re-enters on {r['reentry_utc'][:10]} after {r['lifetime_days']:.0f} "
                f"days{lifetime_band_words(r)} with '{solar}' solar activity"
            )
    sentence = (
        f"With no reboost from {summary['start_utc'][:10]}, {name} "
        + "; ".join(parts)
        + f" (drag {drag_words(summary['object'])})."
    )
    if summary.get("space_weather_note"):
        sentence += f" The {summary['space_weather_note']}."
    return Result(
        "lifetime",
        summary,
        {f"lifetime_{k}": v for k, v in tables.items()},
        sentence=sentence,
        files=files,
    )


def topo_words(topo: dict, obj: dict) -> str:
    """NASA TOPO's figures of the input OEM beside the drag the run used, in words."""
    return (
        f"NASA TOPO's header gives {topo['mass_kg']:,.0f} kg, Cd {topo['drag_coeff']:.2f} x "
        f"{topo['drag_area_m2']:,.2f} m² (Cd·A {topo['cd_area_m2']:,.0f} m², ballistic "
        f"coefficient {topo['ballistic_coefficient_kg_m2']:.0f} kg/m²): TOPO's own fit for its "
        f"own atmosphere model; this run used Cd·A {obj['cd_area_m2']:,.0f} m², "
        f"{obj['ballistic_coefficient_kg_m2']:.0f} kg/m² ({obj['drag']})."
    )


def write_decay_oem(table: pd.DataFrame, summary: dict, path) -> None:
    """trajectory.oem of a decay run: mean-element states at the table's rows (EME2000)."""
    st = summary["start_state_gcrs"]
    start = State(datetime.fromisoformat(st["epoch_utc"]), tuple(st["r_m"]), tuple(st["v_m_s"]))
    obj = summary["object"]
    comments = [
        f"Written by stationkeeper decay ({summary['propagator']} propagator, "
        f"{summary['atmosphere']}, solar '{summary['solar']}'), no reboost.",
        f"Start: {summary['tle']} ({'exact state' if st['exact'] else 'SGP4 state'} at "
        f"{st['epoch_utc']}).",
        f"Drag used: {drag_words(obj)}; Cd.A {obj['cd_area_m2']:,.1f} m2, mass "
        f"{obj['mass_kg']:,.0f} kg, ballistic coefficient {obj['ballistic_coefficient_kg_m2']:.1f}"
        " kg/m2.",
        "Frame: EME2000 (J2000 mean equator and equinox; the run's GCRS states rotated by the "
        "IERS 2003 frame bias). Units km, km/s.",
        "ASSUMPTION: the states are derived from the run's orbit-averaged elements (a, e, i at "
        "each row) with node, perigee and mean argument of latitude advanced by the J2 secular "
        "rates and the integrated mean motion: mean-element states, not osculating; the "
        "position along the orbit is indicative and its error grows with time.",
    ]
    norad = summary.get("norad_id") or 0
    write_oem(
        path,
        mean_element_states(table, start),
        str(obj["name"]),
        str(norad) if norad else "UNKNOWN",
        "EME2000",
        comments,
    )


def drag_words(obj: dict) -> str:
    """Which drag an answer used, in words (its label, or the source of the figures)."""
    return obj.get("drag_label") or f"from {obj.get('source', 'the station file')}"


def lifetime_band_words(r: dict) -> str:
    """`` (5–95 % 700–1,000 days)`` for a scenario with a band, else ``""``."""
    lo, hi = r.get("lifetime_days_p05"), r.get("lifetime_days_p95")
    if lo is None and hi is None:
        return ""
    hi_s = (
        f"{hi:,.0f}"
        if hi is not None
        else f"more than {r.get('still_in_orbit_after_days_p95', 0):,.0f}"
    )
    return f" (5–95 % {lo:,.0f}–{hi_s})" if lo is not None else f" (5–95 % up to {hi_s})"


def track_result(table: pd.DataFrame, es: ElementSet, hours: float) -> Result:
    """``stationkeeper track``: the ground-track table, track.csv/.parquet/.png."""
    table.attrs.update({"tle": es.where(), "name": es.name})
    title = f"{es.name or 'Ground track'} — {hours:g} h"
    files = table_writers(table, "track")
    files["track.png"] = lambda p: plot_ground_track(table, p, title=title)
    summary = {
        "name": es.name,
        "tle": es.where(),
        "hours": hours,
        "start_utc": table["epoch_utc"].iloc[0].isoformat() if len(table) else None,
    }
    sentence = (
        f"{es.name or 'The object'}'s ground track: {len(table)} points over {hours:g} h "
        f"from {summary['start_utc'][:16] if summary['start_utc'] else '—'} UTC (SGP4)."
    )
    return Result(
        "track", summary, {"track": table}, json_tables=("track",), sentence=sentence, files=files
    )


def station_result(summary: dict, model) -> Result:
    """``stationkeeper station show``: the station summary (and the model, for renderers)."""
    sentence = (
        f"{summary['name']} as of {summary['configuration_date']}: "
        f"{summary['total_mass_kg']:,.0f} kg, drag area {summary['drag_area_m2']:,.0f} m², "
        f"Cd {summary['cd']:.2f}, ballistic coefficient "
        f"{summary['ballistic_coefficient_kg_m2']:.1f} kg/m²."
    )
    changed = [f"+{n}" for n in summary.get("elements_added", [])]
    changed += [f"-{n}" for n in summary.get("elements_removed", [])]
    if changed:
        sentence += f" Against the file's date: {', '.join(changed)}."
    if summary.get("vehicles_assumed"):
        sentence += " Visiting vehicles assumed (the file's complement as a typical one)."
    return Result(
        "station",
        summary,
        sentence=sentence,
        files={"station.json": json_writer(summary)},
        objects={"station": model},
    )


def screen_result(summary: dict, bplane_plots: int = 3) -> Result:
    """``stationkeeper screen``: conjunctions.csv/.parquet, screen.json, B-plane plots."""
    timings = summary["stats"].pop("timings_s", {})
    events = summary["events"]
    table = events_table(events)
    files = table_writers(table, "conjunctions")
    files["screen.json"] = json_writer(summary)
    for k, ev in enumerate(events[: max(bplane_plots, 0)], start=1):
        files[f"bplane_{k}.png"] = lambda p, ev=ev: plot_bplane(ev, p)
    c = summary["counts"]
    sentence = (
        f"{c['events']} close approaches within {summary['report_km']:g} km of "
        f"{summary['station']['name']} in {summary['days']:g} days from "
        f"{summary['start_utc'][:10]}; screening (TLE-only, a ranking): "
        f"{c['screening_pc_at_threshold']} with Pc >= {summary['pc_threshold']:g}; decision "
        f"(decision-grade covariance): {c['manoeuvre']} manoeuvre(s); the rule implies "
        f"{summary['implied_rate']['per_year']:.1f} manoeuvres a year."
    )
    return Result(
        "screen",
        summary,
        {"conjunctions": table},
        sentence=sentence,
        files=files,
        timings_s=timings,
    )


def scenario_result(sim) -> Result:
    """``stationkeeper run``: the time series, the event log, summary.json and the plots."""
    s = sim.summary
    timings = {"run": s.pop("run_time_s")} if "run_time_s" in s else {}
    parts = []
    for name, b in s["bodies"].items():
        fate = (
            f"re-enters on {b['reentry_utc'][:10]}"
            if b["reentry_utc"]
            else f"ends at {b['final_mean_altitude_km']:.0f} km"
        )
        parts.append(f"{name} {fate} after {b['reboosts']} reboosts")
    sentence = (
        f"{s['scenario']} ({s['start_utc'][:10]} → {s['end_utc'][:10]}): "
        + "; ".join(parts)
        + f"; {s['propellant']['spent_kg']:,.0f} kg of propellant spent."
    )
    for block in ("end_of_life", "partnership"):  # the end of life; partners past commitment
        if (s.get(block) or {}).get("sentence"):
            sentence += " " + s[block]["sentence"].rstrip(".") + "."
    return Result(
        "scenario",
        s,
        {"timeseries": sim.timeseries, "events": sim.events},
        sentence=sentence,
        files=scenario_writers(sim),
        objects={"scenario": sim.scenario},
        timings_s=timings,
    )


def deorbit_result(plan: dict, vehicle: str, count: int) -> Result:
    """``stationkeeper deorbit plan``: burns.csv/.parquet, deorbit.json/.png; an infeasible
    plan carries its shortfall as ``problem``."""
    burns = pd.DataFrame(plan["burns"])
    files = table_writers(burns, "burns")
    files["deorbit.json"] = json_writer(plan)
    files["deorbit.png"] = lambda p: plot_deorbit(plan, p)
    problem = None
    if not plan["feasible"]:
        problem = InputError(
            f"infeasible with {count} x {vehicle}: short by {plan['shortfall_m_s']:.1f} m/s = "
            f"{plan['shortfall_kg']:,.0f} kg of propellant",
            field="count",
            allowed=(
                "more propellant at the start (the station's tanks), or a vehicle with more"
                " propellant (the ports take no more Progress)"
                if plan.get("ports")
                else "more vehicles, or a vehicle with more propellant"
            ),
        )
    return Result(
        "deorbit",
        plan,
        {"burns": burns},
        sentence=(
            f"{count} x {vehicle} {'can' if plan['feasible'] else 'cannot'} deorbit the ISS "
            f"({plan['summary']})."
        ),
        files=files,
        problem=problem,
    )


def reentry_result(summary: dict, samples: pd.DataFrame) -> Result:
    """``stationkeeper reentry predict``: samples.csv/.parquet, reentry.json/.png."""
    files = table_writers(samples, "samples")
    files["reentry.json"] = json_writer(summary)
    files["reentry.png"] = lambda p: plot_reentry(summary, samples, p)
    if summary.get("footprint_touch"):
        files["reentry_countries.png"] = lambda p: plot_reentry_countries(summary, samples, p)
    r = summary["reentry"]
    p95 = str(r["p95_utc"])[:16] if r["p95_utc"] else "after the horizon"
    sentence = (
        f"Re-entry ({BREAKUP_ALTITUDE_M / 1e3:.0f} km) most likely at "
        f"{str(r['median_utc'])[:16]} UTC, 5–95 % between "
        f"{str(r['p05_utc'])[:16]} and {p95} UTC ({summary['samples']:,} samples; "
        f"drag {drag_words(summary['object'])})."
    )
    if summary.get("method") == "long_horizon":
        sentence = abandoned_sentence(summary) + f" ({summary['samples']:,} samples)."
    elif "country" in summary:
        c = summary["country"]
        sentence += (
            f" The chance that its debris footprint touches {country_words(c['name'])} is "
            f"{100 * c['footprint_touch_probability']:.1f} %."
        )
    summary["sentence"] = sentence  # in the JSON too
    return Result("reentry", summary, {"samples": samples}, sentence=sentence, files=files)


def country_words(name: str) -> str:
    """A Natural Earth country name in a sentence ("the United States of America")."""
    the = name.startswith(("United ", "Dem. ", "Central ")) or name.endswith((" Is.", "Rep."))
    return f"the {name}" if the or name in ("Netherlands", "Philippines", "Bahamas") else name


def abandoned_sentence(summary: dict) -> str:
    """The plain sentence of a long-horizon answer (dates, most likely date, the country)."""
    r, c = summary["reentry"], summary["country"]

    def day(iso: str | None) -> str:
        return (
            "after the horizon"
            if iso is None
            else f"{iso[8:10].lstrip('0')} " + (f"{MONTHS[int(iso[5:7]) - 1]} {iso[:4]}")
        )

    name = summary["object"]["name"]
    who = "the ISS" if name == "International Space Station" else name
    return (
        f"Abandoned on {day(summary['tle_epoch_utc'])} with no reboost, {who} would re-enter "
        f"between {day(r['p05_utc'])} and {day(r['p95_utc'])} (5–95 %), most likely "
        f"{day(r['median_utc'])}; the chance that its debris footprint touches "
        f"{country_words(c['name'])} is {100 * c['footprint_touch_probability']:.1f} %"
    )


MONTHS = (
    "January February March April May June July August September October November December"
).split()
