"""Free-decay spans against the burn sequences in real TLE histories.

A reboost is often several burns, or one burn the element sets follow over several sets:
the Shuttle's reboosts on successive days (STS-92 docked to the ISS 13-20 Oct 2000), Tianhe's
raises after launch and after dockings. Drag only lowers an orbit, by tens to a few hundred
metres a day here, and the sets of a span are hours apart: a rise of half a kilometre from one
set to the next inside a "free-decay" span is a burn that the span should have stopped at
(before the run of burns was cut as one manoeuvre, the ISS's 1998-2004 spans held rises of up
to 2.6 km and Tianhe's of 4.1 km, and a span's observed loss came out 0.28 km for a 3.7 km
decay)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from conftest import shared_file

from stationkeeper.orbit.history import detect_manoeuvres, free_spans
from stationkeeper.orbit.tle import load_tle_history

MAX_RISE_KM = 0.5


@pytest.mark.parametrize("name", ["iss_25544_1998-2004.tle", "tianhe_48274_2021-2022.tle"])
def test_no_free_span_holds_a_reboost(name):
    history = load_tle_history(shared_file("tle", name))
    manoeuvres = detect_manoeuvres(history)
    spans = free_spans(history, manoeuvres, min_days=3.0)
    assert len(spans) >= 10
    rises = [np.diff([e.mean_altitude_km for e in s]).max() for s in spans]
    assert max(rises) < MAX_RISE_KM
    # and every manoeuvre's run holds its largest step
    for m in manoeuvres:
        assert m.first_utc <= m.before_utc < m.after_utc <= m.last_utc


def test_the_3_december_2021_debris_avoidance_burn():
    """NASA ISS blog, 3 Dec 2021: Progress 79 fired its thrusters at 1:58 a.m. CST (07:58 UTC)
    for 2 min 41 s, lowering the station by 0.3 mile at apogee and 0.4 mile at perigee
    (0.56 km in mean altitude). The TLE sets follow it over the next 13 hours (the set of
    11:56 UTC is already 0.16 km down, the one of 20:52 0.47 km): the span before must end
    before the burn, and the change be the whole run's."""
    history = load_tle_history(shared_file("tle", "iss_25544_2021-2022.3le"))
    manoeuvres = detect_manoeuvres(history)
    burn = datetime(2021, 12, 3, 7, 58, tzinfo=UTC)
    (pdam,) = [m for m in manoeuvres if m.first_utc <= burn <= m.last_utc]
    assert -0.7 < pdam.delta_altitude_km < -0.4  # NASA: -0.56 km
    spans = free_spans(history, manoeuvres, min_days=3.0)
    before = [s for s in spans if s[-1].epoch_utc < burn + timedelta(days=1)][-1]
    assert before[-1].epoch_utc < burn
