"""The deorbit burns over the days: NASA's multi-day sequence and the engine-out margin.

NASA/SpaceX (2024; iss_facts s6): the station decays naturally to ~220 km, then "~4 days
of USDV burns" lower the perigee step by step, ending with the final reentry burn.  The
number of perigee-lowering burns is not published: the default, one a day, is an
assumption (more burns change the arc loss, not the Delta-v).  Burns are at apogee, so
they are spaced by whole orbits; burns of one step or of the final phase follow one orbit
apart.  Apogee decay by drag between the burns is neglected (it lowers the need slightly).

Engine-out: a vehicle of several engines (the USDV's 46 Dracos) flies the same plan with
``n`` engines out -- less thrust, longer burns, more of them within the arc limit.  The
plan still works while the propellant suffices and the final phase still fits in
``max_final_burns`` burns (an assumption: after the first final burn the perigee is
~100 km and the stack cannot wait many orbits).
"""

from __future__ import annotations

import math
from dataclasses import replace

from stationkeeper.constants import MU_EARTH_M3_S2, R_EARTH_EQ_M, SECONDS_PER_DAY
from stationkeeper.reentry.deorbit.burns import Burn, apogee_speed, fly_burns
from stationkeeper.reentry.deorbit.vehicles import DeorbitVehicle

#: "~4 days of USDV burns" from ~220 km ending with the final burn (NASA/SpaceX 2024).
SEQUENCE_DAYS = 4.0
SEQUENCE_SOURCE = (
    "~4 days of USDV burns from ~220 km ending with the final reentry burn (NASA/SpaceX 2024 "
    "via newsglobal, futurezone, techzi; iss_facts s6); one perigee-lowering burn a day is "
    "an assumption (the count is not published)"
)


def stepped_phases(
    start_altitude_km: float, mid_perigee_km: float, final_perigee_km: float, steps: int
) -> list[tuple[str, float]]:
    """Ideal Delta-v (m/s) of ``steps`` perigee-lowering burns in equal altitude steps from
    the circular ``start_altitude_km`` to ``mid_perigee_km``, then the final phase to
    ``final_perigee_km`` (km)."""
    ra = R_EARTH_EQ_M + start_altitude_km * 1e3
    perigees = [
        start_altitude_km + (mid_perigee_km - start_altitude_km) * k / steps
        for k in range(steps + 1)
    ] + [final_perigee_km]
    v = [
        math.sqrt(MU_EARTH_M3_S2 / ra) if k == 0 else apogee_speed(ra, R_EARTH_EQ_M + h * 1e3)
        for k, h in enumerate(perigees)
    ]
    names = ["perigee-lowering"] * steps + ["final"]
    return [(names[k], v[k] - v[k + 1]) for k in range(steps + 1)]


def schedule_burns(
    burns: list[Burn], phases: list[tuple[str, float]], period_s: float, sequence_days: float
) -> None:
    """Set each burn's ``start_offset_s``: the perigee-lowering steps spread evenly over
    ``sequence_days`` (whole orbits of ``period_s``), the final phase at the end; burns of
    one step one orbit apart."""
    steps = sum(1 for name, _ in phases if name != "final")
    orbits_total = round(sequence_days * SECONDS_PER_DAY / period_s)
    starts = [round(k * orbits_total / max(steps, 1)) for k in range(steps)] + [orbits_total]
    bounds = [sum(dv for _, dv in phases[: k + 1]) for k in range(len(phases))]
    done, last_step, n_in_step = 0.0, -1, 0
    for b in burns:
        step = next((k for k, hi in enumerate(bounds) if done < hi - 1e-9), len(phases) - 1)
        n_in_step = n_in_step + 1 if step == last_step else 0
        b.start_offset_s = (starts[step] + n_in_step) * period_s
        last_step = step
        done += b.dv_ideal_m_s


def engine_out_margin(
    vehicle: DeorbitVehicle,
    engine_count: int,
    count: int,
    mass_kg: float,
    start_altitude_km: float,
    phases: list[tuple[str, float]],
    period_s: float,
    max_arc_rad: float,
    max_final_burns: int = 2,
) -> dict:
    """The plan with ``n`` of ``engine_count`` engines out (on each of ``count`` vehicles):
    per ``n`` the burns, final burns, burn time and whether it still works; the largest
    ``n`` that works."""
    rows = []
    for out in range(engine_count):
        v = replace(vehicle, thrust_n=vehicle.thrust_n * (engine_count - out) / engine_count)
        seq = fly_burns([v] * count, mass_kg, start_altitude_km, phases, period_s, max_arc_rad, 1)
        n_final = sum(b.phase == "final" for b in seq.burns)
        works = seq.shortfall_m_s <= 1e-9 and n_final <= max_final_burns
        rows.append(
            {
                "engines_out": out,
                "burns": len(seq.burns),
                "final_burns": n_final,
                "burn_time_s": sum(b.duration_s for b in seq.burns),
                "propellant_kg": sum(b.propellant_kg for b in seq.burns),
                "works": works,
            }
        )
        if not works:
            break
    ok = [r["engines_out"] for r in rows if r["works"]]
    return {
        "engine_count": engine_count,
        "max_engines_out": max(ok) if ok else None,
        "max_final_burns": max_final_burns,
        "criterion": (
            f"propellant suffices and the final phase fits in {max_final_burns} burns one "
            "orbit apart within the arc limit (assumption)"
        ),
        "cases": rows,
    }
