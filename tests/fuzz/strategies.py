"""Hypothesis strategies for the parser fuzz: mutated real files, wrong types, non-finite
numbers, encodings.

The seeds are real: the shipped ISS TLE, records of the real TLE histories in
``../shared/data/tle`` (ISS, Tianhe, GOCE, Delfi-C3, CryoSat-2, the 2022-01-22 catalogue) and
OMM JSON/XML/CSV built from them by ``sgp4.exporter.export_omm`` (the fields CelesTrak serves).
The shipped ``station.toml`` and the example scenarios seed the TOML fuzz.

Budgets: ``STATIONKEEPER_FUZZ_EXAMPLES`` unset = the bounded, derandomized CI run; set to N = a
local campaign of N examples per parser, random, saving what it finds in the committed database
``tests/fuzz/.hypothesis-db`` (replayed by every CI run).
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase, ExampleDatabase, ReadOnlyDatabase
from sgp4.api import WGS72, Satrec
from sgp4.exporter import export_omm

from stationkeeper.data import data_path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
TLE_DIR = REPO.parent / "shared" / "data" / "tle"
DB_PATH = HERE / ".hypothesis-db"

#: Examples per parser in the CI run (the whole fuzz stays well under 30 s).
CI_EXAMPLES = 150
CAMPAIGN_EXAMPLES = int(os.environ.get("STATIONKEEPER_FUZZ_EXAMPLES", "0") or 0)

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


class KeepingDatabase(ExampleDatabase):
    """The committed database, for a campaign: new finds are saved, nothing is deleted
    (hypothesis drops an example that no longer fails; here it stays as a regression)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.inner = DirectoryBasedExampleDatabase(str(path))

    def fetch(self, key: bytes):
        yield from self.inner.fetch(key)

    def save(self, key: bytes, value: bytes) -> None:
        self.inner.save(key, value)

    def delete(self, key: bytes, value: bytes) -> None:
        pass

    def move(self, src: bytes, dest: bytes, value: bytes) -> None:
        self.inner.save(dest, value)


def fuzz_settings() -> settings:
    """Bounded and derandomized (CI) or a long random campaign writing the stored database."""
    if CAMPAIGN_EXAMPLES:
        return settings(
            max_examples=CAMPAIGN_EXAMPLES,
            deadline=None,
            database=KeepingDatabase(DB_PATH),
            suppress_health_check=_QUIET,
        )
    return settings(
        max_examples=CI_EXAMPLES, deadline=None, derandomize=True, suppress_health_check=_QUIET
    )


def replay_settings() -> settings:
    """Only the examples stored in the committed database (no generation: deterministic)."""
    return settings(
        database=ReadOnlyDatabase(DirectoryBasedExampleDatabase(str(DB_PATH))),
        phases=[Phase.explicit, Phase.reuse],
        deadline=None,
        suppress_health_check=_QUIET,
    )


# ---------------------------------------------------------------- real seeds


