"""Controlled deorbit planning: burns, propellant, feasibility, impact point and footprint.

The plan follows NASA's published sequence (iss_facts s6): the station decays
naturally to a low circular orbit (default 220 km, the US Deorbit Vehicle plan),
then perigee-lowering burns at apogee, then a final burn (or pair of burns) that
puts the perigee low enough (default 50 km) for the debris to fall in the South
Pacific Ocean Uninhabited Area.

* Delta-v: vis-viva.  All burns are at apogee, so they add up to
  v_circ(r_a) - v_apogee(r_a, r_p_final) whatever their number; apogee decay by
  drag between burns is neglected (it lowers the need slightly).
* Finite burns: a burn of duration T spans an arc theta = n T centred on
  apogee; thrust pointed along the ideal (apogee anti-velocity) direction
  delivers only sin(theta/2)/(theta/2) of its Delta-v there, so each burn
  is lengthened by the inverse factor (the "gravity loss").  Burns are split
  so that none spans more than ``max_burn_arc_deg``.
* Propellant: rocket equation burn by burn on the whole stack, vehicles
  burning one after the other (each with its own thrust and Isp).  A plan the
  vehicles cannot fly is reported infeasible with the missing Delta-v and
  propellant -- never stretched.
* Impact: the final orbit is propagated with drag (Batch propagator, NRLMSIS
  table) to breakup at 80 km, for nominal and +-30 % density; fragments of
  10-1,000 kg/m^2 then fall to the ground (:mod:`.footprint`).  The line of
  apsides is set by the first perigee-lowering burn, so the plan places the
  final apogee such that the footprint's middle lies on the target, on the
  pass (northbound or southbound) whose footprint crosses less land.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from stationkeeper.constants import G0_M_S2, MU_EARTH_M3_S2, R_EARTH_EQ_M
from stationkeeper.errors import InputError
from stationkeeper.orbit.trajectory import orbit_period_s
from stationkeeper.rocket import dv_for_propellant, propellant_for_dv

VEHICLES_FILE = "vehicles_deorbit.toml"
SPOUA_TARGET = (-48.0, -123.0)  # iss_facts s6: around Point Nemo ~48-49 S, 123 W
DEFAULT_EPOCH = datetime(2031, 1, 15, tzinfo=UTC)  # "final burn early 2031" (Ars via AIAA 2024)


@dataclass(frozen=True)
class DeorbitVehicle:
    key: str
    name: str
    thrust_n: float  # all engines together
    isp_s: float
    usable_propellant_kg: float
    dry_mass_kg: float
    max_burn_total_s: float  # 0 = no limit
    sources: dict

    @property
    def exhaust_velocity_m_s(self) -> float:
        return self.isp_s * G0_M_S2

    @property
    def mass_flow_kg_s(self) -> float:
        return self.thrust_n / self.exhaust_velocity_m_s

    @property
    def wet_mass_kg(self) -> float:
        return self.dry_mass_kg + self.usable_propellant_kg


def load_vehicles(path: str | Path | None = None) -> tuple[dict, dict[str, DeorbitVehicle]]:
    """The stack (``[station]``) and the deorbit vehicles of ``vehicles_deorbit.toml``."""
    from stationkeeper.data import data_path
    from stationkeeper.tomlfile import read_toml

    p = Path(path) if path is not None else data_path(VEHICLES_FILE)
    doc, _ = read_toml(p, "deorbit vehicles file")
    vehicles = {}
    for key, v in doc.get("vehicles", {}).items():
        try:
            vehicles[key] = DeorbitVehicle(
                key,
                str(v["name"]),
                float(v["engine_count"]) * float(v["thrust_per_engine_n"]),
                float(v["isp_s"]),
                float(v["usable_propellant_kg"]),
                float(v["dry_mass_kg"]),
                float(v.get("max_burn_total_s", 0.0)),
                {k: v[k] for k in v if k.endswith("_source")},
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(
                f"vehicle {key!r}: {exc}", file=str(p), field=f"vehicles.{key}"
            ) from exc
        if (
            min(vehicles[key].thrust_n, vehicles[key].isp_s, vehicles[key].usable_propellant_kg)
            <= 0
        ):
            raise InputError("thrust, Isp and propellant must be > 0", file=str(p), field=key)
    return doc["station"], vehicles


# ------------------------------------------------------------------------ vis-viva


def apogee_speed(r_a_m: float, r_p_m: float) -> float:
    """Speed at apogee of the orbit r_a x r_p (vis-viva)."""
    return math.sqrt(2.0 * MU_EARTH_M3_S2 * r_p_m / (r_a_m * (r_a_m + r_p_m)))


def perigee_lowering_dv(start_altitude_km: float, perigee_altitude_km: float) -> float:
    """Delta-v (m/s) to lower the perigee of a circular orbit to ``perigee_altitude_km``."""
    ra = R_EARTH_EQ_M + start_altitude_km * 1e3
    rp = R_EARTH_EQ_M + perigee_altitude_km * 1e3
    return math.sqrt(MU_EARTH_M3_S2 / ra) - apogee_speed(ra, rp)


def perigee_from_apogee_speed(r_a_m: float, v_a_m_s: float) -> float:
    return v_a_m_s**2 * r_a_m**2 / (2.0 * MU_EARTH_M3_S2 - v_a_m_s**2 * r_a_m)


def arc_efficiency(arc_rad: float) -> float:
    """sin(theta/2)/(theta/2): the share of a burn's Delta-v that counts, spread over theta."""
    half = 0.5 * arc_rad
    return 1.0 if half < 1e-9 else math.sin(half) / half


