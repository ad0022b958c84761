"""Reboost: Tsiolkovsky by hand, engines by priority, Gauss's rule of thumb, and the policy's
decision (when to burn, how much, what on-demand propellant makes up)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from stationkeeper.constants import G0_M_S2, R_EARTH_EQ_M
from stationkeeper.ops import reboost as rb
from stationkeeper.rocket import propellant_for_dv
from stationkeeper.station import load_station


def test_tsiolkovsky_matches_hand_computation():
    # hand: m0 = 461,547 kg, dv = 1.0 m/s, Isp 305 s -> c = 2991.028 m/s
    # m_p = m0 (1 - exp(-dv/c)) = 461547 * 3.34268e-4 = 154.28 kg
    c = 305 * 9.80665
    hand = 461547.0 * (1 - math.exp(-1.0 / c))
    assert hand == pytest.approx(154.28, abs=0.01)
    assert propellant_for_dv(461547.0, 1.0, 305.0) == pytest.approx(hand, rel=1e-3)
    iss = load_station()
    st2, res = rb.burn(iss, 1.0, ["Zvezda main engines"])
    assert res.dv_m_s == pytest.approx(1.0, rel=1e-12)
    assert res.propellant_kg == pytest.approx(hand, rel=1e-3)
    assert iss.total_mass_kg - st2.total_mass_kg == pytest.approx(res.propellant_kg, rel=1e-12)
    # drawn in feed order: Zvezda's own tanks first
    assert list(res.propellant_by_tank_kg) == ["Zvezda propellant tanks"]


def test_burn_falls_through_priority_and_reports_shortfall():
    iss = load_station().with_tank_fills(
        {"Zvezda propellant tanks": 10.0, "Zarya propellant tanks": 0.0}
    )
    st2, res = rb.burn(iss, 50.0, ["Zvezda main engines", "Progress MS", "Cygnus"])
    assert res.engines[0] == "Zvezda main engines"
    assert res.engines[1].startswith("Progress MS-18")
    assert 0 < res.dv_m_s < 50.0 and res.shortfall_m_s > 0
    assert st2.propellant_kg == pytest.approx(iss.propellant_kg - res.propellant_kg)
    # an owner that stopped providing engines is skipped
    _, res2 = rb.burn(
        iss, 1.0, ["Zvezda main engines", "Cygnus"], engine_stopped_owners=["Roscosmos"]
    )
    assert res2.engines == ("Cygnus NG-17 BT-4 main engine",)


def test_gauss_delta_v_rule_of_thumb():
    a = R_EARTH_EQ_M + 415e3
    # iss_facts s1: ~1.77 km of mean altitude per m/s at 400-420 km
    assert rb.delta_a_for_dv(a, 1.0) / 1e3 == pytest.approx(1.77, abs=0.03)
    assert rb.dv_for_delta_a(a, rb.delta_a_for_dv(a, 0.7)) == pytest.approx(0.7)


# --- the decision ---------------------------------------------------------------------------

POLICY = rb.ReboostPolicy(floor_km=400.0, target_km=420.0, engines=("Zvezda main engines",))


def test_no_reboost_above_the_floor_or_when_off():
    iss = load_station()
    assert rb.plan_reboost(POLICY, iss, R_EARTH_EQ_M + 400.5e3) is None
    off = rb.ReboostPolicy(enabled=False)
    assert rb.plan_reboost(off, iss, R_EARTH_EQ_M + 350e3) is None


def test_reboost_at_the_floor_burns_back_to_the_target():
    """At the floor the plan's Δv, applied by Gauss, lands on the target; the propellant is
    Tsiolkovsky's at Zvezda's Isp, taken from the station."""
    iss = load_station()
    a = R_EARTH_EQ_M + 399.0e3
    plan = rb.plan_reboost(POLICY, iss, a)
    assert plan is not None and plan.short_m_s == pytest.approx(0.0, abs=1e-9)
    assert a + rb.delta_a_for_dv(a, plan.dv_m_s) == pytest.approx(R_EARTH_EQ_M + 420e3, abs=1e-3)
    isp = iss.engine("Zvezda main engines").isp_s
    hand = iss.total_mass_kg * (1 - math.exp(-plan.dv_m_s / (isp * G0_M_S2)))
    assert plan.propellant_kg == pytest.approx(hand, rel=1e-9)
    assert iss.total_mass_kg - plan.station.total_mass_kg == pytest.approx(plan.propellant_kg)
    assert plan.on_demand_kg == 0.0


def test_on_demand_propellant_makes_up_the_shortfall():
    """With empty Russian tanks the engines give nothing; on-demand propellant at 300 s gives
    all of the Δv (Tsiolkovsky for the whole station), without it the plan falls short."""
    iss = load_station().with_tank_fills(
        {"Zvezda propellant tanks": 0.0, "Zarya propellant tanks": 0.0}
    )
    a = R_EARTH_EQ_M + 399.0e3
    dry = rb.plan_reboost(POLICY, iss, a)
    assert dry.dv_m_s == 0.0 and dry.short_m_s == pytest.approx(dry.dv_asked_m_s)
    plan = rb.plan_reboost(replace(POLICY, on_demand_isp_s=300.0), iss, a)
    assert plan.short_m_s == pytest.approx(0.0, abs=1e-9)
    assert plan.on_demand_dv_m_s == pytest.approx(plan.dv_asked_m_s)
    hand = iss.total_mass_kg * (1 - math.exp(-plan.dv_asked_m_s / (300 * G0_M_S2)))
    assert plan.on_demand_kg == pytest.approx(hand, rel=1e-9)


def test_leaving_vehicle_burns_only_its_own_engines_toward_the_target():
    """Cygnus NG-17 leaving 2 km below the target: its BT-4 burns, nothing else; nothing is
    planned at the target, with the option off, or for a vehicle without a reboost engine."""
    iss = load_station()
    a = R_EARTH_EQ_M + 418e3
    st2, res = rb.plan_departure_reboost(POLICY, iss, a, "Cygnus NG-17")
    assert res.engines == ("Cygnus NG-17 BT-4 main engine",)
    assert res.dv_m_s == pytest.approx(rb.dv_to_target_m_s(POLICY, a))
    assert iss.propellant_kg - st2.propellant_kg == pytest.approx(res.propellant_kg)
    assert rb.plan_departure_reboost(POLICY, iss, R_EARTH_EQ_M + 420e3, "Cygnus NG-17") is None
    keep = replace(POLICY, use_before_departure=False)
    assert rb.plan_departure_reboost(keep, iss, a, "Cygnus NG-17") is None
    assert rb.plan_departure_reboost(POLICY, iss, a, "Soyuz MS-19") is None
