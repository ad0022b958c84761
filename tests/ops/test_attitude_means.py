"""What holds each part's attitude, against the station's published layout (iss_facts §3: the
four CMGs on the US Z1 truss, USOS attitude control thruster-free, the Russian segment's
thrusters desaturate the CMGs) and the measured 2002 attitude use with CMGs."""

from __future__ import annotations

import pytest

from stationkeeper.ops import attitude as att
from stationkeeper.ops.attitude import AttitudeBudget, attitude_means
from stationkeeper.station.load import load_station


def _empty_tanks(station):
    return station.with_tank_fills({t.name: 0.0 for t in station.tanks})


def test_whole_station_holds_attitude_on_cmgs_desaturated_by_russian_thrusters():
    st = load_station()
    m = attitude_means(st)
    assert m.cmgs and m.holds
    assert m.mode == att.CMGS_DESATURATED
    assert any("Zvezda" in n for n in m.thrusters)
    # a docked Progress's thrusters are among the means (they are on a visiting vehicle)
    assert any("Progress" in n for n in m.docked)


def test_us_segment_alone_has_cmgs_but_nothing_to_desaturate_them():
    us = load_station().only_segment("us")
    m = attitude_means(us)
    assert m.cmgs and not m.thrusters
    assert m.mode == att.CMGS_SATURATING and not m.holds
    assert m.kg_per_day(AttitudeBudget(background_kg_per_day=5.0)) == 0.0


def test_russian_segment_alone_holds_on_thrusters_and_spends_more_than_with_cmgs():
    ru = load_station().only_segment("russian")
    m = attitude_means(ru)
    assert not m.cmgs and m.holds
    assert m.mode == att.THRUSTERS_ONLY
    # the default scenario budget is zero, yet a thruster-only hold still costs propellant
    assert m.kg_per_day(AttitudeBudget()) > 0.0
    # more than the 2002 station spent with its CMGs holding attitude (1.77 kg/day measured,
    # NASA ISS On-Orbit Status reports: 3,805 -> 3,669 kg over 77 days)
    assert m.kg_per_day(AttitudeBudget()) > (3805.0 - 3669.0) / 77.0
    # a budget's rotations (9.7 kg each, NTRS 20150001912) come on top of the hold
    with_turns = m.kg_per_day(AttitudeBudget(maneuvers_per_year=365.25, kg_per_maneuver=9.7))
    assert with_turns - m.kg_per_day(AttitudeBudget()) == pytest.approx(9.7)


def test_dry_tanks_or_a_stopped_owner_leave_no_attitude_control():
    ru = load_station().only_segment("russian")
    assert attitude_means(_empty_tanks(ru)).mode == att.NO_ATTITUDE_CONTROL
    assert attitude_means(ru, engine_stopped_owners={"Roscosmos"}).mode == (att.NO_ATTITUDE_CONTROL)
    assert attitude_means(ru, propellant_stopped_owners={"Roscosmos"}).mode == (
        att.NO_ATTITUDE_CONTROL
    )
    whole = load_station()
    # the whole station with Russian thrusters dry: CMGs that will saturate
    assert attitude_means(_empty_tanks(whole)).mode == att.CMGS_SATURATING


def test_one_desaturation_of_2005_is_a_few_days_of_the_2002_background():
    """The ~14 kg of one desaturation after a bad command (Feb 2005, iss_facts §3) against the
    1.77 kg/day the 2002 station used for everything besides orbit changes: a handful of
    days, i.e. desaturations are a part of that background, not a separate large term."""
    days = att.CMG_DESAT_EVENT_KG / att.BACKGROUND_2002_KG_PER_DAY
    assert 5 < days < 10
