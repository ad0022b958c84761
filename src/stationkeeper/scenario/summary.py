"""The run's summary (``Result.summary``, summary.json, ``--json``): per body, propellant,
mass balance, lifeboat violations, the limits reached and the settings the run used."""

from __future__ import annotations

from datetime import datetime

from stationkeeper.constants import REENTRY_ALTITUDE_M, SECONDS_PER_DAY
from stationkeeper.ops import consumables as cons
from stationkeeper.ops import traffic
from stationkeeper.ops.partner_exit import capability_report
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
        "lifeboat_violations": run.violations,
        "vehicle_capabilities": capability_report(run.log, run.exits),
        "limits": run.limits,
        "consumables_rates_kg_per_crew_day": cons.RATES_KG_PER_CREW_DAY,
        "water_recovery": sc.water_recovery,
        "run_time_s": wall_s,
    }
