"""Solar-activity scenarios: the names, and low/high factors from the file's past cycles.

``low``/``high`` scale the predictions by the spread of the observed solar cycles
(:func:`derive_scenario_factors`): F10.7 above a quiet-Sun floor and Ap, ramped in
over :data:`SCENARIO_RAMP_DAYS` after the last observed day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from stationkeeper.environment.spaceweather.days import monthly_means, to_date

#: Solar-activity scenarios every command accepts: past cycles' low / nominal / high, or only
#: what was observed (defined once here; ``atmosphere_factory`` re-exports it).
SOLAR_SCENARIOS: tuple[str, ...] = ("low", "nominal", "high", "observed")
#: The scenarios a lifetime is given for by default: the spread of the past solar cycles.
DEFAULT_SOLAR_SCENARIOS: tuple[str, ...] = SOLAR_SCENARIOS[:3]


# Scenario rule parameters (documented in docs/space-weather.md).
F107_FLOOR_SFU = 65.0
"""Quiet-Sun F10.7 floor: only the excess above it scales between solar cycles."""
SCENARIO_PERCENTILES: tuple[float, float] = (10.0, 90.0)
SCENARIO_RAMP_DAYS = 81.0
"""Scenario factors grow linearly from 1 after the last observed day to full over this."""


@dataclass(frozen=True)
class ScenarioFactors:
    """Low/high multipliers derived from the observed solar cycles of a file.

    F10.7 (daily, 81-day means): ``floor + k * (value - floor)`` where
    ``value > floor``; Ap and ap: ``k * value``.
    """

    floor_sfu: float
    f107_low: float
    f107_high: float
    ap_low: float
    ap_high: float
    percentiles: tuple[float, float]
    minima: tuple[date, ...]  # solar minima found (13-month smoothed F10.7)
    cycle_months: int  # common length compared (shortest complete cycle)
    cycle_f107_ratios: tuple[float, ...]  # per complete cycle: mean ratio (for the docs)
    cycle_ap_ratios: tuple[float, ...]


def scale_excess(values: np.ndarray, k: np.ndarray, floor: float) -> np.ndarray:
    """floor + k * (v - floor) where v > floor, else v (scenario F10.7).

    Parameters
    ----------
    values : numpy.ndarray
        F10.7 values, sfu.
    k : numpy.ndarray
        Multiplier of the excess over the floor (broadcast against ``values``).
    floor : float
        Quiet-Sun floor, sfu.

    Returns
    -------
    numpy.ndarray
        Scaled F10.7, sfu.
    """
    excess = values - floor
    return np.where(excess > 0, floor + k * excess, values)


def derive_scenario_factors(
    dates: np.ndarray,
    f107_obs_sfu: np.ndarray,
    ap_daily: np.ndarray,
    *,
    floor_sfu: float = F107_FLOOR_SFU,
    percentiles: tuple[float, float] = SCENARIO_PERCENTILES,
    active_fraction: float = 0.25,
    minimum_window_months: int = 48,
) -> ScenarioFactors | None:
    """Low/high factors from the spread of the observed solar cycles (None if < 2 cycles).

    1. Monthly means of daily observed F10.7 (radio bursts replaced) and Ap over
       complete calendar months; 13-month smoothing (weights 1/24, 1/12 x 11, 1/24).
    2. Solar minima: months whose smoothed F10.7 is the lowest within
       +-``minimum_window_months``.  Consecutive minima bound complete cycles.
    3. Phase = months since the cycle's minimum, over the shortest complete cycle.
       Mean cycle = mean over complete cycles at each phase.
    4. F10.7: ratio of each cycle's excess over ``floor_sfu`` to the mean cycle's,
       at each phase where the mean excess is at least ``active_fraction`` of its
       peak; Ap: ratio of the smoothed Ap (no floor) at every phase.  The factors
       are the ``percentiles`` of all these ratios pooled.
    """
    dates = np.asarray(dates).astype("datetime64[D]")
    if dates.shape[0] < 400:
        return None
    months, (f_m, ap_m) = monthly_means(dates, np.asarray(f107_obs_sfu), np.asarray(ap_daily))
    # only a contiguous run of complete months can be smoothed
    gaps = np.flatnonzero(np.diff(months).astype(np.int64) != 1)
    if gaps.size:
        start = gaps[-1] + 1
        months, f_m, ap_m = months[start:], f_m[start:], ap_m[start:]
    weights = np.r_[0.5, np.ones(11), 0.5] / 12.0

    def smooth(x: np.ndarray) -> np.ndarray:
        out = np.full(x.shape, np.nan)
        if x.shape[0] >= 13:
            out[6:-6] = np.convolve(x, weights, mode="valid")
        return out

    sf, sa = smooth(f_m), smooth(ap_m)
    w = minimum_window_months
    minima = [
        i
        for i in range(w, sf.shape[0] - w)
        if np.isfinite(sf[i - w : i + w + 1]).all() and sf[i] == sf[i - w : i + w + 1].min()
    ]
    if len(minima) < 3:
        return None
    length = int(np.diff(minima).min())
    cycles_f = np.array([sf[i : i + length] for i in minima[:-1]])
    cycles_a = np.array([sa[i : i + length] for i in minima[:-1]])
    mean_f = cycles_f.mean(axis=0) - floor_sfu
    active = mean_f >= active_fraction * mean_f.max()
    ratio_f = (cycles_f[:, active] - floor_sfu) / mean_f[active]
    mean_a = cycles_a.mean(axis=0)
    ratio_a = cycles_a / mean_a
    lo, hi = percentiles
    f_lo, f_hi = np.percentile(ratio_f, [lo, hi])
    a_lo, a_hi = np.percentile(ratio_a, [lo, hi])
    return ScenarioFactors(
        floor_sfu=float(floor_sfu),
        f107_low=float(f_lo),
        f107_high=float(f_hi),
        ap_low=float(a_lo),
        ap_high=float(a_hi),
        percentiles=(float(lo), float(hi)),
        minima=tuple(to_date(months[i]) for i in minima),
        cycle_months=length,
        cycle_f107_ratios=tuple(float(x) for x in ratio_f.mean(axis=1)),
        cycle_ap_ratios=tuple(float(x) for x in ratio_a.mean(axis=1)),
    )
