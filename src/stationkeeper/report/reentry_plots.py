"""Reentry maps: the controlled-deorbit footprint and the Monte Carlo breakup points."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from shapely.geometry import MultiPolygon

from stationkeeper.constants import BREAKUP_ALTITUDE_M
from stationkeeper.earth.countries import load_countries
from stationkeeper.report.maps import add_world_basemap, split_at_antimeridian
from stationkeeper.report.style import COLORS, new_figure, save_figure, styled


def plot_deorbit(plan: dict, path: str | os.PathLike[str]) -> Path:
    """Final orbit from the last burn to breakup, the debris footprint, target and impact point."""
    e = plan.get("entry") or {}
    with styled():
        fig = new_figure(10.0, 5.5)
        ax = fig.add_subplot()
        add_world_basemap(ax)
        if e:
            lon, lat = split_at_antimeridian(e["track_lon_deg"], e["track_lat_deg"])
            ax.plot(lon, lat, color=COLORS["track"], lw=1.2, zorder=3, label="after final burn")
            flon, flat = split_at_antimeridian(e["footprint_lon_deg"], e["footprint_lat_deg"])
            ax.plot(
                flon,
                flat,
                color=COLORS["end"],
                lw=4.0,
                alpha=0.8,
                zorder=4,
                label=(
                    f"debris footprint {e['footprint_length_km']:,.0f} km (published: up to "
                    + "–".join(f"{x:,.0f}" for x in e.get("published_footprint_km", []))
                    + " km)"
                ),
            )
            ax.plot(
                e["final_burn_lon_deg"],
                e["final_burn_lat_deg"],
                "o",
                color=COLORS["start"],
                zorder=5,
                label="final burn",
            )
            ax.plot(
                e["breakup_lon_deg"],
                e["breakup_lat_deg"],
                "^",
                color=COLORS["warning"],
                zorder=5,
                label=f"breakup ({BREAKUP_ALTITUDE_M / 1e3:.0f} km)",
            )
            ax.plot(
                e["impact_lon_deg"],
                e["impact_lat_deg"],
                "s",
                color=COLORS["accent"],
                zorder=6,
                label="impact (median fragment)",
            )
            ax.plot(
                e["target_lon_deg"],
                e["target_lat_deg"],
                "*",
                ms=12,
                color="black",
                zorder=6,
                label="target",
            )
        state = "feasible" if plan.get("feasible") else "INFEASIBLE"
        ax.set_title(
            f"Controlled deorbit: {plan['count']} x {plan['vehicle']} ({state})", loc="left"
        )
        ax.set_title(
            f"Δv {plan['dv_total_m_s']:.1f} m/s · "
            f"propellant {plan['propellant_needed_kg']:,.0f} kg · "
            f"first burn to breakup {plan.get('campaign_days', 0.0):.1f} days",
            loc="right",
            fontsize=8.5,
            fontweight="normal",
        )
        handles = ax.get_legend_handles_labels()[0]
        if handles:
            fig.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False)
        return save_figure(fig, path)


def plot_reentry(summary: dict, samples: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Monte Carlo breakup points coloured by reentry time, with the footprint spread."""
    lat = samples["lat_deg"].to_numpy()
    lon = samples["lon_deg"].to_numpy()
    t_h = samples["reentry_s"].to_numpy() / 3600.0
    ok = np.isfinite(lat) & np.isfinite(lon)
    with styled():
        fig = new_figure(10.0, 5.8)
        ax = fig.add_subplot()
        add_world_basemap(ax)
        fp_lat = samples.attrs.get("footprint_lat_deg")
        fp_lon = samples.attrs.get("footprint_lon_deg")
        if fp_lat is not None and len(fp_lat):
            ax.scatter(
                np.ravel(fp_lon),
                np.ravel(fp_lat),
                s=0.6,
                color=COLORS["warning"],
                alpha=0.15,
                zorder=2,
                label="debris footprints",
                rasterized=True,
            )
        sc = ax.scatter(
            lon[ok],
            lat[ok],
            c=t_h[ok],
            s=3,
            cmap="viridis",
            zorder=3,
            label=f"breakup points ({BREAKUP_ALTITUDE_M / 1e3:.0f} km)",
            rasterized=True,
        )
        cb = fig.colorbar(sc, ax=ax, shrink=0.7, pad=0.01)
        cb.set_label("hours after the element set")
        r = summary["reentry"]
        ax.set_title(f"Uncontrolled reentry: {summary['samples']:,} samples", loc="left")
        ax.set_title(
            f"median {str(r['median_utc'])[:16]} · 5–95 % {str(r['p05_utc'])[:16]} → "
            f"{str(r['p95_utc'])[:16]}",
            loc="right",
            fontsize=8.5,
            fontweight="normal",
        )
        fig.legend(
            handles=ax.get_legend_handles_labels()[0],
            loc="outside lower center",
            ncols=2,
            frameon=False,
            markerscale=4,
        )
        return save_figure(fig, path)


def plot_reentry_countries(
    summary: dict, samples: pd.DataFrame, path: str | os.PathLike[str], swaths: int = 40
) -> Path:
    """Choropleth: the chance the debris footprint touches each country, with example footprint
    swaths; beside it the impact point's latitude bands."""
    touch = (summary.get("footprint_touch") or {}).get("countries", {})
    top = max(touch.values(), default=0.0)
    with styled():
        fig = new_figure(12.0, 5.6)
        grid = fig.add_gridspec(1, 2, width_ratios=(4.2, 1.0))
        ax = fig.add_subplot(grid[0, 0])
        add_world_basemap(ax)
        cmap = matplotlib.colormaps["YlOrRd"]
        norm = Normalize(0.0, top if top > 0 else 1.0)
        for c in load_countries():
            p = touch.get(c.name, 0.0)
            if p <= 0:
                continue
            polys = c.geometry.geoms if isinstance(c.geometry, MultiPolygon) else [c.geometry]
            for poly in polys:
                x, y = poly.exterior.xy
                ax.fill(x, y, color=cmap(norm(p)), lw=0.2, ec=COLORS["border"], zorder=1.2)
        fla = samples.attrs.get("footprint_lat_deg")
        flo = samples.attrs.get("footprint_lon_deg")
        if fla is not None and len(fla):
            for k in range(min(swaths, len(fla))):
                lo, la = split_at_antimeridian(flo[k], fla[k])
                ax.plot(lo, la, color=COLORS["warning"], lw=0.8, alpha=0.7, zorder=2)
        fp = summary.get("footprint") or {}
        length = fp.get("swath_length_km")
        ax.set_title(
            "Chance the debris footprint touches each country"
            + (f" (swath {length:,.0f} km along track)" if length else ""),
            loc="left",
        )
        cb = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.6, pad=0.01)
        cb.set_label("probability")
        bx = fig.add_subplot(grid[0, 1])
        bands = summary["breakup"]["latitude_bands"]
        mids = [sum(map(float, b.split(".."))) / 2 for b in bands]
        bx.barh(mids, list(bands.values()), height=9.0, color=COLORS["warning"])
        bx.set_ylim(-90, 90)
        bx.set_xlabel("probability")
        bx.set_title("impact latitude", loc="left")
        return save_figure(fig, path)
