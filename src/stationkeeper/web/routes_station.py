"""``GET /api/station``: the station's modules by owner and segment, engines and tanks."""

from __future__ import annotations

import inspect
from datetime import UTC, date, datetime

from fastapi import APIRouter, Query

from stationkeeper.errors import InputError
from stationkeeper.web import lazy

router = APIRouter(prefix="/api", tags=["station"])


def dated() -> bool:
    """Whether the API answers the station on a date (the shipped model is one configuration)."""
    return "at" in inspect.signature(lazy.api.show_station).parameters


def parse_day(text: str | None, field: str = "at") -> date | None:
    """``YYYY-MM-DD`` as a date, or an :class:`InputError` naming ``field``."""
    if text is None or text == "":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{text!r} is not a date", field=field, allowed="YYYY-MM-DD") from None


@router.get("/station")
def station(at: str | None = Query(None, description="The date (YYYY-MM-DD).")) -> dict:
    """``view(api.show_station(...))``; with ``at``, the station on that date."""
    day = parse_day(at)
    if day is not None and dated():
        at = datetime(day.year, day.month, day.day, tzinfo=UTC)
        return lazy.work.to_view(lazy.api.show_station(at=at))
    res = lazy.api.show_station()
    notes = ()
    if day is not None:
        conf = res.summary.get("configuration_date")
        notes = (
            f"Assumption: the station as configured on {conf}; its configuration on "
            f"{day.isoformat()} is not modelled.",
        )
    return lazy.work.to_view(res, notes)
