"""Ground risk the NASA-STD-8719.14 way: expected casualties = casualty area x population density.

* Population: GPW v4.11 population density 2020 at 1 deg (CIESIN 2018,
  doi:10.7927/H49C6VHW, CC BY 4.0), shipped as ``gpw_v4_popdens_rev11_2020_1deg.asc``.
  Its values are persons per km^2 **of land**; multiplied by the whole cell area
  they overcount coastal cells (the grid would sum to 1.35e10 people).  Here each
  cell's density is multiplied by its land fraction, computed from the shipped
  Natural Earth 1:110m country polygons, giving persons per km^2 of cell.
  Small islands missing at 1:110m lose their people (see :func:`population_check`).
* Casualty area (NASA-STD-8719.14 / DAS): per surviving fragment
  A_c = (sqrt(0.36 m^2) + sqrt(A_fragment))^2 -- a standing person's 0.36 m^2
  footprint around the fragment's cross-section -- summed over fragments.
  No public ISS fragment list exists, so :func:`iss_casualty_area_m2` builds one
  from stated assumptions: 10-40 % of the mass survives (ESA, Klinkrad 2005;
  Mir ~17 %; iss_facts s6), pieces of 20-1,500 kg ("microwave to small car"),
  log-uniform in mass, bulk density 500 kg/m^3 (hollow structure).
* Uncontrolled entry: the longitude of entry is unknown, so the density is the
  time average under the orbit's ground track: sin(lat) = sin(i) sin(u), u
  uniform, longitude uniform (the standard way for a random entry).
* Limit: 1e-4 expected casualties per reentry (NASA-STD-8719.14; NRC 2000).
* A controlled entry's expectation counts its failure: E = (1 - p) E_footprint + p E_random,
  with p the probability that the final burn fails or is cut short (then the entry point
  along the track is unknown: the random-entry density applies).  p = 1 % is an
  assumption (no published figure); E scales with it (:data:`FAILURE_PROBABILITIES`).
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import shapely

from stationkeeper.constants import EARTH_MEAN_RADIUS_KM
from stationkeeper.data import data_path
from stationkeeper.earth.countries import load_countries
from stationkeeper.errors import InputError, check_positive

POPULATION_FILE = "gpw_v4_popdens_rev11_2020_1deg.asc"
CASUALTY_LIMIT = 1e-4
HUMAN_AREA_M2 = 0.36
#: Probability that the final burn fails or is cut short (assumption, see module doc).
FAILURE_PROBABILITY = 0.01
FAILURE_PROBABILITIES = (0.001, 0.01, 0.05)  # the assumption's effect
FAILURE_SOURCE = (
    "assumption: 1 % chance that the final burn fails or is cut short, leaving an entry "
    "anywhere under the ground track (no published figure); E scales with it"
)


def _read_ascii_grid(path) -> np.ndarray:
    header = {}
    with open(path, encoding="ascii") as f:
        for _ in range(6):
            key, value = f.readline().split()
            header[key.lower()] = float(value)
        data = np.loadtxt(f, dtype=float)
    nrows, ncols = int(header["nrows"]), int(header["ncols"])
    if data.shape != (nrows, ncols) or header["cellsize"] != 1.0:
        raise InputError(
            f"grid {data.shape}, cell {header['cellsize']}",
            file=str(path),
            allowed="180 x 360 rows x columns, 1-degree cells",
        )
    data[data == header["nodata_value"]] = 0.0
    return data[::-1].copy()  # row 0 = -90..-89 deg (south first)


@lru_cache(maxsize=1)
def land_fraction_grid() -> np.ndarray:
    """(180, 360) share of each 1-deg cell (south first, from -180 deg) covered by land."""
    geoms = np.array([c.geometry for c in load_countries()], dtype=object)
    lon, lat = np.meshgrid(np.arange(-180.0, 180.0), np.arange(-90.0, 90.0))
    boxes = shapely.box(lon.ravel(), lat.ravel(), lon.ravel() + 1, lat.ravel() + 1)
    ib, ig = shapely.STRtree(geoms).query(boxes, predicate="intersects")
    area = np.ones(ib.size)
    part = ~shapely.contains_properly(geoms[ig], boxes[ib])
    area[part] = shapely.area(shapely.intersection(boxes[ib[part]], geoms[ig[part]]))
    frac = np.zeros(boxes.size)
    np.add.at(frac, ib, area)
    return np.clip(frac, 0.0, 1.0).reshape(180, 360)


def cell_area_km2() -> np.ndarray:
    """(180, 1) area of a 1-deg cell in each latitude row (sphere of mean radius)."""
    lat = np.radians(np.arange(-90.0, 91.0))
    band = EARTH_MEAN_RADIUS_KM**2 * math.radians(1.0) * np.diff(np.sin(lat))
    return band[:, None]


@lru_cache(maxsize=1)
def _per_land_density_grid() -> np.ndarray:
    """(180, 360) GPW persons per km^2 of land, as shipped (read once)."""
    return _read_ascii_grid(data_path(POPULATION_FILE))


@lru_cache(maxsize=1)
def population_density_grid() -> np.ndarray:
    """(180, 360) persons per km^2 of cell (GPW per-land density x land fraction)."""
    return _per_land_density_grid() * land_fraction_grid()


def population_check() -> dict:
    """World population from the raw and the corrected grid (for the docs and the tests)."""
    per_land = _per_land_density_grid()
    area = cell_area_km2()
    frac = land_fraction_grid()
    lost = (per_land > 0) & (frac == 0)
    return {
        "raw_whole_cell_persons": float((per_land * area).sum()),
        "corrected_persons": float((population_density_grid() * area).sum()),
        "cells_with_people_but_no_polygon": int(lost.sum()),
    }


def density_at(lat_deg, lon_deg) -> np.ndarray:
    """Persons per km^2 (land-fraction corrected) in the 1-deg cell of each point; NaN -> 0."""
    lat = np.asarray(lat_deg, dtype=float)
    lon = np.asarray(lon_deg, dtype=float)
    ok = np.isfinite(lat) & np.isfinite(lon)
    i = np.clip(np.floor(np.where(ok, lat, 0.0) + 90.0).astype(int), 0, 179)
    j = np.floor((np.where(ok, lon, 0.0) + 180.0) % 360.0).astype(int) % 360
    return np.where(ok, population_density_grid()[i, j], 0.0)


def ground_track_mean_density(inclination_deg: float, n: int = 7200) -> float:
    """Time-averaged persons per km^2 under a circular orbit of this inclination (random entry)."""
    if not (0.0 <= inclination_deg <= 180.0):
        raise InputError(f"{inclination_deg}", field="inclination_deg", allowed="0 to 180")
    u = (np.arange(n) + 0.5) * 2 * math.pi / n
    lat = np.degrees(np.arcsin(math.sin(math.radians(inclination_deg)) * np.sin(u)))
    zonal = population_density_grid().mean(axis=1)  # equal-area cells within a row
    rows = np.clip(np.floor(lat + 90.0).astype(int), 0, 179)
    return float(zonal[rows].mean())


def casualty_area_m2(fragment_areas_m2, counts=None) -> float:
    """Total debris casualty area: sum of (sqrt(0.36) + sqrt(A_i))^2 over fragments."""
    a = np.asarray(fragment_areas_m2, dtype=float)
    c = np.ones_like(a) if counts is None else np.asarray(counts, dtype=float)
    return float(np.sum(c * (math.sqrt(HUMAN_AREA_M2) + np.sqrt(a)) ** 2))


def iss_casualty_area_m2(
    mass_kg: float = 419725.0,
    surviving_fraction: float = 0.2,
    fragment_mass_range_kg: tuple[float, float] = (20.0, 1500.0),
    bulk_density_kg_m3: float = 500.0,
    n_classes: int = 12,
) -> float:
    """Casualty area of the ISS's surviving debris under the module doc's assumptions."""
    if not (0.0 < surviving_fraction <= 1.0):
        raise InputError(f"{surviving_fraction}", field="surviving_fraction", allowed="0 to 1")
    lo, hi = fragment_mass_range_kg
    edges = np.geomspace(lo, hi, n_classes + 1)
    m_class = np.sqrt(edges[:-1] * edges[1:])
    mass_per_class = mass_kg * surviving_fraction / n_classes  # log-uniform in mass
    counts = mass_per_class / m_class
    side = (m_class / bulk_density_kg_m3) ** (1.0 / 3.0)
    return casualty_area_m2(side**2, counts)


def check_casualty_area(area_m2: float | None) -> None:
    """Refuse a casualty area that is not a finite number of m² > 0 (``None``: not given)."""
    check_positive(area_m2, "casualty_area_m2", "a finite area > 0 m^2")


def expected_casualties(casualty_area_m2_: float, density_per_km2) -> float:
    """E_c = A_c [km^2] x density [persons/km^2] (mean of the densities given)."""
    return float(casualty_area_m2_ * 1e-6 * np.mean(np.asarray(density_per_km2, dtype=float)))


def iss_ground_risk(
    *,
    inclination_deg: float = 51.64,
    footprint_lat_deg=None,
    footprint_lon_deg=None,
    surviving_fractions=(0.1, 0.2, 0.4),
    failure_probability: float = FAILURE_PROBABILITY,
) -> dict:
    """Expected casualties of an ISS entry, uncontrolled and (with a footprint) controlled.

    For the controlled case the footprint's cells are averaged, and the entry carries
    ``failure_probability`` (0 to 1) of a failed or partial final burn, which makes it a
    random entry: ``expected_casualties`` = (1 - p) x footprint + p x uncontrolled, with
    the same for each p of :data:`FAILURE_PROBABILITIES` (``by_failure_probability``).
    """
    if not (isinstance(failure_probability, int | float) and 0.0 <= failure_probability <= 1.0):
        raise InputError(f"{failure_probability}", field="failure_probability", allowed="0 to 1")
    rho_track = ground_track_mean_density(inclination_deg)
    if footprint_lat_deg is not None:
        rho_fp = density_at(footprint_lat_deg, footprint_lon_deg)
    rows = {}
    for f in surviving_fractions:
        ac = iss_casualty_area_m2(surviving_fraction=f)
        row = {
            "casualty_area_m2": ac,
            "uncontrolled_expected_casualties": expected_casualties(ac, rho_track),
        }
        if footprint_lat_deg is not None:
            ec_fp = expected_casualties(ac, rho_fp)
            row["controlled_expected_casualties"] = ec_fp
            ec_un = row["uncontrolled_expected_casualties"]
            row["controlled_with_failure_expected_casualties"] = (
                1 - failure_probability
            ) * ec_fp + failure_probability * ec_un
            row["expected_casualties"] = row["controlled_with_failure_expected_casualties"]
            row["by_failure_probability"] = {
                f"{p:g}": (1 - p) * ec_fp + p * ec_un for p in FAILURE_PROBABILITIES
            }
        rows[f"surviving_{f:.0%}"] = row
    return {
        "limit": CASUALTY_LIMIT,
        "ground_track_mean_density_per_km2": rho_track,
        "inclination_deg": inclination_deg,
        "failure_probability": failure_probability,
        "failure_source": FAILURE_SOURCE,
        "cases": rows,
        "population": population_check(),
        "assumptions": (
            "casualty area: 20-1,500 kg fragments log-uniform in mass, 500 kg/m^3, surviving "
            "mass fraction per case (10-40 %, Klinkrad 2005); population GPW v4.11 2020 1 deg "
            "(CIESIN 2018, doi:10.7927/H49C6VHW) x land fraction of Natural Earth 1:110m"
        ),
    }
