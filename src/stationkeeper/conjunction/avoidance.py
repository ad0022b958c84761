"""Deciding on and planning a debris avoidance manoeuvre (DAM).

Decision rule
-------------
NASA moves the ISS when the probability of collision reaches 1 in 10,000
(``Pc >= 1e-4``; NASA ISS blog via iss_facts §5). Events inside the screening
box but below the threshold are flagged "watch"; the rest "none". The Pc decided on is
the *decision-grade* one (:mod:`stationkeeper.conjunction.assessment`): a CDM's, or the
SP-grade default covariance's, never the TLE-only screening Pc.

The burn
--------
An impulsive along-track burn ``dv`` (positive = posigrade) a time ``tau``
before TCA moves the station at TCA, in its own radial / in-track axes, by the
Clohessy-Wiltshire solution for a near-circular orbit of mean motion ``n``:

    radial    x = (2 dv / n) (1 - cos n tau)
    in-track  y = (dv / n) (4 sin n tau - 3 n tau)

(velocity: x' = 2 dv sin n tau, y' = dv (4 cos n tau - 3)). Half an orbit
before TCA the radial shift is largest (4 dv / n, ~3.5 km per m/s at the ISS);
a full orbit before it is purely in-track (-3 pi dv / n per orbit). The
search tries burns 0.5, 1, 1.5 and 2 orbits before TCA (those after the screen
start) and posigrade/retrograde ``dv`` from 0.01 m/s up to ``max_dv_m_s``, and
keeps the smallest ``|dv|`` that brings the post-burn Pc below the threshold
**and** the miss outside the screening box (the object's covariance is
unchanged; the new miss follows from the shifted relative state under linear
relative motion). A real DAM is planned on the screening centre's own
ephemerides; this is the linearised estimate of its size.

Propellant follows the rocket equation with the station's mass and the Isp of
the engine used: a docked vehicle's reboost engine first (the Progress "PDAM"
practice, iss_facts §5), else the station's own, among those whose tanks hold
enough propellant.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

import numpy as np

from stationkeeper.conjunction.encounter import Encounter
from stationkeeper.conjunction.pc import pc_circle, pc_circle_batch
from stationkeeper.conjunction.screen_settings import ScreeningVolume
from stationkeeper.constants import MU_EARTH_M3_S2
from stationkeeper.earth.frames import ric_basis
from stationkeeper.rocket import propellant_for_dv
from stationkeeper.station import load_station

#: NASA's manoeuvre threshold for the ISS (1 in 10,000).
PC_MANOEUVRE_THRESHOLD = 1e-4
MU_KM3_S2 = MU_EARTH_M3_S2 * 1e-9
LEAD_ORBITS = (0.5, 1.0, 1.5, 2.0)


def decide(pc: float | None, in_box: bool, threshold: float = PC_MANOEUVRE_THRESHOLD) -> str:
    """ "manoeuvre" when Pc >= threshold; "watch" when inside the box; else "none"."""
    if pc is not None and pc >= threshold:
        return "manoeuvre"
    return "watch" if in_box else "none"


def cw_along_track_burn(dv_km_s, tau_s, n_rad_s):
    """Radial/in-track displacement (km) and velocity (km/s) at TCA from a burn ``tau_s`` before.

    Broadcasts over ``dv_km_s`` and ``tau_s``; returns arrays (..., 3) in RIC.
    """
    dv = np.asarray(dv_km_s, dtype=float)
    nt = n_rad_s * np.asarray(tau_s, dtype=float)
    x = 2.0 * dv / n_rad_s * (1.0 - np.cos(nt))
    y = dv / n_rad_s * (4.0 * np.sin(nt) - 3.0 * nt)
    xd = 2.0 * dv * np.sin(nt)
    yd = dv * (4.0 * np.cos(nt) - 3.0)
    zero = np.zeros(np.broadcast(x, y).shape)
    return np.stack([x, y, zero], axis=-1), np.stack([xd, yd, zero], axis=-1)


@dataclass(frozen=True)
class BurnPlan:
    """The smallest along-track burn found for one conjunction."""

    feasible: bool
    dv_m_s: float | None = None
    """Signed: + posigrade, - retrograde."""
    burn_utc: datetime | None = None
    lead_orbits: float | None = None
    engine: str | None = None
    engine_owner: str | None = None
    burn_duration_s: float | None = None
    propellant_kg: float | None = None
    station_mass_kg: float | None = None
    post_miss_km: float | None = None
    post_radial_km: float | None = None
    post_in_track_km: float | None = None
    post_cross_track_km: float | None = None
    post_pc: float | None = None
    post_in_box: bool | None = None
    post_miss_plane_km: tuple[float, float] | None = None
    """Post-burn miss in the pre-burn encounter-plane axes (for the B-plane plot)."""
    note: str = ""

    def as_dict(self) -> dict:
        d = asdict(self)
        if self.burn_utc is not None:
            d["burn_utc"] = self.burn_utc.isoformat()
        return d


def _post_burn(dr, dv, basis, delta_r, delta_v):
    """Relative state after the station moves by (delta_r, delta_v) given in RIC (km, km/s)."""
    dr2 = dr - delta_r @ basis  # object minus (shifted) station
    dv2 = dv - delta_v @ basis
    speed2 = np.einsum("...j,...j->...", dv2, dv2)
    shift = -np.einsum("...j,...j->...", dr2, dv2) / speed2
    at_tca = dr2 + shift[..., None] * dv2
    return at_tca, dv2


def plan_burn(
    r_station_km,
    v_station_km_s,
    r_object_km,
    v_object_km_s,
    enc: Encounter,
    tca_utc: datetime,
    earliest_utc: datetime,
    *,
    hbr_km: float,
    station=None,
    threshold: float = PC_MANOEUVRE_THRESHOLD,
    volume: ScreeningVolume | None = None,
    max_dv_m_s: float = 2.0,
    covariance_label: str = "",
) -> BurnPlan:
    """Smallest along-track burn that brings Pc below ``threshold`` and the miss out of the box.

    ``enc`` is the pre-burn encounter (its covariance is kept); ``station`` a
    :class:`stationkeeper.station.Station` for the engine and propellant
    (loaded from the shipped station.toml when None); ``covariance_label`` says in the
    plan's note which covariance the Pc came from.
    """
    volume = volume or ScreeningVolume()
    station = load_station() if station is None else station
    rs = np.asarray(r_station_km, dtype=float)
    vs = np.asarray(v_station_km_s, dtype=float)
    dr = np.asarray(r_object_km, dtype=float) - rs
    dv = np.asarray(v_object_km_s, dtype=float) - vs
    basis = ric_basis(rs, vs)
    a = 1.0 / (2.0 / np.linalg.norm(rs) - np.dot(vs, vs) / MU_KM3_S2)
    n = math.sqrt(MU_KM3_S2 / a**3)
    period = 2.0 * math.pi / n
    room = (tca_utc - earliest_utc).total_seconds()
    leads = [k for k in LEAD_ORBITS if k * period <= room]
    if not leads:
        return BurnPlan(
            False, note=f"TCA is {room / 60:.0f} min after the start: no time for a burn"
        )
    dv_grid = np.arange(0.01, max_dv_m_s + 1e-9, 0.01)
    signed = np.concatenate([dv_grid, -dv_grid]) * 1e-3  # km/s
    ex, ey = enc.axes[0], enc.axes[1]
    cov = enc.cov

    def evaluate(dv_km_s, tau):
        d_r, d_v = cw_along_track_burn(dv_km_s, tau, n)
        at_tca, _ = _post_burn(dr, dv, basis, d_r, d_v)
        plane = np.stack([at_tca @ ex, at_tca @ ey], axis=-1)
        pcs = pc_circle_batch(plane, cov, hbr_km)
        ric = at_tca @ basis.T
        inside = volume.contains(ric[..., 0], ric[..., 1], ric[..., 2])
        return pcs, inside, ric, plane

    best = None
    order = np.argsort(np.abs(signed))  # smallest |dv| first
    for lead in leads:  # ascending: on a tie the earlier lead (first found) is kept
        tau = lead * period
        pcs, inside, _, _ = evaluate(signed, tau)
        good = (pcs < threshold) & ~inside
        if not good.any():
            continue
        # refine to 1 mm/s between the previous grid point and the first good one
        hi = signed[order[good[order]][0]]
        lo = math.copysign(max(abs(hi) - 1e-5, 0.0), hi)
        for _ in range(14):
            mid = 0.5 * (lo + hi)
            p, ins, _, _ = evaluate(np.array([mid]), tau)
            if p[0] < threshold and not ins[0]:
                hi = mid
            else:
                lo = mid
        if best is None or abs(hi) < best[0] - 1e-9:
            best = (abs(hi), lead, hi)
    if best is None:
        return BurnPlan(
            False,
            note=f"no along-track burn up to {max_dv_m_s:g} m/s clears the threshold and the box",
        )
    _, lead, dv_km_s = best
    tau = lead * period
    pcs, inside, ric, plane = evaluate(np.array([dv_km_s]), tau)
    post_pc = pc_circle(plane[0], cov, hbr_km)
    dv_m_s = dv_km_s * 1e3
    engine = choose_engine(station, abs(dv_m_s))
    mass = station.total_mass_kg
    out = dict(
        feasible=True,
        dv_m_s=float(dv_m_s),
        burn_utc=tca_utc - timedelta(seconds=tau),
        lead_orbits=float(lead),
        station_mass_kg=float(mass),
        post_miss_km=float(np.linalg.norm(ric[0])),
        post_radial_km=float(ric[0, 0]),
        post_in_track_km=float(ric[0, 1]),
        post_cross_track_km=float(ric[0, 2]),
        post_pc=float(post_pc),
        post_in_box=bool(inside[0]),
        post_miss_plane_km=(float(plane[0, 0]), float(plane[0, 1])),
    )
    if engine is None:
        out["note"] = "no reboost engine with enough propellant in its tanks"
        return BurnPlan(**out)
    e, prop = engine
    out.update(
        engine=e.name,
        engine_owner=e.owner,
        propellant_kg=float(prop),
        burn_duration_s=float(prop / e.mass_flow_kg_s),
        note="impulsive estimate (Clohessy-Wiltshire)"
        + (f"; covariance: {covariance_label}" if covariance_label else ""),
    )
    return BurnPlan(**out)


def choose_engine(station, dv_m_s: float):
    """(engine, propellant kg) for the burn, or None if no reboost engine has the propellant.

    Preference: engines on docked vehicles (Progress PDAM practice), then the
    station's own; within each, the highest thrust (shortest burn).
    """
    vehicles = {v.name for v in station.vehicles}
    options = []
    for e in station.engines_by_role("reboost"):
        need = propellant_for_dv(station.total_mass_kg, dv_m_s, e.isp_s)
        available = sum(station.tank(t).fill_kg for t in e.feeds)
        if available >= need:
            options.append((e.host not in vehicles, -e.total_thrust_n, e.name, e, need))
    if not options:
        return None
    options.sort(key=lambda o: o[:3])
    return options[0][3], options[0][4]


TABLE_COLUMNS = (
    "tca_utc",
    "norad_id",
    "name",
    "miss_km",
    "radial_km",
    "in_track_km",
    "cross_track_km",
    "relative_speed_km_s",
    "in_box",
    "pc_decision",
    "decision",
    "covariance",
    "pc_screening",
    "pc_max",
    "source",
    "object_age_days",
)
BURN_COLUMNS = (
    "dv_m_s",
    "burn_utc",
    "lead_orbits",
    "engine",
    "propellant_kg",
    "burn_duration_s",
    "post_miss_km",
    "post_pc",
    "post_in_box",
)


def events_table(events: list[dict]):
    """The events as a flat DataFrame (one row per conjunction, burn columns prefixed ``burn_``)."""
    import pandas as pd  # here: pandas is slow to import and only the table needs it

    rows = []
    for e in events:
        row = {k: e.get(k) for k in TABLE_COLUMNS}
        burn = e.get("burn") or {}
        for k in BURN_COLUMNS:
            row[f"burn_{k}"] = burn.get(k)
        rows.append(row)
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS) + [f"burn_{k}" for k in BURN_COLUMNS])
    for col in ("tca_utc", "burn_burn_utc"):
        table[col] = pd.to_datetime(table[col], utc=True)
    return table
