"""CCSDS conjunction data messages (CDM), KVN form: the parts a 2-D Pc needs.

CCSDS 508.0-B-1 CDM in KVN form: TCA, the two objects' states (X..Z_DOT, km and
km/s) and their position covariances in each object's RTN axes (CR_R, CT_R,
CT_T, CN_R, CN_T, CN_N, m²). ``COMMENT HBR = ...`` (the CARA SDK convention) is
read as the hard-body radius when present.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from stationkeeper.conjunction.encounter import Encounter, encounter
from stationkeeper.conjunction.pc import pc_circle
from stationkeeper.constants import OMEGA_EARTH_RAD_S
from stationkeeper.earth.frames import ric_to_inertial
from stationkeeper.errors import InputError
from stationkeeper.textfile import read_text_file

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


#: A KVN number: ASCII digits only (``float`` also takes other scripts' digits and ``1_0``).
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
#: The years a TCA may lie in (the space age to the end of the element sets' range).
TCA_YEARS = (1957, 2100)


def _number(value: str, key: str, source: str, line: int) -> float:
    """``value`` as a finite float, or an error naming the file, line and key."""
    x = float(value) if _NUMBER.fullmatch(value) else None
    if x is None or not math.isfinite(x):
        raise InputError(
            f"{value!r} is not a {'number' if x is None else 'finite number'}",
            file=source,
            line=line,
            field=key,
            allowed="a finite decimal number (ASCII digits)",
        )
    return x


def _cdm_float(value: str, unit: str | None, key: str, source: str, line: int) -> float:
    x = _number(value, key, source, line)
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
        text = read_text_file(path, "a CDM file")
    header: dict[str, tuple[str, str | None, int]] = {}
    objects: list[dict[str, tuple[str, str | None, int]]] = []
    hbr = None
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("COMMENT"):
            m = re.match(r"COMMENT\s+HBR\s*=\s*(\S*)", line)
            if m:
                hbr = _number(m.group(1), "HBR", source, n)
                if hbr <= 0:
                    raise InputError(
                        f"hard-body radius {hbr} m",
                        file=source,
                        line=n,
                        field="HBR",
                        allowed="> 0 m",
                    )
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
    if not TCA_YEARS[0] <= tca.year <= TCA_YEARS[1]:
        raise InputError(
            f"TCA {tca_text}",
            file=source,
            line=tca_line,
            field="TCA",
            allowed=f"a time in the years {TCA_YEARS[0]} to {TCA_YEARS[1]}",
        )
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
