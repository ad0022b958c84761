"""Physical constants (SI). Earth model: EGM2008 zonal harmonics, WGS-84 shape."""

from __future__ import annotations

MU_EARTH_M3_S2 = 3.986004418e14  # GM, IERS 2010 / WGS-84 (EGM2008)
R_EARTH_EQ_M = 6378137.0  # WGS-84 equatorial radius
R_EARTH_GRAVITY_M = 6378136.3  # reference radius of EGM2008 coefficients
WGS84_FLATTENING = 1.0 / 298.257223563
OMEGA_EARTH_RAD_S = 7.292115e-5  # Earth rotation rate (IERS)
G0_M_S2 = 9.80665  # standard gravity (rocket equation)
SECONDS_PER_DAY = 86400.0
JD_UNIX_EPOCH = 2440587.5  # Julian date of 1970-01-01T00:00 UTC
JD_J2000 = 2451545.0  # Julian date of J2000.0 (2000-01-01T12:00)
EARTH_MEAN_RADIUS_KM = 6371.0088  # IUGG mean radius R1 (great-circle distances, areas)

# Unnormalised zonal coefficients J_n = -C_n0 (EGM2008, tide-free; normalised C_n0 * sqrt(2n+1)).
J_ZONAL = {
    2: 1.08262617385222e-3,
    3: -2.53241051856772e-6,
    4: -1.61989759991697e-6,
    5: -2.27753590730836e-7,
    6: 5.40666576283813e-7,
}

REENTRY_ALTITUDE_M = 120e3  # "reentry" = mean altitude below this (interface convention)
BREAKUP_ALTITUDE_M = 80e3  # breakup of a re-entering body (the published reentry epochs)
MIN_PERIGEE_ALTITUDE_M = 100e3  # below this an orbit is refused as input
