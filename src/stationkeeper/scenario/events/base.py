"""What an event type is (:class:`EventType`) and what its timeline check sees
(:class:`Timeline`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from stationkeeper.ops.traffic import VehicleType, all_ports, vehicle_types
from stationkeeper.scenario.bodies import Body
from stationkeeper.scenario.model import Event, Scenario
from stationkeeper.scenario.state import RunState
from stationkeeper.tomlfile import TomlContext

#: Keys every event may have besides those of its type (key -> required).
EVENT_COMMON = {"date": True, "type": True, "note": False, "body": False}


@dataclass
class Timeline:
    """The station as the checks walk the timeline before the run, without physics: which
    vehicle is docked where, which tanks (capacity, kg) and modules exist.

    ``ports``: the station's ports (port -> segment); ``occupied``: port -> vehicle;
    ``docked``: vehicle -> port; ``type_of``: vehicle -> its vehicle type; ``tank_cap``:
    tank -> capacity (kg).
    """

    ctx: TomlContext
    sc: Scenario
    types: dict[str, VehicleType]
    ports: dict[str, str]
    occupied: dict[str, str]
    docked: dict[str, str]
    type_of: dict[str, str]
    tank_cap: dict[str, float]
    modules: set[str]

    @classmethod
    def start(cls, ctx: TomlContext, sc: Scenario) -> Timeline:
        """The timeline at the scenario's start (the station as loaded)."""
        st = sc.station
        return cls(
            ctx,
            sc,
            vehicle_types(),
            all_ports(st),
            {v.port: v.name for v in st.vehicles},
            {v.name: v.port for v in st.vehicles},
            {v.name: v.type for v in st.vehicles},
            {t.name: t.capacity_kg for t in st.tanks},
            {m.name for m in st.modules},
        )


def first_body(ev: Event, bodies: list[Body]) -> Body | None:
    """The body an event without ``body`` applies to by default: the first (the station)."""
    return bodies[0]


def no_check(tl: Timeline, ev: Event) -> None:
    """A type whose keys need no check beyond their names."""


@dataclass(frozen=True)
class EventType:
    """One scenario event type: its keys, its check before the run and its effect.

    ``keys``: key -> required (besides :data:`EVENT_COMMON`); ``check(timeline, event)``
    refuses the event (an InputError with file and line) and moves the timeline on;
    ``effect(run, event, body, bodies)`` applies it during the run, to ``body`` (None for
    a type with ``whole_run``: it changes the run, not one body); ``finds_body(event,
    bodies)`` picks the body when the event names none; ``in_file`` is False for a type the
    run makes itself (the random debris-avoidance burns).
    """

    name: str
    keys: dict[str, bool]
    check: Callable[[Timeline, Event], None]
    effect: Callable[[RunState, Event, Body | None, list[Body]], None]
    finds_body: Callable[[Event, list[Body]], Body | None] = first_body
    whole_run: bool = False
    in_file: bool = True
