"""Attitude-control propellant: what the thrusters burn when they turn the station, not push it.

The ISS holds attitude with the US segment's control moment gyroscopes (CMGs); thrusters on the
Russian segment (Zvezda's attitude jets, a docked Progress's) take over for large rotations and
when the CMGs saturate. Orbit changes are simulated (:mod:`stationkeeper.ops.reboost`); attitude
work is a budget, because no public record lists the ISS's attitude manoeuvres one by one:

``kg_per_day = maneuvers_per_year * kg_per_maneuver / 365.25 + background_kg_per_day``

drawn every day from the tanks that feed the usable attitude thrusters
(:func:`stationkeeper.ops.reboost.draw_attitude_propellant`). The published figures the
defaults come from (Bhatt et al., "Thermally-constrained fuel-optimal ISS maneuvers",
NTRS 20150001912, AAS preprint ~2014):

* the first Optimal Propellant Maneuver (OPM), 1 Aug 2012, turned the ISS through 180° on
  **9.7 kg** (:data:`OPM_180_DEG_KG`);
* "an identical maneuver performed in the same amount of time without OPM would typically have
  used about **50–150 kg**, depending on the jet selection" (:data:`STANDARD_180_DEG_KG`);
* "since then, **two dozen** OPMs have together saved over **1,500 kg**" "over the last two
  years": about 12 large rotations a year (:data:`MANEUVERS_PER_YEAR_2012_2014`).

Everything else (CMG desaturations, thruster hold while vehicles dock, undock or relocate, small
turns) is ``background_kg_per_day``. One measured figure exists: NASA's ISS On-Orbit Status
reports give the propellant on board week by week; in a stretch with no orbit change from
station tanks (7 Nov 2002 3,805 kg -> 23 Jan 2003 3,669 kg; the STS-113 reboosts burned the
orbiter's propellant) the ~190 t station of 2002 used **1.77 kg/day**
(:data:`BACKGROUND_2002_KG_PER_DAY`; the reports as compiled by A. Thomson, "ISS fuel reserve",
sci.space.station, 19 Jul 2004). The 2021 station is 2.3 times heavier with a larger
inertia, so for it that is a lower estimate. Anomalies (the Nauka thruster misfire of
29 Jul 2021) are in none of these.

>>> b = AttitudeBudget(maneuvers_per_year=12, kg_per_maneuver=OPM_180_DEG_KG)
>>> round(b.kg_per_year)
116
"""

from __future__ import annotations

from dataclasses import dataclass

OPM_180_DEG_KG = 9.7
"""Propellant of the first 180° Optimal Propellant Maneuver, 1 Aug 2012 (NTRS 20150001912)."""

STANDARD_180_DEG_KG = (50.0, 150.0)
"""Typical propellant of the same 180° rotation with standard thruster control (same source)."""

MANEUVERS_PER_YEAR_2012_2014 = 12.0
"""Two dozen OPM rotations in about two years, Aug 2012 to the paper (same source)."""

BACKGROUND_2002_KG_PER_DAY = (3805.0 - 3669.0) / 77.0
"""Propellant used with no orbit change from station tanks, 7 Nov 2002 -> 23 Jan 2003 (77 days),
NASA ISS On-Orbit Status reports (see the module docstring): 1.77 kg/day."""

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class AttitudeBudget:
    """Attitude-control propellant as a daily draw (see the module docstring for the figures).

    ``maneuvers_per_year`` large rotations of ``kg_per_maneuver`` each, plus
    ``background_kg_per_day`` for everything else (desaturation, thruster hold during dockings).
    The default budget is zero: a scenario opts in with an ``[attitude]`` table.
    """

    maneuvers_per_year: float = 0.0
    kg_per_maneuver: float = OPM_180_DEG_KG
    background_kg_per_day: float = 0.0

    @property
    def kg_per_day(self) -> float:
        """Propellant drawn per day of flight, kg."""
        return (
            self.maneuvers_per_year * self.kg_per_maneuver / DAYS_PER_YEAR
            + self.background_kg_per_day
        )

    @property
    def kg_per_year(self) -> float:
        """Propellant drawn per year of flight, kg."""
        return self.kg_per_day * DAYS_PER_YEAR

    def describe(self) -> str:
        """One line for summaries: the rate and where it comes from."""
        parts = []
        if self.maneuvers_per_year:
            parts.append(f"{self.maneuvers_per_year:g} rotations/yr x {self.kg_per_maneuver:g} kg")
        if self.background_kg_per_day:
            parts.append(f"{self.background_kg_per_day:g} kg/day background")
        if not parts:
            return "attitude control: not budgeted"
        return f"attitude control: {' + '.join(parts)} = {self.kg_per_year:,.0f} kg/yr"
