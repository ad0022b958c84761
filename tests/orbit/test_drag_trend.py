"""orbit.drag_trend: combining past ballistic-coefficient fits, against hand arithmetic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from conftest import shared_file

from stationkeeper.errors import InputError
from stationkeeper.orbit.drag_trend import SpanFit, beta_angle_deg, predict_bc, sun_direction
from stationkeeper.orbit.tle import load_tle_history

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


# Equinox and solstice instants of 2022 (USNO, "Earth's Seasons"): Mar 20 15:33 UTC, the Sun at
# right ascension 0 and declination 0; Jun 21 09:14 UTC, declination +23.44 deg (the obliquity).
@pytest.mark.parametrize(
    ("when", "ra_deg", "dec_deg"),
    [
        (datetime(2022, 3, 20, 15, 33, tzinfo=UTC), 0.0, 0.0),
        (datetime(2022, 6, 21, 9, 14, tzinfo=UTC), 90.0, 23.44),
    ],
)
def test_sun_direction_at_the_2022_equinox_and_solstice(when, ra_deg, dec_deg):
    x, y, z = sun_direction(when)
    assert np.degrees(np.arcsin(z)) == pytest.approx(dec_deg, abs=0.02)
    assert np.degrees(np.arctan2(y, x)) % 360.0 == pytest.approx(ra_deg % 360.0, abs=0.05)


def test_iss_beta_angle_stays_within_inclination_plus_obliquity():
    """|beta| <= i + 23.44 deg (analytic bound); over a year of the ISS's TLEs it reaches
    past 60 deg (the high-beta periods the ISS flies several times a year)."""
    history = load_tle_history(shared_file("tle", "iss_25544_2021-2022.3le"))[::10]
    beta = np.array([beta_angle_deg(e) for e in history])
    assert np.abs(beta).max() <= 51.64 + 23.44 + 0.1
    assert beta.max() > 60.0 and beta.min() < -60.0
