"""The run: events applied to the flying bodies, the lifeboat rule, the reboost policy
applied (band, on-demand propellant, use before departure), the attitude budget, and the
same physics as the decay command."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from stationkeeper.constants import G0_M_S2, SECONDS_PER_DAY
from stationkeeper.environment.atmosphere import ExponentialAtmosphere
from stationkeeper.orbit.decay import decay_table
from stationkeeper.orbit.tle import shipped_2022_tle_path
from stationkeeper.scenario import load_scenario, simulate


def test_lifeboat_violation_is_reported_with_its_date(write):
    # Soyuz MS-19 leaves without its 3 crew: 7 aboard, 4 seats
    body = '[[events]]\ndate = 2022-03-10\ntype = "departure"\nname = "Soyuz MS-19"\ncrew = 0\n'
    res = simulate(load_scenario(write(body, days=12)))
    assert res.summary["lifeboat_violations"]
    assert res.summary["lifeboat_violations"][0].startswith("2022-03-10")
    v = res.events[res.events["type"] == "violation"]
    assert len(v) == 1 and "7 crew aboard, 4 seats" in v["detail"].iloc[0]


def test_reboost_policy_keeps_the_band_and_conserves(write):
    body = """
[reboost]
floor_km = 417.5
target_km = 419.0
engines = ["Zvezda main engines"]
"""
    res = simulate(load_scenario(write(body, days=40, atm="nrlmsis")))
    alt = res.timeseries["mean_altitude_km"]
    assert alt.min() > 417.0 and alt.max() < 419.3
    boosts = res.events[res.events["type"] == "reboost"]
    assert len(boosts) >= 1
    # each burn: Δh from Gauss for the Δv, propellant from Tsiolkovsky at 305 s
    for _, r in boosts.iterrows():
        m0 = r["mass_kg"] + r["propellant_kg"]
        assert r["propellant_kg"] == pytest.approx(
            m0 * (1 - math.exp(-r["dv_m_s"] / (305 * G0_M_S2))), rel=1e-3
        )
    assert res.summary["propellant"]["conservation_residual_kg"] == pytest.approx(0, abs=1e-6)
    assert res.summary["mass"]["conservation_residual_kg"] == pytest.approx(0, abs=1e-6)


def test_relocation_moves_the_vehicle_and_frees_its_port(write):
    # Progress MS-19 (Poisk zenith at 2022-03-03) moves to the free Prichal nadir; a Progress
    # can then dock at Poisk zenith, which the timeline check would refuse without the move.
    body = (
        '[[events]]\ndate = 2022-03-05\ntype = "relocation"\nname = "Progress MS-19"\n'
        'port = "Prichal nadir"\n\n'
        '[[events]]\ndate = 2022-03-07\ntype = "arrival"\nvehicle = "Progress MS"\n'
        'name = "Progress MS-20"\nport = "Poisk zenith"\n'
    )
    res = simulate(load_scenario(write(body, days=10)))
    st_ = res.bodies[0].station
    assert st_.vehicle("Progress MS-19").port == "Prichal nadir"
    assert st_.vehicle("Progress MS-20").port == "Poisk zenith"
    ev = res.events[res.events["type"] == "relocation"]
    assert list(ev["detail"]) == ["Poisk zenith → Prichal nadir"]
    p = res.summary["propellant"]
    assert p["conservation_residual_kg"] == pytest.approx(0.0, abs=1e-6)


def test_attitude_budget_draws_the_published_rate(write):
    """12 OPM rotations a year at 9.7 kg (NTRS 20150001912): 116.2 kg/yr, drawn day by day
    from the tanks feeding the attitude thrusters."""
    body = "[attitude]\nmaneuvers_per_year = 12\nkg_per_maneuver = 9.7\n"
    res = simulate(load_scenario(write(body, days=100)))
    p = res.summary["propellant"]
    hand = 12 * 9.7 * 100 / 365.25  # 31.87 kg
    assert p["spent_by_purpose_kg"]["attitude"] == pytest.approx(hand, rel=1e-6)
    assert p["attitude_budget"]["kg_per_year"] == pytest.approx(116.4, abs=0.1)
    assert p["conservation_residual_kg"] == pytest.approx(0.0, abs=1e-6)


def test_attitude_budget_without_thrusters_warns_once(write):
    """When Roscosmos stops its engines there is no attitude thruster left: a warning, the
    budget stops being drawn, nothing else changes."""
    body = (
        "[attitude]\nbackground_kg_per_day = 5\n\n"
        '[[events]]\ndate = 2022-03-06\ntype = "partner_exit"\nowner = "Roscosmos"\n'
        'stops = ["engines"]\n'
    )
    res = simulate(load_scenario(write(body, days=10)))
    w = res.events[(res.events["type"] == "warning") & (res.events["name"] == "attitude control")]
    assert len(w) == 1 and "CMGs only" in w["detail"].iloc[0]
    spent = res.summary["propellant"]["spent_by_purpose_kg"]["attitude"]
    assert 5 * 2 <= spent <= 5 * 3.1  # 3 Mar 17:00 -> 6 Mar 00:00 is 2.3 days


def test_deorbit_vehicle_can_reboost_by_priority(write):
    """A USDV docked at Harmony forward is an engine the policy can name; its burn follows the
    rocket equation with its 46 Dracos (Isp 300 s) and draws only its own tank."""
    body = (
        '[reboost]\nenabled = false\nengines = ["USDV"]\n\n'
        '[[events]]\ndate = 2022-03-05\ntype = "departure"\nname = "Crew Dragon Endurance '
        '(Crew-3)"\ncrew = 0\n\n'
        '[[events]]\ndate = 2022-03-06\ntype = "arrival"\nvehicle = "USDV"\nname = "USDV-1"\n'
        'port = "Harmony forward"\nassumed = true\n\n'
        '[[events]]\ndate = 2022-03-08\ntype = "burn"\ndv_m_s = 2.0\n'
    )
    res = simulate(load_scenario(write(body, days=10)))
    burns = res.events[res.events["type"] == "burn"]
    assert len(burns) == 1
    kg = float(burns["propellant_kg"].iloc[0])
    m0 = float(burns["mass_kg"].iloc[0]) + kg  # mass_kg is logged after the burn
    hand = m0 * (1 - math.exp(-2.0 / (300 * G0_M_S2)))
    assert kg == pytest.approx(hand, rel=1e-3)
    assert res.summary["propellant"]["spent_by_owner_kg"] == {"NASA": pytest.approx(kg)}


def test_on_demand_reboosts_hold_the_band_and_pay_the_drag_impulse(write):
    """No engine may burn (Roscosmos stops its engines at once) but on_demand_isp_s = 300: the
    band still holds, and the propellant equals the drag impulse over the run divided by the
    exhaust speed (momentum balance: m dv = D dt; Tsiolkovsky to first order), with the drag
    computed here by hand from the exponential atmosphere along the run's altitude history."""
    body = (
        "[reboost]\nenabled = true\nfloor_km = 410\ntarget_km = 415\non_demand_isp_s = 300\n"
        'engines = ["Zvezda main engines"]\n\n'
        '[[events]]\ndate = 2022-03-03T18:00:00Z\ntype = "partner_exit"\nowner = "Roscosmos"\n'
        'stops = ["engines"]\n'
    )
    sc = load_scenario(write(body, days=300, atm="exponential"))
    res = simulate(sc)
    p = res.summary["propellant"]
    ts = res.timeseries
    assert ts["mean_altitude_km"].min() > 409.0  # the band held
    assert p["spent_by_owner_kg"].keys() == {"on demand"}
    assert p["conservation_residual_kg"] == pytest.approx(0.0, abs=1e-6)
    assert res.summary["mass"]["conservation_residual_kg"] == pytest.approx(0.0, abs=1e-6)
    # hand drag impulse: D = 1/2 rho v_rel^2 Cd A, v_rel^2 ~ v^2 (1 - 2 w r cos(i) / v)
    atm = ExponentialAtmosphere()
    st_ = sc.station
    impulse = 0.0
    t = ts["day"].to_numpy() * SECONDS_PER_DAY
    for k in range(len(ts) - 1):
        h_m = ts["mean_altitude_km"].iloc[k] * 1e3
        r = 6378137.0 + h_m
        v = math.sqrt(3.986004418e14 / r)
        rho = atm.rho0_kg_m3 * math.exp(-(h_m - atm.h0_m) / atm.scale_height_m)
        corot = 1 - 2 * 7.292115e-5 * r * math.cos(math.radians(51.64)) / v
        impulse += 0.5 * rho * v * v * corot * st_.cd_area_m2 * (t[k + 1] - t[k])
    # minus what the run did not restore: the mean altitude ends lower than it started
    a0 = 6378137.0 + ts["mean_altitude_km"].iloc[0] * 1e3
    a1 = 6378137.0 + ts["mean_altitude_km"].iloc[-1] * 1e3
    v0 = math.sqrt(3.986004418e14 / a0)
    unrestored_n_s = st_.total_mass_kg * v0 * (a0 - a1) / (2 * a0)
    hand_kg = (impulse - unrestored_n_s) / (300 * G0_M_S2)
    assert p["on_demand_kg"] == pytest.approx(hand_kg, rel=0.08)
    assert res.summary["bodies"]["International Space Station"]["reboosts"] >= 2
    # and it says what that is in vehicle loads
    loads = p["on_demand_loads_per_year"]
    assert loads["Cargo Dragon"]["kg_per_load"] == 1400.0
    assert loads["Cygnus"]["loads"] == pytest.approx(p["on_demand_per_year_kg"] / 800.0)