# ------------------------------------------------------------------------ plan


@dataclass
class Burn:
    index: int
    phase: str  # "perigee-lowering" or "final"
    vehicle: str
    start_offset_s: float  # from the first burn
    duration_s: float
    arc_deg: float
    dv_ideal_m_s: float  # impulsive Delta-v this burn accounts for
    dv_m_s: float  # delivered (with the arc loss)
    propellant_kg: float
    mass_before_kg: float
    perigee_before_km: float
    perigee_after_km: float


@dataclass
class DeorbitPlan:
    vehicle: str
    count: int
    feasible: bool
    start_altitude_km: float
    final_perigee_km: float
    stack_mass_kg: float
    dv_ideal_m_s: float
    dv_total_m_s: float
    gravity_loss_m_s: float
    dv_capacity_m_s: float
    propellant_needed_kg: float
    propellant_available_kg: float
    shortfall_m_s: float
    shortfall_kg: float
    burns: list[Burn]
    burn_time_total_s: float
    campaign_days: float
    warnings: list[str] = field(default_factory=list)
    propellant_by_vehicle_kg: dict = field(default_factory=dict)
    entry: dict | None = None
    sources: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        d = asdict(self)
        return d


def _check_range(value, name, lo, hi, unit=""):
    if not (isinstance(value, int | float) and math.isfinite(value) and lo <= value <= hi):
        raise InputError(f"{value} is not allowed", field=name, allowed=f"{lo} to {hi}{unit}")


