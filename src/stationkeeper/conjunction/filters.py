"""Cheap filters before propagation: which catalogue objects can come near the station at all.

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

Both are conservative: an object is kept whenever in doubt.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from stationkeeper.constants import SECONDS_PER_DAY


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
    fr = fr0 + np.linspace(0.0, span_s, n_ep) / SECONDS_PER_DAY
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
