"""Reading a whole catalogue: 3LE/TLE text or CCSDS OMM (JSON, XML, CSV) as CelesTrak and
Space-Track serve them.

Parsing and validation of each element set is :mod:`stationkeeper.orbit.tle`'s
(``parse_tle``) and :mod:`stationkeeper.orbit.omm`'s (``omm_to_elements``); what this
module adds is catalogue behaviour: a bad record does not stop the read. Corrupt records (checksum,
length, pairing, unreadable fields) are skipped and counted, and one warning
lists how many and the first few line numbers; objects already re-entering
(perigee below 100 km) or that SGP4 rejects are skipped and counted
separately. A catalogue with no usable record is an :class:`InputError`.

Each object keeps a picklable *payload* (the TLE lines or the OMM fields) so
that a chunk of the catalogue can be sent to another process or a Dask
worker and rebuilt there bit for bit (``sgp4.api.Satrec`` does not pickle).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

from sgp4 import omm
from sgp4.api import WGS72, Satrec

from stationkeeper.errors import InputError, PhysicsError, StationkeeperError
from stationkeeper.orbit.elements import ElementSet
from stationkeeper.orbit.omm import OMM_SUFFIXES, omm_fields, omm_records, omm_to_elements
from stationkeeper.orbit.tle import (
    iter_tle_records,
    load_tle,
    shipped_state_nearest,
    today_state_path,
)
from stationkeeper.textfile import read_text_file

#: How many line numbers of skipped records the warning lists.
WARN_FIRST_LINES = 5

Payload = tuple
"""``("tle", line1, line2)``, ``("omm", {field: value})`` or ``("sgp4init", satnum, epoch, ...)``
(the arguments of ``Satrec.sgp4init``: an OEM's fitted set): enough to rebuild a Satrec."""
#: SGP4's epoch origin (1949-12-31 00:00 UTC) as a Julian date.
_JD_SGP4_EPOCH0 = 2433281.5


class CatalogWarning(UserWarning):
    """Some records of a catalogue were skipped (the rest is still used)."""


@dataclass
class Catalog:
    """The usable element sets of a catalogue file, and what was skipped."""

    source: str
    elements: list[ElementSet]
    payloads: list[Payload]
    n_records: int
    corrupt_lines: list[int] = field(default_factory=list)
    corrupt_reasons: list[str] = field(default_factory=list)
    rejected_lines: list[int] = field(default_factory=list)
    """Records that parse but cannot be propagated (perigee < 100 km, SGP4 error)."""

    @property
    def n_corrupt(self) -> int:
        return len(self.corrupt_lines)

    @property
    def n_rejected(self) -> int:
        return len(self.rejected_lines)

    def __len__(self) -> int:
        return len(self.elements)

    def summary(self) -> dict:
        return {
            "file": self.source,
            "records": self.n_records,
            "usable": len(self.elements),
            "corrupt_skipped": self.n_corrupt,
            "corrupt_first_lines": self.corrupt_lines[:WARN_FIRST_LINES],
            "not_propagatable_skipped": self.n_rejected,
            "not_propagatable_first_lines": self.rejected_lines[:WARN_FIRST_LINES],
        }

    def warnings(self) -> list[str]:
        """The human-readable lines the reader warned with."""
        out = []
        if self.corrupt_lines:
            out.append(
                f"{self.source}: skipped {self.n_corrupt} corrupt record(s) of {self.n_records} "
                f"(lines {_first_lines(self.corrupt_lines)}; first: {self.corrupt_reasons[0]})"
            )
        if self.rejected_lines:
            out.append(
                f"{self.source}: skipped {self.n_rejected} object(s) that cannot be propagated "
                f"(re-entering or rejected by SGP4; lines {_first_lines(self.rejected_lines)})"
            )
        return out


def _first_lines(lines: list[int]) -> str:
    """'3, 9, 12 ...': the first WARN_FIRST_LINES line numbers, '...' if there are more."""
    first = ", ".join(str(n) for n in lines[:WARN_FIRST_LINES])
    return first + (" ..." if len(lines) > WARN_FIRST_LINES else "")


def satrec_from_payload(payload: Payload) -> Satrec:
    """Rebuild the ``Satrec`` of a catalogue object (in any process)."""
    kind = payload[0]
    if kind == "tle":
        return Satrec.twoline2rv(payload[1], payload[2], WGS72)
    if kind == "omm":
        sat = Satrec()
        omm.initialize(sat, payload[1])
        return sat
    if kind == "sgp4init":
        sat = Satrec()
        sat.sgp4init(WGS72, "i", *payload[1:])
        return sat
    raise ValueError(f"unknown payload kind {kind!r}")


def sgp4init_payload(sat: Satrec) -> Payload:
    """The payload of a Satrec built with ``sgp4init`` (an OEM's fitted set): its arguments."""
    epoch_days = (sat.jdsatepoch - _JD_SGP4_EPOCH0) + sat.jdsatepochF
    return ("sgp4init", sat.satnum, epoch_days, sat.bstar, sat.ndot, sat.nddot, sat.ecco,
            sat.argpo, sat.inclo, sat.mo, sat.no_kozai, sat.nodeo)  # fmt: skip


def _skip(cat: Catalog, exc: StationkeeperError, line: int) -> None:
    if isinstance(exc, PhysicsError) or exc.field == "elements":
        cat.rejected_lines.append(line)
    else:
        cat.corrupt_lines.append(line)
        cat.corrupt_reasons.append(str(exc))


def _read_tle_text(text: str, source: str) -> Catalog:
    cat = Catalog(source, [], [], 0)
    for line, rec in iter_tle_records(text, source):
        cat.n_records += 1
        if isinstance(rec, StationkeeperError):
            _skip(cat, rec, line)
        else:
            cat.elements.append(rec)
            cat.payloads.append(("tle", rec.line1, rec.line2))
    return cat


def _read_omm(path: Path, text: str) -> Catalog:
    """The records of an OMM file (:func:`omm_records`: shapes, nesting, XML in its declared
    encoding); a record that does not make a valid element set is skipped and counted."""
    source = str(path)
    first = 2 if path.suffix.lower() == ".csv" else 1  # CSV: the file line (header is line 1)
    cat = Catalog(source, [], [], 0)
    for where, record in enumerate(omm_records(path, text), start=first):
        cat.n_records += 1
        try:
            es = omm_to_elements(record, source, where)
        except StationkeeperError as exc:
            _skip(cat, exc, where)
            continue
        es = ElementSet(es.satrec, es.name, source, where)
        cat.elements.append(es)
        cat.payloads.append(("omm", omm_fields(record)))
    return cat


def read_catalog(path: str | Path, *, warn: bool = True) -> Catalog:
    """Every usable element set of a catalogue file, skipping (and counting) bad records.

    TLE/3LE text (any suffix but .json/.xml/.csv) or CCSDS OMM JSON/XML/CSV. For OMM
    JSON and XML the "line" of a skipped record is its 1-based position in the file.
    """
    path = Path(path)
    text = read_text_file(path, "an element file")
    if path.suffix.lower() in OMM_SUFFIXES:
        cat = _read_omm(path, text)
    else:
        cat = _read_tle_text(text, str(path))
    if not cat.elements:
        detail = f" ({cat.n_records} record(s), all skipped)" if cat.n_records else ""
        raise InputError(
            f"no usable element set in the catalogue{detail}",
            file=str(path),
            field="catalogue",
            allowed="at least one valid TLE or OMM record",
        )
    if warn:
        for message in cat.warnings():
            warnings.warn(message, CatalogWarning, stacklevel=2)
    return cat


def newest_per_object(cat: Catalog) -> tuple[Catalog, int]:
    """The catalogue with one element set per NORAD number (the newest); and how many dropped."""
    best: dict[int, int] = {}
    for k, es in enumerate(cat.elements):
        j = best.get(es.norad_id)
        if j is None or _epoch(es) > _epoch(cat.elements[j]):
            best[es.norad_id] = k
    keep = sorted(best.values())
    out = Catalog(
        cat.source,
        [cat.elements[k] for k in keep],
        [cat.payloads[k] for k in keep],
        cat.n_records,
        cat.corrupt_lines,
        cat.corrupt_reasons,
        cat.rejected_lines,
    )
    return out, len(cat.elements) - len(keep)


ISS_NORAD_ID = 25544


def station_elements(
    cat: Catalog, station_tle: str | Path | None = None, norad_id: int = ISS_NORAD_ID
) -> tuple[ElementSet, Payload, str]:
    """The station's element set: from ``station_tle`` (its newest), else the catalogue's
    entry for ``norad_id``, else the shipped ISS state nearest the catalogue's (newest) epoch.
    Returns (elements, payload, origin)."""
    if station_tle is not None:
        try:  # strict: a bad record (above all a bad newest one) is an error, never skipped
            es = load_tle(station_tle)
        except InputError as exc:
            exc.field = "station_tle" if exc.field == "tle" else exc.field
            raise
        if es.line1 is None:  # not a TLE record (an OEM's fitted set): its own Satrec
            return es, sgp4init_payload(es.satrec), f"{es.where()} (--station-tle)"
        own = read_catalog(station_tle, warn=False)  # the same records, now with payloads
        k = next(i for i, e in enumerate(own.elements) if e.norad_id == es.norad_id and
                 _epoch(e) == _epoch(es))  # fmt: skip
        return own.elements[k], own.payloads[k], f"{own.elements[k].where()} (--station-tle)"
    mine = [k for k, es in enumerate(cat.elements) if es.norad_id == norad_id]
    if mine:
        k = _newest(cat, mine)
        return cat.elements[k], cat.payloads[k], f"{cat.elements[k].where()} (from the catalogue)"
    # not in the catalogue: the shipped ISS state nearest the catalogue's (newest) epoch
    newest = max(cat.elements, key=_epoch, default=None)
    path = today_state_path() if newest is None else shipped_state_nearest(newest.epoch_utc)
    es = load_tle(path)
    payload = sgp4init_payload(es.satrec) if es.line1 is None else _tle_payload(path)
    return es, payload, f"{path.name} (shipped, nearest the catalogue's epoch; not in it)"


def _tle_payload(path: Path) -> Payload:
    """The payload of the newest record of a shipped one-object TLE file."""
    own = read_catalog(path, warn=False)
    return own.payloads[_newest(own, range(len(own)))]


def _epoch(es: ElementSet) -> float:
    return es.satrec.jdsatepoch + es.satrec.jdsatepochF


def _newest(cat: Catalog, indices) -> int:
    """The index, among ``indices``, of the newest element set (the first on a tie)."""
    return max(indices, key=lambda i: _epoch(cat.elements[i]))
