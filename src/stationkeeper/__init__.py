"""stationkeeper: a digital twin of the International Space Station.

The functions below are the same as the CLI commands:

* :func:`show_station` -- ``stationkeeper station show``
* :func:`decay` -- ``stationkeeper decay``
* :func:`lifetime` -- ``stationkeeper lifetime``
* :func:`track` -- ``stationkeeper track``
* :func:`screen` -- ``stationkeeper screen`` (debris avoidance)
* :func:`run_scenario` -- ``stationkeeper run SCENARIO.toml``
* :func:`deorbit_plan` -- ``stationkeeper deorbit plan``
* :func:`reentry_predict` -- ``stationkeeper reentry predict``
"""

from stationkeeper.api import (
    Result,
    decay,
    deorbit_plan,
    drag_object,
    lifetime,
    reentry_predict,
    run_scenario,
    screen,
    show_station,
    track,
)
from stationkeeper.errors import InputError, PhysicsError, StationkeeperError

__version__ = "0.1.0"

__all__ = [
    "InputError",
    "PhysicsError",
    "Result",
    "StationkeeperError",
    "decay",
    "deorbit_plan",
    "drag_object",
    "lifetime",
    "reentry_predict",
    "run_scenario",
    "screen",
    "show_station",
    "track",
]
