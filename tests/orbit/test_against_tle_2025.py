"""Today's station against the real ISS of 2025: its free decay between two Space-Track
element sets (../shared/data/iss_recent/iss_25544_2025.tle, tests only: Space-Track terms).

The real loss is computed here from the two TLEs' own mean motions, never from the model.
2025-06-25 -> 2025-07-13 (17.7 days, about 0.8 km, about 46 m/day): no reboost between
(the altitude falls all the way, as a plain free decay does), and the whole span lies within
the observed space weather of the shipped file (to 2025-07-20).

The file's other pair, 2025-10-01 -> 2025-11-09, is not used: the mean altitude rises
(418.4 -> 418.7 km), so a reboost happened between them and the rate is not a free decay."""

from __future__ import annotations

import pytest
from conftest import shared_file

from stationkeeper import api
from stationkeeper.data import data_path
from stationkeeper.orbit.tle import load_elements


@pytest.fixture(scope="module")
def tles_2025():
    return sorted(load_elements(shared_file("iss_recent", "iss_25544_2025.tle")), key=_epoch)


def _epoch(es) -> float:
    return es.satrec.jdsatepoch + es.satrec.jdsatepochF


def test_model_decay_is_within_20_percent_of_the_real_june_july_2025_free_decay(tles_2025):
    """``decay --tle <2025-06-25 TLE> --days <span>`` with the default (fitted) drag and the
    station of that date, observed space weather: its mean rate within 20 % of the TLEs'."""
    first, second = tles_2025[0], tles_2025[1]
    assert (first.epoch_utc.month, first.epoch_utc.day) == (6, 25)
    assert (second.epoch_utc.month, second.epoch_utc.day) == (7, 13)
    days = (second.epoch_utc - first.epoch_utc).total_seconds() / 86400.0
    lost_km = first.mean_altitude_km - second.mean_altitude_km
    assert 0.3 < lost_km < 2.0  # a fall (no reboost between), of the size a free decay has
    real_m_per_day = 1e3 * lost_km / days
    r = api.decay(days=days, tle=first, solar="observed")
    assert r.summary["drag"] == "fitted"
    assert r.summary["mean_decay_m_per_day"] == pytest.approx(real_m_per_day, rel=0.20)
    assert r.summary["space_weather_note"] is None  # all observed: nothing forecast


def test_the_october_november_2025_pair_holds_a_reboost(tles_2025):
    """Why the second pair is left out: the later set is higher than the earlier one."""
    third, fourth = tles_2025[2], tles_2025[3]
    assert fourth.mean_altitude_km > third.mean_altitude_km


def test_the_default_start_is_today_s_state_and_says_its_space_weather_is_a_forecast():
    """``decay`` with no state starts from NASA TOPO's 2026-09-04 state (the OEM's own
    START_TIME, read from the file's text) and says that its space weather is CelesTrak's
    forecast after the last OBSERVED day of the shipped SW-All.txt (read from the file)."""
    oem = data_path("iss_topo_oem_2026-09-04.txt").read_text()
    start = next(ln.split("=")[1].strip() for ln in oem.splitlines() if "START_TIME" in ln)
    sw = data_path("SW-All.txt").read_text().splitlines()
    last = sw[sw.index("END OBSERVED") - 1].split()[:3]
    last_observed = "-".join(last)  # 'YYYY MM DD' -> 'YYYY-MM-DD'
    r = api.decay(days=10)
    assert r.summary["tle_epoch_utc"][:16] == start[:16]
    assert r.summary["space_weather_observed_until"] == last_observed
    words = f"space weather after {last_observed} is CelesTrak's forecast"
    assert r.summary["space_weather_note"] == words and words in r.sentence
