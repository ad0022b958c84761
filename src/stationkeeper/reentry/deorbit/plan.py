"""Controlled deorbit plan: checks the request, flies the burns, aims the entry.

The plan follows NASA's published sequence (iss_facts s6): the station decays naturally to a
low circular orbit (default 220 km, the US Deorbit Vehicle plan), then perigee-lowering
burns at apogee spread over ~4 days (:mod:`.schedule`; one a day is an assumption), then a
final burn (or pair of burns) that puts the perigee low enough (default 50 km) for the
debris to fall in the South Pacific Ocean Uninhabited Area. A vehicle of several engines
also gets its engine-out margin. The burns are :mod:`.burns`, the vehicles and the stack
:mod:`.vehicles`, breakup, impact point and footprint :mod:`.entry`. A plan the vehicles
cannot fly is reported infeasible with the missing Delta-v and propellant -- never
stretched.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from stationkeeper.constants import R_EARTH_EQ_M, SECONDS_PER_DAY
from stationkeeper.data import data_path
from stationkeeper.earth.countries import country_at
from stationkeeper.errors import InputError
from stationkeeper.orbit.trajectory import orbit_period_s
from stationkeeper.reentry.deorbit.burns import (
    Burn,
    arc_efficiency,
    burn_limit_warnings,
    dv_capacity_m_s,
    fly_burns,
    shortfall_propellant_kg,
)
from stationkeeper.reentry.deorbit.entry import DEFAULT_EPOCH, predict_entry
from stationkeeper.reentry.deorbit.participants import fleet_report, russian_notes
from stationkeeper.reentry.deorbit.schedule import (
    SEQUENCE_DAYS,
    SEQUENCE_SOURCE,
    engine_out_margin,
    schedule_burns,
    stepped_phases,
)
from stationkeeper.reentry.deorbit.vehicles import VEHICLES_FILE, deorbit_fleet, load_vehicles
from stationkeeper.tomlfile import read_toml

SPOUA_TARGET = (-48.0, -123.0)  # iss_facts s6: around Point Nemo ~48-49 S, 123 W


@dataclass
class DeorbitPlan:
    """A deorbit plan: feasibility, Delta-v and propellant budget, burns, entry."""

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
    sequence_days: float = SEQUENCE_DAYS
    engine_out: dict | None = None
    engines: list = field(default_factory=list)  # each engine that burns: owner, propellant
    tanks: list = field(default_factory=list)  # each tank that takes part
    ports: list = field(default_factory=list)  # where each vehicle docks, its geometry
    notes: list = field(default_factory=list)  # against the published plan

    def as_dict(self) -> dict:
        """The plan as plain dicts and lists (JSON-ready)."""
        return asdict(self)


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
    sequence_days: float = SEQUENCE_DAYS,
    lowering_burns: int = 4,
    max_final_burns: int = 2,
    epoch_utc: datetime = DEFAULT_EPOCH,
    vehicles_file: str | Path | None = None,
    with_entry: bool = True,
    progress=None,
    station=None,
) -> DeorbitPlan:
    """Plan a controlled deorbit with ``count`` x ``vehicle`` (see the module doc).

    Parameters
    ----------
    vehicle : str
        Key in ``vehicles_deorbit.toml`` (``usdv``, ``progress``).
    count : int
        How many of them (1 to 20); they burn one after the other.
    target : (lat_deg, lon_deg)
        Middle of the debris footprint, deg; at sea, overflown by the orbit.
    start_altitude_km, mid_perigee_km, final_perigee_km : float
        Circular start orbit, perigee after the perigee-lowering burns, perigee after the
        final burn(s), km.
    max_burn_arc_deg : float
        Longest arc one burn may span, deg.
    sequence_days : float
        Days from the first perigee-lowering burn to the final burn (NASA: ~4).
    lowering_burns : int
        Perigee-lowering burns, spread evenly over ``sequence_days`` (assumption: 4).
    max_final_burns : int
        Most final burns the engine-out margin allows (assumption: 2).
    epoch_utc : datetime
        Time of the final burn (space weather of the entry).
    with_entry : bool
        Also aim the entry (breakup, impact point, footprint) of a feasible plan.
    station : Station, optional
        The station to deorbit as it is then (mass, tank fills; a scenario's at hand-over);
        default the shipped ``station.toml``.
    """
    stack, vehicles = load_vehicles(vehicles_file, station)
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
    _check_range(sequence_days, "--sequence-days", 0.0, 30.0, " days")
    if not (isinstance(lowering_burns, int) and 1 <= lowering_burns <= 30):
        raise InputError(
            f"{lowering_burns} is not allowed", field="lowering_burns", allowed="1 to 30"
        )
    lat_t, lon_t = target
    _check_range(lat_t, "--target (latitude)", -90.0, 90.0, " deg")
    _check_range(lon_t, "--target (longitude)", -180.0, 180.0, " deg")
    inc = stack.inclination_deg
    if abs(lat_t) > inc:
        raise InputError(
            f"latitude {lat_t} is never overflown by a {inc} deg orbit",
            field="--target",
            allowed=f"|latitude| <= {inc}",
        )
    land = country_at(lat_t, lon_t)
    if land is not None:
        raise InputError(
            f"{lat_t},{lon_t} is on land ({land})",
            field="--target",
            allowed="a point at sea, e.g. -48,-123 (South Pacific Ocean Uninhabited Area)",
        )

    veh = vehicles[vehicle]
    crew = deorbit_fleet(veh, count, stack)  # the ports: more than they take is refused
    fleet = crew.burners
    m0 = stack.mass_kg + crew.vehicles_mass_kg
    ra = R_EARTH_EQ_M + start_altitude_km * 1e3
    a_mid = 0.5 * (ra + R_EARTH_EQ_M + mid_perigee_km * 1e3)
    period = float(orbit_period_s(a_mid))
    max_arc = math.radians(max_burn_arc_deg)

    phases = stepped_phases(start_altitude_km, mid_perigee_km, final_perigee_km, lowering_burns)
    dv_ideal_total = sum(dv for _, dv in phases)
    seq = fly_burns(fleet, m0, start_altitude_km, phases, period, max_arc, 1.0)
    burns = seq.burns
    schedule_burns(burns, phases, period, sequence_days)
    shortfall_ideal = seq.shortfall_m_s
    used = sum(b.propellant_kg for b in burns)
    available = sum(v.usable_propellant_kg for v in fleet)
    dv_delivered = sum(b.dv_m_s for b in burns)
    shortfall_kg = shortfall_propellant_kg(shortfall_ideal, seq.final_mass_kg, fleet[-1], max_arc)
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
        dv_capacity_m_s=dv_capacity_m_s(fleet, m0, max_arc),
        propellant_needed_kg=used + shortfall_kg,
        propellant_available_kg=available,
        shortfall_m_s=shortfall_ideal,
        shortfall_kg=shortfall_kg,
        burns=burns,
        burn_time_total_s=sum(b.duration_s for b in burns),
        campaign_days=(
            (burns[-1].start_offset_s + burns[-1].duration_s) / SECONDS_PER_DAY if burns else 0.0
        ),
        warnings=burn_limit_warnings(fleet, seq.burn_time_s),
        propellant_by_vehicle_kg={
            f"{v.name} #{k + 1}": v.usable_propellant_kg - seq.propellant_left_kg[k]
            for k, v in enumerate(fleet)
        },
        sources={"station": stack.mass_source, vehicle: veh.sources, "sequence": SEQUENCE_SOURCE},
        sequence_days=sequence_days,
    )
    for key, rows in fleet_report(crew, seq, veh).items():
        setattr(plan, key, rows)
    plan.notes = russian_notes(crew, seq, used + shortfall_kg, shortfall_kg, start_altitude_km)
    n_engines = _engine_count(vehicles_file, vehicle)
    if n_engines > 1:
        plan.engine_out = engine_out_margin(
            veh, n_engines, count, m0, start_altitude_km, phases, period, max_arc, max_final_burns
        )
    if feasible and with_entry:
        plan.entry = predict_entry(
            start_altitude_km,
            final_perigee_km,
            target,
            inclination_deg=inc,
            bc_kg_m2=stack.ballistic_coefficient_kg_m2(seq.final_mass_kg),
            epoch_utc=epoch_utc,
        )
        plan.campaign_days += plan.entry["entry_after_final_burn_s"] / SECONDS_PER_DAY
        land = plan.entry["footprint_land_share"]
        if land > 0:
            plan.warnings.append(
                f"{land:.0%} of the footprint lies over land: "
                + ", ".join(plan.entry["footprint_countries"])
            )
    return plan


def _engine_count(vehicles_file, key: str) -> int:
    """The vehicle's engine count as its file gives it (1 when not given)."""
    p = Path(vehicles_file) if vehicles_file is not None else data_path(VEHICLES_FILE)
    doc, _ = read_toml(p, "deorbit vehicles file")
    return int(doc.get("vehicles", {}).get(key, {}).get("engine_count", 1))


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
    if plan.notes:
        txt += f" ({plan.notes[0]})"
    return txt
