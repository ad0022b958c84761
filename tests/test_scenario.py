"""Scenario file and engine: bad input, ports, lifeboat rule, rocket equation, conservation."""

from __future__ import annotations

import math
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stationkeeper.constants import G0_M_S2
from stationkeeper.errors import InputError
from stationkeeper.ops import reboost as rb
from stationkeeper.rocket import propellant_for_dv
from stationkeeper.scenario import load_scenario, simulate
from stationkeeper.scenario.engine import Body, _Run
from stationkeeper.scenario.file import Event
from stationkeeper.station import load_station

HEAD = """[scenario]
name = "t"
duration_days = {days}
atmosphere = "{atm}"
"""


def write(tmp_path: Path, body: str, days: float = 30, atm: str = "exponential") -> Path:
    p = tmp_path / "s.toml"
    p.write_text(HEAD.format(days=days, atm=atm) + body, encoding="utf-8")
    return p


# --- rocket equation ---------------------------------------------------------------------


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
    a = 6378137.0 + 415e3
    # iss_facts s1: ~1.77 km of mean altitude per m/s at 400-420 km
    assert rb.delta_a_for_dv(a, 1.0) / 1e3 == pytest.approx(1.77, abs=0.03)
    assert rb.dv_for_delta_a(a, rb.delta_a_for_dv(a, 0.7)) == pytest.approx(0.7)


# --- bad input: one error naming file, line, field, allowed --------------------------------

BAD = [
    ('[[events]]\ndate = 2022-03-10\ntype = "explode"\n', "events[0].type", 7, "arrival"),
    (
        '[[events]]\ndate = 2022-03-10\ntype = "arrival"\nvehicle = "Soyuz TM"\nname = "x"\n'
        'port = "Rassvet nadir"\n',
        "events[0].vehicle",
        8,
        "Progress MS",
    ),
    ('[[events]]\ndate = 2021-03-10\ntype = "end"\n', "events[0].date", 6, ".."),
    ('[[events]]\ndate = 2023-03-10\ntype = "end"\n', "events[0].date", 6, ".."),
    (
        '[[events]]\ndate = 2022-03-10\ntype = "arrival"\nvehicle = "Progress MS"\n'
        'name = "Progress MS-20"\nport = "Zvezda aft"\n',
        "events[0].port",
        10,
        "free port",
    ),
    (
        '[[events]]\ndate = 2022-03-10\ntype = "transfer"\nfrom = "Progress MS-19 refuelling '
        'tanks"\nto = "Zvezda propellant tanks"\nkg = 900\n',
        "events[0].kg",
        10,
        "860",
    ),
    (
        '[[events]]\ndate = 2022-03-10\ntype = "separation"\nmodules = ["Zvezda", "Nauka2"]\n',
        "events[0].modules",
        8,
        "Nauka",
    ),
    ("[scenario2]\nx = 1\n", "scenario2", 5, "scenario"),
    ("[reboost]\nfloor_km = 400\nfloorkm = 3\n", "reboost.floorkm", 7, "floor_km"),
    ('[[events]]\ndate = 2022-03-10\ntype = "end"\nspeed = 3\n', "events[0].speed", 8, "date"),
]


@pytest.mark.parametrize(("body", "field", "line", "allowed"), BAD)
def test_bad_input_names_file_line_field_allowed(tmp_path, body, field, line, allowed):
    p = write(tmp_path, body, days=300)
    with pytest.raises(InputError) as ei:
        load_scenario(p)
    e = ei.value
    assert e.file == str(p)
    assert e.field == field
    assert e.line == line
    assert allowed in (e.allowed or "")
    assert "\n" not in str(e)


def test_port_conflict_names_both_vehicles(tmp_path):
    body = (
        '[[events]]\ndate = 2022-03-10\ntype = "arrival"\nvehicle = "Cygnus"\nname = "NG-X"\n'
        'port = "Harmony nadir"\n\n'
        '[[events]]\ndate = 2022-03-12\ntype = "arrival"\nvehicle = "HTV-X"\nname = "HTV-X1"\n'
        'port = "Harmony nadir"\n'
    )
    with pytest.raises(InputError) as ei:
        load_scenario(write(tmp_path, body))
    assert "NG-X" in str(ei.value) and "HTV-X1" in str(ei.value)
    assert ei.value.line == 17


# --- the engine ---------------------------------------------------------------------------


