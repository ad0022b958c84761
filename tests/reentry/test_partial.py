"""Partial answers of the reentry Monte Carlo (``on_partial``): the first samples' answer
while the rest run, and the final answer the same as without it.

The partial of the ground-track run must be the window of exactly the first samples of
the run made without ``on_partial`` (the same draws, made once up front); the long-horizon
first look, on 8-day drag tables, must agree with the full run's 2-day tables for the same
samples within 2 % of the time to reentry (the tables' day step is the only
difference).
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from conftest import shared_file
from pandas.testing import assert_frame_equal

from stationkeeper.constants import R_EARTH_EQ_M, SECONDS_PER_DAY
from stationkeeper.environment.atmosphere_factory import make_atmosphere
from stationkeeper.orbit.ballistic import drag_object
from stationkeeper.orbit.hindcast import KNOWN_REENTRIES
from stationkeeper.orbit.state import State, elements_to_rv
from stationkeeper.reentry.montecarlo import long_horizon, run
from stationkeeper.reentry.montecarlo.long_summary import long_horizon_answer
from stationkeeper.reentry.montecarlo.predict import predict_reentry
from stationkeeper.reentry.montecarlo.summary import quantile_window

EPOCH = datetime(2023, 11, 6, tzinfo=UTC)


def _same(a: dict, b: dict) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def test_ground_track_partial_is_the_first_samples_and_the_final_is_unchanged(monkeypatch):
    monkeypatch.setattr(run, "FIRST_SAMPLES", 6)
    r, v = elements_to_rv(R_EARTH_EQ_M + 150e3, 0.0005, math.radians(51.6), 1.0, 0.5, 0.2)
    atm = make_atmosphere("nrlmsis", "nominal", table=True)
    kw = dict(samples=20, seed=7, chunk_size=8, scheduler="synchronous")
    parts, fractions = [], []
    with_partial = run.run_monte_carlo(
        EPOCH, r, v, 60.0, atm, 2 * SECONDS_PER_DAY, **kw,
        on_partial=parts.append, progress=fractions.append,
    )  # fmt: skip
    plain = run.run_monte_carlo(EPOCH, r, v, 60.0, atm, 2 * SECONDS_PER_DAY, **kw)
    assert_frame_equal(with_partial.samples, plain.samples)
    assert np.array_equal(with_partial.final_r_m, plain.final_r_m)
    assert len(parts) == 1 and len(parts[0].samples) == 6
    first = plain.samples["reentry_s"].to_numpy()[:6]
    assert np.array_equal(parts[0].samples["reentry_s"].to_numpy(), first)
    assert quantile_window(first, EPOCH) == quantile_window(
        parts[0].samples["reentry_s"].to_numpy(), EPOCH
    )
    assert np.all(np.diff(fractions) >= 0) and fractions[-1] == pytest.approx(1.0)


def test_predict_partial_is_labelled_and_the_final_answer_is_unchanged(monkeypatch):
    monkeypatch.setattr(run, "FIRST_SAMPLES", 20)
    fname, truth, _ = KNOWN_REENTRIES["GOCE"]
    kw = dict(
        tle_history=shared_file("tle", fname), until=truth - timedelta(days=1), samples=60,
        seed=1, chunk_size=20, scheduler="synchronous",
    )  # fmt: skip
    parts = []
    final, _ = predict_reentry(**kw, on_partial=lambda s, r: parts.append((s, r)))
    plain, plain_run = predict_reentry(**kw)
    assert _same(final, plain)
    assert len(parts) == 1
    summary, part = parts[0]
    assert summary["partial"]["n_done"] == 20 < summary["partial"]["n_total"] == 60
    assert summary["samples"] == 20 and "partial" not in plain
    first = plain_run.samples["reentry_s"].to_numpy()[:20]
    w = quantile_window(first, plain_run.epoch_utc)
    assert summary["reentry"]["median_utc"] == w["median_utc"]
    assert summary["reentry"]["p05_utc"] == w["p05_utc"]
    assert summary["breakup"] and summary["footprint"]


@pytest.fixture(scope="module")
def long_runs():
    mp = pytest.MonkeyPatch()
    mp.setattr(long_horizon, "FIRST_SAMPLES", 100)
    r, v = elements_to_rv(R_EARTH_EQ_M + 300e3, 0.0, math.radians(51.64), 1.0, 0.0, 0.0)
    state = State(
        datetime(2022, 3, 3, 17, 0, tzinfo=UTC), tuple(map(float, r)), tuple(map(float, v))
    )
    obj = drag_object(drag="fitted")
    kw = dict(
        bc_kg_m2=obj.ballistic_coefficient_kg_m2, samples=300, seed=4, space_weather=None,
        uncertainty=None, casualty_area_m2=None,
    )  # fmt: skip
    parts = []
    final, final_run = long_horizon_answer(
        state, obj, **kw, on_partial=lambda s, r: parts.append((s, r))
    )
    plain, _ = long_horizon_answer(state, obj, **kw)
    mp.undo()
    return final, final_run, plain, parts


def test_long_horizon_final_answer_is_unchanged(long_runs):
    final, _, plain, parts = long_runs
    assert _same(final, plain)
    assert len(parts) == 1


def test_long_horizon_first_look_agrees_with_the_full_tables(long_runs):
    _, final_run, _, parts = long_runs
    summary, part = parts[0]
    assert summary["partial"]["n_done"] == 100 < summary["partial"]["n_total"] == 300
    look = part.samples["reentry_s"].to_numpy()
    full = final_run.samples["reentry_s"].to_numpy()[:100]
    assert np.all(np.isfinite(full))
    # followed until 96 % were down (the last step may bring the rest down too): those left
    # still up are the slowest
    down = np.isfinite(look)
    assert 96 <= down.sum() <= 100 and np.all(full[~down] >= np.max(full[down]) * 0.98)
    look, full = look[down], full[down]
    # the same samples on 8-day vs 2-day tables: within 2 % of the time to reentry (an
    # S column every 8 days still follows the 27-day solar rotation; 16 days: 5 % late)
    assert np.max(np.abs(look / full - 1.0)) < 0.02
    assert abs(np.median(look / full - 1.0)) < 0.005
    assert not np.array_equal(look, full)  # the first look is its own run
    assert summary["reentry"]["median_utc"] is not None
