"""Fuzz strategies for the screening inputs: whole catalogues (every element-file form, as
``strategies.py`` makes them) and CCSDS CDMs (the Alfano 2009 case-7 CDM of the CDM tests,
mutated: nasty numbers in its values, lines dropped or doubled, encodings, byte flips)."""

from __future__ import annotations

from conjunction.test_cdm import GOOD as CDM_SEED
from fuzz.strategies import (
    ENCODINGS,
    NASTY_NUMBERS,
    _mutate_bytes,
    _mutate_text,
    omm_csv_documents,
    omm_json_documents,
    omm_xml_documents,
    tle_documents,
)
from hypothesis import strategies as st

#: What a CDM value may be replaced with: the nasty numbers, bad exponents, other scripts.
CDM_VALUES = NASTY_NUMBERS + ["1e", "1e+", ".", "-", "1_0", "\u0661\u0662", "0", "-3", ""]


def catalogue_documents():
    """(bytes, suffix): a catalogue in any of the forms ``read_catalog`` takes."""
    return st.one_of(
        tle_documents().map(lambda raw: (raw, ".3le")),
        omm_json_documents().map(lambda raw: (raw, ".json")),
        omm_xml_documents().map(lambda raw: (raw, ".xml")),
        omm_csv_documents().map(lambda raw: (raw, ".csv")),
    )


@st.composite
def cdm_documents(draw) -> bytes:
    """A KVN CDM: the seed with values replaced, lines dropped or doubled, text mutated."""
    lines = CDM_SEED.splitlines()
    for _ in range(draw(st.integers(0, 3))):
        k = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["value", "value", "drop", "dup", "text"]))
        key, eq, rest = lines[k].partition("=")
        if action == "value" and eq:
            unit = rest[rest.find("[") :] if "[" in rest else ""
            lines[k] = f"{key}= {draw(st.sampled_from(CDM_VALUES))} {unit}".rstrip()
        elif action == "drop":
            del lines[k]
        elif action == "dup":
            lines.insert(k, lines[k])
        else:
            lines[k] = _mutate_text(draw, lines[k], 3)
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = eol.join(lines) + eol
    if draw(st.booleans()):
        text = "\ufeff" + text
    raw = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    return _mutate_bytes(draw, raw) if draw(st.integers(0, 5)) == 0 else raw
