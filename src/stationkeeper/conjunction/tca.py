"""Coarse grid and fine search of the times of closest approach (TCA), one chunk at a time.

3. **Coarse grid** -- a chunk of objects through ``sgp4.api.SatrecArray`` every
   ``step_s`` (300 s) over the span. A local minimum of range lies where the
   range rate ``Δr·Δv`` changes sign from - to +; a cubic Hermite fit of the
   relative motion through the bracket (positions and velocities at both ends)
   estimates that minimum, and brackets whose estimate is within
   ``report_km + gate_km`` go on.
4. **Fine search** -- Brent's method on the exact SGP4 range rate inside each
   bracket, to 1 µs: the TCA, miss distance, its radial / in-track / cross-track
   components in the station's RIC frame, and the relative speed. Events closer
   than ``report_km`` are kept.

:func:`screen_chunk` takes picklable inputs only, so that a chunk can run in
another process or as a Dask task. Times: SGP4's split Julian date (``jd``,
``fr0``) of the screen's start and float seconds since it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
from scipy.optimize import brentq
from sgp4.api import SatrecArray

from stationkeeper.conjunction.catalog import Payload, satrec_from_payload
from stationkeeper.conjunction.screen_settings import ScreenSettings
from stationkeeper.constants import JD_UNIX_EPOCH, SECONDS_PER_DAY
from stationkeeper.earth.frames import ric_basis
from stationkeeper.errors import InputError


def jd_parts(t: datetime) -> tuple[float, float]:
    """(whole, fraction) Julian date of a UTC datetime, as SGP4 wants it."""
    t = t.astimezone(UTC)
    unix = (t - datetime(1970, 1, 1, tzinfo=UTC)) / timedelta(seconds=1)
    days = unix / SECONDS_PER_DAY
    whole = math.floor(days) + JD_UNIX_EPOCH
    return whole, days - math.floor(days)


def _hermite_minimum(p0, v0, p1, v1, h, iterations: int = 40):
    """Minimum of |p(t)| of the cubic Hermite through (p0, v0) and (p1, v1) on [0, h].

    Vectorised over the first axis; assumes d|p|²/dt < 0 at 0 and >= 0 at h
    (a range-rate bracket), so bisection on d|p|²/ds finds the minimum.
    Returns (s in [0, 1], distance).
    """
    hv0, hv1 = h * v0, h * v1
    c = (p0, hv0, -3 * p0 - 2 * hv0 + 3 * p1 - hv1, 2 * p0 + hv0 - 2 * p1 + hv1)
    # |p(s)|² = sum_k d[k] s^k (degree 6); its derivative's coefficients g[k] = (k+1) d[k+1]
    d = [np.zeros(p0.shape[0]) for _ in range(7)]
    for i in range(4):
        for j in range(4):
            d[i + j] = d[i + j] + np.einsum("nj,nj->n", c[i], c[j])
    g = [(k + 1) * d[k + 1] for k in range(6)]

    def horner(coef, x):
        acc = coef[-1]
        for cf in coef[-2::-1]:
            acc = acc * x + cf
        return acc

    lo = np.zeros(p0.shape[0])
    hi = np.ones(p0.shape[0])
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        neg = horner(g, mid) < 0
        lo = np.where(neg, mid, lo)
        hi = np.where(neg, hi, mid)
    s = 0.5 * (lo + hi)
    return s, np.sqrt(np.maximum(horner(d, s), 0.0))


@dataclass
class ChunkResult:
    """What one chunk found: its events and how many SGP4 evaluations each stage made."""

    events: list[dict]
    coarse_propagations: int
    brackets: int
    refined: int
    fine_propagations: int


def _sgp4_state(sat, jd: float, fr: float):
    err, r, v = sat.sgp4(jd, fr)
    if err:
        return None, None
    return np.array(r), np.array(v)


def refine_tca(station, obj, jd: float, fr0: float, t_lo: float, t_hi: float, tol_s: float):
    """The time of closest approach in [t_lo, t_hi] (s since start), to ``tol_s``.

    First Brent's method on the range rate ``Δr·Δv`` from SGP4's positions and
    velocities; then a polish on positions alone, because SGP4's velocity is not
    exactly the time derivative of its position (about 1 m/s apart), which moves
    the zero of ``Δr·Δv`` by up to a few ms in slow encounters: Brent again on a
    central difference (±1 ms) of the squared range, in a small bracket.
    Returns (tca_s, r_station, v_station, r_object, v_object, sgp4 calls per object)
    or None where SGP4 fails.
    """
    calls = [0]

    def rel(t):
        calls[0] += 1
        f = fr0 + t / SECONDS_PER_DAY
        rs, vs = _sgp4_state(station, jd, f)
        ro, vo = _sgp4_state(obj, jd, f)
        if rs is None or ro is None:
            raise ValueError("sgp4 failed")
        return ro - rs, vo - vs

    def rdot(t):
        dr, dv = rel(t)
        return float(np.dot(dr, dv))

    def d2_slope(t, h=1e-3):
        a, _ = rel(t + h)
        b, _ = rel(t - h)
        return float((np.dot(a, a) - np.dot(b, b)) / (2.0 * h))

    eps = 4 * np.finfo(float).eps
    try:
        f_lo, f_hi = rdot(t_lo), rdot(t_hi)
        if f_lo >= 0:
            tca = t_lo
        elif f_hi <= 0:
            tca = t_hi
        else:
            tca = brentq(rdot, t_lo, t_hi, xtol=tol_s, rtol=eps, maxiter=200)
        for w in (0.02, 0.2, 2.0):
            a, b = max(t_lo, tca - w), min(t_hi, tca + w)
            if b - a > 4e-3 and d2_slope(a) < 0 < d2_slope(b):
                tca = brentq(d2_slope, a, b, xtol=tol_s, rtol=eps, maxiter=200)
                break
    except ValueError:
        return None
    f = fr0 + tca / SECONDS_PER_DAY
    rs, vs = _sgp4_state(station, jd, f)
    ro, vo = _sgp4_state(obj, jd, f)
    if rs is None or ro is None:
        return None
    return tca, rs, vs, ro, vo, calls[0] + 1


def event_record(
    norad: int, name: str, tca_s: float, rs, vs, ro, vo, object_epoch_jd: float | None = None
) -> dict:
    """The numbers of one conjunction (km, km/s, TEME; RIC of the station)."""
    dr = ro - rs
    dv = vo - vs
    ric = ric_basis(rs, vs) @ dr
    return {
        "norad_id": int(norad),
        "name": name,
        "tca_s": float(tca_s),
        "miss_km": float(np.linalg.norm(dr)),
        "radial_km": float(ric[0]),
        "in_track_km": float(ric[1]),
        "cross_track_km": float(ric[2]),
        "relative_speed_km_s": float(np.linalg.norm(dv)),
        "r_station_km": rs.tolist(),
        "v_station_km_s": vs.tolist(),
        "r_object_km": ro.tolist(),
        "v_object_km_s": vo.tolist(),
        "object_epoch_jd": object_epoch_jd,
    }


def screen_chunk(
    station_payload: Payload,
    payloads: Sequence[Payload],
    names: Sequence[str],
    jd: float,
    fr0: float,
    span_s: float,
    settings: ScreenSettings,
) -> ChunkResult:
    """Coarse grid and fine TCA search of one chunk of objects against the station.

    Every input is picklable: this is what a Dask task runs.
    """
    station = satrec_from_payload(station_payload)
    sats = [satrec_from_payload(p) for p in payloads]
    n_steps = max(1, int(math.ceil(span_s / settings.step_s)))
    t = np.linspace(0.0, span_s, n_steps + 1)
    jd_arr = np.full(t.size, jd)
    fr_arr = fr0 + t / SECONDS_PER_DAY
    es, rs, vs = station.sgp4_array(jd_arr, fr_arr)
    if np.any(es):
        raise InputError(
            f"SGP4 fails for the station during the span (error code {int(es[es != 0][0])})",
            field="station TLE",
            allowed="a station element set valid over the whole span",
        )
    err, r, v = SatrecArray(sats).sgp4(jd_arr, fr_arr)
    dr = r - rs[None]
    dv = v - vs[None]
    rdot = np.einsum("nkj,nkj->nk", dr, dv)
    rdot[err != 0] = np.nan
    with np.errstate(invalid="ignore"):
        bracket = (rdot[:, :-1] < 0) & (rdot[:, 1:] >= 0)
    obj_idx, k_idx = np.nonzero(bracket)
    n_brackets = int(obj_idx.size)
    events: list[dict] = []
    refined = 0
    fine_calls = 0
    if n_brackets:
        h_arr = (t[k_idx + 1] - t[k_idx])[:, None]
        _, d_est = _hermite_minimum(
            dr[obj_idx, k_idx],
            dv[obj_idx, k_idx],
            dr[obj_idx, k_idx + 1],
            dv[obj_idx, k_idx + 1],
            h_arr,
        )
        gate = d_est <= settings.report_km + settings.gate_km
        for j in np.nonzero(gate)[0]:
            i, k = int(obj_idx[j]), int(k_idx[j])
            refined += 1
            res = refine_tca(station, sats[i], jd, fr0, t[k], t[k + 1], settings.tca_tol_s)
            if res is None:
                continue
            tca, r_s, v_s, r_o, v_o, calls = res
            fine_calls += 2 * calls
            if np.linalg.norm(r_o - r_s) <= settings.report_km:
                epoch = sats[i].jdsatepoch + sats[i].jdsatepochF
                events.append(
                    event_record(sats[i].satnum, names[i], tca, r_s, v_s, r_o, v_o, epoch)
                )
    return ChunkResult(events, len(sats) * t.size, n_brackets, refined, fine_calls)
