"""Where drag is computed: a = -1/2 rho (Cd A / m) |v_rel| v_rel.

v_rel is the velocity relative to an atmosphere that co-rotates with the
Earth: v_rel = v - omega x r, omega = OMEGA_EARTH along the z axis.

Two forms of the one formula: :func:`drag_acceleration` on arrays of states (the
Averaged and batch propagators) and :func:`drag_acceleration_xyz` on plain floats
(the Cowell right-hand side, called millions of times per run, where numpy's
per-call overhead would dominate).
"""

from __future__ import annotations

import math

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


def drag_acceleration_xyz(
    rho_kg_m3: float,
    x_m: float,
    y_m: float,
    vx_m_s: float,
    vy_m_s: float,
    vz_m_s: float,
    cd_area_over_mass_m2_kg: float,
    omega_rad_s: float = OMEGA_EARTH_RAD_S,
) -> tuple[float, float, float]:
    """Drag acceleration (m/s²) of one state, plain floats: the fast form of
    :func:`drag_acceleration`.

    Parameters
    ----------
    rho_kg_m3 : float
        Density at the position, kg/m³.
    x_m, y_m : float
        Equatorial components of the position, m (z does not enter v - omega x r).
    vx_m_s, vy_m_s, vz_m_s : float
        Inertial velocity, m/s.
    cd_area_over_mass_m2_kg : float
        Cd*A/m, m²/kg (the inverse ballistic coefficient).
    omega_rad_s : float
        Rotation rate of the atmosphere about z, rad/s; 0 for an atmosphere at rest.

    Returns
    -------
    (ax, ay, az) : tuple of float
        m/s².
    """
    ux, uy, uz = vx_m_s + omega_rad_s * y_m, vy_m_s - omega_rad_s * x_m, vz_m_s
    c = -(0.5 * cd_area_over_mass_m2_kg) * rho_kg_m3 * math.sqrt(ux * ux + uy * uy + uz * uz)
    return c * ux, c * uy, c * uz
