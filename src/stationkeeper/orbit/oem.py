"""CCSDS Orbit Ephemeris Message (OEM, CCSDS 502.0-B-3): read (KVN, and XML through
:mod:`.oem_xml`) and write.

Reading: the header (``CCSDS_OEM_VERS``, ``CREATION_DATE``, ``ORIGINATOR``), one or more
segments (``META_START`` … ``META_STOP`` then data lines ``epoch x y z vx vy vz [ax ay az]``
in km, km/s, km/s²), ``COMMENT`` lines kept in order, ``COVARIANCE_START`` …
``COVARIANCE_STOP`` blocks skipped (the segment says so). Every error names the file, the
line and the field (:class:`~stationkeeper.errors.InputError`).

Frames: NASA TOPO's ISS files are ``EME2000`` (J2000 mean equator and equinox); our
propagators work in GCRS, whose axes are the ICRS's. The two differ by the constant frame
bias (IERS 2003 Conventions ch. 5: ξ0 = −16.617 mas, η0 = −6.8192 mas, dα0 = −14.6 mas;
~23 mas, 0.76 m at the ISS's radius), applied exactly here with skyfield's matrix
(``skyfield.framelib.ICRS_to_J2000``). ``GCRF`` and ``ICRF`` are taken as GCRS axes (the
ICRF/GCRF difference for a geocentric state is the same axes). Other frames (TEME, ITRF, …)
are refused with the allowed list. Only ``TIME_SYSTEM = UTC`` and ``CENTER_NAME = EARTH``.

Writing: :mod:`stationkeeper.orbit.oem_write` (full precision: what is written reads back
to the same numbers).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from stationkeeper.errors import InputError
from stationkeeper.orbit.oem_xml import is_oem_xml, oem_lines
from stationkeeper.orbit.state import State
from stationkeeper.textfile import read_text_file

#: Reference frames accepted (inertial, Earth-centred, J2000-aligned to < 1 m at the ISS).
OEM_FRAMES = ("EME2000", "GCRF", "ICRF")
#: The OEM versions read.
OEM_VERSIONS = ("1.0", "2.0", "3.0")
#: Metadata keys of an OEM segment (CCSDS 502.0-B-3 table 5-3).
META_KEYS = (
    "OBJECT_NAME",
    "OBJECT_ID",
    "CENTER_NAME",
    "REF_FRAME",
    "REF_FRAME_EPOCH",
    "TIME_SYSTEM",
    "START_TIME",
    "USEABLE_START_TIME",
    "USEABLE_STOP_TIME",
    "STOP_TIME",
    "INTERPOLATION",
    "INTERPOLATION_DEGREE",
)
REQUIRED_META = (
    "OBJECT_NAME",
    "OBJECT_ID",
    "CENTER_NAME",
    "REF_FRAME",
    "TIME_SYSTEM",
    "START_TIME",
    "STOP_TIME",
)
HEADER_KEYS = ("CCSDS_OEM_VERS", "CREATION_DATE", "ORIGINATOR", "MESSAGE_ID")
DATA_FIELDS = ("epoch", "x_km", "y_km", "z_km", "x_dot_km_s", "y_dot_km_s", "z_dot_km_s")
ACC_FIELDS = ("x_ddot_km_s2", "y_ddot_km_s2", "z_ddot_km_s2")
#: Slack on START_TIME/STOP_TIME for the epochs of the data lines, s (their rounding).
EPOCH_SLACK_S = 1e-3


@dataclass(frozen=True)
class OemState:
    """One data line: epoch (UTC), position km, velocity km/s (acceleration km/s² or None)
    in the segment's frame, and the line it came from."""

    epoch_utc: datetime
    r_km: tuple[float, float, float]
    v_km_s: tuple[float, float, float]
    a_km_s2: tuple[float, float, float] | None = None
    line: int | None = None


