"""A scenario run without --seed draws one and records it; re-running with it repeats the run."""

from __future__ import annotations

from pathlib import Path

from stationkeeper.scenario import load_scenario, simulate

SCENARIO = """[scenario]
name = "seeded"
duration_days = 120
solar = "observed"
debris_avoidance = true

[debris_avoidance]
rate_per_year = 12.0
"""


def test_an_unseeded_run_records_its_seed_and_the_seed_repeats_it(tmp_path: Path):
    p = tmp_path / "s.toml"
    p.write_text(SCENARIO)
    sc = load_scenario(p)
    first = simulate(sc)
    seed = first.summary["seed"]
    assert isinstance(seed, int)
    again = simulate(sc, seed=seed)
    keep = ["epoch_utc", "type", "name", "dv_m_s"]
    assert first.events[keep].equals(again.events[keep])
    assert (first.events["type"] == "debris_avoidance").any()  # the seed mattered
