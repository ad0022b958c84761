"""``simulate(scenario)``: propagate between events, apply each event to the station.

The orbit of each flying body (the station, and after a separation both parts) is advanced
with the Averaged propagator in steps of ``output_step_days`` (shorter up to an event), always
continuing from its mean elements. After every step the reboost policy is checked: at or below
the floor, a tangential burn back to the target is planned (Δv from Gauss, Δa = 2aΔv/v),
its propellant taken by the rocket equation from the tanks of the engines in priority order,
and the burn applied to the mean semi-major axis. Every change is written to the event log;
every kilogram of propellant and of station mass is accounted for (see ``ops.propellant``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from stationkeeper.constants import R_EARTH_EQ_M, REENTRY_ALTITUDE_M
from stationkeeper.ops import consumables as cons
from stationkeeper.ops import reboost as rb
from stationkeeper.ops import separation as sep
from stationkeeper.ops import traffic
from stationkeeper.ops.partner_exit import SERVICES, Exits, crew_vehicles_of
from stationkeeper.ops.propellant import Ledger, propellant_by_owner
from stationkeeper.ops.random_conjunctions import draw_manoeuvre_times
from stationkeeper.orbit.averaged import (
    mean_state_from_osculating,
    propagate_averaged,
    state_from_mean,
)
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.state import state_from_elements
from stationkeeper.rocket import propellant_for_dv
from stationkeeper.scenario.file import Event, Scenario
from stationkeeper.station.model import Station

# Averaged-propagator settings for scenario runs: RK4 steps up to a day (still shortened by the
# decay limit near reentry) and 18 density samples per orbit. Against the propagator's defaults
# (6 h, 36 samples) a 477-day ISS decay to reentry differs by 7 h, at a quarter of the cost.
MAX_STEP_S = 86400.0
SAMPLES_PER_ORBIT = 18

EVENT_COLUMNS = [
    "epoch_utc",
    "body",
    "type",
    "name",
    "detail",
    "dv_mps",
    "propellant_kg",
    "delta_altitude_km",
    "mean_altitude_km",
    "mass_kg",
    "crew",
]


@dataclass
class Body:
    """One flying object of the scenario (the station; after a separation, each part)."""

    name: str
    station: Station
    x: np.ndarray
    crew: int
    stock: cons.Stock
    alive: bool = True
    reentry_utc: datetime | None = None
    regime: str = ""
    no_engine_logged: bool = False
    violation: bool = False
    reboosts: int = 0
    reboost_dv_m_s: float = 0.0
    on_demand_kg: float = 0.0
    born_utc: datetime | None = None
    losses: dict | None = None

    @property
    def altitude_km(self) -> float:
        return (float(self.x[0]) - R_EARTH_EQ_M) / 1e3


@dataclass
class Result:
    """What a run produced: the time series, the event log, the summary and the final state."""

    scenario: Scenario
    timeseries: pd.DataFrame
    events: pd.DataFrame
    summary: dict
    ledger: Ledger
    bodies: list[Body] = field(default_factory=list)


class _Run:
    def __init__(self, sc: Scenario, progress: Callable[[float], None] | None) -> None:
        from stationkeeper.environment.atmosphere_factory import check_span as _check_span
        from stationkeeper.environment.atmosphere_factory import make_atmosphere

        self.sc = sc
        self.progress = progress
        self.atm = make_atmosphere(sc.atmosphere, sc.solar)
        _check_span(self.atm, sc.start, sc.duration_days, sc.solar)
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

    # --- helpers -----------------------------------------------------------------------

    def forces(self, st: Station) -> ForceModel:
        return ForceModel(6, self.atm, 1.0 / st.ballistic_coefficient_kg_m2)

    def note(self, t: datetime, body: Body | None, typ: str, name: str, detail: str, **kw) -> None:
        self.log.append(
            {
                "epoch_utc": t,
                "body": None if body is None else body.name,
                "type": typ,
                "name": name,
                "detail": detail,
                "dv_mps": kw.get("dv"),
                "propellant_kg": kw.get("prop"),
                "delta_altitude_km": kw.get("dh"),
                "mean_altitude_km": None if body is None else body.altitude_km,
                "mass_kg": None if body is None else body.station.total_mass_kg,
                "crew": None if body is None else body.crew,
            }
        )

    def spend(self, t: datetime, body: Body, by_tank: dict[str, float], purpose: str) -> None:
        self.ledger.spend(t, by_tank, purpose)
        self.mass["spent"] += sum(by_tank.values())
        self._warn_dry(t, body)

    def _warn_dry(self, t: datetime, body: Body) -> None:
        for msg in self.ledger.check_dry(t, body.station):
            self.note(t, body, "warning", "dry tank", msg)

    # --- physics between events --------------------------------------------------------

    def advance(self, b: Body, t: datetime, dt_s: float) -> None:
        traj = propagate_averaged(
            state_from_mean(t, b.x),
            self.forces(b.station),
            dt_s,
            output_step_s=dt_s,
            stop_altitude_m=REENTRY_ALTITUDE_M,
            mean_state=b.x,
            max_step_s=MAX_STEP_S,
            samples_per_orbit=SAMPLES_PER_ORBIT,
        )
        b.x = np.array(traj.meta["mean_state_0"], dtype=float)  # the final mean state
        b.regime = str(traj.table["space_weather"].iloc[-1])
        days = dt_s / 86400.0
        b.stock = cons.consume(b.stock, b.crew, days, self.sc.water_recovery)
        want = self.sc.attitude.kg_per_day * days
        if want > 0:
            b.station, used = rb.draw_attitude_propellant(
                b.station,
                want,
                engine_stopped_owners=self.exits.owners("engines"),
                propellant_stopped_owners=self.exits.owners("propellant"),
            )
            self.spend(t + timedelta(seconds=dt_s), b, used, "attitude")
            got = sum(used.values())
            if got < want - 1e-6 and b.name not in self.attitude_short:
                self.attitude_short.add(b.name)
                self.note(
                    t + timedelta(seconds=dt_s),
                    b,
                    "warning",
                    "attitude control",
                    f"no usable attitude thruster propellant ({got:.1f} of {want:.1f} kg): "
                    "CMGs only from here on (not modelled further)",
                )
        if traj.reentry_utc is not None:
            b.alive = False
            b.reentry_utc = traj.reentry_utc
            left = {tk.name: tk.fill_kg for tk in b.station.tanks}
            self.ledger.reenter(left)
            self.mass["reentered"] += b.station.total_mass_kg
            self.note(traj.reentry_utc, b, "reentry", b.name, "mean altitude below 120 km")

    def _burn(self, b: Body, dv: float, engines) -> rb.BurnResult:
        """Burn with the engines of ``engines`` that the partners still allow."""
        b.station, res = rb.burn(
            b.station,
            dv,
            engines,
            engine_stopped_owners=self.exits.owners("engines"),
            propellant_stopped_owners=self.exits.owners("propellant"),
        )
        return res

    def _apply_dv(
        self, t: datetime, b: Body, dv_m_s: float, by_tank: dict[str, float], purpose: str
    ) -> float:
        """Move the mean orbit by a tangential Δv, book the propellant (and, for reboosts, the
        body's counters); returns the change of semi-major axis, m."""
        dh = rb.delta_a_for_dv(float(b.x[0]), dv_m_s)
        b.x[0] += dh
        if purpose == "reboost":
            b.reboosts += 1
            b.reboost_dv_m_s += dv_m_s
        self.spend(t, b, by_tank, purpose)
        return dh

    def do_burn(self, t: datetime, b: Body, dv: float, engines, typ: str, name: str) -> float:
        """Burn |dv| (sign: direction); returns the Δv achieved (signed)."""
        res = self._burn(b, dv, engines)
        if res.dv_m_s:
            purpose = "debris_avoidance" if typ == "debris_avoidance" else "burn"
            dh = self._apply_dv(t, b, res.dv_m_s, res.propellant_by_tank_kg, purpose)
            detail = f"{res.dv_m_s:+.2f} m/s with {', '.join(res.engines)}"
            if res.shortfall_m_s > 1e-6:
                detail += f"; {res.shortfall_m_s:.2f} m/s short (no more usable propellant)"
            self.note(t, b, typ, name, detail, dv=res.dv_m_s, prop=res.propellant_kg, dh=dh / 1e3)
        else:
            self.note(
                t,
                b,
                "no_engine",
                name,
                f"no engine can burn ({dv:+.2f} m/s asked): no usable engine or propellant",
                dv=0.0,
            )
        return res.dv_m_s

    def maybe_reboost(self, t: datetime, b: Body) -> None:
        p = self.policy
        if not p.enabled or b.altitude_km > p.floor_km:
            return
        a = float(b.x[0])
        dv = rb.dv_for_delta_a(a, rb.altitude_to_a_m(p.target_km) - a)
        res = self._burn(b, dv, p.engines)
        short = abs(dv) - res.dv_m_s
        extra_dv = extra_kg = 0.0
        if p.on_demand_isp_s > 0 and short > 1e-6:
            extra_dv = short
            extra_kg = propellant_for_dv(b.station.total_mass_kg, short, p.on_demand_isp_s)
            self.ledger.on_demand(t, extra_kg, "reboost")
            self.mass["delivered"] += extra_kg
            self.mass["spent"] += extra_kg
            b.on_demand_kg += extra_kg
        got = res.dv_m_s + extra_dv
        if got > 0:
            dh = self._apply_dv(t, b, got, res.propellant_by_tank_kg, "reboost")
            b.no_engine_logged = False
            parts = [f"{res.dv_m_s:.2f} m/s with {', '.join(res.engines)}"] if res.engines else []
            if extra_dv:
                parts.append(f"{extra_dv:.2f} m/s on demand ({extra_kg:.0f} kg)")
            detail = " + ".join(parts)
            if abs(dv) - got > 1e-6:
                detail += f"; {abs(dv) - got:.2f} m/s short of the target"
            self.note(
                t,
                b,
                "reboost",
                "policy",
                detail,
                dv=got,
                prop=res.propellant_kg + extra_kg,
                dh=dh / 1e3,
            )
        elif not b.no_engine_logged:
            b.no_engine_logged = True
            self.note(
                t,
                b,
                "no_engine",
                "policy",
                f"at the floor ({b.altitude_km:.1f} km) but no engine can burn: decaying",
            )

    # --- events ------------------------------------------------------------------------

    def body_for(self, ev: Event, bodies: list[Body]) -> Body | None:
        want = ev.get("body")
        if want is None:
            if ev.type in ("departure", "relocation"):
                for b in bodies:
                    if any(v.name == ev.get("name") for v in b.station.vehicles):
                        return b
            if ev.type == "transfer":
                for b in bodies:
                    if any(tk.name == ev.get("to") for tk in b.station.tanks):
                        return b
            return bodies[0]
        for b in bodies:
            if b.name == want:
                return b
        return None

    def apply(self, ev: Event, bodies: list[Body]) -> bool:
        """Apply one event; False means 'end of the run'."""
        t = ev.date
        if ev.type == "end":
            self.note(t, None, "end", "end", ev.get("note", "end event"))
            return False
        if ev.type == "reboost_policy":
            # the keys given change, the others keep the policy in force (each value takes
            # the type of the field it replaces: TOML 400 -> 400.0, a list -> a tuple)
            p = self.policy
            keys = {f.name for f in fields(p)}
            self.policy = replace(
                p, **{k: type(getattr(p, k))(v) for k, v in ev.fields.items() if k in keys}
            )
            q = self.policy
            self.note(
                t,
                None,
                "reboost_policy",
                "policy",
                f"{'on' if q.enabled else 'off'}, floor {q.floor_km:g} km, target "
                f"{q.target_km:g} km, engines {', '.join(q.engines)}",
            )
            return True
        if ev.type == "partner_exit":
            owner = ev.get("owner")
            stops = tuple(ev.get("stops", SERVICES))
            self.exits.stop(owner, stops)
            self.note(t, None, "partner_exit", owner, "stops providing " + ", ".join(stops))
            if "crew" in stops:
                for b in bodies:
                    if not b.alive:
                        continue
                    for name in crew_vehicles_of(b.station, owner):
                        self._depart(t, b, name, None, why=f"{owner} crew leave")
            return True
        b = self.body_for(ev, bodies)
        if b is None or not b.alive:
            self.note(t, b, "skipped", ev.type, f"no flying body for event {ev.index}")
            return True
        if ev.type == "arrival":
            self._arrive(t, b, ev)
        elif ev.type == "departure":
            name = ev.get("name")
            if name in self.cancelled:
                self.note(t, b, "skipped", name, "departure of a cancelled arrival")
            elif not any(v.name == name for v in b.station.vehicles):
                self.note(t, b, "skipped", name, "not docked (left earlier)")
            else:
                self._depart(t, b, name, ev.get("crew"))
        elif ev.type == "relocation":
            name = ev.get("name")
            if name in self.cancelled or not any(v.name == name for v in b.station.vehicles):
                self.note(t, b, "skipped", name, "relocation: not docked")
            elif ev.get("port") not in traffic.all_ports(b.station):
                self.note(t, b, "skipped", name, f"relocation: {b.name} has no {ev.get('port')}")
            elif traffic.port_occupant(b.station, ev.get("port")) not in (None, name):
                other = traffic.port_occupant(b.station, ev.get("port"))
                self.note(t, b, "skipped", name, f"relocation: {ev.get('port')} taken by {other}")
            else:
                old = b.station.vehicle(name).port
                b.station = traffic.relocate(b.station, name, ev.get("port"))
                self.note(t, b, "relocation", name, f"{old} → {ev.get('port')}")
        elif ev.type == "transfer":
            self._transfer(t, b, ev)
        elif ev.type == "burn":
            if "dv_mps" in ev.fields:
                dv = float(ev.get("dv_mps"))
            else:
                a = float(b.x[0])
                dv = rb.dv_for_delta_a(a, float(ev.get("delta_altitude_km")) * 1e3)
            self.do_burn(
                t,
                b,
                dv,
                ev.get("engines") or self.policy.engines,
                "burn",
                ev.get("note", "manual burn"),
            )
        elif ev.type == "separation":
            self._separate(t, b, ev, bodies)
        elif ev.type == "debris_avoidance":  # drawn by simulate(), not read from the file
            self.do_burn(
                t,
                b,
                float(ev.get("dv_mps")),
                ev.get("engines") or self.policy.engines,
                "debris_avoidance",
                "random conjunction (historical rate)",
            )
        return True

    def _arrive(self, t: datetime, b: Body, ev: Event) -> None:
        vt = traffic.vehicle_types()[ev.get("vehicle")]
        name = ev.get("name")
        if not self.exits.arrival_allowed(vt.owner, vt.partner):
            self.cancelled.add(name)
            self.note(t, b, "cancelled", name, f"{vt.type}: its provider has stopped flying")
            return
        port = ev.get("port")
        if port not in traffic.all_ports(b.station):
            self.cancelled.add(name)
            self.note(t, b, "cancelled", name, f"{b.name} has no port {port!r} any more")
            return
        crew = int(ev.get("crew", 0))
        vehicle, tanks, engines = traffic.make_vehicle(
            b.station,
            vt,
            name,
            ev.get("port"),
            cargo_kg=float(ev.get("cargo_kg", 0.0)),
            propellant_kg=None
            if "propellant_kg" not in ev.fields
            else float(ev.get("propellant_kg")),
            crew=crew,
            when=t.date(),
        )
        before = b.station.total_mass_kg
        b.station = traffic.arrive(b.station, vehicle, tanks, engines)
        self.ledger.deliver(b.station, [tk.name for tk in tanks])
        self.mass["delivered"] += b.station.total_mass_kg - before
        b.crew += crew
        b.stock = cons.resupply(
            b.stock,
            float(ev.get("water_kg", 0.0)),
            float(ev.get("food_kg", 0.0)),
            float(ev.get("oxygen_kg", 0.0)),
        )
        prop = sum(tk.fill_kg for tk in tanks)
        self.note(t, b, "arrival", name, f"{vt.type} at {vehicle.port}; crew +{crew}", prop=prop)

    def _use_before_departure(self, t: datetime, b: Body, name: str) -> None:
        """Burn the leaving vehicle's reboost propellant toward the target (use it or lose it)."""
        p = self.policy
        if not (p.enabled and p.use_before_departure):
            return
        own = [e.name for e in b.station.engines_by_role("reboost") if e.host == name]
        if not own:
            return
        a = float(b.x[0])
        dv = rb.dv_for_delta_a(a, rb.altitude_to_a_m(p.target_km) - a)
        if dv <= 0.01:
            return
        res = self._burn(b, dv, own)
        if res.dv_m_s > 0:
            dh = self._apply_dv(t, b, res.dv_m_s, res.propellant_by_tank_kg, "reboost")
            self.note(
                t,
                b,
                "reboost",
                "before departure",
                f"{res.dv_m_s:.2f} m/s with {', '.join(res.engines)} before it leaves",
                dv=res.dv_m_s,
                prop=res.propellant_kg,
                dh=dh / 1e3,
            )

    def _depart(self, t: datetime, b: Body, name: str, crew: int | None, why: str = "") -> None:
        self._use_before_departure(t, b, name)
        before = b.station.total_mass_kg
        b.station, v, leaving = traffic.depart(b.station, name)
        self.ledger.depart(leaving)
        self.mass["departed"] += before - b.station.total_mass_kg
        n = v.crew_aboard if crew is None else int(crew)
        n = min(n, b.crew)
        b.crew -= n
        detail = f"{v.type} from {v.port}; crew -{n}" + (f" ({why})" if why else "")
        self.note(t, b, "departure", name, detail, prop=sum(leaving.values()))

    def _transfer(self, t: datetime, b: Body, ev: Event) -> None:
        src, dst, kg = ev.get("from"), ev.get("to"), float(ev.get("kg"))
        names = {tk.name for tk in b.station.tanks}
        if src not in names or dst not in names:
            missing = src if src not in names else dst
            self.note(t, b, "skipped", "transfer", f"tank {missing!r} is not on board")
            return
        s, d = b.station.tank(src), b.station.tank(dst)
        if s.owner in self.exits.owners("propellant"):
            self.note(t, b, "skipped", "transfer", f"{s.owner} no longer provides propellant")
            return
        amount = min(kg, s.fill_kg, d.ullage_kg)
        b.station = b.station.with_tank_fills({src: s.fill_kg - amount, dst: d.fill_kg + amount})
        # the propellant changes hands: the receiving tank's owner holds it from now on
        detail = f"{amount:.0f} kg {src} → {dst}"
        if amount < kg - 1e-9:
            detail += f" (asked {kg:.0f} kg: limited by the source fill or the free space)"
        self.note(t, b, "transfer", "transfer", detail, prop=amount)
        self._warn_dry(t, b)

    def _separate(self, t: datetime, b: Body, ev: Event, bodies: list[Body]) -> None:
        if ev.get("modules") is not None:
            mods = list(ev.get("modules"))
        else:
            mods = [m.name for m in b.station.modules if m.segment == ev.get("segment")]
        before = b.station
        leaving_name = ev.get("name") or f"{before.name} ({ev.get('segment') or 'part'} part)"
        remaining, leaving, notes = sep.split(
            before, mods, leaving_name, leaving_area_m2=ev.get("drag_area_m2")
        )
        out_crew = min(b.crew, sum(v.crew_aboard for v in leaving.vehicles))
        share = out_crew / b.crew if b.crew else 0.0
        d = b.stock.as_dict()
        b.stock = cons.Stock.from_dict({k: v * (1 - share) for k, v in d.items()})
        new = Body(
            leaving_name,
            leaving,
            b.x.copy(),
            out_crew,
            cons.Stock.from_dict({k: v * share for k, v in d.items()}),
            born_utc=t,
        )
        b.crew -= out_crew
        b.station = remaining
        b.losses = sep.losses(before, remaining)
        new.losses = sep.losses(before, leaving)
        bodies.append(new)
        self.note(
            t,
            b,
            "separation",
            leaving_name,
            f"{len(leaving.modules)} modules leave; area {notes['area_split']}. "
            f"{b.name} lost: {b.losses['summary']}; {leaving_name} lost: "
            f"{new.losses['summary']}",
        )

    # --- records -----------------------------------------------------------------------

    def record(self, t: datetime, b: Body) -> None:
        st = b.station
        a = float(b.x[0])
        e = math.hypot(float(b.x[1]), float(b.x[2]))
        row = {
            "epoch_utc": t,
            "day": (t - self.sc.start).total_seconds() / 86400.0,
            "body": b.name,
            "mean_altitude_km": (a - R_EARTH_EQ_M) / 1e3,
            "perigee_km": (a * (1 - e) - R_EARTH_EQ_M) / 1e3,
            "apogee_km": (a * (1 + e) - R_EARTH_EQ_M) / 1e3,
            "mass_kg": st.total_mass_kg,
            "drag_area_m2": st.drag_area_m2,
            "ballistic_coefficient_kg_m2": st.ballistic_coefficient_kg_m2,
            "propellant_kg": st.propellant_kg,
            "crew": b.crew,
            "crew_seats": st.crew_seats,
            "vehicles": len(st.vehicles),
            "water_kg": b.stock.water_kg,
            "food_kg": b.stock.food_kg,
            "oxygen_kg": b.stock.oxygen_kg,
            "days_of_margin": cons.days_of_margin(b.stock, b.crew, self.sc.water_recovery),
            "space_weather": b.regime,
        }
        for owner, kg in propellant_by_owner(st).items():
            row[f"propellant_{owner}_kg"] = kg
        for owner, kg in self.ledger.spent_by_owner().items():  # whole run, all bodies
            row[f"spent_{owner}_kg"] = kg
        for tk in st.tanks:
            row[f"tank[{tk.name}]_kg"] = tk.fill_kg
        self.rows.append(row)

    def check_lifeboat(self, t: datetime, b: Body) -> None:
        msg = traffic.lifeboat_violation(b.station, b.crew)
        if msg and not b.violation:
            b.violation = True
            self.violations.append(f"{t.isoformat()}: {b.name}: {msg}")
            self.note(t, b, "violation", "lifeboat", msg)
        elif not msg and b.violation:
            b.violation = False
            self.note(t, b, "violation_end", "lifeboat", "seats cover the crew again")


def simulate(
    scenario: Scenario,
    progress: Callable[[float], None] | None = None,
    seed: int | None = None,
) -> Result:
    """Run ``scenario``; ``progress`` gets the fraction done. ``seed`` seeds the run's
    ``numpy.random.Generator``, from which the random debris-avoidance manoeuvres are drawn
    (``debris_avoidance = true``); everything else is deterministic."""
    wall0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    sc = scenario
    run = _Run(sc, progress)
    es = sc.elements
    state0 = state_from_elements(es)
    x0 = mean_state_from_osculating(state0, run.forces(sc.station))
    lag = (sc.start - es.epoch_utc).total_seconds()
    if lag > 60.0:
        traj = propagate_averaged(
            state0, run.forces(sc.station), lag, output_step_s=lag, mean_state=x0
        )
        x0 = np.array(traj.meta["mean_state_0"], dtype=float)
    body = Body(sc.station.name, sc.station, x0, sc.crew, sc.consumables, born_utc=sc.start)
    bodies = [body]
    t = sc.start
    end = sc.end
    step = timedelta(days=sc.output_step_days)
    events = list(sc.events)
    dam = sc.debris_avoidance
    if dam.enabled:
        drawn = [
            Event(
                -1, None, when, "debris_avoidance", {"dv_mps": dam.dv_mps, "engines": dam.engines}
            )
            for when in draw_manoeuvre_times(sc.start, sc.end, dam.rate_per_year, rng)
        ]
        events = sorted(events + drawn, key=lambda e: e.date)  # stable: file order kept
    k = 0
    next_out = t + step
    run.note(t, body, "start", sc.name, f"orbit {sc.tle_where}")
    eps = timedelta(seconds=1)
    running = True
    # events dated at the start (vehicles already docked, say) shape the first record
    while k < len(events) and events[k].date <= t + eps:
        running = run.apply(events[k], bodies) and running
        k += 1
    run.check_lifeboat(t, body)
    for b in bodies:
        run.record(t, b)
    while running and t < end - eps and any(b.alive for b in bodies):
        nxt = min(next_out, end, events[k].date if k < len(events) else end)
        dt = (nxt - t).total_seconds()
        if dt > 1.0:
            for b in list(bodies):
                if b.alive:
                    run.advance(b, t, dt)
            t = nxt
        while k < len(events) and events[k].date <= t + eps:
            running = run.apply(events[k], bodies) and running
            k += 1
            for b in bodies:
                if b.alive:
                    run.check_lifeboat(t, b)
        for b in bodies:
            if b.alive:
                run.maybe_reboost(t, b)
        if t >= next_out - eps or not running or t >= end - eps:
            for b in bodies:
                if b.alive:
                    run.record(t, b)
            while next_out <= t + eps:
                next_out += step
        if progress is not None:
            progress(min(1.0, (t - sc.start) / (end - sc.start)))
    for b in bodies:
        if not b.alive and b.reentry_utc is not None:
            run.rows.append(
                {
                    **_last_row(run.rows, b.name),
                    "epoch_utc": b.reentry_utc,
                    "day": (b.reentry_utc - sc.start).total_seconds() / 86400.0,
                    "mean_altitude_km": REENTRY_ALTITUDE_M / 1e3,
                    "space_weather": "reentry",
                }
            )
    ts = pd.DataFrame(run.rows)
    for c in ts.columns:
        if c.startswith(("propellant_", "tank[", "spent_")):
            ts[c] = ts[c].fillna(0.0)
    ts = ts.sort_values(["epoch_utc", "body"], kind="stable").reset_index(drop=True)
    ev = pd.DataFrame(run.log, columns=EVENT_COLUMNS)
    summary = _summary(run, bodies, t, time.perf_counter() - wall0, seed)
    ts.attrs = {"scenario": sc.name}
    return Result(sc, ts, ev, summary, run.ledger, bodies)


def _last_row(rows: list[dict], body: str) -> dict:
    for r in reversed(rows):
        if r["body"] == body:
            return dict(r)
    return {"body": body}


def _summary(run: _Run, bodies: list[Body], t_end: datetime, wall_s: float, seed) -> dict:
    sc = run.sc
    years = max((t_end - sc.start).total_seconds() / (365.25 * 86400), 1e-9)
    out_bodies = {}
    for b in bodies:
        life_end = b.reentry_utc or t_end
        born = b.born_utc or sc.start
        out_bodies[b.name] = {
            "final_mean_altitude_km": b.altitude_km if b.alive else REENTRY_ALTITUDE_M / 1e3,
            "reentry_utc": None if b.reentry_utc is None else b.reentry_utc.isoformat(),
            "days_in_orbit": (life_end - born).total_seconds() / 86400.0,
            "in_orbit_at_end": b.alive,
            "reboosts": b.reboosts,
            "reboosts_per_year": b.reboosts / years,
            "reboost_dv_mps": b.reboost_dv_m_s,
            "on_demand_kg": b.on_demand_kg,
            "final_mass_kg": b.station.total_mass_kg,
            "final_propellant_kg": b.station.propellant_kg,
            "final_crew": b.crew,
            "lost_at_separation": b.losses,
        }
    live = [b.station for b in bodies if b.alive]
    m = run.mass
    mass_now = sum(s.total_mass_kg for s in live)
    led = run.ledger.summary()
    return {
        "scenario": sc.name,
        "file": sc.path,
        "start_utc": sc.start.isoformat(),
        "end_utc": t_end.isoformat(),
        "duration_days": (t_end - sc.start).total_seconds() / 86400.0,
        "orbit": sc.tle_where,
        "solar": sc.solar,
        "atmosphere": sc.atmosphere,
        "seed": seed,
        "bodies": out_bodies,
        "propellant": {
            **led,
            "spent_per_year_kg": run.ledger.spent_kg / years,
            "on_demand_per_year_kg": run.ledger.on_demand_kg / years,
            "on_demand_isp_s": run.policy.on_demand_isp_s,
            "on_demand_loads_per_year": {
                t: {"loads": n, "kg_per_load": per}
                for t, (n, per) in traffic.reboost_loads(run.ledger.on_demand_kg / years).items()
            },
            "attitude_budget": {
                "maneuvers_per_year": sc.attitude.maneuvers_per_year,
                "kg_per_maneuver": sc.attitude.kg_per_maneuver,
                "background_kg_per_day": sc.attitude.background_kg_per_day,
                "kg_per_year": sc.attitude.kg_per_year,
                "text": sc.attitude.describe(),
            },
            "conservation_residual_kg": run.ledger.residual_kg(live),
        },
        "mass": {
            **{f"{k}_kg": v for k, v in m.items()},
            "final_kg": mass_now,
            "conservation_residual_kg": mass_now
            + m["departed"]
            + m["spent"]
            + m["reentered"]
            - m["initial"]
            - m["delivered"],
        },
        "lifeboat_violations": run.violations,
        "consumables_rates_kg_per_crew_day": cons.RATES_KG_PER_CREW_DAY,
        "water_recovery": sc.water_recovery,
        "run_time_s": wall_s,
    }
