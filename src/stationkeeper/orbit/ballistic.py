"""What drag sees of an object: mass, area, Cd and the ballistic coefficient m/(Cd·A).

From the station file (its drag fitted to the real orbit, ``drag="fitted"``, or its Cd and
area as they are, ``drag="topo"``), with user overrides, or from a TLE's B* (Vallado, *Fundamentals
of Astrodynamics and Applications*, 4th ed., sec. 9.7.2: B* = ρ0 (Cd A / m) / 2 with
ρ0 = 0.15696615 kg/m²/ER).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from stationkeeper.errors import InputError, check_positive
from stationkeeper.orbit.elements import ElementSet
from stationkeeper.station.load import load_station
from stationkeeper.station.model import check_drag

#: ρ0 of the B* definition, kg/m²/Earth radius (Vallado 4th ed. sec. 9.7.2).
BSTAR_RHO0 = 0.15696615
#: Cd assumed when the area is derived from B* (the usual flat-plate value).
BSTAR_CD = 2.2


@dataclass(frozen=True)
class DragObject:
    """What drag sees: a name, mass, area and Cd, and where each came from.

    ``scale`` multiplies ``cd * area_m2`` (the station's fitted drag; 1 otherwise) and
    ``scale_band`` is its (5 %, 95 %) spread, None where there is none. ``drag`` names the
    drag (``fitted``, ``topo``, ``overridden``, ``tle_bstar``, ``tle_history``) and
    ``drag_label`` says it in words."""

    name: str
    mass_kg: float
    area_m2: float
    cd: float
    source: str
    drag: str = "topo"
    drag_label: str = ""
    scale: float = 1.0
    scale_band: tuple[float, float] | None = None

    @property
    def cd_area_m2(self) -> float:
        """Effective Cd·A, m²."""
        return self.scale * self.cd * self.area_m2

    @property
    def ballistic_coefficient_kg_m2(self) -> float:
        return self.mass_kg / self.cd_area_m2

    def at_percentile(self, percentile: str) -> DragObject:
        """This object with the drag scale at its ``p05`` or ``p95`` (itself without a band).
        The 95 % drag gives the *lowest* ballistic coefficient."""
        if self.scale_band is None:
            return self
        lo, hi = self.scale_band
        return replace(self, scale={"p05": lo, "p50": self.scale, "p95": hi}[percentile])

    def as_dict(self) -> dict:
        band = None
        if self.scale_band is not None:
            band = [self.at_percentile(p).ballistic_coefficient_kg_m2 for p in ("p95", "p05")]
        return {
            "name": self.name,
            "mass_kg": self.mass_kg,
            "drag_area_m2": self.area_m2,
            "cd": self.cd,
            "drag": self.drag,
            "drag_label": self.drag_label,
            "drag_scale": self.scale,
            "drag_scale_band": None if self.scale_band is None else list(self.scale_band),
            "cd_area_m2": self.cd_area_m2,
            "ballistic_coefficient_kg_m2": self.ballistic_coefficient_kg_m2,
            "ballistic_coefficient_band_kg_m2": band,
            "source": self.source,
        }


def drag_object(
    *,
    station: str | Path | None = None,
    mass_kg: float | None = None,
    area_m2: float | None = None,
    cd: float | None = None,
    bstar_from_tle: ElementSet | None = None,
    drag: str = "fitted",
    at: datetime | None = None,
) -> DragObject:
    """The drag properties to use: the station's, with any override applied.

    Parameters
    ----------
    station : path, optional
        A station TOML file (default: the shipped ISS).
    drag : str
        ``fitted`` (the station file's drag fitted to the real orbit, with its 5–95 %
        spread; the file's Cd·A where it has no ``[drag]`` table) or ``topo`` (the file's
        Cd and area as they are: NASA TOPO's for the shipped ISS).
    mass_kg, area_m2 : float, optional
        Overrides of the mass (kg) and the drag area (m²), > 0.
    cd : float, optional
        Override of the drag coefficient, 0.5 to 5.
    bstar_from_tle : ElementSet, optional
        Replace the ballistic coefficient with the one implied by this element set's B*
        (keeping the mass; the area follows with Cd = 2.2 unless ``cd`` is given).
    at : datetime, optional
        UTC: the station's configuration of that day (its mass and drag area,
        :func:`stationkeeper.station.history.station_at`); default the file's own date.
    """
    check_positive(mass_kg, "mass_kg", "> 0 kg")
    check_positive(area_m2, "area_m2", "> 0 m^2")
    if bstar_from_tle is not None and area_m2 is not None:
        raise InputError(
            "area_m2 and bstar_from_tle both set the drag area: give one",
            field="area_m2",
            allowed="area_m2 (with cd), or bstar_from_tle (cd then splits its Cd x A)",
        )
    if cd is not None and not (0.5 <= cd <= 5.0):
        raise InputError(f"{cd} is not allowed", field="cd", allowed="0.5 to 5.0")
    st = load_station(station, at=at).with_drag(check_drag(drag))
    if mass_kg is not None:
        st = st.with_overrides(mass_kg=mass_kg)
    obj = DragObject(
        st.name,
        st.total_mass_kg,
        st.drag_area_m2,
        st.cd,
        str(station) if station else "shipped station.toml",
        drag=st.drag_in_use,
        drag_label=st.drag_label,
        scale=st.drag_scale("p50"),
        scale_band=(st.drag_scale("p05"), st.drag_scale("p95"))
        if st.drag_in_use == "fitted"
        else None,
    )
    if mass_kg is not None:
        obj = replace(obj, name=f"{obj.name} (overridden)")
    if area_m2 is not None or cd is not None:
        st = st.with_overrides(area_m2=area_m2, cd=cd)
        obj = DragObject(
            f"{st.name} (overridden)",
            obj.mass_kg,
            st.drag_area_m2,
            st.cd,
            obj.source,
            drag="overridden",
            drag_label=f"Cd {st.cd:.2f} x {st.drag_area_m2:,.0f} m² as given",
        )
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
        obj = DragObject(
            f"{obj.name} (B* from TLE)",
            obj.mass_kg,
            area,
            cd_b,
            "TLE B*",
            drag="tle_bstar",
            drag_label=f"from the TLE's B* ({bstar_from_tle.source})",
        )
    return obj
