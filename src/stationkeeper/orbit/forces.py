"""The force model: which accelerations act on the orbit, as one small value object."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from stationkeeper.constants import MU_EARTH_M3_S2, OMEGA_EARTH_RAD_S
from stationkeeper.environment.gravity import zonal_acceleration
from stationkeeper.orbit.drag import drag_acceleration, drag_acceleration_xyz


@dataclass(frozen=True)
class ForceModel:
    """Gravity (point mass + zonal J2..J<zonal_degree>) and atmospheric drag.

    ``zonal_degree`` 0 or 1 means point-mass gravity only.  ``atmosphere`` is
    any object with ``density(t_unix_s, r_m)``; ``None`` switches drag off.
    ``cd_area_over_mass_m2_kg`` is Cd*A/m, the inverse ballistic coefficient.
    """

    zonal_degree: int = 6
    atmosphere: object | None = None
    cd_area_over_mass_m2_kg: float = 0.0
    corotate: bool = True

    @classmethod
    def with_drag(
        cls, atmosphere, ballistic_coefficient_kg_m2: float, zonal_degree: int | None = None
    ) -> ForceModel:
        """The standard model of every run: zonal gravity (J2..J6 unless ``zonal_degree``
        says otherwise) and drag with ballistic coefficient m/(Cd·A) in kg/m² through
        ``atmosphere``."""
        degree = cls.zonal_degree if zonal_degree is None else zonal_degree
        return cls(degree, atmosphere, 1.0 / ballistic_coefficient_kg_m2)

    @property
    def has_drag(self) -> bool:
        return self.atmosphere is not None and self.cd_area_over_mass_m2_kg > 0.0

    @property
    def ballistic_coefficient_kg_m2(self) -> float:
        return math.inf if self.cd_area_over_mass_m2_kg <= 0 else 1.0 / self.cd_area_over_mass_m2_kg

    def gravity(self, r_m: np.ndarray) -> np.ndarray:
        r = np.asarray(r_m, dtype=float)
        deg = self.zonal_degree if self.zonal_degree >= 2 else 1
        if deg == 1:
            rn = np.linalg.norm(r, axis=-1, keepdims=True)
            return -MU_EARTH_M3_S2 * r / rn**3
        ax, ay, az = zonal_acceleration(r[..., 0], r[..., 1], r[..., 2], degree=deg)
        return np.stack([ax, ay, az], axis=-1)

    def acceleration(self, t_unix_s, r_m, v_m_s) -> np.ndarray:
        """Total acceleration for arrays of states (..., 3)."""
        acc = self.gravity(r_m)
        if self.has_drag:
            rho = self.atmosphere.density(t_unix_s, r_m)
            acc = acc + drag_acceleration(
                rho, r_m, v_m_s, self.cd_area_over_mass_m2_kg, self.corotate
            )
        return acc

    def rhs_scalar(self, t0_unix_s: float):
        """A fast f(t, y) for one trajectory (plain floats; drag via the atmosphere call)."""
        degree = self.zonal_degree if self.zonal_degree >= 2 else 1
        atmosphere = self.atmosphere if self.has_drag else None
        cd_area_over_mass = self.cd_area_over_mass_m2_kg
        w = OMEGA_EARTH_RAD_S if self.corotate else 0.0
        sqrt = math.sqrt
        mu = MU_EARTH_M3_S2
        fast_density = getattr(atmosphere, "density_scalar", None)

        def f(t: float, y: np.ndarray) -> np.ndarray:
            x, yy, z, vx, vy, vz = y.tolist()
            if degree == 1:
                r2 = x * x + yy * yy + z * z
                c = -mu / (r2 * sqrt(r2))
                ax, ay, az = c * x, c * yy, c * z
            else:
                ax, ay, az = zonal_acceleration(x, yy, z, degree=degree)
            if atmosphere is not None:
                if fast_density is not None:
                    rho = fast_density(t0_unix_s + t, x, yy, z)
                else:
                    rho = float(atmosphere.density(t0_unix_s + t, np.array([[x, yy, z]]))[0])
                dx, dy, dz = drag_acceleration_xyz(rho, x, yy, vx, vy, vz, cd_area_over_mass, w)
                ax += dx
                ay += dy
                az += dz
            return np.array([vx, vy, vz, ax, ay, az])

        return f
