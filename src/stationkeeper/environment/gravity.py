"""Earth gravity: point mass plus zonal harmonics J2..Jn (EGM2008 coefficients).

The potential is U = mu/r * (1 - sum_n J_n (R/r)^n P_n(z/r)); its gradient is
written once for any degree with the Legendre recursions, and works on floats
(fast inside the Cowell right-hand side) and on numpy arrays (batch use).
"""

from __future__ import annotations

import math

import numpy as np

from stationkeeper.constants import J_ZONAL, MU_EARTH_M3_S2, R_EARTH_GRAVITY_M


def zonal_acceleration(
    x,
    y,
    z,
    degree: int = 6,
    mu: float = MU_EARTH_M3_S2,
    r_ref: float = R_EARTH_GRAVITY_M,
    include_central: bool = True,
):
    """Acceleration (ax, ay, az) in m/s^2 of point mass + zonal terms J2..J<degree>.

    ``x, y, z`` are metres in an Earth-centred frame whose z axis is the
    rotation axis (GCRS is close enough for zonal terms: the pole offset is
    below 0.4 degrees for 2000-2040, a part in 10^5 of J2's effect).
    """
    if degree > max(J_ZONAL):
        raise ValueError(f"zonal degree {degree} > {max(J_ZONAL)} not available")
    sqrt = np.sqrt if isinstance(x, np.ndarray) else math.sqrt
    r2 = x * x + y * y + z * z
    r = sqrt(r2)
    s = z / r
    mu_r3 = mu / (r2 * r)
    # a = x_hat-part * (sum_n c_n radial_n - central) and -r * sum_n c_n P_n' along z, with
    # c_n = mu J_n R^n / r^(n+3): two sums, the three components formed once at the end
    sum_radial = -mu_r3 if include_central else 0.0 * x
    sum_dp = 0.0
    # Legendre P_n(s) and derivatives P_n'(s)
    p_prev, p = 1.0, s
    dp_prev, dp = 0.0, 1.0
    rr = r_ref / r
    rr_n = rr
    for n in range(2, degree + 1):
        p_prev, p = p, ((2 * n - 1) * s * p - (n - 1) * p_prev) / n
        dp_prev, dp = dp, dp_prev + (2 * n - 1) * p_prev
        rr_n = rr_n * rr
        coef = mu_r3 * (J_ZONAL[n] * rr_n)  # mu J_n R^n / r^(n+3)
        sum_radial = sum_radial + coef * ((n + 1) * p + s * dp)
        sum_dp = sum_dp + coef * dp
    ax = sum_radial * x
    ay = sum_radial * y
    az = sum_radial * z - sum_dp * r
    return ax, ay, az


def j2_secular_rates(
    a_m: float, e: float, i_rad: float, mu: float = MU_EARTH_M3_S2, r_ref: float = R_EARTH_GRAVITY_M
) -> tuple[float, float]:
    """Analytic first-order J2 secular rates (rad/s) of the node and of perigee.

    dRAAN/dt = -3/2 n J2 (R/p)^2 cos i;  dargp/dt = 3/4 n J2 (R/p)^2 (5 cos^2 i - 1).
    """
    n = math.sqrt(mu / a_m**3)
    p = a_m * (1.0 - e * e)
    k = n * J_ZONAL[2] * (r_ref / p) ** 2
    return -1.5 * k * math.cos(i_rad), 0.75 * k * (5.0 * math.cos(i_rad) ** 2 - 1.0)
