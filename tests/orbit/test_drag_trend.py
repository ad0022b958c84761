"""orbit.drag_trend: combining past ballistic-coefficient fits, against hand arithmetic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from stationkeeper.errors import InputError
from stationkeeper.orbit.drag_trend import SpanFit, predict_bc

T0 = datetime(2021, 6, 1, tzinfo=UTC)


def fit(end_day: float, bc: float, loss: float = 0.5, f107: float = 80.0) -> SpanFit:
    end = T0 + timedelta(days=end_day)
    return SpanFit(end - timedelta(days=10), end, bc, loss, f107)


def test_pooled_is_the_loss_squared_weighted_harmonic_mean():
    past = [fit(0, 100.0, loss=1.0), fit(10, 200.0, loss=2.0)]
    bc, how = predict_bc(past, T0 + timedelta(days=12), method="pooled")
    # weights 1 and 4 on 1/BC: 5 / (1/100 + 4/200) = 166.7
    assert how == "pooled"
    assert bc == pytest.approx(5.0 / (1 / 100 + 4 / 200))


def test_nothing_after_the_start_enters_the_prediction():
    past = [fit(0, 100.0), fit(30, 900.0)]  # the second ends after the start
    for method in ("previous", "pooled", "solar"):
        bc, _ = predict_bc(past, T0 + timedelta(days=5), 80.0, method=method)
        assert bc == pytest.approx(100.0)


def test_solar_trend_recovers_a_power_law_and_does_not_extrapolate():
    # BC = 1e4 * F^-1: ln BC is a line in ln F with slope -1
    past = [fit(d, 1e4 / f, f107=f) for d, f in ((0, 70.0), (20, 80.0), (40, 90.0))]
    bc, how = predict_bc(past, T0 + timedelta(days=50), 75.0, method="solar")
    assert how == "solar"
    assert bc == pytest.approx(1e4 / 75.0, rel=1e-9)
    bc_hi, _ = predict_bc(past, T0 + timedelta(days=50), 150.0, method="solar")
    assert bc_hi == pytest.approx(1e4 / 90.0, rel=1e-9)  # held at the highest past F10.7


def test_solar_falls_back_to_pooled_without_a_spread_in_solar_activity():
    past = [fit(d, b, f107=80.0) for d, b in ((0, 100.0), (20, 120.0), (40, 140.0))]
    _, how = predict_bc(past, T0 + timedelta(days=50), 90.0, method="solar")
    assert how == "pooled"
    assert not np.isnan(predict_bc(past, T0 + timedelta(days=50), 90.0, method="solar")[0])


def test_no_past_fit_is_an_input_error():
    with pytest.raises(InputError):
        predict_bc([fit(30, 100.0)], T0, method="pooled")
