"""Shared test fixtures: paths to the shared real datasets beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TLE_DIR = SHARED / "data" / "tle"


def shared_file(*parts: str) -> Path:
    path = SHARED.joinpath("data", *parts)
    if not path.exists():
        pytest.fail(f"shared dataset missing: {path} (CI clones ../shared beside the repo)")
    return path


@pytest.fixture(scope="session")
def iss_tle_path() -> Path:
    from stationkeeper.data import data_path

    return data_path("iss_25544_2022-03-03.tle")
