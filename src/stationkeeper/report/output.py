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


def write_run(out_dir: str | Path, writers: dict[str, Callable[[Path], object]]) -> list[Path]:
    """Run each ``writers[name](temp_path)`` into a temporary folder, then move all into place.

    If any writer fails, nothing is left in ``out_dir``.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("exists and is not a folder", file=str(out), field="--out")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".stationkeeper-", dir=out))
    try:
        for name, write in writers.items():
            write(tmp / name)
        final = []
        for name in writers:
            os.replace(tmp / name, out / name)
            final.append(out / name)
        return final
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
