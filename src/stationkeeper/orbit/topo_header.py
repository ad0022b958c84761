"""NASA TOPO's figures in the COMMENT lines of its ISS OEM files.

A TOPO ephemeris (NASA JSC FOD, "ISS Trajectory Data") carries, as ``COMMENT`` lines after
its META block: ``MASS=`` (kg), ``DRAG_AREA=`` (m²), ``DRAG_COEFF=``, ``SOLAR_RAD_AREA=``,
``SOLAR_RAD_COEFF=``, and a TRAJECTORY EVENT SUMMARY table between ``Begin sequence of
events`` and ``End sequence of events``: one row per event (name, TIG as day of year
``DDD:hh:mm:ss.sss`` GMT, Δv m/s, HA and HP km after it), each followed by a row of the
same figures in ft/s and nautical miles (skipped). The year of a TIG is the segment's
START_TIME's (the next year when the day of year is earlier than the start's).

The drag figures are TOPO's own fit for its own atmosphere model (they change from file to
file: Cd·A 4,890 m² in 2023, 3,050 m² in 2024), not physical constants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from stationkeeper.errors import InputError
from stationkeeper.orbit.ballistic import DragObject
from stationkeeper.orbit.elements import ElementSet
from stationkeeper.orbit.oem import is_oem_text, parse_epoch, parse_oem
from stationkeeper.orbit.oem_xml import oem_lines
from stationkeeper.textfile import read_text_file

#: The COMMENT keys read (key → attribute).
TOPO_KEYS = {
    "MASS": "mass_kg",
    "DRAG_AREA": "drag_area_m2",
    "DRAG_COEFF": "drag_coeff",
    "SOLAR_RAD_AREA": "solar_rad_area_m2",
    "SOLAR_RAD_COEFF": "solar_rad_coeff",
}
_EVENT = re.compile(
    r"^\s*(?P<name>\S.*?)\s+(?P<doy>\d{3}):(?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2}(?:\.\d*)?)"
    r"\s+(?P<dv>-?\d+(?:\.\d*)?)\s+(?P<ha>-?\d+(?:\.\d*)?)\s+(?P<hp>-?\d+(?:\.\d*)?)\s*$"
)


@dataclass(frozen=True)
class TopoEvent:
    """One row of TOPO's TRAJECTORY EVENT SUMMARY."""

    name: str
    tig_utc: datetime
    dv_m_s: float
    apogee_km: float
    perigee_km: float
    line: int

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "tig_utc": self.tig_utc.isoformat(),
            "dv_m_s": self.dv_m_s,
            "apogee_km": self.apogee_km,
            "perigee_km": self.perigee_km,
        }


@dataclass(frozen=True)
class TopoHeader:
    """TOPO's mass and drag figures (None where the file has none) and its events."""

    source: str
    mass_kg: float | None = None
    drag_area_m2: float | None = None
    drag_coeff: float | None = None
    solar_rad_area_m2: float | None = None
    solar_rad_coeff: float | None = None
    events: tuple[TopoEvent, ...] = ()

    @property
    def has_drag(self) -> bool:
        return None not in (self.mass_kg, self.drag_area_m2, self.drag_coeff)

    @property
    def cd_area_m2(self) -> float | None:
        """TOPO's Cd·A, m² (None without both figures)."""
        if self.drag_area_m2 is None or self.drag_coeff is None:
            return None
        return self.drag_area_m2 * self.drag_coeff

    @property
    def ballistic_coefficient_kg_m2(self) -> float | None:
        """TOPO's m/(Cd·A), kg/m² (None without the three figures)."""
        return self.mass_kg / self.cd_area_m2 if self.has_drag else None

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "mass_kg": self.mass_kg,
            "drag_area_m2": self.drag_area_m2,
            "drag_coeff": self.drag_coeff,
            "cd_area_m2": self.cd_area_m2,
            "ballistic_coefficient_kg_m2": self.ballistic_coefficient_kg_m2,
            "events": [e.as_dict() for e in self.events],
            "note": "TOPO's own fit for its own atmosphere model, not physical constants",
        }