@pytest.mark.parametrize("use", [True, False])
def test_leaving_vehicle_burns_its_reboost_propellant_first(write, use):
    """Cygnus NG-17 (400 kg, BT-4) leaves on day 3 with the station below the 420 km target:
    with use_before_departure it first raises the station toward the target with its own
    propellant (Gauss + Tsiolkovsky), without it all 400 kg leave with it."""
    body = (
        "[reboost]\nenabled = true\nfloor_km = 380\ntarget_km = 420\n"
        f"use_before_departure = {str(use).lower()}\n\n"
        '[[events]]\ndate = 2022-03-06\ntype = "departure"\nname = "Cygnus NG-17"\n'
    )
    res = simulate(load_scenario(write(body, days=5)))
    ev = res.events
    before = ev[(ev["type"] == "reboost") & (ev["name"] == "before departure")]
    dep = ev[ev["type"] == "departure"]
    if not use:
        assert before.empty
        assert float(dep["propellant_kg"].iloc[0]) == pytest.approx(400.0)
        return
    assert len(before) == 1
    # ~2 km short of the target at 461 t needs ~1.1 m/s: part of the 400 kg, by Tsiolkovsky
    # at the BT-4's Isp 300 s; the station ends at the target; the rest leaves with Cygnus
    kg = float(before["propellant_kg"].iloc[0])
    dv = float(before["dv_m_s"].iloc[0])
    assert 0.5 < dv < 2.0
    m0 = float(before["mass_kg"].iloc[0]) + kg
    assert kg == pytest.approx(m0 * (1 - math.exp(-dv / (300 * G0_M_S2))), rel=1e-6)
    assert float(before["mean_altitude_km"].iloc[0]) == pytest.approx(420.0, abs=0.01)
    assert float(dep["propellant_kg"].iloc[0]) == pytest.approx(400.0 - kg, abs=1e-6)
    assert res.summary["propellant"]["conservation_residual_kg"] == pytest.approx(0, abs=1e-6)


