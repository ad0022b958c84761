"""Propellant and orbit events: ``transfer``, ``burn``, ``reboost_policy``, and the random
``debris_avoidance`` burns the run draws itself.

Each type's keys, its check before the run and its effect.
"""

from __future__ import annotations

from dataclasses import fields, replace

from stationkeeper.ops.reboost import dv_for_delta_a
from stationkeeper.scenario.bodies import Body
from stationkeeper.scenario.events.base import EventType, Timeline, no_check
from stationkeeper.scenario.model import Event
from stationkeeper.scenario.reading import number, string, strings
from stationkeeper.scenario.state import RunState
from stationkeeper.scenario.tables import TABLE_KEYS, read_policy
from stationkeeper.tomlfile import suggest

# --- transfer ------------------------------------------------------------------------------


def check_transfer(tl: Timeline, ev: Event) -> None:
    """Both tanks exist then (the station's or an arrived vehicle's), and ``kg`` fits in
    each of them."""
    ctx, i, f = tl.ctx, ev.index, ev.fields
    src = string(ctx, f, "from", "events", i)
    dst = string(ctx, f, "to", "events", i)
    kg = number(ctx, f, "kg", "events", i, lo=0)
    known = tuple(sorted(tl.tank_cap))
    for key, tank in (("from", src), ("to", dst)):
        if tank not in tl.tank_cap:
            raise ctx.error(
                f"no tank {tank!r}{suggest(tank, known)}", "events", i, key, ", ".join(known)
            )
    for tank in (dst, src):
        if kg > tl.tank_cap[tank]:
            raise ctx.error(
                f"{kg:g} kg is larger than the tank {tank!r}",
                "events",
                i,
                "kg",
                f"0 .. {tl.tank_cap[tank]:g} kg (its capacity)",
            )


def apply_transfer(run: RunState, ev: Event, b: Body, bodies: list[Body]) -> None:
    """Move up to ``kg`` from one tank to another (limited by the source fill and the free
    space); the receiving tank's owner holds it from then on."""
    t = ev.date
    src, dst, kg = ev.get("from"), ev.get("to"), float(ev.get("kg"))
    names = {tk.name for tk in b.station.tanks}
    if src not in names or dst not in names:
        missing = src if src not in names else dst
        run.note(t, b, "skipped", "transfer", f"tank {missing!r} is not on board")
        return
    s, d = b.station.tank(src), b.station.tank(dst)
    if s.owner in run.exits.owners("propellant"):
        run.note(t, b, "skipped", "transfer", f"{s.owner} no longer provides propellant")
        return
    amount = min(kg, s.fill_kg, d.ullage_kg)
    b.station = b.station.with_tank_fills({src: s.fill_kg - amount, dst: d.fill_kg + amount})
    detail = f"{amount:.0f} kg {src} → {dst}"
    if amount < kg - 1e-9:
        detail += f" (asked {kg:.0f} kg: limited by the source fill or the free space)"
    run.note(t, b, "transfer", "transfer", detail, propellant_kg=amount)
    run.warn_dry(t, b)


def body_with_tank(ev: Event, bodies: list[Body]) -> Body | None:
    """The body carrying the receiving tank ``to`` (the first body if none)."""
    for b in bodies:
        if any(tk.name == ev.get("to") for tk in b.station.tanks):
            return b
    return bodies[0]


# --- burn and debris_avoidance -------------------------------------------------------------


def check_burn(tl: Timeline, ev: Event) -> None:
    """Exactly one of ``dv_m_s`` (m/s) and ``delta_altitude_km``, each within ±200."""
    ctx, i, f = tl.ctx, ev.index, ev.fields
    has = [k for k in ("dv_m_s", "delta_altitude_km") if k in f]
    if len(has) != 1:
        raise ctx.error(
            "give exactly one of dv_m_s, delta_altitude_km",
            "events",
            i,
            None,
            "dv_m_s or delta_altitude_km",
        )
    number(ctx, f, has[0], "events", i, lo=-200, hi=200)
    strings(ctx, f, "engines", "events", i)


def apply_burn(run: RunState, ev: Event, b: Body, bodies: list[Body]) -> None:
    """A manual tangential burn (negative lowers) with the event's engines, else the
    policy's; a change of mean altitude is turned into Δv by Gauss's equation."""
    if "dv_m_s" in ev.fields:
        dv = float(ev.get("dv_m_s"))
    else:
        dv = dv_for_delta_a(float(b.x[0]), float(ev.get("delta_altitude_km")) * 1e3)
    engines = ev.get("engines") or run.policy.engines
    run.do_burn(ev.date, b, dv, engines, "burn", ev.get("note", "manual burn"))


def apply_debris_avoidance(run: RunState, ev: Event, b: Body, bodies: list[Body]) -> None:
    """A random avoidance burn of ``dv_m_s`` (drawn by the run at the historical rate)."""
    engines = ev.get("engines") or run.policy.engines
    run.do_burn(
        ev.date,
        b,
        float(ev.get("dv_m_s")),
        engines,
        "debris_avoidance",
        "random conjunction (historical rate)",
    )


# --- reboost_policy ------------------------------------------------------------------------


def check_reboost_policy(tl: Timeline, ev: Event) -> None:
    """The ``[reboost]`` keys given, over the scenario's policy, make a valid policy."""
    sub = {k: v for k, v in ev.fields.items() if k in TABLE_KEYS["reboost"]}
    read_policy(tl.ctx, sub, "events", tl.sc.policy, ev.index)


def apply_reboost_policy(run: RunState, ev: Event, b: None, bodies: list[Body]) -> None:
    """The keys given change, the others keep the policy in force (each value takes the type
    of the field it replaces: TOML 400 -> 400.0, a list -> a tuple)."""
    p = run.policy
    keys = {f.name for f in fields(p)}
    run.policy = replace(
        p, **{k: type(getattr(p, k))(v) for k, v in ev.fields.items() if k in keys}
    )
    q = run.policy
    run.note(
        ev.date,
        None,
        "reboost_policy",
        "policy",
        f"{'on' if q.enabled else 'off'}, floor {q.floor_km:g} km, target "
        f"{q.target_km:g} km, engines {', '.join(q.engines)}",
    )


TRANSFER = EventType(
    "transfer",
    {"from": True, "to": True, "kg": True},
    check_transfer,
    apply_transfer,
    body_with_tank,
)
BURN = EventType(
    "burn",
    {"dv_m_s": False, "delta_altitude_km": False, "engines": False},
    check_burn,
    apply_burn,
)
REBOOST_POLICY = EventType(
    "reboost_policy",
    {k: False for k in TABLE_KEYS["reboost"]},
    check_reboost_policy,
    apply_reboost_policy,
    whole_run=True,
)
DEBRIS_AVOIDANCE = EventType(
    "debris_avoidance",
    {"dv_m_s": True, "engines": False},
    no_check,
    apply_debris_avoidance,
    in_file=False,
)

#: This module's event types, in the order the docs list them.
TYPES = (TRANSFER, BURN, REBOOST_POLICY, DEBRIS_AVOIDANCE)
