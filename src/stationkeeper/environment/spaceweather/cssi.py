"""CelesTrak's CSSI space-weather file, format v1.2: sections, fixed-width rows, checks.

https://celestrak.org/SpaceData/SpaceWx-format.php.  Every value is checked against
its column's range; an error names the file, the line and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from stationkeeper.errors import InputError

_ROW_CHARS = 130  # FORMAT(I4,I3,I3,I5,I3,8I3,I4,8I4,I4,F4.1,I2,I4,F6.1,I2,5F6.1)
_SECTIONS = ("OBSERVED", "DAILY_PREDICTED", "MONTHLY_PREDICTED")
_NUMERIC_CHARS = np.frombuffer(b"0123456789 +-.", dtype=np.uint8)


@dataclass(frozen=True)
class _Field:
    name: str
    start: int
    stop: int
    kind: str  # "int" or "float"
    low: float
    high: float

    @property
    def allowed(self) -> str:
        what = "an integer" if self.kind == "int" else "a number"
        return f"{what} in [{self.low:g}, {self.high:g}] in columns {self.start + 1}-{self.stop}"


_DATE_FIELDS = (
    _Field("year", 0, 4, "int", 1900, 2200),
    _Field("month", 4, 7, "int", 1, 12),
    _Field("day", 7, 10, "int", 1, 31),
)
_AP_FIELDS = tuple(_Field(f"ap{i + 1}", 46 + 4 * i, 50 + 4 * i, "int", 0, 400) for i in range(8))
_DATA_FIELDS = (
    *_AP_FIELDS,
    _Field("Ap", 78, 82, "int", 0, 400),
    _Field("F10.7_adj", 92, 98, "float", 1e-3, 5000),
    _Field("F10.7_obs", 112, 118, "float", 1e-3, 5000),
    _Field("F10.7_obs_ctr81", 118, 124, "float", 1e-3, 5000),
    _Field("F10.7_obs_lst81", 124, 130, "float", 1e-3, 5000),
)


def split_sections(
    lines: list[bytes], fname: str
) -> tuple[dict[str, str], dict[str, tuple[int, list[bytes]]]]:
    """Header keywords and, per section, (first line number, its rows).

    Parameters
    ----------
    lines : list of bytes
        The file's lines, line ends removed.
    fname : str
        File name for error messages.

    Returns
    -------
    tuple
        Header ``{keyword: value}`` and ``{section: (1-based line of its first row, rows)}``
        for the sections present (``OBSERVED`` always).
    """
    header: dict[str, str] = {}
    first = lines[0].strip() if lines else b""
    if first.upper().startswith(b"DATE,"):
        raise InputError(
            "this is CelesTrak's CSV format; stationkeeper reads the fixed-width SW-All.txt",
            file=fname,
            line=1,
            allowed="CSSI space weather v1.2 text (SW-All.txt)",
        )
    try:
        begin_obs = lines.index(b"BEGIN OBSERVED")
    except ValueError:
        raise InputError(
            "no 'BEGIN OBSERVED' line: not a CSSI space weather file",
            file=fname,
            allowed="CelesTrak SW-All.txt, format v1.2",
        ) from None
    for k, ln in enumerate(lines[:begin_obs]):
        text = ln.decode("ascii", errors="replace").strip()
        if not text or text.startswith("#"):
            continue
        key, _, value = text.partition(" ")
        header[key] = value.strip()
        if key == "DATATYPE" and header[key] != "CssiSpaceWeather":
            raise InputError(
                f"DATATYPE is {header[key]!r}",
                file=fname,
                line=k + 1,
                field="DATATYPE",
                allowed="CssiSpaceWeather",
            )
        if key == "VERSION" and header[key] != "1.2":
            raise InputError(
                f"format version {header[key]!r}",
                file=fname,
                line=k + 1,
                field="VERSION",
                allowed="1.2",
            )
    sections: dict[str, tuple[int, list[bytes]]] = {}
    pos = 0
    for name in _SECTIONS:
        begin = b"BEGIN " + name.encode()
        try:
            b = lines.index(begin, pos)
        except ValueError:
            continue  # only the predicted sections may be absent (OBSERVED found above)
        try:
            e = lines.index(b"END " + name.encode(), b + 1)
        except ValueError:
            raise InputError(
                f"section {name} has no 'END {name}' line (file truncated?)",
                file=fname,
                line=b + 1,
                field=name,
            ) from None
        rows = lines[b + 1 : e]
        # the NUM_..._POINTS keyword just before the section, if present
        key = b"NUM_" + name.encode() + b"_POINTS"
        for k in range(b - 1, max(pos, b - 4) - 1, -1):
            if lines[k].startswith(key):
                try:
                    expected = int(lines[k].split()[1])
                except (IndexError, ValueError):
                    raise InputError(
                        "malformed point count",
                        file=fname,
                        line=k + 1,
                        field=key.decode(),
                        allowed="an integer",
                    ) from None
                if expected != len(rows):
                    raise InputError(
                        f"section {name} has {len(rows)} rows but {key.decode()} says {expected}",
                        file=fname,
                        line=e + 1,
                        field=key.decode(),
                    )
                break
        sections[name] = (b + 2, rows)  # line number (1-based) of the first row
        pos = e + 1
    return header, sections


def parse_rows(section: tuple[int, list[bytes]], fname: str, name: str) -> dict[str, Any]:
    """Read and check the fixed-width rows of one section.

    Parameters
    ----------
    section : tuple
        (1-based line of the first row, the rows) from :func:`split_sections`.
    fname : str
        File name for error messages.
    name : str
        Section name for error messages.

    Returns
    -------
    dict
        ``n``, ``line`` and ``date`` (``datetime64[D]``) per row, ``ap3`` (n, 8), and
        ``Ap``, ``F10.7_adj``, ``F10.7_obs``, ``F10.7_obs_ctr81``, ``F10.7_obs_lst81``
        (sfu), NaN where blank.
    """
    first_line, rows = section
    n = len(rows)
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=n)
    short = lengths < _ROW_CHARS
    if short.any():
        k = int(np.argmax(short))
        cut = int(lengths[k])
        where = next(
            (f.name for f in (*_DATE_FIELDS, *_DATA_FIELDS) if f.stop > cut),
            "row",
        )
        raise InputError(
            f"row has {cut} characters, expected {_ROW_CHARS} (truncated line?)",
            file=fname,
            line=first_line + k,
            field=where,
            allowed=f"fixed-width {name} rows of {_ROW_CHARS} characters",
        )
    buf = np.frombuffer(b"".join(r[:_ROW_CHARS] for r in rows), dtype=np.uint8).reshape(
        n, _ROW_CHARS
    )
    out: dict[str, Any] = {"n": n, "line": first_line + np.arange(n)}
    y, m, d = (_parse_field(buf, f, fname, first_line, required=True) for f in _DATE_FIELDS)
    months = ((y - 1970) * 12 + (m - 1)).astype(np.int64).astype("datetime64[M]")
    dates = months.astype("datetime64[D]") + (d - 1).astype(np.int64)
    bad = dates.astype("datetime64[M]") != months
    if bad.any():
        k = int(np.argmax(bad))
        raise InputError(
            f"{int(y[k]):04d}-{int(m[k]):02d}-{int(d[k]):02d} is not a date",
            file=fname,
            line=first_line + k,
            field="day",
            allowed="a valid calendar date",
        )
    out["date"] = dates
    values = {f.name: _parse_field(buf, f, fname, first_line) for f in _DATA_FIELDS}
    out["ap3"] = np.stack([values[f.name] for f in _AP_FIELDS], axis=1)
    for key in ("Ap", "F10.7_adj", "F10.7_obs", "F10.7_obs_ctr81", "F10.7_obs_lst81"):
        out[key] = values[key]
    return out


def _parse_field(
    buf: np.ndarray, f: _Field, fname: str, first_line: int, *, required: bool = False
) -> np.ndarray:
    col = buf[:, f.start : f.stop]
    n = col.shape[0]
    blank = (col == 32).all(axis=1)

    def fail(k: int, why: str) -> InputError:
        text = col[k].tobytes().decode("ascii", errors="replace")
        return InputError(
            f"{why}: {text!r}",
            file=fname,
            line=first_line + k,
            field=f.name,
            allowed=f.allowed + ("" if required else " (or blank)"),
        )

    if required and blank.any():
        raise fail(int(np.argmax(blank)), "blank")
    bad_chars = ~np.isin(col, _NUMERIC_CHARS).all(axis=1)
    if bad_chars.any():
        raise fail(int(np.argmax(bad_chars)), "not a number")
    out = np.full(n, np.nan)
    keep = ~blank
    text = np.ascontiguousarray(col).view(f"S{f.stop - f.start}").ravel()
    try:
        out[keep] = text[keep].astype(np.float64)
    except ValueError:
        for k in np.flatnonzero(keep):
            try:
                float(text[k])
            except ValueError:
                raise fail(int(k), "not a number") from None
        raise  # pragma: no cover
    v = out[keep]
    if f.kind == "int":
        not_int = (v != np.round(v)) | (np.char.find(text[keep], b".") >= 0)
        if not_int.any():
            raise fail(int(np.flatnonzero(keep)[np.argmax(not_int)]), "not an integer")
    out_of_range = (v < f.low) | (v > f.high)
    if out_of_range.any():
        raise fail(int(np.flatnonzero(keep)[np.argmax(out_of_range)]), "out of range")
    return out


def check_consecutive(part: dict[str, Any], fname: str, name: str) -> None:
    """Refuse rows of a daily section that are not consecutive days (:func:`parse_rows` output)."""
    step = np.diff(part["date"]).astype(np.int64)
    bad = step != 1
    if bad.any():
        k = int(np.argmax(bad)) + 1
        raise InputError(
            f"{name} rows must be consecutive days: {part['date'][k]} follows "
            f"{part['date'][k - 1]}",
            file=fname,
            line=int(part["line"][k]),
            field="date",
            allowed=f"{part['date'][k - 1] + 1}",
        )


def check_months(part: dict[str, Any], fname: str, after_day: int) -> None:
    """Refuse monthly rows not dated the 1st, not consecutive, or ending by ``after_day``.

    Parameters
    ----------
    part : dict
        :func:`parse_rows` output of ``MONTHLY_PREDICTED``.
    fname : str
        File name for error messages.
    after_day : int
        Last daily row, days since 1970-01-01.
    """
    d = part["date"]
    months = d.astype("datetime64[M]")
    bad = months.astype("datetime64[D]") != d
    if bad.any():
        k = int(np.argmax(bad))
        raise InputError(
            f"monthly row dated {d[k]}",
            file=fname,
            line=int(part["line"][k]),
            field="day",
            allowed="the first day of a month",
        )
    step = np.diff(months).astype(np.int64)
    bad = step != 1
    if bad.any():
        k = int(np.argmax(bad)) + 1
        raise InputError(
            f"monthly rows must be consecutive months: {months[k]} follows {months[k - 1]}",
            file=fname,
            line=int(part["line"][k]),
            field="date",
        )
    end_first = (months[0] + 1).astype("datetime64[D]").astype(np.int64) - 1
    if end_first <= after_day:
        raise InputError(
            f"the first monthly row ({months[0]}) ends before the daily rows do",
            file=fname,
            line=int(part["line"][0]),
            field="date",
            allowed="a month after the last daily row",
        )
