"""Every preset's answer is the CLI's answer: ``run_preset(...).to_dict()`` equals the JSON that
``stationkeeper <cli_args>`` prints, run as a separate process (parsed; floats to 1e-7 relative
and times to 1 s, because a run inside a long test session can differ from a fresh process in
the last bits of a float, which a 4-year decay carries to tens of milliseconds). Also:
the shipped scenario templates are the examples, and bad control values are refused with the
control's name and its allowed range."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import REPO, shared_file

from stationkeeper.errors import InputError
from stationkeeper.web import preset_scenarios
from stationkeeper.web.presets import PRESETS, check_values, cli_args, preset_list, run_preset

CLI = Path(sys.executable).parent / "stationkeeper"


def cli_json(args: list[str]) -> dict:
    """The JSON ``stationkeeper ARGS`` prints (exit 0, or 2 for an answer with a problem)."""
    done = subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=900)
    assert done.returncode in (0, 2), done.stderr[-2000:]
    return json.loads(done.stdout)


def _as_time(text: str) -> datetime | None:
    if len(text) < 19 or text[4] != "-" or text[10] != "T":
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def differences(mine, theirs, where: str = "") -> list[str]:
    """Where two parsed JSON answers differ beyond float noise (empty when they are the same)."""
    if isinstance(mine, dict) and isinstance(theirs, dict):
        if mine.keys() != theirs.keys():
            return [f"{where}: keys {sorted(mine.keys() ^ theirs.keys())} in one answer only"]
        return [d for k in mine for d in differences(mine[k], theirs[k], f"{where}.{k}")]
    if isinstance(mine, list) and isinstance(theirs, list):
        if len(mine) != len(theirs):
            return [f"{where}: {len(mine)} items != {len(theirs)}"]
        pairs = enumerate(zip(mine, theirs, strict=True))
        return [d for i, (a, b) in pairs for d in differences(a, b, f"{where}[{i}]")]
    numbers = (int, float)
    if isinstance(mine, numbers) and isinstance(theirs, numbers) and not isinstance(mine, bool):
        same = math.isclose(mine, theirs, rel_tol=1e-7, abs_tol=1e-9)
        return [] if same else [f"{where}: {mine!r} != {theirs!r}"]
    if isinstance(mine, str) and isinstance(theirs, str) and mine != theirs:
        ta, tb = _as_time(mine), _as_time(theirs)
        if ta is not None and tb is not None and abs((ta - tb).total_seconds()) <= 1.0:
            return []
    return [] if mine == theirs else [f"{where}: {mine!r} != {theirs!r}"]


def test_differences_sees_a_real_change_but_not_float_noise():
    a = {"x": [1.0, "2024-01-27T15:02:48.836191+00:00"], "n": 3, "s": "US"}
    noise = {"x": [1.0 + 1e-12, "2024-01-27T15:02:48.900000+00:00"], "n": 3, "s": "US"}
    assert differences(a, noise) == []
    assert differences(a, {**a, "n": 4}) == [".n: 3 != 4"]
    assert differences(a, {**a, "x": [1.001, a["x"][1]]})
    assert differences(a, {**a, "x": [1.0, "2024-01-27T15:02:50+00:00"]})
    assert differences(a, {**a, "s": "RS"})


def same_as_cli(preset_id: str, values: dict, workdir: Path, upload: Path | None = None):
    res = run_preset(preset_id, values, upload=upload, workdir=workdir)
    mine = json.loads(json.dumps(res.to_dict(), default=str))  # as print_json writes it
    theirs = cli_json(cli_args(preset_id, values, workdir, upload))
    assert differences(mine, theirs) == []
    return res


@pytest.fixture(scope="module")
def small_catalogue(tmp_path_factory) -> Path:
    """The ISS and 300 objects near its altitude cut from the 2022-01-22 catalogue."""
    lines = shared_file("tle", "catalog_2022-01-22.3le").read_text().splitlines()
    recs = [lines[i : i + 3] for i in range(0, len(lines) - 2, 3)]
    keep = [r for r in recs if r[1][2:7] == "25544" or 15.3 <= float(r[2][52:63]) <= 15.7]
    path = tmp_path_factory.mktemp("cat") / "catalogue.3le"
    path.write_text("\n".join("\n".join(r) for r in keep[:300]) + "\n", encoding="utf-8")
    return path


def test_separation_preset_is_the_cli_answer(tmp_path):
    res = same_as_cli("separation", {"separation_date": "2022-06-01", "solar": "high"}, tmp_path)
    assert res.summary["solar"] == "high"
    seps = res.tables["events"].query("type == 'separation'")
    assert str(seps["epoch_utc"].iloc[0])[:10] == "2022-06-01"


def test_roscosmos_leaves_preset_is_the_cli_answer(tmp_path):
    res = same_as_cli("roscosmos-leaves", {"top_ups": "off"}, tmp_path)
    assert res.summary["propellant"]["on_demand_kg"] == 0.0  # no top-ups: the flights alone


def test_abandoned_preset_is_the_cli_answer(tmp_path):
    res = same_as_cli("abandoned", {"samples": 100, "seed": 7, "country": "AUS"}, tmp_path)
    assert res.summary["samples"] == 100 and res.summary["seed"] == 7
    assert res.summary["country"]["name"] == "Australia"


def test_deorbit_three_progress_is_the_cli_answer(tmp_path):
    res = same_as_cli("deorbit", {"plan": "3 progress"}, tmp_path)
    assert res.summary["vehicle"] == "progress" and res.summary["count"] == 3


@pytest.mark.slow
def test_deorbit_usdv_is_the_cli_answer(tmp_path):
    res = same_as_cli("deorbit", {"failure_probability": "0.05"}, tmp_path)
    case = res.summary["risk"]["cases"]["surviving_20%"]
    assert f"{case['by_failure_probability']['0.05']:.1e}" in res.sentence


def test_debris_preset_is_the_cli_answer(tmp_path, small_catalogue):
    res = same_as_cli("debris", {"days": 1, "radial_km": "2"}, tmp_path, small_catalogue)
    assert res.summary["days"] == 1.0 and res.summary["volume"]["radial_km"] == 2.0


def test_shipped_templates_are_the_examples():
    for name in preset_scenarios.TEMPLATES:
        shipped = preset_scenarios.template_text(name)
        example = (REPO / "examples" / f"{name}.toml").read_text(encoding="utf-8")
        assert shipped == example, f"copy examples/{name}.toml to src/stationkeeper/web/scenarios/"
    shipped = {p.name for p in (REPO / "src/stationkeeper/web/scenarios").glob("*.toml")}
    assert shipped == {f"{n}.toml" for n in preset_scenarios.TEMPLATES}


def test_package_data_lists_the_templates():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"web/scenarios/*.toml"' in text


@pytest.mark.parametrize(
    ("preset_id", "values", "field", "allowed"),
    [
        ("abandoned", {"samples": 50}, "samples", "100 to 20000"),
        ("abandoned", {"samples": 150}, "samples", "in steps of 100"),
        ("abandoned", {"samples": "many"}, "samples", "100 to 20000"),
        ("abandoned", {"seed": True}, "seed", "0 to 1e+06"),
        ("debris", {"days": 30}, "days", "1 to 7"),
        ("separation", {"separation_date": "2023-01-01"}, "separation_date", "2022-04-01"),
        ("separation", {"solar": "wild"}, "solar", "low, nominal, high"),
        ("roscosmos-leaves", {"top_ups": "maybe"}, "top_ups", "on, off"),
        ("deorbit", {"failure_probability": "0.5"}, "failure_probability", "0.001, 0.01"),
        ("deorbit", {"vehicles": "usdv"}, "vehicles", "plan, failure_probability"),
    ],
)
def test_bad_values_name_the_control_and_its_range(preset_id, values, field, allowed):
    with pytest.raises(InputError) as err:
        check_values(preset_id, values)
    assert err.value.field == field
    assert allowed in str(err.value.allowed)


def test_debris_needs_its_upload():
    with pytest.raises(InputError) as err:
        run_preset("debris", {})
    assert err.value.field == "catalogue"


def test_presets_as_listed():
    listed = preset_list()
    json.dumps(listed)
    assert [p["id"] for p in listed] == list(PRESETS)
    for p in listed:
        assert 1 <= len(p["controls"]) <= 3 and p["assumptions"] and p["question"].endswith("?")
        defaults = {c["name"]: c["default"] for c in p["controls"]}
        assert check_values(p["id"], {}) == defaults  # the defaults pass their own checks
    assert {p["id"] for p in listed if p["long"]} >= {"abandoned", "debris"}
    assert [p["id"] for p in listed if p["needs_upload"]] == ["debris"]
