"""World maps: ground tracks (and, later, reentry footprints) on an equirectangular map.

The base map is drawn from the shipped Natural Earth 1:110m country polygons
(``stationkeeper.earth.countries.load_countries``): light grey land, thin
borders, a 30-degree graticule, longitude -180..180 and latitude -90..90.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.lines import Line2D
from matplotlib.path import Path as MplPath
from matplotlib.ticker import FixedLocator, FuncFormatter
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.polygon import orient

from stationkeeper.earth.countries import load_countries
from stationkeeper.errors import InputError
from stationkeeper.report.style import COLORS, new_figure, save_figure, styled

GRATICULE_STEP_DEG = 30.0


# --------------------------------------------------------------------------- geometry helpers


def split_at_antimeridian(
    lon_deg: npt.ArrayLike, lat_deg: npt.ArrayLike
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Prepare a lon/lat polyline for an equirectangular map.

    Where consecutive points jump by more than 180 degrees of longitude (the
    track crossed the antimeridian), the crossing point is interpolated and
    the line is ended at one map edge, broken with a NaN, and restarted at the
    other edge -- so no horizontal streak is drawn across the map. Existing
    NaNs (data gaps) are kept as breaks. Longitudes are wrapped to [-180, 180).
    """
    lon = np.asarray(lon_deg, dtype=float).ravel()
    lat = np.asarray(lat_deg, dtype=float).ravel()
    if lon.shape != lat.shape:
        raise InputError(
            f"{lon.size} longitudes but {lat.size} latitudes",
            field="lon_deg/lat_deg",
            allowed="arrays of equal length",
        )
    lon = (lon + 180.0) % 360.0 - 180.0
    if lon.size < 2:
        return lon, lat

    dlon = np.diff(lon)
    jumps = np.flatnonzero(np.abs(dlon) > 180.0)  # NaN compares False: gaps stay gaps
    if jumps.size == 0:
        return lon, lat

    lon0, lat0 = lon[jumps], lat[jumps]
    # Unwrap the next point to the same side, then interpolate at the edge.
    lon1 = lon[jumps + 1] - 360.0 * np.sign(dlon[jumps])
    lat1 = lat[jumps + 1]
    edge = np.where(lon1 > lon0, 180.0, -180.0)
    frac = (edge - lon0) / (lon1 - lon0)
    lat_c = lat0 + frac * (lat1 - lat0)

    insert_at = np.repeat(jumps + 1, 3)
    new_lon = np.column_stack([edge, np.full_like(edge, np.nan), -edge]).ravel()
    new_lat = np.column_stack([lat_c, np.full_like(lat_c, np.nan), lat_c]).ravel()
    return np.insert(lon, insert_at, new_lon), np.insert(lat, insert_at, new_lat)


def _rings_path(polygon: Polygon) -> MplPath:
    """One compound path per polygon; exterior CCW, holes CW (non-zero fill keeps holes)."""
    polygon = orient(polygon, sign=1.0)
    rings = [polygon.exterior, *polygon.interiors]
    return MplPath.make_compound_path(
        *[MplPath(np.asarray(ring.coords)[:, :2], closed=True) for ring in rings]
    )


@lru_cache(maxsize=1)
def _country_paths() -> tuple[MplPath, ...]:
    paths: list[MplPath] = []
    for country in load_countries():
        geom = country.geometry
        polygons = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
        paths.extend(_rings_path(p) for p in polygons if not p.is_empty)
    return tuple(paths)


def _format_lon(value: float, _pos: int | None = None) -> str:
    v = round(value)
    if v in (0, 180, -180):
        return f"{abs(v)}°"
    return f"{abs(v)}°{'E' if v > 0 else 'W'}"


def _format_lat(value: float, _pos: int | None = None) -> str:
    v = round(value)
    if v == 0:
        return "0°"
    return f"{abs(v)}°{'N' if v > 0 else 'S'}"


