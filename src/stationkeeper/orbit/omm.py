"""CCSDS Orbit Mean-elements Messages (OMM) as JSON, XML or CSV, read through ``sgp4.omm``.

A record is a mapping of OMM field names (any case) to values; :func:`omm_to_elements`
checks the required fields and turns one into an :class:`ElementSet`.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from xml.etree import ElementTree

from sgp4 import omm
from sgp4.api import Satrec

from stationkeeper.errors import InputError
from stationkeeper.orbit.elements import ElementSet, check_orbit

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


def omm_fields(record: dict) -> dict[str, str]:
    """An OMM record as the upper-case string fields ``sgp4.omm.initialize`` takes, with the
    defaults for the optional TLE-parameter fields."""
    fields = {str(k).upper(): v for k, v in record.items()}
    for key, default in OMM_DEFAULTS.items():
        fields.setdefault(key, default)
    return {k: str(v) for k, v in fields.items()}


def omm_to_elements(fields: dict, source: str, index: int) -> ElementSet:
    """One OMM record as a checked :class:`ElementSet`.

    Parameters
    ----------
    fields : dict
        OMM field name (any case) -> value.
    source : str
        The file it came from (named in errors).
    index : int
        Its position in the file (named in errors).

    Raises
    ------
    InputError
        A required field is missing or sgp4 cannot read the record.
    PhysicsError
        The perigee is below 100 km.
    """
    fields = {str(k).upper(): v for k, v in fields.items()}
    missing = [k for k in OMM_REQUIRED_FIELDS if fields.get(k) in (None, "")]
    if missing:
        raise InputError(
            f"OMM record {index} lacks {', '.join(missing)}",
            file=source,
            field=missing[0],
            allowed="CCSDS OMM with " + ", ".join(OMM_REQUIRED_FIELDS),
        )
    sat = Satrec()
    try:
        omm.initialize(sat, omm_fields(fields))
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"OMM record {index} is not valid: {exc}",
            file=source,
            field="OMM",
            allowed="CCSDS OMM mean elements (SGP4)",
        ) from None
    es = ElementSet(sat, str(fields.get("OBJECT_NAME", "")), source, None)
    return check_orbit(es)


def omm_records(path: Path, text: str) -> list[dict]:
    """The records of an OMM file (``text`` is its content; XML is parsed from ``path``)."""
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(text)
            return data if isinstance(data, list) else [data]
        if suffix == ".xml":
            with path.open() as f:
                return list(omm.parse_xml(f))
        if suffix == ".csv":
            return list(csv.DictReader(text.splitlines()))
    except (json.JSONDecodeError, ElementTree.ParseError, csv.Error) as exc:
        raise InputError(f"not a readable OMM file: {exc}", file=source) from None
    raise InputError(
        f"unknown element file type {suffix!r}",
        file=source,
        allowed=".tle/.3le/.txt (two-line elements), .json/.xml/.csv (CCSDS OMM)",
    )
