"""Issue 15: option conflicts are refused (no option silently wins), absurd magnitudes and
work that would not fit are refused before it starts, and ``norad_id`` picks one object of a
multi-object element file. Every case: our error naming the parameter, and on the command
line one line and exit code 2 naming the flag."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest
from conftest import shared_file

import stationkeeper as sk
from stationkeeper.cli import main
from stationkeeper.errors import InputError
from stationkeeper.orbit.tle import shipped_2022_tle_path

HISTORY = ("tle", "goce_34602_2009-2013.tle")


def _refused(call, field: str, match: str | None = None) -> InputError:
    with pytest.raises(InputError, match=match) as exc:
        call()
    assert exc.value.field == field, str(exc.value)
    return exc.value


def _cli_refused(capsys, args: list[str], flag: str) -> str:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert flag in err and "Traceback" not in err and err.count("\n") == 1, err
    return err


def test_option_conflicts_are_refused(capsys):
    until = datetime(2013, 11, 1, tzinfo=UTC)
    _refused(lambda: sk.lifetime(until=until), "until", "tle_history")
    _cli_refused(capsys, ["lifetime", "--until", until.isoformat()], "--until")
    history = shared_file(*HISTORY)
    tle = shipped_2022_tle_path()
    _refused(lambda: sk.lifetime(tle=tle, tle_history=history), "tle")
    _refused(lambda: sk.reentry_predict(tle=tle, tle_history=history), "tle")
    for cmd in (["lifetime"], ["reentry", "predict"]):
        _cli_refused(capsys, cmd + ["--tle", str(tle), "--tle-history", str(history)], "--tle")
    _refused(lambda: sk.decay(5, bstar_from_tle=True, area_m2=100.0), "area_m2", "bstar")
    _refused(lambda: sk.lifetime(bstar_from_tle=True, area_m2=100.0), "area_m2", "bstar")
    _cli_refused(capsys, ["decay", "--bstar-from-tle", "--area-m2", "100"], "--area-m2")
    for extra in ({"area_m2": 1.0}, {"cd": 2.2}, {"bstar_from_tle": True}):
        _refused(lambda e=extra: sk.lifetime(tle_history=history, **e), next(iter(extra)))


def test_absurd_magnitudes_are_refused_before_any_work(capsys):
    for hours in (1e-9, math.nan):
        _refused(lambda h=hours: sk.track(h), "hours")
    _refused(lambda: sk.track(1e9), "step_s", "samples requested")
    _cli_refused(capsys, ["track", "--hours", "1e-9"], "--hours")
    _refused(lambda: sk.lifetime(max_years=1e9), "max_years", "years")
    _cli_refused(capsys, ["lifetime", "--max-years", "1e9"], "--max-years")
    err = _refused(lambda: sk.decay(180, output_step_days=1e-7), "output_step_days", "rows")
    assert "GiB" in str(err) or "MiB" in str(err)
    _cli_refused(capsys, ["decay", "--step-days", "1e-7"], "--step-days")
    history = shared_file(*HISTORY)
    _refused(lambda: sk.lifetime(tle_history=history, fit_days=math.nan), "fit_days")
    _cli_refused(capsys, ["lifetime", "--tle-history", str(history), "--fit-days", "nan"], "--fit")
    for area in (-1.0, 0.0, math.nan, math.inf):
        _refused(lambda a=area: sk.reentry_predict(casualty_area_m2=a), "casualty_area_m2")
    _cli_refused(capsys, ["reentry", "predict", "--casualty-area-m2", "-5"], "--casualty-area-m2")
    _refused(lambda: sk.reentry_predict(seed=-1), "seed")
    _cli_refused(capsys, ["reentry", "predict", "--seed", "-1"], "--seed")


def test_screen_seed_and_monte_carlo_size_are_checked(capsys):
    catalog = shipped_2022_tle_path()  # refused before the catalogue is read
    _refused(lambda: sk.screen(catalog, seed=-1, mc_samples=100), "seed")
    err = _refused(lambda: sk.screen(catalog, mc_samples=10**10), "mc_samples", "samples")
    assert " s" in str(err) or "hours" in str(err)
    _cli_refused(capsys, ["screen", "--catalog", str(catalog), "--mc-samples", str(10**10)], "--mc")
    _cli_refused(capsys, ["screen", "--catalog", str(catalog), "--seed", "-1"], "--seed")


def test_norad_id_picks_one_object_of_a_multi_object_file(tmp_path, capsys):
    iss = shipped_2022_tle_path().read_text().strip().splitlines()[-2:]
    delfi = shared_file("tle", "delfi-c3_32789_2021-2023.tle").read_text().strip().splitlines()
    both = tmp_path / "two.tle"
    both.write_text("\n".join(["DELFI-C3", *delfi[-2:], "ISS (ZARYA)", *iss]) + "\n")
    _refused(lambda: sk.track(0.5, tle=both), "tle", "2 different objects")
    assert sk.track(0.5, tle=both, norad_id=25544).summary["name"] == "ISS (ZARYA)"
    assert sk.track(0.5, tle=both, norad_id=32789).summary["name"] == "DELFI-C3"
    _refused(lambda: sk.track(0.5, tle=both, norad_id=1), "norad_id", "NORAD 1")
    assert main(["track", "--hours", "0.5", "--tle", str(both), "--norad-id", "32789"]) == 0
    capsys.readouterr()
    _cli_refused(capsys, ["track", "--tle", str(both), "--norad-id", "1"], "--norad-id")
    for cmd in (["decay", "--days", "1"], ["lifetime"], ["reentry", "predict"]):
        _cli_refused(capsys, cmd + ["--tle", str(both), "--norad-id", "1"], "--norad-id")