def test_lifeboat_violation_is_reported_with_its_date(tmp_path):
    # Soyuz MS-19 leaves without its 3 crew: 7 aboard, 4 seats
    body = '[[events]]\ndate = 2022-03-10\ntype = "departure"\nname = "Soyuz MS-19"\ncrew = 0\n'
    res = simulate(load_scenario(write(tmp_path, body, days=12)))
    assert res.summary["lifeboat_violations"]
    assert res.summary["lifeboat_violations"][0].startswith("2022-03-10")
    v = res.events[res.events["type"] == "violation"]
    assert len(v) == 1 and "7 crew aboard, 4 seats" in v["detail"].iloc[0]


def test_reboost_policy_keeps_the_band_and_conserves(tmp_path):
    body = """
[reboost]
floor_km = 417.5
target_km = 419.0
engines = ["Zvezda main engines"]
"""
    res = simulate(load_scenario(write(tmp_path, body, days=40, atm="nrlmsis")))
    alt = res.timeseries["mean_altitude_km"]
    assert alt.min() > 417.0 and alt.max() < 419.3
    boosts = res.events[res.events["type"] == "reboost"]
    assert len(boosts) >= 1
    # each burn: Δh from Gauss for the Δv, propellant from Tsiolkovsky at 305 s
    for _, r in boosts.iterrows():
        m0 = r["mass_kg"] + r["propellant_kg"]
        assert r["propellant_kg"] == pytest.approx(
            m0 * (1 - math.exp(-r["dv_mps"] / (305 * G0_M_S2))), rel=1e-3
        )
    assert res.summary["propellant"]["conservation_residual_kg"] == pytest.approx(0, abs=1e-6)
    assert res.summary["mass"]["conservation_residual_kg"] == pytest.approx(0, abs=1e-6)


# --- conservation: property test over random event sequences -------------------------------

_OPS = st.lists(
    st.one_of(
        st.tuples(
            st.just("arrival"),
            st.sampled_from(["Progress MS", "Cygnus", "Cargo Dragon"]),
            st.floats(0, 800),
        ),
        st.tuples(st.just("departure"), st.integers(0, 10), st.just(0.0)),
        st.tuples(st.just("transfer"), st.integers(0, 30), st.floats(0, 900)),
        st.tuples(st.just("burn"), st.integers(0, 3), st.floats(-3, 5)),
        st.tuples(st.just("partner_exit"), st.sampled_from(["Roscosmos", "NASA"]), st.just(0.0)),
        st.tuples(st.just("separation"), st.just(0), st.just(0.0)),
        st.tuples(st.just("attitude"), st.integers(0, 3), st.floats(0, 200)),
        st.tuples(
            st.just("relocation"),
            st.integers(0, 10),
            st.sampled_from(["Rassvet nadir", "Prichal nadir", "Poisk zenith", "Harmony zenith"]),
        ),
    ),
    max_size=14,
)

_FREE_PORTS = {
    "Progress MS": ["Rassvet nadir", "Prichal nadir"],
    "Cygnus": ["Harmony nadir"],
    "Cargo Dragon": ["Harmony zenith"],
}


@pytest.fixture(scope="module")
def base_scenario(tmp_path_factory):
    p = tmp_path_factory.mktemp("prop") / "s.toml"
    p.write_text(HEAD.format(days=100, atm="exponential"), encoding="utf-8")
    return load_scenario(p)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_OPS)
