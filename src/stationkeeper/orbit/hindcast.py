"""Hindcasts on real TLE histories: how well does the decay model predict what happened?

:func:`fit_free_spans` fits every manoeuvre-free span of a history once;
:func:`free_span_hindcast` predicts each span's mean-altitude loss from the fits of the spans
before it. (Reentry hindcasts: ``stationkeeper lifetime
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


@dataclass(frozen=True)
class FreeSpan:
    """One manoeuvre-free span of a TLE history: its element sets, mean observed F10.7, and
    its fitted ballistic coefficient (None: no clean decay to fit)."""

    elements: list[ElementSet]
    f107_sfu: float
    fit: SpanFit | None


def fit_free_spans(
    history: str | Path | list[ElementSet],
    atmosphere,
    *,
    fit_min_days: float = 3.0,
    min_jump_km: float = 0.2,
) -> list[FreeSpan]:
    """Every free span of at least ``fit_min_days`` of ``history`` (a TLE history file, or its
    element sets already loaded) between the manoeuvres detected at ``min_jump_km``, each
    fitted once (:func:`stationkeeper.orbit.fit.fit_ballistic_coefficient`)."""
    if isinstance(history, str | Path):
        history = load_tle_history(history)
    sw = getattr(atmosphere, "space_weather", None)
    out = []
    for span in free_spans(history, detect_manoeuvres(history, min_jump_km), min_days=fit_min_days):
        start, end = span[0].epoch_utc, span[-1].epoch_utc
        f107 = mean_f107_sfu(sw, start, end)
        try:
            fit = fit_ballistic_coefficient(span, atmosphere)
        except InputError:  # no clean drag decay in this span: nothing to fit
            out.append(FreeSpan(span, f107, None))
            continue
        bc, loss = fit.ballistic_coefficient_kg_m2, fit.observed_loss_km
        out.append(FreeSpan(span, f107, SpanFit(start, end, bc, loss, f107)))
    return out


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
    spans: list[FreeSpan] | None = None,
) -> list[SpanHindcast]:
    """Predict each >= ``min_days`` free-decay span from the BCs fitted on the spans before it.

    Every free span of at least ``fit_min_days`` is fitted once (:func:`fit_free_spans`, or
    ``spans`` already fitted, for several methods on one history); the prediction for a span
    uses only the fits of spans that *ended before it starts*, combined by ``bc_method``
    (``"previous"``: the span just before, the old hindcast; ``"pooled"``, ``"solar"``: see
    :func:`stationkeeper.orbit.drag_trend.predict_bc`, with ``fit_window_days`` and
    ``trend_days``).  ``history``: a TLE history file, or its element sets already loaded."""
    if spans is None:
        spans = fit_free_spans(
            history, atmosphere, fit_min_days=fit_min_days, min_jump_km=min_jump_km
        )
    out: list[SpanHindcast] = []
    for i, span in enumerate(spans):
        start, end = span.elements[0].epoch_utc, span.elements[-1].epoch_utc
        if bc_method == "previous":  # the span just before, if it could be fitted
            usable = [spans[i - 1].fit] if i > 0 and spans[i - 1].fit is not None else []
        else:  # the fits of the spans before this one
            usable = [s.fit for s in spans[:i] if s.fit is not None]
        if (end - start).total_seconds() / SECONDS_PER_DAY < min_days or not usable:
            continue
        bc, how = predict_bc(
            usable,
            start,
            span.f107_sfu,
            method=bc_method,
            window_days=fit_window_days,
            trend_days=trend_days,
        )
        t, d = modelled_altitude_change(span.elements, atmosphere, bc)
        predicted = -float(np.interp(end.timestamp(), t, d))
        observed = observed_loss_km(span.elements)
        out.append(SpanHindcast(start, end, bc, observed, predicted, how, span.f107_sfu))
    return out
