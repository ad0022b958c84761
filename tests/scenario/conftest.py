"""Fixtures of the scenario tests: a scenario file written from a few TOML lines."""

from __future__ import annotations

from pathlib import Path

import pytest

HEAD = """[scenario]
name = "t"
duration_days = {days}
atmosphere = "{atm}"
"""


@pytest.fixture
def write(tmp_path):
    """``write(body, days=30, atm="exponential")``: the path of a scenario file with a
    [scenario] table of that length and atmosphere (its first 4 lines), then ``body``."""

    def _write(body: str, days: float = 30, atm: str = "exponential") -> Path:
        p = tmp_path / "s.toml"
        p.write_text(HEAD.format(days=days, atm=atm) + body, encoding="utf-8")
        return p

    return _write
