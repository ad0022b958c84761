"""The scenario presets' longer propagator steps (``flight_step_days = 2``) against the
examples' 1-day steps: the answer moves by no more than the preset's assumptions say, and
the preset's title names the date chosen on its slider."""

from __future__ import annotations

from datetime import datetime

import pytest

from stationkeeper import api
from stationkeeper.scenario import load_scenario
from stationkeeper.web.presets import check_values, scenario_file


def _run(preset_id: str, values: dict, folder, flight_step_days: float):
    path = scenario_file(preset_id, check_values(preset_id, values), folder)
    text = path.read_text(encoding="utf-8")
    text = text.replace("flight_step_days = 2", f"flight_step_days = {flight_step_days:g}")
    path.write_text(text, encoding="utf-8")
    return api.run_scenario(path, seed=0).summary


def test_separation_preset_reenters_within_4_days_of_daily_steps(tmp_path):
    coarse = _run("separation", {}, tmp_path, 2.0)
    fine = _run("separation", {}, tmp_path, 1.0)
    for name, body in fine["bodies"].items():
        got = datetime.fromisoformat(coarse["bodies"][name]["reentry_utc"])
        want = datetime.fromisoformat(body["reentry_utc"])
        assert abs((got - want).total_seconds()) < 4 * 86400, name
    assert coarse["propellant"]["spent_kg"] == pytest.approx(
        fine["propellant"]["spent_kg"], rel=1e-3
    )


def test_roscosmos_preset_propellant_within_0_2_percent_of_daily_steps(tmp_path):
    coarse = _run("roscosmos-leaves", {}, tmp_path, 2.0)
    fine = _run("roscosmos-leaves", {}, tmp_path, 1.0)
    assert coarse["propellant"]["spent_kg"] == pytest.approx(
        fine["propellant"]["spent_kg"], rel=2e-3
    )
    b_coarse, b_fine = (s["bodies"]["International Space Station"] for s in (coarse, fine))
    assert b_coarse["reboosts"] == b_fine["reboosts"]


@pytest.mark.parametrize(
    ("preset_id", "values", "month"),
    [
        ("separation", {"separation_date": "2022-10-01"}, "October 2022"),
        ("roscosmos-leaves", {"exit_date": "2022-12-01"}, "December 2022"),
    ],
)
def test_preset_title_names_the_chosen_date(tmp_path, preset_id, values, month):
    path = scenario_file(preset_id, check_values(preset_id, values), tmp_path)
    sc = load_scenario(path)
    assert month in sc.name
    assert sc.flight_step_days == 2.0
