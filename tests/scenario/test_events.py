"""The registry of event types: every type the file takes is checked and applied through it;
a type the run makes itself cannot be written; an event names the body it applies to."""

from __future__ import annotations

import pytest

from stationkeeper.errors import InputError
from stationkeeper.scenario import EVENT_KEYS, EVENT_TYPES, load_scenario, simulate


def test_the_file_takes_exactly_the_registered_types_made_for_it(write):
    assert set(EVENT_KEYS) == {name for name, t in EVENT_TYPES.items() if t.in_file}
    assert "debris_avoidance" in EVENT_TYPES and "debris_avoidance" not in EVENT_KEYS
    body = '[[events]]\ndate = 2022-03-10\ntype = "debris_avoidance"\ndv_m_s = 0.5\n'
    with pytest.raises(InputError) as ei:
        load_scenario(write(body))
    assert ei.value.field == "events[0].type" and "arrival" in ei.value.allowed


def test_an_event_for_a_body_that_does_not_fly_is_skipped(write):
    """``body`` names the flying part an event applies to; a name no body has is logged as
    skipped and changes nothing."""
    body = '[[events]]\ndate = 2022-03-05\ntype = "burn"\ndv_m_s = 1.0\nbody = "Russian segment"\n'
    res = simulate(load_scenario(write(body, days=4)))
    ev = res.events
    assert list(ev[ev["type"] == "skipped"]["name"]) == ["burn"]
    assert (ev["type"] == "burn").sum() == 0
    assert res.summary["propellant"]["spent_kg"] == 0.0


def test_end_event_stops_the_run_at_its_date(write):
    body = '[[events]]\ndate = 2022-03-08\ntype = "end"\nnote = "stop here"\n'
    res = simulate(load_scenario(write(body, days=30)))
    assert res.summary["end_utc"].startswith("2022-03-08")
    assert res.events["detail"].iloc[-1] == "stop here"