def plan_deorbit(
    vehicle: str = "usdv",
    count: int = 1,
    *,
    target: tuple[float, float] = SPOUA_TARGET,
    start_altitude_km: float = 220.0,
    mid_perigee_km: float = 150.0,
    final_perigee_km: float = 50.0,
    max_burn_arc_deg: float = 40.0,
    burn_spacing_orbits: float = 4.0,
    epoch_utc: datetime = DEFAULT_EPOCH,
    vehicles_file: str | Path | None = None,
    with_entry: bool = True,
    progress=None,
) -> DeorbitPlan:
    """Plan a controlled deorbit with ``count`` x ``vehicle`` (see module doc)."""
    station, vehicles = load_vehicles(vehicles_file)
    if vehicle not in vehicles:
        raise InputError(
            f"unknown vehicle {vehicle!r}", field="--vehicle", allowed=", ".join(sorted(vehicles))
        )
    if not (isinstance(count, int) and 1 <= count <= 20):
        raise InputError(f"{count} is not allowed", field="--count", allowed="1 to 20")
    _check_range(start_altitude_km, "--start-altitude-km", 150.0, 500.0, " km")
    _check_range(final_perigee_km, "--final-perigee-km", 0.0, 120.0, " km")
    if not final_perigee_km < mid_perigee_km <= start_altitude_km:
        mid_perigee_km = min(max(mid_perigee_km, final_perigee_km + 1.0), start_altitude_km)
    _check_range(max_burn_arc_deg, "--max-burn-arc-deg", 1.0, 180.0, " deg")
    lat_t, lon_t = target
    _check_range(lat_t, "--target (latitude)", -90.0, 90.0, " deg")
    _check_range(lon_t, "--target (longitude)", -180.0, 180.0, " deg")
    inc = float(station["inclination_deg"])
    if abs(lat_t) > inc:
        raise InputError(
            f"latitude {lat_t} is never overflown by a {inc} deg orbit",
            field="--target",
            allowed=f"|latitude| <= {inc}",
        )
    from stationkeeper.earth.countries import country_at

    land = country_at(lat_t, lon_t)
    if land is not None:
        raise InputError(
            f"{lat_t},{lon_t} is on land ({land})",
            field="--target",
            allowed="a point at sea, e.g. -48,-123 (South Pacific Ocean Uninhabited Area)",
        )

    veh = vehicles[vehicle]
    fleet = [veh] * count
    m0 = float(station["mass_kg"]) + sum(v.wet_mass_kg for v in fleet)
    ra = R_EARTH_EQ_M + start_altitude_km * 1e3
    v_circ = math.sqrt(MU_EARTH_M3_S2 / ra)
    a_mid = 0.5 * (ra + R_EARTH_EQ_M + mid_perigee_km * 1e3)
    period = float(orbit_period_s(a_mid))
    n_motion = 2 * math.pi / period
    max_arc = math.radians(max_burn_arc_deg)

    phases = [
        ("perigee-lowering", v_circ - apogee_speed(ra, R_EARTH_EQ_M + mid_perigee_km * 1e3)),
        (
            "final",
            apogee_speed(ra, R_EARTH_EQ_M + mid_perigee_km * 1e3)
            - apogee_speed(ra, R_EARTH_EQ_M + final_perigee_km * 1e3),
        ),
    ]
    dv_ideal_total = sum(dv for _, dv in phases)
    burns: list[Burn] = []
    mass = m0
    left = [v.usable_propellant_kg for v in fleet]
    burn_time = [0.0] * len(fleet)
    k_veh = 0
    v_apo = v_circ
    t = 0.0
    shortfall_ideal = 0.0
    for phase, dv_phase in phases:
        remaining = dv_phase
        first_in_phase = True
        while remaining > 1e-9:
            if k_veh >= len(fleet):
                shortfall_ideal += remaining
                v_apo -= remaining
                break
            vv = fleet[k_veh]
            mdot = vv.mass_flow_kg_s
            # largest ideal Delta-v one burn within the arc limit can give
            t_max = max_arc / n_motion
            dv_eff_max = dv_for_propellant(mass, mdot * t_max, vv.isp_s)
            dv_ideal_max = dv_eff_max * arc_efficiency(max_arc)
            n_left = math.ceil(remaining / dv_ideal_max - 1e-9)
            dv_ideal = remaining / n_left  # split the phase evenly
            dv_eff = dv_ideal
            for _ in range(20):
                dur = propellant_for_dv(mass, dv_eff, vv.isp_s) / mdot
                dv_eff = dv_ideal / arc_efficiency(n_motion * dur)
            prop = propellant_for_dv(mass, dv_eff, vv.isp_s)
            if prop > left[k_veh]:  # this vehicle runs dry within the burn: burn what is left
                prop = left[k_veh]
                dur = prop / mdot
                dv_eff = dv_for_propellant(mass, prop, vv.isp_s)
                dv_ideal = dv_eff * arc_efficiency(n_motion * dur)
            rp_before = perigee_from_apogee_speed(ra, v_apo)
            v_apo -= dv_ideal
            if not first_in_phase or burns:
                t += (1.0 if phase == "final" else burn_spacing_orbits) * period
            burns.append(
                Burn(
                    len(burns) + 1,
                    phase,
                    vv.name,
                    t,
                    dur,
                    math.degrees(n_motion * dur),
                    dv_ideal,
                    dv_eff,
                    prop,
                    mass,
                    (rp_before - R_EARTH_EQ_M) / 1e3,
                    (perigee_from_apogee_speed(ra, v_apo) - R_EARTH_EQ_M) / 1e3,
                )
            )
            first_in_phase = False
            mass -= prop
            left[k_veh] -= prop
            burn_time[k_veh] += dur
            remaining -= dv_ideal
            if left[k_veh] <= 1e-6:
                k_veh += 1

    used = sum(b.propellant_kg for b in burns)
    available = sum(v.usable_propellant_kg for v in fleet)
    dv_delivered = sum(b.dv_m_s for b in burns)
    # Delta-v capacity: all usable propellant, with the arc losses of burns at the limit
    cap, mm = 0.0, m0
    for v in fleet:
        cap += dv_for_propellant(mm, v.usable_propellant_kg, v.isp_s)
        mm -= v.usable_propellant_kg
    cap *= arc_efficiency(max_arc)
    shortfall_kg = 0.0
    if shortfall_ideal > 0:
        last = fleet[-1]
        eff = shortfall_ideal / arc_efficiency(max_arc)
        shortfall_kg = mass * (math.exp(eff / last.exhaust_velocity_m_s) - 1.0)
    warnings = []
    for k, v in enumerate(fleet):
        if v.max_burn_total_s > 0 and burn_time[k] > v.max_burn_total_s:
            warnings.append(
                f"{v.name} #{k + 1} burns {burn_time[k]:.0f} s, over its engine's rated "
                f"{v.max_burn_total_s:.0f} s total ({v.sources.get('max_burn_source', '')})"
            )
    feasible = shortfall_ideal <= 1e-9
    dv_total = dv_delivered + (shortfall_ideal / arc_efficiency(max_arc) if not feasible else 0.0)
    plan = DeorbitPlan(
        vehicle=vehicle,
        count=count,
        feasible=feasible,
        start_altitude_km=start_altitude_km,
        final_perigee_km=final_perigee_km,
        stack_mass_kg=m0,
        dv_ideal_m_s=dv_ideal_total,
        dv_total_m_s=dv_total,
        gravity_loss_m_s=dv_total - dv_ideal_total,
        dv_capacity_m_s=cap,
        propellant_needed_kg=used + shortfall_kg,
        propellant_available_kg=available,
        shortfall_m_s=shortfall_ideal,
        shortfall_kg=shortfall_kg,
        burns=burns,
        burn_time_total_s=sum(b.duration_s for b in burns),
        campaign_days=(burns[-1].start_offset_s + burns[-1].duration_s) / 86400.0 if burns else 0.0,
        warnings=warnings,
        propellant_by_vehicle_kg={
            f"{v.name} #{k + 1}": v.usable_propellant_kg - left[k] for k, v in enumerate(fleet)
        },
        sources={"station": station.get("mass_source"), vehicle: veh.sources},
    )
    if feasible and with_entry:
        plan.entry = predict_entry(
            start_altitude_km,
            final_perigee_km,
            target,
            inclination_deg=inc,
            bc_kg_m2=(mass) / (float(station["cd"]) * float(station["drag_area_m2"])),
            epoch_utc=epoch_utc,
        )
        plan.campaign_days += plan.entry["entry_after_final_burn_s"] / 86400.0
        land = plan.entry["footprint_land_share"]
        if land > 0:
            plan.warnings.append(
                f"{land:.0%} of the footprint lies over land: "
                + ", ".join(plan.entry["footprint_countries"])
            )
    return plan


