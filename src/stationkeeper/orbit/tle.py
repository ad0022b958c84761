"""Two-line elements (TLE / 3LE) through `sgp4`, and element files of any kind.

Validation happens here, once: line length, checksum, line-1/line-2 pairing, catalogue
number agreement, and (:func:`~stationkeeper.orbit.elements.check_orbit`) the physical
range of the orbit. :func:`load_elements` reads TLE/3LE text or a CCSDS OMM file
(:mod:`stationkeeper.orbit.omm`) by its suffix, and a CCSDS OEM (KVN) by its content
(``CCSDS_OEM_VERS``): SGP4 elements fitted to each segment's first orbit
(:mod:`stationkeeper.orbit.state_elements`), the exact state kept.

>>> from stationkeeper.orbit.tle import parse_tle
>>> es = parse_tle(
...     "1 25544U 98067A   22062.70831057  .00006857  00000-0  13000-3 0  9996",
...     "2 25544  51.6441 138.9496 0005432 208.7087 255.9828 15.49552130328826",
... )
>>> round(es.perigee_km), round(es.apogee_km)
(415, 422)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from functools import cache
from pathlib import Path

from sgp4.api import WGS72, Satrec

from stationkeeper.constants import SECONDS_PER_DAY
from stationkeeper.data import data_path
from stationkeeper.errors import InputError, StationkeeperError
from stationkeeper.orbit.elements import ElementSet, check_elements, check_orbit
from stationkeeper.orbit.oem import is_oem_text, parse_oem
from stationkeeper.orbit.omm import OMM_SUFFIXES, PARSE_ERRORS, omm_records, omm_to_elements
from stationkeeper.orbit.state_elements import segment_elements
from stationkeeper.textfile import read_text_file


def tle_checksum(line: str) -> int:
    """Modulo-10 checksum of the first 68 columns (digits count, '-' counts 1)."""
    total = 0
    for ch in line[:68]:
        if ch in _DIGITS:
            total += int(ch)
        elif ch == "-":
            total += 1
    return total % 10


_DIGITS = "0123456789"


def _check_line(line: str, number: int, source: str, line_no: int | None, checksum: bool) -> None:
    where = dict(file=source, line=line_no, field=f"TLE line {number}")
    bad = next((ch for ch in line if not " " <= ch <= "~"), None)
    if bad is not None:
        raise InputError(
            f"column {line.index(bad) + 1} holds {bad!r}",
            allowed="printable ASCII (digits, letters, ' ', '.', '+', '-')",
            **where,
        )
    if not line.startswith(f"{number} "):
        raise InputError(
            f"expected line {number} of a TLE to start with '{number} ', got {line[:10]!r}",
            allowed="line 1 then line 2 (optionally a name line 0 before them)",
            **where,
        )
    if len(line) != 69:
        raise InputError(
            f"a TLE line has 69 characters, this one has {len(line)}",
            allowed="exactly 69 columns",
            **where,
        )
    if checksum:
        if line[68] not in _DIGITS:
            raise InputError(f"checksum column 69 is {line[68]!r}", allowed="a digit", **where)
        expected = tle_checksum(line)
        if int(line[68]) != expected:
            raise InputError(
                f"checksum {line[68]} does not match the line (computed {expected})",
                allowed="modulo-10 sum of the digits, '-' counting 1",
                **where,
            )


def parse_tle(
    line1: str,
    line2: str,
    name: str = "",
    *,
    source: str = "<string>",
    line_number: int | None = None,
    checksum: bool = True,
    check_physics: bool = True,
) -> ElementSet:
    """Parse and validate one TLE (two lines, optional name).

    Trailing blanks, tabs and line ends are ignored. Non-finite or absurd elements are always
    refused (:func:`~stationkeeper.orbit.elements.check_elements`); ``check_physics`` adds
    the re-entry and SGP4 checks (:func:`~stationkeeper.orbit.elements.check_orbit`).
    """
    line1 = line1.rstrip()
    line2 = line2.rstrip()
    _check_line(line1, 1, source, line_number, checksum)
    _check_line(line2, 2, source, None if line_number is None else line_number + 1, checksum)
    if line1[2:7] != line2[2:7]:
        raise InputError(
            f"line 1 is for catalogue number {line1[2:7].strip()} but line 2 is for "
            f"{line2[2:7].strip()}",
            file=source,
            line=line_number,
            field="catalogue number",
            allowed="the same object on both lines",
        )
    try:
        sat = Satrec.twoline2rv(line1, line2, WGS72)
    except PARSE_ERRORS as exc:
        raise InputError(
            f"sgp4 could not read the TLE: {exc}",
            file=source,
            line=line_number,
            field="TLE",
            allowed="the NORAD two-line format",
        ) from None
    es = ElementSet(sat, name.strip(), source, line_number, line1, line2)
    check_elements(es)
    return check_orbit(es) if check_physics else es


def iter_tle_records(
    text: str, source: str, *, checksum: bool = True, check_physics: bool = True
) -> Iterator[tuple[int, ElementSet | StationkeeperError]]:
    """Walk a TLE/3LE text: ``(line number of line 1, ElementSet or the error)`` per record.

    An optional name line (``0 NAME`` or plain text) before line 1 names the record.  A
    record that does not parse yields its error and the walk goes on, so a strict reader
    can raise the first error and a catalogue reader can skip and count them: after a bad
    line 1 the walk resumes at the next line unless that line is a line 2.
    """
    lines = text.splitlines()
    name = ""
    i = 0
    while i < len(lines):
        raw = lines[i].rstrip()
        if not raw.strip():
            i += 1
            continue
        if raw.startswith("1 "):
            if i + 1 >= len(lines):
                yield (
                    i + 1,
                    InputError(
                        "line 1 without a line 2 after it",
                        file=source,
                        line=i + 1,
                        field="TLE line 2",
                        allowed="TLE line 2 right after line 1",
                    ),
                )
                return
            nxt = lines[i + 1]
            try:
                yield (
                    i + 1,
                    parse_tle(
                        raw,
                        nxt,
                        name,
                        source=source,
                        line_number=i + 1,
                        checksum=checksum,
                        check_physics=check_physics,
                    ),
                )
            except StationkeeperError as exc:
                yield i + 1, exc
            name = ""
            i += 2 if nxt.startswith("2 ") else 1
            continue
        if raw.startswith("2 "):
            yield (
                i + 1,
                InputError(
                    "line 2 without a line 1 before it",
                    file=source,
                    line=i + 1,
                    field="TLE line 1",
                    allowed="TLE line 1 right before line 2",
                ),
            )
            name = ""
            i += 1
            continue
        name = raw[2:] if raw.startswith("0 ") else raw
        i += 1


def _tle_records(text: str, source: str, checksum: bool, check_physics: bool) -> list[ElementSet]:
    out: list[ElementSet] = []
    for _, rec in iter_tle_records(text, source, checksum=checksum, check_physics=check_physics):
        if isinstance(rec, StationkeeperError):
            raise rec
        out.append(rec)
    return out


def load_elements(
    path: str | Path, *, checksum: bool = True, check_physics: bool = True
) -> list[ElementSet]:
    """All element sets in a TLE/3LE, OMM (JSON/XML/CSV) or OEM (KVN) file, in file order
    (an OEM: one fitted set per segment)."""
    path = Path(path)
    text = read_text_file(path, "an element file")
    source = str(path)
    try:
        if is_oem_text(text):
            out = [
                segment_elements(seg, source, check_physics=check_physics)
                for seg in parse_oem(text, source).segments
            ]
        elif path.suffix.lower() in OMM_SUFFIXES:
            records = omm_records(path, text)
            first_line = 2 if path.suffix.lower() == ".csv" else None  # CSV: header on line 1
            out = [
                omm_to_elements(
                    r,
                    source,
                    k + 1,
                    line=None if first_line is None else first_line + k,
                    check_physics=check_physics,
                )
                for k, r in enumerate(records)
            ]
        else:
            out = _tle_records(text, source, checksum, check_physics)
    except StationkeeperError:
        raise
    except PARSE_ERRORS as exc:  # a reader met something it did not expect: still bad input
        raise InputError(
            f"cannot read the element file: {type(exc).__name__}: {exc}"[:300],
            file=source,
            allowed="TLE/3LE text, CCSDS OMM (JSON, XML, CSV) or OEM (KVN)",
        ) from None
    if not out:
        raise InputError(
            "no element set found", file=source, allowed="at least one TLE or OMM record"
        )
    return out


def load_tle(path: str | Path, norad_id: int | None = None) -> ElementSet:
    """The newest element set of one object in a TLE/3LE/OMM file (the usual 'current TLE').

    A file holding several objects is refused with the list of them, unless ``norad_id``
    says which one: the newest element set of that object is taken.
    """
    elements = load_elements(path)
    ids = sorted({es.norad_id for es in elements})
    if norad_id is not None:
        elements = [es for es in elements if es.norad_id == norad_id]
        if not elements:
            raise InputError(
                f"no element set of NORAD {norad_id} in the file",
                file=str(path),
                field="norad_id",
                allowed="one of " + _objects(load_elements(path), ids),
            )
    elif len(ids) > 1:
        raise InputError(
            f"the file holds {len(ids)} different objects: {_objects(elements, ids)}",
            file=str(path),
            field="tle",
            allowed="element sets of one object (the newest is used), or name the NORAD id",
        )
    return max(elements, key=_jd)


def _objects(elements: list[ElementSet], ids: list[int], most: int = 8) -> str:
    """'25544 ISS (ZARYA), 20580 HST': the objects of a file, by NORAD id."""
    names = {es.norad_id: es.name for es in elements}
    shown = [f"{i} {names.get(i, '')}".strip() for i in ids[:most]]
    return ", ".join(shown) + (f" and {len(ids) - most} more" if len(ids) > most else "")


def load_tle_history(path: str | Path) -> list[ElementSet]:
    """A TLE history sorted by epoch with duplicate epochs removed (last one kept).

    Element sets whose perigee is already below 100 km are kept here: a history
    of a re-entering object legitimately ends with them.
    """
    elements = load_elements(path, check_physics=False)
    by_epoch: dict[float, ElementSet] = {}
    for es in elements:
        by_epoch[round((es.satrec.jdsatepoch + es.satrec.jdsatepochF) * SECONDS_PER_DAY, 3)] = es
    return [by_epoch[k] for k in sorted(by_epoch)]


#: The shipped ISS TLE of 2022-03-03 (data/SOURCES.md): the start of the 2022 examples.
SHIPPED_2022_TLE = "iss_25544_2022-03-03.tle"

#: The newest ISS state shipped: NASA TOPO's OEM of 2026-09-04 (data/SOURCES.md), the default
#: start of every command given no state (:func:`default_state_path`).
TODAY_STATE_FILE = "iss_topo_oem_2026-09-04.txt"

#: Every ISS state shipped: the 2022 TLE, NASA TOPO's OEM states of 2024-11-27 and 2026-09-04.
SHIPPED_STATE_FILES = (SHIPPED_2022_TLE, "iss_topo_oem_2024-11-27.txt", TODAY_STATE_FILE)


def today_state_path() -> Path:
    """The shipped NASA TOPO OEM of the ISS of 2026-09-04 (:data:`TODAY_STATE_FILE`)."""
    return data_path(TODAY_STATE_FILE)


def shipped_2022_tle_path() -> Path:
    """The shipped ISS TLE of 2022-03-03 (:data:`SHIPPED_2022_TLE`)."""
    return data_path(SHIPPED_2022_TLE)


def default_state_path() -> Path:
    """The default start of every command given no state: the newest shipped ISS state
    (:data:`TODAY_STATE_FILE`, NASA TOPO 2026-09-04)."""
    return today_state_path()


@cache
def shipped_states() -> tuple[tuple[Path, datetime], ...]:
    """``(path, epoch_utc)`` of every shipped ISS state (:data:`SHIPPED_STATE_FILES`), oldest
    first; the epoch is the TLE's, or an OEM's first state's (the fitted set's epoch)."""
    out = []
    for name in SHIPPED_STATE_FILES:
        path = data_path(name)
        text = read_text_file(path, "an element file")
        if is_oem_text(text):
            epoch = parse_oem(text, str(path)).segments[0].states[0].epoch_utc
        else:
            epoch = max(_tle_records(text, str(path), True, True), key=_jd).epoch_utc
        out.append((path, epoch))
    return tuple(sorted(out, key=lambda pe: pe[1]))


def shipped_state_at(at_utc: datetime | None = None) -> Path:
    """The newest shipped ISS state whose epoch is at or before ``at_utc`` (the oldest one
    where all are later); ``None``: the newest (:func:`default_state_path`)."""
    states = shipped_states()
    if at_utc is None:
        return states[-1][0]
    before = [path for path, epoch in states if epoch <= at_utc]
    return before[-1] if before else states[0][0]


def shipped_state_nearest(at_utc: datetime) -> Path:
    """The shipped ISS state whose epoch is nearest ``at_utc`` (a catalogue's epoch)."""
    return min(shipped_states(), key=lambda pe: abs((pe[1] - at_utc).total_seconds()))[0]


def _jd(es: ElementSet) -> float:
    return es.satrec.jdsatepoch + es.satrec.jdsatepochF


def elements_or_default(
    tle: str | Path | ElementSet | None, norad_id: int | None = None
) -> ElementSet:
    """``tle`` as an element set: an :class:`ElementSet` as is, a path loaded (the newest set
    of ``norad_id`` where the file holds several objects), ``None`` today's station: the
    newest shipped ISS state (:func:`default_state_path`, NASA TOPO 2026-09-04)."""
    if isinstance(tle, ElementSet):
        return tle
    return load_tle(default_state_path() if tle is None else tle, norad_id)


def pick_object(
    tle: str | Path | ElementSet | None, norad_id: int | None
) -> str | Path | ElementSet | None:
    """``tle`` unchanged without ``norad_id``; with one, that object's newest element set."""
    if norad_id is None:
        return tle
    if isinstance(norad_id, bool) or not isinstance(norad_id, int) or norad_id < 1:
        raise InputError(f"{norad_id!r} is not allowed", field="norad_id", allowed="a NORAD id")
    return elements_or_default(tle, norad_id)
