"""What drag sees of an object: mass, area, Cd and the ballistic coefficient m/(Cd·A).

From the station file, with user overrides, or from a TLE's B* (Vallado, *Fundamentals
of Astrodynamics and Applications*, 4th ed., sec. 9.7.2: B* = ρ0 (Cd A / m) / 2 with
ρ0 = 0.15696615 kg/m²/ER).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stationkeeper.errors import InputError, check_positive
from stationkeeper.orbit.elements import ElementSet
from stationkeeper.station.load import load_station

#: ρ0 of the B* definition, kg/m²/Earth radius (Vallado 4th ed. sec. 9.7.2).
BSTAR_RHO0 = 0.15696615
#: Cd assumed when the area is derived from B* (the usual flat-plate value).
BSTAR_CD = 2.2


@dataclass(frozen=True)
class DragObject:
    """What drag sees: a name, mass, area and Cd, and where each came from."""

    name: str
    mass_kg: float
    area_m2: float
    cd: float
    source: str

    @property
    def ballistic_coefficient_kg_m2(self) -> float:
        return self.mass_kg / (self.cd * self.area_m2)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "mass_kg": self.mass_kg,
            "drag_area_m2": self.area_m2,
            "cd": self.cd,
            "ballistic_coefficient_kg_m2": self.ballistic_coefficient_kg_m2,
            "source": self.source,
        }


def drag_object(
    *,
    station: str | Path | None = None,
    mass_kg: float | None = None,
    area_m2: float | None = None,
    cd: float | None = None,
    bstar_from_tle: ElementSet | None = None,
) -> DragObject:
    """The drag properties to use: the station's, with any override applied.

    Parameters
    ----------
    station : path, optional
        A station TOML file (default: the shipped ISS).
    mass_kg, area_m2 : float, optional
        Overrides of the mass (kg) and the drag area (m²), > 0.
    cd : float, optional
        Override of the drag coefficient, 0.5 to 5.
    bstar_from_tle : ElementSet, optional
        Replace the ballistic coefficient with the one implied by this element set's B*
        (keeping the mass; the area follows with Cd = 2.2 unless ``cd`` is given).
    """
    check_positive(mass_kg, "mass_kg", "> 0 kg")
    check_positive(area_m2, "area_m2", "> 0 m^2")
    if cd is not None and not (0.5 <= cd <= 5.0):
        raise InputError(f"{cd} is not allowed", field="cd", allowed="0.5 to 5.0")
    st = load_station(station)
    obj = DragObject(
        st.name,
        st.total_mass_kg if mass_kg is None else mass_kg,
        st.drag_area_m2 if area_m2 is None else area_m2,
        st.cd if cd is None else cd,
        str(station) if station else "shipped station.toml",
    )
    if mass_kg is not None or area_m2 is not None or cd is not None:
        obj = DragObject(f"{obj.name} (overridden)", obj.mass_kg, obj.area_m2, obj.cd, obj.source)
    if bstar_from_tle is not None:
        bstar = bstar_from_tle.bstar_per_earth_radius
        if bstar <= 0:
            raise InputError(
                f"B* = {bstar} in the TLE cannot give a ballistic coefficient",
                file=bstar_from_tle.source,
                field="B*",
                allowed="B* > 0 (give mass_kg/area_m2/cd instead)",
            )
        cd_area_over_mass = 2.0 * bstar / BSTAR_RHO0
        cd_b = BSTAR_CD if cd is None else cd
        area = obj.mass_kg * cd_area_over_mass / cd_b
        obj = DragObject(f"{obj.name} (B* from TLE)", obj.mass_kg, area, cd_b, "TLE B*")
    return obj
