"""``stationkeeper station show``: the Rich rendering of a station."""

from __future__ import annotations

import io

from rich.console import Console

from stationkeeper.cli.station import render_station
from stationkeeper.station import Station, load_station


def test_render_prints_headline_and_tables() -> None:
    iss: Station = load_station()
    buf = io.StringIO()
    render_station(iss, Console(file=buf, width=200, color_system=None))
    out = buf.getvalue()
    for text in ("Modules", "Docked vehicles", "Engines", "Propellant tanks", "Totals by owner"):
        assert text in out
    assert f"{iss.total_mass_kg:,.0f} kg" in out
    assert "Soyuz MS-19" in out
