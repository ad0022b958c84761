"""The 2022 questions as guided presets: at most three controls each, defaults that answer the
question as asked in 2022, the answer from the same API call as the CLI (``cli_args`` gives
the ``stationkeeper`` arguments of the same answer; a test runs both and compares)."""

from __future__ import annotations

import math
import tempfile
from dataclasses import replace
from pathlib import Path

from stationkeeper import api
from stationkeeper.errors import InputError
from stationkeeper.parallel import Progress
from stationkeeper.report.result import Result
from stationkeeper.web import preset_scenarios as ps
from stationkeeper.web.preset_questions import (
    DEORBIT_PLANS,
    PARTNER_EXIT_STEP_DAYS,
    PRESET_FLIGHT_STEP_DAYS,
    PRESETS,
    SCENARIO_SEED,
    SEPARATION_STEP_DAYS,
    Control,
    Preset,
    preset_list,
)


def preset(preset_id: str) -> Preset:
    """The preset ``preset_id`` (InputError naming the known ones)."""
    if preset_id not in PRESETS:
        raise InputError(
            f"unknown preset {preset_id!r}", field="preset", allowed=", ".join(PRESETS)
        )
    return PRESETS[preset_id]


def check_value(c: Control, value) -> float | int | str:
    """One control's value checked against its range or options."""
    if c.kind == "choice":
        text = str(value)
        if text not in c.options:
            raise InputError(f"{value!r}", field=c.name, allowed=", ".join(c.options))
        return text
    allowed = f"{c.min:g} to {c.max:g}" + (f" in steps of {c.step:g}" if c.step else "")
    try:
        x = float(value) if not isinstance(value, bool) else math.nan
    except (TypeError, ValueError):
        x = math.nan
    if not (math.isfinite(x) and c.min <= x <= c.max):
        raise InputError(f"{value!r}", field=c.name, allowed=allowed)
    if c.step and float(c.step).is_integer() and float(c.min).is_integer():
        if not x.is_integer() or (x - c.min) % c.step:
            raise InputError(f"{value!r}", field=c.name, allowed=allowed)
        return int(x)
    return x


def check_values(preset_id: str, values: dict | None) -> dict:
    """The preset's values, checked (InputError naming the control and its range), with
    the defaults filled in."""
    p = preset(preset_id)
    values = dict(values or {})
    names = [c.name for c in p.controls]
    for key in values:
        if key not in names:
            raise InputError(f"unknown control {key!r}", field=str(key), allowed=", ".join(names))
    return {c.name: check_value(c, values.get(c.name, c.default)) for c in p.controls}


def scenario_file(preset_id: str, v: dict, workdir: Path) -> Path:
    """Write the scenario preset's file with the values ``v`` into ``workdir``."""
    if preset_id == "separation":
        text = ps.separation_toml(
            v["separation_date"], v["solar"], SEPARATION_STEP_DAYS, PRESET_FLIGHT_STEP_DAYS
        )
    else:
        text = ps.partner_exit_toml(
            v["exit_date"], v["top_ups"], v["solar"], PARTNER_EXIT_STEP_DAYS,
            PRESET_FLIGHT_STEP_DAYS,
        )  # fmt: skip
    return ps.write_scenario(workdir, preset_id, text)


def need_upload(upload: Path | None) -> Path:
    """The uploaded catalogue (InputError when missing)."""
    if upload is None:
        raise InputError("this question needs a catalogue file", field="catalogue",
                         allowed="a 3LE/TLE or OMM (.json/.csv) catalogue")  # fmt: skip
    return Path(upload)


def deorbit_sentence(res: Result, failure_probability: str) -> str:
    """The deorbit sentence with the expected casualties at the chosen failure probability."""
    case = ((res.summary.get("risk") or {}).get("cases") or {}).get("surviving_20%") or {}
    ec = (case.get("by_failure_probability") or {}).get(failure_probability)
    if ec is None:
        return res.sentence
    p = float(failure_probability)
    return (
        f"{res.sentence} With a {p:.1%} chance that the final burn fails, the expected "
        f"casualties are {ec:.1e} (20 % of the mass surviving; "
        f"{case['uncontrolled_expected_casualties']:.1e} uncontrolled; limit 1e-04)."
    )


def run_preset(
    preset_id: str,
    values: dict | None,
    *,
    progress: Progress | None = None,
    upload: Path | None = None,
    scheduler: str | None = None,
    workdir: Path | None = None,
) -> Result:
    """The preset's answer (the same API call as :func:`cli_args`' command). ``workdir``:
    where a scenario preset writes its file (a temporary folder when None)."""
    v = check_values(preset_id, values)
    if preset_id in ("separation", "roscosmos-leaves"):
        if workdir is None:
            with tempfile.TemporaryDirectory(prefix="stationkeeper-preset-") as tmp:
                path = scenario_file(preset_id, v, Path(tmp))
                return api.run_scenario(path, seed=SCENARIO_SEED, progress=progress)
        path = scenario_file(preset_id, v, Path(workdir))
        return api.run_scenario(path, seed=SCENARIO_SEED, progress=progress)
    if preset_id == "abandoned":
        return api.reentry_predict(samples=v["samples"], seed=v["seed"], country=v["country"],
                                   scheduler=scheduler, progress=progress)  # fmt: skip
    if preset_id == "deorbit":
        vehicle, count = DEORBIT_PLANS[v["plan"]]
        res = api.deorbit_plan(vehicle, count)
        return replace(res, sentence=deorbit_sentence(res, v["failure_probability"]))
    return api.screen(need_upload(upload), days=float(v["days"]), radial_km=float(v["radial_km"]),
                      scheduler=scheduler, progress=progress)  # fmt: skip


def cli_args(preset_id: str, values: dict | None, workdir: Path, upload: Path | None = None):
    """The ``stationkeeper`` arguments (no program name, with ``--json``) of the same answer
    as :func:`run_preset` (a scenario preset writes its file into ``workdir``)."""
    v = check_values(preset_id, values)
    if preset_id in ("separation", "roscosmos-leaves"):
        path = scenario_file(preset_id, v, Path(workdir))
        return ["run", str(path), "--seed", str(SCENARIO_SEED), "--json"]
    if preset_id == "abandoned":
        return ["reentry", "predict", "--samples", str(v["samples"]), "--seed", str(v["seed"]),
                "--country", v["country"], "--json"]  # fmt: skip
    if preset_id == "deorbit":
        vehicle, count = DEORBIT_PLANS[v["plan"]]
        return ["deorbit", "plan", "--vehicle", vehicle, "--count", str(count), "--json"]
    return ["screen", "--catalog", str(need_upload(upload)), "--days", f"{v['days']:g}",
            "--radial-km", v["radial_km"], "--json"]  # fmt: skip


__all__ = ["PRESETS", "Control", "Preset", "check_values", "cli_args", "preset_list", "run_preset"]
