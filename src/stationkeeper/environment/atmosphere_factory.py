"""Which atmosphere a run uses: the model named by the user, fed by which space weather.

The atmosphere names every command accepts are defined here, once; the solar scenarios in
:mod:`stationkeeper.environment.spaceweather` (importable from here too).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from stationkeeper.environment.atmosphere import (
    ExponentialAtmosphere,
    MsisAtmosphere,
    MsisTableAtmosphere,
)
from stationkeeper.environment.spaceweather import (
    DEFAULT_SOLAR_SCENARIOS,
    SOLAR_SCENARIOS,
    SpaceWeather,
    load_space_weather,
)
from stationkeeper.environment.spaceweather.days import to_date
from stationkeeper.environment.spaceweather.queries import REGIME_MONTHLY
from stationkeeper.errors import InputError

__all__ = [
    "ATMOSPHERES",
    "DEFAULT_SOLAR_SCENARIOS",
    "SOLAR_SCENARIOS",
    "add_space_weather_columns",
    "check_solar",
    "check_span",
    "make_atmosphere",
    "monthly_forecast_start",
    "space_weather_end",
]

#: Atmosphere models: NRLMSIS 2.1, NRLMSISE-00 (pymsis version 0), an exponential model.
ATMOSPHERES = ("nrlmsis", "nrlmsise00", "exponential")


def check_solar(solar: str, field: str = "solar") -> str:
    """Refuse an unknown solar scenario, naming the allowed ones."""
    if solar not in SOLAR_SCENARIOS:
        raise InputError(
            f"unknown solar scenario {solar!r}", field=field, allowed=", ".join(SOLAR_SCENARIOS)
        )
    return solar


def make_atmosphere(
    kind: str, solar: str, space_weather: str | Path | None = None, *, table: bool = False
):
    """The atmosphere model named ``kind`` for solar scenario ``solar``.

    ``table=True`` gives the 3-hourly NRLMSIS table surrogate (for Cowell), else
    direct pymsis calls; ``space_weather`` a CelesTrak ``SW-All.txt`` (default: shipped).
    """
    if kind not in ATMOSPHERES:
        raise InputError(
            f"unknown atmosphere {kind!r}", field="atmosphere", allowed=", ".join(ATMOSPHERES)
        )
    check_solar(solar)
    if kind == "exponential":
        return ExponentialAtmosphere()
    sw = load_space_weather(space_weather)
    version = 0 if kind == "nrlmsise00" else 2.1
    if table:
        return MsisTableAtmosphere(sw, solar, version=version)
    return MsisAtmosphere(sw, solar, version=version)


def check_span(atmosphere, start: datetime, days: float, solar: str) -> None:
    """Refuse up front a run whose dates the space-weather regime cannot cover."""
    if not hasattr(atmosphere, "space_weather"):
        return
    times = np.array(
        [np.datetime64(int((start + timedelta(days=d)).timestamp()), "s") for d in (0.0, days)]
    )
    atmosphere.space_weather.msis_inputs(times, solar)


def space_weather_end(sw: SpaceWeather, solar: str) -> datetime:
    """The last instant the space-weather file covers for scenario ``solar`` (UTC)."""
    _, last = sw.observed_range if solar == "observed" else sw.covered_range
    if isinstance(last, datetime):
        return last.astimezone(UTC)
    return datetime(last.year, last.month, last.day, 23, 59, 59, tzinfo=UTC)


def monthly_forecast_start(sw: SpaceWeather) -> datetime | None:
    """The first day (00:00 UTC) of the file's monthly forecast, each month's row held for its
    days; None when it has none."""
    monthly = np.flatnonzero(sw.regime_code == REGIME_MONTHLY)
    if monthly.size == 0:
        return None
    day = to_date(sw.dates[monthly[0]])
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def add_space_weather_columns(table: pd.DataFrame, atm, solar: str) -> pd.DataFrame:
    """``f107_sfu`` and ``ap`` of each row's epoch (NaN for a model without space weather)."""
    if not hasattr(atm, "space_weather"):
        table["f107_sfu"] = np.nan
        table["ap"] = np.nan
        return table
    times = np.array([np.datetime64(int(t.timestamp()), "s") for t in table["epoch_utc"]])
    inputs = atm.space_weather.msis_inputs(times, solar)
    table["f107_sfu"] = np.asarray(inputs.f107_sfu, dtype=float)
    table["ap"] = np.asarray(inputs.ap, dtype=float)[:, 0]
    return table


def forecast_note(atm, solar: str, regimes: set[str] | dict) -> tuple[str | None, str | None]:
    """``(last observed day, words)`` for a run's space weather: the words (None when every
    day used was observed) say that the days after the file's last observed one are CelesTrak's
    forecast (scaled by the ``low``/``high`` scenario rule); ``(None, None)`` for a model with
    no space weather."""
    if not hasattr(atm, "space_weather"):
        return None, None
    last = atm.space_weather.observed_range[1].isoformat()[:10]
    if not set(regimes) & {"daily_forecast", "monthly_forecast", "scenario"}:
        return last, None
    words = f"space weather after {last} is CelesTrak's forecast"
    if solar in ("low", "high"):
        words += f", scaled to the '{solar}' scenario"
    return last, words
