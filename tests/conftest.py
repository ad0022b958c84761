"""Shared test fixtures: paths to the shared real datasets beside the repository."""

from __future__ import annotations

import json
from datetime import UTC, datetime
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


#: The real ISS's two free-decay spans before the shipped 2022-03-03 state (docs/validation.md):
#: 2022-01-14 -> 02-08 (0.92 km, 37 m/day) and 02-09 -> 02-26 (0.77 km, 45 m/day).
JAN_FEB_2022 = (datetime(2022, 1, 13, tzinfo=UTC), datetime(2022, 2, 28, tzinfo=UTC))


@pytest.fixture(scope="session")
def jan_feb_spans():
    """The Jan-Feb 2022 free-decay spans of the real ISS TLE history (lists of element sets)."""
    from stationkeeper.orbit.history import detect_manoeuvres, free_spans
    from stationkeeper.orbit.tle import load_tle_history

    history = load_tle_history(shared_file("tle", "iss_25544_2021-2022.3le"))
    spans = free_spans(history, detect_manoeuvres(history), min_days=10.0)
    return [s for s in spans if JAN_FEB_2022[0] <= s[0].epoch_utc <= JAN_FEB_2022[1]]


def parse_sse(text: str) -> list[tuple[str, dict]]:
    """The (event name, JSON data) pairs of a text/event-stream body; comment lines skipped."""
    events = []
    for block in text.split("\n\n"):
        lines = [ln for ln in block.splitlines() if ln and not ln.startswith(":")]
        if lines:
            events.append(
                (lines[0].removeprefix("event: "), json.loads(lines[1].removeprefix("data: ")))
            )
    return events
