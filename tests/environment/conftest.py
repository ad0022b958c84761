"""Fixtures of the environment tests: the shipped space weather and an independent parse."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from stationkeeper.data import data_path
from stationkeeper.environment.spaceweather import load_space_weather


@pytest.fixture(scope="session")
def sw():
    """The shipped ``SW-All.txt``, loaded once."""
    return load_space_weather()


@pytest.fixture(scope="session")
def text_rows() -> dict[date, list[str]]:
    """Observed rows split on whitespace: a parsing path independent of the module's."""
    rows: dict[date, list[str]] = {}
    inside = False
    for line in data_path("SW-All.txt").read_text().splitlines():
        if line.startswith("BEGIN OBSERVED"):
            inside = True
            continue
        if line.startswith("END OBSERVED"):
            break
        if inside:
            tok = line.split()
            assert len(tok) == 33, line
            rows[date(int(tok[0]), int(tok[1]), int(tok[2]))] = tok
    return rows


@pytest.fixture(scope="session")
def t64():
    """``t64("2003-10-30T10:00")``: one UTC time as a 1-element datetime64[s] array."""

    def make(text: str) -> np.ndarray:
        return np.array([text], dtype="datetime64[s]")

    return make