def _real_tle_pairs(per_file: int = 12) -> list[tuple[str, str, str]]:
    """(name, line1, line2) from the shipped TLE and a spread of each shared history."""
    lines = data_path("iss_25544_2022-03-03.tle").read_text().splitlines()
    out = [(lines[0][2:], lines[1], lines[2])]
    if TLE_DIR.is_dir():
        for path in sorted(TLE_DIR.glob("*.*le")):
            text = path.read_text(errors="replace").splitlines()
            ones = [i for i, s in enumerate(text[:-1]) if s.startswith("1 ")]
            step = max(1, len(ones) // per_file)
            for i in ones[::step][:per_file]:
                name = text[i - 1][2:] if i and text[i - 1].startswith("0 ") else path.stem
                out.append((name, text[i], text[i + 1]))
    return out


TLE_PAIRS = _real_tle_pairs()


def _omm_record(name: str, l1: str, l2: str) -> dict:
    rec = export_omm(Satrec.twoline2rv(l1, l2, WGS72), name)
    return {
        k: (v if isinstance(v, str) else float(v) if "." in str(v) else v) for k, v in rec.items()
    }


OMM_RECORDS = [_omm_record(*p) for p in TLE_PAIRS]

XML_META = ("OBJECT_NAME", "OBJECT_ID", "CENTER_NAME", "REF_FRAME", "TIME_SYSTEM")
XML_MEAN = (
    "EPOCH",
    "MEAN_MOTION",
    "ECCENTRICITY",
    "INCLINATION",
    "RA_OF_ASC_NODE",
    "ARG_OF_PERICENTER",
    "MEAN_ANOMALY",
)
XML_TLE = (
    "EPHEMERIS_TYPE",
    "CLASSIFICATION_TYPE",
    "NORAD_CAT_ID",
    "ELEMENT_SET_NO",
    "REV_AT_EPOCH",
    "BSTAR",
    "MEAN_MOTION_DOT",
    "MEAN_MOTION_DDOT",
)


def omm_xml(records: list[dict], encoding: str = "UTF-8") -> str:
    """An NDM/OMM XML document of ``records`` (the CelesTrak layout)."""

    def tags(rec, keys):
        return "".join(f"<{k}>{rec[k]}</{k}>" for k in keys if k in rec)

    segs = "".join(
        f"<segment><metadata>{tags(r, XML_META)}<MEAN_ELEMENT_THEORY>SGP4</MEAN_ELEMENT_THEORY>"
        f"</metadata><data><meanElements>{tags(r, XML_MEAN)}</meanElements>"
        f"<tleParameters>{tags(r, XML_TLE)}</tleParameters></data></segment>"
        for r in records
    )
    return f'<?xml version="1.0" encoding="{encoding}"?><ndm><omm><body>{segs}</body></omm></ndm>'


def omm_csv(records: list[dict]) -> str:
    keys = list(records[0])
    rows = [",".join(keys)] + [",".join(str(r.get(k, "")) for k in keys) for r in records]
    return "\n".join(rows) + "\n"


TOML_SEEDS = [data_path("station.toml").read_text(encoding="utf-8")] + [
    p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.toml"))
]

# ---------------------------------------------------------------- mutations

#: Characters that broke or could break a parser: digits of other scripts, signs, exponents,
#: the letters of nan/inf, control characters, a BOM, a tab, a replacement character.
NASTY_CHARS = list("0123456789 .-+eE") + [
    "n",
    "a",
    "i",
    "f",
    "\t",
    "\x00",
    "\x0b",
    "\ufeff",
    "\ufffd",
    "²",
    "٣",
    "١",
    "_",
    "[",
    "/",
    "]",
    "<",
    "&",
    '"',
    "\r",
]
NASTY_NUMBERS = ["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "-0", "1e308", "9" * 40]
NASTY_VALUES = [
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    -1e308,
    0,
    -1,
    10**30,
    True,
    None,
    "",
    "abc",
    "²",
    "١٥.٥",
    "1_5.5",
    " 15.5 ",
    "NaN",
    "Infinity",
    [],
    [1, 2],
    {},
    {"a": 1},
    "2022-03-03T16:59:57",
    "2022-03-03T16:59:57Z",
    "2022-062T16:59:57.5",
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59.999999",
]

ENCODINGS = ["utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252"]


def _mutate_text(draw, text: str, max_edits: int = 4) -> str:
    chars = list(text)
    for _ in range(draw(st.integers(0, max_edits))):
        if not chars:
            break
        kind = draw(st.sampled_from(["replace", "insert", "delete", "number", "dup"]))
        i = draw(st.integers(0, len(chars) - 1))
        if kind == "replace":
            chars[i] = draw(st.sampled_from(NASTY_CHARS))
        elif kind == "insert":
            chars.insert(i, draw(st.sampled_from(NASTY_CHARS)))
        elif kind == "delete":
            del chars[i]
        elif kind == "number":
            word = draw(st.sampled_from(NASTY_NUMBERS))
            chars[i : i + len(word)] = list(word)
        else:
            j = draw(st.integers(i, min(len(chars), i + 80)))
            chars[i:i] = chars[i:j]
    return "".join(chars)


def _recheck(line: str) -> str:
    """Line with a recomputed checksum, so that mutations get past it to the field parser."""
    if len(line) < 69:
        return line
    total = sum(int(c) if c in "0123456789" else c == "-" for c in line[:68])
    return line[:68] + str(total % 10) + line[69:]


@st.composite
def tle_documents(draw) -> bytes:
    """A TLE/3LE file: real records, mutated, re-checksummed or not, in some encoding."""
    pairs = draw(st.lists(st.sampled_from(TLE_PAIRS), min_size=1, max_size=3))
    lines: list[str] = []
    for name, l1, l2 in pairs:
        if draw(st.booleans()):
            lines.append("0 " + name)
        l1 = _mutate_text(draw, l1, 3) if draw(st.booleans()) else l1
        l2 = _mutate_text(draw, l2, 3) if draw(st.booleans()) else l2
        if draw(st.booleans()):
            l1, l2 = _recheck(l1), _recheck(l2)
        lines += [l1, l2]
    if draw(st.booleans()):
        k = draw(st.integers(0, len(lines) - 1))
        lines[k] += draw(st.sampled_from([" ", "\t", " \t ", "\x0c"]))
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = eol.join(lines) + draw(st.sampled_from(["", eol]))
    if draw(st.booleans()):
        text = "\ufeff" + text
    raw = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    return _mutate_bytes(draw, raw) if draw(st.integers(0, 4)) == 0 else raw


def _mutate_bytes(draw, raw: bytes) -> bytes:
    b = bytearray(raw)
    for _ in range(draw(st.integers(1, 4))):
        if not b:
            break
        i = draw(st.integers(0, len(b) - 1))
        b[i] = draw(st.integers(0, 255))
    return bytes(b)


def _mutate_record(draw, rec: dict) -> dict:
    rec = dict(rec)
    for _ in range(draw(st.integers(0, 3))):
        key = draw(st.sampled_from(sorted(rec) + ["norad_cat_id", "EXTRA"]))
        action = draw(st.sampled_from(["value", "value", "delete", "text"]))
        if action == "delete":
            rec.pop(key, None)
        elif action == "text" and isinstance(rec.get(key), str):
            rec[key] = _mutate_text(draw, rec[key], 2)
        else:
            rec[key] = draw(st.sampled_from(NASTY_VALUES))
    return rec


def _json_number(value) -> str:
    return json.dumps(value)  # NaN / Infinity as Python writes them


@st.composite
def omm_json_documents(draw) -> bytes:
    """OMM JSON: real records mutated, wrong shapes, deep nesting, BOM, encodings."""
    recs = [
        _mutate_record(draw, r) for r in draw(st.lists(st.sampled_from(OMM_RECORDS), max_size=3))
    ]
    shape = draw(st.sampled_from(["list", "list", "object", "lists", "scalar", "nested", "mixed"]))
    if shape == "object" and recs:
        doc = recs[0]
    elif shape == "lists":
        doc = [[r] for r in recs]
    elif shape == "scalar":
        doc = draw(st.sampled_from([None, 1, 1.5, "x", True, math.nan]))
    elif shape == "nested":
        depth = draw(st.sampled_from([10, 1000, 100_000]))
        text = "[" * depth + "]" * depth
        return text.encode()
    elif shape == "mixed":
        doc = recs + [draw(st.sampled_from(NASTY_VALUES))]
    else:
        doc = recs
    text = json.dumps(doc, default=str)
    if draw(st.integers(0, 3)) == 0:
        text = _mutate_text(draw, text, 3)
    if draw(st.booleans()):
        text = "\ufeff" + text
    raw = text.encode(draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "latin-1"])), "replace")
    return _mutate_bytes(draw, raw) if draw(st.integers(0, 5)) == 0 else raw


