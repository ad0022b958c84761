"""The controlled-deorbit answer: the plan, its summary sentence and its ground risk."""

from __future__ import annotations

from stationkeeper.reentry.deorbit.plan import SPOUA_TARGET, plan_deorbit, plan_summary
from stationkeeper.reentry.risk import iss_ground_risk


def deorbit_answer(
    vehicle: str = "usdv",
    count: int = 1,
    *,
    target: tuple[float, float] | None = None,
    start_altitude_km: float = 220.0,
    final_perigee_km: float = 50.0,
    with_entry: bool = True,
    with_risk: bool = True,
) -> dict:
    """The deorbit plan of ``count`` x ``vehicle`` as a JSON-ready dict, with ``summary``
    (one sentence) and, with ``with_risk``, ``risk`` (expected casualties of the plan's
    footprint against an uncontrolled reentry).

    Parameters
    ----------
    target : (lat_deg, lon_deg), optional
        Middle of the debris footprint (default: the South Pacific Ocean Uninhabited Area).
    start_altitude_km : float
        Circular orbit the burns start from, km.
    final_perigee_km : float
        Perigee after the final burn, km.
    """
    plan = plan_deorbit(
        vehicle,
        count,
        target=SPOUA_TARGET if target is None else tuple(target),
        start_altitude_km=start_altitude_km,
        final_perigee_km=final_perigee_km,
        with_entry=with_entry,
    )
    out = plan.as_dict()
    out["summary"] = plan_summary(plan)
    if with_risk:
        e = plan.entry or {}
        out["risk"] = iss_ground_risk(
            footprint_lat_deg=e.get("footprint_lat_deg"),
            footprint_lon_deg=e.get("footprint_lon_deg"),
        )
    return out