@dataclass(frozen=True)
class OemSegment:
    """One segment: its metadata (key → value), comments, states, and whether a covariance
    block was skipped."""

    meta: dict
    comments: tuple[str, ...]
    states: tuple[OemState, ...]
    line: int
    covariance_skipped: bool = False

    @property
    def ref_frame(self) -> str:
        return self.meta["REF_FRAME"].upper()

    def gcrs_states(self) -> list[State]:
        """The segment's states in GCRS, SI (m, m/s); the EME2000 frame bias removed."""
        to_gcrs = frame_to_gcrs(self.ref_frame)
        out = []
        for s in self.states:
            r = to_gcrs @ (np.asarray(s.r_km) * 1e3)
            v = to_gcrs @ (np.asarray(s.v_km_s) * 1e3)
            out.append(State(s.epoch_utc, tuple(map(float, r)), tuple(map(float, v))))
        return out


@dataclass(frozen=True)
class OemFile:
    """A whole OEM: source, version, header fields, header comments, segments."""

    source: str
    version: str
    header: dict
    comments: tuple[str, ...]
    segments: tuple[OemSegment, ...]

    @property
    def all_comments(self) -> tuple[str, ...]:
        """Header comments then every segment's, in file order."""
        return self.comments + tuple(c for seg in self.segments for c in seg.comments)


def frame_to_gcrs(frame: str) -> np.ndarray:
    """The rotation matrix from ``frame`` (one of :data:`OEM_FRAMES`) to GCRS axes."""
    frame = frame.upper()
    if frame == "EME2000":
        from skyfield.framelib import ICRS_to_J2000  # deferred: skyfield's import is slow

        return np.asarray(ICRS_to_J2000).T
    return np.eye(3)


def is_oem_text(text: str) -> bool:
    """Whether ``text`` is an OEM: in KVN (its first key is ``CCSDS_OEM_VERS``) or XML."""
    if is_oem_xml(text):
        return True
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("COMMENT"):
            continue
        return line.startswith("CCSDS_OEM_VERS")
    return False


def parse_epoch(value: str, source: str, line: int | None, field: str) -> datetime:
    """An OEM epoch (``YYYY-MM-DDThh:mm:ss[.f]`` or ``YYYY-DDDThh:mm:ss[.f]``, optional
    ``Z``) as UTC; fractions beyond microseconds are rounded to the microsecond."""
    text = value.strip().removesuffix("Z")
    date, _, clock = text.partition("T")
    clock, _, digits = clock.partition(".")
    try:
        if digits and not digits.isdigit():
            raise ValueError
        fmt = "%Y-%jT%H:%M:%S" if date.count("-") == 1 else "%Y-%m-%dT%H:%M:%S"
        t = datetime.strptime(f"{date}T{clock}", fmt).replace(tzinfo=UTC)
    except ValueError:
        raise InputError(
            f"{value!r} is not an epoch",
            file=source,
            line=line,
            field=field,
            allowed="YYYY-MM-DDThh:mm:ss.sss or YYYY-DDDThh:mm:ss.sss (UTC)",
        ) from None
    return t + timedelta(microseconds=round(float("0." + (digits or "0")) * 1e6))


def format_epoch(t: datetime) -> str:
    """``YYYY-MM-DDThh:mm:ss.ffffff`` (UTC): the epoch as :func:`write_oem` writes it."""
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def read_oem(path: str | Path, *, states_required: bool = True) -> OemFile:
    """The OEM in file ``path`` (KVN or XML); see :func:`parse_oem`.

    Raises
    ------
    InputError
        The file is missing or unreadable, or a line breaks the format (file, line, field).
    """
    text = read_text_file(path, "a CCSDS OEM file")
    return parse_oem(text, str(path), states_required=states_required)


