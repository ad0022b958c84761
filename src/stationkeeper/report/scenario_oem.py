"""trajectory.oem of a scenario run (``stationkeeper run --out``): states derived from the
run's mean elements, one OEM segment per body and orbit arc.

A scenario flies each body's *mean* state (a, e, ω, i, Ω: orbit-averaged elements, see
:mod:`stationkeeper.scenario.flight`); it has no position along the orbit. The file's states
take a, e, i, Ω and ω from each time-series row and a mean argument of latitude advanced by
the first-order J2 secular rate and the mean motion of the rows
(:func:`~stationkeeper.orbit.oem_write.j2_secular_rates`, trapezoid between rows) from the
start's state: mean-element states, not osculating ones. Their radius lies within a·e of
the row's mean semi-major axis (the ellipse); the real (osculating) orbit is off that
ellipse by the J2 short-period terms (~10 km at the ISS) and its phase is not modelled.

A new segment starts at each body's first row, at every manoeuvre of that body (an event
with a Δv: reboosts, burns, avoidance; the row at the event's epoch is the state after it)
and after a row dropped as a reentry; a body born at a separation starts from its parent's
phase (the body whose rows end just before). The reentry row (120 km) is not written.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from stationkeeper.constants import R_EARTH_EQ_M
from stationkeeper.orbit.oem_write import format_oem, j2_secular_rates, oem_from_states
from stationkeeper.orbit.state import (
    State,
    elements_to_rv,
    osculating_elements,
    state_from_elements,
)

#: OBJECT_ID of the ISS (its international designator); other element sets get "NORAD n".
_ISS = (25544, "1998-067A")

HEADER_COMMENTS = (
    "Frame: EME2000 (J2000 mean equator and equinox; GCRS states rotated by the IERS 2003 "
    "frame bias, below 0.8 m at the ISS). Units km, km/s.",
    "ASSUMPTION: mean-element states, not osculating. Each state is the run's orbit-averaged "
    "elements (a, e, i, RAAN, argument of perigee) at a time-series row, placed on that mean "
    "ellipse at a mean argument of latitude advanced by the J2 secular rate and the mean "
    "motion from the start's state. The radius is within a*e of the mean a; the true orbit "
    "differs by the J2 short-period terms (~10 km); the position along the orbit is "
    "indicative only and its error grows with time. Rows are days apart: do not interpolate "
    "between states as if they were an ephemeris.",
    "Segments: one per body and orbit arc; a new segment at each manoeuvre (reboost, burn, "
    "avoidance: a discontinuity in a, e) and at each separation (the body changes).",
)


def _segments(ts: pd.DataFrame, events: pd.DataFrame) -> list[tuple[str, pd.DataFrame, str]]:
    """(body, rows, why it starts) of every segment, bodies in order of their first row."""
    rows = ts[ts["space_weather"] != "reentry"]
    dv = events[pd.to_numeric(events.get("dv_m_s"), errors="coerce").fillna(0.0) > 0.0]
    out = []
    for body, g in rows.groupby("body", sort=False):
        g = g.drop_duplicates("epoch_utc", keep="last").sort_values("epoch_utc")
        cuts = sorted(dv.loc[dv["body"] == body, "epoch_utc"])
        edges = [pd.Timestamp.min.tz_localize("UTC")] + [pd.Timestamp(c) for c in cuts]
        edges.append(pd.Timestamp.max.tz_localize("UTC"))
        for k in range(len(edges) - 1):
            part = g[(g["epoch_utc"] >= edges[k]) & (g["epoch_utc"] < edges[k + 1])]
            if len(part):
                why = "first row" if k == 0 else f"after the manoeuvre at {edges[k]:%Y-%m-%d %H:%M}"
                out.append((str(body), part, why))
    return out


def _start_u(start: State, row) -> float:
    """The mean argument of latitude at ``row``'s epoch from the start's state (rad)."""
    u = float(osculating_elements(np.array(start.r), np.array(start.v))["u"])
    lag = (pd.Timestamp(row.epoch_utc) - pd.Timestamp(start.epoch_utc)).total_seconds()
    return u + float(_rates(row)[2]) * lag


def _rates(row) -> np.ndarray:
    a = row.mean_altitude_km * 1e3 + R_EARTH_EQ_M
    return j2_secular_rates(a, float(row.eccentricity), math.radians(row.inclination_deg))


def _state(row, u: float) -> State:
    a = row.mean_altitude_km * 1e3 + R_EARTH_EQ_M
    argp = math.radians(row.arg_perigee_deg)
    r, v = elements_to_rv(
        a,
        float(row.eccentricity),
        math.radians(row.inclination_deg),
        math.radians(row.raan_deg),
        argp,
        u - argp,
    )
    t = pd.Timestamp(row.epoch_utc).to_pydatetime()
    return State(t, tuple(map(float, r)), tuple(map(float, v)))


def scenario_segments(
    ts: pd.DataFrame, events: pd.DataFrame, start: State
) -> list[tuple[str, str, list[State]]]:
    """(body, why the segment starts, GCRS states) of every segment (see module doc)."""
    last: dict[str, tuple] = {}  # body -> (epoch, u, rates) of its last row so far
    out = []
    for body, part, why in _segments(ts, events):
        states = []
        for row in part.itertuples(index=False):
            rates = _rates(row)
            t = pd.Timestamp(row.epoch_utc)
            if body in last:
                t0, u0, r0 = last[body]
                u = u0 + 0.5 * float(r0[2] + rates[2]) * (t - t0).total_seconds()
            else:
                parent = _parent(last, t)
                if parent is None:
                    u = _start_u(start, row)
                else:
                    t0, u0, r0 = last[parent]
                    u = u0 + 0.5 * float(r0[2] + rates[2]) * (t - t0).total_seconds()
                    why = f"first row; separated from {parent}"
            last[body] = (t, u, rates)
            states.append(_state(row, u))
        out.append((body, why, states))
    return out


def _parent(last: dict, t: pd.Timestamp) -> str | None:
    """The body whose last row is the latest before ``t`` (the one a new body split from)."""
    before = [(v[0], k) for k, v in last.items() if v[0] < t]
    return max(before)[1] if before else None


def write_scenario_oem(result, path: str | Path, *, creation_utc: datetime | None = None) -> Path:
    """Write ``trajectory.oem`` of a scenario run ``result`` (its timeseries, events and
    scenario's start elements); EME2000, one segment per body and arc."""
    sc = result.scenario
    es = sc.elements
    norad = es.norad_id
    object_id = _ISS[1] if norad == _ISS[0] else f"NORAD {norad}"
    header = [
        f"Written by stationkeeper run: scenario '{sc.name}' (mean elements of the run's "
        "time series).",
        f"Start: {es.where()}, epoch {es.epoch_utc:%Y-%m-%dT%H:%M:%S} UTC.",
        *HEADER_COMMENTS,
    ]
    segments, head = [], None
    for body, why, states in scenario_segments(
        result.timeseries, result.events, state_from_elements(es)
    ):
        one = oem_from_states(states, body, object_id, "EME2000", creation_utc=creation_utc)
        head = head or replace(one, comments=tuple(header))
        segments.append(replace(one.segments[0], comments=(f"Segment of {body}: {why}.",)))
    path = Path(path)
    path.write_text(format_oem(replace(head, segments=tuple(segments))), encoding="utf-8")
    return path
