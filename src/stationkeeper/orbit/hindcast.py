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
) -> list[SpanHindcast]:
    """Predict each >= ``min_days`` free-decay span from a BC fitted on the span before it.

    ``history``: a TLE history file, or its element sets already loaded."""
    if isinstance(history, str | Path):
        history = load_tle_history(history)
    manoeuvres = detect_manoeuvres(history, min_jump_km)
    candidates = free_spans(history, manoeuvres, min_days=fit_min_days)
    out: list[SpanHindcast] = []
    for before, span in zip(candidates[:-1], candidates[1:], strict=True):
        days = (span[-1].epoch_utc - span[0].epoch_utc).total_seconds() / SECONDS_PER_DAY
        if days < min_days:
            continue
        try:
            fit = fit_ballistic_coefficient(before, atmosphere)
        except InputError:  # the span before shows no clean drag decay: nothing to fit
            continue
        t, d = modelled_altitude_change(span, atmosphere, fit.ballistic_coefficient_kg_m2)
        predicted = -float(np.interp(span[-1].epoch_utc.timestamp(), t, d))
        out.append(
            SpanHindcast(
                span[0].epoch_utc,
                span[-1].epoch_utc,
                fit.ballistic_coefficient_kg_m2,
                observed_loss_km(span),
                predicted,
            )
        )
    return out
