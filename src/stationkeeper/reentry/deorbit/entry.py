"""The deorbit's entry: final orbit to breakup, the impact point and the debris footprint.

The final orbit is propagated with drag (Batch propagator, NRLMSIS table) to each release
altitude of the debris (arrays ~100 km, the modules' pieces at breakup,
:data:`~stationkeeper.constants.BREAKUP_ALTITUDE_M`), for nominal and +-30 % density; the
fragments of each release (:data:`~stationkeeper.reentry.footprint.DEBRIS_SPREAD`, 1 to
3,000 kg/m^2, an assumption) then fall to the ground
(:mod:`stationkeeper.reentry.footprint`). The footprint is every landing point, ordered
along the track; its length is compared with the published "up to 300 x 5,370 km" (NASA per
NRC 2000) and "<= 6,000 km" (Aerospace Corp. 2012; iss_facts s6). The line of apsides is set
by the first perigee-lowering burn, so the final apogee is placed such that the footprint's
middle lies on the target, on the pass (northbound or southbound) whose footprint crosses
less land.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np

from stationkeeper.constants import BREAKUP_ALTITUDE_M, R_EARTH_EQ_M, SECONDS_PER_DAY
from stationkeeper.earth.geodetic import geodetic_from_gcrs
from stationkeeper.environment.atmosphere_factory import make_atmosphere
from stationkeeper.errors import InputError
from stationkeeper.orbit.batch import propagate_batch
from stationkeeper.orbit.state import elements_to_rv
from stationkeeper.reentry.footprint import (
    DEBRIS_SPREAD,
    DEBRIS_SPREAD_SOURCE,
    exposure,
    fall_many,
    great_circle_km,
    ground_heading_deg,
    landing_points,
    points_along,
)

DEFAULT_EPOCH = datetime(2031, 1, 15, tzinfo=UTC)  # "final burn early 2031" (Ars via AIAA 2024)
#: The final orbit must reach breakup within this many days of the final burn.
FINAL_SEGMENT_DAYS = 3
#: Published debris-footprint lengths, km: "up to 300 x 5,370 km" (NASA per NRC 2000) and
#: "<= 6,000 km long" (Aerospace Corp. 2012 quick look); iss_facts s6.
PUBLISHED_FOOTPRINT_KM = (5370.0, 6000.0)


def _final_segment(t0_unix, ra, rp, inc, raans, u_apogees, bc, atm, scales, stop_m=None):
    """From the final burn (at apogee, argument of latitude ``u_apogees[j]``, node
    ``raans[j]``) to breakup (or to ``stop_m``, m), every orbit ``j`` for every density scale
    in one batch: GCRS states at the burn (J, 3) and the result, sample ``j * len(scales) +
    k`` for orbit ``j`` at ``scales[k]``."""
    a = 0.5 * (ra + rp)
    e = (ra - rp) / (ra + rp)
    rv = [
        elements_to_rv(a, e, inc, om, u - math.pi, math.pi)
        for om, u in zip(raans, u_apogees, strict=True)
    ]
    r = np.array([x[0] for x in rv])
    v = np.array([x[1] for x in rv])
    n = len(scales)
    res = propagate_batch(
        datetime.fromtimestamp(t0_unix, UTC),
        np.repeat(r, n, 0),
        np.repeat(v, n, 0),
        np.full(n * len(rv), 1.0 / bc),
        atm,
        FINAL_SEGMENT_DAYS * SECONDS_PER_DAY,
        density_scale=np.tile(np.asarray(scales, dtype=float), len(rv)),
        step_s=10.0,
        stop_altitude_m=BREAKUP_ALTITUDE_M if stop_m is None else stop_m,
    )
    if not res.reentered.all():
        raise InputError(
            f"the final orbit does not re-enter within {FINAL_SEGMENT_DAYS} days",
            field="--final-perigee-km",
            allowed="a lower final perigee",
        )
    return r, v, res


def _falls(t0, releases):
    """Fragments of every release fallen to the ground in one integration: ``releases`` is
    ``[(result, sample index, BCs)]``; returns ``[(release unix s, fall dict)]``."""
    n = [len(b) for _, _, b in releases]
    r = np.concatenate(
        [
            np.repeat(res.final_r_m[k][None], m, 0)
            for (res, k, _), m in zip(releases, n, strict=True)
        ]
    )
    v = np.concatenate(
        [
            np.repeat(res.final_v_m_s[k][None], m, 0)
            for (res, k, _), m in zip(releases, n, strict=True)
        ]
    )
    bc = np.concatenate([np.asarray(b, dtype=float) for _, _, b in releases])
    t_s, t_fix, r_fix = fall_many(r, v, bc)
    out, lo = [], 0
    for (res, k, b), m in zip(releases, n, strict=True):
        tb = t0 + res.reentry_s[k]
        sl = slice(lo, lo + m)
        out.append((tb, landing_points(tb, res.final_r_m[k], b, t_s[sl], t_fix[sl], r_fix[sl])))
        lo += m
    return out


class _Pass:
    """One pass's samples ``lo .. lo + n`` of a batch result."""

    def __init__(self, res, lo: int, n: int):
        sl = slice(lo, lo + n)
        self.reentry_s = res.reentry_s[sl]
        self.final_r_m = res.final_r_m[sl]
        self.final_v_m_s = res.final_v_m_s[sl]


