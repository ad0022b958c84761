"""Controlled deorbit of the station: vehicles, burns, entry and the plan that ties them.

* :mod:`stationkeeper.reentry.deorbit.vehicles` -- the deorbit vehicles
  (``vehicles_deorbit.toml``) and the stack they push (the station model);
* :mod:`stationkeeper.reentry.deorbit.burns` -- vis-viva burns, arc losses, rocket
  equation per vehicle, shortfall;
* :mod:`stationkeeper.reentry.deorbit.entry` -- breakup, impact point and debris footprint;
* :mod:`stationkeeper.reentry.deorbit.plan` -- :func:`plan_deorbit`, :func:`plan_summary`,
  :data:`SPOUA_TARGET`.
"""

from stationkeeper.reentry.deorbit.plan import SPOUA_TARGET, DeorbitPlan, plan_deorbit, plan_summary

__all__ = ["SPOUA_TARGET", "DeorbitPlan", "plan_deorbit", "plan_summary"]
