"""The books of one scenario run: the atmosphere, the partners' exits, the reboost policy in
force, the propellant ledger, the mass balance and the event log; and the bookkeeping every
event and the run loop share (a burn, a propellant draw, a log line)."""

from __future__ import annotations

from datetime import datetime

from stationkeeper.environment.atmosphere_factory import check_span, make_atmosphere
from stationkeeper.ops.partner_exit import Exits
from stationkeeper.ops.propellant import Ledger
from stationkeeper.ops.reboost import BurnResult, burn, delta_a_for_dv
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.scenario.bodies import Body
from stationkeeper.scenario.model import Scenario
from stationkeeper.station.model import Station

#: The columns of the event log (``Result.events``, events.csv).
EVENT_COLUMNS = [
    "epoch_utc",
    "body",
    "type",
    "name",
    "detail",
    "dv_m_s",
    "propellant_kg",
    "delta_altitude_km",
    "mean_altitude_km",
    "mass_kg",
    "crew",
]


class RunState:
    """Everything a run changes besides the bodies (one per :func:`simulate` call).

    ``mass`` (kg): initial, delivered, departed, spent, reentered — the station-mass balance;
    ``log``: the event log rows; ``rows``: the time-series rows; ``cancelled``: names of
    arrivals that did not happen; ``running``: False after an ``end`` event.
    """

    def __init__(self, sc: Scenario) -> None:
        self.sc = sc
        self.atm = make_atmosphere(sc.atmosphere, sc.solar)
        check_span(self.atm, sc.start, sc.duration_days, sc.solar)
        self.exits = Exits()
        self.policy = sc.policy
        self.ledger = Ledger.start(sc.station)
        self.log: list[dict] = []
        self.rows: list[dict] = []
        self.cancelled: set[str] = set()
        self.mass = {
            "initial": sc.station.total_mass_kg,
            "delivered": 0.0,
            "departed": 0.0,
            "spent": 0.0,
            "reentered": 0.0,
        }
        self.violations: list[str] = []
        self.attitude_short: set[str] = set()
        self.limits: list[dict] = []
        # consumables are a limit only when the scenario gives stocks ([consumables])
        self.tracks_consumables = any(v > 0 for v in sc.consumables.as_dict().values())
        self.running = True
        self.end_of_life: dict | None = None  # a deorbit or abandon event (events/end_of_life)

    def forces(self, st: Station) -> ForceModel:
        """J2..J6 gravity and drag on station ``st`` in the run's atmosphere."""
        return ForceModel.with_drag(self.atm, st.ballistic_coefficient_kg_m2)

    def stopped_owners(self) -> dict[str, set[str]]:
        """The keyword arguments of the burns: owners that stopped engines / propellant."""
        return {
            "engine_stopped_owners": self.exits.owners("engines"),
            "propellant_stopped_owners": self.exits.owners("propellant"),
        }

    def note(
        self,
        t: datetime,
        body: Body | None,
        typ: str,
        name: str,
        detail: str,
        *,
        dv_m_s: float | None = None,
        propellant_kg: float | None = None,
        delta_altitude_km: float | None = None,
    ) -> None:
        """Write one line of the event log (with the body's state after the event)."""
        self.log.append(
            {
                "epoch_utc": t,
                "body": None if body is None else body.name,
                "type": typ,
                "name": name,
                "detail": detail,
                "dv_m_s": dv_m_s,
                "propellant_kg": propellant_kg,
                "delta_altitude_km": delta_altitude_km,
                "mean_altitude_km": None if body is None else body.altitude_km,
                "mass_kg": None if body is None else body.station.total_mass_kg,
                "crew": None if body is None else body.crew,
            }
        )

    def limit(
        self, t: datetime, body: Body, kind: str, detail: str, *, key: str = "", when=None
    ) -> bool:
        """Report a limit that ends (part of) the what-if once per body and ``kind``/``key``:
        a ``limit`` line in the event log and an entry in ``limits`` (with ``when``, the date
        the limit was reached, default ``t``). False if already reported."""
        tag = f"{kind}:{key}"
        if tag in body.limits_seen:
            return False
        body.limits_seen.add(tag)
        self.note(t, body, "limit", kind, detail)
        self.limits.append(
            {
                "date": (when or t).isoformat(),
                "body": body.name,
                "limit": kind,
                "detail": detail,
            }
        )
        return True

    def spend(self, t: datetime, body: Body, by_tank: dict[str, float], purpose: str) -> None:
        """Book propellant burnt from tanks (kg by tank) for ``purpose``; warn of dry tanks."""
        self.ledger.spend(t, by_tank, purpose)
        self.mass["spent"] += sum(by_tank.values())
        self.warn_dry(t, body)

    def warn_dry(self, t: datetime, body: Body) -> None:
        """Log a warning for each tank of the body that has just run dry."""
        for msg in self.ledger.check_dry(t, body.station):
            self.note(t, body, "warning", "dry tank", msg)

    def burn(self, b: Body, dv_m_s: float, engines) -> BurnResult:
        """Burn |dv_m_s| (m/s) with the engines of the priority list ``engines`` that the
        partners still allow; the body's station loses the propellant."""
        b.station, res = burn(b.station, dv_m_s, engines, **self.stopped_owners())
        return res

    def apply_dv(
        self, t: datetime, b: Body, dv_m_s: float, by_tank: dict[str, float], purpose: str
    ) -> float:
        """Move the mean orbit by a tangential Δv (m/s), book the propellant (kg by tank) and,
        for reboosts, the body's counters; returns the change of semi-major axis (m)."""
        dh = delta_a_for_dv(float(b.x[0]), dv_m_s)
        b.x[0] += dh
        if purpose == "reboost":
            b.reboosts += 1
            b.reboost_dv_m_s += dv_m_s
        self.spend(t, b, by_tank, purpose)
        return dh

    def do_burn(self, t: datetime, b: Body, dv_m_s: float, engines, typ: str, name: str) -> float:
        """A commanded burn of |dv_m_s| (sign: direction), logged as ``typ``; returns the Δv
        achieved (m/s, signed)."""
        res = self.burn(b, dv_m_s, engines)
        if res.dv_m_s:
            purpose = "debris_avoidance" if typ == "debris_avoidance" else "burn"
            dh = self.apply_dv(t, b, res.dv_m_s, res.propellant_by_tank_kg, purpose)
            detail = f"{res.dv_m_s:+.2f} m/s with {', '.join(res.engines)}"
            if res.shortfall_m_s > 1e-6:
                detail += f"; {res.shortfall_m_s:.2f} m/s short (no more usable propellant)"
            self.note(
                t,
                b,
                typ,
                name,
                detail,
                dv_m_s=res.dv_m_s,
                propellant_kg=res.propellant_kg,
                delta_altitude_km=dh / 1e3,
            )
        else:
            self.note(
                t,
                b,
                "no_engine",
                name,
                f"no engine can burn ({dv_m_s:+.2f} m/s asked): no usable engine or propellant",
                dv_m_s=0.0,
            )
        return res.dv_m_s