# ------------------------------------------------------------------------ entry and footprint


def _final_segment(t0_unix, ra, rp, inc, raan, u_apogee, bc, atm, scales):
    """From the final burn (at apogee, argument of latitude ``u_apogee``) to 80 km breakup."""
    from stationkeeper.orbit.batch import propagate_batch
    from stationkeeper.orbit.state import elements_to_rv

    a = 0.5 * (ra + rp)
    e = (ra - rp) / (ra + rp)
    argp = u_apogee - math.pi
    r, v = elements_to_rv(a, e, inc, raan, argp, math.pi)
    n = len(scales)
    res = propagate_batch(
        datetime.fromtimestamp(t0_unix, UTC),
        np.repeat(r[None], n, 0),
        np.repeat(v[None], n, 0),
        np.full(n, 1.0 / bc),
        atm,
        3 * 86400.0,
        density_scale=np.asarray(scales, dtype=float),
        step_s=10.0,
    )
    if not res.reentered.all():
        raise InputError(
            "the final orbit does not re-enter within 3 days",
            field="--final-perigee-km",
            allowed="a lower final perigee",
        )
    return r, v, res


def _aimed(t0, ra, rp, inc, raan, u_apo, bc, atm, scales, frag_bc):
    """Final segment + fragment fall; the impact point is where the nominal run's median-BC
    fragment lands (``frag_bc`` sorted)."""
    from stationkeeper.reentry.footprint import fall_fragments

    r, v, res = _final_segment(t0, ra, rp, inc, raan, u_apo, bc, atm, scales)
    falls = []
    for k in range(len(scales)):
        tb = t0 + res.reentry_s[k]
        falls.append((tb, fall_fragments(tb, res.final_r_m[k], res.final_v_m_s[k], frag_bc)))
    f = falls[scales.index(1.0)][1]
    i_mid = np.argsort(f["downrange_km"])[len(frag_bc) // 2]
    return r, v, res, falls, (float(f["lat_deg"][i_mid]), float(f["lon_deg"][i_mid]))


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
) -> dict:
    """Breakup point, impact point and debris footprint of the final orbit, aimed at ``target``."""
    from stationkeeper.earth.geodetic import geodetic_from_gcrs
    from stationkeeper.environment.atmosphere_factory import make_atmosphere
    from stationkeeper.reentry.footprint import (
        FRAGMENT_BC_KG_M2,
        exposure,
        great_circle_km,
    )

    frag_bc = FRAGMENT_BC_KG_M2 if fragment_bc_kg_m2 is None else np.asarray(fragment_bc_kg_m2)
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

    best = None
    for direction in ("southbound", "northbound"):
        u_t = arg_of_latitude(lat_t, direction)
        u_apo, raan = u_t - 2.6, 0.0  # first guess: breakup ~150 deg after apogee
        for _ in range(6):  # aim with the nominal density only
            r, v, res, falls, (lat_c, lon_c) = _aimed(
                t0, ra, rp, inc, raan, u_apo, bc_kg_m2, atm, [1.0], frag_mid
            )
            u_c = arg_of_latitude(lat_c, direction)
            du = (u_t - u_c + math.pi) % (2 * math.pi) - math.pi
            dlon = math.radians((lon_t - lon_c + 180.0) % 360.0 - 180.0)
            u_apo += du
            raan += dlon
            if abs(du) < 2e-4 and abs(dlon) < 2e-4:  # ~1 km
                break
        scales = list(density_scales)
        if 1.0 not in scales:
            scales.insert(0, 1.0)
        nominal = scales.index(1.0)
        r, v, res, falls, (lat_c, lon_c) = _aimed(
            t0, ra, rp, inc, raan, u_apo, bc_kg_m2, atm, scales, frag_bc
        )
        lat_all = np.concatenate([fl[1]["lat_deg"] for fl in falls])
        lon_all = np.concatenate([fl[1]["lon_deg"] for fl in falls])
        dr = np.concatenate([fl[1]["downrange_km"] for fl in falls])
        order = np.argsort(dr)
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
            "breakup_altitude_km": 80.0,
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
            "fragment_bc_kg_m2": [float(x) for x in frag_bc],
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
    from stationkeeper.reentry.footprint import great_circle_km, points_along

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
    from stationkeeper.earth.geodetic import geodetic_from_gcrs
    from stationkeeper.orbit.batch import propagate_batch

    rr, vv = np.asarray(r, float)[None], np.asarray(v, float)[None]
    lats, lons = [], []
    t = 0.0
    while t < t_end_s:
        la, lo, _ = geodetic_from_gcrs(t0 + t, rr)
        lats.append(float(la[0]))
        lons.append(float(lo[0]))
        h = min(step_s, t_end_s - t)
        res = propagate_batch(
            datetime.fromtimestamp(t0 + t, UTC), rr, vv, 1.0 / bc, atm, h, step_s=10.0
        )
        if res.reentered.any():
            break
        rr, vv = res.final_r_m, res.final_v_m_s
        t += h
    return lats, lons


def plan_summary(plan: DeorbitPlan) -> str:
    """One line: feasible or not, Delta-v and propellant."""
    head = "FEASIBLE" if plan.feasible else "INFEASIBLE"
    txt = (
        f"{head}: {plan.count} x {plan.vehicle}, Delta-v {plan.dv_total_m_s:.1f} m/s "
        f"(ideal {plan.dv_ideal_m_s:.1f} + gravity loss {plan.gravity_loss_m_s:.1f}), "
        f"propellant {plan.propellant_needed_kg:,.0f} of {plan.propellant_available_kg:,.0f} kg"
    )
    if not plan.feasible:
        txt += f"; short by {plan.shortfall_m_s:.1f} m/s = {plan.shortfall_kg:,.0f} kg"
    return txt


__all__ = [
    "SPOUA_TARGET",
    "Burn",
    "DeorbitPlan",
    "DeorbitVehicle",
    "load_vehicles",
    "perigee_lowering_dv",
    "plan_deorbit",
    "plan_summary",
    "predict_entry",
]
