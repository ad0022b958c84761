"""Random debris-avoidance manoeuvres in scenarios (issue 5 x issue 3): at the historical rate
by default, seeded, each paid for with the rocket equation."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from stationkeeper.constants import G0_M_S2
from stationkeeper.errors import InputError
from stationkeeper.ops.random_conjunctions import draw_manoeuvre_times
from stationkeeper.scenario import load_scenario, simulate

SCENARIO = """
[scenario]
name = "dodging debris"
duration_days = 120
solar = "observed"
debris_avoidance = true

[debris_avoidance]
rate_per_year = {rate}
dv_m_s = 0.5

[reboost]
enabled = false
engines = ["Zvezda main engines"]
"""


def _run(tmp_path, rate, seed):
    path = tmp_path / f"dam_{rate}_{seed}.toml"
    path.write_text(SCENARIO.format(rate=rate))
    return simulate(load_scenario(path), seed=seed)


def test_the_flag_alone_dodges_at_the_iss_historical_rate(tmp_path):
    """``debris_avoidance = true`` without a table switches the burns on at the ISS's own
    rate: over the 25.9 years from the first manoeuvre (1999) to November 2024 the draws give
    the 39 manoeuvres flown (iss_facts.md section 5), within Poisson noise, for most seeds."""
    path = tmp_path / "flag.toml"
    path.write_text("[scenario]\nduration_days = 10\ndebris_avoidance = true\n")
    pol = load_scenario(path).debris_avoidance
    assert pol.enabled and pol.dv_m_s == pytest.approx(0.5)
    start = datetime(1999, 1, 1, tzinfo=UTC)
    end = start + timedelta(days=25.9 * 365.25)
    counts = [
        len(draw_manoeuvre_times(start, end, pol.rate_per_year, np.random.default_rng(seed)))
        for seed in range(200)
    ]
    assert np.mean(counts) == pytest.approx(39, abs=1.0)


def test_seeded_runs_repeat_and_pay_rocket_equation_propellant(tmp_path):
    a = _run(tmp_path, 12.0, seed=7)
    b = _run(tmp_path, 12.0, seed=7)
    c = _run(tmp_path, 12.0, seed=8)
    dams_a = a.events[a.events["type"] == "debris_avoidance"]
    dams_b = b.events[b.events["type"] == "debris_avoidance"]
    dams_c = c.events[c.events["type"] == "debris_avoidance"]
    assert len(dams_a) >= 1
    assert list(dams_a["epoch_utc"]) == list(dams_b["epoch_utc"])
    assert list(dams_a["epoch_utc"]) != list(dams_c["epoch_utc"])
    spent = a.summary["propellant"]["spent_by_purpose_kg"]["debris_avoidance"]
    # hand computation: each 0.5 m/s burn costs m (1 - exp(-dv / (g0 Isp))) at Zvezda's Isp
    st = a.scenario.station
    isp = st.engine("Zvezda main engines").isp_s
    m = st.total_mass_kg
    one = m * (1.0 - math.exp(-0.5 / (G0_M_S2 * isp)))
    assert spent == pytest.approx(len(dams_a) * one, rel=0.01)


def test_bad_rate_is_refused(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(SCENARIO.format(rate=-1))
    with pytest.raises(InputError, match="rate_per_year"):
        load_scenario(path)
