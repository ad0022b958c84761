"""Reboost: Δv from an orbit change, propellant from the rocket equation, engines by priority.

* Δv for a change of mean semi-major axis: Gauss's equation for a tangential impulse on a
  near-circular orbit, Δa = 2 a Δv / v, so Δv = v Δa / (2 a) with v = √(μ/a).
* Propellant for Δv with exhaust velocity c = Isp g0 from mass m0: m_p = m0 (1 − e^(−Δv/c)).
* An engine draws from the tanks that feed it, in their listed order; engines are tried in the
  priority order of the policy; an engine whose owner (or whose tanks' owner) has stopped
  providing it is skipped. What no engine can give is reported as a shortfall.
* The decision (:func:`plan_reboost`, :func:`plan_departure_reboost`): at or below the floor,
  burn back to the target; a vehicle about to leave first burns its own reboost propellant
  toward the target. The scenario run only applies the plan to its orbit and books.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from stationkeeper.constants import MU_EARTH_M3_S2, R_EARTH_EQ_M
from stationkeeper.orbit.history import altitude_series, detect_manoeuvres
from stationkeeper.rocket import dv_for_propellant, propellant_for_dv
from stationkeeper.station.model import Engine, Station


@dataclass(frozen=True)
class ReboostPolicy:
    """Keep the mean altitude in a band: when it reaches ``floor_km``, burn back to ``target_km``.

    ``engines`` is the priority list; an entry matches an engine by its name, its host (module
    or vehicle name), its host vehicle's type (``"Progress MS"``, ``"Cygnus"``...) or its owner.
    Attitude-control propellant is budgeted apart: :mod:`stationkeeper.ops.attitude`.

    ``on_demand_isp_s`` > 0 answers "what would it take": whatever Δv the listed engines cannot
    give at a reboost is given by a virtual engine of that Isp whose propellant appears when
    needed (owner ``"on demand"``, counted as delivered and spent at once), so the band holds
    and the summary says how much more propellant that took.

    ``use_before_departure``: a vehicle about to undock first burns its own reboost propellant
    to raise the station toward ``target_km`` (use it or lose it, as operations do), instead
    of taking it home.
    """

    enabled: bool = True
    floor_km: float = 400.0
    target_km: float = 420.0
    engines: tuple[str, ...] = ("Zvezda main engines", "Progress MS", "Cygnus", "Cargo Dragon")
    on_demand_isp_s: float = 0.0
    use_before_departure: bool = True


@dataclass(frozen=True)
class BurnResult:
    """What a burn did: Δv asked and achieved, propellant per tank, engines used."""

    dv_asked_m_s: float
    dv_m_s: float
    propellant_by_tank_kg: dict[str, float] = field(default_factory=dict)
    engines: tuple[str, ...] = ()

    @property
    def propellant_kg(self) -> float:
        return float(sum(self.propellant_by_tank_kg.values()))

    @property
    def shortfall_m_s(self) -> float:
        return max(0.0, abs(self.dv_asked_m_s) - abs(self.dv_m_s))


def circular_speed_m_s(a_m: float) -> float:
    return math.sqrt(MU_EARTH_M3_S2 / a_m)


def dv_for_delta_a(a_m: float, delta_a_m: float) -> float:
    """Tangential Δv (m/s, signed) that changes the mean semi-major axis by ``delta_a_m``."""
    return circular_speed_m_s(a_m) * delta_a_m / (2.0 * a_m)


def delta_a_for_dv(a_m: float, dv_m_s: float) -> float:
    """Change of mean semi-major axis (m) from a tangential Δv (Gauss, Δa = 2aΔv/v)."""
    return 2.0 * a_m * dv_m_s / circular_speed_m_s(a_m)


def altitude_to_a_m(altitude_km: float) -> float:
    return R_EARTH_EQ_M + altitude_km * 1e3


def propellant_from_history(
    history, start_utc, end_utc, mass_kg: float, isp_s: float
) -> tuple[float, list]:
    """Propellant (kg) that the orbit changes seen in a TLE history between two dates cost:
    each change found by :func:`stationkeeper.orbit.history.detect_manoeuvres` turned into a
    tangential Δv (Gauss, at the median mean altitude of the span) and into propellant
    (Tsiolkovsky) for a ``mass_kg`` vehicle at ``isp_s``. Returns (kg, the changes)."""
    h = altitude_series(history)
    t = h["t_unix_s"].to_numpy()
    inside = (t > start_utc.timestamp()) & (t < end_utc.timestamp())
    a = altitude_to_a_m(float(np.median(h["mean_altitude_km"].to_numpy()[inside])))
    changes = [m for m in detect_manoeuvres(history) if start_utc < m.epoch_utc < end_utc]
    kg = sum(
        propellant_for_dv(mass_kg, dv_for_delta_a(a, m.delta_altitude_km * 1e3), isp_s)
        for m in changes
    )
    return float(kg), changes


def _host_type(station: Station, host: str) -> str | None:
    for v in station.vehicles:
        if v.name == host:
            return v.type
    return None


def engine_matches(station: Station, engine: Engine, entry: str) -> bool:
    return entry in (engine.name, engine.host, engine.owner, _host_type(station, engine.host))


def engines_in_priority(
    station: Station, priority: Sequence[str], role: str = "reboost"
) -> list[Engine]:
    """Engines of ``role`` in the order of the first priority entry each matches
    (engines no entry matches are left out)."""
    out: list[Engine] = []
    for entry in priority:
        for e in station.engines:
            if e.role == role and e not in out and engine_matches(station, e, entry):
                out.append(e)
    return out


def _usable_tanks(station: Station, engine: Engine, stopped_owners: Iterable[str]) -> list[str]:
    stopped = set(stopped_owners)
    names = []
    for name in engine.feeds:
        try:
            t = station.tank(name)
        except KeyError:
            continue
        if t.owner not in stopped and t.fill_kg > 0:
            names.append(name)
    return names


def _drain(
    station: Station, tanks: Sequence[str], kg: float, used: dict[str, float]
) -> tuple[Station, float]:
    """Take up to ``kg`` from ``tanks`` in order, each emptied before the next; adds what each
    gave to ``used``; returns the new station and the kg taken."""
    fills = {}
    left = float(kg)
    for n in tanks:
        if left <= 0:
            break
        t = station.tank(n)
        d = min(t.fill_kg, left)
        fills[n] = t.fill_kg - d
        used[n] = used.get(n, 0.0) + d
        left -= d
    return station.with_tank_fills(fills), float(kg) - left


def burn(
    station: Station,
    dv_m_s: float,
    priority: Sequence[str],
    *,
    engine_stopped_owners: Iterable[str] = (),
    propellant_stopped_owners: Iterable[str] = (),
) -> tuple[Station, BurnResult]:
    """Give the station |dv_m_s| with the engines in ``priority`` order; return the new station.

    Each engine burns until the Δv is reached or its usable tanks are empty; the station's
    mass drops by what was burnt (tank fills go down) before the next engine takes over.
    """
    want = abs(float(dv_m_s))
    stopped_e = set(engine_stopped_owners)
    used: dict[str, float] = {}
    names: list[str] = []
    got = 0.0
    for engine in engines_in_priority(station, priority):
        if got >= want - 1e-12:
            break
        if engine.owner in stopped_e:
            continue
        tanks = _usable_tanks(station, engine, propellant_stopped_owners)
        avail = float(sum(station.tank(n).fill_kg for n in tanks))
        if avail <= 0:
            continue
        m = station.total_mass_kg
        need = propellant_for_dv(m, want - got, engine.isp_s)
        take = min(need, avail)
        got += want - got if take >= need else dv_for_propellant(m, take, engine.isp_s)
        station, _ = _drain(station, tanks, take, used)
        names.append(engine.name)
    sign = 1.0 if dv_m_s >= 0 else -1.0
    return station, BurnResult(abs(dv_m_s), got * sign if got else 0.0, used, tuple(names))


def draw_attitude_propellant(
    station: Station,
    kg: float,
    *,
    engine_stopped_owners: Iterable[str] = (),
    propellant_stopped_owners: Iterable[str] = (),
) -> tuple[Station, dict[str, float]]:
    """Take ``kg`` from the tanks feeding usable attitude thrusters (first ones first)."""
    stopped_e = set(engine_stopped_owners)
    used: dict[str, float] = {}
    left = float(kg)
    for engine in station.engines_by_role("attitude"):
        if left <= 0:
            break
        if engine.owner in stopped_e:
            continue
        station, took = _drain(
            station, _usable_tanks(station, engine, propellant_stopped_owners), left, used
        )
        left -= took
    return station, used


@dataclass(frozen=True)
class ReboostPlan:
    """A reboost decided by :func:`plan_reboost`, already burnt on ``station``.

    ``dv_asked_m_s``: the Δv back to the target (m/s); ``burn``: what the listed engines gave;
    ``on_demand_dv_m_s`` / ``on_demand_kg``: what the virtual on-demand engine gave (m/s) and
    the propellant it took (kg); ``station``: the station after the engines' burn (tanks down).
    """

    dv_asked_m_s: float
    burn: BurnResult
    on_demand_dv_m_s: float
    on_demand_kg: float
    station: Station

    @property
    def dv_m_s(self) -> float:
        """Δv achieved (m/s): the engines' plus the on-demand top-up."""
        return self.burn.dv_m_s + self.on_demand_dv_m_s

    @property
    def propellant_kg(self) -> float:
        """Propellant burnt (kg): from the tanks plus on demand."""
        return self.burn.propellant_kg + self.on_demand_kg

    @property
    def short_m_s(self) -> float:
        """Δv still missing to reach the target (m/s), 0 when it was reached."""
        return abs(self.dv_asked_m_s) - self.dv_m_s


