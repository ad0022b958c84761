"""``stationkeeper deorbit plan``: a target on land is refused; an infeasible plan is still
answered (JSON with the shortfall), with exit 2 and the shortfall on stderr."""

from __future__ import annotations

import json

from stationkeeper.cli import main


def test_cli_deorbit_plan(capsys):
    assert main(["deorbit", "plan", "--target", "40,-100", "-q"]) == 2
    assert "on land" in capsys.readouterr().err
    code = main(["deorbit", "plan", "--vehicle", "progress", "--count", "3", "--json", "-q"])
    captured = capsys.readouterr()
    assert code == 2
    plan = json.loads(captured.out)
    assert plan["feasible"] is False and plan["shortfall_kg"] > 0
    assert "short by" in captured.err
