"""Reentry maps: the controlled-deorbit footprint and the Monte Carlo breakup points."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from stationkeeper.constants import BREAKUP_ALTITUDE_M
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