@st.composite
def omm_xml_documents(draw) -> bytes:
    """OMM XML: real records mutated, segments missing parts, declared encodings."""
    recs = [
        _mutate_record(draw, r) for r in draw(st.lists(st.sampled_from(OMM_RECORDS), max_size=3))
    ]
    enc = draw(st.sampled_from(["UTF-8", "ISO-8859-1", "latin-1", "UTF-16"]))
    recs = [
        {k: str(v).replace("&", "&amp;").replace("<", "&lt;") for k, v in r.items()} for r in recs
    ]
    if recs and draw(st.booleans()):
        recs[0]["OBJECT_NAME"] = "SATÉLITE Ñ"  # outside ASCII: the declared encoding matters
    text = omm_xml(recs, enc)
    cut = draw(st.sampled_from([None, "<metadata>", "<data>", "<meanElements>", "<tleParameters>"]))
    if cut:
        closing = cut.replace("<", "</")
        start, end = text.find(cut), text.find(closing)
        if start >= 0 and end >= 0:
            text = text[:start] + text[end + len(closing) :]
    if draw(st.integers(0, 3)) == 0:
        text = _mutate_text(draw, text, 3)
    try:
        raw = text.encode(enc.replace("latin-1", "latin_1"))
    except (UnicodeEncodeError, LookupError):
        raw = text.encode("utf-8")
    return _mutate_bytes(draw, raw) if draw(st.integers(0, 5)) == 0 else raw


