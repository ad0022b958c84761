"""Random debris-avoidance times: a Poisson process at the rate asked, inside the run."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np
import pytest

from stationkeeper.ops.random_conjunctions import draw_manoeuvre_times


def test_poisson_draws_have_the_asked_rate():
    rng = np.random.default_rng(3)
    start, end = datetime(2030, 1, 1, tzinfo=UTC), datetime(2130, 1, 1, tzinfo=UTC)
    times = draw_manoeuvre_times(start, end, 2.0, rng)
    assert len(times) == pytest.approx(200, abs=3 * math.sqrt(200))
    assert times == sorted(times) and start <= times[0] and times[-1] <= end


def test_same_seed_same_times():
    start, end = datetime(2030, 1, 1, tzinfo=UTC), datetime(2031, 1, 1, tzinfo=UTC)
    a = draw_manoeuvre_times(start, end, 12.0, np.random.default_rng(5))
    b = draw_manoeuvre_times(start, end, 12.0, np.random.default_rng(5))
    assert a == b and len(a) > 0
    assert draw_manoeuvre_times(start, end, 0.0, np.random.default_rng(5)) == []
