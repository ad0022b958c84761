"""Screening-input fuzz: whatever a catalogue or a CDM holds, only our error escapes, and what
loads is finite (every catalogue payload rebuilds its orbit; a CDM's states, covariances and
hard-body radius are finite, the radius > 0). Bounded and derandomized, plus a replay of the
stored database, as in ``test_fuzz_parsers.py``."""

from __future__ import annotations

import math
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from fuzz.strategies import fuzz_settings, replay_settings
from fuzz.strategies_conjunction import catalogue_documents, cdm_documents
from fuzz.test_fuzz_parsers import SATREC_FIELDS
from hypothesis import given

from stationkeeper.conjunction.catalog import read_catalog, satrec_from_payload
from stationkeeper.conjunction.cdm import read_cdm
from stationkeeper.errors import StationkeeperError

WORK = Path(tempfile.mkdtemp(prefix="stationkeeper-fuzz-conjunction-"))


def _load(call, path: Path):
    try:
        return call(path)
    except StationkeeperError as exc:
        assert str(exc).strip() and "\n" not in str(exc).strip()
        return None


def check_catalogue(doc: tuple[bytes, str]) -> None:
    raw, suffix = doc
    path = WORK / f"catalogue{suffix}"
    path.write_bytes(raw)
    cat = _load(lambda p: read_catalog(p, warn=False), path)
    if cat is None:
        return
    assert len(cat.elements) == len(cat.payloads) > 0
    for es, payload in zip(cat.elements, cat.payloads, strict=True):
        sat = satrec_from_payload(payload)
        for name in SATREC_FIELDS:
            assert math.isfinite(getattr(es.satrec, name)), f"{name} from {es.where()}"
            assert getattr(sat, name) == getattr(es.satrec, name), name


def check_cdm(raw: bytes) -> None:
    path = WORK / "message.cdm"
    path.write_bytes(raw)
    cdm = _load(read_cdm, path)
    if cdm is None:
        return
    for obj in (cdm.object1, cdm.object2):
        assert np.isfinite(obj.r_km).all() and np.isfinite(obj.v_km_s).all()
        assert np.isfinite(obj.cov_rtn_km2).all()
    assert cdm.hbr_m is None or (math.isfinite(cdm.hbr_m) and cdm.hbr_m > 0)
    assert datetime(1957, 1, 1, tzinfo=UTC) <= cdm.tca_utc < datetime(2101, 1, 1, tzinfo=UTC)


test_fuzz_catalogue = fuzz_settings()(given(catalogue_documents())(check_catalogue))
test_fuzz_cdm = fuzz_settings()(given(cdm_documents())(check_cdm))

test_stored_catalogue = replay_settings()(given(catalogue_documents())(check_catalogue))
test_stored_cdm = replay_settings()(given(cdm_documents())(check_cdm))
