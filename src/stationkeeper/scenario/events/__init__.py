"""The registry of scenario event types: for each type its keys, its check before the run and
its effect during it, side by side in the module of its kind.

* :mod:`.traffic`: ``arrival``, ``departure``, ``relocation``;
* :mod:`.propellant`: ``transfer``, ``burn``, ``reboost_policy`` (and ``debris_avoidance``,
  which the run draws itself);
* :mod:`.station`: ``partner_exit``, ``separation``, ``end``;
* :mod:`.end_of_life`: ``deorbit``, ``abandon`` (hand over to the deorbit planner or the
  uncontrolled-reentry prediction).

A new type is one :class:`~.base.EventType` in one of these modules (listed in its
``TYPES``), plus its row in ``docs/scenarios.md``. The file reader and the run loop only use
:data:`EVENT_TYPES`, :func:`check_timeline` and :func:`apply_event`.
"""

from __future__ import annotations

from stationkeeper.scenario.bodies import Body
from stationkeeper.scenario.events import end_of_life, propellant, station, traffic
from stationkeeper.scenario.events.base import EVENT_COMMON, EventType, Timeline
from stationkeeper.scenario.model import Event, Scenario
from stationkeeper.scenario.state import RunState
from stationkeeper.tomlfile import TomlContext

#: Every event type by name.
EVENT_TYPES: dict[str, EventType] = {
    t.name: t for t in (*traffic.TYPES, *propellant.TYPES, *station.TYPES, *end_of_life.TYPES)
}
#: The keys of each type a scenario file may hold (key -> required), besides EVENT_COMMON.
EVENT_KEYS: dict[str, dict[str, bool]] = {
    name: t.keys for name, t in EVENT_TYPES.items() if t.in_file
}


def check_timeline(ctx: TomlContext, events: list[Event], sc: Scenario) -> None:
    """Walk the sorted events without physics, each checked by its type (ports, vehicles,
    tanks, modules, owners): the first problem is an InputError naming its line."""
    tl = Timeline.start(ctx, sc)
    for ev in events:
        EVENT_TYPES[ev.type].check(tl, ev)


def _body_for(ev: Event, kind: EventType, bodies: list[Body]) -> Body | None:
    want = ev.get("body")
    if want is None:
        return kind.finds_body(ev, bodies)
    for b in bodies:
        if b.name == want:
            return b
    return None


def apply_event(run: RunState, ev: Event, bodies: list[Body]) -> None:
    """Apply one event: to the run, or to the body it names (by default the one its type
    finds); an event for a body that is gone or no longer flies is logged as skipped."""
    kind = EVENT_TYPES[ev.type]
    if kind.whole_run:
        kind.effect(run, ev, None, bodies)
        return
    b = _body_for(ev, kind, bodies)
    if b is None or not b.alive:
        run.note(ev.date, b, "skipped", ev.type, f"no flying body for event {ev.index}")
        return
    kind.effect(run, ev, b, bodies)


__all__ = [
    "EVENT_COMMON",
    "EVENT_KEYS",
    "EVENT_TYPES",
    "EventType",
    "Timeline",
    "apply_event",
    "check_timeline",
]