@st.composite
def omm_csv_documents(draw) -> bytes:
    recs = [
        _mutate_record(draw, r)
        for r in draw(st.lists(st.sampled_from(OMM_RECORDS), min_size=1, max_size=3))
    ]
    keys = sorted({k for r in recs for k in r})
    rows = [",".join(keys)] + [",".join(str(r.get(k, "")) for k in keys) for r in recs]
    text = "\n".join(rows) + "\n"
    if draw(st.integers(0, 3)) == 0:
        text = _mutate_text(draw, text, 3)
    if draw(st.booleans()):
        text = "\ufeff" + text
    raw = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    return _mutate_bytes(draw, raw) if draw(st.integers(0, 5)) == 0 else raw


@st.composite
def toml_documents(draw) -> bytes:
    text = draw(st.sampled_from(TOML_SEEDS))
    kind = draw(st.sampled_from(["text", "text", "deep", "bytes", "bom"]))
    if kind == "deep":
        depth = draw(st.sampled_from([100, 10_000, 100_000]))
        return ("a = " + "[" * depth + "]" * depth + "\n").encode()
    if kind == "text":
        text = _mutate_text(draw, text, 5)
    if kind == "bom":
        text = "\ufeff" + text
    raw = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    return _mutate_bytes(draw, raw) if kind == "bytes" else raw


#: NASA's ISS ephemeris in XML (tests/orbit/data): its header, comments and first states.
OEM_XML_SEED = (REPO / "tests" / "orbit" / "data" / "nasa_topo_oem_2025-02-26_12h.xml").read_text(
    encoding="utf-8"
)
_OEM_XML_CUT = OEM_XML_SEED.find("<stateVector>", OEM_XML_SEED.find("2025-057T12:20:00"))
OEM_XML_SHORT = OEM_XML_SEED[: OEM_XML_SEED.rfind("\n", 0, _OEM_XML_CUT)] + (
    "\n</data></segment></body></oem></ndm>\n"
)
OEM_XML_PARTS = ["<header>", "<metadata>", "<data>", "<stateVector>", "<COMMENT>", "<body>"]


@st.composite
def oem_xml_documents(draw) -> bytes:
    """An OEM in XML: NASA's file cut to 6 states, values made nasty, parts dropped or
    doubled, the text and bytes mutated, other encodings."""
    text = OEM_XML_SHORT
    for _ in range(draw(st.integers(0, 3))):
        tag = draw(st.sampled_from(["X", "Y_DOT", "EPOCH", "START_TIME", "REF_FRAME"]))
        start = text.find(f"<{tag}")
        if start >= 0:
            a, b = text.find(">", start) + 1, text.find(f"</{tag}>", start)
            value = str(draw(st.sampled_from(NASTY_VALUES + NASTY_NUMBERS)))
            text = text[:a] + value.replace("&", "&amp;").replace("<", "&lt;") + text[b:]
    part = draw(st.sampled_from([None, *OEM_XML_PARTS]))
    if part:
        closing = part.replace("<", "</")
        start, end = text.find(part), text.find(closing)
        if start >= 0 and end >= 0:
            chunk = text[start : end + len(closing)]
            text = text.replace(chunk, "" if draw(st.booleans()) else chunk + chunk, 1)
    if draw(st.integers(0, 2)) == 0:
        text = _mutate_text(draw, text, 4)
    raw = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    return _mutate_bytes(draw, raw) if draw(st.integers(0, 5)) == 0 else raw
