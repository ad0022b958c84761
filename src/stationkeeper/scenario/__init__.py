"""Scenarios: the TOML scenario file (:mod:`.file`), its event types (:mod:`.events`) and
``simulate`` (:mod:`.loop`)."""

from __future__ import annotations

from stationkeeper.scenario.events import EVENT_KEYS, EVENT_TYPES
from stationkeeper.scenario.file import load_scenario
from stationkeeper.scenario.loop import Result, simulate
from stationkeeper.scenario.model import Event, Scenario

__all__ = ["EVENT_KEYS", "EVENT_TYPES", "Event", "Result", "Scenario", "load_scenario", "simulate"]
