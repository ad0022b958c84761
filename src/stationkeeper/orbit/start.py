"""Where a run starts: the element set and the drag object of the object to propagate.

Either a TLE and the station's (or the user's) drag figures, or a TLE history with a
cut-off, the ballistic coefficient then fitted to the history's last days before it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from stationkeeper.environment.atmosphere_factory import make_atmosphere
from stationkeeper.errors import InputError
from stationkeeper.orbit.ballistic import BSTAR_CD, DragObject, drag_object
from stationkeeper.orbit.elements import ElementSet
from stationkeeper.orbit.fit import BallisticFit, fit_ballistic_coefficient
from stationkeeper.orbit.history import detect_manoeuvres
from stationkeeper.orbit.tle import elements_or_default, load_tle_history
from stationkeeper.station.load import dated_history_covers
from stationkeeper.station.model import check_drag
from stationkeeper.utc import as_utc

#: Mass assumed for an object fitted from its TLE history when none is given, kg (only
#: the ballistic coefficient matters to drag; the mass sets the reported area).
FITTED_OBJECT_MASS_KG = 1000.0
#: The longest history window a fit may take, days (drag changes over a solar rotation).
MAX_FIT_DAYS = 60.0


def object_and_elements(
    tle: str | Path | ElementSet | None,
    tle_history: str | Path | None,
    until: datetime | None,
    fit_days: float,
    atmosphere: str,
    scenarios: Sequence[str],
    space_weather: str | Path | None,
    *,
    station: str | Path | None = None,
    mass_kg: float | None = None,
    area_m2: float | None = None,
    cd: float | None = None,
    bstar_from_tle: bool = False,
    drag: str = "fitted",
) -> tuple[ElementSet, BallisticFit | None, DragObject, list[ElementSet] | None]:
    """(elements, fit or None, drag object, fit window or None) of the object to propagate:
    fitted to ``tle_history`` up to ``until`` when one is given (``drag`` is then not
    used), else from ``tle`` and the station's ``drag`` (``fitted`` or ``topo``) or the
    given drag figures."""
    check_drag(drag)
    if tle is not None and tle_history is not None:
        raise InputError("give tle or tle_history, not both", field="tle")
    if until is not None and tle_history is None:
        raise InputError("a cut-off without a history", field="until", allowed="with tle_history")
    given = {"area_m2": area_m2, "cd": cd, "bstar_from_tle": bstar_from_tle or None}
    for name, value in given.items():
        if tle_history is not None and value is not None:
            raise InputError(
                f"{name} is not used with tle_history (the ballistic coefficient is fitted)",
                field=name,
                allowed="tle_history alone, or tle with drag figures",
            )
    if tle_history is not None:
        return fit_from_history(
            tle_history, until, fit_days, atmosphere, scenarios, space_weather, mass_kg
        )
    es = elements_or_default(tle)
    # the station of the start epoch, where the file's dated history holds it
    at = es.epoch_utc if dated_history_covers(station, es.epoch_utc) else None
    obj = drag_object(
        station=station,
        mass_kg=mass_kg,
        area_m2=area_m2,
        cd=cd,
        bstar_from_tle=es if bstar_from_tle else None,
        drag=drag,
        at=at,
    )
    return es, None, obj, None


def fit_from_history(
    path: str | Path,
    until: datetime | None,
    fit_days: float,
    atmosphere: str,
    scenarios: Sequence[str],
    space_weather: str | Path | None,
    mass_kg: float | None,
) -> tuple[ElementSet, BallisticFit, DragObject, list[ElementSet]]:
    """The ballistic coefficient fitted to the last ``fit_days`` of the history before
    ``until`` (after its last orbit raise), and the last element set before ``until``."""
    if not (math.isfinite(fit_days) and 0 < fit_days <= MAX_FIT_DAYS):
        raise InputError(
            f"{fit_days} is not allowed", field="fit_days", allowed=f"0 < days <= {MAX_FIT_DAYS}"
        )
    history = load_tle_history(path)
    if until is None:
        until = history[-1].epoch_utc
    until = as_utc(until)
    before = [h for h in history if h.epoch_utc <= until]
    if len(before) < 3:
        raise InputError(
            f"only {len(before)} element sets before {until.isoformat()}",
            file=str(path),
            field="until",
            allowed=f"a date after {history[min(2, len(history) - 1)].epoch_utc.isoformat()}",
        )
    # only raises: in a fast final decay, drag itself looks like a "lowering"
    raises = [m for m in detect_manoeuvres(before) if m.delta_altitude_km > 0]
    start = until - timedelta(days=fit_days)
    if raises:
        start = max(start, raises[-1].after_utc + timedelta(days=1.0))
    window = [h for h in before if h.epoch_utc >= start]
    fit_solar = "observed" if "observed" in scenarios else scenarios[0]
    atm = make_atmosphere(atmosphere, fit_solar, space_weather)
    fit = fit_ballistic_coefficient(window, atm)
    mass = FITTED_OBJECT_MASS_KG if mass_kg is None else mass_kg
    obj = DragObject(
        history[-1].name or f"NORAD {history[-1].norad_id}",
        mass,
        mass / (BSTAR_CD * fit.ballistic_coefficient_kg_m2),
        BSTAR_CD,
        f"ballistic coefficient fitted to {path}",
        drag="tle_history",
        drag_label=(
            f"fitted to this object's TLE history {Path(path).name} "
            f"({fit.start_utc:%Y-%m-%d %H:%M} to {fit.end_utc:%Y-%m-%d %H:%M})"
        ),
    )
    es = window[-1]
    if es.perigee_km < 100:
        raise InputError(
            f"the last element set before the cut-off has perigee {es.perigee_km:.0f} km",
            file=str(path),
            field="until",
            allowed="a cut-off while the perigee is still above 100 km",
        )
    return es, fit, obj, window
