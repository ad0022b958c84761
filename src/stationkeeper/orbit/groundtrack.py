"""Ground track: sub-satellite point and geodetic altitude of an SGP4 orbit.

The track is computed with ``skyfield`` from an SGP4 ``Satrec``: TEME -> GCRS ->
ITRS, then geodetic latitude/longitude/height on the WGS-84 ellipsoid. Time
comes from skyfield's built-in tables (leap seconds, UT1 from the IERS data
shipped with skyfield, extrapolated after its release date) -- nothing is
downloaded at run time. Polar motion is not applied (< 20 m on the ground) and
nutation uses IAU 2000B (~1 mas); both are far below SGP4's own error.

The countries under the track: :mod:`stationkeeper.earth.countries`.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from functools import lru_cache

import numpy as np
import pandas as pd
from sgp4.api import Satrec
from skyfield.api import EarthSatellite, load, wgs84
from skyfield.nutationlib import iau2000b_radians
from skyfield.timelib import Timescale

from stationkeeper.errors import InputError

#: Upper bound on the number of samples of one ground-track call (memory guard).
MAX_SAMPLES = 20_000_000


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
    if n < 2:
        raise InputError(
            f"{hours} h is shorter than one step", field="hours", allowed=f">= {step_f} s"
        )
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
