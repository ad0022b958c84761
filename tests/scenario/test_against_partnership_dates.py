"""The shipped partnership dates (data/partnership.toml) against the sourced facts sheet
(shared/research/iss_facts.md s6), and the run's word when it relies on a partner past them."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import SHARED

from stationkeeper.data import data_path
from stationkeeper.errors import InputError
from stationkeeper.ops.partnership import beyond_commitment, load_partnership
from stationkeeper.scenario.file import load_scenario
from stationkeeper.scenario.loop import simulate

MONTHS = {m: k + 1 for k, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())}


@pytest.fixture(scope="module")
def facts() -> str:
    path = SHARED / "research" / "iss_facts.md"
    if not path.exists():
        pytest.fail(f"facts sheet missing: {path} (CI clones ../shared beside the repo)")
    text = path.read_text(encoding="utf-8")
    return text[text.index("## 6. End of life") :]


def _find(pattern: str, text: str) -> re.Match:
    m = re.search(pattern, text)
    assert m, f"{pattern!r} not in iss_facts s6"
    return m


def test_commitments_are_the_facts_sheets(facts):
    p = load_partnership()
    russia = _find(r"Russia committed to (\d{4}) \((\w{3}) (\d{4})\)", facts)
    ro = p.commitment("Roscosmos")
    assert ro.through.year == int(russia[1])
    assert russia[2] in ro.announced and russia[3] in ro.announced
    others = int(_find(r"other partners agreed to (\d{4})", facts)[1])
    for owner in ("ESA", "JAXA", "CSA"):
        assert p.commitment(owner).through.year == others
    nasa = int(_find(r"operate through (\d{4})", facts)[1])
    assert p.commitment("NASA").through.year == nasa
    # "through YYYY": to the year's last day
    assert all((c.through.month, c.through.day) == (12, 31) for c in p.commitments.values())
    assert p.original_end.year == int(_find(r"original end (\d{4})", facts)[1])


def test_deorbit_and_usdv_dates_are_the_facts_sheets(facts):
    p = load_partnership()
    deorbit = _find(r"controlled deorbit ~(\w{3}) (\d{4})", facts)
    assert (p.planned_deorbit.year, p.planned_deorbit.month) == (
        int(deorbit[2]),
        MONTHS[deorbit[1]],
    )
    contract = _find(r"\$843 M\*\* \((\d+) (\w{3}) (\d{4})\)", facts)
    assert p.usdv["contract"] == date(int(contract[3]), MONTHS[contract[2]], int(contract[1]))
    seq = _find(r"USDV launches ~(\d+) months before.*?leaves ~(\d+) months before", facts)
    assert p.usdv["arrives_months_before_entry"] == float(seq[1])
    assert p.usdv["crew_leaves_months_before_entry"] == float(seq[2])
    assert p.usdv["crew_leaves_altitude_km"] == float(_find(r"\(~(\d+) km\); natural", facts)[1])
    assert p.usdv["burns_start_altitude_km"] == float(_find(r"decay to ~(\d+) km", facts)[1])


def test_beyond_commitment_counts_the_days():
    p = load_partnership()
    assert beyond_commitment(p, "Roscosmos", date(2028, 12, 31)) is None
    hit = beyond_commitment(p, "Roscosmos", date(2029, 1, 31))
    assert hit["days_beyond"] == 31
    assert beyond_commitment(p, "SpaceX", date(2040, 1, 1)) is None  # not a partner agency


def test_bad_partnership_file_names_the_field(tmp_path):
    bad = tmp_path / "p.toml"
    text = 'original_end = "2024"\nplanned_deorbit = 2031-01-31\n[usdv]\ncontract = 2024-06-26\n'
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_partnership(bad)
    assert "original_end" in str(exc.value) and str(bad) in str(exc.value)


def _run(write, body: str, days: float):
    return simulate(load_scenario(write(body, days=days)), seed=1).summary["partnership"]


def test_a_run_inside_every_commitment_says_nothing(write):
    p = _run(write, "", 30)  # March 2022: inside every commitment
    assert p["beyond_commitment"] == [] and p["sentence"] == ""


def test_partner_exit_after_its_commitment_is_reported(write):
    # from the shipped 2026-09-04 state, holding the band, to a Roscosmos exit in 2029
    head = f'tle = "{data_path("iss_topo_oem_2026-09-04.txt")}"\n\n[reboost]\nenabled = true\n\n'
    body = '[[events]]\ndate = 2029-02-01\ntype = "partner_exit"\nowner = "Roscosmos"\n'
    p = _run(write, head + body + '\n[[events]]\ndate = 2029-02-02\ntype = "end"\n', 900)
    ros = [x for x in p["beyond_commitment"] if x["owner"] == "Roscosmos"]
    assert len(ros) == 1 and ros[0]["relied_until"] == "2029-02-01"
    assert ros[0]["days_beyond"] == (date(2029, 2, 1) - date(2028, 12, 31)).days
    assert "Roscosmos" in p["sentence"]
    # the others are committed through 2030: not reported
    assert {x["owner"] for x in p["beyond_commitment"]} == {"Roscosmos"}
