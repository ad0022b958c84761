"""Default position covariances for TLE-derived states.

TLEs carry no covariance. For a low-Earth-orbit element set we use, 1-sigma in
the object's own radial / in-track / cross-track axes,

    sigma_I = 1.0 km + 1.0 km/day * |t - epoch|
    sigma_R = sigma_C = 0.1 * sigma_I

* "on the order of 1 km within a few days of the epoch" for SGP4 in LEO:
  T.S. Kelso, *Validation of SGP4 and IS-GPS-200D against GPS precision
  ephemerides*, AAS 07-127 (2007), as quoted in the two-line element set
  literature; EUMETSAT's own Metop TLEs: about 600 m RMS over their 7-day
  validity arc (max about 2 km);
* in-track error growing 0.5 to 2 km per day of TLE age for 400-550 km LEO
  objects, radial and cross-track an order of magnitude smaller (the 1 km/day
  growth is the middle of that range; the 0.1 ratio is that order of magnitude).

These are order-of-magnitude defaults, not an orbit-determination covariance:
a Pc computed with them ranks events, it does not replace the screening
centre's own Pc. Give a CCSDS CDM (:func:`stationkeeper.conjunction.cdm.read_cdm`)
where one exists.
"""

from __future__ import annotations

import numpy as np

#: TLE default covariance (see the module docstring for the sources).
TLE_SIGMA_IN_TRACK_EPOCH_KM = 1.0
TLE_SIGMA_IN_TRACK_GROWTH_KM_PER_DAY = 1.0
TLE_SIGMA_RADIAL_CROSS_RATIO = 0.1


def tle_covariance_ric(age_days: float | np.ndarray) -> np.ndarray:
    """Default 3x3 position covariance (km²) in RIC axes for a TLE ``age_days`` old.

    See the module docstring for the values and their sources. Shape
    (..., 3, 3) for an array of ages.
    """
    age = np.abs(np.asarray(age_days, dtype=float))
    s_i = TLE_SIGMA_IN_TRACK_EPOCH_KM + TLE_SIGMA_IN_TRACK_GROWTH_KM_PER_DAY * age
    s_r = TLE_SIGMA_RADIAL_CROSS_RATIO * s_i
    out = np.zeros(age.shape + (3, 3))
    out[..., 0, 0] = s_r**2
    out[..., 1, 1] = s_i**2
    out[..., 2, 2] = s_r**2
    return out


# --------------------------------------------------------------------------- decision grade

#: Decision-grade default: 1-sigma (km) radial / in-track / cross-track of a special-
#: perturbations (SP) orbit-determination state predicted ~1 day to TCA, the same for the
#: station and the object. ASSUMPTION: these are the figures of the covariance ellipse that
#: CelesTrak's SOCRATES uses (100 / 300 / 100 m R/I/C; Kelso & Alfano 2005; celestrak.org
#: /SOCRATES), taken here as the *size* of an SP covariance; no published CARA / 18 SDS
#: figure for ISS-altitude debris was found (docs/screening.md: sources searched, and how the
#: implied manoeuvre rate changes with this size).
SP_SIGMA_RIC_KM = (0.1, 0.3, 0.1)
#: What the decision-grade default is called in the output.
SP_DEFAULT_LABEL = "SP-grade default (assumption: 100/300/100 m R/I/C per object, ~1 day to TCA)"


def sp_covariance_ric(scale: float = 1.0) -> np.ndarray:
    """Decision-grade default 3x3 position covariance (km²) in RIC axes; sigmas × ``scale``.

    See :data:`SP_SIGMA_RIC_KM`: an assumption standing for what the operators know about
    each object about a day before TCA, where no CDM is given.
    """
    return np.diag((np.asarray(SP_SIGMA_RIC_KM) * scale) ** 2)
