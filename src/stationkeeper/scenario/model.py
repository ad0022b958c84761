"""What a scenario file says, parsed and validated: the :class:`Scenario` and its events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from stationkeeper.ops.attitude import AttitudeBudget
from stationkeeper.ops.consumables import Stock
from stationkeeper.ops.random_conjunctions import DebrisAvoidancePolicy
from stationkeeper.ops.reboost import ReboostPolicy
from stationkeeper.orbit.tle import ElementSet
from stationkeeper.station.model import Station


@dataclass(frozen=True)
class Event:
    """One ``[[events]]`` entry: its position in the file (``index``, ``line``), its UTC
    ``date``, its ``type`` (a key of :data:`stationkeeper.scenario.events.EVENT_TYPES`) and
    its keys as written (``fields``)."""

    index: int
    line: int | None
    date: datetime
    type: str
    fields: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key`` in the event, or ``default``."""
        return self.fields.get(key, default)


#: Allowed ``[scenario] flight_step_days`` (the propagator's longest step, days). Against
#: 3-hour RK4 steps the separation example's reentries move by 7-26 h with 1-day steps and by
#: about 2 days with 2-day steps (benchmarks/README.md); beyond 3 days the daily space weather is
#: sampled too sparsely to mean anything.
FLIGHT_STEP_DAYS = (0.05, 3.0)


@dataclass
class Scenario:
    """A parsed, validated scenario (the file format: :mod:`stationkeeper.scenario.file`)."""

    path: str
    name: str
    start: datetime
    duration_days: float
    solar: str
    atmosphere: str
    output_step_days: float
    station: Station
    crew: int
    policy: ReboostPolicy
    consumables: Stock
    water_recovery: float
    events: list[Event]
    tle_where: str = ""
    elements: ElementSet | None = None
    description: str = ""
    flight_step_days: float = 1.0  # the propagator's longest step (scenario.flight)
    debris_avoidance: DebrisAvoidancePolicy = field(default_factory=DebrisAvoidancePolicy)
    attitude: AttitudeBudget = field(default_factory=AttitudeBudget)

    @property
    def end(self) -> datetime:
        """The end of the run (UTC): ``start`` + ``duration_days``."""
        return self.start + timedelta(days=self.duration_days)
