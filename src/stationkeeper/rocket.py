"""The rocket equation (Tsiolkovsky): propellant for a speed change and back.

Used by reboosts, avoidance burns and the deorbit planner.
"""

from __future__ import annotations

import math

from stationkeeper.constants import G0_M_S2


def propellant_for_dv(mass_kg: float, dv_m_s: float, isp_s: float) -> float:
    """Tsiolkovsky: propellant (kg) to give ``mass_kg`` the speed change |dv|."""
    return mass_kg * (1.0 - math.exp(-abs(dv_m_s) / (isp_s * G0_M_S2)))


def dv_for_propellant(mass_kg: float, propellant_kg: float, isp_s: float) -> float:
    """Tsiolkovsky: speed change (m/s) from burning ``propellant_kg`` out of ``mass_kg``."""
    if propellant_kg <= 0:
        return 0.0
    return isp_s * G0_M_S2 * math.log(mass_kg / (mass_kg - propellant_kg))