def test_a_scenario_without_events_is_the_decay_command(tmp_path):
    """One physics: a 60-day scenario with no event and no reboost ends where
    stationkeeper.decay ends (same station, orbit, observed space weather). Without start,
    events or tle the scenario flies from its station file's date: the shipped 2022 TLE."""
    p = tmp_path / "s.toml"
    p.write_text('[scenario]\nname = "t"\nduration_days = 60\nsolar = "observed"\n')
    res = simulate(load_scenario(p))
    d = decay_table(60, solar="observed", tle=shipped_2022_tle_path())
    assert res.timeseries["mean_altitude_km"].iloc[-1] == pytest.approx(
        d["mean_altitude_km"].iloc[-1], abs=0.01
    )
    assert d["mean_altitude_km"].iloc[0] - d["mean_altitude_km"].iloc[-1] > 3.0  # it decayed


def test_reboost_policy_event_changes_only_the_keys_it_gives(write):
    """A reboost_policy event changes the keys it names and keeps the rest of the policy in
    force: after 'enabled = false' no reboost happens; a later event with only floor/target
    switches it back on with the earlier engines."""
    body = """
[reboost]
floor_km = 417.5
target_km = 419.0
engines = ["Zvezda main engines"]

[[events]]
date = 2022-03-13
type = "reboost_policy"
enabled = false

[[events]]
date = 2022-04-02
type = "reboost_policy"
enabled = true
floor_km = 417
target_km = 418.5
"""
    res = simulate(load_scenario(write(body, days=45, atm="nrlmsis")))
    ev = res.events
    boosts = ev[ev["type"] == "reboost"]
    when = pd.to_datetime(boosts["epoch_utc"])
    off = (when > pd.Timestamp("2022-03-13", tz="UTC")) & (
        when < pd.Timestamp("2022-04-02", tz="UTC")
    )
    assert not off.any()
    after = boosts[when >= pd.Timestamp("2022-04-02", tz="UTC")]
    assert len(after) >= 1
    assert after["detail"].str.contains("Zvezda main engines").all()
    notes = ev[ev["type"] == "reboost_policy"]["detail"].tolist()
    assert notes[0].startswith("off, floor 417.5 km, target 419 km")
    assert notes[1] == "on, floor 417 km, target 418.5 km, engines Zvezda main engines"
    ts = res.timeseries
    late = ts[ts["epoch_utc"] > pd.Timestamp("2022-04-03", tz="UTC")]
    assert late["mean_altitude_km"].min() > 416.5
