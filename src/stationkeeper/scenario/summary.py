"""The run's summary (``Result.summary``, summary.json, ``--json``): per body, propellant,
mass balance, lifeboat violations, the limits reached and the settings the run used; the end of
life (a ``deorbit`` or ``abandon`` event) and the partners relied on past their commitment."""

from __future__ import annotations

from datetime import UTC, date, datetime

from stationkeeper.constants import REENTRY_ALTITUDE_M, SECONDS_PER_DAY
from stationkeeper.ops import consumables as cons
from stationkeeper.ops import traffic
from stationkeeper.ops.partner_exit import capability_report
from stationkeeper.ops.partnership import beyond_commitment, load_partnership
from stationkeeper.scenario.bodies import Body
from stationkeeper.scenario.state import RunState

SECONDS_PER_YEAR = 365.25 * SECONDS_PER_DAY  # Julian year: the "per year" rates


def _body(b: Body, start: datetime, t_end: datetime, years: float) -> dict:
    life_end = b.reentry_utc or t_end
    born = b.born_utc or start
    return {
        "final_mean_altitude_km": b.altitude_km if b.alive else REENTRY_ALTITUDE_M / 1e3,
        "reentry_utc": None if b.reentry_utc is None else b.reentry_utc.isoformat(),
        "days_in_orbit": (life_end - born).total_seconds() / SECONDS_PER_DAY,
        "in_orbit_at_end": b.alive,
        "reboosts": b.reboosts,
        "reboosts_per_year": b.reboosts / years,
        "reboost_dv_m_s": b.reboost_dv_m_s,
        "on_demand_kg": b.on_demand_kg,
        "final_mass_kg": b.station.total_mass_kg,
        "final_propellant_kg": b.station.propellant_kg,
        "final_crew": b.crew,
        "lost_at_separation": b.losses,
        "attitude_control": b.attitude_mode,
    }


def summarize(
    run: RunState, bodies: list[Body], t_end: datetime, wall_s: float, seed: int | None
) -> dict:
    """The summary of a run that ended at ``t_end`` after ``wall_s`` seconds of wall time.

    ``bodies``: per body its final mean altitude (km), reentry, days in orbit, reboosts (and
    per year), reboost Δv (m/s), on-demand propellant (kg), final mass, propellant and crew,
    what it lost at a separation; ``propellant``: the ledger's totals with per-year rates,
    the on-demand loads and the attitude budget, and the conservation residual (kg);
    ``mass``: the mass balance (kg) and its residual; ``limits``: the limits reached (docked
    life, consumables, attitude, power), each with its date, body and reason.
    """
    sc = run.sc
    years = max((t_end - sc.start).total_seconds() / SECONDS_PER_YEAR, 1e-9)
    out_bodies = {b.name: _body(b, sc.start, t_end, years) for b in bodies}
    live = [b.station for b in bodies if b.alive]
    m = run.mass
    mass_now = sum(s.total_mass_kg for s in live)
    led = run.ledger.summary()
    return {
        "scenario": sc.name,
        "file": sc.path,
        "start_utc": sc.start.isoformat(),
        "end_utc": t_end.isoformat(),
        "duration_days": (t_end - sc.start).total_seconds() / SECONDS_PER_DAY,
        "orbit": sc.tle_where,
        "solar": sc.solar,
        "atmosphere": sc.atmosphere,
        "seed": seed,
        "bodies": out_bodies,
        "propellant": {
            **led,
            "spent_per_year_kg": run.ledger.spent_kg / years,
            "on_demand_per_year_kg": run.ledger.on_demand_kg / years,
            "on_demand_isp_s": run.policy.on_demand_isp_s,
            "on_demand_loads_per_year": {
                t: {"loads": n, "kg_per_load": per}
                for t, (n, per) in traffic.reboost_loads(run.ledger.on_demand_kg / years).items()
            },
            "attitude_budget": {
                "maneuvers_per_year": sc.attitude.maneuvers_per_year,
                "kg_per_maneuver": sc.attitude.kg_per_maneuver,
                "background_kg_per_day": sc.attitude.background_kg_per_day,
                "kg_per_year": sc.attitude.kg_per_year,
                "text": sc.attitude.describe(),
            },
            "conservation_residual_kg": run.ledger.residual_kg(live),
        },
        "mass": {
            **{f"{k}_kg": v for k, v in m.items()},
            "final_kg": mass_now,
            "conservation_residual_kg": mass_now
            + m["departed"]
            + m["spent"]
            + m["reentered"]
            - m["initial"]
            - m["delivered"],
        },
        "end_of_life": end_of_life_block(run),
        "partnership": partnership_block(run, bodies, t_end),
        "lifeboat_violations": run.violations,
        "vehicle_capabilities": capability_report(run.log, run.exits),
        "limits": run.limits,
        "consumables_rates_kg_per_crew_day": cons.RATES_KG_PER_CREW_DAY,
        "water_recovery": sc.water_recovery,
        "run_time_s": wall_s,
    }


