"""Scenarios: the TOML scenario file (:mod:`.file`) and ``simulate`` (:mod:`.engine`)."""

from __future__ import annotations

from stationkeeper.scenario.engine import Result, simulate
from stationkeeper.scenario.file import EVENT_KEYS, Event, Scenario, load_scenario

__all__ = ["EVENT_KEYS", "Event", "Result", "Scenario", "load_scenario", "simulate"]
