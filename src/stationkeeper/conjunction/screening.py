"""Conjunction screening: one station against a whole catalogue.

Stages (each counted in :class:`ScreenStats`):

1. **Apogee/perigee filter** -- an object whose radius band ``[perigee, apogee]``
   (SGP4 mean elements) stays further than ``report_km + pad_km`` from the
   station's can never come within ``report_km`` of it.
2. **Orbit-path filter** -- an object can only come close where it crosses the
   station's orbital plane, and the station must then be near the same line of
   nodes. With both objects' SGP4 mean elements every ``path_epoch_s`` (6 h),
   the windows of argument of latitude in which each is within reach of the
   other's plane are worked out around the two mutual nodes (widened by how the
   nodes move until the next epoch), and the radii the two can have in those
   windows must come within reach. Margins cover the SGP4 short-period terms
   (measured: up to ~11 km in radius for near-circular orbits, more for
   eccentric ones, scaled with ``a e``).
3. **Coarse grid** -- the survivors, in chunks, through ``sgp4.api.SatrecArray``
   every ``step_s`` (300 s) over the span. A local minimum of range lies where the
   range rate ``Δr·Δv`` changes sign from - to +; a cubic Hermite fit of the
   relative motion through the bracket (positions and velocities at both ends)
   estimates that minimum, and brackets whose estimate is within
   ``report_km + gate_km`` go on.
4. **Fine search** -- Brent's method on the exact SGP4 range rate inside each
   bracket, to 1 µs: the time of closest approach (TCA), miss distance, its
   radial / in-track / cross-track components in the station's RIC frame, and
   the relative speed. Events closer than ``report_km`` are kept.

Stages 3-4 run per chunk of the catalogue (:func:`screen_chunk`, picklable
inputs), locally in-process, in local worker processes, or as Dask tasks on a
cluster (``scheduler="tcp://..."``).

Frames: SGP4's TEME throughout (a quasi-inertial frame; distances, relative
speeds and the RIC decomposition do not depend on the choice of inertial
frame). Times: float seconds since the screen's start, UTC.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np
from scipy.optimize import brentq
from sgp4.api import SatrecArray

from stationkeeper.conjunction.catalog import Payload, satrec_from_payload
from stationkeeper.errors import InputError
from stationkeeper.orbit.trajectory import epoch_after
from stationkeeper.parallel import Progress, run_tasks

_DAY_S = 86400.0
_UNIX_JD = 2440587.5


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class ScreeningVolume:
    """The ISS "pizza box" around the station, in its RIC frame (half-sizes, km).

    Default: ±0.5 km radial, ±25 km along-track and cross-track (NASA,
    *International Space Station*, "A day in the life: debris avoidance",
    iss_facts §5). Another published figure is 4 x 50 x 50 km, i.e. ±2 km
    radial (space.com 2023): ``ScreeningVolume(radial_km=2.0)``.
    """

    radial_km: float = 0.5
    along_km: float = 25.0
    cross_km: float = 25.0

    def contains(self, radial_km, in_track_km, cross_track_km):
        return (
            (np.abs(radial_km) <= self.radial_km)
            & (np.abs(in_track_km) <= self.along_km)
            & (np.abs(cross_track_km) <= self.cross_km)
        )


@dataclass(frozen=True)
class ScreenSettings:
    """Tuning of the screen (defaults are the validated ones)."""

    report_km: float = 25.0
    """List every TCA closer than this (the box's along/cross half-size)."""
    pad_km: float = 30.0
    """Apogee/perigee filter margin beyond ``report_km`` (SGP4 short-period terms, decay)."""
    path_epoch_s: float = 6 * 3600.0
    """Spacing of the mean-element epochs of the orbit-path filter."""
    step_s: float = 300.0
    """Coarse grid step (s)."""
    gate_km: float = 5.0
    """Margin on the coarse-grid (Hermite) estimate of each minimum."""
    chunk_size: int = 400
    """Objects per task."""
    tca_tol_s: float = 1e-6
    """Brent tolerance on the TCA (s)."""
    use_path_filter: bool = True


@dataclass
class ScreenStats:
    """Counts and timings of each stage."""

    catalog_objects: int = 0
    screened_objects: int = 0
    """Catalogue minus the station itself."""
    after_apogee_perigee: int = 0
    after_orbit_path: int = 0
    coarse_propagations: int = 0
    brackets: int = 0
    """Local minima of range found on the coarse grid."""
    refined: int = 0
    """Brackets whose estimated minimum passed the gate and were refined."""
    fine_propagations: int = 0
    events: int = 0
    chunks: int = 0
    timings_s: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------- time helpers


def jd_parts(t: datetime) -> tuple[float, float]:
    """(whole, fraction) Julian date of a UTC datetime, as SGP4 wants it."""
    t = t.astimezone(UTC)
    unix = (t - datetime(1970, 1, 1, tzinfo=UTC)) / timedelta(seconds=1)
    days = unix / _DAY_S
    whole = math.floor(days) + _UNIX_JD
    return whole, days - math.floor(days)


# --------------------------------------------------------------------------- filters


def _perigee_apogee_km(sat) -> tuple[float, float]:
    a = sat.a * sat.radiusearthkm
    return a * (1.0 - sat.ecco), a * (1.0 + sat.ecco)


def apogee_perigee_filter(station, sats: Sequence, margin_km: float) -> np.ndarray:
    """Objects whose radius band comes within ``margin_km`` of the station's."""
    sp, sa = _perigee_apogee_km(station)
    a = np.array([s.a * s.radiusearthkm for s in sats])
    e = np.array([s.ecco for s in sats])
    return (a * (1.0 - e) <= sa + margin_km) & (a * (1.0 + e) >= sp - margin_km)


def _mean_elements(sat, jd: float, fr: np.ndarray) -> np.ndarray:
    """SGP4 mean elements (a km, e, i, node, argp) at each time; NaN where SGP4 fails."""
    out = np.full((fr.size, 5), np.nan)
    for k, f in enumerate(fr):
        err, _, _ = sat.sgp4(jd, f)
        if err == 0:
            out[k] = (sat.am * sat.radiusearthkm, sat.em, sat.im, sat.Om, sat.om)
    return out


def _orbit_axes(inc, node, argp):
    """Unit normal h, perigee direction p and q = h x p (arrays (..., 3))."""
    si, ci = np.sin(inc), np.cos(inc)
    sn, cn = np.sin(node), np.cos(node)
    sw, cw = np.sin(argp), np.cos(argp)
    h = np.stack([si * sn, -si * cn, ci], axis=-1)
    p = np.stack([cn * cw - sn * sw * ci, sn * cw + cn * sw * ci, sw * si], axis=-1)
    q = np.cross(h, p)
    return h, p, q


def _wrap(x):
    return (x + np.pi) % (2.0 * np.pi) - np.pi


def _radius_range(a, e, centre, half_width):
    """Smallest and largest radius of a Kepler ellipse over true anomalies centre ± half_width."""
    d0 = np.abs(_wrap(centre))
    lo_nu = np.maximum(0.0, d0 - half_width)
    hi_nu = np.minimum(np.pi, d0 + half_width)
    p = a * (1.0 - e * e)
    return p / (1.0 + e * np.cos(lo_nu)), p / (1.0 + e * np.cos(hi_nu))


def orbit_path_filter(
    station,
    sats: Sequence,
    jd: float,
    fr0: float,
    span_s: float,
    reach_km: float,
    epoch_s: float = 6 * 3600.0,
) -> np.ndarray:
    """Objects whose orbit path can come within ``reach_km`` of the station's during the span.

    Conservative (keeps an object whenever in doubt: SGP4 failures, nearly
    coplanar orbits, fast-moving nodes).
    """
    n_ep = max(2, int(math.ceil(span_s / epoch_s)) + 1)
    fr = fr0 + np.linspace(0.0, span_s, n_ep) / _DAY_S
    keep = np.zeros(len(sats), dtype=bool)
    if not len(sats):
        return keep
    st = _mean_elements(station, jd, fr)  # (E, 5)
    ob = np.stack([_mean_elements(s, jd, fr) for s in sats])  # (N, E, 5)
    # angles continuous in time
    st[:, 3] = np.unwrap(st[:, 3])
    st[:, 4] = np.unwrap(st[:, 4])
    ob[:, :, 3] = np.unwrap(ob[:, :, 3], axis=1)
    ob[:, :, 4] = np.unwrap(ob[:, :, 4], axis=1)

    a_o, e_o = ob[..., 0], ob[..., 1]
    h_o, p_o, q_o = _orbit_axes(ob[..., 2], ob[..., 3], ob[..., 4])  # (N, E, 3)
    a_s, e_s = st[:, 0], st[:, 1]
    h_s, p_s, q_s = _orbit_axes(st[:, 2], st[:, 3], st[:, 4])  # (E, 3)

    k = np.cross(h_s[None], h_o)  # mutual line of nodes
    s = np.linalg.norm(k, axis=-1)  # sin of the relative inclination
    with np.errstate(invalid="ignore", divide="ignore"):
        n1 = k / s[..., None]
        nu_o = np.arctan2(np.sum(n1 * q_o, -1), np.sum(n1 * p_o, -1))  # (N, E)
        nu_s = np.arctan2(np.sum(n1 * q_s[None], -1), np.sum(n1 * p_s[None], -1))

    # margins for SGP4 short-period terms (radial / out-of-plane), km
    ecc0 = np.nan_to_num(e_o[:, 0], nan=1.0)
    a0 = np.nan_to_num(a_o[:, 0], nan=1e5)
    rad_margin_o = np.where(ecc0 < 0.1, 12.0, 12.0 + 0.005 * a0 * ecc0)[:, None]
    nrm_margin_o = np.where(ecc0 < 0.1, 3.0, 15.0)[:, None]
    rad_margin_s, nrm_margin_s = 12.0, 3.0

    def pair(x):
        return x[..., :-1], x[..., 1:]

    s0, s1 = pair(s)
    s_min = np.minimum(s0, s1)
    with np.errstate(invalid="ignore"):
        rp_o = np.nan_to_num(np.nanmin(np.where(np.isnan(a_o), np.inf, a_o * (1 - e_o)), axis=1))
    rp_o = np.where(np.isfinite(rp_o), rp_o, 6378.0)[:, None]
    rp_s = float(np.nanmin(a_s * (1 - e_s)))
    with np.errstate(invalid="ignore", divide="ignore"):
        delta_o = np.arcsin(np.clip((reach_km + nrm_margin_s) / (rp_o * s_min), 0.0, 1.0))
        delta_s = np.arcsin(np.clip((reach_km + nrm_margin_o) / (rp_s * s_min), 0.0, 1.0))
    ok_any = np.zeros(s_min.shape, dtype=bool)
    for shift in (0.0, np.pi):  # the two mutual nodes
        parts = []
        for nu, a, e, delta in ((nu_o, a_o, e_o, delta_o), (nu_s, a_s, e_s, delta_s)):
            nu_a, nu_b = pair(nu + shift)
            dnu = _wrap(nu_b - nu_a)
            centre = nu_a + 0.5 * dnu
            hw = 0.5 * np.abs(dnu) + delta
            a_a, a_b = pair(np.broadcast_to(a, nu.shape))
            e_a, e_b = pair(np.broadcast_to(e, nu.shape))
            lo_a, hi_a = _radius_range(a_a, e_a, centre, hw)
            lo_b, hi_b = _radius_range(a_b, e_b, centre, hw)
            parts.append((np.minimum(lo_a, lo_b), np.maximum(hi_a, hi_b), np.abs(dnu)))
        (lo_o, hi_o, dn_o), (lo_s, hi_s, dn_s) = parts
        gap = np.maximum(np.maximum(lo_o - hi_s, lo_s - hi_o), 0.0)
        reach = reach_km + rad_margin_o + rad_margin_s
        ok_any |= gap <= reach
        ok_any |= (dn_o > 0.5) | (dn_s > 0.5)  # node moving fast: cannot bound it, keep
    ok_any |= ~np.isfinite(s_min) | (s_min * rp_s < 2.0 * (reach_km + 15.0))  # ~coplanar
    ok_any |= np.isnan(ob[..., 0]).any(axis=1)[:, None]
    keep = ok_any.any(axis=1)
    return keep


# --------------------------------------------------------------------------- coarse grid


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
        f = fr0 + t / _DAY_S
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
    f = fr0 + tca / _DAY_S
    rs, vs = _sgp4_state(station, jd, f)
    ro, vo = _sgp4_state(obj, jd, f)
    if rs is None or ro is None:
        return None
    return tca, rs, vs, ro, vo, calls[0] + 1


def event_record(
    norad: int, name: str, tca_s: float, rs, vs, ro, vo, object_epoch_jd: float | None = None
) -> dict:
    """The numbers of one conjunction (km, km/s, TEME; RIC of the station)."""
    from stationkeeper.earth.frames import ric_basis

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
    fr_arr = fr0 + t / _DAY_S
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


def _unique_events(events: list[dict], tol_s: float = 1.0) -> list[dict]:
    """Sorted by TCA, with repeats removed: two coarse-grid brackets of one object can refine
    to the same minimum (a shallow range-rate wiggle near the TCA); keep one per object per
    ``tol_s``."""
    out: list[dict] = []
    last: dict[int, float] = {}
    for e in sorted(events, key=lambda e: (e["tca_s"], e["norad_id"])):
        prev = last.get(e["norad_id"])
        if prev is not None and abs(e["tca_s"] - prev) < tol_s:
            continue
        last[e["norad_id"]] = e["tca_s"]
        out.append(e)
    return out


# --------------------------------------------------------------------------- running chunks


# --------------------------------------------------------------------------- the screen


@dataclass
class ScreenResult:
    """Events (one dict per TCA, sorted by TCA) and the stage counts."""

    start_utc: datetime
    span_s: float
    events: list[dict]
    stats: ScreenStats
    volume: ScreeningVolume
    settings: ScreenSettings


def screen_catalog(
    station_payload: Payload,
    payloads: Sequence[Payload],
    names: Sequence[str],
    start_utc: datetime,
    span_s: float,
    *,
    volume: ScreeningVolume | None = None,
    settings: ScreenSettings | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> ScreenResult:
    """Screen the station against every catalogue object over ``span_s`` from ``start_utc``.

    ``payloads``/``names``: the catalogue (see :mod:`stationkeeper.conjunction.catalog`),
    the station itself excluded by the caller. ``scheduler``: None or "local"
    (local worker processes when there are several cores), "synchronous"
    (in-process), "processes", or the address of a Dask scheduler.
    """
    volume = volume or ScreeningVolume()
    settings = settings or ScreenSettings()
    if not (math.isfinite(span_s) and span_s > 0):
        raise InputError(f"span of {span_s} s", field="--days", allowed="> 0")
    if not payloads:
        raise InputError("no object to screen", field="catalogue", allowed="at least one object")
    timings: dict[str, float] = {}
    stats = ScreenStats(catalog_objects=len(payloads), screened_objects=len(payloads))
    jd, fr0 = jd_parts(start_utc)

    t0 = time.perf_counter()
    station = satrec_from_payload(station_payload)
    sats = [satrec_from_payload(p) for p in payloads]
    timings["build_satrecs"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    keep = apogee_perigee_filter(station, sats, settings.report_km + settings.pad_km)
    stats.after_apogee_perigee = int(keep.sum())
    timings["apogee_perigee_filter"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    idx = np.nonzero(keep)[0]
    if settings.use_path_filter and idx.size:
        path_keep = orbit_path_filter(
            station,
            [sats[i] for i in idx],
            jd,
            fr0,
            span_s,
            settings.report_km,
            settings.path_epoch_s,
        )
        idx = idx[path_keep]
    stats.after_orbit_path = int(idx.size)
    timings["orbit_path_filter"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    size = max(1, settings.chunk_size)
    tasks = [
        (
            station_payload,
            [payloads[i] for i in idx[k : k + size]],
            [names[i] for i in idx[k : k + size]],
            jd,
            fr0,
            span_s,
            settings,
        )
        for k in range(0, idx.size, size)
    ]
    stats.chunks = len(tasks)
    results = run_tasks(screen_chunk, tasks, scheduler, progress)
    timings["propagate_and_refine"] = time.perf_counter() - t0

    events = _unique_events([e for r in results for e in r.events])
    for e in events:
        e["tca_utc"] = epoch_after(start_utc, e["tca_s"])
        e["in_box"] = bool(volume.contains(e["radial_km"], e["in_track_km"], e["cross_track_km"]))
    stats.coarse_propagations = sum(r.coarse_propagations for r in results)
    stats.brackets = sum(r.brackets for r in results)
    stats.refined = sum(r.refined for r in results)
    stats.fine_propagations = sum(r.fine_propagations for r in results)
    stats.events = len(events)
    stats.timings_s = timings
    return ScreenResult(start_utc, span_s, events, stats, volume, settings)
