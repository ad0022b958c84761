"""The countries of the world: Natural Earth admin-0 polygons and the country under a point.

Country polygons are Natural Earth admin-0 1:110m, shipped in
``stationkeeper/data/countries_110m.geojson`` (see ``SOURCES.md``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import NamedTuple, overload

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from stationkeeper.data import data_path
from stationkeeper.errors import InputError

COUNTRIES_FILE = "countries_110m.geojson"


class Country(NamedTuple):
    """One Natural Earth admin-0 country."""

    name: str
    iso_a3: str | None  # None where Natural Earth has no code ("-99")
    geometry: BaseGeometry


@lru_cache(maxsize=1)
def load_countries() -> list[Country]:
    """Country polygons (Natural Earth admin-0 1:110m) as ``(name, iso_a3, geometry)``.

    Geometries are shapely (Multi)Polygons in lon/lat degrees. Cached: the
    same list is returned on every call, so do not mutate it.
    """
    path = data_path(COUNTRIES_FILE)
    try:
        with open(path, encoding="utf-8") as f:
            collection = json.load(f)
        features = collection["features"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"cannot read country polygons: {exc}",
            file=str(path),
            allowed="GeoJSON FeatureCollection",
        ) from exc
    countries: list[Country] = []
    for i, feature in enumerate(features):
        try:
            props = feature["properties"]
            geometry = shape(feature["geometry"])
            name = str(props["name"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(
                f"feature {i} malformed: {exc}",
                file=str(path),
                field="features",
                allowed="Feature with properties.name and a Polygon/MultiPolygon geometry",
            ) from exc
        if geometry.geom_type not in ("Polygon", "MultiPolygon"):
            raise InputError(
                f"feature {i} ({name}) has geometry {geometry.geom_type}",
                file=str(path),
                field="features",
                allowed="Polygon or MultiPolygon",
            )
        iso = props.get("iso_a3")
        iso_a3 = None if iso in (None, "", "-99") else str(iso)
        countries.append(Country(name, iso_a3, geometry))
    return countries


@lru_cache(maxsize=1)
def _country_index() -> tuple[shapely.STRtree, np.ndarray]:
    countries = load_countries()
    geoms = [c.geometry for c in countries]
    shapely.prepare(geoms)
    names = np.array([c.name for c in countries], dtype=object)
    return shapely.STRtree(geoms), names


@overload
def country_at(lat_deg: float, lon_deg: float) -> str | None: ...


@overload
def country_at(lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike) -> npt.NDArray[np.object_]: ...


def country_at(lat_deg, lon_deg):
    """Name of the country under each (lat, lon) point, or None over the ocean.

    Scalars in, ``str | None`` out; array-likes in (broadcast together), an
    object array of ``str | None`` out, same shape. Longitudes are wrapped
    into [-180, 180); latitudes outside [-90, 90] raise ``InputError``; NaN
    coordinates give None. Points on a shared border get one of the countries.
    """
    lat = np.asarray(lat_deg, dtype=float)
    lon = np.asarray(lon_deg, dtype=float)
    try:
        lat, lon = np.broadcast_arrays(lat, lon)
    except ValueError as exc:
        raise InputError(
            f"shapes {lat.shape} and {lon.shape} do not broadcast",
            field="lat_deg/lon_deg",
            allowed="array-likes of broadcastable shapes",
        ) from exc
    if np.any(np.abs(lat[np.isfinite(lat)]) > 90.0):
        raise InputError("latitude out of range", field="lat_deg", allowed="-90 <= lat_deg <= 90")
    scalar = lat.ndim == 0
    lat_flat = lat.ravel()
    lon_flat = (lon.ravel() + 180.0) % 360.0 - 180.0

    out = np.full(lat_flat.shape, None, dtype=object)
    ok = np.flatnonzero(np.isfinite(lat_flat) & np.isfinite(lon_flat))
    if ok.size:
        tree, names = _country_index()
        points = shapely.points(lon_flat[ok], lat_flat[ok])
        point_idx, geom_idx = tree.query(points, predicate="intersects")
        # Keep the first hit per point (borders may match two countries).
        first_point, first = np.unique(point_idx, return_index=True)
        out[ok[first_point]] = names[geom_idx[first]]
    if scalar:
        return out[0]
    return out.reshape(lat.shape)