def parse_topo_header(text: str, source: str = "<string>") -> TopoHeader:
    """TOPO's figures and events in the COMMENT lines of an OEM text (see module doc)."""
    oem = parse_oem(text, source, states_required=False)
    start = next(
        (parse_epoch(s.meta["START_TIME"], source, s.line, "START_TIME") for s in oem.segments),
        None,
    )
    values: dict = {}
    events: list[TopoEvent] = []
    in_events = False
    for n, raw in oem_lines(text, source):  # KVN, or the KVN lines of an XML OEM
        line = raw.strip()
        if not line.startswith("COMMENT"):
            continue
        body = raw.split("COMMENT", 1)[1]
        word = body.strip()
        if word.startswith("Begin sequence of events"):
            in_events = True
        elif word.startswith("End sequence of events"):
            in_events = False
        elif in_events:
            if m := _EVENT.match(body):
                events.append(_event(m, start, source, n))
        elif "=" in word:
            key, _, value = word.partition("=")
            key = key.strip().upper()
            if key in TOPO_KEYS:
                values[TOPO_KEYS[key]] = _number(value, key, source, n)
    return TopoHeader(source, **values, events=tuple(events))


def read_topo_header(path: str | Path) -> TopoHeader:
    """:func:`parse_topo_header` of the file ``path``."""
    return parse_topo_header(read_text_file(path, "a CCSDS OEM file"), str(path))


def _number(value: str, key: str, source: str, line: int) -> float:
    try:
        x = float(value)
    except ValueError:
        x = float("nan")
    if not x >= 0.0 or x == float("inf"):
        raise InputError(
            f"{value.strip()!r} is not a number >= 0", file=source, line=line, field=key,
            allowed="a finite number >= 0 (kg, m^2)",
        )  # fmt: skip
    return x


def _event(m: re.Match, start: datetime | None, source: str, line: int) -> TopoEvent:
    if start is None:
        raise InputError(
            "an event row without a META block to date it", file=source, line=line,
            field="START_TIME", allowed="a META block with START_TIME before the events",
        )  # fmt: skip
    doy = int(m["doy"])
    year = start.year + (1 if doy < start.timetuple().tm_yday else 0)
    hours, minutes, seconds = int(m["h"]), int(m["m"]), float(m["s"])
    if not (1 <= doy <= 366 and hours < 24 and minutes < 60 and seconds < 61):
        raise InputError(
            f"TIG {m['doy']}:{m['h']}:{m['m']}:{m['s']} is not a time", file=source, line=line,
            field="TIG", allowed="DDD:hh:mm:ss.sss (day of year, GMT)",
        )  # fmt: skip
    tig = datetime(year, 1, 1, tzinfo=UTC) + timedelta(
        days=doy - 1, hours=hours, minutes=minutes, seconds=seconds
    )
    return TopoEvent(m["name"].strip(), tig, float(m["dv"]), float(m["ha"]), float(m["hp"]), line)


def oem_topo_header(tle) -> TopoHeader | None:
    """TOPO's figures of ``tle`` where it is a path to an OEM file, else None (a TLE, an
    element set, nothing)."""
    if tle is None or isinstance(tle, ElementSet):
        return None
    path = Path(tle)
    try:
        text = read_text_file(path, "an element file")
    except InputError:
        return None  # the element loader has already said what is wrong with the file
    return parse_topo_header(text, str(path)) if is_oem_text(text) else None


def topo_drag_object(topo: TopoHeader) -> DragObject:
    """A drag object with TOPO's MASS, DRAG_AREA and DRAG_COEFF as they are (``--drag topo``
    with an OEM that has them)."""
    name = Path(topo.source).name
    return DragObject(
        "ISS",
        topo.mass_kg,
        topo.drag_area_m2,
        topo.drag_coeff,
        f"NASA TOPO header of {name}",
        drag="topo",
        drag_label=(
            f"NASA TOPO's figures in {name} as they are: Cd {topo.drag_coeff:.2f} x "
            f"{topo.drag_area_m2:,.2f} m², {topo.mass_kg:,.0f} kg (TOPO's own fit for its own "
            "atmosphere model)"
        ),
    )
