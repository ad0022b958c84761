"""When an object months or years from reentry comes down: a Monte Carlo of its whole decay.

Every sample is propagated to reentry at once (:func:`stationkeeper.orbit.decay_batch.decay_batch`,
the orbit-averaged Gauss equation on NRLMSIS tables). The uncertain inputs, one draw each
per sample from ``default_rng(seed)`` in a fixed order:

* **drag** -- the station's drag fitted to the real orbit and its 5-95 % spread (the
  ``[drag]`` table of ``station.toml``): a two-sided lognormal through its 5, 50 and 95 %
  points, constant over the decay (as ``lifetime``'s band). That spread is the
  span-to-span scatter of fits made under NRLMSIS, so it already holds the density
  model's error over weeks. Without a spread (``topo``, given figures, a TLE's B*): the
  Cd and area spreads of :class:`.montecarlo.sampling.Uncertainty` (0.10, 0.15) and a fit's
  own standard error.
* **density-model error left** -- lognormal, sigma_ln
  :data:`.montecarlo.sampling.DENSITY_AFTER_FIT_SIGMA_LN` (0.10), drawn afresh every
  :data:`DENSITY_ERROR_DAYS` (27 days, one solar rotation: an assumption) -- it averages down
  over a long decay, as it should.
* **solar activity** -- the observed record where it exists (every sample the same);
  beyond it one standard normal z per sample blends the space-weather file's ``nominal``
  forecast towards its ``high`` (z > 0) or ``low`` (z < 0) scenario, which are the 90th
  and 10th percentiles of the past cycles (:data:`SCENARIO_PERCENTILES`): ln S moves by
  z / 1.2816 of the way. A strong or weak cycle stays so for the whole decay.
* **initial state** -- the element set's error (:func:`.montecarlo.sampling.draw_samples`,
  1 km along track, 100 m radial, 0.2 m/s along track): the change of the osculating
  semi-major axis it makes is added to the mean one (hundreds of metres: it matters little
  over years, and is kept for continuity with the short-horizon run).

Reentry is the mean altitude falling below 120 km, as ``lifetime``; breakup (80 km) follows
within about an orbit, minutes against a window of months.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import NormalDist

import numpy as np
import pandas as pd

from stationkeeper.constants import (
    MU_EARTH_M3_S2,
    R_EARTH_EQ_M,
    REENTRY_ALTITUDE_M,
    SECONDS_PER_DAY,
)
from stationkeeper.environment.atmosphere_factory import (
    make_atmosphere,
    monthly_forecast_start,
    space_weather_end,
)
from stationkeeper.environment.spaceweather.scenarios import SCENARIO_PERCENTILES
from stationkeeper.orbit.ballistic import DragObject
from stationkeeper.orbit.decay_batch import DragTable, decay_batch
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.mean_elements import mean_state_from_osculating
from stationkeeper.orbit.state import State
from stationkeeper.parallel import Progress
from stationkeeper.reentry.montecarlo.run import FIRST_SAMPLES
from stationkeeper.reentry.montecarlo.sampling import (
    DENSITY_AFTER_FIT_SIGMA_LN,
    Uncertainty,
    draw_samples,
)
from stationkeeper.reentry.montecarlo.summary import quantile_window

#: Days over which one draw of the density-model error holds (a solar rotation; assumption).
DENSITY_ERROR_DAYS = 27.0
#: The full run's drag tables: a column every 2 days, 8 x 2 points an orbit; every
#: ``coarse_day_step`` days where the space weather is the monthly forecast (each month's
#: row held for its days: columns 2 days apart would repeat themselves).
FULL_TABLE = {"day_step": 2.0, "coarse_day_step": 8.0, "u_points": 8, "raan_points": 2}
#: The drag tables of the first look (``on_partial``): columns 4 times as far apart, 6 x 2
#: points an orbit, altitudes every 10 km, columns 16 at a time (NRLMSIS's calls are the
#: cost: ~13 us a point); about 1 % from the full run's answer.
FIRST_LOOK_TABLE = {
    "day_step": 8.0,
    "coarse_day_step": 32.0,
    "u_points": 6,
    "raan_points": 2,
    "chunk_days": 16,
    "altitudes_km": np.arange(100.0, 801.0, 10.0),
}
#: The first look's longest step, days (the full run: 1; steps are also held under 1.5 km of
#: altitude, so this matters only while the decay is slow).
FIRST_LOOK_STEP_DAYS = 4.0
#: The first look stops once this share of its samples is down (its 95 % point is exact; the
#: slowest few are left as still up: the tables to their decades-long tails are the cost).
FIRST_LOOK_SHARE = 0.96
#: Longest decay followed, years.
MAX_YEARS = 30.0
#: z of the high scenario (low: -z): its percentile of the past cycles (90 %, low 10 %).
SCENARIO_Z = NormalDist().inv_cdf(SCENARIO_PERCENTILES[1] / 100.0)
#: The 95 % point of a standard normal.
Z95 = NormalDist().inv_cdf(0.95)


@dataclass
class LongHorizonRun:
    """The run: epoch, per-sample table (``reentry_s`` NaN while still up at the horizon)."""

    epoch_utc: datetime
    samples: pd.DataFrame
    horizon_days: float
    inclination_rad: float
    observed_end_utc: datetime | None
    meta: dict = field(default_factory=dict)


def drag_factors(rng, n: int, obj: DragObject, unc: Uncertainty) -> tuple[np.ndarray, str]:
    """Multipliers of the nominal Cd·A/m per sample, and where their spread comes from."""
    z = rng.standard_normal(n)
    if obj.scale_band is not None:
        lo, hi = obj.scale_band
        s_lo, s_hi = math.log(obj.scale / lo) / Z95, math.log(hi / obj.scale) / Z95
        return np.exp(np.where(z > 0, z * s_hi, z * s_lo)), (
            f"fitted drag's 5-95 % spread (scale {lo:.3g}-{hi:.3g} x {obj.scale:.3g})"
        )
    sigma = math.sqrt(unc.cd_sigma_ln**2 + unc.area_sigma_ln**2 + unc.fit_sigma_ln**2)
    return np.exp(sigma * z), f"lognormal sigma_ln {sigma:.2f} (Cd, area, fit)"


class BlendedDrag:
    """ln S of each sample: the nominal table, its density-error blocks and, beyond the
    observed record, its blend towards the high or low scenario."""

    def __init__(
        self, atmospheres, t0, inc, top_km, obs_day, z, blocks, end_day, monthly_day, **table
    ) -> None:
        self.nominal = DragTable(
            atmospheres["nominal"], t0, inc, max_altitude_km=top_km, max_day=end_day,
            coarse_from_day=monthly_day, **table,
        )  # fmt: skip
        self.obs_day = obs_day
        self.z = z
        self.blocks = blocks
        self.side = {}
        if obs_day is not None:
            t_obs = t0 + obs_day * SECONDS_PER_DAY
            for s in ("low", "high"):
                self.side[s] = DragTable(
                    atmospheres[s], t_obs, inc, max_altitude_km=top_km,
                    max_day=end_day - obs_day, coarse_from_day=monthly_day - obs_day, **table,
                )  # fmt: skip

    def ensure(self, day: float, top_km: float | None = None) -> None:
        self.nominal.ensure(day, top_km)
        if self.obs_day is not None and day > self.obs_day:
            for tab in self.side.values():
                tab.ensure(day - self.obs_day, top_km)

    def __call__(self, day, alt_km, idx):
        out = self.nominal(day, alt_km)
        b = np.minimum((day / DENSITY_ERROR_DAYS).astype(int), self.blocks.shape[1] - 1)
        out = out + self.blocks[idx, b]
        if self.obs_day is not None:
            late = day > self.obs_day
            if np.any(late):
                d, a, zz = day[late] - self.obs_day, alt_km[late], self.z[idx[late]]
                base = out[late] - self.blocks[idx[late], b[late]]
                hi = self.side["high"](d, a) - base
                lo = self.side["low"](d, a) - base
                w = np.abs(zz) / SCENARIO_Z
                out[late] += w * np.where(zz > 0, hi, lo)
        return out


def stays_up(state: State, atmosphere, bc_kg_m2: float, days: float) -> bool:
    """Whether the nominal object (no spread) is still above the reentry altitude ``days``
    after ``state``, on 8-day drag tables: a look of a fraction of a second (0.3 s for the
    ISS) that spares the Averaged propagator's run when the answer is clearly years away
    (used with a margin)."""
    forces = ForceModel.with_drag(atmosphere, bc_kg_m2)
    x = mean_state_from_osculating(state, forces)
    if x[0] - R_EARTH_EQ_M <= REENTRY_ALTITUDE_M:
        return False
    covered = days
    sw = getattr(atmosphere, "space_weather", None)
    if sw is not None:
        end = space_weather_end(sw, atmosphere.solar)
        covered = min(days, (end - state.epoch_utc).total_seconds() / SECONDS_PER_DAY)
    top_km = (float(x[0]) - R_EARTH_EQ_M) / 1e3 + 10.0
    table = DragTable(
        atmosphere, state.epoch_utc.timestamp(), float(x[3]), max_altitude_km=top_km,
        day_step=8.0, chunk_days=4, max_day=max(covered, 0.0),
    )  # fmt: skip
    down = decay_batch(
        lambda day, alt_km, idx: table(day, alt_km),
        table.ensure,
        np.array([x[0]]),
        np.array([1.0 / bc_kg_m2]),
        days,
        stop_altitude_m=REENTRY_ALTITUDE_M,
    )
    return not np.isfinite(down[0])


def run_long_horizon(
    state: State,
    obj: DragObject,
    *,
    samples: int,
    seed: int,
    space_weather=None,
    uncertainty: Uncertainty | None = None,
    max_years: float = MAX_YEARS,
    bc_kg_m2: float | None = None,
    progress: Progress | None = None,
    on_partial: Callable[[LongHorizonRun], None] | None = None,
) -> LongHorizonRun:
    """The whole decay of ``samples`` draws from ``state`` (see the module doc); ``progress``
    gets the share done, 0-1 (:func:`stationkeeper.orbit.decay_batch.decay_batch`).

    ``on_partial`` (with more than :data:`.run.FIRST_SAMPLES` samples) first gets the run
    of the first ``FIRST_SAMPLES`` draws on the lighter drag tables :data:`FIRST_LOOK_TABLE`
    (the tables, not the samples, are the cost), stopped once :data:`FIRST_LOOK_SHARE` of
    them are down; then every sample runs on the tables :data:`FULL_TABLE`, as without it
    (the same answer)."""
    unc = Uncertainty() if uncertainty is None else uncertainty
    bc = obj.ballistic_coefficient_kg_m2 if bc_kg_m2 is None else bc_kg_m2
    atms = {s: make_atmosphere("nrlmsis", s, space_weather) for s in ("nominal", "low", "high")}
    t0 = state.epoch_utc.timestamp()
    horizon = max_years * 365.25
    sw = getattr(atms["nominal"], "space_weather", None)
    obs_day = obs_end = None
    monthly_day = math.inf
    if sw is not None:
        end = min(space_weather_end(sw, s) for s in ("nominal", "low", "high"))
        horizon = min(horizon, (end - state.epoch_utc).total_seconds() / SECONDS_PER_DAY)
        obs_end = space_weather_end(sw, "observed")
        obs_day = max((obs_end - state.epoch_utc).total_seconds() / SECONDS_PER_DAY, 0.0)
        monthly = monthly_forecast_start(sw)
        if monthly is not None:
            monthly_day = (monthly - state.epoch_utc).total_seconds() / SECONDS_PER_DAY
    forces = ForceModel.with_drag(atms["nominal"], bc)
    x = mean_state_from_osculating(state, forces)
    rng = np.random.default_rng(seed)
    factor, drag_source = drag_factors(rng, samples, obj, unc)
    z_solar = rng.standard_normal(samples)
    n_blocks = int(horizon / DENSITY_ERROR_DAYS) + 2
    blocks = DENSITY_AFTER_FIT_SIGMA_LN * rng.standard_normal((samples, n_blocks))
    # the element set's error: its change of the osculating semi-major axis
    state_unc = Uncertainty(
        position_rtn_m=unc.position_rtn_m, velocity_rtn_m_s=unc.velocity_rtn_m_s
    )
    d = draw_samples(samples, rng.integers(2**63), state.r, state.v, bc, state_unc)
    mu = MU_EARTH_M3_S2
    a_osc = 1.0 / (2.0 / np.linalg.norm(d["r_m"], axis=1) - np.sum(d["v_m_s"] ** 2, 1) / mu)
    a_nom = 1.0 / (2.0 / np.linalg.norm(state.r) - np.dot(state.v, state.v) / mu)
    a0 = x[0] + (a_osc - a_nom)
    k = factor / bc
    top_km = (float(a0.max()) - R_EARTH_EQ_M) / 1e3 + 10.0

    def run_of(days: np.ndarray, table_days: int) -> LongHorizonRun:
        n = days.size
        table = pd.DataFrame(
            {
                "reentry_s": days * SECONDS_PER_DAY,
                "drag_factor": factor[:n],
                "cd_area_over_mass_m2_kg": k[:n],
                "solar_z": z_solar[:n],
                "a0_m": a0[:n],
            }
        )
        meta = {"drag_spread": drag_source, "table_days": table_days}
        return LongHorizonRun(state.epoch_utc, table, horizon, float(x[3]), obs_end, meta=meta)

    inc = float(x[3])
    if on_partial is not None and samples > FIRST_SAMPLES:
        n1 = FIRST_SAMPLES
        look = BlendedDrag(
            atms, t0, inc, top_km, obs_day, z_solar, blocks, horizon, monthly_day,
            **FIRST_LOOK_TABLE,
        )  # fmt: skip
        first = decay_batch(
            look, look.ensure, a0[:n1], k[:n1], horizon, stop_altitude_m=REENTRY_ALTITUDE_M,
            stop_share=FIRST_LOOK_SHARE, max_step_days=FIRST_LOOK_STEP_DAYS,
        )  # fmt: skip
        on_partial(run_of(first, int(look.nominal.days.size)))
    blend = BlendedDrag(
        atms, t0, inc, top_km, obs_day, z_solar, blocks, horizon, monthly_day, **FULL_TABLE
    )
    days = decay_batch(
        blend, blend.ensure, a0, k, horizon, stop_altitude_m=REENTRY_ALTITUDE_M, progress=progress
    )
    return run_of(days, int(blend.nominal.days.size))


def long_window(run: LongHorizonRun) -> dict:
    """Median and 5/95 % reentry dates; samples still up at the horizon count as 'later'."""
    w = quantile_window(run.samples["reentry_s"].to_numpy(), run.epoch_utc)
    hours = w["window_hours"]
    return {
        **{k: w[k] for k in ("median_utc", "p05_utc", "p95_utc", "window_hours")},
        "window_days": None if hours is None else hours * 3600.0 / SECONDS_PER_DAY,
        "reentered_share": w["reentered_share"],
        "horizon_utc": (run.epoch_utc + timedelta(days=run.horizon_days)).isoformat(),
        "reentry_altitude_km": REENTRY_ALTITUDE_M / 1e3,
    }
