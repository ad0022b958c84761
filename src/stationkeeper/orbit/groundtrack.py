"""Ground track (sub-satellite point and geodetic altitude) and country look-up.

The track is computed with ``skyfield`` from an SGP4 ``Satrec``: TEME -> GCRS ->
ITRS, then geodetic latitude/longitude/height on the WGS-84 ellipsoid. Time
comes from skyfield's built-in tables (leap seconds, UT1 from the IERS data
shipped with skyfield, extrapolated after its release date) -- nothing is
downloaded at run time. Polar motion is not applied (< 20 m on the ground) and
nutation uses IAU 2000B (~1 mas); both are far below SGP4's own error.

Country polygons are Natural Earth admin-0 1:110m, shipped in
``stationkeeper/data/countries_110m.geojson`` (see ``SOURCES.md``).
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from functools import lru_cache
from typing import NamedTuple, overload

import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely
from sgp4.api import Satrec
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from skyfield.api import EarthSatellite, load, wgs84
from skyfield.nutationlib import iau2000b_radians
from skyfield.timelib import Timescale

from stationkeeper.data import data_path
from stationkeeper.errors import InputError

COUNTRIES_FILE = "countries_110m.geojson"

#: Upper bound on the number of samples of one ground-track call (memory guard).
MAX_SAMPLES = 20_000_000


class Country(NamedTuple):
    """One Natural Earth admin-0 country."""

    name: str
    iso_a3: str | None  # None where Natural Earth has no code ("-99")
    geometry: BaseGeometry


@lru_cache(maxsize=1)
def _timescale() -> Timescale:
    """Skyfield time scale from the built-in leap-second and Delta T tables."""
    return load.timescale(builtin=True)


def _check_positive(value: float, field: str, allowed: str) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError) as exc:
        raise InputError(f"not a number: {value!r}", field=field, allowed=allowed) from exc
    if not math.isfinite(x) or x <= 0.0:
        raise InputError(
            f"must be positive and finite, got {value!r}", field=field, allowed=allowed
        )
    return x


def ground_track(
    satrec: Satrec,
    start_utc: datetime,
    hours: float,
    step_s: float = 30.0,
) -> pd.DataFrame:
    """Sub-satellite track of ``satrec`` from ``start_utc`` for ``hours``, every ``step_s``.

    Returns a DataFrame with one row per sample (the end point is included
    when ``hours`` is a whole number of steps):

    - ``epoch_utc``: timezone-aware UTC timestamps,
    - ``lat_deg``: geodetic latitude on WGS-84,
    - ``lon_deg``: longitude in [-180, 180),
    - ``altitude_km``: geodetic height above the WGS-84 ellipsoid.

    Samples where SGP4 reports an error (e.g. the orbit has decayed) are NaN.
    All samples are computed in one vectorised call.
    """
    if not isinstance(satrec, Satrec):
        raise InputError(
            f"expected an sgp4.api.Satrec, got {type(satrec).__name__}",
            field="satrec",
            allowed="sgp4.api.Satrec",
        )
    if not isinstance(start_utc, datetime) or start_utc.tzinfo is None:
        raise InputError(
            f"start time must be a timezone-aware datetime, got {start_utc!r}",
            field="start_utc",
            allowed="timezone-aware datetime (UTC)",
        )
    hours_f = _check_positive(hours, "hours", "0 < hours, finite")
    step_f = _check_positive(step_s, "step_s", "0 < step_s, finite")
    span_s = hours_f * 3600.0
    n = int(math.floor(span_s / step_f * (1.0 + 1e-12))) + 1
    if n > MAX_SAMPLES:
        raise InputError(
            f"{n} samples requested (hours={hours_f}, step_s={step_f})",
            field="step_s",
            allowed=f"hours * 3600 / step_s <= {MAX_SAMPLES - 1}",
        )

    start = start_utc.astimezone(UTC)
    offsets_s = np.arange(n, dtype=float) * step_f

    ts = _timescale()
    # One array call: seconds past the start minute, skyfield normalises overflow.
    t = ts.utc(
        start.year,
        start.month,
        start.day,
        start.hour,
        start.minute,
        start.second + start.microsecond * 1e-6 + offsets_s,
    )
    # IAU 2000B nutation (~1 mas from 2000A; skyfield's almanac does the same):
    # the full 2000A series is ~97% of the run time, and nutation cancels out
    # of TEME -> ITRS (both legs use it): Earth-fixed positions change < 1 um.
    t._nutation_angles_radians = iau2000b_radians(t)
    sat = EarthSatellite.from_satrec(satrec, ts)
    geocentric = sat.at(t)
    position = wgs84.geographic_position_of(geocentric)

    lat_deg = np.asarray(position.latitude.degrees, dtype=float)
    lon_deg = np.asarray(position.longitude.degrees, dtype=float)
    lon_deg = (lon_deg + 180.0) % 360.0 - 180.0
    altitude_km = np.asarray(position.elevation.km, dtype=float)

    # skyfield stores SGP4 errors as messages; blank those samples.
    messages = geocentric.message
    if isinstance(messages, list) and any(m is not None for m in messages):
        bad = np.array([m is not None for m in messages])
        lat_deg[bad] = np.nan
        lon_deg[bad] = np.nan
        altitude_km[bad] = np.nan

    epoch_utc = (pd.Timestamp(start) + pd.to_timedelta(offsets_s, unit="s")).as_unit("ns")
    return pd.DataFrame(
        {
            "epoch_utc": epoch_utc,
            "lat_deg": lat_deg,
            "lon_deg": lon_deg,
            "altitude_km": altitude_km,
        }
    )


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
