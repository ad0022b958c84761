"""A partner's exit stops engine deliveries: the launcher that needs them flies until the
stock in hand runs out, then is grounded, and the run reports the gap to its replacement
(Antares 230+ and its RD-181 from Russia; Cygnus on Falcon 9 from NG-20, iss_facts §4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stationkeeper.errors import InputError
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


EXIT = (
    '[[events]]\ndate = 2022-03-04\ntype = "partner_exit"\nowner = "Roscosmos"\n'
    'stops = ["engine_deliveries"]\n{stock}\n'
)
CYGNUS = (
    '[[events]]\ndate = {d}\ntype = "arrival"\nvehicle = "Cygnus"\nname = "{n}"\n'
    'port = "Harmony nadir"\n\n'
)
LEAVE = '[[events]]\ndate = {d}\ntype = "departure"\nname = "{n}"\n\n'


def _two_cygnus(stock: str) -> str:
    return (
        EXIT.format(stock=stock)
        + CYGNUS.format(d="2022-03-06", n="A")
        + LEAVE.format(d="2022-03-07", n="A")
        + CYGNUS.format(d="2022-03-08", n="B")
    )


def test_one_flight_of_engines_left_grounds_antares_and_reports_the_gap(write):
    res = simulate(load_scenario(write(_two_cygnus("engine_stock = 2"), days=6)))
    caps = res.summary["vehicle_capabilities"]
    # A flew on the last two RD-181 (2 per Antares 230+ flight); B could not fly
    assert caps["engines_left"] == {"RD-181": 0}
    (g,) = caps["launchers_grounded"]
    assert g["launcher"] == "Antares 230+" and g["last_flight"] == "A"
    assert g["cancelled"] == ["B"]
    # the replacement is Falcon 9, which first flew a Cygnus with NG-20 in January 2024
    assert g["replacement"] == "Falcon 9" and g["replacement_from"].startswith("2024-01")
    assert g["gap_days"] > 365
    ev = res.events
    assert not ((ev["type"] == "arrival") & (ev["name"] == "B")).any()
    assert ((ev["type"] == "cancelled") & (ev["name"] == "B")).any()
    assert ev["type"].eq("grounded").sum() == 1


def test_the_sourced_stock_flies_both_and_no_exit_grounds_nothing(write):
    # 4 RD-181 in hand (two Antares flights, NG-18 and NG-19): both fly, Antares is grounded
    # after the second
    res = simulate(load_scenario(write(_two_cygnus(""), days=6)))
    caps = res.summary["vehicle_capabilities"]
    assert caps["engine_deliveries_stopped"][0]["stock"] == 4
    (g,) = caps["launchers_grounded"]
    assert g["last_flight"] == "B" and g["cancelled"] == []
    # without the exit: nothing grounded, the engines are not counted
    body = (
        CYGNUS.format(d="2022-03-06", n="A")
        + LEAVE.format(d="2022-03-07", n="A")
        + CYGNUS.format(d="2022-03-08", n="B")
    )
    caps = simulate(load_scenario(write(body, days=6))).summary["vehicle_capabilities"]
    assert caps["launchers_grounded"] == [] and caps["engines_left"] == {}


def test_stopping_engines_alone_grounds_no_launcher(write):
    # "engines" (the station's own engines) is not "engine_deliveries"
    body = _two_cygnus("").replace('["engine_deliveries"]', '["engines"]')
    caps = simulate(load_scenario(write(body, days=6))).summary["vehicle_capabilities"]
    assert caps["launchers_grounded"] == []


def test_a_negative_engine_stock_is_refused(write):
    with pytest.raises(InputError) as ei:
        load_scenario(write(_two_cygnus("engine_stock = -1"), days=6))
    assert ei.value.field == "events[0].engine_stock"
