"""Fixtures of the screening tests: the real 2022-01-22 catalogue (23,939 objects, Space-Track;
not shipped, it lies in ../shared/data/tle/), its 7-day screen, and small sub-catalogues."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from conftest import shared_file

import stationkeeper as sk
from stationkeeper.conjunction.catalog import CatalogWarning, read_catalog, satrec_from_payload

ISS = 25544


@pytest.fixture(scope="session")
def catalog_path() -> Path:
    return shared_file("tle", "catalog_2022-01-22.3le")


@pytest.fixture(scope="session")
def full_screen(catalog_path):
    """The whole catalogue against the ISS over the 7 days after its element set's epoch."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CatalogWarning)
        return sk.screen(catalog_path, days=7)


@pytest.fixture(scope="session")
def catalog(catalog_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CatalogWarning)
        return read_catalog(catalog_path)


@pytest.fixture(scope="session")
def sat_of(catalog):
    """``sat_of(norad)``: the catalogue's element set of that object and its Satrec."""

    def sat(norad: int):
        k = next(i for i, es in enumerate(catalog.elements) if es.norad_id == norad)
        return catalog.elements[k], satrec_from_payload(catalog.payloads[k])

    return sat


@pytest.fixture
def subset(catalog, tmp_path):
    """``subset(n)``: a small catalogue, the ISS and ``n`` objects near its altitude, as 3LE."""

    def make(n: int = 400) -> Path:
        iss = next(es for es in catalog.elements if es.norad_id == ISS)
        near = [
            es
            for es in catalog.elements
            if es.norad_id != ISS and es.perigee_km < 480 and es.apogee_km > 360
        ][:n]
        path = tmp_path / f"subset_{n}.3le"
        path.write_text("".join(f"0 {es.name}\n{es.line1}\n{es.line2}\n" for es in [iss] + near))
        return path

    return make
