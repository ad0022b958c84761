"""The propagator choice: Averaged (orbit-averaged rates, years in seconds) or Cowell (DOP853)."""

from __future__ import annotations

from stationkeeper.constants import SECONDS_PER_DAY
from stationkeeper.errors import InputError
from stationkeeper.orbit.averaged import propagate_averaged
from stationkeeper.orbit.cowell import propagate_cowell
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.state import State
from stationkeeper.orbit.trajectory import Trajectory
from stationkeeper.parallel import Progress

#: The propagators a user can choose, by name.
PROPAGATORS = ("averaged", "cowell")


def propagate(
    state: State,
    forces: ForceModel,
    days: float,
    propagator: str = "averaged",
    output_step_days: float = 1.0,
    stop_altitude_m: float | None = None,
    progress: Progress | None = None,
) -> Trajectory:
    """Propagate ``state`` for ``days`` with the propagator named ``propagator``.

    Parameters
    ----------
    days : float
        Span, days.
    output_step_days : float
        Output row spacing, days.
    stop_altitude_m : float, optional
        Stop when the mean altitude falls below this (m); ``None`` runs the whole span.
    """
    if propagator not in PROPAGATORS:
        raise InputError(
            f"unknown propagator {propagator!r}", field="propagator", allowed=", ".join(PROPAGATORS)
        )
    fn = propagate_averaged if propagator == "averaged" else propagate_cowell
    return fn(
        state,
        forces,
        days * SECONDS_PER_DAY,
        output_step_s=output_step_days * SECONDS_PER_DAY,
        stop_altitude_m=stop_altitude_m,
        progress=progress,
    )
