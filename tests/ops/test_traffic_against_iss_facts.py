"""The dated vehicle capabilities of data/vehicles.toml against the published record as the
project's fact sheet states it (../shared/research/iss_facts.md §2, §4, the sources SOURCES.md
names): each date must fall in the month or year the record gives, and an arrival outside
them is refused (or runs flagged as assumed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stationkeeper.errors import InputError
from stationkeeper.ops.traffic import engine_supplies, vehicle_types
from stationkeeper.scenario import load_scenario, simulate

HEAD = '[scenario]\nname = "t"\nduration_days = {days}\natmosphere = "exponential"\n'


@pytest.fixture
def write(tmp_path):
    """``write(body, days)``: a scenario file of that length (4 head lines), then ``body``."""

    def _write(body: str, days: float = 30) -> Path:
        p = tmp_path / "s.toml"
        p.write_text(HEAD.format(days=days) + body, encoding="utf-8")
        return p

    return _write


# (what, the date in vehicles.toml, the published month or year) -- iss_facts.md wording quoted
PUBLISHED = [
    # §2 "Boost trunk kit first flew on CRS-33 (Aug 2025)"
    ("Cargo Dragon boost trunk from", lambda t: t["Cargo Dragon"].capabilities[0].period.first,
     (2025, 8)),
    # §2 "NG-17 (25 Jun 2022) first operational" reboost: NG-17 launched before it (2022)
    ("Cygnus reboost from", lambda t: t["Cygnus"].capabilities[0].period.first, (2022,)),
    # §4 "Antares 230+ ... flew its last mission NG-19 on 1-2 Aug 2023"
    ("Antares 230+ until", lambda t: _launcher(t, "Antares 230+").period.last, (2023, 8)),
    # §4 "Cygnus then moved to Falcon 9 (NG-20 Jan 2024 ...)"
    ("Falcon 9 from", lambda t: _launcher(t, "Falcon 9").period.first, (2024, 1)),
    # §2 "ATV (5 flights 2008-2014)"
    ("ATV first", lambda t: t["ATV"].period.first, (2008,)),
    ("ATV last", lambda t: t["ATV"].period.last, (2014,)),
    # §4 "HTV (Kounotori, 9 flights 2009-2020)"
    ("HTV first", lambda t: t["HTV"].period.first, (2009,)),
    ("HTV last", lambda t: t["HTV"].period.last, (2020,)),
    # §4 HTV-X "first launch 25/26 Oct 2025"
    ("HTV-X first", lambda t: t["HTV-X"].period.first, (2025, 10)),
]  # fmt: skip


def _launcher(types, name):
    return next(la for la in types["Cygnus"].launchers if la.name == name)


@pytest.mark.parametrize(("what", "get", "published"), PUBLISHED, ids=[p[0] for p in PUBLISHED])
def test_dates_fall_in_the_published_month(what, get, published):
    d = get(vehicle_types())
    assert (d.year, d.month)[: len(published)] == published


def test_never_flown_types_have_no_period_and_antares_needs_two_rd181():
    t = vehicle_types()
    # iss_facts §4: Dream Chaser has no guaranteed ISS flight; §6: the USDV is not built yet
    for name in ("Dream Chaser", "USDV"):
        assert not t[name].period.covers(date(2026, 1, 1)), name
    # §4: "Antares 230+ (Ukrainian first stage, 2 RD-181)"; Roscosmos halted the deliveries
    antares = _launcher(t, "Antares 230+")
    assert (antares.engine, antares.engines_per_flight) == ("RD-181", 2)
    assert engine_supplies()["RD-181"].supplier == "Roscosmos"


def test_cygnus_could_not_reboost_before_ng17_and_could_after():
    # §2: OA-9E (Jul 2018) was a test; NG-17's burn of 25 Jun 2022 the first operational one
    cyg = vehicle_types()["Cygnus"]
    assert not cyg.can_reboost(date(2018, 7, 10))
    assert cyg.can_reboost(date(2022, 6, 25))


ARRIVAL = '[[events]]\ndate = {d}\ntype = "arrival"\nvehicle = "{v}"\nname = "X"\nport = "{p}"\n'


@pytest.mark.parametrize(
    ("when", "vehicle", "port", "extra", "field", "says"),
    [
        # a type before it existed / after it retired / never flown
        ("2022-03-10", "ATV", "Harmony nadir", "", "port", "ATV"),  # wrong port first
        ("2022-03-10", "HTV", "Harmony nadir", "", "date", "2009-09-10 .. 2020-05-20"),
        ("2024-06-01", "HTV-X", "Harmony nadir", "", "date", "flying since 2025-10-26"),
        ("2022-03-10", "Dream Chaser", "Harmony nadir", "", "date", "never flown"),
        # the boost trunk before CRS-33 (CRS-31's date, Nov 2024)
        ("2024-11-05", "Cargo Dragon", "Harmony zenith", "propellant_kg = 1400\n",
         "propellant_kg", "CRS-33"),
        # a Cygnus in the Antares gap, and on Antares after NG-19
        ("2023-10-15", "Cygnus", "Harmony nadir", "", "date", "Falcon 9 flying since 2024-01-30"),
        ("2024-02-01", "Cygnus", "Harmony nadir", 'launcher = "Antares 230+"\n', "launcher",
         "Antares 230+ flew 2016-10-17 .. 2023-08-02"),
    ],
)  # fmt: skip
def test_an_arrival_outside_its_dates_is_refused(write, when, vehicle, port, extra, field, says):
    body = ARRIVAL.format(d=when, v=vehicle, p=port) + extra
    path = write(body, days=1400)
    with pytest.raises(InputError) as ei:
        load_scenario(path)
    e = ei.value
    assert e.field == f"events[0].{field}"
    lines = path.read_text().splitlines()
    assert lines[e.line - 1].startswith(f"{field} =")  # the line of the key at fault
    assert says in str(e) + (e.allowed or "")
    assert "\n" not in str(e)


@pytest.mark.parametrize(
    ("when", "vehicle", "port", "extra"),
    [
        ("2025-08-25", "Cargo Dragon", "Harmony zenith", "propellant_kg = 1400\n"),  # CRS-33
        ("2024-02-01", "Cygnus", "Harmony nadir", ""),  # NG-20 on Falcon 9
        ("2023-08-04", "Cygnus", "Harmony nadir", ""),  # NG-19 on Antares 230+
        ("2025-10-30", "HTV-X", "Harmony nadir", ""),  # HTV-X1
    ],
)
def test_an_arrival_inside_its_dates_is_accepted(write, when, vehicle, port, extra):
    load_scenario(write(ARRIVAL.format(d=when, v=vehicle, p=port) + extra, days=1400))


def test_assumed_runs_and_is_flagged_in_summary_and_event_log(write):
    body = ARRIVAL.format(d="2022-03-05", v="Cargo Dragon", p="Harmony zenith")
    body += "propellant_kg = 1400\nassumed = true\n"
    res = simulate(load_scenario(write(body, days=3)))
    flagged = res.summary["vehicle_capabilities"]["assumed"]
    assert len(flagged) == 1 and flagged[0]["vehicle"] == "X"
    assert "CRS-33" in flagged[0]["what"]
    rows = res.events[res.events["type"] == "assumed"]
    assert len(rows) == 1 and "assumed" in rows["detail"].iloc[0]
    # it did dock with its trunk full
    arr = res.events[(res.events["type"] == "arrival") & (res.events["name"] == "X")]
    assert float(arr["propellant_kg"].iloc[0]) == pytest.approx(1400.0)
