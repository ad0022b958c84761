"""Visiting-vehicle capabilities with dates (``data/vehicles.toml``, sources in SOURCES.md).

A vehicle type flew in a :class:`Period` (first to last flight); what it could do has its own
dates (:class:`Capability`: the Cargo Dragon boost trunk from CRS-33); it flew on launchers by
period (:class:`Launcher`: Cygnus on Antares 230+ until NG-19, on Falcon 9 from NG-20), and a
launcher may need rocket engines from a partner (:class:`EngineSupply`: RD-181 from Roscosmos).
:func:`problems` says which of these an arrival on a date would use outside its dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

#: Days after a launch in which its vehicle may arrive (assumption: ATV Jules Verne took 25
#: days from launch to docking, most vehicles 1-5 days).
ARRIVAL_WINDOW_DAYS = 30


@dataclass(frozen=True)
class Period:
    """When something flew: ``first`` .. ``last`` launch (None: never flown / still flying).

    An arrival is inside it from the first launch to ``ARRIVAL_WINDOW_DAYS`` after the last."""

    first: date | None
    last: date | None
    source: str

    def covers(self, when: date) -> bool:
        if self.first is None or when < self.first:
            return False
        return self.last is None or when <= self.last + timedelta(days=ARRIVAL_WINDOW_DAYS)

    def describe(self) -> str:
        if self.first is None:
            return "never flown to the ISS"
        if self.last is None:
            return f"flying since {self.first.isoformat()}"
        return f"flew {self.first.isoformat()} .. {self.last.isoformat()}"


@dataclass(frozen=True)
class Capability:
    """What a type could do from a date (``what = "reboost"``: its delivery tank's reboost
    propellant and its reboost engines), first on flight ``first_with``."""

    name: str
    what: str
    period: Period
    first_with: str


@dataclass(frozen=True)
class Launcher:
    """A launcher of a vehicle type in a period; ``engine``: a rocket engine it needs from a
    partner, ``engines_per_flight`` of them (RD-181: 2 on Antares 230+)."""

    name: str
    period: Period
    engine: str | None = None
    engines_per_flight: int = 0


@dataclass(frozen=True)
class EngineSupply:
    """Who supplies a launcher's rocket ``engine`` and how many were in hand (``stock``) when
    that supply stopped."""

    engine: str
    supplier: str
    stock: int
    stock_source: str
    source: str


def period_of(d: dict, first: str = "first_flight", last: str = "last_flight") -> Period:
    """The period of a vehicles.toml table (``flown = false``: never flown)."""
    if d.get("flown", True) is False:
        return Period(None, None, d.get("period_source", ""))
    return Period(d[first], d.get(last), d.get("period_source", d.get("source", "")))


def capability_of(d: dict) -> Capability:
    return Capability(
        d["name"], d["what"], Period(d["from"], d.get("until"), d["source"]), d["first_with"]
    )


def launcher_of(d: dict) -> Launcher:
    return Launcher(
        d["name"],
        Period(d["from"], d.get("until"), d["source"]),
        d.get("engine"),
        int(d.get("engines_per_flight", 0)),
    )


def supply_of(d: dict) -> EngineSupply:
    return EngineSupply(d["engine"], d["supplier"], int(d["stock"]), d["stock_source"], d["source"])


def launcher_on(launchers: tuple[Launcher, ...], when: date, name: str | None = None):
    """The launcher a vehicle flies on for an arrival on ``when``: ``name`` if given, else the
    newest one whose period covers the date; None if none does (or ``name`` is unknown)."""
    if name is not None:
        return next((la for la in launchers if la.name == name), None)
    covering = [la for la in launchers if la.period.covers(when)]
    return max(covering, key=lambda la: la.period.first, default=None)


def launcher_assumed(launchers: tuple[Launcher, ...], when: date) -> Launcher | None:
    """For an assumed arrival outside every launcher's period: the last one flown before the
    date (the first one if none)."""
    before = [la for la in launchers if la.period.first <= when]
    if before:
        return max(before, key=lambda la: la.period.first)
    return launchers[0] if launchers else None


def _launchers_text(launchers: tuple[Launcher, ...]) -> str:
    return "; ".join(f"{la.name} {la.period.describe()}" for la in launchers)


def problems(
    type_name: str,
    period: Period,
    capabilities: tuple[Capability, ...],
    launchers: tuple[Launcher, ...],
    when: date,
    *,
    reboost: bool,
    launcher: str | None = None,
) -> list[tuple[str, str, str]]:
    """What an arrival of ``type_name`` on ``when`` would use outside its dates: (event key,
    sentence, what is allowed) each; empty: nothing. ``reboost``: it brings reboost
    propellant; ``launcher``: the one the event names (None: chosen by date)."""
    out = []
    day = when.isoformat()
    if not period.covers(when):
        out.append(("date", f"an arrival of {type_name} on {day}: it {period.describe()}",
                    period.describe()))  # fmt: skip
    if reboost:
        for c in capabilities:
            if c.what == "reboost" and not c.period.covers(when):
                since = f"first flew on {c.first_with} ({c.period.first.isoformat()})"
                out.append(("propellant_kg", f"the {type_name} {c.name} on {day}: {since}",
                            f"0 before {c.period.first.isoformat()}"))  # fmt: skip
    if launchers and period.covers(when):
        la = launcher_on(launchers, when, launcher)
        text = _launchers_text(launchers)
        if launcher is not None and la is None:
            out.append(("launcher", f"no launcher {launcher!r} for {type_name}", text))
        elif la is None or not la.period.covers(when):
            what = f"{launcher} " if launcher else ""
            out.append(("launcher" if launcher else "date",
                        f"no {what}launcher for {type_name} on {day}", text))  # fmt: skip
    return out


def has_capability(capabilities: tuple[Capability, ...], what: str, when: date) -> bool:
    """Whether the type could do ``what`` on ``when`` (True when it lists no such capability:
    it always could)."""
    own = [c for c in capabilities if c.what == what]
    return not own or any(c.period.covers(when) for c in own)
