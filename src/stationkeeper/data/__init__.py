"""Data shipped with the package (see SOURCES.md in this folder)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def data_path(name: str) -> Path:
    """Path of a file shipped in ``stationkeeper/data``."""
    return Path(str(files("stationkeeper.data").joinpath(name)))
