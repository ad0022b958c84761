"""Where drag is computed: a = -1/2 rho (Cd A / m) |v_rel| v_rel.

v_rel is the velocity relative to an atmosphere that co-rotates with the
Earth: v_rel = v - omega x r, omega = OMEGA_EARTH along the z axis.
"""

from __future__ import annotations

import numpy as np

from stationkeeper.constants import OMEGA_EARTH_RAD_S


def relative_velocity(r_m, v_m_s, corotate: bool = True) -> np.ndarray:
    """Velocity relative to the (co-rotating) atmosphere, arrays (..., 3)."""
    r = np.asarray(r_m, dtype=float)
    v = np.asarray(v_m_s, dtype=float)
    if not corotate:
        return v
    w = OMEGA_EARTH_RAD_S
    return np.stack([v[..., 0] + w * r[..., 1], v[..., 1] - w * r[..., 0], v[..., 2]], axis=-1)


def drag_acceleration(rho_kg_m3, r_m, v_m_s, cd_area_over_mass_m2_kg, corotate: bool = True):
    """Drag acceleration (m/s^2), arrays (..., 3); ``cd_area_over_mass`` = 1/BC."""
    vrel = relative_velocity(r_m, v_m_s, corotate)
    speed = np.linalg.norm(vrel, axis=-1, keepdims=True)
    k = -0.5 * np.asarray(rho_kg_m3)[..., None] * np.asarray(cd_area_over_mass_m2_kg)[..., None]
    return k * speed * vrel