def add_world_basemap(ax: Axes) -> None:
    """Draw the equirectangular world base map (land, borders, graticule) on ``ax``.

    Land is drawn at zorder 1, the graticule at 1.5; draw data at zorder >= 2.
    """
    ax.set_facecolor(COLORS["ocean"])
    land = PathCollection(
        list(_country_paths()),
        facecolors=COLORS["land"],
        edgecolors=COLORS["border"],
        linewidths=0.35,
        zorder=1.0,
    )
    ax.add_collection(land, autolim=False)

    step = GRATICULE_STEP_DEG
    lon_ticks = np.arange(-180.0, 180.0 + step / 2, step)
    lat_ticks = np.arange(-90.0, 90.0 + step / 2, step)
    for x in lon_ticks[1:-1]:
        ax.axvline(x, color=COLORS["grid"], lw=0.45, alpha=0.7, zorder=1.5)
    for y in lat_ticks[1:-1]:
        lw = 0.7 if y == 0 else 0.45
        ax.axhline(y, color=COLORS["grid"], lw=lw, alpha=0.7, zorder=1.5)

    ax.set_xlim(-180.0, 180.0)
    ax.set_ylim(-90.0, 90.0)
    ax.set_aspect("equal")
    ax.xaxis.set_major_locator(FixedLocator(lon_ticks))
    ax.yaxis.set_major_locator(FixedLocator(lat_ticks))
    ax.xaxis.set_major_formatter(FuncFormatter(_format_lon))
    ax.yaxis.set_major_formatter(FuncFormatter(_format_lat))
    ax.tick_params(length=2.5, pad=2)


# --------------------------------------------------------------------------- ground track


