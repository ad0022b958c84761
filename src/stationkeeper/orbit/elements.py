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
    #: The exact state the elements were fitted to (an OEM's): (epoch UTC, GCRS position m,
    #: velocity m/s); numeric propagators start from it. None for TLE/OMM sets.
    exact_state: tuple | None = None

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


#: (satrec attribute, field named in errors, factor to the unit shown, allowed interval, unit).
#: The limits are what an element set of an orbit can hold, with margin over the real records
#: (the 2022-01-22 catalogue of 23,939 objects and the shared histories: mean motion
#: 0.0196-16.6 rev/day, |B*| <= 0.93, |n-dot/2| <= 0.99999999, the field's largest value).
ELEMENT_LIMITS = (
    ("no_kozai", "mean_motion", 1440.0 / (2.0 * math.pi), (0.0, 20.0), "rev/day"),
    ("ecco", "eccentricity", 1.0, (0.0, 1.0), "(1 excluded)"),
    ("inclo", "inclination", 180.0 / math.pi, (0.0, 180.0), "deg"),
    ("nodeo", "ra_of_asc_node", 180.0 / math.pi, (-360.0, 360.0), "deg"),
    ("argpo", "arg_of_pericenter", 180.0 / math.pi, (-360.0, 360.0), "deg"),
    ("mo", "mean_anomaly", 180.0 / math.pi, (-360.0, 360.0), "deg"),
    ("bstar", "bstar", 1.0, (-10.0, 10.0), "1/earth radii"),
    ("ndot", "mean_motion_dot", 1440.0**2 / (2.0 * math.pi), (-1.0, 1.0), "rev/day^2"),
    ("nddot", "mean_motion_ddot", 1440.0**3 / (2.0 * math.pi), (-1e6, 1e6), "rev/day^3"),
)

#: Years an element-set epoch may fall in (the first satellite to the TLE format's last year).
EPOCH_YEARS = (1957, 2100)


def check_elements(es: ElementSet) -> ElementSet:
    """Refuse non-finite or absurd elements (NaN, infinity, out-of-range magnitudes, an epoch
    outside 1957-2100), whatever the file; re-entering orbits are :func:`check_orbit`'s."""
    sat = es.satrec
    where = dict(file=es.source, line=es.line_number)
    for attr, field, factor, (low, high), unit in ELEMENT_LIMITS:
        value = float(getattr(sat, attr)) * factor
        shown = f"{low:g} to {high:g}" + (f" {unit}" if unit else "")
        if not math.isfinite(value):
            raise InputError(f"{value} is not a number", field=field, allowed=shown, **where)
        if not low <= value <= high or (attr == "ecco" and value >= 1.0):
            raise InputError(f"{value:.6g} is out of range", field=field, allowed=shown, **where)
    jd = float(sat.jdsatepoch) + float(sat.jdsatepochF)
    first, last = EPOCH_YEARS
    # JD of 1957-01-01 and of 2101-01-01
    if not (math.isfinite(jd) and 2435839.5 <= jd < 2488434.5):
        raise InputError(
            "the epoch is not a date between 1957 and 2100",
            field="epoch",
            allowed=f"{first}-01-01 to {last}-12-31",
            **where,
        )
    return es


def check_orbit(es: ElementSet) -> ElementSet:
    """Refuse element sets that sgp4 rejects or whose perigee is below 100 km (and, first,
    non-finite or absurd elements: :func:`check_elements`)."""
    check_elements(es)
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
