"""Country polygons (Natural Earth admin-0 1:110m) and the country under a point."""

from __future__ import annotations

import numpy as np
import pytest

from stationkeeper.earth.countries import country_at, load_countries
from stationkeeper.errors import InputError


def test_load_countries() -> None:
    countries = load_countries()
    assert len(countries) == 177
    by_name = {c.name: c for c in countries}
    assert by_name["France"].iso_a3 == "FRA"
    assert by_name["Brazil"].iso_a3 == "BRA"
    assert all(c.geometry.is_valid or c.geometry.buffer(0).is_valid for c in countries)
    assert load_countries() is countries  # cached


@pytest.mark.parametrize(
    ("lat", "lon", "name"),
    [
        (46.5, 2.5, "France"),
        (-10.0, -50.0, "Brazil"),
        (0.0, -140.0, None),  # Pacific
        (40.0, -100.0, "United States of America"),
        (-25.0, 135.0, "Australia"),
        (-25.0, 135.0 - 360.0, "Australia"),  # longitude wrapped
        (30.0, -40.0, None),  # Atlantic
        (-85.0, 0.0, "Antarctica"),
    ],
)
def test_country_at_scalar(lat: float, lon: float, name: str | None) -> None:
    assert country_at(lat, lon) == name


def test_country_at_vectorised() -> None:
    lat = np.array([[46.5, -10.0], [0.0, np.nan]])
    lon = np.array([[2.5, -50.0], [-140.0, 0.0]])
    out = country_at(lat, lon)
    assert out.shape == (2, 2)
    assert out.tolist() == [["France", "Brazil"], [None, None]]
    with pytest.raises(InputError):
        country_at(95.0, 0.0)