def _format_duration(seconds: float) -> str:
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 72 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def _validated_track(track_df: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(track_df, pd.DataFrame):
        raise InputError(
            f"expected a pandas DataFrame, got {type(track_df).__name__}",
            field="track_df",
            allowed="DataFrame from stationkeeper.orbit.groundtrack.ground_track",
        )
    missing = [c for c in ("epoch_utc", "lat_deg", "lon_deg") if c not in track_df.columns]
    if missing:
        raise InputError(
            f"missing column(s) {', '.join(missing)}",
            field="track_df",
            allowed="columns epoch_utc, lat_deg, lon_deg (altitude_km optional)",
        )
    epochs = pd.to_datetime(track_df["epoch_utc"])
    if epochs.dt.tz is None:
        raise InputError(
            "epoch_utc is timezone-naive",
            field="epoch_utc",
            allowed="timezone-aware UTC timestamps",
        )
    lat = track_df["lat_deg"].to_numpy(dtype=float)
    lon = track_df["lon_deg"].to_numpy(dtype=float)
    valid = np.isfinite(lat) & np.isfinite(lon)
    if not valid.any():
        raise InputError(
            "no finite positions to plot",
            field="track_df",
            allowed="at least one row with finite lat_deg and lon_deg",
        )
    if np.any(np.abs(lat[valid]) > 90.0):
        raise InputError("latitude out of range", field="lat_deg", allowed="-90..90")
    out = pd.DataFrame({"epoch_utc": epochs.dt.tz_convert("UTC"), "lat_deg": lat, "lon_deg": lon})
    if "altitude_km" in track_df.columns:
        out["altitude_km"] = track_df["altitude_km"].to_numpy(dtype=float)
    return out


def _add_direction_arrows(ax: Axes, track: pd.DataFrame, valid: np.ndarray, n: int = 6) -> None:
    """A few small arrowheads along the track showing the direction of flight."""
    idx = np.flatnonzero(valid[:-1] & valid[1:])
    if idx.size < 8:
        return
    lon = (track["lon_deg"].to_numpy() + 180.0) % 360.0 - 180.0
    lat = track["lat_deg"].to_numpy()
    # Evenly spaced in time, away from the start and end markers.
    picks = idx[np.round(np.linspace(0.1, 0.9, n) * (idx.size - 1)).astype(int)]
    for i in np.unique(picks):
        if abs(lon[i + 1] - lon[i]) > 180.0 or (lon[i + 1] == lon[i] and lat[i + 1] == lat[i]):
            continue
        ax.annotate(
            "",
            xy=(lon[i + 1], lat[i + 1]),
            xytext=(lon[i], lat[i]),
            arrowprops={
                "arrowstyle": "-|>,head_length=0.55,head_width=0.3",
                "color": COLORS["track"],
                "lw": 0,
                "shrinkA": 0,
                "shrinkB": 0,
                "mutation_scale": 14,
            },
            zorder=4,
        )


def plot_ground_track(
    track_df: pd.DataFrame,
    path: str | os.PathLike[str],
    title: str | None = None,
) -> Path:
    """Draw a ground track on a world map and save it (PNG, atomically) at ``path``.

    ``track_df`` is the table from ``ground_track`` (columns ``epoch_utc``,
    ``lat_deg``, ``lon_deg``, optionally ``altitude_km``); rows with NaN
    positions are drawn as gaps. The line is split at the antimeridian; start
    and end are marked; the legend gives start/end UTC and the duration.
    Returns the path written.
    """
    track = _validated_track(track_df)
    valid = np.isfinite(track["lat_deg"].to_numpy()) & np.isfinite(track["lon_deg"].to_numpy())
    first, last = np.flatnonzero(valid)[[0, -1]]
    t0 = track["epoch_utc"].iloc[first]
    t1 = track["epoch_utc"].iloc[last]
    duration_s = (t1 - t0).total_seconds()

    lon_line, lat_line = split_at_antimeridian(track["lon_deg"], track["lat_deg"])
    lon_start, lat_start = track["lon_deg"].iloc[first], track["lat_deg"].iloc[first]
    lon_end, lat_end = track["lon_deg"].iloc[last], track["lat_deg"].iloc[last]
    lon_start = (lon_start + 180.0) % 360.0 - 180.0
    lon_end = (lon_end + 180.0) % 360.0 - 180.0

    with styled():
        fig = new_figure(10.0, 5.5)
        ax = fig.add_subplot()
        add_world_basemap(ax)

        long_track = duration_s > 6 * 3600
        ax.plot(
            lon_line,
            lat_line,
            color=COLORS["track"],
            lw=1.0 if long_track else 1.6,
            alpha=0.85 if long_track else 1.0,
            zorder=3,
            gid="ground-track",
            label=f"Ground track ({_format_duration(duration_s)})",
        )
        _add_direction_arrows(ax, track, valid)
        ax.plot(
            lon_start,
            lat_start,
            marker="o",
            ms=8,
            mfc=COLORS["start"],
            mec="white",
            mew=1.2,
            ls="none",
            zorder=5,
            label=f"Start {t0:%Y-%m-%d %H:%M:%S} UTC",
        )
        ax.plot(
            lon_end,
            lat_end,
            marker="s",
            ms=7.5,
            mfc=COLORS["end"],
            mec="white",
            mew=1.2,
            ls="none",
            zorder=5,
            label=f"End {t1:%Y-%m-%d %H:%M:%S} UTC",
        )

        notes = [f"duration {_format_duration(duration_s)}", f"{int(valid.sum())} points"]
        if "altitude_km" in track.columns:
            alt = track["altitude_km"].to_numpy()[valid]
            alt = alt[np.isfinite(alt)]
            if alt.size:
                notes.append(f"altitude {alt.min():.0f}–{alt.max():.0f} km")
        notes.append(f"max |lat| {np.nanmax(np.abs(track['lat_deg'])):.1f}°")
        ax.set_title(title if title is not None else "Ground track", loc="left")
        ax.set_title(" · ".join(notes), loc="right", fontsize=8.5, fontweight="normal")

        handles: list[Line2D] = ax.get_legend_handles_labels()[0]  # type: ignore[assignment]
        fig.legend(
            handles=handles,
            loc="outside lower center",
            ncols=len(handles),
            frameon=False,
            handlelength=2.2,
        )
        return save_figure(fig, path)