class _Reader:
    """The parse of one OEM text: the header, then META and data blocks in turn."""

    def __init__(self, source: str, states_required: bool = True) -> None:
        self.source = source
        self.states_required = states_required
        self.mode = "header"
        self.header: dict = {}
        self.header_comments: list[str] = []
        self.segments: list[OemSegment] = []
        self.meta: dict = {}
        self.meta_lines: dict = {}
        self.comments: list[str] = []
        self.states: list[OemState] = []
        self.seg_line = 0
        self.covariance = False

    def error(self, message: str, line: int | None, field: str, allowed: str = "") -> InputError:
        return InputError(
            message, file=self.source, line=line, field=field, allowed=allowed or None
        )

    def feed(self, n: int, line: str) -> None:
        if line.startswith("COMMENT") and (len(line) == 7 or line[7] in " \t"):
            if self.mode != "covariance":
                text = line[8:] if len(line) > 8 else ""
                (self.header_comments if self.mode == "header" else self.comments).append(text)
            return
        if self.mode == "covariance":
            if line == "COVARIANCE_STOP":
                self.mode = "data"
            return
        if line == "META_START":
            if self.mode == "meta":
                raise self.error("META_START inside a META block", n, "META_START", "META_STOP")
            if self.mode == "header" and "CCSDS_OEM_VERS" not in self.header:
                raise self.error("no CCSDS_OEM_VERS before META_START", n, "CCSDS_OEM_VERS")
            self.close_segment()
            self.mode, self.seg_line, self.meta, self.meta_lines = "meta", n, {}, {}
            return
        if line == "META_STOP":
            if self.mode != "meta":
                raise self.error("META_STOP without META_START", n, "META_STOP", "META_START")
            self.check_meta(n)
            self.mode = "data"
            return
        if line == "COVARIANCE_START":
            if self.mode != "data":
                raise self.error("COVARIANCE_START outside a segment", n, "COVARIANCE_START")
            self.mode, self.covariance = "covariance", True
            return
        if self.mode in ("header", "meta"):
            self.key_value(n, line)
        else:
            self.data_line(n, line)

    def key_value(self, n: int, line: str) -> None:
        key, eq, value = line.partition("=")
        key, value = key.strip().upper(), value.strip()
        keys = HEADER_KEYS if self.mode == "header" else META_KEYS
        where = "header" if self.mode == "header" else "META block"
        if not eq:
            raise self.error(f"expected 'KEY = value', got {line[:40]!r}", n, where, "KEY = value")
        if key not in keys:
            raise self.error(
                f"{key} is not a key of an OEM {where}", n, key, "one of " + ", ".join(keys)
            )
        if self.mode == "header":
            if not self.header and key != "CCSDS_OEM_VERS":
                raise self.error(f"{key} before CCSDS_OEM_VERS", n, "CCSDS_OEM_VERS")
            if key == "CCSDS_OEM_VERS" and value not in OEM_VERSIONS:
                raise self.error(f"version {value!r} is not read", n, key, ", ".join(OEM_VERSIONS))
            self.header[key] = value
            return
        if key in self.meta:
            raise self.error(f"{key} given twice in one META block", n, key, "once")
        self.meta[key], self.meta_lines[key] = value, n

    def check_meta(self, n: int) -> None:
        for key in REQUIRED_META:
            if key not in self.meta:
                raise self.error(
                    f"the META block (from line {self.seg_line}) has no {key}", n, key, "required"
                )
        checks = (
            ("CENTER_NAME", ("EARTH",)),
            ("REF_FRAME", OEM_FRAMES),
            ("TIME_SYSTEM", ("UTC",)),
        )
        for key, allowed in checks:
            if self.meta[key].upper() not in allowed:
                raise self.error(
                    f"{key} = {self.meta[key]} is not supported",
                    self.meta_lines[key],
                    key,
                    ", ".join(allowed),
                )
        self.start = parse_epoch(
            self.meta["START_TIME"], self.source, self.meta_lines["START_TIME"], "START_TIME"
        )
        self.stop = parse_epoch(
            self.meta["STOP_TIME"], self.source, self.meta_lines["STOP_TIME"], "STOP_TIME"
        )
        if self.stop < self.start:
            raise self.error(
                "STOP_TIME is before START_TIME",
                self.meta_lines["STOP_TIME"],
                "STOP_TIME",
                f">= {self.meta['START_TIME']}",
            )

    def data_line(self, n: int, line: str) -> None:
        tokens = line.split()
        if len(tokens) not in (7, 10):
            raise self.error(
                f"{len(tokens)} values on a data line",
                n,
                "data line",
                "7 (epoch x y z vx vy vz, km and km/s) or 10 (with ax ay az, km/s^2)",
            )
        t = parse_epoch(tokens[0], self.source, n, "epoch")
        values = []
        for name, tok in zip(DATA_FIELDS[1:] + ACC_FIELDS, tokens[1:], strict=False):
            try:
                x = float(tok)
            except ValueError:
                x = math.nan
            if not math.isfinite(x):
                raise self.error(f"{tok!r} is not a finite number", n, name, "a number")
            values.append(x)
        early, late = (t - self.start).total_seconds(), (t - self.stop).total_seconds()
        if early < -EPOCH_SLACK_S or late > EPOCH_SLACK_S:  # (no datetime ± slack: year 1)
            raise self.error(
                f"epoch {tokens[0]} is outside the segment's START_TIME to STOP_TIME",
                n,
                "epoch",
                f"{self.meta['START_TIME']} to {self.meta['STOP_TIME']}",
            )
        if self.states and t <= self.states[-1].epoch_utc:
            raise self.error(
                f"epoch {tokens[0]} is not after the previous line's", n, "epoch", "increasing"
            )
        r_norm = math.hypot(*values[:3])
        if not 6000.0 <= r_norm <= 1e6:
            raise self.error(
                f"position {r_norm:,.0f} km from the Earth's centre",
                n,
                "x_km",
                "6,000 to 1,000,000 km (km, Earth-centred)",
            )
        acc = tuple(values[6:9]) if len(values) == 9 else None
        self.states.append(OemState(t, tuple(values[:3]), tuple(values[3:6]), acc, n))

    def close_segment(self) -> None:
        if self.mode == "header":
            return
        if not self.states and self.states_required:
            raise self.error(
                "the segment has no state lines",
                self.seg_line,
                "data",
                "lines 'epoch x y z vx vy vz' after META_STOP",
            )
        self.segments.append(
            OemSegment(
                dict(self.meta),
                tuple(self.comments),
                tuple(self.states),
                self.seg_line,
                self.covariance,
            )
        )
        self.comments, self.states, self.covariance = [], [], False

    def finish(self, n: int) -> OemFile:
        if self.mode == "meta":
            raise self.error("META_START without META_STOP", n, "META_STOP", "META_STOP")
        if self.mode == "covariance":
            raise self.error("COVARIANCE_START without COVARIANCE_STOP", n, "COVARIANCE_STOP")
        if self.mode == "header":
            what = "no CCSDS_OEM_VERS" if "CCSDS_OEM_VERS" not in self.header else "no META_START"
            raise self.error(
                f"{what}: not an OEM",
                n or 1,
                "CCSDS_OEM_VERS" if what[3] == "C" else "META_START",
                "a CCSDS OEM (KVN)",
            )
        self.close_segment()
        return OemFile(
            self.source,
            self.header["CCSDS_OEM_VERS"],
            {k: v for k, v in self.header.items() if k != "CCSDS_OEM_VERS"},
            tuple(self.header_comments),
            tuple(self.segments),
        )


def parse_oem(text: str, source: str = "<string>", *, states_required: bool = True) -> OemFile:
    """The OEM in ``text`` (KVN or XML); ``source`` names it in errors. ``states_required=False``
    reads a header without data lines (a quoted TOPO header)."""
    reader = _Reader(source, states_required)
    n = 0
    for n, raw in oem_lines(text, source):
        line = raw.strip()
        if line:
            reader.feed(n, line)
    return reader.finish(n)
