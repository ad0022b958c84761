"""stationkeeper: a digital twin of the International Space Station.

The functions below are the same as the CLI commands, and each returns a :class:`Result`:

* :func:`show_station` -- ``stationkeeper station show``
* :func:`decay` -- ``stationkeeper decay``
* :func:`lifetime` -- ``stationkeeper lifetime``
* :func:`track` -- ``stationkeeper track``
* :func:`screen` -- ``stationkeeper screen`` (debris avoidance)
* :func:`run_scenario` -- ``stationkeeper run SCENARIO.toml``
* :func:`deorbit_plan` -- ``stationkeeper deorbit plan``
* :func:`reentry_predict` -- ``stationkeeper reentry predict``

They are loaded on first use (PEP 562), so that importing one low-level module — a worker
process importing ``stationkeeper.orbit.batch`` — does not load the whole program.
"""

from __future__ import annotations

import importlib

from stationkeeper.errors import InputError, PhysicsError, StationkeeperError

__version__ = "0.1.0"

_API_NAMES = (
    "Result",
    "decay",
    "deorbit_plan",
    "drag_object",
    "lifetime",
    "reentry_predict",
    "run_scenario",
    "screen",
    "show_station",
    "track",
)

__all__ = ["InputError", "PhysicsError", "StationkeeperError", *_API_NAMES]


def __getattr__(name: str):
    if name in _API_NAMES:
        return getattr(importlib.import_module("stationkeeper.api"), name)
    raise AttributeError(f"module 'stationkeeper' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API_NAMES))
