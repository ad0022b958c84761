"""The ballistic coefficient to expect next: pooled past fits and their solar-activity trend.

A ballistic coefficient fitted to TLEs with NRLMSIS is an *effective* one: it absorbs
the atmosphere model's own error, which depends on solar activity (on the 2021-22 ISS
history the fitted value fell from ~190-220 kg/m² at F10.7 ~75 to ~105-150 at ~100-115).
:func:`predict_bc` turns the fits of past free-decay spans into the value to use for the
next span, from information available before that span starts only:

* ``"previous"``: the fit of the span just before (the old hindcast);
* ``"pooled"``: the fits of the spans that ended within ``window_days`` before the start,
  combined with weights ∝ loss² (a span's fit error is about the TLE noise over its
  altitude loss), as a weighted mean of 1/BC (the decay rate is ∝ 1/BC);
* ``"solar"``: a weighted line ln BC = a + b ln F10.7 through *all* past fits (weights
  loss² × exp(-age / ``trend_days``)), evaluated at the F10.7 of the span to predict —
  never beyond the F10.7 range of the past fits (no extrapolation of a fitted trend).
  With fewer than three past fits, or past F10.7 spread under ``min_log_range``, it is
  ``"pooled"``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from stationkeeper.constants import SECONDS_PER_DAY
from stationkeeper.errors import InputError
from stationkeeper.orbit.elements import ElementSet

BC_METHODS: tuple[str, ...] = ("previous", "pooled", "solar")


@dataclass(frozen=True)
class SpanFit:
    """The fitted ballistic coefficient of one past free-decay span."""

    start_utc: datetime
    end_utc: datetime
    bc_kg_m2: float
    loss_km: float
    f107_sfu: float  # mean observed F10.7 over the span (nan when unknown)


def mean_observed(space_weather, start_utc: datetime, end_utc: datetime, field: str) -> float:
    """Mean of one observed daily space-weather ``field`` (``f107_obs_sfu``, ``ap_daily``, …)
    over the days of [start, end] (nan without a space-weather table)."""
    if space_weather is None:
        return float("nan")
    days = int((end_utc - start_utc).total_seconds() // SECONDS_PER_DAY) + 1
    values = [
        getattr(space_weather.lookup(start_utc + timedelta(days=k), "observed"), field)
        for k in range(days)
    ]
    return float(np.mean(values))


def mean_f107_sfu(space_weather, start_utc: datetime, end_utc: datetime) -> float:
    """Mean observed daily F10.7 over [start, end] (nan without a space-weather table)."""
    return mean_observed(space_weather, start_utc, end_utc, "f107_obs_sfu")


def sun_direction(when_utc: datetime) -> np.ndarray:
    """Unit vector to the Sun, mean equator and equinox of date, ~0.01 deg (the low-precision
    solar coordinates of the Astronomical Almanac; Vallado 4th ed. algorithm 29)."""
    t = (when_utc.timestamp() / SECONDS_PER_DAY + 2440587.5 - 2451545.0) / 36525.0
    mean_lon = math.radians((280.460 + 36000.771 * t) % 360.0)
    anomaly = math.radians((357.5291092 + 35999.05034 * t) % 360.0)
    lon = mean_lon + math.radians(
        1.914666471 * math.sin(anomaly) + 0.019994643 * math.sin(2 * anomaly)
    )
    eps = math.radians(23.439291 - 0.0130042 * t)
    return np.array([math.cos(lon), math.cos(eps) * math.sin(lon), math.sin(eps) * math.sin(lon)])


def beta_angle_deg(es: ElementSet) -> float:
    """Solar beta angle, degrees: the Sun's elevation above the orbit plane at the epoch of
    ``es`` (from its inclination and right ascension of the ascending node)."""
    inc, raan = es.satrec.inclo, es.satrec.nodeo
    normal = np.array(
        [math.sin(raan) * math.sin(inc), -math.cos(raan) * math.sin(inc), math.cos(inc)]
    )
    return math.degrees(math.asin(float(normal @ sun_direction(es.epoch_utc))))


def pooled_fits(past: list[SpanFit], start_utc: datetime, window_days: float) -> list[SpanFit]:
    """The fits ``"pooled"`` combines for a span starting ``start_utc``: those that ended in the
    ``window_days`` before it, else the latest before it (oldest first)."""
    past = sorted((p for p in past if p.end_utc <= start_utc), key=lambda p: p.end_utc)
    age = [(start_utc - p.end_utc).total_seconds() / SECONDS_PER_DAY for p in past]
    near = [p for p, a in zip(past, age, strict=True) if a <= window_days]
    return near or [p for p, a in zip(past, age, strict=True) if a == min(age)]


def combined_bc_kg_m2(fits: list[SpanFit]) -> float:
    """The fits' ballistic coefficients combined: a weighted mean of 1/BC (the decay rate goes
    as 1/BC), weights ∝ loss² (a fit's error is about the TLE noise over its loss)."""
    w = np.array([p.loss_km for p in fits]) ** 2
    return float(np.sum(w) / np.sum(w / np.array([p.bc_kg_m2 for p in fits])))


def predict_bc(
    past: list[SpanFit],
    start_utc: datetime,
    f107_sfu: float = float("nan"),
    *,
    method: str = "solar",
    window_days: float = 60.0,
    trend_days: float = 90.0,
    min_log_range: float = 0.08,
) -> tuple[float, str]:
    """(ballistic coefficient, the method actually used) for a span starting ``start_utc``.

    ``past``: fits of spans that ended before ``start_utc`` (others are ignored, so
    nothing from the span itself or after it can enter)."""
    if method not in BC_METHODS:
        raise InputError(f"unknown method {method!r}", field="method", allowed=BC_METHODS)
    past = sorted((p for p in past if p.end_utc <= start_utc), key=lambda p: p.end_utc)
    if not past:
        raise InputError("no fitted span before this one", field="TLE history")
    if method == "previous":
        return past[-1].bc_kg_m2, "previous"
    age = np.array([(start_utc - p.end_utc).total_seconds() / SECONDS_PER_DAY for p in past])
    bc = np.array([p.bc_kg_m2 for p in past])
    w = np.array([p.loss_km for p in past]) ** 2
    if method == "solar":
        x = np.log([p.f107_sfu for p in past])
        if len(past) >= 3 and np.isfinite(x).all() and np.isfinite(f107_sfu):
            if np.ptp(x) >= min_log_range:
                wt = w * np.exp(-age / trend_days)
                design = np.column_stack([np.ones_like(x), x]) * np.sqrt(wt)[:, None]
                (a, b), *_ = np.linalg.lstsq(design, np.log(bc) * np.sqrt(wt), rcond=None)
                xt = float(np.clip(np.log(f107_sfu), x.min(), x.max()))
                return float(np.exp(a + b * xt)), "solar"
    return combined_bc_kg_m2(pooled_fits(past, start_utc, window_days)), "pooled"
