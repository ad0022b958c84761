"""Controlled deorbit: the stack and vehicles it reads, how the burns are flown, the entry,
and what it refuses.  (Against the published plans: test_against_published_plans.py.)"""

from __future__ import annotations

import math

import pytest

from stationkeeper.constants import G0_M_S2
from stationkeeper.earth.countries import country_at
from stationkeeper.errors import InputError
from stationkeeper.reentry.deorbit.plan import SPOUA_TARGET, plan_deorbit, plan_summary
from stationkeeper.reentry.deorbit.vehicles import load_vehicles
from stationkeeper.reentry.footprint import great_circle_km
from stationkeeper.station import load_station


def test_the_stack_is_the_station_model_without_its_visiting_vehicles():
    iss = load_station()
    stack, vehicles = load_vehicles()
    visiting = {v.name for v in iss.vehicles}
    their_tanks_kg = sum(t.fill_kg for t in iss.tanks if t.host in visiting)
    assert stack.mass_kg == pytest.approx(
        iss.total_mass_kg - iss.vehicles_mass_kg - their_tanks_kg, rel=1e-12
    )
    assert (stack.cd, stack.drag_area_m2) == (iss.cd, iss.drag_area_m2)
    # the plan pushes that stack plus the wet vehicles
    p = plan_deorbit("progress", 2, with_entry=False)
    assert p.stack_mass_kg == pytest.approx(stack.mass_kg + 2 * vehicles["progress"].wet_mass_kg)
    assert p.sources["station"] == stack.mass_source


def test_a_lighter_station_file_gives_a_lighter_stack(tmp_path):
    text = load_station().source_file
    lighter = tmp_path / "station.toml"
    src = open(text, encoding="utf-8").read()
    lighter.write_text(src.replace("mass_kg = 20346.0", "mass_kg = 10346.0", 1))
    heavy, _ = load_vehicles()
    light, _ = load_vehicles(station=load_station(lighter))
    assert heavy.mass_kg - light.mass_kg == pytest.approx(10000.0)


def test_vehicle_figures_carry_sources():
    _, vehicles = load_vehicles()
    assert vehicles["usdv"].thrust_n == pytest.approx(46 * 400.0)  # engine count x thrust
    assert vehicles["progress"].thrust_n == 2950.0 and vehicles["progress"].isp_s == 302.0
    for v in vehicles.values():
        assert {"engine_source", "propellant_source", "dry_source"} <= set(v.sources)


def test_each_burn_is_the_rocket_equation_on_the_whole_stack_within_the_arc_limit(usdv_plan):
    p = usdv_plan
    assert sum(b.dv_ideal_m_s for b in p.burns) == pytest.approx(p.dv_ideal_m_s, rel=1e-9)
    mass = p.stack_mass_kg
    for b in p.burns:
        assert b.mass_before_kg == pytest.approx(mass, rel=1e-12)
        assert b.propellant_kg == pytest.approx(
            b.mass_before_kg * (1 - math.exp(-b.dv_m_s / (300 * G0_M_S2))), rel=1e-9
        )
        assert b.arc_deg <= 40.0 + 1e-9
        assert b.dv_m_s > b.dv_ideal_m_s  # the arc loss
        mass -= b.propellant_kg
    # perigee steps down burn by burn, each burn starting where the last ended
    for a, b in zip(p.burns, p.burns[1:], strict=False):
        assert b.perigee_before_km == pytest.approx(a.perigee_after_km, abs=1e-6)
        assert b.start_offset_s > a.start_offset_s + a.duration_s


def test_shorter_arcs_mean_more_burns_and_less_gravity_loss():
    wide = plan_deorbit("usdv", 1, max_burn_arc_deg=40.0, with_entry=False)
    narrow = plan_deorbit("usdv", 1, max_burn_arc_deg=10.0, with_entry=False)
    assert len(narrow.burns) > len(wide.burns)
    assert 0 < narrow.gravity_loss_m_s < wide.gravity_loss_m_s
    assert narrow.dv_ideal_m_s == pytest.approx(wide.dv_ideal_m_s, rel=1e-12)
    assert all(b.arc_deg <= 10.0 + 1e-9 for b in narrow.burns)


def test_breakup_ends_the_ground_track_and_the_debris_falls_beyond_it(usdv_plan):
    e = usdv_plan.entry
    # the track is sampled every 60 s up to breakup: its last point is < 1 min of flight away
    last = (e["track_lat_deg"][-1], e["track_lon_deg"][-1])
    to_breakup = float(great_circle_km(*last, e["breakup_lat_deg"], e["breakup_lon_deg"]))
    assert to_breakup < 60 * 8.0
    # the debris flies on from breakup: the impact point is downrange, not under it
    to_impact = float(
        great_circle_km(
            e["breakup_lat_deg"], e["breakup_lon_deg"], e["impact_lat_deg"], e["impact_lon_deg"]
        )
    )
    assert 100.0 < to_impact < 3000.0
    # light fragments (low BC, sorted first) fall longest
    fall = e["nominal_fragment_fall_s"]
    assert e["fragment_bc_kg_m2"] == sorted(e["fragment_bc_kg_m2"])
    assert all(a > b for a, b in zip(fall, fall[1:], strict=False))


def test_summary_says_feasible_or_by_how_much_it_falls_short(usdv_plan):
    assert plan_summary(usdv_plan).startswith("FEASIBLE: 1 x usdv")
    short = plan_deorbit("progress", 3, with_entry=False)
    text = plan_summary(short)
    assert text.startswith("INFEASIBLE") and f"short by {short.shortfall_m_s:.1f} m/s" in text


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"target": (40.0, -100.0)}, "--target"),  # Kansas
        ({"target": (-60.0, -123.0)}, "--target"),  # never overflown at 51.6 deg
        ({"count": 0}, "--count"),
        ({"vehicle": "shuttle"}, "--vehicle"),
        ({"start_altitude_km": 1000.0}, "--start-altitude-km"),
    ],
)
def test_bad_input_is_refused(kwargs, field):
    args = {"with_entry": False, **kwargs}
    with pytest.raises(InputError) as err:
        plan_deorbit(**args)
    assert err.value.field == field


def test_default_target_is_at_sea():
    assert country_at(*SPOUA_TARGET) is None
