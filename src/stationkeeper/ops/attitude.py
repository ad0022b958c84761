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

What holds a part's attitude (:func:`attitude_means`) is a need, not a constant:

* **CMGs with thrusters to desaturate them** (the whole ISS): the scenario's budget above.
  The four US CMGs sit on the Z1 truss (4,880 N·m·s each, at least two needed for control);
  when they saturate the Russian segment's thrusters desaturate them (iss_facts §3; one
  desaturation after a bad command, Feb 2005, used ~14 kg: :data:`CMG_DESAT_EVENT_KG`).
* **Thrusters only** (the Russian segment without the US CMGs): a continuous thruster hold,
  :data:`THRUSTER_HOLD_KG_PER_DAY` = 10 kg/day -- **an assumption**: no public figure for the
  Russian segment holding attitude on thrusters alone is in the project's sources. It is
  bracketed below by the 1.77 kg/day the 2002 station used *with* CMGs holding attitude
  (thrusters only desaturated and held at dockings) and set well above it; the effect is
  linear: twice the rate, the Russian tanks run dry in half the time (the date is reported).
* **CMGs with no means to desaturate** (the US part: no thrusters): attitude holds only until
  the CMGs saturate -- no public figure gives how long, so the model reports attitude as lost
  from the day the last thruster is gone (an assumption: the earliest date).
* **Neither** (no CMGs and no thruster with propellant): attitude is lost at once.

>>> b = AttitudeBudget(maneuvers_per_year=12, kg_per_maneuver=OPM_180_DEG_KG)
>>> round(b.kg_per_year)
116
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from stationkeeper.ops.separation import CMG_MODULE_HINT
from stationkeeper.station.model import Station

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

CMG_DESAT_EVENT_KG = 14.0
"""Propellant of one CMG desaturation by thrusters after a bad command, Feb 2005 (iss_facts §3)."""

CMG_MOMENTUM_N_M_S = 4880.0
"""Angular momentum of one US CMG (Boeing/L3 fact sheet, iss_facts §3); four on Z1."""

THRUSTER_HOLD_KG_PER_DAY = 10.0
"""Assumption (no published figure): thruster-only attitude hold of the Russian segment, kg/day;
above the 1.77 kg/day of the 2002 station that had CMGs (see the module docstring)."""

CMGS_DESATURATED = "CMGs, desaturated by thrusters"
THRUSTERS_ONLY = "thrusters only"
CMGS_SATURATING = "CMGs with no thrusters to desaturate them"
NO_ATTITUDE_CONTROL = "no attitude control"


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


@dataclass(frozen=True)
class AttitudeMeans:
    """What holds a part's attitude: its CMGs and its usable attitude thrusters with propellant
    (``docked``: those of them on docked vehicles)."""

    cmgs: bool
    thrusters: tuple[str, ...]
    docked: tuple[str, ...] = ()

    @property
    def mode(self) -> str:
        if self.cmgs:
            return CMGS_DESATURATED if self.thrusters else CMGS_SATURATING
        return THRUSTERS_ONLY if self.thrusters else NO_ATTITUDE_CONTROL

    @property
    def holds(self) -> bool:
        """Whether the part can hold attitude for as long as its propellant lasts."""
        return self.mode in (CMGS_DESATURATED, THRUSTERS_ONLY)

    def kg_per_day(self, budget: AttitudeBudget) -> float:
        """Attitude-control propellant per day: the budget with CMGs; the budget's rotations
        plus the thruster-only hold (an assumption) without them; 0 when nothing can burn."""
        if self.mode == CMGS_DESATURATED:
            return budget.kg_per_day
        if self.mode == THRUSTERS_ONLY:
            turns = budget.maneuvers_per_year * budget.kg_per_maneuver / DAYS_PER_YEAR
            return turns + THRUSTER_HOLD_KG_PER_DAY
        return 0.0

    def describe(self) -> str:
        """One line: the mode and what gives it."""
        if self.mode == THRUSTERS_ONLY:
            via = ", ".join(self.thrusters)
            return f"{self.mode} ({via}; hold {THRUSTER_HOLD_KG_PER_DAY:g} kg/day, assumption)"
        if self.mode == CMGS_SATURATING:
            return f"{self.mode}: attitude lost once they saturate (time not modelled)"
        if self.mode == NO_ATTITUDE_CONTROL:
            return "no CMGs and no attitude thruster with propellant: attitude lost"
        return f"{self.mode} ({', '.join(self.thrusters)})"


def has_cmgs(station: Station) -> bool:
    """Whether the station carries the US CMGs (the Z1 truss)."""
    return any(CMG_MODULE_HINT in m.name for m in station.modules)


def attitude_means(
    station: Station,
    *,
    engine_stopped_owners: Iterable[str] = (),
    propellant_stopped_owners: Iterable[str] = (),
) -> AttitudeMeans:
    """The station's CMGs and the attitude thrusters that can fire: not stopped by their
    owner's exit, fed by a tank with propellant whose owner still supplies it."""
    stopped_e, stopped_p = set(engine_stopped_owners), set(propellant_stopped_owners)
    tanks = {t.name: t for t in station.tanks}
    vehicles = {v.name for v in station.vehicles}
    usable = []
    for e in station.engines_by_role("attitude"):
        if e.owner in stopped_e:
            continue
        fed = [tanks[n] for n in e.feeds if n in tanks]
        if any(t.fill_kg > 1e-9 and t.owner not in stopped_p for t in fed):
            usable.append(e)
    return AttitudeMeans(
        has_cmgs(station),
        tuple(e.name for e in usable),
        tuple(e.name for e in usable if e.host in vehicles),
    )
