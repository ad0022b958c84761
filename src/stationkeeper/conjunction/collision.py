"""Probability of collision (2-D, Foster) and the covariances it needs.

The short-encounter ("2-D") model
---------------------------------
At the time of closest approach (TCA) the relative motion of two objects is
taken as a straight line; both position errors are Gaussian and independent,
so their sum has the covariance ``C = C1 + C2``. Projected on the *encounter
plane* (perpendicular to the relative velocity), the collision probability is
the mass of that 2-D Gaussian, centred on the miss vector, inside the circle of
the combined hard-body radius (HBR):

    Pc = ∫∫_{|x| <= HBR} N(x; miss, C_2d) dx          (Foster & Estes 1992)

:func:`pc_circle` evaluates that integral numerically ("Foster's method"):
in the principal axes of ``C_2d`` the inner integral across the circle is an
exact difference of error functions, and the outer one runs over
``x = HBR sin θ`` with adaptive quadrature, so the only error is quadrature
error (below 1e-9 relative). :func:`pc_circle_batch` is the same integral on a
fixed Gauss-Legendre rule, vectorised, for searches over many candidate burns.
Checked against the NASA CARA SDK's published 2-D Pc for the Omitron case and
Alfano's (2009) test cases (``tests/test_collision.py``).

Default covariances for TLE-derived states (:func:`tle_covariance_ric`)
-----------------------------------------------------------------------
TLEs carry no covariance. For a low-Earth-orbit element set we use, 1-sigma in
the object's own radial / in-track / cross-track axes,

    sigma_I = 1.0 km + 1.0 km/day * |t - epoch|
    sigma_R = sigma_C = 0.1 * sigma_I

* "on the order of 1 km within a few days of the epoch" for SGP4 in LEO:
  T.S. Kelso, *Validation of SGP4 and IS-GPS-200D against GPS precision
  ephemerides*, AAS 07-127 (2007), as quoted in the two-line element set
  literature; EUMETSAT's own Metop TLEs: about 600 m RMS over their 7-day
  validity arc (max about 2 km);
* in-track error growing 0.5 to 2 km per day of TLE age for 400-550 km LEO
  objects, radial and cross-track an order of magnitude smaller (the 1 km/day
  growth is the middle of that range; the 0.1 ratio is that order of magnitude).

These are order-of-magnitude defaults, not an orbit-determination covariance:
a Pc computed with them ranks events, it does not replace the screening
centre's own Pc. Give a CCSDS CDM (:func:`read_cdm`) where one exists.

Conjunction data messages (:func:`read_cdm`)
--------------------------------------------
CCSDS 508.0-B-1 CDM in KVN form: TCA, the two objects' states (X..Z_DOT, km and
km/s) and their position covariances in each object's RTN axes (CR_R, CT_R,
CT_T, CN_R, CN_T, CN_N, m²). ``COMMENT HBR = ...`` (the CARA SDK convention) is
read as the hard-body radius when present.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from scipy import integrate, special

from stationkeeper.constants import OMEGA_EARTH_RAD_S
from stationkeeper.earth.frames import ric_basis, ric_to_inertial  # noqa: F401 (re-used here)
from stationkeeper.errors import InputError

#: Hard-body radius of the ISS, m. Derived: half the diagonal of the station's
#: 109 m x 74 m planform (truss width x module length, iss_facts s1), so that a
#: sphere of this radius encloses the whole station seen from any direction in
#: the encounter plane; the debris object's own size is neglected.
ISS_HARD_BODY_RADIUS_M = 66.0

#: TLE default covariance (see the module docstring for the sources).
TLE_SIGMA_IN_TRACK_EPOCH_KM = 1.0
TLE_SIGMA_IN_TRACK_GROWTH_KM_PER_DAY = 1.0
TLE_SIGMA_RADIAL_CROSS_RATIO = 0.1


def tle_covariance_ric(age_days: float | np.ndarray) -> np.ndarray:
    """Default 3x3 position covariance (km²) in RIC axes for a TLE ``age_days`` old.

    See the module docstring for the values and their sources. Shape
    (..., 3, 3) for an array of ages.
    """
    age = np.abs(np.asarray(age_days, dtype=float))
    s_i = TLE_SIGMA_IN_TRACK_EPOCH_KM + TLE_SIGMA_IN_TRACK_GROWTH_KM_PER_DAY * age
    s_r = TLE_SIGMA_RADIAL_CROSS_RATIO * s_i
    out = np.zeros(age.shape + (3, 3))
    out[..., 0, 0] = s_r**2
    out[..., 1, 1] = s_i**2
    out[..., 2, 2] = s_r**2
    return out


@dataclass(frozen=True)
class Encounter:
    """The 2-D encounter geometry: miss vector and covariance in the encounter plane.

    Axes: ``x`` along the miss direction (perpendicular to the relative velocity),
    ``y = z × x`` with ``z`` along the relative velocity. Units are those of the
    inputs (km, or m).
    """

    miss: np.ndarray
    """(2,) miss vector in the plane: (|miss|, 0)."""
    cov: np.ndarray
    """(2, 2) combined position covariance projected on the plane."""
    axes: np.ndarray
    """(3, 3) rows x, y, z of the encounter frame in the inertial axes."""
    relative_speed: float

    @property
    def miss_distance(self) -> float:
        return float(np.hypot(*self.miss))


def encounter(
    r1: np.ndarray,
    v1: np.ndarray,
    cov1: np.ndarray,
    r2: np.ndarray,
    v2: np.ndarray,
    cov2: np.ndarray,
) -> Encounter:
    """Project the relative state of object 2 w.r.t. object 1 on the encounter plane.

    Positions, velocities and covariances in one inertial frame and consistent
    units. The miss is taken perpendicular to the relative velocity, so a state
    a little off TCA gives the same answer as the exact TCA (linear motion).
    """
    dr = np.asarray(r2, dtype=float) - np.asarray(r1, dtype=float)
    dv = np.asarray(v2, dtype=float) - np.asarray(v1, dtype=float)
    speed = float(np.linalg.norm(dv))
    if not speed > 0:
        raise InputError(
            "the two objects have the same velocity: no encounter plane",
            field="relative velocity",
            allowed="> 0",
        )
    z = dv / speed
    miss = dr - np.dot(dr, z) * z
    miss_norm = float(np.linalg.norm(miss))
    if miss_norm > 0:
        x = miss / miss_norm
    else:  # any direction perpendicular to z
        trial = np.array([1.0, 0.0, 0.0]) if abs(z[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
        x = trial - np.dot(trial, z) * z
        x /= np.linalg.norm(x)
    y = np.cross(z, x)
    axes = np.stack([x, y, z])
    cov = np.asarray(cov1, dtype=float) + np.asarray(cov2, dtype=float)
    p = axes[:2]
    cov2d = p @ cov @ p.T
    return Encounter(np.array([miss_norm, 0.0]), 0.5 * (cov2d + cov2d.T), axes, speed)


# --------------------------------------------------------------------------- Pc


def _principal(miss: np.ndarray, cov2d: np.ndarray) -> tuple[float, float, float, float]:
    """Mean (mx, my) and sigmas (sx, sy) in the principal axes of ``cov2d``."""
    w, q = np.linalg.eigh(cov2d)
    if w[0] <= 0:
        raise InputError(
            f"the encounter-plane covariance is not positive definite (eigenvalues {w})",
            field="covariance",
            allowed="positive-definite position covariances",
        )
    m = q.T @ np.asarray(miss, dtype=float)
    return float(m[0]), float(m[1]), float(math.sqrt(w[0])), float(math.sqrt(w[1]))


def _integrand(theta, hbr, mx, my, sx, sy):
    x = hbr * np.sin(theta)
    h = hbr * np.cos(theta)
    gx = np.exp(-0.5 * ((x - mx) / sx) ** 2) / (math.sqrt(2.0 * math.pi) * sx)
    s2 = math.sqrt(2.0) * sy
    inner = 0.5 * (special.erf((h - my) / s2) + special.erf((h + my) / s2))
    return gx * inner * h  # dx = hbr cos(theta) dtheta = h dtheta


def pc_circle(miss: np.ndarray, cov2d: np.ndarray, hbr: float) -> float:
    """Probability that the 2-D Gaussian N(miss, cov2d) falls inside the circle |x| <= hbr.

    Foster's 2-D Pc: exact error-function inner integral, adaptive outer one.
    """
    if not hbr > 0:
        raise InputError(f"hard-body radius {hbr}", field="hbr", allowed="> 0")
    mx, my, sx, sy = _principal(miss, cov2d)
    # break the outer integral where the Gaussian peaks, if that is inside the circle
    points = []
    if abs(mx) < hbr:
        points.append(math.asin(mx / hbr))
    with warnings.catch_warnings():
        # below ~1e-25 the relative tolerance cannot be met; such a Pc is 0 for every purpose
        warnings.simplefilter("ignore", integrate.IntegrationWarning)
        value, _ = integrate.quad(
            _integrand,
            -0.5 * math.pi,
            0.5 * math.pi,
            args=(hbr, mx, my, sx, sy),
            points=points or None,
            epsabs=1e-25,
            epsrel=1e-10,
            limit=200,
        )
    return float(min(max(value, 0.0), 1.0))


_GL_CACHE: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def pc_circle_batch(miss: np.ndarray, cov2d: np.ndarray, hbr: float, nodes: int = 96) -> np.ndarray:
    """:func:`pc_circle` for many encounters at once (Gauss-Legendre, ``nodes`` points).

    ``miss`` shape (N, 2), ``cov2d`` shape (N, 2, 2) or (2, 2). Accurate to
    about 1e-6 relative while the sigmas exceed about HBR / 10.
    """
    miss = np.atleast_2d(np.asarray(miss, dtype=float))
    cov2d = np.broadcast_to(np.asarray(cov2d, dtype=float), (miss.shape[0], 2, 2))
    w, q = np.linalg.eigh(cov2d)
    if np.any(w[:, 0] <= 0):
        raise InputError(
            "an encounter-plane covariance is not positive definite",
            field="covariance",
            allowed="positive-definite position covariances",
        )
    m = np.einsum("nji,nj->ni", q, miss)
    sx, sy = np.sqrt(w[:, 0]), np.sqrt(w[:, 1])
    if nodes not in _GL_CACHE:
        _GL_CACHE[nodes] = np.polynomial.legendre.leggauss(nodes)
    t, wt = _GL_CACHE[nodes]
    theta = 0.5 * math.pi * t  # [-pi/2, pi/2]
    vals = _integrand(
        theta[None, :], hbr, m[:, :1], m[:, 1:2], sx[:, None], sy[:, None]
    )  # (N, nodes)
    return np.clip(0.5 * math.pi * vals @ wt, 0.0, 1.0)


def pc_foster(
    r1: np.ndarray,
    v1: np.ndarray,
    cov1: np.ndarray,
    r2: np.ndarray,
    v2: np.ndarray,
    cov2: np.ndarray,
    hbr: float,
) -> float:
    """2-D Pc of a conjunction from the two states and position covariances.

    Any consistent units (km, km/s, km² and HBR in km; or m, m/s, m² and m).
    """
    enc = encounter(r1, v1, cov1, r2, v2, cov2)
    return pc_circle(enc.miss, enc.cov, hbr)


def pc_monte_carlo(
    miss: np.ndarray,
    cov2d: np.ndarray,
    hbr: float,
    samples: int,
    rng: np.random.Generator,
) -> tuple[float, float]:
    """Monte Carlo estimate of :func:`pc_circle` and its 1-sigma standard error."""
    if samples <= 0:
        raise InputError(f"{samples} samples", field="samples", allowed="> 0")
    hits = 0
    done = 0
    chol = np.linalg.cholesky(np.asarray(cov2d, dtype=float))
    while done < samples:
        n = min(1_000_000, samples - done)
        x = np.asarray(miss, dtype=float) + rng.standard_normal((n, 2)) @ chol.T
        hits += int(np.count_nonzero(np.einsum("ij,ij->i", x, x) <= hbr * hbr))
        done += n
    p = hits / samples
    return p, math.sqrt(max(p * (1.0 - p), 1.0 / samples) / samples)


# --------------------------------------------------------------------------- CDM

_CDM_OBJECT_KEYS = ("X", "Y", "Z", "X_DOT", "Y_DOT", "Z_DOT")
_CDM_COV_KEYS = ("CR_R", "CT_R", "CT_T", "CN_R", "CN_T", "CN_N")
_INERTIAL_FRAMES = ("EME2000", "GCRF", "ICRF", "TEME", "J2000")
_EARTH_FIXED_FRAMES = ("ITRF", "ITRF93", "ITRF97", "ITRF2000", "ITRF2008", "ITRF2014", "ITRS")
_UNIT_SCALE = {"km": 1.0, "m": 1e-3, "km/s": 1.0, "m/s": 1e-3, "m**2": 1e-6, "km**2": 1.0}


@dataclass(frozen=True)
class CdmObject:
    """One object of a CDM: state (km, km/s, in an inertial frame) and RTN covariance (km²)."""

    designator: str
    name: str
    r_km: np.ndarray
    v_km_s: np.ndarray
    cov_rtn_km2: np.ndarray
    ref_frame: str

    @property
    def cov_inertial_km2(self) -> np.ndarray:
        return ric_to_inertial(self.cov_rtn_km2, self.r_km, self.v_km_s)


@dataclass(frozen=True)
class Cdm:
    """A conjunction data message (the parts a 2-D Pc needs)."""

    source: str
    tca_utc: datetime
    object1: CdmObject
    object2: CdmObject
    hbr_m: float | None = None
    miss_distance_m: float | None = None
    message_id: str = ""
    header: dict = field(default_factory=dict)

    def pc(self, hbr_m: float | None = None) -> float:
        """2-D Pc with the CDM's HBR (or ``hbr_m``)."""
        hbr = self.hbr_m if hbr_m is None else hbr_m
        if hbr is None:
            raise InputError(
                "the CDM gives no hard-body radius",
                file=self.source,
                field="HBR",
                allowed="a COMMENT HBR = <m> line, or pass hbr_m",
            )
        enc = self.encounter()
        return pc_circle(enc.miss, enc.cov, hbr * 1e-3)

    def encounter(self) -> Encounter:
        o1, o2 = self.object1, self.object2
        return encounter(
            o1.r_km,
            o1.v_km_s,
            o1.cov_inertial_km2,
            o2.r_km,
            o2.v_km_s,
            o2.cov_inertial_km2,
        )


