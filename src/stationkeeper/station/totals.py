"""What a station adds up to: masses, propellant, ballistic coefficient, crew, and the
totals per segment and per owner.

Mass bookkeeping (the one rule every number here follows)
---------------------------------------------------------
``Module.mass_kg`` and ``Vehicle.mass_kg`` are the mass of that item **excluding
the propellant held in the tanks listed in** ``Station.tanks`` **with that item as
host**. Everything else (structure, outfitting, cargo, water, the vehicle's own
propellant when its tanks are *not* listed, e.g. Soyuz or Crew Dragon) is inside
``mass_kg``. So::

    total_mass_kg = sum(module.mass_kg) + sum(vehicle.mass_kg) + sum(tank.fill_kg)

counts every kilogram exactly once, and spending propellant from a tank (an
ops-layer event) lowers the total by exactly what was burnt.
"""

from __future__ import annotations


class StationTotals:
    """The sums over a station's parts, as properties of
    :class:`~stationkeeper.station.model.Station` (which inherits them and provides
    ``modules``, ``vehicles``, ``tanks``, ``cd``, ``drag_area_m2``, ``drag_fit``, ``drag``,
    ``source`` and ``mass_override_kg``)."""

    @property
    def modules_mass_kg(self) -> float:
        """Sum of module masses (without propellant in listed tanks), kg."""
        return float(sum(m.mass_kg for m in self.modules))

    @property
    def vehicles_mass_kg(self) -> float:
        """Sum of docked-vehicle masses (without propellant in listed tanks), kg."""
        return float(sum(v.mass_kg for v in self.vehicles))

    @property
    def propellant_kg(self) -> float:
        """Propellant in all listed tanks, kg."""
        return float(sum(t.fill_kg for t in self.tanks))

    @property
    def propellant_capacity_kg(self) -> float:
        """Capacity of all listed tanks, kg."""
        return float(sum(t.capacity_kg for t in self.tanks))

    @property
    def itemised_mass_kg(self) -> float:
        """modules + vehicles + propellant in listed tanks, kg (ignores any override)."""
        return self.modules_mass_kg + self.vehicles_mass_kg + self.propellant_kg

    @property
    def total_mass_kg(self) -> float:
        """Mass used for dynamics, kg: ``mass_override_kg`` if set, else ``itemised_mass_kg``."""
        if self.mass_override_kg is not None:
            return self.mass_override_kg
        return self.itemised_mass_kg

    @property
    def drag_in_use(self) -> str:
        """``fitted`` when ``drag == "fitted"`` and the file has a fit, else ``topo``."""
        return "fitted" if self.drag == "fitted" and self.drag_fit is not None else "topo"

    def drag_scale(self, percentile: str = "p50") -> float:
        """The factor on ``cd * drag_area_m2`` of the drag in use (1 for ``topo``)."""
        return self.drag_fit.scale(percentile) if self.drag_in_use == "fitted" else 1.0

    @property
    def cd_area_m2(self) -> float:
        """Effective Cd·A of the drag in use, m^2 (the fitted scale times Cd A, or Cd A)."""
        return self.drag_scale() * self.cd * self.drag_area_m2

    @property
    def ballistic_coefficient_kg_m2(self) -> float:
        """m / (Cd A)_effective of the drag in use, kg/m^2."""
        return self.total_mass_kg / self.cd_area_m2

    @property
    def ballistic_coefficient_band_kg_m2(self) -> tuple[float, float, float]:
        """(5 %, 50 %, 95 %) ballistic coefficient of the drag in use, kg/m^2 (all three equal
        for ``topo``): more drag, lower BC, so the 5 % BC comes from the 95 % scale."""
        cda = self.cd * self.drag_area_m2
        return tuple(self.total_mass_kg / (self.drag_scale(p) * cda) for p in ("p95", "p50", "p05"))

    @property
    def drag_label(self) -> str:
        """Which drag, in words, with the fit's window or the figures' source."""
        if self.drag_in_use == "fitted":
            f = self.drag_fit
            atm = {"nrlmsis": "NRLMSIS 2.1"}.get(f.atmosphere, f.atmosphere)
            return (
                f"fitted to the real orbit ({f.window}, {atm}): "
                f"{f.scale_p50:.3g} x Cd·A {self.cd * self.drag_area_m2:,.0f} m²"
            )
        origin = self.source.split(":")[0] if self.source else "given"
        return f"Cd {self.cd:.2f} x {self.drag_area_m2:,.0f} m² as given ({origin})"

    @property
    def crew_seats(self) -> int:
        """Seats in docked crew vehicles (= crew that can evacuate at once)."""
        return sum(v.crew_seats for v in self.vehicles)

    @property
    def crew_aboard(self) -> int:
        """Crew assigned to the docked vehicles as their return ride."""
        return sum(v.crew_aboard for v in self.vehicles)

    def _totals(self, key: str) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}

        def slot(k: str) -> dict[str, float]:
            return out.setdefault(
                k, {"mass_kg": 0.0, "propellant_kg": 0.0, "propellant_capacity_kg": 0.0}
            )

        for item in (*self.modules, *self.vehicles):
            slot(getattr(item, key))["mass_kg"] += item.mass_kg
        for t in self.tanks:
            s = slot(getattr(t, key))
            s["mass_kg"] += t.fill_kg
            s["propellant_kg"] += t.fill_kg
            s["propellant_capacity_kg"] += t.capacity_kg
        return out

    @property
    def totals_by_segment(self) -> dict[str, dict[str, float]]:
        """Segment -> ``{mass_kg (incl. propellant), propellant_kg, propellant_capacity_kg}``.

        Vehicles count in the segment of their port; propellant in the segment of its tank's host.
        The ``mass_kg`` values sum to ``itemised_mass_kg``.
        """
        return self._totals("segment")

    @property
    def totals_by_owner(self) -> dict[str, dict[str, float]]:
        """Per owner: same fields as ``totals_by_segment``. Propellant counts for the tank's owner
        (who owns the propellant), which may differ from the host's owner (e.g. Zarya)."""
        return self._totals("owner")

    @property
    def mass_by_segment_kg(self) -> dict[str, float]:
        """Segment -> mass incl. propellant, kg."""
        return {k: v["mass_kg"] for k, v in self.totals_by_segment.items()}

    @property
    def mass_by_owner_kg(self) -> dict[str, float]:
        """Owner -> mass incl. propellant they own, kg."""
        return {k: v["mass_kg"] for k, v in self.totals_by_owner.items()}

    @property
    def propellant_by_segment_kg(self) -> dict[str, float]:
        """Segment -> propellant in tanks hosted there, kg."""
        return {k: v["propellant_kg"] for k, v in self.totals_by_segment.items()}

    @property
    def propellant_by_owner_kg(self) -> dict[str, float]:
        """Owner -> propellant they own, kg."""
        return {k: v["propellant_kg"] for k, v in self.totals_by_owner.items()}
