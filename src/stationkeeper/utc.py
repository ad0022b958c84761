"""UTC at the API edge: one rule for the datetimes users hand in.

A naive datetime is read as UTC (the convention of TLE epochs, CCSDS files and the CLI);
an aware one is converted to UTC. Julian dates (sgp4's epochs) become UTC datetimes in one way.

>>> from datetime import datetime, timedelta, timezone
>>> as_utc(datetime(2022, 3, 3, 12)).isoformat()
'2022-03-03T12:00:00+00:00'
>>> as_utc(datetime(2022, 3, 3, 14, tzinfo=timezone(timedelta(hours=2)))).isoformat()
'2022-03-03T12:00:00+00:00'
"""

from __future__ import annotations

from datetime import UTC, datetime

from stationkeeper.constants import JD_UNIX_EPOCH, SECONDS_PER_DAY


def utc_from_jd(jd: float) -> datetime:
    """The UTC datetime of a Julian date (microsecond resolution; sgp4's epoch convention)."""
    return datetime.fromtimestamp(round((jd - JD_UNIX_EPOCH) * SECONDS_PER_DAY, 6), tz=UTC)


def as_utc(t: datetime) -> datetime:
    """``t`` in UTC; a naive ``t`` is taken to be UTC already."""
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)
