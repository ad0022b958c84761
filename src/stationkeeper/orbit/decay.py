"""Orbit decay with no reboost: the day-by-day altitude table of one object.

:func:`decay_table` propagates (Averaged or Cowell) from a TLE with the station's or the
given drag figures; :func:`decay_summary` is the table's headline (start/end altitude,
mean decay rate, space-weather regimes).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from stationkeeper.constants import REENTRY_ALTITUDE_M
from stationkeeper.environment.atmosphere_factory import (
    add_space_weather_columns,
    check_span,
    forecast_note,
    make_atmosphere,
)
from stationkeeper.errors import InputError
from stationkeeper.orbit.elements import ElementSet
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.propagate import propagate
from stationkeeper.orbit.start import object_and_elements
from stationkeeper.orbit.state import state_from_elements
from stationkeeper.orbit.topo_header import oem_topo_header, topo_drag_object
from stationkeeper.parallel import Progress

#: The longest decay run accepted, days (30 years).
MAX_DECAY_DAYS = 365.25 * 30
#: The most output rows a decay run may have (measured here: ~96 bytes and ~6 ms a row with
#: the drag band's two extra runs, so 100,000 rows is about 10 minutes).
MAX_DECAY_ROWS = 100_000
#: Bytes a row of the decay table takes (measured: 10,001 rows, ``memory_usage(deep=True)``).
DECAY_ROW_BYTES = 96
#: Seconds a row takes (measured: 10 days every 0.001 day, 62 s, Averaged, with the band).
DECAY_ROW_S = 6e-3


def decay_table(
    days: float = 180.0,
    *,
    tle: str | Path | ElementSet | None = None,
    solar: str = "nominal",
    propagator: str = "averaged",
    atmosphere: str = "nrlmsis",
    station: str | Path | None = None,
    space_weather: str | Path | None = None,
    mass_kg: float | None = None,
    area_m2: float | None = None,
    cd: float | None = None,
    bstar_from_tle: bool = False,
    drag: str = "fitted",
    output_step_days: float = 1.0,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Day-by-day mean, perigee and apogee altitude with no reboost.

    Returns a DataFrame with ``epoch_utc``, ``day``, ``mean_altitude_km``,
    ``perigee_km``, ``apogee_km``, ``space_weather`` (the regime the day's
    space weather came from: observed / daily_forecast / monthly_forecast /
    scenario), ``f107_sfu`` and ``ap``.  ``.attrs`` carries the run's inputs
    (object and its ``drag``, ballistic coefficient, propagator, reentry time if any, and
    ``end_mean_altitude_km_band``: the end altitude with the fitted drag's 5 % and 95 %,
    Averaged propagator, None where the drag has no spread).

    >>> t = decay(days=30, solar="observed")       # doctest: +SKIP
    """
    if not (np.isfinite(days) and 0 < days <= MAX_DECAY_DAYS):
        raise InputError(
            f"{days} is not allowed", field="days", allowed="0 < days <= 10958 (30 years)"
        )
    if not (0 < output_step_days <= days):
        raise InputError(
            f"{output_step_days} is not allowed",
            field="output_step_days",
            allowed=f"0 < step <= {days}",
        )
    rows = days / output_step_days + 1
    if rows > MAX_DECAY_ROWS:
        raise InputError(
            f"{days:g} days every {output_step_days:g} days is {rows:,.0f} rows (about "
            f"{_size(rows * DECAY_ROW_BYTES)} of table and {rows * DECAY_ROW_S / 3600:,.1f} hours)",
            field="output_step_days",
            allowed=f"at most {MAX_DECAY_ROWS:,} rows (step >= {days / (MAX_DECAY_ROWS - 1):.3g})",
        )
    es, _, obj, _ = object_and_elements(
        tle,
        None,
        None,
        0.0,
        atmosphere,
        [solar],
        space_weather,
        station=station,
        mass_kg=mass_kg,
        area_m2=area_m2,
        cd=cd,
        bstar_from_tle=bstar_from_tle,
        drag=drag,
    )
    topo = oem_topo_header(tle)
    if drag == "topo" and topo is not None and topo.has_drag and not (mass_kg or area_m2 or cd):
        obj = topo_drag_object(topo)
    atm = make_atmosphere(atmosphere, solar, space_weather, table=propagator == "cowell")
    check_span(atm, es.epoch_utc, days, solar)
    forces = ForceModel.with_drag(atm, obj.ballistic_coefficient_kg_m2)
    start = state_from_elements(es)
    traj = propagate(
        start,
        forces,
        days,
        propagator,
        output_step_days,
        REENTRY_ALTITUDE_M,
        progress,
    )
    table = traj.table.copy()
    table = add_space_weather_columns(table, atm, solar)
    band = None
    if obj.scale_band is not None:  # more drag, lower end: [end with 95 % drag, with 5 % drag]
        band_atm = (
            atm if propagator == "averaged" else make_atmosphere(atmosphere, solar, space_weather)
        )
        band = [
            float(
                propagate(
                    state_from_elements(es),
                    ForceModel.with_drag(
                        band_atm, obj.at_percentile(p).ballistic_coefficient_kg_m2
                    ),
                    days,
                    "averaged",
                    days,
                    REENTRY_ALTITUDE_M,
                )
                .table["mean_altitude_km"]
                .iloc[-1]
            )
            for p in ("p95", "p05")
        ]
    table.attrs.update(
        {
            "object": obj.as_dict(),
            "drag": obj.drag,
            "end_mean_altitude_km_band": band,
            "propagator": propagator,
            "atmosphere": getattr(atm, "name", atmosphere),
            "solar": solar,
            "tle": es.where(),
            "tle_epoch_utc": es.epoch_utc.isoformat(),
            "norad_id": es.norad_id,
            "start_state_gcrs": {
                "epoch_utc": start.epoch_utc.isoformat(),
                "r_m": list(start.r_m),
                "v_m_s": list(start.v_m_s),
                "exact": es.exact_state is not None,
            },
            "topo_header": None if topo is None or not topo.has_drag else topo.as_dict(),
            "reentry_utc": None if traj.reentry_utc is None else traj.reentry_utc.isoformat(),
        }
    )
    observed_until, note = forecast_note(atm, solar, set(table["space_weather"]))
    table.attrs["space_weather_observed_until"] = observed_until
    table.attrs["space_weather_note"] = note
    return table


