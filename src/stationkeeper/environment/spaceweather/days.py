"""Days and times of the space-weather table: numpy dates, UTC instants, monthly means."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import numpy as np

from stationkeeper.errors import InputError


def to_date(d: np.datetime64) -> date:
    """The calendar day of a numpy ``datetime64`` (any unit) as a :class:`datetime.date`."""
    return d.astype("datetime64[D]").astype(object)


def to_datetime64_s(times: Any) -> np.ndarray:
    """UTC datetime64[s], 1-D, from datetime64 / aware datetimes / strings / pandas.

    Parameters
    ----------
    times : array_like or datetime
        UTC ``datetime64``, timezone-aware datetimes, ISO strings, a pandas Series or
        DatetimeIndex (naive values are read as UTC, naive datetimes are refused).

    Returns
    -------
    numpy.ndarray
        ``datetime64[s]`` UTC instants, flattened to 1-D.
    """
    if isinstance(times, np.ndarray) and times.dtype.kind == "M":
        return times.reshape(-1).astype("datetime64[s]")
    if isinstance(times, datetime | date):
        times = [times]
    accessor = getattr(times, "dt", None)  # pandas Series
    if accessor is not None and getattr(accessor, "tz", None) is not None:
        times = accessor.tz_convert("UTC").dt.tz_localize(None)
    elif getattr(times, "tz", None) is not None and hasattr(times, "tz_convert"):
        times = times.tz_convert("UTC").tz_localize(None)  # pandas DatetimeIndex
    arr = np.asarray(times)
    if arr.dtype.kind == "M":
        return arr.reshape(-1).astype("datetime64[s]")
    arr = arr.reshape(-1)
    if arr.dtype.kind == "O":
        out = np.empty(arr.shape, dtype="datetime64[s]")
        for k, v in enumerate(arr):
            if isinstance(v, datetime):
                if v.tzinfo is None or v.utcoffset() is None:
                    raise InputError(
                        f"naive datetime {v.isoformat()}",
                        field="times",
                        allowed="timezone-aware datetimes or UTC datetime64",
                    )
                v = v.astimezone(UTC).replace(tzinfo=None)
            try:
                out[k] = np.datetime64(v, "s")
            except (TypeError, ValueError):
                raise InputError(
                    f"not a time: {v!r}", field="times", allowed="UTC datetime64 or datetimes"
                ) from None
        return out
    try:
        return arr.astype("datetime64[s]")
    except (TypeError, ValueError):
        raise InputError(
            f"cannot read times of dtype {arr.dtype}",
            field="times",
            allowed="UTC datetime64, ISO strings or timezone-aware datetimes",
        ) from None


def monthly_means(dates: np.ndarray, *arrays: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Means over complete calendar months: (months, [mean of each array]).

    Parameters
    ----------
    dates : numpy.ndarray
        ``datetime64[D]`` day of each value, ascending.
    *arrays : numpy.ndarray
        Daily values (any unit), same length as ``dates``.

    Returns
    -------
    tuple
        ``datetime64[M]`` months whose every day is present, and per array the mean
        of its values over each of those months (same unit).
    """
    months = dates.astype("datetime64[M]")
    m0 = months[0]
    idx = (months - m0).astype(np.int64)
    n_m = int(idx.max()) + 1
    count = np.bincount(idx, minlength=n_m)
    all_months = m0 + np.arange(n_m)
    days_in = (
        (all_months + 1).astype("datetime64[D]") - all_months.astype("datetime64[D]")
    ).astype(np.int64)
    complete = count == days_in
    means = []
    for a in arrays:
        s = np.bincount(idx, weights=a, minlength=n_m)
        means.append((s / np.maximum(count, 1))[complete])
    return all_months[complete], means
