"""What flies: a :class:`Body` is the station, or after a separation each of its parts.

Its flight between two events: :mod:`stationkeeper.scenario.flight`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from stationkeeper.constants import R_EARTH_EQ_M
from stationkeeper.ops.consumables import Stock
from stationkeeper.station.model import Station


@dataclass
class Body:
    """One flying object of the scenario (the station; after a separation, each part).

    ``x``: the mean state (a, e cos ω, e sin ω, i, Ω) of the Averaged propagator (m, rad),
    ``x[0]`` the mean semi-major axis; ``stock``: consumables on board; the counters
    (``reboosts``, ``reboost_dv_m_s``, ``on_demand_kg``) and flags (``violation`` of the
    lifeboat rule, ``no_engine_logged``) feed the log and the summary; ``attitude_mode``:
    what holds its attitude (:func:`stationkeeper.ops.attitude.attitude_means`);
    ``consumables_out``: when a consumable ran out with crew aboard (the crew must leave);
    ``limits_seen``: the limits already reported for it.
    """

    name: str
    station: Station
    x: np.ndarray
    crew: int
    stock: Stock
    alive: bool = True
    reentry_utc: datetime | None = None
    regime: str = ""
    no_engine_logged: bool = False
    violation: bool = False
    reboosts: int = 0
    reboost_dv_m_s: float = 0.0
    on_demand_kg: float = 0.0
    born_utc: datetime | None = None
    losses: dict | None = None
    attitude_mode: str = ""
    consumables_out: datetime | None = None
    consumable_out: str = ""
    limits_seen: set[str] = field(default_factory=set)

    @property
    def altitude_km(self) -> float:
        """Mean altitude above the equatorial radius (km)."""
        return (float(self.x[0]) - R_EARTH_EQ_M) / 1e3