_KVN = re.compile(r"^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*(?:\[(.*?)\])?\s*$")


def _cdm_float(value: str, unit: str | None, key: str, source: str, line: int) -> float:
    try:
        x = float(value)
    except ValueError:
        raise InputError(
            f"{value!r} is not a number", file=source, line=line, field=key, allowed="a number"
        ) from None
    if not math.isfinite(x):
        raise InputError(
            f"{value!r} is not a finite number", file=source, line=line, field=key, allowed="finite"
        )
    kind = "cov" if key.startswith("C") else ("vel" if key.endswith("_DOT") else "pos")
    if unit is not None:
        u = unit.strip().lower()
        allowed = {"pos": ("km", "m"), "vel": ("km/s", "m/s"), "cov": ("m**2", "km**2")}[kind]
        if u not in allowed:
            raise InputError(
                f"unit [{unit}]", file=source, line=line, field=key, allowed=" or ".join(allowed)
            )
        return x * _UNIT_SCALE[u]
    # CCSDS defaults: km, km/s, m**2
    return x * (1e-6 if kind == "cov" else 1.0)


def read_cdm(path: str | Path, text: str | None = None) -> Cdm:
    """Read a CCSDS CDM in KVN form (states in km, km/s; covariances in m²).

    Earth-fixed states (ITRF) are turned into the inertial frame aligned with
    the Earth-fixed axes at TCA (v + ω × r), which is all a 2-D Pc needs.
    """
    source = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            raise InputError("file not found", file=source, allowed="an existing file") from None
    header: dict[str, tuple[str, str | None, int]] = {}
    objects: list[dict[str, tuple[str, str | None, int]]] = []
    hbr = None
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("COMMENT"):
            m = re.match(r"COMMENT\s+HBR\s*=\s*([0-9.eE+-]+)", line)
            if m:
                hbr = float(m.group(1))
            continue
        m = _KVN.match(line)
        if not m:
            raise InputError(
                f"not a KVN line: {line[:40]!r}",
                file=source,
                line=n,
                field="CDM",
                allowed="KEY = value [unit] (CCSDS 508.0-B-1 KVN)",
            )
        key, value, unit = m.group(1), m.group(2), m.group(3)
        if key == "OBJECT":
            objects.append({})
        target = objects[-1] if objects else header
        target[key] = (value, unit, n)
    if "CCSDS_CDM_VERS" not in header:
        raise InputError(
            "not a CDM (no CCSDS_CDM_VERS line)",
            file=source,
            field="CCSDS_CDM_VERS",
            allowed="a CCSDS CDM in KVN form",
        )
    if len(objects) != 2:
        raise InputError(
            f"a CDM has two OBJECT sections, this one has {len(objects)}",
            file=source,
            field="OBJECT",
            allowed="OBJECT = OBJECT1 then OBJECT = OBJECT2",
        )
    if "TCA" not in header:
        raise InputError("no TCA", file=source, field="TCA", allowed="an ISO-8601 UTC time")
    tca_text, _, tca_line = header["TCA"]
    try:
        tca = datetime.fromisoformat(tca_text.replace("Z", "")).replace(tzinfo=UTC)
    except ValueError:
        raise InputError(
            f"{tca_text!r} is not a time", file=source, line=tca_line, field="TCA"
        ) from None
    parsed = [_cdm_object(o, source) for o in objects]
    miss = None
    if "MISS_DISTANCE" in header:
        v, u, n = header["MISS_DISTANCE"]
        miss = _cdm_float(v, u or "m", "MISS_DISTANCE", source, n) * 1e3
    return Cdm(
        source,
        tca,
        parsed[0],
        parsed[1],
        hbr,
        miss,
        header.get("MESSAGE_ID", ("", None, 0))[0],
        {k: v[0] for k, v in header.items()},
    )


