"""Ground track of the ISS and the ground-track map (country look-up: tests/earth/)."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import matplotlib.figure
import numpy as np
import pandas as pd
import pytest
from conftest import TLE_DIR
from sgp4.api import Satrec

from stationkeeper.constants import SECONDS_PER_DAY
from stationkeeper.errors import InputError
from stationkeeper.orbit.groundtrack import ground_track
from stationkeeper.report import maps
from stationkeeper.report.maps import plot_ground_track, split_at_antimeridian
from stationkeeper.report.style import save_figure

TLE_FILE = TLE_DIR / "iss_25544_2021-2022.3le"

# WGS-84
A_KM = 6378.137
F = 1.0 / 298.257223563
E2 = F * (2.0 - F)
OMEGA_EARTH_RAD_S = 7.2921150e-5
J2 = 1.08262668e-3
MU_KM3_S2 = 398600.4418


@pytest.fixture(scope="module")
def iss() -> Satrec:
    if not TLE_FILE.exists():
        pytest.skip(f"shared TLE file not found: {TLE_FILE}")
    lines = [ln.rstrip() for ln in TLE_FILE.read_text().splitlines() if ln.strip()]
    line1 = next(ln for ln in reversed(lines) if ln.startswith("1 "))
    line2 = lines[-1]
    assert line2.startswith("2 ") and lines[-2] == line1
    return Satrec.twoline2rv(line1, line2)


def tle_epoch(sat: Satrec) -> datetime:
    jd = sat.jdsatepoch + sat.jdsatepochF
    return datetime(2000, 1, 1, 12, tzinfo=UTC) + timedelta(days=jd - 2451545.0)


@pytest.fixture(scope="module")
def track_3h(iss: Satrec) -> pd.DataFrame:
    return ground_track(iss, tle_epoch(iss), hours=3.0, step_s=30.0)


def geocentric_lat_deg(lat_deg: np.ndarray, h_km: np.ndarray) -> np.ndarray:
    """Geocentric latitude of a point given geodetic latitude and height (WGS-84)."""
    phi = np.radians(lat_deg)
    n = A_KM / np.sqrt(1.0 - E2 * np.sin(phi) ** 2)
    return np.degrees(np.arctan2((n * (1.0 - E2) + h_km) * np.sin(phi), (n + h_km) * np.cos(phi)))


# --------------------------------------------------------------------------- ground track


def test_columns_and_sampling(track_3h: pd.DataFrame, iss: Satrec) -> None:
    assert list(track_3h.columns) == ["epoch_utc", "lat_deg", "lon_deg", "altitude_km"]
    assert len(track_3h) == 3 * 120 + 1  # end point included
    assert str(track_3h["epoch_utc"].dt.tz) == "UTC"
    assert track_3h["epoch_utc"].iloc[0] == pd.Timestamp(tle_epoch(iss)).round("us")
    steps = track_3h["epoch_utc"].diff().dropna().dt.total_seconds()
    assert np.allclose(steps, 30.0)
    assert track_3h[["lat_deg", "lon_deg", "altitude_km"]].notna().all().all()
    assert track_3h["lon_deg"].between(-180.0, 180.0).all()


def test_latitude_bounded_by_inclination(track_3h: pd.DataFrame, iss: Satrec) -> None:
    inc_deg = math.degrees(iss.inclo)
    assert inc_deg == pytest.approx(51.64, abs=0.01)
    lat = track_3h["lat_deg"].to_numpy()
    alt = track_3h["altitude_km"].to_numpy()
    # Geocentric latitude is bounded by the inclination (osculating i wobbles by ~0.02 deg);
    # geodetic latitude exceeds geocentric by up to ~0.18 deg at 52 deg and 420 km.
    lat_gc = geocentric_lat_deg(lat, alt)
    assert np.abs(lat_gc).max() <= inc_deg + 0.05
    assert np.abs(lat).max() <= inc_deg + 0.25
    assert lat.max() >= 51.0 and lat.min() <= -51.0


def test_altitude_range(track_3h: pd.DataFrame) -> None:
    alt = track_3h["altitude_km"]
    assert alt.min() >= 400.0 and alt.max() <= 440.0
    # Eccentricity 0.00054 plus Earth's oblateness: a spread of a few to ~25 km, not more.
    assert 5.0 < alt.max() - alt.min() < 30.0


def test_nodal_period_and_westward_shift(iss: Satrec) -> None:
    track = ground_track(iss, tle_epoch(iss), hours=4.0, step_s=5.0)
    lat = track["lat_deg"].to_numpy()
    lon = track["lon_deg"].to_numpy()
    t_s = (track["epoch_utc"] - track["epoch_utc"].iloc[0]).dt.total_seconds().to_numpy()
    i = np.flatnonzero((lat[:-1] < 0.0) & (lat[1:] >= 0.0))  # ascending equator crossings
    assert len(i) >= 2
    frac = -lat[i] / (lat[i + 1] - lat[i])
    t_node = t_s[i] + frac * (t_s[i + 1] - t_s[i])
    dlon = (lon[i + 1] - lon[i] + 180.0) % 360.0 - 180.0
    lon_node = lon[i] + frac * dlon

    period_s = t_node[1] - t_node[0]
    assert 92.0 * 60 < period_s < 93.0 * 60
    shift_deg = (lon_node[0] - lon_node[1]) % 360.0  # positive = westward
    # Independent expectation: the Earth turns under the orbit at (omega_E - dOmega/dt),
    # with the J2 nodal regression dOmega/dt = -3/2 n J2 (R/p)^2 cos i  (~ -5 deg/day).
    n = iss.no_kozai / 60.0
    a = (MU_KM3_S2 / n**2) ** (1.0 / 3.0)
    p = a * (1.0 - iss.ecco**2)
    node_rate = -1.5 * n * J2 * (A_KM / p) ** 2 * math.cos(iss.inclo)
    assert math.degrees(node_rate) * SECONDS_PER_DAY == pytest.approx(-4.95, abs=0.1)
    expected_deg = math.degrees((OMEGA_EARTH_RAD_S - node_rate) * period_s)
    assert shift_deg == pytest.approx(expected_deg, abs=0.05)
    assert 23.3 < shift_deg < 23.9  # ~23.6 deg west per orbit


def _gmst_iau1982_rad(jd_ut1: float) -> float:
    """Greenwich mean sidereal time, IAU 1982 (Vallado eq. 3-47)."""
    t = (jd_ut1 - 2451545.0) / 36525.0
    gmst_s = (
        67310.54841 + (876600.0 * 3600.0 + 8640184.812866) * t + 0.093104 * t**2 - 6.2e-6 * t**3
    )
    return math.radians((gmst_s % SECONDS_PER_DAY) / 240.0)


def _geodetic_from_ecef(x: float, y: float, z: float) -> tuple[float, float, float]:
    lon = math.atan2(y, x)
    rho = math.hypot(x, y)
    lat = math.atan2(z, rho * (1.0 - E2))
    for _ in range(10):
        n = A_KM / math.sqrt(1.0 - E2 * math.sin(lat) ** 2)
        h = rho / math.cos(lat) - n
        lat = math.atan2(z, rho * (1.0 - E2 * n / (n + h)))
    n = A_KM / math.sqrt(1.0 - E2 * math.sin(lat) ** 2)
    return math.degrees(lat), math.degrees(lon), rho / math.cos(lat) - n


@pytest.mark.parametrize("row", [0, 77, 250, 360])
def test_matches_hand_teme_to_earth_fixed(track_3h: pd.DataFrame, iss: Satrec, row: int) -> None:
    when = track_3h["epoch_utc"].iloc[row].to_pydatetime()
    jd_utc = (
        2451545.0 + (when - datetime(2000, 1, 1, 12, tzinfo=UTC)).total_seconds() / SECONDS_PER_DAY
    )
    whole = math.floor(jd_utc - 0.5) + 0.5
    err, r_teme, _ = iss.sgp4(whole, jd_utc - whole)
    assert err == 0
    theta = _gmst_iau1982_rad(jd_utc)  # UT1 ~ UTC (|UT1-UTC| < 0.9 s ~ 0.004 deg)
    x = math.cos(theta) * r_teme[0] + math.sin(theta) * r_teme[1]
    y = -math.sin(theta) * r_teme[0] + math.cos(theta) * r_teme[1]
    lat, lon, h = _geodetic_from_ecef(x, y, r_teme[2])
    got = track_3h.iloc[row]
    assert got["lat_deg"] == pytest.approx(lat, abs=0.1)
    assert (got["lon_deg"] - lon + 180.0) % 360.0 - 180.0 == pytest.approx(0.0, abs=0.1)
    assert got["altitude_km"] == pytest.approx(h, abs=1.0)


def test_step_and_timezone_handling(iss: Satrec) -> None:
    start = tle_epoch(iss).replace(microsecond=0)
    a = ground_track(iss, start, hours=0.5, step_s=60.0)
    tz = datetime.now().astimezone().tzinfo
    b = ground_track(iss, start.astimezone(tz), hours=0.5, step_s=60.0)
    assert len(a) == 31
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"hours": 0.0}, "hours"),
        ({"hours": -1.0}, "hours"),
        ({"hours": float("nan")}, "hours"),
        ({"hours": 1.0, "step_s": 0.0}, "step_s"),
        ({"hours": 1.0, "step_s": -30.0}, "step_s"),
        ({"hours": 1.0, "step_s": float("inf")}, "step_s"),
    ],
)
def test_invalid_arguments(iss: Satrec, kwargs: dict[str, float], field: str) -> None:
    with pytest.raises(InputError) as info:
        ground_track(iss, tle_epoch(iss), **kwargs)
    assert info.value.field == field
    assert info.value.allowed


def test_naive_start_rejected(iss: Satrec) -> None:
    with pytest.raises(InputError, match="timezone-aware"):
        ground_track(iss, datetime(2022, 3, 3, 17), hours=1.0)


def test_decayed_orbit_gives_nan(iss: Satrec) -> None:
    track = ground_track(iss, datetime(2032, 1, 1, tzinfo=UTC), hours=0.1, step_s=60.0)
    assert track[["lat_deg", "lon_deg", "altitude_km"]].isna().all().all()


# --------------------------------------------------------------------------- maps


def test_split_at_antimeridian() -> None:
    lon, lat = split_at_antimeridian([170.0, 178.0, -176.0, -170.0], [0.0, 2.0, 5.0, 7.0])
    finite = np.isfinite(lon)
    assert np.isnan(lon).sum() == 1
    assert lon.tolist()[2] == 180.0 and lon.tolist()[4] == -180.0
    assert lat[2] == pytest.approx(3.0) and lat[4] == pytest.approx(3.0)  # 2/6 of the way
    seg = np.abs(np.diff(lon))
    assert np.all(seg[np.isfinite(seg)] <= 180.0)
    assert finite.sum() == 6
    # Westward crossing too.
    lon, lat = split_at_antimeridian([-175.0, 175.0], [0.0, 10.0])
    assert lon.tolist()[0] == -175.0 and lon.tolist()[1] == -180.0 and lon.tolist()[3] == 180.0
    assert lat[1] == pytest.approx(5.0)


def test_plot_ground_track_writes_png(track_3h: pd.DataFrame, tmp_path: Path, monkeypatch) -> None:
    figures: list[matplotlib.figure.Figure] = []

    def capture(fig, path, *args, **kwargs):
        figures.append(fig)
        return save_figure(fig, path, *args, **kwargs)

    monkeypatch.setattr(maps, "save_figure", capture)
    out = tmp_path / "sub" / "iss.png"
    written = plot_ground_track(track_3h, out, title="ISS")
    assert written == out.resolve()
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000
    image = matplotlib.image.imread(out)
    assert image.shape[0] > 500 and image.shape[1] > 1000
    assert [p.name for p in out.parent.iterdir()] == ["iss.png"]  # no temp files left

    # The drawn track never streaks across the map.
    (ax,) = figures[0].axes
    (track_line,) = [ln for ln in ax.lines if ln.get_gid() == "ground-track"]
    x = np.asarray(track_line.get_xdata(), dtype=float)
    jumps = np.abs(np.diff(x))
    assert np.all(jumps[np.isfinite(jumps)] <= 180.0)
    # From 164.5 W the 3-h track runs ~650 deg east: it crosses the antimeridian once.
    assert np.isnan(x).sum() == 1
    assert np.count_nonzero(np.abs(x) == 180.0) == 2  # ended and restarted at the edges


def test_interrupted_write_leaves_no_file(
    track_3h: pd.DataFrame, tmp_path: Path, monkeypatch
) -> None:
    def broken_savefig(self, fname, *args, **kwargs):
        # Write part of an image wherever savefig was pointed, then fail.
        if hasattr(fname, "write"):
            fname.write(b"\x89PNG partial")
        else:
            Path(fname).write_bytes(b"\x89PNG partial")
        raise RuntimeError("disk full")

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", broken_savefig)
    out = tmp_path / "iss.png"
    with pytest.raises(RuntimeError, match="disk full"):
        plot_ground_track(track_3h, out)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []

    # An existing file is left untouched by a failed rewrite.
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        plot_ground_track(track_3h, out)
    assert out.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [out]


def test_plot_rejects_bad_tables(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="lon_deg"):
        plot_ground_track(pd.DataFrame({"epoch_utc": [], "lat_deg": []}), tmp_path / "x.png")
    naive = pd.DataFrame(
        {"epoch_utc": pd.to_datetime(["2022-01-01"]), "lat_deg": [0.0], "lon_deg": [0.0]}
    )
    with pytest.raises(InputError, match="naive"):
        plot_ground_track(naive, tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()
