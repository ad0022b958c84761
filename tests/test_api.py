"""The public API: every function answers with one Result shape; errors name parameters."""

from __future__ import annotations

import json

import pytest

import stationkeeper as sk
from stationkeeper.cli import main
from stationkeeper.orbit.tle import shipped_2022_tle_path

TLE_2022 = shipped_2022_tle_path()  # observed space weather (to 2025-07-20) covers its runs


@pytest.fixture(scope="module")
def answers():
    """One cheap call of each public function that needs no shared data."""
    return {
        "station": sk.show_station(),
        "decay": sk.decay(5, solar="observed", tle=TLE_2022),
        "track": sk.track(0.5),
        "lifetime": sk.lifetime(solar="observed", mass_kg=1.3, area_m2=0.03, cd=2.2, tle=TLE_2022),
        "deorbit": sk.deorbit_plan("usdv", 1, with_risk=False),
    }


def test_every_function_returns_a_result_with_json_sentence_and_files(answers, tmp_path):
    for kind, result in answers.items():
        assert isinstance(result, sk.Result), kind
        assert result.kind == kind
        assert json.loads(result.to_json()) == json.loads(json.dumps(result.to_dict(), default=str))
        assert result.sentence and result.sentence.endswith("."), kind
        written = result.write(tmp_path / kind)
        assert {p.name for p in written} == set(result.files), kind
        assert all(p.stat().st_size > 0 for p in written), kind


def test_the_sentence_carries_the_numbers_of_the_summary(answers):
    d = answers["decay"].summary
    assert f"{d['end_mean_altitude_km']:.1f} km" in answers["decay"].sentence
    life = answers["lifetime"].summary["scenarios"]["observed"]
    assert life["reentry_utc"][:10] in answers["lifetime"].sentence


def test_cli_json_is_the_result_to_dict(answers, capsys):
    assert main(["station", "show", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(answers["station"].to_json())


def test_library_errors_name_the_parameter_and_the_cli_its_flag(capsys):
    with pytest.raises(sk.InputError) as err:
        sk.decay(days=-5)
    assert err.value.field == "days"
    with pytest.raises(sk.InputError) as err:
        sk.decay(10, output_step_days=20)
    assert err.value.field == "output_step_days"
    assert main(["decay", "--days", "10", "--step-days", "20"]) == 2
    assert "--step-days" in capsys.readouterr().err


def test_an_infeasible_plan_is_answered_with_its_problem():
    result = sk.deorbit_plan("progress", 1, with_entry=False, with_risk=False)
    assert result.summary["feasible"] is False
    assert result.problem is not None and result.problem.field == "count"
    with pytest.raises(sk.InputError):
        result.raise_problem()
