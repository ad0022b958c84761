"""Ground risk: the population grid, the NASA-STD-8719.14 casualty area, the ISS's case."""

from __future__ import annotations

import pytest

from stationkeeper.errors import InputError
from stationkeeper.reentry.risk import (
    CASUALTY_LIMIT,
    FAILURE_PROBABILITY,
    casualty_area_m2,
    iss_ground_risk,
    population_check,
)


def test_population_grid_is_corrected_for_land_fraction():
    """../shared/data/README.md: the per-land-area grid x whole cells sums to 1.35e10; the
    world had ~7.8e9 people in 2020."""
    chk = population_check()
    assert chk["raw_whole_cell_persons"] == pytest.approx(1.35e10, rel=0.02)
    assert 7.0e9 < chk["corrected_persons"] < 9.0e9


def test_casualty_area_is_the_nasa_std_formula():
    # one 1 m^2 fragment: (0.6 + 1)^2 = 2.56 m^2; ten of 0.25 m^2: 10 x 1.21
    assert casualty_area_m2([1.0]) == pytest.approx(2.56)
    assert casualty_area_m2([0.25], [10]) == pytest.approx(12.1)


def test_iss_uncontrolled_entry_breaks_the_limit_and_controlled_meets_it(usdv_plan):
    e = usdv_plan.entry
    risk = iss_ground_risk(
        footprint_lat_deg=e["footprint_lat_deg"], footprint_lon_deg=e["footprint_lon_deg"]
    )
    for case in risk["cases"].values():
        assert case["uncontrolled_expected_casualties"] > 10 * CASUALTY_LIMIT
        assert case["controlled_expected_casualties"] < CASUALTY_LIMIT
    # ~18 people/km^2 under a 51.6 deg ground track (land-fraction corrected)
    assert 5 < risk["ground_track_mean_density_per_km2"] < 40


def test_controlled_plan_counts_a_failed_final_burn_never_a_bare_zero(usdv_plan):
    """E = (1 - p) E_footprint + p E_random; with p = 1 % the project's docs give ~2e-4
    (0.01 x the ~2e-2 random entry), i.e. a controlled entry near the 1e-4 limit."""
    e = usdv_plan.entry
    risk = iss_ground_risk(
        footprint_lat_deg=e["footprint_lat_deg"], footprint_lon_deg=e["footprint_lon_deg"]
    )
    assert risk["failure_probability"] == FAILURE_PROBABILITY == 0.01
    assert "assumption" in risk["failure_source"]
    c = risk["cases"]["surviving_20%"]
    un, fp = c["uncontrolled_expected_casualties"], c["controlled_expected_casualties"]
    assert c["expected_casualties"] == pytest.approx(0.99 * fp + 0.01 * un, rel=1e-12)
    assert c["expected_casualties"] > 0
    assert 1e-4 < c["expected_casualties"] < 1e-3
    # the assumption's effect: ten times the failure probability, ~ten times the risk
    by_p = c["by_failure_probability"]
    assert by_p["0.01"] == pytest.approx(c["expected_casualties"])
    assert by_p["0.001"] < by_p["0.01"] < by_p["0.05"]
    assert by_p["0.001"] == pytest.approx(0.1 * by_p["0.01"], rel=0.05)


def test_a_failure_probability_outside_0_to_1_is_refused():
    with pytest.raises(InputError) as err:
        iss_ground_risk(failure_probability=1.5)
    assert err.value.field == "failure_probability"
