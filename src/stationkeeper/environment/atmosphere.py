"""Atmospheric density behind one vectorised call: ``model.density(t_unix_s, r_m)``.

* :class:`ExponentialAtmosphere` -- rho0 * exp(-(h - h0)/H) on a spherical Earth:
  fast and analytic, for tests and back-of-envelope studies.
* :class:`MsisAtmosphere` -- NRLMSIS 2.1 through `pymsis`, fed with F10.7,
  its 81-day mean and Ap from *our* space-weather file (never pymsis's download).
* :class:`MsisTableAtmosphere` -- a surrogate of the above for long and
  many-sample runs: every 3 h of UTC one NRLMSIS call on an (altitude,
  latitude, local solar time) grid, then interpolation in log-density.  It is
  validated against direct calls in the tests (< 1 % on orbit averages).

``t_unix_s`` is UTC seconds since 1970-01-01; ``r_m`` is GCRS position (..., 3).
Latitude/longitude/altitude come from
:func:`stationkeeper.earth.geodetic.geodetic_from_gcrs`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from stationkeeper.constants import R_EARTH_EQ_M, SECONDS_PER_DAY
from stationkeeper.earth.geodetic import (
    geodetic_from_gcrs,
    geodetic_from_gcrs_fast,
    geodetic_scalar,
)


@dataclass(frozen=True)
class ExponentialAtmosphere:
    """rho = rho0 * exp(-(h - h0) / H), h = |r| - R_eq (spherical Earth)."""

    rho0_kg_m3: float = 3.0e-12
    h0_m: float = 400e3
    scale_height_m: float = 60e3
    name: str = "exponential"

    def density(self, t_unix_s, r_m):
        r = np.asarray(r_m, dtype=float)
        h = np.linalg.norm(r, axis=-1) - R_EARTH_EQ_M
        return self.rho0_kg_m3 * np.exp(-(h - self.h0_m) / self.scale_height_m)

    def regimes(self, t_unix_s) -> np.ndarray:
        return np.full(np.shape(t_unix_s), "analytic", dtype=object)


def _datetime64(t_unix_s) -> np.ndarray:
    return (np.asarray(t_unix_s, dtype=float) * 1e6).astype("int64").astype("datetime64[us]")


@dataclass(frozen=True)
class _Repeated:
    """One time's NRLMSIS inputs repeated for ``n`` points (what :func:`_msis` reads)."""

    f107_sfu: np.ndarray
    f107a_sfu: np.ndarray
    ap: np.ndarray


def _msis(dates, lon, lat, alt_km, inputs, version: float = 2.1) -> np.ndarray:
    from pymsis import msis  # here, not at the top: 0.2 s of start-up the other models skip

    out = msis.calculate(
        dates,
        lon,
        lat,
        alt_km,
        f107s=inputs.f107_sfu,
        f107as=inputs.f107a_sfu,
        aps=inputs.ap,
        version=version,
    )
    return np.asarray(out[..., 0], dtype=float)  # total mass density, kg/m^3


