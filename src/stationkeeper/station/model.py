"""The station as data: modules, docked vehicles, engines, propellant tanks, and the
stations derived from one (overrides, tank fills, undocking, one segment).

How the masses add up (the one rule every mass follows) is in
:mod:`stationkeeper.station.totals`. Segment of a vehicle = segment of the module that owns
its docking port. Segment of an engine or tank = segment of its host (module or vehicle).
Units are SI; names carry units.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from stationkeeper.constants import G0_M_S2
from stationkeeper.errors import InputError
from stationkeeper.station.totals import StationTotals

# --- allowed vocabularies (the loader's error messages list these) ---------------

PARTNER_AGENCIES: tuple[str, ...] = ("NASA", "Roscosmos", "JAXA", "ESA", "CSA")
"""The five ISS partner agencies."""

COMMERCIAL_OWNERS: tuple[str, ...] = (
    "SpaceX",
    "Northrop Grumman",
    "Boeing",
    "Nanoracks",
    "Axiom Space",
    "Sierra Space",
)
"""Companies that own hardware at the station (visiting vehicles, Bishop airlock)."""

OWNERS: tuple[str, ...] = PARTNER_AGENCIES + COMMERCIAL_OWNERS
SEGMENTS: tuple[str, ...] = ("russian", "us")
MODULE_KINDS: tuple[str, ...] = (
    "pressurized",
    "adapter",
    "truss",
    "robotics",
    "external",
    "unaccounted",
)
VEHICLE_TYPES: tuple[str, ...] = (
    "Soyuz MS",
    "Progress MS",
    "Crew Dragon",
    "Cargo Dragon",
    "Cygnus",
    "Starliner",
    "HTV",
    "HTV-X",
    "ATV",
    "Dream Chaser",
    "USDV",
)
DRAG_CHOICES: tuple[str, ...] = ("fitted", "topo")
"""``fitted``: the station file's ``[drag]`` scale (fitted to the real orbit) on its Cd·A;
``topo``: the file's Cd and drag area as they are (NASA TOPO's for the shipped ISS)."""
ENGINE_ROLES: tuple[str, ...] = ("reboost", "attitude")
"""``reboost``: can raise the orbit (thrust along the velocity vector in the usual
attitude); ``attitude``: attitude control / desaturation only."""


def _check_positive(value: float, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"must be a number, got {value!r}", field=what, allowed="> 0")
    if not math.isfinite(value) or value <= 0:
        raise InputError(f"must be a finite number > 0, got {value!r}", field=what, allowed="> 0")
    return float(value)


@dataclass(frozen=True)
class Module:
    """A permanent element of the station (pressurised module, truss, arm, payload...)."""

    name: str
    owner: str
    segment: str
    mass_kg: float
    kind: str
    ports: tuple[str, ...] = ()
    """Free docking/berthing ports, local names (``"aft"``); full name is ``"<module> <port>"``."""
    source: str = ""
    arrived: date | None = None
    """Day it joined the station (None: always there); ``left``: the day it left (None: stays)."""
    left: date | None = None

    def present_on(self, day: date) -> bool:
        """Part of the station on ``day`` (there on its arrival day, gone on its left day)."""
        after = self.arrived is None or self.arrived <= day
        return after and (self.left is None or day < self.left)

    @property
    def port_names(self) -> tuple[str, ...]:
        """Full port names, e.g. ``("Zvezda aft",)``: what ``Vehicle.port`` refers to."""
        return tuple(f"{self.name} {p}" for p in self.ports)


@dataclass(frozen=True)
class Vehicle:
    """A visiting vehicle docked or berthed at a port."""

    name: str
    type: str
    owner: str
    partner: str
    """Partner agency the vehicle flies for (whose allocation it counts against)."""
    port: str
    segment: str
    mass_kg: float
    crew_seats: int
    crew_aboard: int
    """Crew for whom this vehicle is the assigned return ride."""
    docked_date: date | None = None
    source: str = ""
    departed_date: date | None = None


@dataclass(frozen=True)
class Tank:
    """Propellant storage. ``owner`` = who owns the propellant in it."""

    name: str
    host: str
    owner: str
    segment: str
    capacity_kg: float
    fill_kg: float
    source: str = ""

    @property
    def ullage_kg(self) -> float:
        """Free capacity, kg."""
        return self.capacity_kg - self.fill_kg


@dataclass(frozen=True)
class Engine:
    """A group of identical thrusters/engines on one host, fed by listed tanks."""

    name: str
    host: str
    owner: str
    segment: str
    role: str
    count: int
    thrust_n: float
    """Thrust of one unit, N."""
    isp_s: float
    feeds: tuple[str, ...]
    """Tank names, in the order they are drawn from."""
    source: str = ""

    @property
    def total_thrust_n(self) -> float:
        """Thrust with all ``count`` units firing, N."""
        return self.count * self.thrust_n

    @property
    def mass_flow_kg_s(self) -> float:
        """Propellant flow with all units firing, kg/s (= F / (Isp g0))."""
        return self.total_thrust_n / (self.isp_s * G0_M_S2)

    @property
    def exhaust_velocity_m_s(self) -> float:
        """Effective exhaust velocity, m/s."""
        return self.isp_s * G0_M_S2


@dataclass(frozen=True)
class DragFit:
    """The drag fitted to the real orbit: a factor on the station's Cd·A, with its spread.

    ``scale_p50`` reproduces the median free decay of the fit ``window`` under
    ``atmosphere`` (with observed space weather); ``scale_p05``/``scale_p95`` bound 90 % of
    the span-to-span spread (which includes the atmosphere model's own error)."""

    scale_p05: float
    scale_p50: float
    scale_p95: float
    atmosphere: str
    window: str
    fitted_on: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        if not (0 < self.scale_p05 <= self.scale_p50 <= self.scale_p95):
            raise InputError(
                f"scales {self.scale_p05}, {self.scale_p50}, {self.scale_p95} out of order",
                field="drag",
                allowed="0 < scale_p05 <= scale_p50 <= scale_p95",
            )

    def scale(self, percentile: str = "p50") -> float:
        """The scale at ``p05``, ``p50`` or ``p95``."""
        return {"p05": self.scale_p05, "p50": self.scale_p50, "p95": self.scale_p95}[percentile]

    def as_dict(self) -> dict:
        return {
            "scale_p05": self.scale_p05,
            "scale_p50": self.scale_p50,
            "scale_p95": self.scale_p95,
            "atmosphere": self.atmosphere,
            "window": self.window,
            "fitted_on": self.fitted_on,
            "source": self.source,
        }


def check_drag(drag: str) -> str:
    """``drag`` if it is one of :data:`DRAG_CHOICES`, else an error naming ``drag``."""
    if drag not in DRAG_CHOICES:
        raise InputError(f"unknown drag {drag!r}", field="drag", allowed=", ".join(DRAG_CHOICES))
    return drag


@dataclass(frozen=True)
class History:
    """``[history]``: every dated module (present on the file's date or not); the days asked."""

    elements: tuple[Module, ...]
    valid_from: date
    valid_to: date
    source: str = ""


@dataclass(frozen=True)
class Station(StationTotals):
    """A station configuration. Immutable; ``with_*``/``without_*`` return new ones. Its
    masses, ballistic coefficient and crew counts come from :class:`StationTotals`.

    ``cd`` and ``drag_area_m2`` are station-level effective values (what NASA's
    TOPO ephemeris headers publish), not sums over modules. ``drag_fit`` (the file's
    ``[drag]`` table) scales their product to the real orbit; ``drag`` chooses
    (``"fitted"``, the default where a fit exists, or ``"topo"``).
    """

    name: str
    cd: float
    drag_area_m2: float
    modules: tuple[Module, ...]
    vehicles: tuple[Vehicle, ...] = ()
    engines: tuple[Engine, ...] = ()
    tanks: tuple[Tank, ...] = ()
    configuration_date: date | None = None
    source: str = ""
    """Citation for ``cd`` and ``drag_area_m2``."""
    source_file: str | None = None
    mass_override_kg: float | None = None
    """If set (``with_overrides``), ``total_mass_kg`` returns this instead of the itemised sum."""
    drag_fit: DragFit | None = None
    """The drag fitted to the real orbit (``[drag]``), or None."""
    drag: str = "fitted"
    """Which drag the dynamics use: ``fitted`` (when ``drag_fit`` exists) or ``topo``."""
    history: History | None = None
    """The file's dated elements (:mod:`stationkeeper.station.history`), or None."""

    # --- lookups ------------------------------------------------------------------

    def module(self, name: str) -> Module:
        """The module called ``name`` (KeyError if none)."""
        for m in self.modules:
            if m.name == name:
                return m
        raise KeyError(name)

    def vehicle(self, name: str) -> Vehicle:
        """The vehicle called ``name`` (KeyError if none)."""
        for v in self.vehicles:
            if v.name == name:
                return v
        raise KeyError(name)

    def tank(self, name: str) -> Tank:
        """The tank called ``name`` (KeyError if none)."""
        for t in self.tanks:
            if t.name == name:
                return t
        raise KeyError(name)

    def engine(self, name: str) -> Engine:
        """The engine group called ``name`` (KeyError if none)."""
        for e in self.engines:
            if e.name == name:
                return e
        raise KeyError(name)

    def engines_by_role(self, role: str) -> tuple[Engine, ...]:
        """Engines with ``role`` (``"reboost"`` or ``"attitude"``)."""
        return tuple(e for e in self.engines if e.role == role)

    # --- derived stations ---------------------------------------------------------

    def with_drag(self, drag: str) -> Station:
        """A copy using the ``fitted`` or the ``topo`` drag (see :data:`DRAG_CHOICES`)."""
        return replace(self, drag=check_drag(drag))

    def with_overrides(
        self,
        mass_kg: float | None = None,
        area_m2: float | None = None,
        cd: float | None = None,
    ) -> Station:
        """A copy with the total mass, drag area and/or Cd replaced ("any object" use).

        A mass override replaces ``total_mass_kg`` (and so the ballistic coefficient);
        the itemised lists and per-segment/owner totals are left as they are. An area or
        Cd given is used as it is: the fitted drag scale no longer applies (``drag="topo"``).
        """
        changes: dict[str, object] = {}
        if mass_kg is not None:
            changes["mass_override_kg"] = _check_positive(mass_kg, "mass_kg")
        if area_m2 is not None:
            changes["drag_area_m2"] = _check_positive(area_m2, "area_m2")
        if cd is not None:
            changes["cd"] = _check_positive(cd, "cd")
        if area_m2 is not None or cd is not None:
            changes["drag"] = "topo"
        return replace(self, **changes)

    @classmethod
    def point_mass(cls, name: str, mass_kg: float, area_m2: float, cd: float) -> Station:
        """A 'station' that is just a mass, a drag area and a Cd (any orbiting object)."""
        return cls(
            name=name,
            cd=_check_positive(cd, "cd"),
            drag_area_m2=_check_positive(area_m2, "area_m2"),
            modules=(),
            mass_override_kg=_check_positive(mass_kg, "mass_kg"),
            source="user-supplied mass, area and Cd",
        )

    def with_tank_fills(self, fills_kg: Mapping[str, float]) -> Station:
        """A copy with the named tanks' ``fill_kg`` replaced (0 <= fill <= capacity)."""
        names = {t.name for t in self.tanks}
        for name in fills_kg:
            if name not in names:
                raise InputError(
                    f"no tank named {name!r}", field="tanks", allowed=", ".join(sorted(names))
                )
        new_tanks = []
        for t in self.tanks:
            if t.name in fills_kg:
                fill = fills_kg[t.name]
                if isinstance(fill, bool) or not isinstance(fill, int | float):
                    raise InputError(f"fill must be a number, got {fill!r}", field=t.name)
                if not (math.isfinite(fill) and 0.0 <= fill <= t.capacity_kg):
                    raise InputError(
                        f"fill {fill!r} kg outside the tank's range",
                        field=t.name,
                        allowed=f"0..{t.capacity_kg:g} kg",
                    )
                t = replace(t, fill_kg=float(fill))
            new_tanks.append(t)
        return replace(self, tanks=tuple(new_tanks))

    def keep_hosts(self, keep: Iterable[str]) -> Station:
        """A copy with only the modules and vehicles named in ``keep``, their tanks, and the
        engines still fed by one of those tanks (feeds trimmed to them)."""
        hosts = set(keep)
        tanks = tuple(t for t in self.tanks if t.host in hosts)
        tank_names = {t.name for t in tanks}
        engines = []
        for e in self.engines:
            if e.host not in hosts:
                continue
            feeds = tuple(f for f in e.feeds if f in tank_names)
            if feeds:
                engines.append(replace(e, feeds=feeds))
        return replace(
            self,
            modules=tuple(m for m in self.modules if m.name in hosts),
            vehicles=tuple(v for v in self.vehicles if v.name in hosts),
            tanks=tanks,
            engines=tuple(engines),
        )

    def without_vehicle(self, name: str) -> Station:
        """A copy with vehicle ``name`` undocked: its tanks and engines leave with it;
        engines left with no tank to draw from are dropped."""
        self.vehicle(name)  # KeyError if absent
        return self.keep_hosts(
            [m.name for m in self.modules] + [v.name for v in self.vehicles if v.name != name]
        )

    def only_segment(self, segment: str) -> Station:
        """The part of the station in ``segment`` (modules, vehicles at its ports, their tanks
        and engines). ``cd`` and ``drag_area_m2`` are kept as they are: a separated segment
        needs its own area via ``with_overrides(area_m2=...)``."""
        if segment not in SEGMENTS:
            raise InputError(
                f"unknown segment {segment!r}", field="segment", allowed=", ".join(SEGMENTS)
            )
        hosts = [m.name for m in self.modules if m.segment == segment]
        hosts += [v.name for v in self.vehicles if v.segment == segment]
        return replace(self.keep_hosts(hosts), name=f"{self.name} ({segment} segment)")