def dv_to_target_m_s(policy: ReboostPolicy, a_m: float) -> float:
    """Tangential Δv that takes the mean orbit to the policy's target.

    Parameters
    ----------
    policy : ReboostPolicy
        Its ``target_km`` (mean altitude, km).
    a_m : float
        Mean semi-major axis now, m.

    Returns
    -------
    float
        Δv, m/s (Gauss; negative when above the target).
    """
    return dv_for_delta_a(a_m, altitude_to_a_m(policy.target_km) - a_m)


def plan_reboost(
    policy: ReboostPolicy,
    station: Station,
    a_m: float,
    *,
    engine_stopped_owners: Iterable[str] = (),
    propellant_stopped_owners: Iterable[str] = (),
) -> ReboostPlan | None:
    """The policy's reboost decision: when to burn and how much.

    At or below ``floor_km`` the Δv back to ``target_km`` is burnt with the policy's engines
    in priority order (skipping those whose owner stopped providing engines or propellant);
    with ``on_demand_isp_s`` > 0 the rest comes from on-demand propellant (Tsiolkovsky at
    that Isp for the station's mass after the engines' burn).

    Parameters
    ----------
    policy : ReboostPolicy
        The policy in force.
    station : Station
        The station before the burn.
    a_m : float
        Mean semi-major axis, m.
    engine_stopped_owners, propellant_stopped_owners : iterable of str
        Owners that no longer provide engines / propellant.

    Returns
    -------
    ReboostPlan or None
        None when the policy is off or the mean altitude is above the floor.
    """
    if not policy.enabled or (a_m - R_EARTH_EQ_M) / 1e3 > policy.floor_km:
        return None
    dv = dv_to_target_m_s(policy, a_m)
    station, res = burn(
        station,
        dv,
        policy.engines,
        engine_stopped_owners=engine_stopped_owners,
        propellant_stopped_owners=propellant_stopped_owners,
    )
    short = abs(dv) - res.dv_m_s
    extra_dv = extra_kg = 0.0
    if policy.on_demand_isp_s > 0 and short > 1e-6:
        extra_dv = short
        extra_kg = propellant_for_dv(station.total_mass_kg, short, policy.on_demand_isp_s)
    return ReboostPlan(dv, res, extra_dv, extra_kg, station)