@dataclass(frozen=True)
class MsisAtmosphere:
    """NRLMSIS (pymsis) evaluated point by point, space weather from our file.

    ``version`` 2.1 (default) is NRLMSIS 2.1; 0 is NRLMSISE-00, the model most
    other tools (Orekit, GMAT, STK) use, for like-for-like comparisons.
    """

    space_weather: object  # stationkeeper.environment.spaceweather.SpaceWeather
    solar: str = "nominal"
    version: float | int = 2.1

    @property
    def name(self) -> str:
        return _msis_name(self.version)

    def density(self, t_unix_s, r_m):
        r = np.asarray(r_m, dtype=float)
        if np.ndim(t_unix_s) == 0:  # points at one time (an orbit's samples): inputs once
            lat, lon, alt = geodetic_from_gcrs(float(t_unix_s), r.reshape(-1, 3))
            rho = self.density_at_one_time(float(t_unix_s), lat, lon, alt / 1e3)
            return rho.reshape(r.shape[:-1])
        t = np.broadcast_to(np.asarray(t_unix_s, dtype=float), r.shape[:-1]).ravel()
        lat, lon, alt = geodetic_from_gcrs(t, r.reshape(-1, 3))
        return self.density_geodetic(t, lat, lon, alt / 1e3).reshape(r.shape[:-1])

    def density_at_one_time(self, t_unix_s: float, lat_deg, lon_deg, alt_km) -> np.ndarray:
        """:meth:`density_geodetic` for points that share one time: the space weather is
        looked up once and repeated (the same inputs, so the same densities)."""
        n = np.shape(lat_deg)[0]
        when = _datetime64(np.array([t_unix_s]))
        one = self.space_weather.msis_inputs(when, self.solar)
        inputs = _Repeated(
            np.repeat(one.f107_sfu, n), np.repeat(one.f107a_sfu, n), np.repeat(one.ap, n, axis=0)
        )
        return _msis(np.repeat(when, n), lon_deg, lat_deg, alt_km, inputs, self.version)

    def density_geodetic(self, t_unix_s, lat_deg, lon_deg, alt_km):
        dates = _datetime64(t_unix_s)
        inputs = self.space_weather.msis_inputs(dates, self.solar)
        return _msis(dates, lon_deg, lat_deg, alt_km, inputs, self.version)

    def regimes(self, t_unix_s) -> np.ndarray:
        return np.asarray(self.space_weather.msis_inputs(_datetime64(t_unix_s), self.solar).regime)


class FastGeodeticAtmosphere:
    """A table atmosphere looked up with :func:`geodetic_from_gcrs_fast`.

    The Batch propagator of the reentry Monte Carlo looks the atmosphere up twice per step,
    so a step costs ~15 % less (benchmarks/README.md).
    """

    def __init__(self, atmosphere) -> None:
        self.atmosphere = atmosphere

    @property
    def name(self) -> str:
        return getattr(self.atmosphere, "name", "atmosphere")

    def density(self, t_unix_s, r_m):
        lat, lon, alt = geodetic_from_gcrs_fast(t_unix_s, r_m)
        t = np.broadcast_to(np.asarray(t_unix_s, dtype=float), lat.shape)
        return self.atmosphere.density_geodetic(t, lat, lon, alt / 1e3)


def distinct_slots(slots: np.ndarray) -> np.ndarray:
    """The distinct values of ``slots`` in order; at once when they are all one (the points
    of a batch step share their time, and ``np.unique`` would sort them all)."""
    if slots.size and bool(np.all(slots == slots[0])):
        return slots[:1]
    return np.unique(slots)


def _msis_name(version: float | int) -> str:
    return "nrlmsise-00" if version == 0 else f"nrlmsis{version:g}"


