"""CCSDS Orbit Mean-elements Messages (OMM) as JSON, XML or CSV, read through ``sgp4.omm``.

A record is a mapping of OMM field names (any case) to values; :func:`omm_to_elements`
checks the required fields and turns one into an :class:`ElementSet`.
"""

from __future__ import annotations

import csv
import json
import math
import re
from datetime import datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

from sgp4 import omm
from sgp4.api import Satrec

from stationkeeper.errors import InputError
from stationkeeper.orbit.elements import EPOCH_YEARS, ElementSet, check_elements, check_orbit

#: File suffixes read as OMM (anything else is two-line element text).
OMM_SUFFIXES = (".json", ".xml", ".csv")

OMM_REQUIRED_FIELDS = (
    "EPOCH",
    "MEAN_MOTION",
    "ECCENTRICITY",
    "INCLINATION",
    "RA_OF_ASC_NODE",
    "ARG_OF_PERICENTER",
    "MEAN_ANOMALY",
    "NORAD_CAT_ID",
    "BSTAR",
)

OMM_DEFAULTS = {
    "EPHEMERIS_TYPE": "0",
    "CLASSIFICATION_TYPE": "U",
    "ELEMENT_SET_NO": "999",
    "REV_AT_EPOCH": "0",
    "MEAN_MOTION_DOT": "0",
    "MEAN_MOTION_DDOT": "0",
    "OBJECT_ID": "",
}


#: The numeric fields and the integer fields among them (``sgp4.omm.initialize`` reads them).
OMM_REAL_FIELDS = (
    "MEAN_MOTION",
    "ECCENTRICITY",
    "INCLINATION",
    "RA_OF_ASC_NODE",
    "ARG_OF_PERICENTER",
    "MEAN_ANOMALY",
    "BSTAR",
    "MEAN_MOTION_DOT",
    "MEAN_MOTION_DDOT",
)
OMM_INTEGER_FIELDS = {
    "NORAD_CAT_ID": (1, 339999),  # sgp4's Alpha-5 limit
    "EPHEMERIS_TYPE": (0, 9),
    "ELEMENT_SET_NO": (0, 99999),
    "REV_AT_EPOCH": (0, 9_999_999),
}

#: A decimal number as files write it: ASCII digits only (no '1_0', no other scripts' digits).
_REAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
_INTEGER = re.compile(r"[+-]?\d+(\.0*)?", re.ASCII)
#: The epoch forms CelesTrak and Space-Track serve (fraction and Z optional) and CCSDS's
#: day-of-year form: YYYY-MM-DDThh:mm:ss[.f][Z], YYYY-DDDThh:mm:ss[.f][Z].
_EPOCH = re.compile(
    r"(\d{4})-(?:(\d{2})-(\d{2})|(\d{3}))[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?Z?",
    re.ASCII,
)

#: What goes wrong inside a reader when a file is not what it claims to be: each becomes an
#: :class:`InputError` naming the file.
PARSE_ERRORS = (
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    OverflowError,
    LookupError,
    RecursionError,
    UnicodeError,
    ElementTree.ParseError,
    csv.Error,
)