def plan_departure_reboost(
    policy: ReboostPolicy,
    station: Station,
    a_m: float,
    vehicle: str,
    *,
    engine_stopped_owners: Iterable[str] = (),
    propellant_stopped_owners: Iterable[str] = (),
) -> tuple[Station, BurnResult] | None:
    """Use it or lose it: a leaving vehicle burns its own reboost propellant toward the target.

    Parameters
    ----------
    policy : ReboostPolicy
        The policy in force (``enabled``, ``use_before_departure``, ``target_km``).
    station : Station
        The station with ``vehicle`` still docked.
    a_m : float
        Mean semi-major axis, m.
    vehicle : str
        Name of the vehicle about to undock.
    engine_stopped_owners, propellant_stopped_owners : iterable of str
        Owners that no longer provide engines / propellant.

    Returns
    -------
    (Station, BurnResult) or None
        The station after the burn of the vehicle's reboost engines and the burn; None when
        the policy is off or does not ``use_before_departure``, the vehicle hosts no reboost
        engine, or less than 0.01 m/s separates the orbit from the target (or it is above).
    """
    if not (policy.enabled and policy.use_before_departure):
        return None
    own = [e.name for e in station.engines_by_role("reboost") if e.host == vehicle]
    if not own:
        return None
    dv = dv_to_target_m_s(policy, a_m)
    if dv <= 0.01:
        return None
    return burn(
        station,
        dv,
        own,
        engine_stopped_owners=engine_stopped_owners,
        propellant_stopped_owners=propellant_stopped_owners,
    )
