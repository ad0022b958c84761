"""Plots of altitude histories (decay, lifetime) in the house style."""

from __future__ import annotations

from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
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
            sub.append(f"drag: {obj.get('drag', 'given')}")
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


def _band(low: pd.DataFrame, high: pd.DataFrame) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """(times, lower, upper) altitude of a band on the longer run's epochs; the shorter run
    stays at its last (reentry) altitude after it ends."""
    longer, shorter = (low, high) if len(low) >= len(high) else (high, low)
    t = pd.to_datetime(longer["epoch_utc"], utc=True)
    x = t.astype("int64").to_numpy()
    xs = pd.to_datetime(shorter["epoch_utc"], utc=True).astype("int64").to_numpy()
    hs = shorter["mean_altitude_km"].to_numpy()
    h_short = np.interp(x, xs, hs, right=hs[-1])
    h_long = longer["mean_altitude_km"].to_numpy()
    return t, np.minimum(h_short, h_long), np.maximum(h_short, h_long)


def plot_lifetime(
    runs: dict[str, pd.DataFrame], path: str | Path, title: str | None = None
) -> Path:
    """Mean altitude to reentry for each solar scenario, with the 5–95 % band (shaded) where
    ``runs`` has ``<scenario>_p05`` and ``<scenario>_p95`` tables (the drag's spread)."""
    palette = {
        "low": COLORS["start"],
        "nominal": COLORS["track"],
        "high": COLORS["end"],
        "observed": COLORS["accent"],
    }
    central = {k: v for k, v in runs.items() if not k.endswith(("_p05", "_p95"))}
    with styled():
        fig = new_figure(9.0, 4.5)
        ax = fig.add_subplot(1, 1, 1)
        styles = ["-", "--", ":", "-."]
        for k, (name, table) in enumerate(central.items()):
            t = pd.to_datetime(table["epoch_utc"], utc=True)
            ax.plot(
                t,
                table["mean_altitude_km"],
                lw=1.6,
                label=name,
                color=palette.get(name),
                ls=styles[k % len(styles)],
            )
            if f"{name}_p05" in runs and f"{name}_p95" in runs:
                tb, lo, hi = _band(runs[f"{name}_p05"], runs[f"{name}_p95"])
                ax.fill_between(
                    tb,
                    lo,
                    hi,
                    color=palette.get(name, COLORS["track"]),
                    alpha=0.15,
                    lw=0,
                    label=f"{name}: 5–95 % (drag spread)",
                )
        ax.axhline(120, color="#777777", ls=":", lw=1)
        ax.set_ylabel("mean altitude (km)")
        ax.set_title(title or "Orbital lifetime with no reboost")
        ax.grid(True)
        ax.legend(title="solar activity", fontsize=8)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
        return save_figure(fig, path)
