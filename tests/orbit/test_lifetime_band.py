"""The lifetime's 5-95 % band from the drag spread: it holds the central value, and it
widens when the spread does (a station file with a wider [drag] table)."""

from __future__ import annotations

from pathlib import Path

from stationkeeper.data import data_path
from stationkeeper.orbit.lifetime import lifetime_scenarios

# a heavy-drag variant of the ISS (mass / 8) so each run is weeks, not years
MASS_KG = 57_000.0


def _station_with_spread(tmp_path: Path, p05: float, p95: float) -> Path:
    text = data_path("station.toml").read_text(encoding="utf-8")
    text = text.replace("scale_p05 = 0.407", f"scale_p05 = {p05}")
    text = text.replace("scale_p95 = 0.810", f"scale_p95 = {p95}")
    path = tmp_path / f"station_{p05}_{p95}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_band_holds_central_and_widens_with_the_drag_spread(tmp_path):
    narrow, _ = lifetime_scenarios(
        solar="nominal", mass_kg=MASS_KG, station=_station_with_spread(tmp_path, 0.5, 0.65)
    )
    wide, tables = lifetime_scenarios(
        solar="nominal", mass_kg=MASS_KG, station=_station_with_spread(tmp_path, 0.3, 1.1)
    )
    n, w = narrow["scenarios"]["nominal"], wide["scenarios"]["nominal"]
    # same central drag (scale_p50), so the same central lifetime
    assert abs(n["lifetime_days"] - w["lifetime_days"]) < 1e-6
    for r in (n, w):
        assert r["lifetime_days_p05"] < r["lifetime_days"] < r["lifetime_days_p95"]
    assert w["lifetime_days_p05"] < n["lifetime_days_p05"]
    assert w["lifetime_days_p95"] > n["lifetime_days_p95"]
    assert {"nominal", "nominal_p05", "nominal_p95"} <= set(tables)
    # lifetime scales about as 1/drag at fixed density history: the band's ratio follows
    # the scale ratio to within the atmosphere's altitude dependence (factor 2 here)
    ratio = w["lifetime_days_p95"] / w["lifetime_days_p05"]
    assert 1.5 < ratio < 2 * (1.1 / 0.3)


def test_topo_drag_has_no_band_and_says_so():
    out, _ = lifetime_scenarios(solar="nominal", mass_kg=MASS_KG, drag="topo")
    r = out["scenarios"]["nominal"]
    assert out["drag"] == "topo" and r["lifetime_days_p05"] is None and "none" in r["band"]