def _size(n_bytes: float) -> str:
    """'1.5 GiB', '12 MiB': a size for a message."""
    return f"{n_bytes / 2**30:,.1f} GiB" if n_bytes >= 2**30 else f"{n_bytes / 2**20:,.0f} MiB"


def decay_summary(table: pd.DataFrame) -> dict:
    """The headline of a decay table: its inputs (``.attrs``), start and end mean altitude
    (km), the span (days), the mean decay rate (m/day) with its 5–95 % band from the drag's
    spread (``mean_decay_m_per_day_band``, None without one) and the days in each
    space-weather regime."""
    d = float(table["day"].iloc[-1])
    h0 = float(table["mean_altitude_km"].iloc[0])
    h1 = float(table["mean_altitude_km"].iloc[-1])
    band = table.attrs.get("end_mean_altitude_km_band")
    rate_band = None
    if band is not None and d > 0:
        rate_band = sorted((h0 - h) * 1e3 / d for h in band)
    return {
        **table.attrs,
        "days": d,
        "start_mean_altitude_km": h0,
        "end_mean_altitude_km": h1,
        "mean_decay_m_per_day": (h0 - h1) * 1e3 / d if d > 0 else 0.0,
        "mean_decay_m_per_day_band": rate_band,
        "space_weather_regimes_days": {
            str(k): int(v) for k, v in table["space_weather"].value_counts().items()
        },
    }
