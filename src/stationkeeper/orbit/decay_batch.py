"""Orbit-averaged decay of many samples at once: years of decay for every sample in one go.

The Averaged propagator (:mod:`.averaged`) integrates one orbit's mean elements, calling
the atmosphere at 36 points of every orbit of every step: about 16 s for two years of
the ISS. A Monte Carlo of 10,000 such runs would take two days. Here the physics is the
same, but the atmosphere is called once for all samples:

* :class:`DragTable` -- the orbit-averaged along-track drag per unit Cd·A/m,
  S(t, h) = <a_drag · s_hat> / (Cd A/m), in (m/s²) / (m²/kg), on a
  grid of days and mean altitudes (h = a - R_eq, as the Averaged propagator's stop). At
  each node: a circular orbit of the object's inclination, ``u_points`` arguments of
  latitude × two node longitudes 90° apart (four local times: the orbit-average over the
  ~60-day precession of the node relative to the Sun, an approximation whose effect is
  checked against :func:`.averaged.propagate_averaged` in the tests), the density looked
  up where the orbit really is (the zonal short-period radius of
  :func:`.averaged.radial_short_period`), drag with the co-rotating atmosphere
  (:func:`.drag.drag_acceleration`). ln(-S) is interpolated linearly in day and altitude.
* :func:`decay_batch` -- the Gauss equation of a circular orbit, da/dt = 2 sqrt(a³/μ) S,
  for N samples with their own Cd·A/m, density factor and solar-activity blend, RK4 with
  a step per sample (at most ``max_step_days``, at most ``max_da_m`` of altitude a step),
  until each sample's mean altitude falls below the stop altitude or the horizon ends.

Assumptions (labelled): a near-circular orbit (e < 0.01, like the ISS's 0.0005); the
eccentricity's own decay is not followed.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from stationkeeper.constants import MU_EARTH_M3_S2, R_EARTH_EQ_M, SECONDS_PER_DAY
from stationkeeper.errors import InputError
from stationkeeper.orbit.drag import drag_acceleration
from stationkeeper.orbit.mean_elements import radial_short_period
from stationkeeper.orbit.state import elements_to_rv

#: Altitudes of the table (km): 5 km apart low down where density changes fastest.
DEFAULT_ALTITUDES_KM = np.concatenate([np.arange(100.0, 200.0, 5.0), np.arange(200.0, 801.0, 10.0)])


class DragTable:
    """ln(-S(day, altitude)) of one atmosphere for a circular orbit of inclination ``inc_rad``.

    Columns (days) are computed on demand (:meth:`ensure`), altitudes up to
    ``max_altitude_km`` only (of ``altitudes_km``, default :data:`DEFAULT_ALTITUDES_KM`); a
    column after ``max_day`` (days after ``t0``: the end of the atmosphere's space weather)
    is that of ``max_day`` (columns come in chunks).
    Columns are ``day_step`` days apart, and ``coarse_day_step`` apart from
    ``coarse_from_day`` on (where the space weather is a monthly forecast, held for each
    month: nothing there changes within days).
    """

    def __init__(
        self,
        atmosphere,
        t0_unix_s: float,
        inc_rad: float,
        *,
        max_altitude_km: float = 800.0,
        zonal_degree: int = 6,
        day_step: float = 2.0,
        u_points: int = 8,
        chunk_days: int = 64,
        max_day: float = math.inf,
        raan_points: int = 2,
        coarse_from_day: float = math.inf,
        coarse_day_step: float | None = None,
        altitudes_km: np.ndarray | None = None,
    ) -> None:
        self.atmosphere = atmosphere
        self.t0 = float(t0_unix_s)
        self.inc = float(inc_rad)
        alts = DEFAULT_ALTITUDES_KM if altitudes_km is None else np.asarray(altitudes_km, float)
        top = np.searchsorted(alts, max_altitude_km) + 2
        self.alt_km = alts[: min(top, alts.size)]
        self.day_step = float(day_step)
        self.coarse_step = float(coarse_day_step or day_step)
        # the first coarse column: a fine column's day, so the fine grid is unchanged before it
        k_c = (
            math.ceil(max(coarse_from_day, 0.0) / self.day_step)
            if coarse_from_day < math.inf
            else math.inf
        )
        self._k_coarse = float(k_c)
        self.chunk_days = int(chunk_days)
        self.max_day = float(max_day)
        self.zonal_degree = zonal_degree
        self.days = np.zeros(0)
        self.log_s = np.zeros((0, self.alt_km.size))
        self.n_done = np.zeros(0, dtype=int)  # altitude levels computed, per column
        u = 2.0 * np.pi * (np.arange(u_points) + 0.5) / u_points
        raan = np.array([0.0, 0.5 * np.pi])[:raan_points]
        uu, rr, aa = np.meshgrid(u, raan, self.alt_km * 1e3 + R_EARTH_EQ_M, indexing="ij")
        r, v = elements_to_rv(aa, 0.0, self.inc, rr, 0.0, uu)  # circular: M = u
        # where the orbit really is: the zonal short-period radius (as the Averaged propagator)
        corr = np.array([radial_short_period(a, self.inc, zonal_degree) for a in aa[0, 0]])
        dr = corr[:, 0] + corr[:, 1] * np.cos(2 * uu) + corr[:, 2] * np.sin(2 * uu)
        rn = np.linalg.norm(r, axis=-1)
        self._r = r * (1.0 + dr / rn)[..., None]
        self._v = v
        h_vec = np.cross(r, v)
        w_hat = h_vec / np.linalg.norm(h_vec, axis=-1)[..., None]
        self._s_hat = np.cross(w_hat, r / rn[..., None])

    def _index(self, day) -> np.ndarray:
        """The fractional column index of each day (days after ``t0``)."""
        d = np.asarray(day, dtype=float)
        fine = d / self.day_step
        if self._k_coarse == math.inf:
            return fine
        start = self._k_coarse * self.day_step
        return np.where(
            fine < self._k_coarse, fine, self._k_coarse + (d - start) / self.coarse_step
        )

    def _day_of(self, k: np.ndarray) -> np.ndarray:
        """The day of column ``k``."""
        k = np.asarray(k, dtype=float)
        if self._k_coarse == math.inf:
            return k * self.day_step
        start = self._k_coarse * self.day_step
        return np.where(
            k < self._k_coarse, k * self.day_step, start + (k - self._k_coarse) * self.coarse_step
        )

    def _columns(self, days: np.ndarray, n_alt: int) -> np.ndarray:
        r0, v0, s_hat = (
            self._r[..., :n_alt, :],
            self._v[..., :n_alt, :],
            self._s_hat[..., :n_alt, :],
        )
        shape = r0.shape[:-1]
        days_at = np.minimum(days, self.max_day)
        t = self.t0 + days_at[:, None] * SECONDS_PER_DAY + np.zeros((1, r0[..., 0].size))
        r = np.broadcast_to(r0.reshape(1, -1, 3), (days.size, *r0.reshape(-1, 3).shape))
        rho = self.atmosphere.density(t.ravel(), r.reshape(-1, 3)).reshape(days.size, *shape)
        acc = drag_acceleration(rho, r0[None], v0[None], 1.0)
        s = np.sum(acc * s_hat[None], axis=-1)  # (days, u, raan, alt)
        out = np.full((days.size, self.alt_km.size), np.nan)
        out[:, :n_alt] = np.log(np.maximum(-s.mean(axis=(1, 2)), 1e-300))
        return out

    def ensure(self, day_max: float, top_km: float | None = None) -> None:
        """Compute the columns up to ``day_max`` (days after ``t0``), in chunks, for the
        altitudes up to ``top_km`` (and the level above it; all without it): within one
        decay no sample is higher later, as altitudes only fall (NaN above until asked)."""
        need = math.floor(float(self._index(day_max))) + 2
        n_alt = self.alt_km.size
        if top_km is not None:
            n_alt = min(int(np.searchsorted(self.alt_km, top_km)) + 2, n_alt)
        short = np.flatnonzero(self.n_done[:need] < n_alt)
        if short.size:  # asked higher than before: those columns again
            self.log_s[short] = self._columns(self.days[short], n_alt)
            self.n_done[short] = n_alt
        while self.days.size < need:
            k0 = self.days.size
            new = self._day_of(np.arange(k0, k0 + self.chunk_days))
            self.log_s = np.vstack([self.log_s, self._columns(new, n_alt)])
            self.days = np.concatenate([self.days, new])
            self.n_done = np.concatenate([self.n_done, np.full(new.size, n_alt)])

    def __call__(self, day: np.ndarray, alt_km: np.ndarray) -> np.ndarray:
        """ln(-S) at each (day, altitude), bilinear (altitudes clipped to the grid)."""
        x = np.clip(self._index(day), 0.0, self.days.size - 1.000001)
        i = x.astype(int)
        fx = x - i
        a = np.clip(alt_km, self.alt_km[0], self.alt_km[-1])
        j = np.clip(np.searchsorted(self.alt_km, a) - 1, 0, self.alt_km.size - 2)
        fy = (a - self.alt_km[j]) / (self.alt_km[j + 1] - self.alt_km[j])
        t = self.log_s
        lo = t[i, j] * (1 - fx) + t[i + 1, j] * fx
        hi = t[i, j + 1] * (1 - fx) + t[i + 1, j + 1] * fx
        return lo * (1 - fy) + hi * fy


def decay_batch(
    log_s: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
    ensure: Callable[[float, float], None],
    a0_m: np.ndarray,
    cd_area_over_mass_m2_kg: np.ndarray,
    horizon_days: float,
    *,
    stop_altitude_m: float = 120e3,
    max_step_days: float = 1.0,
    min_step_s: float = 60.0,
    max_da_m: float = 1500.0,
    progress: Callable[[float], None] | None = None,
    stop_share: float = 1.0,
) -> np.ndarray:
    """Days from the start until each sample's mean altitude falls below ``stop_altitude_m``.

    Parameters
    ----------
    log_s : callable (day, alt_km, index) -> ln(-S)
        The orbit-averaged drag per unit Cd·A/m of each sample ``index`` at its day and
        mean altitude (a :class:`DragTable`, or a blend with the sample's own factors).
    ensure : callable (day, top_km) -> None
        Called with the latest day a stage will look up and the highest mean altitude of
        the samples still up, km (extends the tables).
    a0_m : array (N,)
        Initial mean semi-major axes, m.
    cd_area_over_mass_m2_kg : array (N,)
        Cd·A/m of each sample, m²/kg.
    horizon_days : float
        Longest span followed; samples still up then get NaN.
    progress : callable (fraction) -> None, optional
        Called after every step with the share done, 0-1: per sample still up, its days so
        far over those plus the days its mean altitude would take to fall at today's rate
        (an overestimate of what is left, as the decay speeds up), 1 for those down; never
        decreasing.
    stop_share : float
        Stop once this share (0-1) of the samples is down; those still up get NaN (a
        window's 95 % point is exact once more than 95 % are down).

    Returns
    -------
    array (N,)
        Reentry day of each sample (NaN: still in orbit at the horizon).
    """
    a = np.array(a0_m, dtype=float)
    k = np.broadcast_to(np.asarray(cd_area_over_mass_m2_kg, dtype=float), a.shape).copy()
    if np.any(a - R_EARTH_EQ_M <= stop_altitude_m):
        raise InputError("a sample starts below the stop altitude", field="a0_m")
    out = np.full(a.size, np.nan)
    t = np.zeros(a.size)  # days
    idx = np.arange(a.size)
    stop_a = R_EARTH_EQ_M + stop_altitude_m
    done = 0.0

    def rate(tt, aa, ii):  # da/dt in m/day
        s = np.exp(log_s(tt, (aa - R_EARTH_EQ_M) / 1e3, ii))
        return (
            -2.0
            * np.sqrt(np.maximum(aa, stop_a) ** 3 / MU_EARTH_M3_S2)
            * k[ii]
            * s
            * (SECONDS_PER_DAY)
        )

    while idx.size:
        ti, ai = t[idx], a[idx]
        ensure(float(np.max(ti)) + max_step_days, (float(np.max(ai)) - R_EARTH_EQ_M) / 1e3)
        k1 = rate(ti, ai, idx)
        h = np.clip(max_da_m / np.abs(k1), min_step_s / SECONDS_PER_DAY, max_step_days)
        h = np.minimum(h, horizon_days - ti)
        k2 = rate(ti + h / 2, ai + h / 2 * k1, idx)
        k3 = rate(ti + h / 2, ai + h / 2 * k2, idx)
        k4 = rate(ti + h, ai + h * k3, idx)
        a_new = ai + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
        down = a_new < stop_a
        frac = np.where(down, (ai - stop_a) / np.maximum(ai - a_new, 1e-9), 1.0)
        out[idx[down]] = ti[down] + frac[down] * h[down]
        t[idx], a[idx] = ti + h, a_new
        keep = ~down & (t[idx] < horizon_days - 1e-9)
        if progress is not None:
            left = np.minimum((a_new - stop_a) / np.abs(k1), horizon_days - t[idx])
            share = np.where(keep, t[idx] / np.maximum(t[idx] + left, 1e-12), 1.0)
            done = max(done, (a.size - idx.size + float(np.sum(share))) / a.size)
            progress(done)
        idx = idx[keep]
        if idx.size and a.size - idx.size >= stop_share * a.size:
            break
    return out
