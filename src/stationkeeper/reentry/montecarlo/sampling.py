"""The uncertain inputs of the reentry Monte Carlo and their draws.

One draw per sample from a ``numpy.random.Generator`` seeded by ``seed`` (all
draws made up front in a fixed order, so a run is the same whichever scheduler
computes it):

* **density scale** (space weather + atmosphere model): lognormal, sigma_ln = 0.20 --
  NRLMSIS-class models are good to ~15 % (1 sigma) in thermospheric density
  (Hedin 1988; Picone et al. 2002; Emmert 2015), combined in quadrature with ~13 % for
  the few-day F10.7/Ap forecast error that the 7-day horizon brings (the spread of
  our low/high scenarios is a multi-year figure, too wide for days);
* **Cd** (attitude, gas-surface interaction): lognormal, sigma_ln = 0.10;
* **area** (tumbling / attitude): lognormal, sigma_ln = 0.15;
* **initial state** (TLE accuracy at epoch): Gaussian in radial / along-track /
  cross-track, sigma = 0.1 / 1.0 / 0.1 km and 1.0 / 0.2 / 0.1 m/s (Vallado &
  Cefola 2012 and Kelso 2007 put fresh LEO TLEs at ~1 km, mostly along track);
* **fitted ballistic coefficient** (only with a fit): lognormal, the fit's own
  standard error (:func:`.calibration.fit_sigma_ln`).

With a ballistic coefficient fitted to the object's own TLE history (``--tle-history``),
density x Cd A/m is measured over the fit window: the model's density bias there is
absorbed into the BC, and what stays uncertain is how the bias changes over the
forecast (:meth:`Uncertainty.fitted`):

* density, model part: sigma_ln :data:`DENSITY_AFTER_FIT_SIGMA_LN` = 0.10, the
  day-to-day scatter of orbit-averaged density about an empirical model once its
  bias is removed: below the ~15 % of the raw model, as a fit to tracked objects is a
  one-parameter version of the density calibration of HASDM (Storz et al. 2005); the
  size itself is an assumption checked on the hindcasts below (the narrowest with
  >= 90 % coverage there: 0.09);
* density, space-weather forecast part: sigma_ln
  :data:`SPACE_WEATHER_FORECAST_SIGMA_LN` = 0.13 (as above), only for the share of
  the forecast beyond the file's observed space weather (zero in a hindcast);
* Cd and area: 0.05 each (attitude and flow-regime changes over the forecast);
* the fit's standard error.

Checked on 14 hindcasts (GOCE, Delfi-C3; tools/reentry_hindcast.py): the 5-95 %
window then half-spans ~+-21 % of the remaining time (median) and holds the truth in
13 of 14, near the +-20 % that Pardini & Anselmo (2017, 316 IADC campaign predictions)
found needed for 90 % confidence.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from stationkeeper.earth.frames import ric_basis

#: Density spread left after a BC fit (model bias absorbed; see the module doc).
DENSITY_AFTER_FIT_SIGMA_LN = 0.10
#: Density spread from a few-day F10.7/Ap forecast (applies beyond the observed record).
SPACE_WEATHER_FORECAST_SIGMA_LN = 0.13
#: Cd and area spreads after a BC fit (attitude changes over the forecast).
ATTITUDE_AFTER_FIT_SIGMA_LN = 0.05


@dataclass(frozen=True)
class Uncertainty:
    """1-sigma spreads of the Monte Carlo inputs (see the module doc for their sources)."""

    density_sigma_ln: float = 0.20
    cd_sigma_ln: float = 0.10
    area_sigma_ln: float = 0.15
    position_rtn_m: tuple[float, float, float] = (100.0, 1000.0, 100.0)
    velocity_rtn_m_s: tuple[float, float, float] = (1.0, 0.2, 0.1)
    fit_sigma_ln: float = 0.0

    @classmethod
    def fitted(cls, fit_sigma_ln: float = 0.0, forecast_share: float = 1.0) -> Uncertainty:
        """After a ballistic-coefficient fit to the object's own recent decay.

        The fit has measured density x Cd A/m over the last days, so what stays
        uncertain is how they change over the forecast: the density model's bias
        (sigma_ln 0.10), the space-weather forecast (0.13, on the ``forecast_share``
        (0-1) of the forecast beyond the observed space weather), attitude (Cd, area:
        0.05 each), and the fit's own standard error ``fit_sigma_ln``.
        """
        share = min(max(float(forecast_share), 0.0), 1.0)
        density = math.hypot(
            DENSITY_AFTER_FIT_SIGMA_LN, math.sqrt(share) * SPACE_WEATHER_FORECAST_SIGMA_LN
        )
        return cls(
            density_sigma_ln=density,
            cd_sigma_ln=ATTITUDE_AFTER_FIT_SIGMA_LN,
            area_sigma_ln=ATTITUDE_AFTER_FIT_SIGMA_LN,
            fit_sigma_ln=float(fit_sigma_ln),
        )

    def as_dict(self) -> dict:
        """The spreads as a plain dict (JSON-ready)."""
        return asdict(self)


def resolve_seed(seed: int | None) -> int:
    """``seed``, or a fresh one from the operating system's entropy when ``None`` (reported
    with the run, so that it can be repeated)."""
    return int(np.random.SeedSequence().entropy) if seed is None else int(seed)


def draw_samples(
    n: int, seed: int | None, r0, v0, bc_kg_m2: float, unc: Uncertainty = Uncertainty()
) -> dict:
    """All random inputs, drawn in a fixed order from ``default_rng(seed)``.

    Parameters
    ----------
    n : int
        Number of samples.
    seed : int or None
        Seed of the generator (``None``: fresh entropy, not repeatable).
    r0, v0 : array (3,)
        Nominal GCRS position (m) and velocity (m/s).
    bc_kg_m2 : float
        Nominal ballistic coefficient m/(Cd A), kg/m^2.
    unc : Uncertainty
        The spreads.

    Returns
    -------
    dict
        ``density_scale``, ``cd_factor``, ``area_factor``, ``fit_factor`` (on the
        fitted BC's drag), ``cd_area_over_mass_m2_kg`` (m^2/kg), ``r_m`` (n, 3) and
        ``v_m_s`` (n, 3).
    """
    rng = np.random.default_rng(seed)
    dens = np.exp(unc.density_sigma_ln * rng.standard_normal(n))
    cd = np.exp(unc.cd_sigma_ln * rng.standard_normal(n))
    area = np.exp(unc.area_sigma_ln * rng.standard_normal(n))
    dr = rng.standard_normal((n, 3)) * np.asarray(unc.position_rtn_m)
    dv = rng.standard_normal((n, 3)) * np.asarray(unc.velocity_rtn_m_s)
    # drawn last, so that the draws above repeat those of a run without it
    fit = np.exp(unc.fit_sigma_ln * rng.standard_normal(n)) if unc.fit_sigma_ln else np.ones(n)
    r0 = np.asarray(r0, dtype=float)
    v0 = np.asarray(v0, dtype=float)
    basis = ric_basis(r0, v0)
    return {
        "density_scale": dens,
        "cd_factor": cd,
        "area_factor": area,
        "fit_factor": fit,
        "cd_area_over_mass_m2_kg": cd * area * fit / bc_kg_m2,
        "r_m": r0 + dr @ basis,
        "v_m_s": v0 + dv @ basis,
    }
