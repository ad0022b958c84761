"""The default (fitted) drag against the real ISS: its free decay in the TLE history just
before the shipped state, and the decay rate quoted for 2022. Independent observations:
Space-Track element sets (../shared/data/tle) and a published figure (iss_facts s1).

Slow-ish (~1 min): NRLMSIS with observed space weather over each span."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import shared_file

from stationkeeper import api
from stationkeeper.environment.atmosphere import MsisAtmosphere
from stationkeeper.environment.spaceweather import load_space_weather
from stationkeeper.orbit.ballistic import drag_object
from stationkeeper.orbit.fit import modelled_altitude_change, observed_loss_km
from stationkeeper.orbit.history import detect_manoeuvres, free_spans
from stationkeeper.orbit.tle import load_tle_history, shipped_2022_tle_path


def test_default_drag_reproduces_the_real_jan_feb_2022_free_decay(jan_feb_spans):
    """Each span propagated from its first element set with the shipped default drag
    (NRLMSIS 2.1, observed space weather): the altitude lost within 20 % of the TLEs'."""
    assert len(jan_feb_spans) == 2
    atm = MsisAtmosphere(load_space_weather(), "observed")
    obj = drag_object()
    assert obj.drag == "fitted"
    for span in jan_feb_spans:
        t, d = modelled_altitude_change(span, atm, obj.ballistic_coefficient_kg_m2)
        predicted = -d[-1]
        observed = observed_loss_km(span)
        assert 0.6 < observed < 1.1  # the spans named above
        assert predicted == pytest.approx(observed, rel=0.20), span[0].epoch_utc
    # TOPO's Cd x A under NRLMSIS loses about twice as much: the reason for the fitted default
    topo = drag_object(drag="topo")
    t, d = modelled_altitude_change(jan_feb_spans[0], atm, topo.ballistic_coefficient_kg_m2)
    assert -d[-1] > 1.5 * observed_loss_km(jan_feb_spans[0])


def test_decay_30_days_from_the_shipped_2022_state_names_its_drag_and_matches_2022_rate():
    """``decay --days 30``: the answer says which drag it used, and its rate is within 20 %
    of the ~1.6 km/month (53 m/day) quoted for the ISS in 2022 (iss_facts s1, tweaktown 2022).
    March 2022 had a higher 81-day F10.7 (115-120 sfu) than the Jan-Feb spans (105-111), so
    its rate is above their 37-45 m/day (checked above, span by span)."""
    r = api.decay(days=30, tle=shipped_2022_tle_path())  # the 2022 state, explicitly
    obj = r.summary["object"]
    assert r.summary["drag"] == "fitted" and "fitted to the real orbit" in r.sentence
    assert obj["drag_label"] in r.sentence
    assert r.summary["mean_decay_m_per_day"] == pytest.approx(1.6e3 / 30.4, rel=0.20)
    lo, hi = r.summary["mean_decay_m_per_day_band"]
    assert lo < r.summary["mean_decay_m_per_day"] < hi
    topo = api.decay(days=30, drag="topo", tle=shipped_2022_tle_path())
    assert topo.summary["drag"] == "topo" and "TOPO" in topo.sentence
    assert topo.summary["mean_decay_m_per_day_band"] is None


def test_decay_30_days_is_within_20_percent_of_the_history_s_own_rate_before_the_start():
    """The free-decay rate the TLE history itself shows just before the shipped state (its
    last element set is the shipped one): altitude lost in the manoeuvre-free spans of the
    30 days before, over their length (Feb 9-26 and Feb 27-Mar 3 2022: ~48 m/day), and in
    the nearest span of >= 15 days alone (Feb 9-26: 0.77 km in 16.5 days, ~47 m/day).
    ``decay --days 30`` forecasts the 30 days after, in higher solar activity (daily F10.7
    110-150 in March 2022 against ~103 in the Feb span), so its rate may be above these;
    issue #10 asks for within 20 %."""
    history = load_tle_history(shared_file("tle", "iss_25544_2021-2022.3le"))
    start = history[-1].epoch_utc
    spans = free_spans(history, detect_manoeuvres(history), min_days=3.0)
    recent = [s for s in spans if s[0].epoch_utc >= start - timedelta(days=30)]
    assert len(recent) >= 2  # a reboost falls inside the window
    loss_km = sum(observed_loss_km(s) for s in recent)
    days = sum(_days(s) for s in recent)
    observed_m_per_day = 1e3 * loss_km / days
    assert 35.0 < observed_m_per_day < 60.0  # docs/validation.md's spans: 37-53 m/day
    nearest = next(s for s in reversed(recent) if _days(s) >= 15.0)
    nearest_m_per_day = 1e3 * observed_loss_km(nearest) / _days(nearest)
    r = api.decay(days=30, tle=shipped_2022_tle_path())
    assert r.summary["tle_epoch_utc"][:16] == start.isoformat()[:16]  # the same element set
    assert r.summary["mean_decay_m_per_day"] == pytest.approx(observed_m_per_day, rel=0.20)
    assert r.summary["mean_decay_m_per_day"] == pytest.approx(nearest_m_per_day, rel=0.20)


def _days(span) -> float:
    return (span[-1].epoch_utc - span[0].epoch_utc).total_seconds() / 86400.0
