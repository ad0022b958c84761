"""SGP4 mean elements fitted to Cartesian states (an OEM's), so that SGP4 reproduces them.

The commands that propagate with SGP4 (track, screen, a scenario's start) take an
:class:`~stationkeeper.orbit.elements.ElementSet`; an OEM gives states. The fit: the
states of the first orbit of a segment (at most :data:`FIT_WINDOW_S` after its first state)
rotated from GCRS to TEME (skyfield's TEME frame, the one SGP4 works in), then the six
mean elements at the first state's epoch (mean motion, e·cos ω, e·sin ω, inclination,
RAAN, mean argument of latitude ω + M) solved by least squares (``scipy.optimize``) on the
position (km) and velocity (km/s divided by the mean motion, so km) residuals of all of them.
One state gives six equations for six unknowns: the fit then reproduces it exactly.

B* is not fitted (minutes of states do not show drag): :data:`ASSUMED_BSTAR` (an
assumption, stated in the element set's name): it moves SGP4's along-track position by
about ±1 km a day for a B* off by a factor two at the ISS's altitude.

The element set keeps the exact first state (``exact_state``) for the numeric propagators.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np
from sgp4.api import WGS72, Satrec

from stationkeeper.errors import InputError
from stationkeeper.orbit.elements import ElementSet, check_elements, check_orbit
from stationkeeper.orbit.oem import OemSegment
from stationkeeper.orbit.state import State, osculating_elements, timescale

#: B* assumed for a fitted set, 1/Earth radii: the shipped ISS TLE's (2022-03-03, 1.3e-4;
#: the ISS's 2025 TLEs in ``shared/data/iss_recent`` have 1.5e-4 to 3.3e-4).
ASSUMED_BSTAR = 1.3e-4
#: The states fitted: those within this many seconds of the segment's first (one ISS orbit).
FIT_WINDOW_S = 5600.0
#: The most states fitted (evenly thinned beyond it).
MAX_FIT_STATES = 60
#: NORAD catalogue numbers of international designators (OEM OBJECT_ID), where known.
NORAD_OF_COSPAR = {"1998-067A": 25544}  # ISS (ZARYA)
#: SGP4's epoch origin: 1949-12-31 00:00 UTC.
_SGP4_EPOCH0 = datetime(1949, 12, 31, tzinfo=UTC)
_JD_SGP4_EPOCH0 = 2433281.5
#: WGS-72 GM, km³/s² (SGP4's).
_MU_WGS72_KM3_S2 = 398600.8


def norad_id_of(object_id: str) -> int:
    """The NORAD number of an OEM ``OBJECT_ID``: digits as they are, a known international
    designator (``1998-067A`` or TOPO's ``1998-067-A``) looked up, else 0 (unknown)."""
    text = object_id.strip().upper()
    if text.isdigit():
        return int(text)
    parts = text.split("-")
    key = f"{parts[0]}-{''.join(parts[1:])}" if len(parts) >= 2 else text
    return NORAD_OF_COSPAR.get(key, 0)


def _satrec(p: np.ndarray, epoch_days: float, bstar: float, satnum: int) -> Satrec:
    n, ex, ey, inc, raan, lam = (float(x) for x in p)
    e = math.hypot(ex, ey)
    argp = math.atan2(ey, ex) if e > 0 else 0.0
    sat = Satrec()
    sat.sgp4init(
        WGS72,
        "i",
        satnum,
        epoch_days,
        bstar,
        0.0,
        0.0,
        e,
        argp % (2 * math.pi),
        inc,
        (lam - argp) % (2 * math.pi),
        n,
        raan % (2 * math.pi),
    )
    return sat


def _teme(states: Sequence[State]) -> tuple[np.ndarray, np.ndarray]:
    """Positions (km) and velocities (km/s) of GCRS ``states`` in SGP4's TEME."""
    from skyfield.sgp4lib import TEME  # deferred: skyfield's import is slow

    ts = timescale()
    t = ts.from_datetimes([s.epoch_utc for s in states])
    rot = np.asarray(TEME.rotation_at(t)).reshape(3, 3, -1)  # GCRS (ICRS axes) -> TEME
    r = np.einsum("ijn,nj->ni", rot, np.array([s.r_m for s in states]) / 1e3)
    v = np.einsum("ijn,nj->ni", rot, np.array([s.v_m_s for s in states]) / 1e3)
    return r, v


def fit_sgp4_elements(
    states: Sequence[State],
    *,
    name: str = "",
    source: str = "<states>",
    line_number: int | None = None,
    norad_id: int = 0,
    bstar: float = ASSUMED_BSTAR,
    check_physics: bool = True,
) -> ElementSet:
    """SGP4 mean elements at ``states[0]``'s epoch that reproduce ``states`` (GCRS, SI).

    Raises
    ------
    InputError
        The states make no orbit (hyperbolic, re-entering) or the fit does not converge.
    """
    from scipy.optimize import least_squares  # deferred: scipy.optimize's import is slow

    epoch = states[0].epoch_utc
    epoch_days = (epoch - _SGP4_EPOCH0).total_seconds() / 86400.0
    r_obs, v_obs = _teme(states)
    el = osculating_elements(r_obs[0], v_obs[0], _MU_WGS72_KM3_S2)
    where = dict(file=source, line=line_number, field="state")
    if not (np.isfinite(el["a"]) and el["a"] > 0 and el["e"] < 1):
        raise InputError(
            "the state is not on a closed orbit", allowed="an Earth orbit (e < 1)", **where
        )
    n0 = math.sqrt(_MU_WGS72_KM3_S2 / float(el["a"]) ** 3) * 60.0  # rad/min
    p0 = np.array([n0, 0.0, 0.0, float(el["i"]), float(el["raan"]), float(el["u"])])
    dt_min = np.array([(s.epoch_utc - epoch).total_seconds() / 60.0 for s in states])
    jd = np.full(len(states), _JD_SGP4_EPOCH0)
    fr = epoch_days + dt_min / 1440.0
    scale_s = 60.0 / n0  # km/s -> km

    def residual(p: np.ndarray) -> np.ndarray:
        sat = _satrec(p, epoch_days, bstar, norad_id)
        err, r, v = sat.sgp4_array(jd, fr)
        if np.any(err):
            return np.full(6 * len(states), 1e4)
        return np.concatenate([(r - r_obs).ravel(), ((v - v_obs) * scale_s).ravel()])

    sol = least_squares(residual, p0, x_scale=np.array([1e-4, 1e-3, 1e-3, 1e-3, 1e-3, 1e-3]))
    rms_km = float(np.sqrt(np.mean(sol.fun**2)))
    if not sol.success or not np.isfinite(rms_km) or rms_km > 5.0:
        raise InputError(
            f"SGP4 elements could not be fitted to the state(s) (rms {rms_km:.3g} km)",
            allowed="states of one Earth orbit",
            **where,
        )
    sat = _satrec(sol.x, epoch_days, bstar, norad_id)
    label = f"{name} (SGP4 fit, B* {bstar:.2g} assumed)".strip()
    exact = (epoch, states[0].r_m, states[0].v_m_s)
    es = ElementSet(sat, label, source, line_number, exact_state=exact)
    check_elements(es)
    return check_orbit(es) if check_physics else es


def segment_elements(segment: OemSegment, path: str, *, check_physics: bool = True) -> ElementSet:
    """The SGP4 element set fitted to the first orbit of an OEM segment (see module doc);
    its source reads ``fitted to OEM state PATH``."""
    gcrs = segment.gcrs_states()
    t0 = gcrs[0].epoch_utc
    window = [s for s in gcrs if (s.epoch_utc - t0).total_seconds() <= FIT_WINDOW_S]
    if len(window) > MAX_FIT_STATES:
        idx = np.unique(np.linspace(0, len(window) - 1, MAX_FIT_STATES).round().astype(int))
        window = [window[k] for k in idx]
    es = fit_sgp4_elements(
        window,
        name=segment.meta.get("OBJECT_NAME", ""),
        source=f"fitted to OEM state {path}",
        line_number=segment.states[0].line,
        norad_id=norad_id_of(segment.meta.get("OBJECT_ID", "")),
        check_physics=check_physics,
    )
    return es
