"""Hindcasts on real TLE histories: how well does the decay model predict what happened?

:func:`free_span_hindcast`: for each manoeuvre-free span, fit BC on the span before and
predict this span's mean-altitude loss. (Reentry hindcasts: ``stationkeeper lifetime
--tle-history --until`` and ``tools/reentry_hindcast.py``.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from stationkeeper.constants import SECONDS_PER_DAY
from stationkeeper.errors import InputError
from stationkeeper.orbit.drag_trend import SpanFit, mean_f107_sfu, predict_bc
from stationkeeper.orbit.elements import ElementSet
from stationkeeper.orbit.fit import (
    fit_ballistic_coefficient,
    modelled_altitude_change,
    observed_loss_km,
)
from stationkeeper.orbit.history import detect_manoeuvres, free_spans
from stationkeeper.orbit.tle import load_tle_history

#: Reentries with a published epoch, for hindcasts on the shared TLE histories:
#: name -> (TLE history file name, epoch (UTC), source).
KNOWN_REENTRIES: dict[str, tuple[str, datetime, str]] = {
    "GOCE": (
        "goce_34602_2009-2013.tle",
        datetime(2013, 11, 11, 0, 16, tzinfo=UTC),
        "ESA, 'GOCE gives in to gravity', 11 Nov 2013: about 00:16 UTC",
    ),
    "Delfi-C3": (
        "delfi-c3_32789_2021-2023.tle",
        datetime(2023, 11, 13, 13, 25, tzinfo=UTC),
        "TU Delft Delta, Nov 2023: last seen over the Gulf of Mexico 13 Nov 14:25 CET (13:25 UTC)",
    ),
}


@dataclass(frozen=True)
class SpanHindcast:
    start_utc: datetime
    end_utc: datetime
    fitted_bc_kg_m2: float
    observed_loss_km: float
    predicted_loss_km: float
    bc_method: str = "previous"  # how the past fits were combined (drag_trend.BC_METHODS)
    f107_sfu: float = float("nan")  # mean observed F10.7 over the span

    @property
    def relative_error(self) -> float:
        return (self.predicted_loss_km - self.observed_loss_km) / self.observed_loss_km


def free_span_hindcast(
    history: str | Path | list[ElementSet],
    atmosphere,
    *,
    min_days: float = 15.0,
    fit_min_days: float = 3.0,
    min_jump_km: float = 0.2,
    bc_method: str = "pooled",
    fit_window_days: float = 60.0,
    trend_days: float = 90.0,
) -> list[SpanHindcast]:
    """Predict each >= ``min_days`` free-decay span from the BCs fitted on the spans before it.

    Every free span of at least ``fit_min_days`` is fitted once; the prediction for a span
    uses only the fits of spans that *ended before it starts*, combined by ``bc_method``
    (``"previous"``: the span just before, the old hindcast; ``"pooled"``, ``"solar"``: see
    :func:`stationkeeper.orbit.drag_trend.predict_bc`, with ``fit_window_days`` and
    ``trend_days``).  ``history``: a TLE history file, or its element sets already loaded."""
    if isinstance(history, str | Path):
        history = load_tle_history(history)
    manoeuvres = detect_manoeuvres(history, min_jump_km)
    candidates = free_spans(history, manoeuvres, min_days=fit_min_days)
    sw = getattr(atmosphere, "space_weather", None)
    fits: list[SpanFit] = []
    out: list[SpanHindcast] = []
    for i, span in enumerate(candidates):
        start, end = span[0].epoch_utc, span[-1].epoch_utc
        f107 = mean_f107_sfu(sw, start, end)
        days = (end - start).total_seconds() / SECONDS_PER_DAY
        if bc_method == "previous":  # the span just before, if it could be fitted
            before = candidates[i - 1][-1].epoch_utc if i > 0 else None
            usable = [f for f in fits[-1:] if f.end_utc == before]
        else:
            usable = fits
        if days >= min_days and usable:
            bc, how = predict_bc(
                usable,
                start,
                f107,
                method=bc_method,
                window_days=fit_window_days,
                trend_days=trend_days,
            )
            t, d = modelled_altitude_change(span, atmosphere, bc)
            predicted = -float(np.interp(end.timestamp(), t, d))
            out.append(SpanHindcast(start, end, bc, observed_loss_km(span), predicted, how, f107))
        try:
            fit = fit_ballistic_coefficient(span, atmosphere)
        except InputError:  # no clean drag decay in this span: nothing to fit
            continue
        fits.append(
            SpanFit(start, end, fit.ballistic_coefficient_kg_m2, fit.observed_loss_km, f107)
        )
    return out