@dataclass
class MsisTableAtmosphere:
    """NRLMSIS tables on (altitude, latitude, local solar time), interpolated in time.

    One table every ``ut_step_h`` hours of UTC ("slot"): NRLMSIS evaluated at
    the slot's start with that day's space weather, on altitude nodes every
    ``alt_step_km`` covering the altitudes asked for (the band grows on
    demand), latitude every ``lat_step_deg`` and local solar time every
    ``lst_step_h`` (periodic).  A point's local solar time is UT + longitude/15 h,
    the definition NRLMSIS uses internally, so no solar ephemeris is needed.
    Interpolation is trilinear in log-density within a slot's table and linear
    in time between the two slots around the point (NRLMSIS also varies with
    UT at fixed local time: magnetic-pole and longitude terms, up to ~15 %).
    """

    space_weather: object
    solar: str = "nominal"
    alt_step_km: float = 10.0
    lat_step_deg: float = 15.0
    lst_step_h: float = 2.0
    ut_step_h: float = 3.0
    version: float | int = 2.1
    _tables: dict = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return _msis_name(self.version) + "-table"

    def _build(self, slot: int, k_lo: int, k_hi: int, sw_day: int) -> np.ndarray:
        alts = np.arange(k_lo, k_hi + 1) * self.alt_step_km
        lats = np.arange(-90.0, 90.0 + 1e-9, self.lat_step_deg)
        lsts = np.arange(0.0, 24.0, self.lst_step_h)
        A, L, S = np.meshgrid(alts, lats, lsts, indexing="ij")
        t_slot = slot * self.ut_step_h * 3600.0
        ut_h = (t_slot % SECONDS_PER_DAY) / 3600.0
        lon = ((S - ut_h) * 15.0 + 180.0) % 360.0 - 180.0
        when = _datetime64(t_slot)
        # the space weather of the day the point is in, also for the slot that closes it
        # at 24:00: NRLMSIS's daily inputs step at midnight, so blending must not
        inputs = self.space_weather.msis_inputs(
            np.atleast_1d(_datetime64(sw_day * SECONDS_PER_DAY + 0.5 * SECONDS_PER_DAY)), self.solar
        )
        n = A.size
        rep = _Repeated(
            np.repeat(inputs.f107_sfu, n),
            np.repeat(inputs.f107a_sfu, n),
            np.repeat(np.asarray(inputs.ap).reshape(1, 7), n, axis=0),
        )
        rho = _msis(np.full(n, when), lon.ravel(), L.ravel(), A.ravel(), rep, self.version)
        return np.log(np.maximum(rho, 1e-300)).reshape(A.shape)

    def _table(self, slot: int, k_lo: int, k_hi: int, sw_day: int):
        key = (slot, sw_day)
        entry = self._tables.get(key)
        if entry is None or k_lo < entry[0] or k_hi > entry[1]:
            if entry is not None:
                k_lo, k_hi = min(k_lo, entry[0]), max(k_hi, entry[1])
            entry = (k_lo, k_hi, self._build(slot, k_lo, k_hi, sw_day))
            self._tables[key] = entry
        return entry

    def density(self, t_unix_s, r_m):
        r = np.asarray(r_m, dtype=float)
        shape = r.shape[:-1]
        t = np.broadcast_to(np.asarray(t_unix_s, dtype=float), shape).ravel()
        lat, lon, alt = geodetic_from_gcrs(t, r.reshape(-1, 3))
        return self.density_geodetic(t, lat, lon, alt / 1e3).reshape(shape)

    def _interp_pair(self, e0, e1, alt, lat, lst, wt):
        """Log-density trilinear in each of the two slots' tables around the points, then
        linear in time (weight ``wt`` of the later one); the indices are computed once when
        both tables share their band (the usual case), and for points all at one time (a
        batch step) the two tables are blended first and looked up once (the same sums,
        regrouped: interpolation is linear in the table)."""
        idx = self._indices(e0, alt, lat, lst)
        same_band = e1[0] == e0[0] and e1[2].shape == e0[2].shape
        if same_band and wt.size and bool(np.all(wt == wt[0])):  # one time: blend the tables
            w = float(wt[0])
            return self._gather((1.0 - w) * e0[2] + w * e1[2], *idx)
        v0 = self._gather(e0[2], *idx)
        if not same_band:
            idx = self._indices(e1, alt, lat, lst)
        v1 = self._gather(e1[2], *idx)
        return (1.0 - wt) * v0 + wt * v1

    def _indices(self, entry, alt, lat, lst):
        k0, _, logrho = entry
        fa = alt / self.alt_step_km - k0
        ia = np.clip(np.floor(fa).astype(int), 0, logrho.shape[0] - 2)
        wa = fa - ia
        fl = (lat + 90.0) / self.lat_step_deg
        il = np.clip(np.floor(fl).astype(int), 0, logrho.shape[1] - 2)
        wl = fl - il
        fs = lst / self.lst_step_h
        ns = logrho.shape[2]
        is0 = np.floor(fs).astype(int) % ns
        is1 = (is0 + 1) % ns
        ws = fs - np.floor(fs)
        return ia, wa, il, wl, is0, is1, ws

    @staticmethod
    def _gather(logrho, ia, wa, il, wl, is0, is1, ws):
        # gathers on the flat table (much faster than 3-d fancy indexing for large N)
        nl, ns = logrho.shape[1], logrho.shape[2]
        flat = logrho.ravel()
        acc = 0.0
        for da, wa_ in ((0, 1.0 - wa), (1, wa)):
            for dl, wl_ in ((0, 1.0 - wl), (1, wl)):
                base = ((ia + da) * nl + (il + dl)) * ns
                acc = acc + wa_ * wl_ * (
                    (1.0 - ws) * np.take(flat, base + is0) + ws * np.take(flat, base + is1)
                )
        return acc

    def density_geodetic(self, t_unix_s, lat_deg, lon_deg, alt_km):
        t = np.atleast_1d(np.asarray(t_unix_s, dtype=float))
        lat = np.atleast_1d(lat_deg)
        lon = np.atleast_1d(lon_deg)
        alt = np.atleast_1d(alt_km)
        step_s = self.ut_step_h * 3600.0
        slots = np.floor(t / step_s).astype(np.int64)
        wt = t / step_s - slots
        ut_h = (t % SECONDS_PER_DAY) / 3600.0
        lst = np.mod(ut_h + lon / 15.0, 24.0)
        distinct = distinct_slots(slots)
        out = np.empty(t.shape)
        for slot in distinct:
            sel = slice(None) if distinct.size == 1 else slots == slot
            a = alt[sel]
            k_lo = int(math.floor(a.min() / self.alt_step_km)) - 1
            k_hi = int(math.ceil(a.max() / self.alt_step_km)) + 1
            day = int(slot * step_s // SECONDS_PER_DAY)
            e0 = self._table(int(slot), k_lo, k_hi, day)
            e1 = self._table(int(slot) + 1, k_lo, k_hi, day)
            out[sel] = np.exp(self._interp_pair(e0, e1, a, lat[sel], lst[sel], wt[sel]))
        return out

    def regimes(self, t_unix_s) -> np.ndarray:
        return np.asarray(self.space_weather.msis_inputs(_datetime64(t_unix_s), self.solar).regime)

    def _scalar_slot(self, slot: int, day: int, alt_km: float, lat: float, lst: float) -> float:
        step = self.alt_step_km
        entry = self._tables.get((slot, day))
        if entry is None or not ((entry[0] + 0.5) * step <= alt_km <= (entry[1] - 0.5) * step):
            k_lo = int(math.floor(alt_km / step)) - 2
            k_hi = int(math.ceil(alt_km / step)) + 2
            entry = self._table(slot, k_lo, k_hi, day)
        k0, _, logrho = entry
        fa = alt_km / step - k0
        ia = min(max(int(fa), 0), logrho.shape[0] - 2)
        wa = fa - ia
        fl = (lat + 90.0) / self.lat_step_deg
        il = min(max(int(fl), 0), logrho.shape[1] - 2)
        wl = fl - il
        fs = lst / self.lst_step_h
        ns = logrho.shape[2]
        is0 = int(fs)
        ws = fs - is0
        is0 %= ns
        is1 = (is0 + 1) % ns
        acc = 0.0
        for da, wa_ in ((0, 1.0 - wa), (1, wa)):
            row_a = logrho[ia + da]
            for dl, wl_ in ((0, 1.0 - wl), (1, wl)):
                cell = row_a[il + dl]
                acc += wa_ * wl_ * ((1.0 - ws) * float(cell[is0]) + ws * float(cell[is1]))
        return acc

    def density_scalar(self, t_unix_s: float, x: float, y: float, z: float) -> float:
        """The same interpolation as :meth:`density` for one point, in plain Python floats.

        This is the Cowell right-hand side's hot path (about a million calls
        for a 90-day run), so it avoids numpy's per-call overhead.
        """
        lat, lon, alt = geodetic_scalar(t_unix_s, x, y, z)
        f = t_unix_s / (self.ut_step_h * 3600.0)
        slot = int(f // 1.0)
        wt = f - slot
        lst = ((t_unix_s % SECONDS_PER_DAY) / 3600.0 + lon / 15.0) % 24.0
        day = int(t_unix_s // SECONDS_PER_DAY)
        v0 = self._scalar_slot(slot, day, alt / 1e3, lat, lst)
        v1 = self._scalar_slot(slot + 1, day, alt / 1e3, lat, lst)
        return math.exp((1.0 - wt) * v0 + wt * v1)
