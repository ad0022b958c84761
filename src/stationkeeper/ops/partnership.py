"""The ISS partnership's dates as facts with their sources (``data/partnership.toml``).

How long each partner agency has committed to operate the station (NASA, ESA, JAXA and CSA
through 2030; Roscosmos through 2028, as announced in April 2023), the original end (2024),
the planned deorbit (early 2031) and the US Deorbit Vehicle (contract 26 June 2024, ready 2029,
docked ~18 months before entry). :func:`beyond_commitment` says when a run relies on a partner
past its commitment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from stationkeeper.data import data_path
from stationkeeper.errors import InputError
from stationkeeper.tomlfile import read_toml

PARTNERSHIP_FILE = "partnership.toml"


@dataclass(frozen=True)
class Commitment:
    """One partner's commitment: operate the station ``through`` that day (the last day of
    the year announced), ``announced`` when, and its ``source``."""

    owner: str
    through: date
    announced: str
    source: str


@dataclass(frozen=True)
class Partnership:
    """The partnership's dates (see the module doc); ``usdv`` holds the Deorbit Vehicle's
    contract date, ready year and the published sequence (months before entry, altitudes km,
    burn days) with its source."""

    commitments: dict[str, Commitment]
    original_end: date
    original_end_source: str
    planned_deorbit: date
    planned_deorbit_source: str
    usdv: dict
    file: str

    def commitment(self, owner: str) -> Commitment | None:
        """The commitment of ``owner`` (None for an owner that is not a partner agency)."""
        return self.commitments.get(owner)


def _date(doc: dict, key: str, file: str, where: str) -> date:
    v = doc.get(key)
    if isinstance(v, datetime):
        return v.date()
    if not isinstance(v, date):
        raise InputError(
            f"{key} must be a TOML date, got {v!r}", file=file, field=f"{where}{key}",
            allowed="a date, e.g. 2030-12-31",
        )  # fmt: skip
    return v


def load_partnership(path: str | Path | None = None) -> Partnership:
    """Read the partnership file (default: the shipped ``partnership.toml``).

    Raises
    ------
    InputError
        A missing or malformed date, naming the file and the field.
    """
    p = Path(path) if path is not None else data_path(PARTNERSHIP_FILE)
    doc, _ = read_toml(p, "partnership file")
    f = str(p)
    commitments = {}
    for k, c in enumerate(doc.get("commitments", [])):
        where = f"commitments[{k}]."
        owner = c.get("owner")
        if not isinstance(owner, str) or not owner:
            raise InputError("missing owner", file=f, field=f"{where}owner", allowed="a name")
        commitments[owner] = Commitment(
            owner, _date(c, "through", f, where), str(c.get("announced", "")),
            str(c.get("source", "")),
        )  # fmt: skip
    usdv = dict(doc.get("usdv", {}))
    usdv["contract"] = _date(usdv, "contract", f, "usdv.")
    return Partnership(
        commitments,
        _date(doc, "original_end", f, ""),
        str(doc.get("original_end_source", "")),
        _date(doc, "planned_deorbit", f, ""),
        str(doc.get("planned_deorbit_source", "")),
        usdv,
        f,
    )


def beyond_commitment(partnership: Partnership, owner: str, relied_until: date) -> dict | None:
    """How far a run relies on ``owner`` past its commitment, or None (no commitment, or
    within it).

    Parameters
    ----------
    relied_until : date
        The last day the run relies on the partner (its exit, or the end of the run).

    Returns
    -------
    dict or None
        ``owner``, ``committed_through`` (ISO date), ``relied_until``, ``days_beyond`` and a
        sentence with the commitment's source.
    """
    c = partnership.commitment(owner)
    if c is None or relied_until <= c.through:
        return None
    days = (relied_until - c.through).days
    return {
        "owner": owner,
        "committed_through": c.through.isoformat(),
        "relied_until": relied_until.isoformat(),
        "days_beyond": days,
        "text": (
            f"relies on {owner} {days} days beyond its commitment (through "
            f"{c.through.isoformat()}, {c.announced}; {c.source})"
        ),
    }
