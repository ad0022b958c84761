"""Writing a CCSDS OEM 2.0 (KVN): any trajectory's states, full precision.

Numbers are written with Python's shortest round-trip ``repr`` and epochs to the microsecond,
so :func:`~stationkeeper.orbit.oem.parse_oem` reads back the same numbers; states given in
GCRS are rotated to the file's frame (EME2000: the frame bias, see
:mod:`stationkeeper.orbit.oem`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import numpy as np

from stationkeeper.constants import J_ZONAL, MU_EARTH_M3_S2, R_EARTH_GRAVITY_M
from stationkeeper.errors import InputError
from stationkeeper.orbit.oem import (
    OEM_FRAMES,
    OemFile,
    OemSegment,
    OemState,
    format_epoch,
    frame_to_gcrs,
)
from stationkeeper.orbit.state import State, elements_to_rv, osculating_elements


def _num(x: float) -> str:
    return repr(float(x))


def format_oem(oem: OemFile) -> str:
    """The KVN text of ``oem`` (what :func:`parse_oem` reads back to the same numbers)."""
    out = [f"CCSDS_OEM_VERS = {oem.version}"]
    out += [f"{k:<14} = {v}" for k, v in oem.header.items()]
    out += [f"COMMENT {c}".rstrip() for c in oem.comments]
    for seg in oem.segments:
        out += ["", "META_START"]
        out += [f"{k:<20} = {v}" for k, v in seg.meta.items()]
        out += ["META_STOP", ""]
        out += [f"COMMENT {c}".rstrip() for c in seg.comments]
        for s in seg.states:
            cols = [format_epoch(s.epoch_utc), *map(_num, s.r_km), *map(_num, s.v_km_s)]
            if s.a_km_s2 is not None:
                cols += list(map(_num, s.a_km_s2))
            out.append(" ".join(cols))
    return "\n".join(out) + "\n"


def oem_from_states(
    states: Sequence[State],
    object_name: str,
    object_id: str,
    ref_frame: str = "EME2000",
    comments: Sequence[str] = (),
    *,
    originator: str = "stationkeeper",
    creation_utc: datetime | None = None,
) -> OemFile:
    """An :class:`OemFile` of one segment holding ``states`` (GCRS, SI) in ``ref_frame``.

    ``CREATION_DATE`` is ``creation_utc`` when given, else the first state's epoch (not the
    wall clock, so that a seeded run writes the same file byte for byte; a COMMENT says so)."""
    frame = ref_frame.upper()
    if frame not in OEM_FRAMES:
        raise InputError(
            f"{ref_frame} is not written", field="ref_frame", allowed=", ".join(OEM_FRAMES)
        )
    if not states:
        raise InputError("no states to write", field="states", allowed="at least one state")
    from_gcrs = frame_to_gcrs(frame).T
    rows = []
    for s in states:
        r = from_gcrs @ (np.asarray(s.r_m, dtype=float) / 1e3)
        v = from_gcrs @ (np.asarray(s.v_m_s, dtype=float) / 1e3)
        rows.append(OemState(s.epoch_utc, tuple(map(float, r)), tuple(map(float, v))))
    created = rows[0].epoch_utc if creation_utc is None else creation_utc
    meta = {
        "OBJECT_NAME": object_name,
        "OBJECT_ID": object_id,
        "CENTER_NAME": "EARTH",
        "REF_FRAME": frame,
        "TIME_SYSTEM": "UTC",
        "START_TIME": format_epoch(rows[0].epoch_utc),
        "STOP_TIME": format_epoch(rows[-1].epoch_utc),
    }
    lines = tuple(part for c in comments for part in str(c).splitlines())
    if creation_utc is None:
        lines += ("CREATION_DATE is the first state's epoch, so that a run repeats byte for byte",)
    header = {"CREATION_DATE": format_epoch(created), "ORIGINATOR": originator}
    return OemFile("<written>", "2.0", header, lines, (OemSegment(meta, (), tuple(rows), 0),))


def write_oem(
    path: str | Path,
    states: Sequence[State],
    object_name: str,
    object_id: str,
    ref_frame: str = "EME2000",
    comments: Sequence[str] = (),
    *,
    originator: str = "stationkeeper",
    creation_utc: datetime | None = None,
) -> Path:
    """Write ``states`` (GCRS, m and m/s) as an OEM 2.0 KVN file in ``ref_frame`` (km, km/s),
    ``comments`` as COMMENT lines in the header. Returns the path."""
    oem = oem_from_states(
        states,
        object_name,
        object_id,
        ref_frame,
        comments,
        originator=originator,
        creation_utc=creation_utc,
    )
    path = Path(path)
    path.write_text(format_oem(oem), encoding="utf-8")
    return path


def j2_secular_rates(a_m: float, e: float, inc_rad: float) -> np.ndarray:
    """First-order J2 secular rates, rad/s, of the node, the perigee and the mean argument of
    latitude (mean motion included) of mean elements ``a_m`` (m), ``e``, ``inc_rad``."""
    n = math.sqrt(MU_EARTH_M3_S2 / a_m**3)
    k = 0.75 * n * J_ZONAL[2] * (R_EARTH_GRAVITY_M / (a_m * (1.0 - e * e))) ** 2
    c2 = math.cos(inc_rad) ** 2
    return np.array(
        [
            -2.0 * k * math.cos(inc_rad),  # node
            k * (5.0 * c2 - 1.0),  # perigee
            n + k * math.sqrt(1.0 - e * e) * (3.0 * c2 - 1.0) + k * (5.0 * c2 - 1.0),  # u
        ]
    )


def mean_element_states(table, start: State) -> list[State]:
    """States (GCRS, SI) at the rows of a propagator's table of orbit-averaged elements
    (``epoch_utc``, ``semi_major_axis_km``, ``eccentricity``, ``inclination_deg``): the node,
    perigee and mean argument of latitude of ``start`` advanced by the first-order J2 secular
    rates and the mean motion integrated over the rows (trapezoid). Mean-element states, not
    osculating ones: the position along the orbit is indicative (its error grows with time)."""
    el = osculating_elements(start.r, start.v)
    raan, argp, u = float(el["raan"]), float(el["argp"]), float(el["u"])
    out: list[State] = []
    prev = None
    for rec in table.itertuples(index=False):
        a, e, inc = rec.semi_major_axis_km * 1e3, float(rec.eccentricity), rec.inclination_deg
        inc = math.radians(inc)
        rates = j2_secular_rates(a, e, inc)
        t = rec.epoch_utc
        if prev is not None:
            dt = (t - prev[0]).total_seconds()
            raan, argp, u = np.array([raan, argp, u]) + 0.5 * (rates + prev[1]) * dt
        prev = (t, rates)
        m = u - argp  # mean anomaly (mean argument of latitude minus perigee)
        r, v = elements_to_rv(a, e, inc, raan, argp, m)
        out.append(State(t, tuple(map(float, r)), tuple(map(float, v))))
    return out
