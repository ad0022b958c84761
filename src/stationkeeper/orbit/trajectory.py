"""The common result of every propagator: a table of orbit-averaged elements.

Conventions (the same for every propagator, so results can be compared):

* ``mean_altitude_km`` = orbit-averaged semi-major axis minus the WGS-84
  equatorial radius (the convention behind CelesTrak's and Space-Track's
  perigee/apogee fields);
* ``perigee_km`` / ``apogee_km`` = a (1 -/+ e) - R_eq with the orbit-averaged
  eccentricity vector less J3's long-period part (SGP4's mean e, :func:`.mean_eccentricity`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from stationkeeper.constants import MU_EARTH_M3_S2, R_EARTH_EQ_M
from stationkeeper.orbit.state import State, mean_eccentricity, osculating_elements

COLUMNS = [
    "epoch_utc",
    "day",
    "mean_altitude_km",
    "perigee_km",
    "apogee_km",
    "semi_major_axis_km",
    "eccentricity",
    "inclination_deg",
    "space_weather",
]


@dataclass(frozen=True)
class Trajectory:
    """Propagator output: daily (or other step) orbit-averaged elements."""

    table: pd.DataFrame
    propagator: str
    start: State
    final_state: State | None = None
    reentry_utc: datetime | None = None
    meta: dict = field(default_factory=dict)

    @property
    def final_mean_altitude_km(self) -> float:
        return float(self.table["mean_altitude_km"].iloc[-1])


def orbit_period_s(a_m: float) -> float:
    return 2.0 * np.pi * np.sqrt(a_m**3 / MU_EARTH_M3_S2)


def averaged_elements(r: np.ndarray, v: np.ndarray) -> dict:
    """Average of osculating a, eccentricity vector and inclination over samples of one orbit."""
    el = osculating_elements(r, v)
    a = float(np.mean(el["a"]))
    ex, ey = np.mean(el["e"] * np.cos(el["argp"])), np.mean(el["e"] * np.sin(el["argp"]))
    e = mean_eccentricity((a, ex, ey, float(np.mean(el["i"]))))  # SGP4's convention
    return {"a": a, "e": e, "i": float(np.mean(el["i"]))}


def row(epoch: datetime, day: float, a_m: float, e: float, i_rad: float, regime: str) -> dict:
    return {
        "epoch_utc": epoch,
        "day": day,
        "mean_altitude_km": (a_m - R_EARTH_EQ_M) / 1e3,
        "perigee_km": (a_m * (1.0 - e) - R_EARTH_EQ_M) / 1e3,
        "apogee_km": (a_m * (1.0 + e) - R_EARTH_EQ_M) / 1e3,
        "semi_major_axis_km": a_m / 1e3,
        "eccentricity": e,
        "inclination_deg": float(np.degrees(i_rad)),
        "space_weather": regime,
    }


def space_weather_regime(atmosphere, t_unix_s: float) -> str:
    """The ``space_weather`` label of an output row: where ``atmosphere``'s space weather
    at ``t_unix_s`` (s) comes from (observed, daily_forecast, ...), ``"none"`` without one."""
    if atmosphere is None or not hasattr(atmosphere, "regimes"):
        return "none"
    return str(np.asarray(atmosphere.regimes(np.array([t_unix_s])))[0])


def make_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def epoch_after(start: datetime, seconds: float) -> datetime:
    return start + timedelta(seconds=float(seconds))
