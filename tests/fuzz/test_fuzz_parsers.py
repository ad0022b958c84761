"""Parser fuzz: whatever a file holds, only our error escapes, and nothing non-finite loads.

Each parser (TLE/3LE, OMM JSON, XML, CSV, OEM XML, the TOML reader) gets mutated real files,
wrong types, non-finite numbers and other encodings (strategies in ``strategies.py``), twice:
a bounded, derandomized run, and a replay of every example stored in ``tests/fuzz/.hypothesis-db``
(the crashes the fuzz found before the parsers were fixed, and anything a local campaign finds
later: see docs/fuzzing.md).
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from fuzz.strategies import (
    fuzz_settings,
    oem_xml_documents,
    omm_csv_documents,
    omm_json_documents,
    omm_xml_documents,
    replay_settings,
    tle_documents,
    toml_documents,
)
from hypothesis import given

from stationkeeper.errors import StationkeeperError
from stationkeeper.orbit.oem import read_oem
from stationkeeper.orbit.tle import load_elements, load_tle, load_tle_history
from stationkeeper.orbit.topo_header import read_topo_header
from stationkeeper.tomlfile import read_toml

WORK = Path(tempfile.mkdtemp(prefix="stationkeeper-fuzz-"))

SATREC_FIELDS = ("no_kozai", "ecco", "inclo", "nodeo", "argpo", "mo", "bstar", "jdsatepoch")


def _file(raw: bytes, suffix: str) -> Path:
    path = WORK / f"input{suffix}"
    path.write_bytes(raw)
    return path


def _only_our_errors(call, path: Path) -> object:
    try:
        return call(path)
    except StationkeeperError as exc:
        assert str(exc).strip() and "\n" not in str(exc).strip()
        return None


def _elements_are_finite(elements) -> None:
    for es in elements if isinstance(elements, list) else [elements]:
        for name in SATREC_FIELDS:
            value = getattr(es.satrec, name)
            assert math.isfinite(value), f"{name} = {value} loaded from {es.where()}"


def check_tle(raw: bytes) -> None:
    path = _file(raw, ".tle")
    for call in (load_elements, load_tle, load_tle_history):
        out = _only_our_errors(call, path)
        if out is not None:
            _elements_are_finite(out)


def check_omm_json(raw: bytes) -> None:
    out = _only_our_errors(load_elements, _file(raw, ".json"))
    if out is not None:
        _elements_are_finite(out)


def check_omm_xml(raw: bytes) -> None:
    out = _only_our_errors(load_elements, _file(raw, ".xml"))
    if out is not None:
        _elements_are_finite(out)


def check_oem_xml(raw: bytes) -> None:
    path = _file(raw, ".xml")
    out = _only_our_errors(load_elements, path)
    if out is not None:
        _elements_are_finite(out)
    oem = _only_our_errors(read_oem, path)
    for seg in oem.segments if oem is not None else ():
        assert all(math.isfinite(x) for s in seg.states for x in (*s.r_km, *s.v_km_s))
    _only_our_errors(read_topo_header, path)


def check_omm_csv(raw: bytes) -> None:
    out = _only_our_errors(load_elements, _file(raw, ".csv"))
    if out is not None:
        _elements_are_finite(out)


def check_toml(raw: bytes) -> None:
    out = _only_our_errors(lambda p: read_toml(p, "station file"), _file(raw, ".toml"))
    if out is not None:
        doc, text = out
        assert isinstance(doc, dict) and isinstance(text, str)


test_fuzz_tle = fuzz_settings()(given(tle_documents())(check_tle))
test_fuzz_omm_json = fuzz_settings()(given(omm_json_documents())(check_omm_json))
test_fuzz_omm_xml = fuzz_settings()(given(omm_xml_documents())(check_omm_xml))
test_fuzz_oem_xml = fuzz_settings()(given(oem_xml_documents())(check_oem_xml))
test_fuzz_omm_csv = fuzz_settings()(given(omm_csv_documents())(check_omm_csv))
test_fuzz_toml = fuzz_settings()(given(toml_documents())(check_toml))

test_stored_tle = replay_settings()(given(tle_documents())(check_tle))
test_stored_omm_json = replay_settings()(given(omm_json_documents())(check_omm_json))
test_stored_omm_xml = replay_settings()(given(omm_xml_documents())(check_omm_xml))
test_stored_oem_xml = replay_settings()(given(oem_xml_documents())(check_oem_xml))
test_stored_omm_csv = replay_settings()(given(omm_csv_documents())(check_omm_csv))
test_stored_toml = replay_settings()(given(toml_documents())(check_toml))
