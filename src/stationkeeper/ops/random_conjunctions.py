"""Debris-avoidance manoeuvres in scenarios, drawn at the historical rate.

A scenario with ``debris_avoidance = true`` does not screen a catalogue (that is
``stationkeeper screen``); it draws avoidance manoeuvres as a Poisson process at
the ISS's historical rate and spends propellant on each, so that long "what if"
runs carry the cost of dodging debris.

Defaults, with sources (``../shared/research/iss_facts.md`` section 5):

* rate: 39 debris-avoidance manoeuvres from the first in 1999 to November 2024
  (kallmorris.com, updated Nov 2024; 29 by May 2021 and 32 by Dec 2022 per NASA)
  -> 39 / 25.9 years = 1.5 per year;
* size: a pre-determined avoidance manoeuvre (PDAM) is a ~5-min Progress burn of
  0.3-1.0 m/s (spaceflight101; Interfax 2022/2023; TASS 2022): 0.5 m/s, posigrade.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from stationkeeper.constants import SECONDS_PER_DAY

DAM_RATE_PER_YEAR = 39 / 25.9
DAM_DV_M_S = 0.5


@dataclass(frozen=True)
class DebrisAvoidancePolicy:
    """Random avoidance burns: on/off, manoeuvres a year, Δv of each (m/s, posigrade), the
    engines' priority list (None: the reboost policy's)."""

    enabled: bool = False
    rate_per_year: float = DAM_RATE_PER_YEAR
    dv_m_s: float = DAM_DV_M_S
    engines: tuple[str, ...] | None = None  # None: the reboost policy's engines


def draw_manoeuvre_times(
    start: datetime, end: datetime, rate_per_year: float, rng: np.random.Generator
) -> list[datetime]:
    """Epochs of a Poisson process with ``rate_per_year`` between ``start`` and ``end``."""
    span_days = (end - start).total_seconds() / SECONDS_PER_DAY
    n = int(rng.poisson(rate_per_year * span_days / 365.25))
    days = np.sort(rng.uniform(0.0, span_days, n))
    return [start + timedelta(days=float(d)) for d in days]
