"""The run's time series: one row per output step and flying body (``Result.timeseries``,
timeseries.parquet), and a last row at each body's reentry."""

from __future__ import annotations

import math
from datetime import datetime

import pandas as pd

from stationkeeper.constants import R_EARTH_EQ_M, REENTRY_ALTITUDE_M, SECONDS_PER_DAY
from stationkeeper.ops import consumables as cons
from stationkeeper.ops.propellant import propellant_by_owner
from stationkeeper.orbit.state import mean_eccentricity_vector
from stationkeeper.scenario.bodies import Body
from stationkeeper.scenario.state import RunState


def record(run: RunState, t: datetime, b: Body) -> None:
    """Append body ``b``'s row at ``t``: mean, perigee and apogee altitude (km), the mean
    eccentricity, inclination, node and perigee (deg), mass, drag,
    propellant by owner and by tank, spent so far by owner (whole run, all bodies), crew,
    seats, vehicles, consumables and their days of margin, the space-weather regime."""
    st = b.station
    a = float(b.x[0])
    # perigee, apogee and e in the TLE (SGP4) convention: without J3's long-period part
    e_cos_w, e_sin_w = mean_eccentricity_vector(b.x)
    e = math.hypot(e_cos_w, e_sin_w)
    row = {
        "epoch_utc": t,
        "day": (t - run.sc.start).total_seconds() / SECONDS_PER_DAY,
        "body": b.name,
        "mean_altitude_km": (a - R_EARTH_EQ_M) / 1e3,
        "perigee_km": (a * (1 - e) - R_EARTH_EQ_M) / 1e3,
        "apogee_km": (a * (1 + e) - R_EARTH_EQ_M) / 1e3,
        # the mean state's shape and plane (the run has no position along the orbit)
        "eccentricity": e,
        "inclination_deg": math.degrees(float(b.x[3])),
        "raan_deg": math.degrees(float(b.x[4])) % 360.0,
        "arg_perigee_deg": math.degrees(math.atan2(e_sin_w, e_cos_w)) % 360.0,
        "mass_kg": st.total_mass_kg,
        "drag_area_m2": st.drag_area_m2,
        "ballistic_coefficient_kg_m2": st.ballistic_coefficient_kg_m2,
        "propellant_kg": st.propellant_kg,
        "crew": b.crew,
        "crew_seats": st.crew_seats,
        "vehicles": len(st.vehicles),
        "water_kg": b.stock.water_kg,
        "food_kg": b.stock.food_kg,
        "oxygen_kg": b.stock.oxygen_kg,
        "days_of_margin": cons.days_of_margin(b.stock, b.crew, run.sc.water_recovery),
        "space_weather": b.regime,
    }
    for owner, kg in propellant_by_owner(st).items():
        row[f"propellant_{owner}_kg"] = kg
    for owner, kg in run.ledger.spent_by_owner().items():  # whole run, all bodies
        row[f"spent_{owner}_kg"] = kg
    for tk in st.tanks:
        row[f"tank[{tk.name}]_kg"] = tk.fill_kg
    run.rows.append(row)


def _last_row(rows: list[dict], body: str) -> dict:
    for r in reversed(rows):
        if r["body"] == body:
            return dict(r)
    return {"body": body}


def timeseries_table(run: RunState, bodies: list[Body]) -> pd.DataFrame:
    """The rows as a table sorted by epoch and body, with a row at each reentry (its last
    state at 120 km) and missing propellant/tank/spent columns as 0 kg."""
    sc = run.sc
    for b in bodies:
        if not b.alive and b.reentry_utc is not None:
            run.rows.append(
                {
                    **_last_row(run.rows, b.name),
                    "epoch_utc": b.reentry_utc,
                    "day": (b.reentry_utc - sc.start).total_seconds() / SECONDS_PER_DAY,
                    "mean_altitude_km": REENTRY_ALTITUDE_M / 1e3,
                    "space_weather": "reentry",
                }
            )
    ts = pd.DataFrame(run.rows)
    for c in ts.columns:
        if c.startswith(("propellant_", "tank[", "spent_")):
            ts[c] = ts[c].fillna(0.0)
    ts = ts.sort_values(["epoch_utc", "body"], kind="stable").reset_index(drop=True)
    ts.attrs = {"scenario": sc.name}
    return ts