def _impact(fall: dict) -> tuple[float, float]:
    """The impact point: where the median-downrange fragment lands (deg)."""
    i_mid = np.argsort(fall["downrange_km"])[len(fall["downrange_km"]) // 2]
    return float(fall["lat_deg"][i_mid]), float(fall["lon_deg"][i_mid])


def _along_track_order(t_b, r_b, v_b, lat, lon):
    """Indices ordering points along the track: by distance from a point 3,000 km uprange of
    the breakup state (``t_b`` unix s, GCRS ``r_b``, ``v_b``)."""
    la, lo, _ = geodetic_from_gcrs(t_b, np.asarray(r_b)[None])
    head = float(ground_heading_deg(t_b, r_b, v_b)[0])
    ref_lat, ref_lon = points_along(la, lo, [head + 180.0], [3000.0])
    return np.argsort(great_circle_km(ref_lat[0, 0], ref_lon[0, 0], lat, lon))


def predict_entry(
    start_altitude_km: float,
    final_perigee_km: float,
    target: tuple[float, float],
    *,
    inclination_deg: float,
    bc_kg_m2: float,
    epoch_utc: datetime = DEFAULT_EPOCH,
    density_scales=(0.7, 1.0, 1.3),
    fragment_bc_kg_m2=None,
    early_releases: dict | None = None,
) -> dict:
    """Breakup point, impact point and debris footprint of the final orbit, aimed at ``target``.

    Parameters
    ----------
    start_altitude_km : float
        Apogee altitude of the final orbit (the circular orbit the burns started from), km.
    final_perigee_km : float
        Perigee altitude after the final burn, km.
    target : (lat_deg, lon_deg)
        Where the footprint's middle (the nominal median-BC fragment) should land, deg.
    inclination_deg : float
        Orbit inclination, deg.
    bc_kg_m2 : float
        Ballistic coefficient m/(Cd A) of the stack after the final burn, kg/m^2.
    epoch_utc : datetime
        Time of the final burn.
    density_scales : sequence of float
        Density factors run for the spread of breakup and footprint (1.0 is added if absent).
    fragment_bc_kg_m2 : array, optional
        Ballistic coefficients of the fragments released at breakup, kg/m^2 (default: the
        80-km set of ``DEBRIS_SPREAD``).
    early_releases : dict, optional
        ``{altitude m: BCs}`` of fragments released above breakup (default: the rest of
        ``DEBRIS_SPREAD``; ``{}``: none).

    Returns
    -------
    dict
        The chosen pass: final-burn, breakup and impact points (deg), miss (km), times (s),
        footprint polyline (deg), its land share and countries, the ground track (deg).
    """
    frag_bc = (
        DEBRIS_SPREAD[BREAKUP_ALTITUDE_M]
        if fragment_bc_kg_m2 is None
        else np.asarray(fragment_bc_kg_m2)
    )
    if early_releases is None:
        early_releases = {a: b for a, b in DEBRIS_SPREAD.items() if a > BREAKUP_ALTITUDE_M}
    frag_bc = np.sort(frag_bc)
    frag_mid = frag_bc[len(frag_bc) // 2 : len(frag_bc) // 2 + 1]  # the impact point's fragment
    atm = make_atmosphere("nrlmsis", "nominal", table=True)
    ra = R_EARTH_EQ_M + start_altitude_km * 1e3
    rp = R_EARTH_EQ_M + final_perigee_km * 1e3
    inc = math.radians(inclination_deg)
    t0 = epoch_utc.timestamp()
    lat_t, lon_t = target

    def arg_of_latitude(lat_deg: float, direction: str) -> float:
        s = math.asin(max(-1.0, min(1.0, math.sin(math.radians(lat_deg)) / math.sin(inc))))
        return math.pi - s if direction == "southbound" else s

    passes = ("southbound", "northbound")
    u_t = [arg_of_latitude(lat_t, d) for d in passes]
    u_apo = [u - 2.6 for u in u_t]  # first guess: breakup ~150 deg after apogee
    raan = [0.0, 0.0]
    done = [False, False]
    for _ in range(6):  # aim both passes together, with the nominal density only
        _, _, res = _final_segment(t0, ra, rp, inc, raan, u_apo, bc_kg_m2, atm, [1.0])
        falls = _falls(t0, [(res, j, frag_mid) for j in range(len(passes))])
        for j, direction in enumerate(passes):
            if done[j]:
                continue
            lat_c, lon_c = _impact(falls[j][1])
            du = (u_t[j] - arg_of_latitude(lat_c, direction) + math.pi) % (2 * math.pi) - math.pi
            dlon = math.radians((lon_t - lon_c + 180.0) % 360.0 - 180.0)
            u_apo[j] += du
            raan[j] += dlon
            done[j] = abs(du) < 2e-4 and abs(dlon) < 2e-4  # ~1 km
        if all(done):
            break
    scales = list(density_scales)
    if 1.0 not in scales:
        scales.insert(0, 1.0)
    nominal = scales.index(1.0)
    ns = len(scales)
    r_all, v_all, res_all = _final_segment(t0, ra, rp, inc, raan, u_apo, bc_kg_m2, atm, scales)
    releases = [(res_all, q, frag_bc) for q in range(len(passes) * ns)]
    for alt, bcs in early_releases.items():
        if alt > BREAKUP_ALTITUDE_M:
            _, _, res_e = _final_segment(
                t0, ra, rp, inc, raan, u_apo, bc_kg_m2, atm, scales, stop_m=alt
            )
            releases += [(res_e, q, bcs) for q in range(len(passes) * ns)]
    fallen = _falls(t0, releases)
    best = None
    for j, direction in enumerate(passes):
        r, v = r_all[j], v_all[j]
        res = _Pass(res_all, j * ns, ns)
        falls = fallen[j * ns : (j + 1) * ns]
        early = [f for q, f in enumerate(fallen[len(passes) * ns :]) if q // ns % 2 == j]
        lat_c, lon_c = _impact(falls[nominal][1])
        pieces = [fl[1] for fl in falls] + [f for _, f in early]
        lat_all = np.concatenate([f["lat_deg"] for f in pieces])
        lon_all = np.concatenate([f["lon_deg"] for f in pieces])
        ok = np.isfinite(lat_all) & np.isfinite(lon_all)
        lat_all, lon_all = lat_all[ok], lon_all[ok]
        order = _along_track_order(
            falls[nominal][0],
            res.final_r_m[nominal],
            res.final_v_m_s[nominal],
            lat_all,
            lon_all,
        )
        miss = float(great_circle_km(lat_t, lon_t, lat_c, lon_c))
        # footprint polyline: every fragment landing point, ordered downrange
        fp_lat, fp_lon = lat_all[order], lon_all[order]
        dense_lat, dense_lon = _densify(fp_lat, fp_lon, 10.0)
        exp = exposure(dense_lat, dense_lon)
        tb0, _ = falls[nominal]
        br_lat, br_lon, _ = geodetic_from_gcrs(tb0, res.final_r_m[nominal][None])
        burn_lat, burn_lon, _ = geodetic_from_gcrs(t0, r[None])
        cand = {
            "pass": direction,
            "target_lat_deg": lat_t,
            "target_lon_deg": lon_t,
            "final_burn_lat_deg": float(burn_lat[0]),
            "final_burn_lon_deg": float(burn_lon[0]),
            "breakup_lat_deg": float(br_lat[0]),
            "breakup_lon_deg": float(br_lon[0]),
            "breakup_altitude_km": BREAKUP_ALTITUDE_M / 1e3,
            "entry_after_final_burn_s": float(res.reentry_s[nominal]),
            "breakup_spread_s": float(np.ptp(res.reentry_s)),
            "impact_lat_deg": float(lat_c),
            "impact_lon_deg": float(lon_c),
            "impact_miss_km": miss,
            "footprint_length_km": float(
                great_circle_km(fp_lat[0], fp_lon[0], fp_lat[-1], fp_lon[-1])
            ),
            "footprint_lat_deg": [float(x) for x in fp_lat],
            "footprint_lon_deg": [float(x) for x in fp_lon],
            "footprint_land_share": exp["land"],
            "footprint_countries": list(exp["countries"]),
            "published_footprint_km": list(PUBLISHED_FOOTPRINT_KM),
            "fragment_bc_kg_m2": [float(x) for x in frag_bc],
            "early_releases": [
                {"altitude_km": alt / 1e3, "fragment_bc_kg_m2": [float(x) for x in bcs]}
                for alt, bcs in early_releases.items()
            ],
            "fragment_source": DEBRIS_SPREAD_SOURCE,
            "density_scales": list(density_scales),
            "track_lat_deg": None,  # filled for the chosen pass only, below
            "track_lon_deg": None,
            "fragment_fall_s": [float(np.nanmax(fl[1]["t_s"])) for fl in falls],
            "nominal_fragment_fall_s": [float(x) for x in falls[nominal][1]["t_s"]],
        }
        if best is None or cand["footprint_land_share"] < best["footprint_land_share"]:
            best, best_orbit = cand, (r, v, res.reentry_s[nominal])
    r, v, entry_s = best_orbit
    best["track_lat_deg"], best["track_lon_deg"] = _orbit_track(t0, r, v, bc_kg_m2, atm, entry_s)
    return best


def _densify(lat, lon, step_km):
    """The polyline (deg) with a point every ``step_km`` along each great-circle leg."""
    out_lat, out_lon = [], []
    for k in range(len(lat) - 1):
        d = float(great_circle_km(lat[k], lon[k], lat[k + 1], lon[k + 1]))
        if d <= 0:
            continue
        p1, p2 = np.radians([lat[k], lat[k + 1]])
        dl = np.radians(lon[k + 1] - lon[k])
        head = math.degrees(
            math.atan2(
                math.sin(dl) * math.cos(p2),
                math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl),
            )
        )
        la, lo = points_along([lat[k]], [lon[k]], [head], np.arange(0.0, d, step_km))
        out_lat.append(la[0])
        out_lon.append(lo[0])
    out_lat.append(np.asarray(lat[-1:]))
    out_lon.append(np.asarray(lon[-1:]))
    return np.concatenate(out_lat), np.concatenate(out_lon)


def _orbit_track(t0, r, v, bc, atm, t_end_s, step_s=60.0):
    """Ground track from the final burn to breakup (lat, lon lists), 60-s samples."""
    rr, vv = np.asarray(r, float)[None], np.asarray(v, float)[None]
    lats, lons = [], []
    t = 0.0
    while t < t_end_s:
        la, lo, _ = geodetic_from_gcrs(t0 + t, rr)
        lats.append(float(la[0]))
        lons.append(float(lo[0]))
        h = min(step_s, t_end_s - t)
        res = propagate_batch(
            datetime.fromtimestamp(t0 + t, UTC),
            rr,
            vv,
            1.0 / bc,
            atm,
            h,
            step_s=10.0,
            stop_altitude_m=BREAKUP_ALTITUDE_M,
        )
        if res.reentered.any():
            break
        rr, vv = res.final_r_m, res.final_v_m_s
        t += h
    return lats, lons
