"""The ``deorbit`` and ``abandon`` events: their checks, the state they hand over, and what
they answer, against the published plan (iss_facts s6), the rocket equation and the orbit's
geometry."""

from __future__ import annotations

import math
import tomllib
from datetime import datetime, timedelta

import numpy as np
import pytest

from stationkeeper.data import data_path
from stationkeeper.errors import InputError
from stationkeeper.orbit.averaged import mean_state_from_osculating
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.reentry.deorbit.plan import SPOUA_TARGET
from stationkeeper.scenario.events.end_of_life import osculating_at
from stationkeeper.scenario.file import load_scenario
from stationkeeper.scenario.loop import simulate

G0 = 9.80665  # standard gravity, m/s^2
USDV = "\n".join(
    [
        "[[events]]",
        "date = 2022-03-05",
        'type = "arrival"',
        'vehicle = "USDV"',
        'name = "USDV"',
        'port = "Harmony forward"',
        "assumed = true",
        "",
        "[[events]]",
        "date = 2022-03-04",
        'type = "departure"',
        'name = "Crew Dragon Endurance (Crew-3)"',
    ]
)
# A short end of life from the shipped 2022 state (~415 km): the crew leave at 400 km and the
# burns start at 390 km (the published 330 and 220 km take years; the hand-over is the same).
DEORBIT = """
[[events]]
date = 2022-03-06
type = "deorbit"
vehicle = "usdv"
crew_altitude_km = 400.0
start_altitude_km = 390.0
with_entry = {entry}
"""


def _err(write, body: str, days: float = 30) -> str:
    path = write(body, days=days)
    with pytest.raises(InputError) as exc:
        load_scenario(path)
    return str(exc.value)


@pytest.mark.parametrize(
    ("body", "field", "allowed"),
    [
        ('vehicle = "soyuz"', "events[0].vehicle", "progress, usdv"),
        ('vehicle = "usdv"\ncount = 2.5', "events[0].count", "1 .. 20"),
        ('vehicle = "usdv"\ndecay_from = 2022-03-04', "events[0].decay_from", "2022-03-10"),
        ('vehicle = "usdv"\nstart_altitude_km = 340.0', "events[0].start_altitude_km", "330"),
    ],
)
def test_bad_deorbit_names_file_line_field_allowed(write, body, field, allowed):
    msg = _err(write, f'[[events]]\ndate = 2022-03-10\ntype = "deorbit"\n{body}\n')
    assert f":{8 + body.count(chr(10))}: " in msg  # the key's line: [scenario] has 4, events 3
    assert field in msg and allowed in msg
    assert "s.toml" in msg


def test_one_end_of_life_per_run(write):
    two = '[[events]]\ndate = 2022-03-10\ntype = "abandon"\n\n' * 2
    msg = _err(write, two)
    assert "events[1].type" in msg and "one deorbit or abandon event per run" in msg


def test_bad_abandon_samples(write):
    msg = _err(write, '[[events]]\ndate = 2022-03-10\ntype = "abandon"\nsamples = 5\n')
    assert "events[0].samples" in msg and "100 .. 20000" in msg


@pytest.fixture(scope="module")
def handover(tmp_path_factory):
    p = tmp_path_factory.mktemp("eol") / "s.toml"
    p.write_text(
        '[scenario]\nname = "t"\nduration_days = 400\n\n'
        + USDV
        + "\n"
        + DEORBIT.format(entry="false"),
        encoding="utf-8",
    )
    return simulate(load_scenario(p), seed=1)


def test_crew_leave_at_the_crew_altitude(handover):
    s = handover.summary["end_of_life"]
    ts = handover.timeseries
    # the first daily record at or below 400 km is the day they leave: crew 0 from there on
    below = ts[ts["mean_altitude_km"] <= 400.0]
    assert s["crew_departure_altitude_km"] <= 400.0
    assert s["crew_departure_altitude_km"] > 400.0 - 0.5  # one day's decay at ~400 km
    day = datetime.fromisoformat(s["crew_departure_utc"])
    assert below["epoch_utc"].iloc[0].to_pydatetime() == day
    assert (ts[ts["epoch_utc"] > day]["crew"] == 0).all()
    assert (ts[ts["epoch_utc"] < day]["crew"] > 0).all()
    ev = handover.events
    gone = ev[(ev["type"] == "departure") & ev["detail"].str.contains("final descent")]
    assert set(gone["name"]) == {"Soyuz MS-19"}  # the crew vehicle docked then
    # no reboost after the deorbit event: the decay is the run's own flight
    assert not ((ev["type"] == "reboost") & (ev["epoch_utc"] > "2022-03-06")).any()


def test_burns_start_at_the_burns_altitude_from_the_runs_state(handover):
    s = handover.summary["end_of_life"]
    assert 389.0 < s["handover_altitude_km"] <= 390.0
    assert s["burn_days"][0] == s["handover_utc"][:10]
    # ~4 days of burns (NASA/SpaceX 2024, iss_facts s6)
    first = datetime.fromisoformat(s["burns"][0]["date_utc"])
    last = datetime.fromisoformat(s["burns"][-1]["date_utc"])
    assert timedelta(days=3) <= last - first <= timedelta(days=5)
    assert s["arrival_date"] == "2022-03-05" and s["vehicle_docked_in_run"]


