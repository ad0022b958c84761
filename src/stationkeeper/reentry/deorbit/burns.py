"""The deorbit burns: vis-viva Delta-v, finite-burn arc losses, rocket equation per vehicle.

* Delta-v: vis-viva.  All burns are at apogee, so they add up to
  v_circ(r_a) - v_apogee(r_a, r_p_final) whatever their number; apogee decay by
  drag between burns is neglected (it lowers the need slightly).
* Finite burns: a burn of duration T spans an arc theta = n T centred on
  apogee; thrust pointed along the ideal (apogee anti-velocity) direction
  delivers only sin(theta/2)/(theta/2) of its Delta-v there, so each burn
  is lengthened by the inverse factor (the "gravity loss").  Burns are split
  so that none spans more than the arc limit.
* Propellant: rocket equation burn by burn on the whole stack, vehicles
  burning one after the other (each with its own thrust and Isp).  What the
  vehicles cannot give is the shortfall, in Delta-v and in propellant -- never
  stretched.

Who takes part (each engine and tank, the ports) is :mod:`.participants`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from stationkeeper.constants import MU_EARTH_M3_S2, R_EARTH_EQ_M
from stationkeeper.reentry.deorbit.vehicles import DeorbitVehicle
from stationkeeper.rocket import dv_for_propellant, propellant_for_dv

# ------------------------------------------------------------------------ vis-viva


def apogee_speed(r_a_m: float, r_p_m: float) -> float:
    """Speed at apogee (m/s) of the orbit with apogee and perigee radii ``r_a_m``, ``r_p_m`` (m)."""
    return math.sqrt(2.0 * MU_EARTH_M3_S2 * r_p_m / (r_a_m * (r_a_m + r_p_m)))


def perigee_lowering_dv(start_altitude_km: float, perigee_altitude_km: float) -> float:
    """Delta-v (m/s) to lower the perigee of a circular orbit to ``perigee_altitude_km``.

    Parameters
    ----------
    start_altitude_km : float
        Altitude of the circular orbit (above the equatorial radius), km.
    perigee_altitude_km : float
        Perigee altitude after the burn(s) at apogee, km.
    """
    ra = R_EARTH_EQ_M + start_altitude_km * 1e3
    rp = R_EARTH_EQ_M + perigee_altitude_km * 1e3
    return math.sqrt(MU_EARTH_M3_S2 / ra) - apogee_speed(ra, rp)


def perigee_from_apogee_speed(r_a_m: float, v_a_m_s: float) -> float:
    """Perigee radius (m) of the orbit with apogee radius ``r_a_m`` (m) and speed there (m/s)."""
    return v_a_m_s**2 * r_a_m**2 / (2.0 * MU_EARTH_M3_S2 - v_a_m_s**2 * r_a_m)


def arc_efficiency(arc_rad: float) -> float:
    """sin(theta/2)/(theta/2): the share of a burn's Delta-v that counts, spread over
    ``arc_rad`` (rad) of orbit centred on apogee."""
    half = 0.5 * arc_rad
    return 1.0 if half < 1e-9 else math.sin(half) / half


def phase_dvs(
    start_altitude_km: float, mid_perigee_km: float, final_perigee_km: float
) -> list[tuple[str, float]]:
    """Ideal (impulsive) Delta-v (m/s) of the two phases: perigee-lowering from the circular
    ``start_altitude_km`` to ``mid_perigee_km``, then the final burn(s) to
    ``final_perigee_km`` (km)."""
    ra = R_EARTH_EQ_M + start_altitude_km * 1e3
    v_circ = math.sqrt(MU_EARTH_M3_S2 / ra)
    return [
        ("perigee-lowering", v_circ - apogee_speed(ra, R_EARTH_EQ_M + mid_perigee_km * 1e3)),
        (
            "final",
            apogee_speed(ra, R_EARTH_EQ_M + mid_perigee_km * 1e3)
            - apogee_speed(ra, R_EARTH_EQ_M + final_perigee_km * 1e3),
        ),
    ]


# ------------------------------------------------------------------------ the burns


@dataclass
class Burn:
    """One burn at apogee."""

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
class BurnSequence:
    """The burns the fleet can fly, and what is left over or missing."""

    burns: list[Burn]
    propellant_left_kg: list[float]  # per vehicle of the fleet
    burn_time_s: list[float]  # per vehicle of the fleet
    shortfall_m_s: float  # ideal Delta-v that no vehicle had propellant for
    final_mass_kg: float  # the stack after the last burn


def fly_burns(
    fleet: list[DeorbitVehicle],
    mass_kg: float,
    start_altitude_km: float,
    phases: list[tuple[str, float]],
    period_s: float,
    max_arc_rad: float,
    burn_spacing_orbits: float,
) -> BurnSequence:
    """Split each phase into equal burns within the arc limit and fly them, vehicle by vehicle.

    Parameters
    ----------
    fleet : list of DeorbitVehicle
        The vehicles, in burning order; each burns until its usable propellant is gone.
    mass_kg : float
        The whole stack (station and wet vehicles) before the first burn, kg.
    start_altitude_km : float
        The circular orbit the burns start from (its radius stays the apogee), km.
    phases : list of (name, dv_m_s)
        Ideal Delta-v per phase (:func:`phase_dvs`), m/s.
    period_s : float
        Orbital period used for the burn arcs and spacing, s.
    max_arc_rad : float
        Longest arc one burn may span, rad.
    burn_spacing_orbits : float
        Orbits between perigee-lowering burns (final burns: one orbit apart).
    """
    ra = R_EARTH_EQ_M + start_altitude_km * 1e3
    n_motion = 2 * math.pi / period_s
    burns: list[Burn] = []
    mass = mass_kg
    left = [v.usable_propellant_kg for v in fleet]
    burn_time = [0.0] * len(fleet)
    k_veh = 0
    v_apo = math.sqrt(MU_EARTH_M3_S2 / ra)
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
            t_max = max_arc_rad / n_motion
            dv_eff_max = dv_for_propellant(mass, mdot * t_max, vv.isp_s)
            dv_ideal_max = dv_eff_max * arc_efficiency(max_arc_rad)
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
                t += (1.0 if phase == "final" else burn_spacing_orbits) * period_s
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
    return BurnSequence(burns, left, burn_time, shortfall_ideal, mass)


def dv_capacity_m_s(fleet: list[DeorbitVehicle], mass_kg: float, max_arc_rad: float) -> float:
    """Delta-v (m/s) all the fleet's usable propellant gives the stack of ``mass_kg`` (kg),
    with the arc loss of burns at the limit ``max_arc_rad`` (rad)."""
    cap, mm = 0.0, mass_kg
    for v in fleet:
        cap += dv_for_propellant(mm, v.usable_propellant_kg, v.isp_s)
        mm -= v.usable_propellant_kg
    return cap * arc_efficiency(max_arc_rad)


def shortfall_propellant_kg(
    shortfall_m_s: float, mass_kg: float, vehicle: DeorbitVehicle, max_arc_rad: float
) -> float:
    """Propellant (kg) the missing ideal Delta-v ``shortfall_m_s`` (m/s) would take, burnt
    by ``vehicle``'s engines on the stack left at ``mass_kg`` (kg), in burns at the arc
    limit ``max_arc_rad`` (rad); 0 when nothing is missing."""
    if shortfall_m_s <= 0:
        return 0.0
    eff = shortfall_m_s / arc_efficiency(max_arc_rad)
    return mass_kg * (math.exp(eff / vehicle.exhaust_velocity_m_s) - 1.0)


def burn_limit_warnings(fleet: list[DeorbitVehicle], burn_time_s: list[float]) -> list[str]:
    """One warning per vehicle whose engines burn (``burn_time_s``, s) longer than rated."""
    warnings = []
    for k, v in enumerate(fleet):
        if v.max_burn_total_s > 0 and burn_time_s[k] > v.max_burn_total_s:
            warnings.append(
                f"{v.name} #{k + 1} burns {burn_time_s[k]:.0f} s, over its engine's rated "
                f"{v.max_burn_total_s:.0f} s total ({v.sources.get('max_burn_source', '')})"
            )
    return warnings
