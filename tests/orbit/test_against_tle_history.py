"""The decay model against what really happened: ISS and Tianhe TLE histories, GOCE and
Delfi-C3 reentries.  Every figure here is an independent observation, not our own output.

Slow (minutes): each hindcast fits a ballistic coefficient and propagates with NRLMSIS."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest
from conftest import shared_file

from stationkeeper.constants import BREAKUP_ALTITUDE_M
from stationkeeper.environment.atmosphere import MsisAtmosphere
from stationkeeper.environment.spaceweather import load_space_weather
from stationkeeper.orbit.hindcast import KNOWN_REENTRIES, free_span_hindcast
from stationkeeper.orbit.lifetime import lifetime_scenarios


@pytest.fixture(scope="module")
def observed_atmosphere():
    return MsisAtmosphere(load_space_weather(), "observed")


# No peeking: each span's prediction uses only the ballistic coefficients fitted on spans
# that ended before it starts (orbit.drag_trend.predict_bc drops anything later) and the
# observed space weather the propagation itself uses; the span's own TLEs only score it.


def test_iss_free_decay_spans_are_predicted_within_20_percent(observed_atmosphere):
    """ISS 2021-01 -> 2022-03: reboosts detected in the TLEs, then each >= 15-day free span
    predicted from the fits of the spans of the 60 days before it (weighted by loss^2).
    Issue #10 asked for < 10 %: the median is 19 % (docs/validation.md; 11 % was reported
    while the 12 Nov - 3 Dec 2021 span still ended on an element set already 0.16 km into
    the 3 Dec debris-avoidance burn); the same hindcast on the 1998-2004 history: 11 %.
    Even the fits on both sides of each span, future ones included, give 14 % (mean |error|
    17 %, as the hindcast's): the span-to-span scatter, not the combination, sets the bar
    (tools/hindcast_floor.py)."""
    spans = free_span_hindcast(shared_file("tle", "iss_25544_2021-2022.3le"), observed_atmosphere)
    errors = np.array([s.relative_error for s in spans])
    assert len(spans) >= 8  # about one reboost a month over 14 months
    assert np.median(np.abs(errors)) < 0.20
    # the fitted BC must be physical for the ISS (NASA TOPO: 77-155 kg/m^2; TLE-derived
    # effective values run higher in low-drag attitudes)
    assert all(50 < s.fitted_bc_kg_m2 < 400 for s in spans)


def test_tianhe_free_decay_spans_are_predicted_within_25_percent(observed_atmosphere):
    spans = free_span_hindcast(
        shared_file("tle", "tianhe_48274_2021-2022.tle"), observed_atmosphere
    )
    errors = np.array([s.relative_error for s in spans])
    assert len(spans) >= 3
    assert all(np.isfinite(s.relative_error) and s.observed_loss_km > 0 for s in spans)
    assert np.median(np.abs(errors)) < 0.25


# GOCE: ESA, "GOCE gives in to gravity" (2013-11-11): reentry about 00:16 UTC on 11 Nov 2013.
# Delfi-C3: TU Delft Delta, "How nanosatellite Delfi-C3 lives on after its demise" (Nov 2023):
# last seen over the Gulf of Mexico on 13 Nov 2023 at 14:25 CET = 13:25 UTC.
REENTRIES = {fname: truth for fname, truth, _ in KNOWN_REENTRIES.values()}


@pytest.mark.parametrize("name", sorted(REENTRIES))
@pytest.mark.parametrize("days_before", [7, 1])
def test_reentry_hindcast_within_20_percent_of_remaining_time(name, days_before):
    truth = REENTRIES[name]
    cutoff = truth - timedelta(days=days_before)
    result, _ = lifetime_scenarios(
        tle_history=shared_file("tle", name),
        until=cutoff,
        solar="observed",
        reentry_altitude_km=BREAKUP_ALTITUDE_M / 1e3,  # the published epochs are breakup
    )
    predicted = datetime.fromisoformat(result["reentry_utc"])
    start = datetime.fromisoformat(result["start_utc"])
    remaining_s = (truth - start).total_seconds()
    assert start <= cutoff
    assert abs((predicted - truth).total_seconds()) < 0.20 * remaining_s
    assert result["fit"]["ballistic_coefficient_kg_m2"] > 0