def test_deorbit_propellant_is_the_rocket_equation(handover):
    """The stack the burns push: the station's modules and their tanks at hand-over plus the
    USDV's wet mass (vehicles_deorbit.toml); one Isp, so the burns' propellant is
    m0 (1 - exp(-sum dv / (g0 Isp)))."""
    s = handover.summary["end_of_life"]
    st = handover.bodies[0].station
    doc = tomllib.loads(data_path("vehicles_deorbit.toml").read_text(encoding="utf-8"))
    v = doc["vehicles"]["usdv"]
    modules = {m.name for m in st.modules}
    m0 = sum(m.mass_kg for m in st.modules) + sum(t.fill_kg for t in st.tanks if t.host in modules)
    # the run's station after the burns: the USDV's tank gave booked_kg
    m0 += v["dry_mass_kg"] + v["usable_propellant_kg"]
    assert s["stack_mass_kg"] == pytest.approx(m0, rel=1e-9)
    dv = sum(b["dv_m_s"] for b in s["burns"])
    want = m0 * (1.0 - math.exp(-dv / (G0 * v["isp_s"])))
    assert s["deorbit_propellant_by_owner_kg"] == {"NASA": pytest.approx(want, rel=1e-6)}
    assert sum(b["propellant_kg"] for b in s["burns"]) == pytest.approx(want, rel=1e-6)
    # the USDV docked in the run gave it from its tank: the books balance
    p = handover.summary["propellant"]
    assert s["booked_kg"] == pytest.approx(want, rel=1e-9)
    assert p["spent_by_purpose_kg"]["deorbit"] == pytest.approx(want, rel=1e-9)
    assert p["spent_by_owner_kg"]["NASA"] >= want - 1e-6
    assert p["conservation_residual_kg"] == pytest.approx(0.0, abs=1e-6)
    assert handover.summary["mass"]["conservation_residual_kg"] == pytest.approx(0.0, abs=1e-6)


@pytest.mark.slow
def test_impact_in_the_south_pacific_uninhabited_area(write):
    """The published target (iss_facts s6): the South Pacific Ocean Uninhabited Area, around
    Point Nemo ~48-49 S, 123 W; footprint up to 5,370-6,000 km long, all at sea."""
    res = simulate(load_scenario(write(USDV + "\n" + DEORBIT.format(entry="true"), 400)), seed=1)
    s = res.summary["end_of_life"]
    assert -49.5 <= s["impact_lat_deg"] <= -47.0
    assert -125.0 <= s["impact_lon_deg"] <= -121.0
    assert tuple(s["target_lat_lon_deg"]) == SPOUA_TARGET
    assert s["footprint_land_share"] == 0.0 and s["footprint_countries"] == []
    assert 0 < s["footprint_length_km"] <= 6000.0
    impact = datetime.fromisoformat(s["impact_utc"])
    assert res.summary["bodies"]["International Space Station"]["reentry_utc"] == s["impact_utc"]
    assert impact - datetime.fromisoformat(s["handover_utc"]) < timedelta(days=5)
    assert "impact" in s["sentence"] and "crew leave" in s["sentence"]


def test_osculating_state_has_the_bodys_mean_elements():
    """The abandon hand-over: the state given to the Monte Carlo averages back to the run's
    mean orbit (a to 5 m, against the ~3.6 km the mean state taken as osculating is off)."""
    forces = ForceModel(zonal_degree=6)
    x = np.array([6_790_000.0, 1e-4, -2e-4, math.radians(51.64), 1.0])
    t = datetime.fromisoformat("2029-07-01T00:00:00+00:00")
    back = mean_state_from_osculating(osculating_at(t, x, forces), forces)
    assert back[0] == pytest.approx(x[0], abs=5.0)
    assert back[3] == pytest.approx(x[3], abs=1e-6)
    assert back[4] == pytest.approx(x[4], abs=1e-6)


def test_abandon_answers_from_the_state_that_day(write):
    body = '[[events]]\ndate = 2022-03-20\ntype = "abandon"\nsamples = 200\nseed = 3\n'
    res = simulate(load_scenario(write(body, days=400)), seed=1)
    s = res.summary["end_of_life"]
    assert res.summary["end_utc"].startswith("2022-03-20")
    assert s["crew_departed"] == 7 and res.bodies[0].crew == 0
    w = s["reentry"]
    assert w["p05_utc"] > "2022-03-20" and w["p05_utc"] <= w["median_utc"] <= w["p95_utc"]
    # impacts only where a 51.6 deg orbit flies: no latitude band beyond 60 deg
    bands = s["impact_by_latitude"]
    assert sum(bands.values()) == pytest.approx(1.0, abs=1e-9)
    assert all(abs(int(k.split("..")[1])) <= 60 for k in bands)
    assert s["country"]["name"] == "United States of America"
    assert 0.0 < s["country"]["footprint_touch_probability"] < 1.0
    assert "Abandoned on 2022-03-20" in s["sentence"]