def _kind(value) -> str:
    """What a JSON value is, in JSON's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return {str: "a string", list: "a list", dict: "an object"}.get(type(value), "a value")


def _error(message: str, where: dict, field: str | None = None, allowed: str | None = None):
    return InputError(message, field=field, allowed=allowed, **where)


def _text(value, key: str, record: str, where: dict) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _error(
            f"{record}: {_kind(value)} where a number or a string belongs",
            where,
            key,
            "a number or a string",
        )
    return value.strip() if isinstance(value, str) else value


def _real(value, key: str, record: str, where: dict) -> str:
    value = _text(value, key, record, where)
    if isinstance(value, str) and not _REAL.fullmatch(value):
        raise _error(f"{record}: {value[:40]!r} is not a number", where, key, "a decimal number")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise _error(f"{record}: {number} is not a finite number", where, key, "a finite number")
    return repr(number)


def _integer(value, key: str, record: str, where: dict) -> str:
    low, high = OMM_INTEGER_FIELDS[key]
    value = _text(value, key, record, where)
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        value = repr(value)
    if isinstance(value, str):
        if not _INTEGER.fullmatch(value) or len(value) > 20:
            raise _error(f"{record}: {value[:40]!r} is not an integer", where, key, "an integer")
        value = int(value.split(".")[0])
    number = int(value)
    if not low <= number <= high:
        raise _error(f"{record}: {number} is out of range", where, key, f"{low} to {high}")
    return str(number)


def _epoch(value, record: str, where: dict) -> str:
    value = _text(value, "EPOCH", record, where)
    m = _EPOCH.fullmatch(str(value))
    allowed = "YYYY-MM-DDThh:mm:ss[.ffffff][Z] or YYYY-DDDThh:mm:ss[.ffffff][Z], UTC"
    if not m:
        raise _error(f"{record}: {str(value)[:40]!r} is not an epoch", where, "EPOCH", allowed)
    year, month, day, doy, hh, mm, ss, frac = m.groups()
    first, last = EPOCH_YEARS
    if not first <= int(year) <= last:
        raise _error(
            f"{record}: {value!r} is not between {first} and {last}", where, "EPOCH", allowed
        )
    try:
        if doy is not None:
            date = datetime(int(year), 1, 1) + timedelta(days=int(doy) - 1)
            if date.year != int(year) or int(doy) < 1:
                raise ValueError("day of year out of range")
        else:
            date = datetime(int(year), int(month), int(day))
        t = date.replace(hour=int(hh), minute=int(mm), second=int(ss))
    except ValueError as exc:
        raise _error(f"{record}: {value!r}: {exc}", where, "EPOCH", allowed) from None
    micro = (frac or ".0")[1:8].ljust(7, "0")  # round to the microsecond
    t += timedelta(microseconds=round(int(micro) / 10))
    return t.isoformat(timespec="microseconds")


def omm_fields(
    record: dict, source: str = "<OMM>", index: int | str = "", line: int | None = None
) -> dict[str, str]:
    """An OMM record as the upper-case string fields ``sgp4.omm.initialize`` takes: numbers
    checked (ASCII decimal, finite), integers in range, the epoch in sgp4's form, defaults for
    the optional TLE-parameter fields.

    Raises
    ------
    InputError
        A record that is not a mapping, a missing required field or a bad value (named).
    """
    where = dict(file=source, line=line)
    name = f"OMM record {index}".strip()
    if not isinstance(record, dict):
        raise _error(
            f"{name} is {_kind(record)}, not an object of OMM fields",
            where,
            "OMM",
            "an object (or a list of objects) of CCSDS OMM fields",
        )
    fields = {str(k).upper(): v for k, v in record.items()}
    missing = [k for k in OMM_REQUIRED_FIELDS if fields.get(k) in (None, "")]
    if missing:
        raise _error(
            f"{name} lacks {', '.join(missing)}",
            where,
            missing[0],
            "CCSDS OMM with " + ", ".join(OMM_REQUIRED_FIELDS),
        )
    for key, default in OMM_DEFAULTS.items():
        if fields.get(key) in (None, ""):
            fields[key] = default
    out = {k: str(v) for k, v in fields.items() if isinstance(v, str | int | float)}
    for key in OMM_REAL_FIELDS:
        out[key] = _real(fields[key], key, name, where)
    for key in OMM_INTEGER_FIELDS:
        out[key] = _integer(fields[key], key, name, where)
    out["EPOCH"] = _epoch(fields["EPOCH"], name, where)
    for key in ("CLASSIFICATION_TYPE", "OBJECT_ID", "OBJECT_NAME"):
        if key in fields:
            out[key] = str(_text(fields[key], key, name, where))
    if len(out["CLASSIFICATION_TYPE"]) != 1 or not out["CLASSIFICATION_TYPE"].isascii():
        raise _error(
            f"{name}: {out['CLASSIFICATION_TYPE'][:20]!r}",
            where,
            "CLASSIFICATION_TYPE",
            "one letter (U, C or S)",
        )
    return out


def omm_to_elements(
    fields: dict,
    source: str,
    index: int | str,
    *,
    line: int | None = None,
    check_physics: bool = True,
) -> ElementSet:
    """One OMM record as a checked :class:`ElementSet`.

    Parameters
    ----------
    fields : dict
        OMM field name (any case) -> value.
    source : str
        The file it came from (named in errors).
    index : int
        Its position in the file (named in errors).
    line : int, optional
        Its line in the file, where known (CSV).
    check_physics : bool
        Also refuse orbits that are re-entering (perigee below 100 km) or that sgp4 rejects.

    Raises
    ------
    InputError
        A required field is missing, a value is not a finite number in range or sgp4 cannot
        read the record.
    PhysicsError
        The perigee is below 100 km.
    """
    clean = omm_fields(fields, source, index, line)
    sat = Satrec()
    try:
        omm.initialize(sat, clean)
    except PARSE_ERRORS as exc:
        raise InputError(
            f"OMM record {index} is not valid: {exc}",
            file=source,
            line=line,
            field="OMM",
            allowed="CCSDS OMM mean elements (SGP4)",
        ) from None
    es = ElementSet(sat, clean.get("OBJECT_NAME", ""), source, line)
    check_elements(es)
    return check_orbit(es) if check_physics else es


def _xml_records(raw: bytes, source: str) -> list[dict]:
    """The segments of an NDM/OMM XML document (read from bytes: its declared encoding holds)."""
    root = ElementTree.fromstring(raw)
    out = []
    for k, segment in enumerate(root.iter("segment"), start=1):
        fields: dict = {}
        for path in ("metadata", "data", "data/meanElements", "data/tleParameters"):
            part = segment.find(path)
            if part is None:
                raise InputError(
                    f"segment {k} has no <{path.split('/')[-1]}>",
                    file=source,
                    field=path.split("/")[-1],
                    allowed="CCSDS OMM XML: segment/metadata, data/meanElements, "
                    "data/tleParameters",
                )
            if path != "data":
                fields.update((child.tag, (child.text or "").strip()) for child in part)
        out.append(fields)
    return out


def _json_records(text: str, source: str) -> list:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not readable JSON: {exc.msg}",
            file=source,
            line=exc.lineno,
            allowed="OMM JSON (an object or a list of objects)",
        ) from None
    except RecursionError:
        raise InputError(
            "JSON nested too deeply", file=source, allowed="OMM JSON (a list of objects)"
        ) from None
    if isinstance(data, dict):
        return [data]
    if not isinstance(data, list):
        raise InputError(
            f"the JSON document is {_kind(data)}",
            file=source,
            field="OMM",
            allowed="an object or a list of objects of CCSDS OMM fields",
        )
    return data


def _csv_records(text: str, source: str) -> list[dict]:
    rows = list(csv.DictReader(text.splitlines()))
    for k, row in enumerate(rows, start=2):
        if None in row:
            raise InputError(
                "more cells than the header has columns",
                file=source,
                line=k,
                allowed="one cell per header column",
            )
    return rows


def omm_records(path: Path, text: str) -> list[dict]:
    """The records of an OMM file (``text`` is its content; XML is parsed from the bytes of
    ``path`` so that its declared encoding is honoured). A JSON record that is not an object
    is returned as it is (:func:`omm_fields` refuses it, naming its position)."""
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            return _json_records(text, source)
        if suffix == ".xml":
            return _xml_records(path.read_bytes(), source)
        if suffix == ".csv":
            return _csv_records(text, source)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=source) from None
    except PARSE_ERRORS as exc:
        raise InputError(
            f"not a readable OMM file: {type(exc).__name__}: {exc}"[:300],
            file=source,
            allowed="CCSDS OMM (JSON, XML or CSV)",
        ) from None
    raise InputError(
        f"unknown element file type {suffix!r}",
        file=source,
        allowed=".tle/.3le/.txt (two-line elements), .json/.xml/.csv (CCSDS OMM)",
    )
