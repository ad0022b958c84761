"""One SGP4 element set, wherever it was read from, and its physical checks.

An :class:`ElementSet` is the `sgp4` ``Satrec`` plus where it came from (file, line) so
later errors can point at it. Readers: :mod:`stationkeeper.orbit.tle` (two-line elements
and element files of any kind) and :mod:`stationkeeper.orbit.omm` (CCSDS OMM records).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from sgp4.api import Satrec

from stationkeeper.constants import MIN_PERIGEE_ALTITUDE_M
from stationkeeper.errors import InputError, PhysicsError
from stationkeeper.utc import utc_from_jd

#: Earth's equatorial radius of WGS-72, km: SGP4's unit of length (TLE mean elements use it).
WGS72_RE_KM = 6378.135


@dataclass(frozen=True)
class ElementSet:
    """One SGP4 element set (from a TLE or an OMM) with its provenance."""

    satrec: Satrec
    name: str
    source: str
    line_number: int | None = None
    line1: str | None = None
    line2: str | None = None

    @property
    def epoch_utc(self) -> datetime:
        """Epoch of the elements, timezone-aware UTC (microsecond resolution)."""
        return utc_from_jd(self.satrec.jdsatepoch + self.satrec.jdsatepochF)

    @property
    def norad_id(self) -> int:
        return int(self.satrec.satnum)

    @property
    def mean_motion_rev_per_day(self) -> float:
        return self.satrec.no_kozai * 1440.0 / (2.0 * math.pi)

    @property
    def semi_major_axis_km(self) -> float:
        """SGP4 (Brouwer, un-Kozai'd) mean semi-major axis."""
        return self.satrec.a * WGS72_RE_KM

    @property
    def eccentricity(self) -> float:
        return float(self.satrec.ecco)

    @property
    def inclination_deg(self) -> float:
        return math.degrees(self.satrec.inclo)

    @property
    def mean_altitude_km(self) -> float:
        """Mean semi-major axis minus the equatorial radius (CelesTrak's convention)."""
        return self.semi_major_axis_km - WGS72_RE_KM

    @property
    def perigee_km(self) -> float:
        return self.semi_major_axis_km * (1.0 - self.eccentricity) - WGS72_RE_KM

    @property
    def apogee_km(self) -> float:
        return self.semi_major_axis_km * (1.0 + self.eccentricity) - WGS72_RE_KM

    @property
    def bstar_per_earth_radius(self) -> float:
        return float(self.satrec.bstar)

    def where(self) -> str:
        return self.source if self.line_number is None else f"{self.source}:{self.line_number}"


def check_orbit(es: ElementSet) -> ElementSet:
    """Refuse element sets that sgp4 rejects or whose perigee is below 100 km."""
    sat = es.satrec
    if sat.error:
        raise InputError(
            f"sgp4 rejected the elements (error code {sat.error})",
            file=es.source,
            line=es.line_number,
            field="elements",
            allowed="a valid SGP4 element set",
        )
    if not 0.0 <= sat.ecco < 1.0:
        raise InputError(
            f"eccentricity {sat.ecco} outside [0, 1)",
            file=es.source,
            line=es.line_number,
            field="eccentricity",
            allowed="0 <= e < 1",
        )
    if sat.no_kozai <= 0:
        raise InputError(
            "mean motion must be positive",
            file=es.source,
            line=es.line_number,
            field="mean_motion",
            allowed="> 0 rev/day",
        )
    limit_km = MIN_PERIGEE_ALTITUDE_M / 1e3
    if es.perigee_km < limit_km:
        raise PhysicsError(
            f"perigee altitude {es.perigee_km:.1f} km is below {limit_km:.0f} km: "
            "this object is re-entering, there is no orbit to propagate",
            file=es.source,
            line=es.line_number,
            field="perigee",
            allowed=f">= {limit_km:.0f} km",
        )
    return es
