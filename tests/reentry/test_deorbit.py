"""Controlled deorbit: the stack and vehicles it reads, how the burns are flown, the entry,
and what it refuses.  (Against the published plans: test_against_published_plans.py.)"""

from __future__ import annotations

import math

import pytest

from stationkeeper.constants import G0_M_S2
from stationkeeper.data import data_path
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


def test_burns_are_whole_orbits_apart_and_the_lowering_steps_a_day_apart(usdv_plan):
    """Burns at apogee: every start is a whole number of orbits after the first; the four
    perigee-lowering steps (default) come about a day apart."""
    p = usdv_plan
    ra = 6378137.0 + 220e3
    a = (ra + 6378137.0 + 150e3) / 2
    period = 2 * math.pi * math.sqrt(a**3 / 3.986004418e14)
    for b in p.burns:
        n = b.start_offset_s / period
        assert n == pytest.approx(round(n), abs=1e-6)
    low = [b.start_offset_s / 86400 for b in p.burns if b.phase == "perigee-lowering"]
    assert len(low) == 4
    gaps = [y - x for x, y in zip(low, low[1:], strict=False)]
    assert gaps == pytest.approx([1.0] * 3, abs=0.05)


def test_engine_out_cases_need_more_burn_time_as_engines_go(usdv_plan):
    cases = usdv_plan.engine_out["cases"]
    assert cases[0]["engines_out"] == 0 and cases[0]["works"]
    assert not cases[-1]["works"]  # the search stops at the first plan that fails
    # fewer engines: the same Delta-v over longer burns (more arc loss), never less time
    times = [c["burn_time_s"] for c in cases]
    assert all(b > a for a, b in zip(times, times[1:], strict=False))


def test_a_single_engine_vehicle_has_no_engine_out_margin():
    assert plan_deorbit("progress", 2, with_entry=False).engine_out is None


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
    # light fragments (low BC, sorted first) fall longest; up to ~1,000 kg/m^2 the fall
    # shortens with BC, beyond it the densest pieces fly so far downrange that it lengthens
    fall = e["nominal_fragment_fall_s"]
    bcs = e["fragment_bc_kg_m2"]
    assert bcs == sorted(bcs)
    assert fall[0] == max(fall)
    upto = [t for t, bc in zip(fall, bcs, strict=True) if bc <= 1000.0]
    assert all(a > b for a, b in zip(upto, upto[1:], strict=False))


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


# ------------------------------------------------------------ the Russian plan (Progress)


def test_progress_plan_burns_zvezdas_engines_on_the_station_tanks():
    """Zvezda's main engines (station.toml) burn the station's tanks (station.toml fills plus
    the refuelling loads transferred at the transfer ports); only the Progress at the
    along-axis port burns its own engine."""
    iss = load_station()
    zvezda = iss.engine("Zvezda main engines")
    p = plan_deorbit("progress", 3, with_entry=False)
    by_name = {g["name"]: g for g in p.engines}
    z = by_name["Zvezda main engines"]
    assert (z["owner"], z["thrust_n"], z["isp_s"]) == (
        zvezda.owner,
        zvezda.count * zvezda.thrust_n,
        zvezda.isp_s,
    )
    # every final burn is Zvezda's (the published sequence), and each burn's engine is listed
    assert all(b.vehicle == "Zvezda main engines" for b in p.burns if b.phase == "final")
    assert {b.vehicle for b in p.burns} == set(by_name)
    # what the engines report burning is what the burns burnt
    assert sum(g["propellant_used_kg"] for g in p.engines) == pytest.approx(
        sum(b.propellant_kg for b in p.burns), rel=1e-9
    )
    tanks = {t["name"]: t for t in p.tanks}
    for name in zvezda.feeds:  # the station's tanks, with their station.toml fill
        assert tanks[name]["fill_kg"] == iss.tank(name).fill_kg
        assert tanks[name]["owner"] == iss.tank(name).owner
    station_used = sum(tanks[n]["propellant_used_kg"] for n in zvezda.feeds)
    assert station_used == pytest.approx(z["propellant_used_kg"], rel=1e-9)
    # transfers happen only at the ports that have transfer lines
    ports = {q["vehicle"]: q for q in p.ports}
    for t in p.tanks:
        if t["name"].endswith("refuelling tanks"):
            assert (t["transferred_kg"] > 0) == ports[t["host"]]["transfer"]
        if t["name"].endswith("propulsion tanks"):
            assert (t["propellant_used_kg"] > 0) == ports[t["host"]]["along_axis"]
    moved = sum(t.get("transferred_kg", 0.0) for t in p.tanks)
    assert sum(tanks[n]["transferred_in_kg"] for n in zvezda.feeds) == pytest.approx(moved)


def test_the_ports_take_three_progress_and_refuse_a_fourth():
    """iss_facts s4: Progress docks at Zvezda aft, Poisk and Prichal -- three ports, each a
    port of the station model; a fourth Progress is refused, naming each port."""
    iss = load_station()
    known = {q for m in iss.modules for q in m.port_names}
    p = plan_deorbit("progress", 3, with_entry=False)
    docked = [q["port"] for q in p.ports]
    assert len(set(docked)) == 3 and set(docked) <= known
    assert [q["port"] for q in p.ports if q["along_axis"]] == ["Zvezda aft"]
    with pytest.raises(InputError) as err:
        plan_deorbit("progress", 4, with_entry=False)
    assert err.value.field == "--count" and err.value.allowed == "1 to 3"
    for port in ("Zvezda aft", "Poisk zenith", "Prichal nadir"):
        assert port in str(err.value)


def test_a_port_missing_from_the_station_is_refused(tmp_path):
    src = data_path("vehicles_deorbit.toml").read_text(encoding="utf-8")
    bad = tmp_path / "vehicles.toml"
    bad.write_text(src.replace('[ports."Prichal nadir"]', '[ports."Pirs nadir"]'))
    with pytest.raises(InputError) as err:
        load_vehicles(bad)
    assert err.value.field == "ports.Pirs nadir"