def test_mass_and_propellant_are_conserved_across_events(base_scenario, ops):
    from stationkeeper.ops.consumables import Stock

    sc = base_scenario
    run = _Run(sc, None)
    bodies = [
        Body(
            sc.station.name,
            sc.station,
            __import__("numpy").array([6378137.0 + 418e3, 0.0, 0.0, 0.9, 0.0]),
            sc.crew,
            Stock(),
        )
    ]
    t = sc.start
    n = 0
    for k, (kind, a, b) in enumerate(ops):
        t = t + timedelta(hours=1)
        body = bodies[0]
        st_ = body.station
        fields: dict = {}
        typ = kind
        if kind == "arrival":
            used = {v.port for v in st_.vehicles}
            have = {p for m in st_.modules for p in m.port_names}
            ports = [p for p in _FREE_PORTS[a] if p not in used and p in have]
            if not ports:
                continue
            n += 1
            fields = {"vehicle": a, "name": f"V{n}", "port": ports[0], "propellant_kg": min(b, 800)}
        elif kind == "departure":
            if not st_.vehicles:
                continue
            fields = {"name": st_.vehicles[a % len(st_.vehicles)].name}
        elif kind == "transfer":
            if len(st_.tanks) < 2:
                continue
            src = st_.tanks[a % len(st_.tanks)]
            dst = st_.tanks[(a // 3 + 1) % len(st_.tanks)]
            if src.name == dst.name:
                continue
            fields = {"from": src.name, "to": dst.name, "kg": b}
        elif kind == "burn":
            fields = {"dv_mps": b}
        elif kind == "relocation":
            if not st_.vehicles:
                continue
            fields = {"name": st_.vehicles[a % len(st_.vehicles)].name, "port": b}
        elif kind == "partner_exit":
            fields = {"owner": a}
        elif kind == "separation":
            if len(bodies) > 1:
                continue
            fields = {"segment": "russian"}
        elif kind == "attitude":
            for bb in bodies:
                bb.station, used_ = __import__(
                    "stationkeeper.ops.reboost", fromlist=["x"]
                ).draw_attitude_propellant(bb.station, b)
                run.spend(t, bb, used_, "attitude")
            typ = None
        if typ is not None:
            run.apply(Event(k, None, t, typ, fields), bodies)
        live = [bb.station for bb in bodies if bb.alive]
        assert run.ledger.residual_kg(live) == pytest.approx(0.0, abs=1e-6)
        m = run.mass
        total = sum(s.total_mass_kg for s in live)
        assert total + m["departed"] + m["spent"] + m["reentered"] == pytest.approx(
            m["initial"] + m["delivered"], abs=1e-6
        )
        for s in live:
            assert all(0 <= tk.fill_kg <= tk.capacity_kg + 1e-9 for tk in s.tanks)


# --- port relocations ---------------------------------------------------------------------


def test_relocation_moves_the_vehicle_and_frees_its_port(tmp_path):
    # Progress MS-19 (Poisk zenith at 2022-03-03) moves to the free Prichal nadir; a Progress
    # can then dock at Poisk zenith, which the timeline check would refuse without the move.
    body = (
        '[[events]]\ndate = 2022-03-05\ntype = "relocation"\nname = "Progress MS-19"\n'
        'port = "Prichal nadir"\n\n'
        '[[events]]\ndate = 2022-03-07\ntype = "arrival"\nvehicle = "Progress MS"\n'
        'name = "Progress MS-20"\nport = "Poisk zenith"\n'
    )
    res = simulate(load_scenario(write(tmp_path, body, days=10)))
    st_ = res.bodies[0].station
    assert st_.vehicle("Progress MS-19").port == "Prichal nadir"
    assert st_.vehicle("Progress MS-20").port == "Poisk zenith"
    ev = res.events[res.events["type"] == "relocation"]
    assert list(ev["detail"]) == ["Poisk zenith → Prichal nadir"]
    p = res.summary["propellant"]
    assert p["conservation_residual_kg"] == pytest.approx(0.0, abs=1e-6)


RELOCATION_BAD = [
    # a taken port: the error names the vehicle already there
    ('name = "Progress MS-19"\nport = "Zvezda aft"\n', "events[0].port", "Progress MS-18"),
    # a port this vehicle type cannot use
    ('name = "Progress MS-19"\nport = "Harmony zenith"\n', "events[0].port", "Rassvet nadir"),
    # a vehicle that is not docked
    ('name = "Progress MS-99"\nport = "Rassvet nadir"\n', "events[0].name", "Progress MS-19"),
]


@pytest.mark.parametrize(("tail", "field", "named"), RELOCATION_BAD)
def test_relocation_bad_input(tmp_path, tail, field, named):
    body = '[[events]]\ndate = 2022-03-05\ntype = "relocation"\n' + tail
    with pytest.raises(InputError) as ei:
        load_scenario(write(tmp_path, body))
    e = ei.value
    assert e.field == field
    assert named in str(e) + (e.allowed or "")
    assert e.line is not None and "\n" not in str(e)


# --- attitude-control budget ----------------------------------------------------------------


def test_attitude_budget_draws_the_published_rate(tmp_path):
    """12 OPM rotations a year at 9.7 kg (NTRS 20150001912): 116.2 kg/yr, drawn day by day
    from the tanks feeding the attitude thrusters."""
    body = "[attitude]\nmaneuvers_per_year = 12\nkg_per_maneuver = 9.7\n"
    res = simulate(load_scenario(write(tmp_path, body, days=100)))
    p = res.summary["propellant"]
    hand = 12 * 9.7 * 100 / 365.25  # 31.87 kg
    assert p["spent_by_purpose_kg"]["attitude"] == pytest.approx(hand, rel=1e-6)
    assert p["attitude_budget"]["kg_per_year"] == pytest.approx(116.4, abs=0.1)
    assert p["conservation_residual_kg"] == pytest.approx(0.0, abs=1e-6)


def test_attitude_budget_without_thrusters_warns_once(tmp_path):
    """When Roscosmos stops its engines there is no attitude thruster left: a warning, the
    budget stops being drawn, nothing else changes."""
    body = (
        "[attitude]\nbackground_kg_per_day = 5\n\n"
        '[[events]]\ndate = 2022-03-06\ntype = "partner_exit"\nowner = "Roscosmos"\n'
        'stops = ["engines"]\n'
    )
    res = simulate(load_scenario(write(tmp_path, body, days=10)))
    w = res.events[(res.events["type"] == "warning") & (res.events["name"] == "attitude control")]
    assert len(w) == 1 and "CMGs only" in w["detail"].iloc[0]
    spent = res.summary["propellant"]["spent_by_purpose_kg"]["attitude"]
    assert 5 * 2 <= spent <= 5 * 3.1  # 3 Mar 17:00 -> 6 Mar 00:00 is 2.3 days


def test_attitude_budget_bad_input(tmp_path):
    with pytest.raises(InputError) as ei:
        load_scenario(write(tmp_path, "[attitude]\nkg_per_maneuver = -3\n"))
    e = ei.value
    assert e.field == "attitude.kg_per_maneuver" and e.line == 6
    assert "0 .. 1000" in e.allowed


def test_deorbit_vehicle_can_reboost_by_priority(tmp_path):
    """A USDV docked at Harmony forward is an engine the policy can name; its burn follows the
    rocket equation with its 46 Dracos (Isp 300 s) and draws only its own tank."""
    body = (
        '[reboost]\nenabled = false\nengines = ["USDV"]\n\n'
        '[[events]]\ndate = 2022-03-05\ntype = "departure"\nname = "Crew Dragon Endurance '
        '(Crew-3)"\ncrew = 0\n\n'
        '[[events]]\ndate = 2022-03-06\ntype = "arrival"\nvehicle = "USDV"\nname = "USDV-1"\n'
        'port = "Harmony forward"\n\n'
        '[[events]]\ndate = 2022-03-08\ntype = "burn"\ndv_mps = 2.0\n'
    )
    res = simulate(load_scenario(write(tmp_path, body, days=10)))
    burns = res.events[res.events["type"] == "burn"]
    assert len(burns) == 1
    kg = float(burns["propellant_kg"].iloc[0])
    m0 = float(burns["mass_kg"].iloc[0]) + kg  # mass_kg is logged after the burn
    hand = m0 * (1 - math.exp(-2.0 / (300 * G0_M_S2)))
    assert kg == pytest.approx(hand, rel=1e-3)
    assert res.summary["propellant"]["spent_by_owner_kg"] == {"NASA": pytest.approx(kg)}


# --- what would it take: on-demand reboost propellant ---------------------------------------


def test_on_demand_reboosts_hold_the_band_and_pay_the_drag_impulse(tmp_path):
    """No engine may burn (Roscosmos stops its engines at once) but on_demand_isp_s = 300: the
    band still holds, and the propellant equals the drag impulse over the run divided by the
    exhaust speed (momentum balance: m dv = D dt; Tsiolkovsky to first order), with the drag
    computed here by hand from the exponential atmosphere along the run's altitude history."""
    from stationkeeper.environment.atmosphere import ExponentialAtmosphere

    body = (
        "[reboost]\nenabled = true\nfloor_km = 405\ntarget_km = 415\non_demand_isp_s = 300\n"
        'engines = ["Zvezda main engines"]\n\n'
        '[[events]]\ndate = 2022-03-03T18:00:00Z\ntype = "partner_exit"\nowner = "Roscosmos"\n'
        'stops = ["engines"]\n'
    )
    sc = load_scenario(write(tmp_path, body, days=300, atm="exponential"))
    res = simulate(sc)
    p = res.summary["propellant"]
    ts = res.timeseries
    assert ts["mean_altitude_km"].min() > 404.0  # the band held
    assert p["spent_by_owner_kg"].keys() == {"on demand"}
    assert p["conservation_residual_kg"] == pytest.approx(0.0, abs=1e-6)
    assert res.summary["mass"]["conservation_residual_kg"] == pytest.approx(0.0, abs=1e-6)
    # hand drag impulse: D = 1/2 rho v_rel^2 Cd A, v_rel^2 ~ v^2 (1 - 2 w r cos(i) / v)
    atm = ExponentialAtmosphere()
    st_ = sc.station
    impulse = 0.0
    t = ts["day"].to_numpy() * 86400.0
    for k in range(len(ts) - 1):
        h_m = ts["mean_altitude_km"].iloc[k] * 1e3
        r = 6378137.0 + h_m
        v = math.sqrt(3.986004418e14 / r)
        rho = atm.rho0_kg_m3 * math.exp(-(h_m - atm.h0_m) / atm.scale_height_m)
        corot = 1 - 2 * 7.292115e-5 * r * math.cos(math.radians(51.64)) / v
        impulse += 0.5 * rho * v * v * corot * st_.cd * st_.drag_area_m2 * (t[k + 1] - t[k])
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


def test_on_demand_isp_out_of_range_is_refused(tmp_path):
    with pytest.raises(InputError) as ei:
        load_scenario(write(tmp_path, "[reboost]\non_demand_isp_s = 30\n"))
    assert ei.value.field == "reboost.on_demand_isp_s" and "100 .. 500" in ei.value.allowed


@pytest.mark.parametrize("use", [True, False])
def test_leaving_vehicle_burns_its_reboost_propellant_first(tmp_path, use):
    """Cygnus NG-17 (400 kg, BT-4) leaves on day 3 with the station below the 420 km target:
    with use_before_departure it first raises the station toward the target with its own
    propellant (Gauss + Tsiolkovsky), without it all 400 kg leave with it."""
    body = (
        "[reboost]\nenabled = true\nfloor_km = 380\ntarget_km = 420\n"
        f"use_before_departure = {str(use).lower()}\n\n"
        '[[events]]\ndate = 2022-03-06\ntype = "departure"\nname = "Cygnus NG-17"\n'
    )
    res = simulate(load_scenario(write(tmp_path, body, days=5)))
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
    dv = float(before["dv_mps"].iloc[0])
    assert 0.5 < dv < 2.0
    m0 = float(before["mass_kg"].iloc[0]) + kg
    assert kg == pytest.approx(m0 * (1 - math.exp(-dv / (300 * G0_M_S2))), rel=1e-6)
    assert float(before["mean_altitude_km"].iloc[0]) == pytest.approx(420.0, abs=0.01)
    assert float(dep["propellant_kg"].iloc[0]) == pytest.approx(400.0 - kg, abs=1e-6)
    assert res.summary["propellant"]["conservation_residual_kg"] == pytest.approx(0, abs=1e-6)


def test_a_scenario_without_events_is_the_decay_command(tmp_path):
    """One physics: a 60-day scenario with no event and no reboost ends where
    stationkeeper.decay ends (same station, orbit, observed space weather)."""
    import stationkeeper as sk

    p = tmp_path / "s.toml"
    p.write_text('[scenario]\nname = "t"\nduration_days = 60\nsolar = "observed"\n')
    res = simulate(load_scenario(p))
    d = sk.decay(60, solar="observed").table
    assert res.timeseries["mean_altitude_km"].iloc[-1] == pytest.approx(
        d["mean_altitude_km"].iloc[-1], abs=0.01
    )
    assert d["mean_altitude_km"].iloc[0] - d["mean_altitude_km"].iloc[-1] > 3.0  # it decayed


def test_docs_scenarios_md_names_every_table_key_and_event():
    """docs/scenarios.md is the user's reference: it must mention every key the parser takes."""
    from stationkeeper.scenario.file import EVENT_COMMON, EVENT_KEYS, TABLE_KEYS

    doc = (Path(__file__).resolve().parents[1] / "docs" / "scenarios.md").read_text()
    for table, keys in TABLE_KEYS.items():
        assert f"`[{table}]`" in doc or f"[{table}]" in doc, table
        for k in keys:
            assert f"`{k}`" in doc, f"[{table}] {k}"
    for typ, keys in EVENT_KEYS.items():
        assert f"`{typ}`" in doc, typ
        for k in keys:
            assert f"`{k}`" in doc, f"{typ}.{k}"
    for k in EVENT_COMMON:
        assert f"`{k}`" in doc, k


def test_reboost_policy_event_changes_only_the_keys_it_gives(tmp_path):
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
floor_km = 416
target_km = 418
"""
    res = simulate(load_scenario(write(tmp_path, body, days=45, atm="nrlmsis")))
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
    assert notes[1] == "on, floor 416 km, target 418 km, engines Zvezda main engines"
    ts = res.timeseries
    late = ts[ts["epoch_utc"] > pd.Timestamp("2022-04-03", tz="UTC")]
    assert late["mean_altitude_km"].min() > 415.5