def _kg(d: dict) -> str:
    if not d:
        return "none"
    return ", ".join(f"{k} {v:,.0f} kg" for k, v in sorted(d.items(), key=lambda kv: -kv[1]))


def end_of_life_block(run: RunState) -> dict | None:
    """The end of life in the run's summary (JSON-ready), with ``sentence``; None without one."""
    eol = run.end_of_life
    if eol is None:
        return None
    s = dict(eol["summary"], kind=eol["kind"])
    spent = run.ledger.spent_by_owner()
    s["run_propellant_by_owner_kg"] = spent
    if eol["kind"] == "abandon":
        w, c = s["reentry"], s["country"]
        top = ", ".join(
            f"{k} {v:.0%}" for k, v in list(s["footprint_touch_by_country"].items())[:5]
        )
        s["sentence"] = (
            f"Abandoned on {s['abandon_utc'][:10]} at {s['altitude_km']:.0f} km (crew leave): "
            f"uncontrolled reentry median {w['median_utc'][:10]}, 5-95 % {str(w['p05_utc'])[:10]}"
            f" .. {str(w['p95_utc'])[:10]}; the footprint touches land with "
            f"{s['footprint_touch_land']:.0%} chance ({top}); {c['name']}: impact "
            f"{c['impact_probability']:.1%}, footprint touch "
            f"{c['footprint_touch_probability']:.1%}. Propellant spent by owner: {_kg(spent)}."
        )
        return s
    s.update(
        vehicle=eol["vehicle"], count=eol["count"], arrival_date=eol["arrival"].isoformat(),
        vehicle_docked_in_run=bool(eol["docked"]), decay_from_utc=eol["decay_from"].isoformat(),
        crew_altitude_km=eol["crew_altitude_km"], start_altitude_km=eol["start_altitude_km"],
    )  # fmt: skip
    if "impact_utc" in s:
        imp = datetime.fromisoformat(s["impact_utc"])
        arr = datetime.combine(eol["arrival"], datetime.min.time(), UTC)
        s["months_arrival_to_impact"] = (imp - arr).days / 30.44
        if "crew_departure_utc" in s:
            crew = datetime.fromisoformat(s["crew_departure_utc"])
            s["months_crew_departure_to_impact"] = (imp - crew).days / 30.44
    parts = [f"{eol['count']} x {eol['vehicle']} arrives {s['arrival_date']}"]
    if "crew_departure_utc" in s:
        parts.append(
            f"crew leave {s['crew_departure_utc'][:10]} at {s['crew_departure_altitude_km']:.0f} km"
        )
    if "handover_utc" not in s:
        parts.append("the station has not reached the burns' altitude by the run's end")
    else:
        parts.append(f"burns on {', '.join(s['burn_days'])} ({s['plan']})")
        if s.get("impact_lat_deg") is not None:
            parts.append(
                f"impact {s['impact_utc'][:10]} at {s['impact_lat_deg']:.1f}, "
                f"{s['impact_lon_deg']:.1f} (footprint {s['footprint_length_km']:,.0f} km, "
                f"{s['footprint_land_share']:.0%} over land)"
            )
    parts.append(f"propellant by owner: over the run {_kg(spent)}; deorbit burns "
                 f"{_kg(s.get('deorbit_propellant_by_owner_kg', {}))}")  # fmt: skip
    s["sentence"] = "Deorbit: " + "; ".join(parts) + "."
    return s


def partnership_block(run: RunState, bodies: list[Body], t_end: datetime) -> dict:
    """The partners the run relies on past their commitment (``data/partnership.toml``): a
    partner agency owning part of the station is relied on until it leaves (a
    ``partner_exit`` stopping vehicles, engines, propellant and crew) or the station ends."""
    p = load_partnership()
    end = max([t_end] + [b.reentry_utc for b in bodies if b.reentry_utc is not None]).date()
    st = run.sc.station
    owners = {m.owner for m in st.modules} | {t.owner for t in st.tanks}
    left: dict[str, date] = {}
    for row in run.log:
        stops = row["detail"] if row["type"] == "partner_exit" else ""
        if all(s in stops for s in ("vehicles", "engines", "propellant", "crew")):
            left.setdefault(row["name"], row["epoch_utc"].date())
    beyond = []
    for owner in sorted(owners):
        hit = beyond_commitment(p, owner, min(end, left.get(owner, end)))
        if hit is not None:
            beyond.append(hit)
    return {
        "commitments": {o: c.through.isoformat() for o, c in p.commitments.items()},
        "original_end": p.original_end.isoformat(),
        "planned_deorbit": p.planned_deorbit.isoformat(),
        "beyond_commitment": beyond,
        "sentence": (
            "The run relies on "
            + "; ".join(
                f"{x['owner']} {x['days_beyond']} days beyond its commitment (through "
                f"{x['committed_through']})"
                for x in beyond
            )
            if beyond
            else ""
        ),
    }
