"""Writing result files atomically: all files of a run appear together or not at all."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from stationkeeper.errors import InputError


def to_records(table: pd.DataFrame) -> list[dict]:
    """JSON-ready rows: datetimes as ISO-8601 UTC strings, NaN as null."""
    out = []
    for rec in table.to_dict(orient="records"):
        row = {}
        for k, v in rec.items():
            if isinstance(v, pd.Timestamp):
                v = v.isoformat()
            elif hasattr(v, "isoformat"):
                v = v.isoformat()
            elif isinstance(v, float) and v != v:
                v = None
            elif hasattr(v, "item"):
                v = v.item()
            row[k] = v
        out.append(row)
    return out


def dumps(obj) -> str:
    return json.dumps(obj, indent=2, default=str)


#: The list of files a run wrote, kept in its folder: the next run into the same folder
#: replaces that run as a whole (its files this run does not write are removed).
MANIFEST = ".stationkeeper-run.json"
_TEMP_PREFIX = ".stationkeeper-"


def _listed(out: Path) -> set[str]:
    try:
        names = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {n for n in names if isinstance(n, str) and "/" not in n and n not in ("", ".", "..")}


def check_out_dir(out_dir: str | Path) -> Path:
    """Refuse, before any work, a destination that cannot take a run's files: a path under
    a file, a read-only place, or a folder holding files that no earlier run wrote."""
    out = Path(out_dir)
    if out.exists():
        if not out.is_dir():
            raise InputError("exists and is not a folder", file=str(out), field="out")
        if not os.access(out, os.W_OK | os.X_OK):
            raise InputError("the folder is not writable", file=str(out), field="out")
        listed = _listed(out)
        foreign = sorted(
            p.name
            for p in out.iterdir()
            if p.name != MANIFEST and not p.name.startswith(_TEMP_PREFIX) and p.name not in listed
        )
        if foreign:
            shown = ", ".join(foreign[:5]) + (
                f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
            )
            raise InputError(
                f"the folder holds files that no stationkeeper run wrote: {shown}",
                file=str(out),
                field="out",
                allowed="a new or empty folder, or one an earlier run wrote",
            )
        return out
    parent = out.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(f"{parent} is not a folder", file=str(out), field="out")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"cannot create it: {parent} is not writable", file=str(out), field="out")
    return out


def write_run(out_dir: str | Path, writers: dict[str, Callable[[Path], object]]) -> list[Path]:
    """Run each ``writers[name](temp_path)`` into a temporary folder, then move all into place.

    If any writer fails, nothing changes in ``out_dir``. The files of an earlier run in the same
    folder that this run does not write are removed, so a folder never mixes two runs.
    """
    out = check_out_dir(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=out))
    except OSError as exc:
        raise InputError(
            f"cannot create the folder: {exc.strerror}", file=str(out), field="out"
        ) from None
    try:
        for name, write in writers.items():
            write(tmp / name)
        previous = _listed(out)
        final = []
        for name in writers:
            os.replace(tmp / name, out / name)
            final.append(out / name)
        for name in sorted(previous - set(writers)):
            (out / name).unlink(missing_ok=True)
        (out / MANIFEST).write_text(json.dumps({"files": list(writers)}, indent=1) + "\n")
        return final
    except OSError as exc:
        raise InputError(
            f"cannot write {Path(exc.filename or '').name or 'the results'}: {exc.strerror}",
            file=str(out),
            field="out",
        ) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def json_writer(obj) -> Callable[[Path], object]:
    """A writer of ``obj`` as JSON (:func:`dumps`, newline-terminated)."""
    return lambda p: p.write_text(dumps(obj) + "\n")


def table_writers(table: pd.DataFrame, stem: str) -> dict[str, Callable[[Path], object]]:
    """CSV and Parquet writers for a result table (datetimes as UTC)."""
    plain = table.copy()
    plain.attrs = {}

    def csv(p: Path):
        plain.to_csv(p, index=False, float_format="%.6f")

    def parquet(p: Path):
        plain.to_parquet(p, index=False)

    return {f"{stem}.csv": csv, f"{stem}.parquet": parquet}
