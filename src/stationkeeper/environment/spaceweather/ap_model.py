"""Daily Ap for the monthly-forecast days, which carry none: a fit of Ap on F10.7.

A linear fit of monthly mean Ap on monthly mean observed F10.7 over the last
:data:`AP_MODEL_YEARS` years of complete observed months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from stationkeeper.environment.spaceweather.days import monthly_means, to_date

AP_MODEL_YEARS = 22
"""Years of observed months (two mean solar cycles) behind the monthly-forecast Ap fit."""


@dataclass(frozen=True)
class ApModel:
    """Daily Ap for monthly-forecast days: ``intercept + slope * F10.7_obs``."""

    intercept: float
    slope_per_sfu: float
    first_month: date
    last_month: date
    n_months: int

    def ap(self, f107_obs_sfu: np.ndarray) -> np.ndarray:
        return np.maximum(self.intercept + self.slope_per_sfu * f107_obs_sfu, 0.0)


def fit_ap_model(
    dates: np.ndarray, ap_daily: np.ndarray, f107: np.ndarray, ok: np.ndarray
) -> ApModel | None:
    """Fit monthly mean Ap on monthly mean F10.7 over the last :data:`AP_MODEL_YEARS` years.

    Parameters
    ----------
    dates : numpy.ndarray
        ``datetime64[D]`` observed days, ascending.
    ap_daily : numpy.ndarray
        Daily Ap of those days.
    f107 : numpy.ndarray
        Daily observed F10.7 of those days, sfu.
    ok : numpy.ndarray
        Boolean mask of the days to use (those with an Ap).

    Returns
    -------
    ApModel or None
        The fit, or None with fewer than 24 complete months.
    """
    months, (ap_m, f_m) = monthly_means(dates[ok], ap_daily[ok], f107[ok])
    months, ap_m, f_m = (
        months[-12 * AP_MODEL_YEARS :],
        ap_m[-12 * AP_MODEL_YEARS :],
        f_m[-12 * AP_MODEL_YEARS :],
    )
    if months.shape[0] < 24:
        return None
    slope, intercept = np.polyfit(f_m, ap_m, 1)
    return ApModel(
        intercept=float(intercept),
        slope_per_sfu=float(slope),
        first_month=to_date(months[0]),
        last_month=to_date(months[-1]),
        n_months=int(months.shape[0]),
    )