def _cdm_object(fields: dict, source: str) -> CdmObject:
    missing = [k for k in _CDM_OBJECT_KEYS + _CDM_COV_KEYS if k not in fields]
    first_line = min((v[2] for v in fields.values()), default=None)
    if missing:
        raise InputError(
            f"object {fields.get('OBJECT', ('?',))[0]} lacks {', '.join(missing)}",
            file=source,
            line=first_line,
            field=missing[0],
            allowed="X..Z_DOT and CR_R..CN_N in every OBJECT section",
        )
    vals = {
        k: _cdm_float(fields[k][0], fields[k][1], k, source, fields[k][2])
        for k in _CDM_OBJECT_KEYS + _CDM_COV_KEYS
    }
    r = np.array([vals["X"], vals["Y"], vals["Z"]])
    v = np.array([vals["X_DOT"], vals["Y_DOT"], vals["Z_DOT"]])
    frame = fields.get("REF_FRAME", ("EME2000", None, 0))[0].upper()
    if frame in _EARTH_FIXED_FRAMES:
        v = v + np.cross([0.0, 0.0, OMEGA_EARTH_RAD_S], r)
    elif frame not in _INERTIAL_FRAMES:
        raise InputError(
            f"reference frame {frame!r}",
            file=source,
            line=fields["REF_FRAME"][2],
            field="REF_FRAME",
            allowed=", ".join(_INERTIAL_FRAMES + _EARTH_FIXED_FRAMES),
        )
    c = vals
    cov = np.array(
        [
            [c["CR_R"], c["CT_R"], c["CN_R"]],
            [c["CT_R"], c["CT_T"], c["CN_T"]],
            [c["CN_R"], c["CN_T"], c["CN_N"]],
        ]
    )
    return CdmObject(
        fields.get("OBJECT_DESIGNATOR", ("", None, 0))[0],
        fields.get("OBJECT_NAME", ("", None, 0))[0],
        r,
        v,
        cov,
        frame,
    )
