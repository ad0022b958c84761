"""Who takes part in a deorbit plan: each engine and tank with its owner and the propellant
it gives, the ports and their geometry, and -- for the Russian plan -- where the result
differs from the published one (Murtazin et al., iss_facts s6).
"""

from __future__ import annotations

from stationkeeper.reentry.deorbit.burns import BurnSequence
from stationkeeper.reentry.deorbit.vehicles import DeorbitVehicle, Fleet

PUBLISHED_RUSSIAN_PLAN = (
    "published plan (Murtazin et al., iss_facts s6): 3 Progress launched Jun-Nov 2030, "
    "Zvezda's engines fly the final entry burns from ~270 km perigee; no propellant total "
    "is published"
)


def _station_tank_rows(fleet: Fleet, used_kg: float) -> list[dict]:
    """The station's tanks: fill, transfers in (the last-drawn tank first), drawn in order."""
    into = {}
    moving = fleet.transferred_kg
    for t in reversed(fleet.station_tanks):
        into[t.name] = min(moving, t.ullage_kg)
        moving -= into[t.name]
    rows, drawing = [], used_kg
    for t in fleet.station_tanks:
        held = t.fill_kg + into[t.name] + (moving if t is fleet.station_tanks[0] else 0.0)
        drawn = min(drawing, held)
        drawing -= drawn
        rows.append(
            {
                "name": t.name,
                "owner": t.owner,
                "host": t.host,
                "capacity_kg": t.capacity_kg,
                "fill_kg": t.fill_kg,
                "transferred_in_kg": held - t.fill_kg,
                "propellant_used_kg": drawn,
                "left_kg": held - drawn,
                "source": t.source,
            }
        )
    return rows


def fleet_report(fleet: Fleet, seq: BurnSequence, vehicle: DeorbitVehicle) -> dict:
    """Each engine and tank that takes part (name, owner, propellant used) and the ports.

    Returns ``{"engines": [...], "tanks": [...], "ports": [...]}`` (JSON-ready).
    """
    used = [
        b.usable_propellant_kg - left
        for b, left in zip(fleet.burners, seq.propellant_left_kg, strict=True)
    ]
    engines = [
        {
            "name": b.name,
            "owner": b.owner,
            "thrust_n": b.thrust_n,
            "isp_s": b.isp_s,
            "propellant_used_kg": used[k],
            "burn_time_s": seq.burn_time_s[k],
            "source": b.sources.get("engine_source", ""),
        }
        for k, b in enumerate(fleet.burners)
    ]
    if fleet.station_engine is None:
        tanks = [
            {
                "name": f"{b.name} #{k + 1} propellant",
                "owner": b.owner,
                "host": f"{b.name} #{k + 1}",
                "propellant_kg": b.usable_propellant_kg,
                "propellant_used_kg": used[k],
                "source": b.sources.get("usable_source", ""),
            }
            for k, b in enumerate(fleet.burners)
        ]
        return {"engines": engines, "tanks": tanks, "ports": []}
    tanks, own_used = [], dict(zip((b.name for b in fleet.burners), used, strict=True))
    own = vehicle.own_propellant_kg or vehicle.usable_propellant_kg
    for name, port in fleet.docked:
        burnt = own_used.get(f"{name} at {port.name}", 0.0)
        tanks.append(
            {
                "name": f"{name} propulsion tanks",
                "owner": vehicle.owner,
                "host": name,
                "port": port.name,
                "propellant_kg": own,
                "propellant_used_kg": burnt,
                "fate": "burnt by its own engine along the flight axis"
                if port.along_axis
                else "carried: its engines point across the flight axis",
                "source": vehicle.sources.get("own_source", ""),
            }
        )
        tanks.append(
            {
                "name": f"{name} refuelling tanks",
                "owner": vehicle.owner,
                "host": name,
                "port": port.name,
                "propellant_kg": vehicle.transfer_propellant_kg,
                "transferred_kg": vehicle.transfer_propellant_kg if port.transfer else 0.0,
                "fate": "transferred to the station's tanks"
                if port.transfer
                else "carried: no propellant transfer at this port",
                "source": vehicle.sources.get("transfer_source", ""),
            }
        )
    tanks += _station_tank_rows(fleet, used[-1])
    ports = [p.as_dict() | {"vehicle": name} for name, p in fleet.docked]
    return {"engines": engines, "tanks": tanks, "ports": ports}


def russian_notes(
    fleet: Fleet, seq: BurnSequence, needed_kg: float, shortfall_kg: float, start_km: float
) -> list[str]:
    """Where a plan flown with the station's engine differs from the published Russian plan
    (first note: one short line for the summary)."""
    if fleet.station_engine is None:
        return []
    count = len(fleet.docked)
    fill = sum(t.fill_kg for t in fleet.station_tanks)
    cap = sum(t.capacity_kg for t in fleet.station_tanks)
    reach = sum(b.usable_propellant_kg for b in fleet.burners)
    own = reach - fill - fleet.transferred_kg
    if shortfall_kg > 0:
        head = (
            f"the published plan flies with 3 Progress; here {count} fall short with the "
            f"station's tanks at {fill:,.0f} kg (assumed) and need ~{fill + shortfall_kg:,.0f} kg "
            f"in them at the start (capacity {cap:,.0f} kg)"
        )
    else:
        head = f"agrees with the published plan: {count} Progress and Zvezda's engines suffice"
    zvezda = [b for b in seq.burns if b.vehicle == fleet.station_engine.name]
    notes = [head, PUBLISHED_RUSSIAN_PLAN]
    if zvezda:
        finals = sum(b.phase == "final" for b in zvezda)
        notes.append(
            f"here {fleet.station_engine.name} take over at burn {zvezda[0].index} (perigee "
            f"{zvezda[0].perigee_before_km:.0f} km) and fly {finals} of the "
            f"{sum(b.phase == 'final' for b in seq.burns)} final burns; "
            f"the start orbit is {start_km:.0f} km circular"
            + (
                " -- below the published ~270 km perigee, so the published sequence starts "
                "higher (crew leaves below 330 km) and needs more Delta-v than this one"
                if start_km < 270
                else ""
            )
        )
    notes.append(
        f"propellant: {needed_kg:,.0f} kg needed (this model's figure, not a published one); "
        f"the engines reach {reach:,.0f} kg = the station's tanks {fill:,.0f} kg (station.toml "
        f"fill, an assumption) + {fleet.transferred_kg:,.0f} kg transferred + {own:,.0f} kg "
        f"burnt by the Progress at the along-axis port; {fleet.carried_kg:,.0f} kg stays aboard "
        "the Progress at ports across the axis or without transfer"
    )
    if fill + fleet.transferred_kg > cap:
        notes.append(
            f"the transfers exceed the station's tank room by "
            f"{fill + fleet.transferred_kg - cap:,.0f} kg: moved after the first burns"
        )
    return notes
