"""The scenario presets' files: the shipped templates (copies of ``examples/separation.toml``
and ``examples/partner-exit.toml``, package data under ``web/scenarios/``) with the sliders'
values written into a copy.

Values are written by replacing one exact line of the template each (so its comments, the
record of where every figure comes from, stay as they are); a template that no longer holds
that line is refused, so an edit of ``examples/`` cannot silently detach a slider.
"""

from __future__ import annotations

import re
from datetime import datetime
from importlib.resources import files
from pathlib import Path

SCENARIOS = files("stationkeeper.web") / "scenarios"
#: The templates the presets write their values into (copies of examples/, kept identical
#: by a test: after editing an example, copy it here).
TEMPLATES = ("partner-exit", "separation")


def template_text(name: str) -> str:
    """The text of the shipped template ``name`` (e.g. ``separation``)."""
    return (SCENARIOS / f"{name}.toml").read_text(encoding="utf-8")


def replace_once(text: str, pattern: str, new: str, what: str) -> str:
    """``text`` with the one line matching ``pattern`` (a regex, multiline) replaced."""
    found = re.findall(pattern, text, flags=re.M)
    if len(found) != 1:
        raise RuntimeError(f"scenario template: {what} found {len(found)} times (expected 1)")
    return re.sub(pattern, new, text, count=1, flags=re.M)


def with_solar(text: str, solar: str) -> str:
    """The ``[scenario] solar`` key set to ``solar``."""
    return replace_once(text, r'^solar = "\w+"', f'solar = "{solar}"', "solar")


def with_steps(text: str, step_days: float, flight_step_days: float) -> str:
    """``[scenario] output_step_days`` and ``flight_step_days`` added after ``duration_days``
    (speed: the preset)."""
    return replace_once(
        text,
        r"^(duration_days = .*)$",
        rf"\1\noutput_step_days = {step_days:g}   # web preset: coarser output step"
        rf"\nflight_step_days = {flight_step_days:g}   # web preset: longer propagator steps",
        "duration_days",
    )


def with_name(text: str, old_date: str, new_date: str) -> str:
    """The ``[scenario] name``, whose month and year are the template's event date
    (``old_date``, YYYY-MM-DD), with those of ``new_date`` instead."""
    month = "%B %Y"
    old = datetime.strptime(old_date, "%Y-%m-%d").strftime(month)
    new = datetime.strptime(new_date, "%Y-%m-%d").strftime(month)
    pattern = rf'^name = "(.*){re.escape(old)}(.*)"$'
    return replace_once(text, pattern, rf'name = "\g<1>{new}\g<2>"', f"the name with {old}")


def separation_toml(
    separation_date: str, solar: str, step_days: float, flight_step_days: float
) -> str:
    """``separation.toml`` with the split on ``separation_date`` (YYYY-MM-DD)."""
    text = template_text("separation")
    text = replace_once(
        text,
        r'^date = 2022-04-01\ntype = "separation"',
        f'date = {separation_date}\ntype = "separation"',
        "the separation event",
    )
    text = with_name(text, "2022-04-01", separation_date)
    return with_steps(with_solar(text, solar), step_days, flight_step_days)


def partner_exit_toml(
    exit_date: str, top_ups: str, solar: str, step_days: float, flight_step_days: float
) -> str:
    """``partner-exit.toml`` with Roscosmos leaving on ``exit_date``; ``top_ups`` ``on``
    keeps the on-demand propellant (Isp 300 s), ``off`` sets it to 0 (the flights alone)."""
    text = template_text("partner-exit")
    text = replace_once(
        text,
        r'^date = 2022-06-01\ntype = "partner_exit"',
        f'date = {exit_date}\ntype = "partner_exit"',
        "the partner-exit event of 2022-06-01",
    )
    isp = "300.0" if top_ups == "on" else "0.0"
    text = replace_once(text, r"^on_demand_isp_s = .*$", f"on_demand_isp_s = {isp}", "on_demand")
    text = with_name(text, "2022-06-01", exit_date)
    return with_steps(with_solar(text, solar), step_days, flight_step_days)


def write_scenario(workdir: Path, preset_id: str, text: str) -> Path:
    """Write ``text`` as ``<workdir>/<preset_id>.toml`` and return the path."""
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"{preset_id}.toml"
    path.write_text(text, encoding="utf-8")
    return path
