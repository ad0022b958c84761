"""The shipped example scenarios run end to end (CLI and API) and answer their questions."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import shared_file

from stationkeeper import run_scenario
from stationkeeper.cli import main
from stationkeeper.ops.traffic import vehicle_types
from stationkeeper.orbit.history import altitude_error_km, detect_manoeuvres
from stationkeeper.orbit.tle import load_tle_history
from stationkeeper.report.scenario_plots import gantt_intervals
from stationkeeper.scenario.file import load_scenario
from stationkeeper.scenario.loop import simulate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_partner_exit_cli_writes_everything(tmp_path, capsys):
    code = main(
        ["run", str(EXAMPLES / "partner-exit.toml"), "--out", str(tmp_path / "pe"), "--json"]
    )
    assert code == 0
    out = tmp_path / "pe"
    s = json.loads(capsys.readouterr().out)
    for f in (
        "timeseries.parquet",
        "events.csv",
        "summary.json",
        "altitude.png",
        "propellant.png",
        "gantt.png",
    ):
        assert (out / f).stat().st_size > 0
    assert s["propellant"]["conservation_residual_kg"] == pytest.approx(0, abs=1e-6)
    assert s["mass"]["conservation_residual_kg"] == pytest.approx(0, abs=1e-6)
    ev = pd.read_csv(out / "events.csv")
    after = ev[(ev["type"] == "reboost") & (ev["epoch_utc"] > "2022-06-01")]
    assert len(after) > 0
    assert not after["detail"].str.contains("Zvezda|Progress").any()
    # only US-side owners spend propellant after the exit, plus the on-demand top-ups that say
    # what holding the band would take beyond the flights that really flew
    p = s["propellant"]
    assert set(p["spent_by_owner_kg"]) <= {"SpaceX", "Northrop Grumman", "on demand"}
    assert p["spent_by_owner_kg"].get("on demand", 0.0) == pytest.approx(p["on_demand_kg"])
    assert set(p["on_demand_loads_per_year"]) == {"Cargo Dragon", "Cygnus"}
    # SpaceX reboosts only with CRS-33's trunk (the first, Aug 2025; iss_facts s2), at most
    # one full kit of the vehicles.toml capacity
    assert 0 < p["spent_by_owner_kg"]["SpaceX"] <= 1400.0 + 1e-6
    # with on-demand top-ups the band holds to the end of the run
    assert s["bodies"]["International Space Station"]["in_orbit_at_end"]
    assert s["bodies"]["International Space Station"]["final_mean_altitude_km"] > 395
    ts = pd.read_parquet(out / "timeseries.parquet")
    for col in (
        "mean_altitude_km",
        "mass_kg",
        "drag_area_m2",
        "propellant_kg",
        "crew",
        "days_of_margin",
        "propellant_SpaceX_kg",
    ):
        assert col in ts.columns
    # the cumulative spent-by-owner columns end at the summary's totals
    for owner, kg in p["spent_by_owner_kg"].items():
        assert ts[f"spent_{owner}_kg"].iloc[-1] == pytest.approx(kg)
    # the Antares gap (iss_facts s4): RD-181 deliveries stopped, Antares 230+ grounded after
    # its last flight NG-19 (Aug 2023); Cygnus back on Falcon 9 with NG-20 (Jan 2024)
    caps = s["vehicle_capabilities"]
    assert caps["assumed"] == []
    (g,) = caps["launchers_grounded"]
    assert (g["launcher"], g["last_flight"]) == ("Antares 230+", "Cygnus NG-19")
    assert g["grounded_from"].startswith("2023-08")
    assert (g["replacement"], g["replacement_from"][:7]) == ("Falcon 9", "2024-01")
    assert ev["type"].eq("grounded").sum() == 1
    cyg = ev[(ev["type"] == "arrival") & ev["name"].str.startswith("Cygnus")]
    in_gap = cyg[(cyg["epoch_utc"] > "2023-08-05") & (cyg["epoch_utc"] < "2024-01-30")]
    assert in_gap.empty


def test_partner_exit_uses_no_capability_outside_its_dates():
    """The realistic example passes the dated checks with no `assumed`, on the cadence of
    iss_facts s4 (Cargo Dragon ~2 a year), the boost trunk only from CRS-33 (Aug 2025)."""
    sc = load_scenario(EXAMPLES / "partner-exit.toml")  # refuses any use outside its dates
    types = vehicle_types()
    arrivals = [e for e in sc.events if e.type == "arrival"]
    assert not any("assumed" in e.fields for e in sc.events)
    for e in arrivals:
        vt = types[e.get("vehicle")]
        assert vt.problems(e.date.date(), reboost=e.get("propellant_kg", 0) > 0) == []
    dragons = [e for e in arrivals if e.get("vehicle") == "Cargo Dragon"]
    per_year = {y: sum(e.date.year == y for e in dragons) for y in (2023, 2024, 2025)}
    assert all(1 <= n <= 3 for n in per_year.values()), per_year
    kits = [e for e in dragons if e.get("propellant_kg", 0) > 0]
    assert [(e.date.year, e.date.month) for e in kits] == [(2025, 8)]


def test_partner_exit_idealised_flags_every_trunk_before_crs33():
    res = run_scenario(EXAMPLES / "partner-exit-idealised.toml")
    sc = load_scenario(EXAMPLES / "partner-exit-idealised.toml")
    early = [
        e.get("name")
        for e in sc.events
        if e.get("vehicle") == "Cargo Dragon" and e.date.date() < date(2025, 8, 24)
    ]
    flagged = res.summary["vehicle_capabilities"]["assumed"]
    assert sorted(f["vehicle"] for f in flagged) == sorted(early)
    assert all("CRS-33" in f["what"] for f in flagged)
    assert (res.events["type"] == "assumed").sum() == len(early)
    # the extra trunks are burnt: SpaceX spends more than the one real kit
    assert res.summary["propellant"]["spent_by_owner_kg"]["SpaceX"] > 1400.0


def test_separation_gives_each_part_a_lifetime():
    res = run_scenario(EXAMPLES / "separation.toml")
    bodies = res.summary["bodies"]
    assert len(bodies) == 2
    # the part that stays does not keep the whole station's name
    assert "International Space Station" not in bodies
    us = bodies["US segment"]
    ru = bodies["Russian segment"]
    # the US part has no engines and re-enters; the Russian part reboosts on its own tanks and
    # outlives it
    assert us["reentry_utc"] is not None
    assert ru["days_in_orbit"] > us["days_in_orbit"]
    # the drag area splits by published dimensions (data/ram_areas.toml): the US part keeps the
    # truss and its ~2,500 m2 of arrays, so most of NASA's 1,980 m2; the parts add up
    ts = res.timeseries
    first = ts[ts["epoch_utc"] > pd.Timestamp("2022-04-02", tz="UTC")].groupby("body").first()
    a_us = first.loc["US segment", "drag_area_m2"]
    a_ru = first.loc["Russian segment", "drag_area_m2"]
    assert a_us + a_ru == pytest.approx(1980.0)
    assert 0.05 < a_ru / 1980.0 < 0.15
    sep = res.events[res.events["type"] == "separation"]["detail"].iloc[0]
    assert "ram area" in sep
    assert "attitude thrusters" in us["lost_at_separation"]["summary"]
    assert "control-moment gyroscopes" in ru["lost_at_separation"]["summary"]
    assert res.summary["propellant"]["conservation_residual_kg"] == pytest.approx(0, abs=1e-6)


def _limits(res, kind):
    return [lim for lim in res.summary["limits"] if lim["limit"] == kind]


def test_separation_reports_the_limits_it_reaches_with_their_dates():
    """Each limit against its source: Soyuz MS docked life 200-210 days (iss_facts §4); oxygen
    at NASA's BVAD 0.84 kg per crew-day (iss_facts §7); the US part's CMGs with no thruster to
    desaturate them and the Russian part without CMGs (iss_facts §3); the main arrays on the US
    truss. Each limit is also a line of the event log."""
    res = simulate(load_scenario(EXAMPLES / "separation.toml"), seed=1)
    sc = res.scenario
    split = pd.Timestamp("2022-04-01", tz="UTC")
    log = res.events[res.events["type"] == "limit"]
    assert len(log) == len(res.summary["limits"]) >= 5
    # attitude: the US part cannot hold it from the split (CMGs, nothing to desaturate them)
    (us_att,) = [x for x in _limits(res, "attitude") if x["body"] == "US segment"]
    assert pd.Timestamp(us_att["date"]) == split
    # the Russian part holds it on thrusters (propellant spent on attitude after the split)
    # until its tanks run dry, then reports the loss
    (ru_att,) = [x for x in _limits(res, "attitude") if x["body"] == "Russian segment"]
    assert pd.Timestamp(ru_att["date"]) > split
    by_purpose = res.summary["propellant"]["spent_by_purpose_kg"]
    years_before = (split - pd.Timestamp(sc.start)).days / 365.25
    assert by_purpose["attitude"] > 1.77 * 365.25 * years_before + 100.0
    # docked life: Soyuz MS-19 is no lifeboat 200-210 days after it docked
    soyuz = sc.station.vehicle("Soyuz MS-19")
    (dl,) = [x for x in _limits(res, "docked life") if "Soyuz MS-19" in x["detail"]]
    days = (pd.Timestamp(dl["date"]).date() - soyuz.docked_date).days
    assert 200 <= days <= 210
    assert any("Soyuz MS-19" in v for v in res.summary["lifeboat_violations"])
    # consumables, by hand at BVAD rates per crew-day (food 0.62, water 3.52 net of recovery,
    # oxygen 0.84 from the stock, then from water at 36.03/32.00 kg by electrolysis): the
    # first of food and water to run out with 7 crew sets the day
    c, rec = sc.consumables, sc.water_recovery
    food_days = c.food_kg / (7 * 0.62)
    o2_days = c.oxygen_kg / (7 * 0.84)
    w = 7 * 3.52 * (1 - rec)
    water_days = o2_days + (c.water_kg - w * o2_days) / (w + 7 * 0.84 * 36.03 / 32.00)
    out_days = min(food_days, water_days)
    cons = _limits(res, "consumables")
    assert {x["body"] for x in cons} == {"US segment", "Russian segment"}
    for x in cons:
        got = (pd.Timestamp(x["date"]) - pd.Timestamp(sc.start)).total_seconds() / 86400.0
        assert got == pytest.approx(out_days, abs=0.05)
    # the crew leave: nobody aboard either part at the end
    assert all(b["final_crew"] == 0 for b in res.summary["bodies"].values())
    # power: the Russian part lost the main arrays
    assert [x["body"] for x in _limits(res, "power")] == ["Russian segment"]
    # nothing stays docked to the US part after its reentry (the Gantt bar ends there)
    us_end = pd.Timestamp(res.summary["bodies"]["US segment"]["reentry_utc"])
    bars = {b[0]: b for b in gantt_intervals(res.events, split, pd.Timestamp(sc.end))}
    assert bars["Cygnus NG-17"][2] == us_end


def test_bad_scenario_is_exit_2_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[scenario]\nduration_days = 10\n\n[[events]]\ndate = 2022-03-05\ntype = "dock"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code = main(["run", str(bad), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{bad}:6: events[0].type" in err.replace("\n", "")
    assert not out.exists() or not any(out.iterdir())


def test_baseline_2021_against_the_tle_history():
    """The 2021 baseline vs the real TLE history, day by day.

    The issue asks for 5 km every day. With the drag fitted to the first 3 weeks of January
    only (see the example file), the model stays within 2.9 km all year (median 0.2 km); it
    drifts high in the last quarter, when the real ISS's effective ballistic coefficient fell
    (docs/validation.md: fitted BC ~200 kg/m2 in early 2021, ~105-125 in Nov-Dec).
    """
    res = run_scenario(EXAMPLES / "baseline-2021.toml")
    hist = load_tle_history(shared_file("tle", "iss_25544_2021-2022.3le"))
    ts = res.timeseries
    errs = np.abs(altitude_error_km(ts["epoch_utc"], ts["mean_altitude_km"], hist))
    assert len(errs) >= 360
    assert errs.max() < 5.0
    assert np.median(errs) < 0.5
    p = res.summary["propellant"]
    # Orbit changes, modelled: independent hand estimate from the TLE jumps themselves:
    # sum of altitude changes * ~155 kg per m/s / 1.77 km per m/s (iss_facts.md, derived
    # rules of thumb for ~450 t at Isp ~302 s).
    jumps_km = sum(
        abs(m.delta_altitude_km) for m in detect_manoeuvres(hist) if m.epoch_utc.year == 2021
    )
    hand_kg = jumps_km / 1.77 * 155.0
    assert p["spent_by_purpose_kg"]["burn"] == pytest.approx(hand_kg, rel=0.25)
    # Attitude control: the sourced budget (12 rotations/yr x 9.7 kg, NTRS 20150001912, plus
    # 1.77 kg/day measured in 2002) is drawn in full, i.e. the attitude tanks never ran dry.
    days = res.summary["duration_days"]
    want = (12 * 9.7 / 365.25 + 1.77) * days
    assert p["spent_by_purpose_kg"]["attitude"] == pytest.approx(want, 1e-6)
    assert p["spent_kg"] == pytest.approx(
        p["spent_by_purpose_kg"]["burn"] + p["spent_by_purpose_kg"]["attitude"]
    )
    # The supply side of 2021, from published deliveries (not from the model): three Progress
    # MS brought 600 (MS-16; the low end of the 600-850 kg range, iss_facts s2), 470 (MS-17,
    # Energia 2 Jul 2021) and 560 kg (MS-18, Roscosmos via parabolicarc) to the refuelling
    # system, plus at most their own ~880 kg propulsion tanks each (vehicles.toml, derived).
    # With the station's reserves about steady, the year used 1,630 .. 4,270 kg, and the
    # model's year must land in that band. The ~7,000 kg/yr of iss_facts s2 is the 1999-2014
    # planning average (six Progress M1 a year): 2021's deliveries cannot have fed it.
    supply_low, supply_high = 600 + 470 + 560, 600 + 470 + 560 + 3 * 880
    assert supply_low <= p["spent_kg"] <= supply_high
    assert p["conservation_residual_kg"] == pytest.approx(0, abs=1e-6)
    assert res.summary["lifeboat_violations"] == []
    # the five 2021 port relocations were applied (none skipped)
    reloc = res.events[res.events["type"] == "relocation"]
    assert len(reloc) == 5
    assert not (res.events["type"] == "skipped").any()


# --- the end of life (examples/end-of-life-*.toml; the published plan: iss_facts s6) ----------


def _eol(name: str):
    res = run_scenario(EXAMPLES / name, seed=1)
    return res, res.summary["end_of_life"]


@pytest.mark.slow
def test_end_of_life_2030_follows_the_published_sequence():
    """USDV docked (2029-07-01, 18 months before the planned Jan 2031 entry), the crew leave
    at ~330 km, natural decay to ~220 km, ~4 days of burns, impact in the South Pacific Ocean
    Uninhabited Area (~48-49 S, 123 W), footprint at sea and no longer than 5,370-6,000 km."""
    res, s = _eol("end-of-life-2030.toml")
    assert s["arrival_date"] == "2029-07-01" and s["vehicle_docked_in_run"]
    assert 329.0 < s["crew_departure_altitude_km"] <= 330.0
    # the hand-over is the first daily stop at or below 220 km (the decay there: ~2.5 km/day)
    ts = res.timeseries
    before = ts[ts["epoch_utc"] < pd.Timestamp(s["handover_utc"])]["mean_altitude_km"]
    assert before.iloc[-1] > 220.0 >= s["handover_altitude_km"]
    assert 4 <= len(s["burn_days"]) <= 6
    assert -49.5 <= s["impact_lat_deg"] <= -47.0 and -125.0 <= s["impact_lon_deg"] <= -121.0
    assert s["footprint_land_share"] == 0.0 and 0 < s["footprint_length_km"] <= 6000.0
    # the burns' propellant from the USDV's tank, NASA's (the USDV's owner, iss_facts s6)
    p = res.summary["propellant"]
    assert p["spent_by_purpose_kg"]["deorbit"] == pytest.approx(s["propellant_needed_kg"])
    assert s["deorbit_propellant_by_owner_kg"] == {"NASA": pytest.approx(s["propellant_needed_kg"])}
    assert p["conservation_residual_kg"] == pytest.approx(0, abs=1e-6)
    # entry after the end of 2030: every partner relied on past its commitment, and said
    beyond = {x["owner"]: x for x in res.summary["partnership"]["beyond_commitment"]}
    impact = date.fromisoformat(s["impact_utc"][:10])
    assert beyond["Roscosmos"]["days_beyond"] == (impact - date(2028, 12, 31)).days
    for owner in ("NASA", "ESA", "JAXA"):
        assert beyond[owner]["days_beyond"] == (impact - date(2030, 12, 31)).days
    assert "crew leave" in res.sentence and "impact" in res.sentence
    assert "relies on" in res.sentence


@pytest.mark.slow
def test_end_of_life_usdv_late_says_who_holds_the_station():
    res, s = _eol("end-of-life-usdv-late.toml")
    ev = res.events
    wait = ev[(ev["type"] == "reboost") & (ev["epoch_utc"] >= "2029-04-01")]
    wait = wait[wait["epoch_utc"] < "2030-07-02"]
    assert len(wait) > 0  # someone reboosts while the USDV is late
    assert not wait["detail"].str.contains("Cargo Dragon|Cygnus|USDV").any()
    assert s["arrival_date"] == "2030-07-01"
    assert s["crew_departure_utc"] < "2029-04-01"  # uncrewed while it waits
    p = res.summary["propellant"]
    assert p["spent_by_owner_kg"]["Roscosmos"] > 0
    assert "burns on" in res.sentence


@pytest.mark.slow
def test_end_of_life_roscosmos_2028_leaves_the_reboosts_to_the_us_side():
    res, s = _eol("end-of-life-roscosmos-2028.toml")
    ev = res.events
    after = ev[(ev["type"] == "reboost") & (ev["epoch_utc"] > "2028-12-31")]
    assert len(after) > 0
    assert not after["detail"].str.contains("Zvezda|Progress").any()
    owners = res.summary["propellant"]["spent_by_owner_kg"]
    assert owners.get("on demand", 0) > 0 or owners.get("SpaceX", 0) > 0
    # Roscosmos leaves at the end of its commitment: not relied on past it
    beyond = res.summary["partnership"]["beyond_commitment"]
    assert "Roscosmos" not in {x["owner"] for x in beyond}
    # the US CMGs are desaturated by Russian thrusters (iss_facts s3): lost with Roscosmos
    att = [x for x in res.summary["limits"] if x["limit"] == "attitude"]
    assert att and att[0]["date"].startswith("2028-12-31")
    assert "has not reached the burns' altitude" in res.sentence


@pytest.mark.slow
def test_end_of_life_usdv_fails_says_where_it_may_fall():
    res, s = _eol("end-of-life-usdv-fails.toml")
    assert s["kind"] == "abandon" and s["abandon_utc"].startswith("2029-07-01")
    w = s["reentry"]
    assert "2029-07-01" < w["p05_utc"] <= w["median_utc"] <= w["p95_utc"]
    # a 51.6 deg orbit: impacts in |latitude| <= 60 only, more near the turning latitudes
    bands = s["impact_by_latitude"]
    assert bands["40..50"] > bands["0..10"]
    assert 0 < s["country"]["footprint_touch_probability"] < 1
    assert "Abandoned on 2029-07-01" in res.sentence
