"""Plots of altitude histories (decay, lifetime) in the house style."""

from __future__ import annotations

from pathlib import Path

import matplotlib.dates as mdates
import pandas as pd

from stationkeeper.report.style import COLORS, new_figure, save_figure, styled


def plot_decay(table: pd.DataFrame, path: str | Path, title: str | None = None) -> Path:
    """Mean altitude with the perigee-apogee band, and F10.7 below it when present."""
    with styled():
        has_sw = "f107_sfu" in table and table["f107_sfu"].notna().any()
        fig = new_figure(9.0, 6.0 if has_sw else 4.5)
        if has_sw:
            gs = fig.add_gridspec(2, 1, height_ratios=[3, 1], hspace=0.08)
            ax = fig.add_subplot(gs[0])
            ax_sw = fig.add_subplot(gs[1], sharex=ax)
        else:
            ax = fig.add_subplot(1, 1, 1)
            ax_sw = None
        t = pd.to_datetime(table["epoch_utc"], utc=True)
        ax.fill_between(
            t,
            table["perigee_km"],
            table["apogee_km"],
            color=COLORS["track"],
            alpha=0.18,
            label="perigee – apogee",
        )
        ax.plot(t, table["mean_altitude_km"], color=COLORS["track"], lw=1.8, label="mean altitude")
        ax.set_ylabel("altitude (km)")
        ax.grid(True)
        attrs = table.attrs
        obj = attrs.get("object", {})
        sub = []
        if obj:
            sub.append(f"BC {obj.get('ballistic_coefficient_kg_m2', float('nan')):.0f} kg/m²")
        if attrs.get("propagator"):
            sub.append(f"{attrs['propagator']} propagator")
        if attrs.get("solar"):
            sub.append(f"solar: {attrs['solar']}")
        ax.set_title(title or "Orbit decay with no reboost")
        if sub:
            ax.text(
                0.99,
                0.97,
                " · ".join(sub),
                transform=ax.transAxes,
                ha="right",
                va="top",
                fontsize=8,
                color="#444444",
            )
        if attrs.get("reentry_utc"):
            ax.axvline(
                pd.Timestamp(attrs["reentry_utc"]),
                color=COLORS["end"],
                ls="--",
                lw=1,
                label="reentry (120 km)",
            )
        ax.legend(loc="lower left")
        if ax_sw is not None:
            ax_sw.step(t, table["f107_sfu"], where="post", color=COLORS["warning"], lw=1.2)
            ax_sw.set_ylabel("F10.7 (sfu)")
            ax_sw.grid(True)
            for lbl in ax.get_xticklabels():
                lbl.set_visible(False)
        bottom = ax_sw if ax_sw is not None else ax
        bottom.xaxis.set_major_formatter(
            mdates.ConciseDateFormatter(bottom.xaxis.get_major_locator())
        )
        return save_figure(fig, path)


def plot_lifetime(
    runs: dict[str, pd.DataFrame], path: str | Path, title: str | None = None
) -> Path:
    """Mean altitude to reentry for each solar scenario."""
    palette = {
        "low": COLORS["start"],
        "nominal": COLORS["track"],
        "high": COLORS["end"],
        "observed": COLORS["accent"],
    }
    with styled():
        fig = new_figure(9.0, 4.5)
        ax = fig.add_subplot(1, 1, 1)
        styles = ["-", "--", ":", "-."]
        for k, (name, table) in enumerate(runs.items()):
            t = pd.to_datetime(table["epoch_utc"], utc=True)
            ax.plot(
                t,
                table["mean_altitude_km"],
                lw=1.6,
                label=name,
                color=palette.get(name),
                ls=styles[k % len(styles)],
            )
        ax.axhline(120, color="#777777", ls=":", lw=1)
        ax.set_ylabel("mean altitude (km)")
        ax.set_title(title or "Orbital lifetime with no reboost")
        ax.grid(True)
        ax.legend(title="solar activity")
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
        return save_figure(fig, path)
