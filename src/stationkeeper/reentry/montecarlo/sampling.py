"""The uncertain inputs of the reentry Monte Carlo and their draws.

One draw per sample from a ``numpy.random.Generator`` seeded by ``seed`` (all
draws made up front in a fixed order, so a run is the same whichever scheduler
computes it):

* **density scale** (space weather + atmosphere model): lognormal, sigma_ln = 0.20 --
  NRLMSIS-class models are good to ~15 % (1 sigma) in thermospheric density
  (Picone et al. 2002; Emmert 2015), combined in quadrature with ~13 % for the
  few-day F10.7/Ap forecast error that the 7-day horizon brings (the spread of
  our low/high scenarios is a multi-year figure, too wide for days);
* **Cd** (attitude, gas-surface interaction): lognormal, sigma_ln = 0.10;
* **area** (tumbling / attitude): lognormal, sigma_ln = 0.15;
* with a ballistic coefficient fitted to the object's own TLE history
  (``--tle-history``), density x Cd A/m is measured over the fit window, so the
  spreads shrink to what changes over the forecast (:meth:`Uncertainty.fitted`:
  0.15 / 0.05 / 0.05);
* **initial state** (TLE accuracy at epoch): Gaussian in radial / along-track /
  cross-track, sigma = 0.1 / 1.0 / 0.1 km and 1.0 / 0.2 / 0.1 m/s (Vallado &
  Cefola 2012 and Kelso 2007 put fresh LEO TLEs at ~1 km, mostly along track).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from stationkeeper.earth.frames import ric_basis


@dataclass(frozen=True)
class Uncertainty:
    """1-sigma spreads of the Monte Carlo inputs (see the module doc for their sources)."""

    density_sigma_ln: float = 0.20
    cd_sigma_ln: float = 0.10
    area_sigma_ln: float = 0.15
    position_rtn_m: tuple[float, float, float] = (100.0, 1000.0, 100.0)
    velocity_rtn_m_s: tuple[float, float, float] = (1.0, 0.2, 0.1)

    @classmethod
    def fitted(cls) -> Uncertainty:
        """After a ballistic-coefficient fit to the object's own recent decay.

        The fit has measured density x Cd A/m over the last days, so what stays
        uncertain is how they change over the forecast: space weather and model
        variation (sigma_ln 0.15) and attitude (Cd, area: 0.05 each).
        """
        return cls(density_sigma_ln=0.15, cd_sigma_ln=0.05, area_sigma_ln=0.05)

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
        ``density_scale``, ``cd_factor``, ``area_factor``, ``cd_area_over_mass_m2_kg``
        (m^2/kg), ``r_m`` (n, 3) and ``v_m_s`` (n, 3).
    """
    rng = np.random.default_rng(seed)
    dens = np.exp(unc.density_sigma_ln * rng.standard_normal(n))
    cd = np.exp(unc.cd_sigma_ln * rng.standard_normal(n))
    area = np.exp(unc.area_sigma_ln * rng.standard_normal(n))
    dr = rng.standard_normal((n, 3)) * np.asarray(unc.position_rtn_m)
    dv = rng.standard_normal((n, 3)) * np.asarray(unc.velocity_rtn_m_s)
    r0 = np.asarray(r0, dtype=float)
    v0 = np.asarray(v0, dtype=float)
    basis = ric_basis(r0, v0)
    return {
        "density_scale": dens,
        "cd_factor": cd,
        "area_factor": area,
        "cd_area_over_mass_m2_kg": cd * area / bc_kg_m2,
        "r_m": r0 + dr @ basis,
        "v_m_s": v0 + dv @ basis,
    }
