"""The station's bookkeeping and derived stations: every kilogram counted once, and copies
that undock, refill, override or keep one segment behave as the model says."""

from __future__ import annotations

import pytest

from stationkeeper.errors import InputError
from stationkeeper.station import Station, load_station


@pytest.fixture(scope="module")
def iss() -> Station:
    return load_station()


def test_every_kilogram_counted_once(iss: Station) -> None:
    """Segment totals, owner totals and the station total are three sums over different
    groupings: they agree, and so do the propellant splits."""
    total = iss.total_mass_kg
    assert sum(iss.mass_by_segment_kg.values()) == pytest.approx(total)
    assert sum(iss.mass_by_owner_kg.values()) == pytest.approx(total)
    assert sum(iss.propellant_by_owner_kg.values()) == pytest.approx(iss.propellant_kg)
    assert sum(iss.propellant_by_segment_kg.values()) == pytest.approx(iss.propellant_kg)
    # All propellant of the 2022 station except Cygnus's is Russian-owned and Russian-hosted.
    assert iss.propellant_by_segment_kg["russian"] > 0.8 * iss.propellant_kg


def test_burning_propellant_lowers_the_mass_by_what_was_burnt(iss: Station) -> None:
    """The bookkeeping rule's consequence: spending 300 kg from Zvezda's tanks lowers the
    total, the Russian segment and the tank owner's mass by 300 kg, and nothing else."""
    tank = iss.tank("Zvezda propellant tanks")
    after = iss.with_tank_fills({tank.name: tank.fill_kg - 300.0})
    assert iss.total_mass_kg - after.total_mass_kg == pytest.approx(300.0)
    assert iss.mass_by_segment_kg["russian"] - after.mass_by_segment_kg["russian"] == (
        pytest.approx(300.0)
    )
    assert iss.mass_by_owner_kg[tank.owner] - after.mass_by_owner_kg[tank.owner] == (
        pytest.approx(300.0)
    )
    assert after.mass_by_segment_kg["us"] == iss.mass_by_segment_kg["us"]
    assert after.ballistic_coefficient_kg_m2 < iss.ballistic_coefficient_kg_m2
    with pytest.raises(InputError):
        iss.with_tank_fills({tank.name: tank.capacity_kg + 1.0})
    with pytest.raises(InputError, match="no tank named"):
        iss.with_tank_fills({"Zvezda tank": 1.0})


def test_overrides_replace_the_drag_figures_and_leave_the_original(iss: Station) -> None:
    heavy = iss.with_overrides(mass_kg=2 * iss.total_mass_kg)
    assert heavy.ballistic_coefficient_kg_m2 == pytest.approx(2 * iss.ballistic_coefficient_kg_m2)
    assert heavy.itemised_mass_kg == iss.itemised_mass_kg  # the itemised lists stay as they are
    draggier = iss.with_overrides(cd=2 * iss.cd)
    assert draggier.total_mass_kg == iss.total_mass_kg
    # a Cd given is used as it is: the fitted scale no longer applies
    assert draggier.drag_in_use == "topo"
    assert draggier.ballistic_coefficient_kg_m2 == pytest.approx(
        iss.with_drag("topo").ballistic_coefficient_kg_m2 / 2
    )
    assert iss.with_overrides(area_m2=10.0).drag_area_m2 == 10.0
    assert iss.total_mass_kg == load_station().total_mass_kg  # original untouched
    for bad in ({"mass_kg": -1.0}, {"area_m2": 0.0}, {"cd": float("nan")}):
        with pytest.raises(InputError, match=next(iter(bad))):
            iss.with_overrides(**bad)
    cubesat = Station.point_mass("cubesat", 4.0, 0.03, 2.2)
    assert cubesat.total_mass_kg == 4.0 and cubesat.modules == ()
    assert 50 < cubesat.ballistic_coefficient_kg_m2 < 70  # a 1U-3U cubesat's usual range


def test_undocking_takes_the_vehicle_its_tanks_and_engines(iss: Station) -> None:
    undocked = iss.without_vehicle("Progress MS-18")
    assert undocked.total_mass_kg == pytest.approx(
        iss.total_mass_kg - 6_840.0 - 440.0 - 0.0  # vehicle + its two tanks
    )
    assert all(e.host != "Progress MS-18" for e in undocked.engines)
    assert all(t.host != "Progress MS-18" for t in undocked.tanks)
    with pytest.raises(KeyError):
        iss.without_vehicle("Progress MS-17")


def test_one_segment_keeps_its_modules_vehicles_and_engines(iss: Station) -> None:
    us = iss.only_segment("us")
    assert {m.segment for m in us.modules} == {"us"}
    assert us.total_mass_kg == pytest.approx(iss.mass_by_segment_kg["us"])
    assert [e.name for e in us.engines_by_role("reboost")] == ["Cygnus NG-17 BT-4 main engine"]
    ru = iss.only_segment("russian")
    assert us.total_mass_kg + ru.total_mass_kg == pytest.approx(iss.total_mass_kg)
    with pytest.raises(InputError, match="unknown segment"):
        iss.only_segment("american")


def test_drag_choice_fitted_by_default_topo_on_request(iss: Station) -> None:
    """The shipped ISS uses the drag fitted to its real orbit; ``topo`` is Cd x A as given.
    Physics checked: BC = m / (Cd A)_eff for each choice, the band is ordered and the
    fitted scale is applied to the same Cd x A (the numbers themselves are checked against
    the real TLE history in tests/orbit/test_drag_against_tle_history.py)."""
    topo = iss.with_drag("topo")
    assert iss.drag_in_use == "fitted" and topo.drag_in_use == "topo"
    assert topo.cd_area_m2 == pytest.approx(iss.cd * iss.drag_area_m2)
    assert iss.ballistic_coefficient_kg_m2 == pytest.approx(iss.total_mass_kg / iss.cd_area_m2)
    lo, mid, hi = iss.ballistic_coefficient_band_kg_m2
    assert lo < mid < hi and mid == pytest.approx(iss.ballistic_coefficient_kg_m2)
    assert len(set(topo.ballistic_coefficient_band_kg_m2)) == 1
    assert "fitted to the real orbit" in iss.drag_label and iss.drag_fit.window in iss.drag_label
    assert "TOPO" in topo.drag_label
    # a mass change keeps the fitted drag; a point mass has none
    assert iss.with_overrides(mass_kg=1e5).drag_in_use == "fitted"
    assert Station.point_mass("x", 4.0, 0.03, 2.2).with_drag("fitted").drag_in_use == "topo"
    with pytest.raises(InputError, match="drag") as exc:
        iss.with_drag("nrlmsis")
    assert exc.value.field == "drag"
