"""Plots of a scenario run: altitude band with reboosts, propellant by owner, crew/vehicle Gantt."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd

from stationkeeper.report.output import json_writer, table_writers
from stationkeeper.report.scenario_oem import write_scenario_oem
from stationkeeper.report.style import COLORS, new_figure, save_figure, styled

_BODY_COLORS = [COLORS["track"], COLORS["end"], COLORS["start"], COLORS["accent"]]


def _t(series) -> pd.Series:
    return pd.to_datetime(series, utc=True)


def plot_altitude(
    ts: pd.DataFrame,
    events: pd.DataFrame,
    path: str | Path,
    *,
    floor_km=None,
    target_km=None,
    title: str = "Mean altitude",
) -> Path:
    """Mean altitude (perigee–apogee band) of every body, reboosts and burns marked."""
    with styled():
        fig = new_figure(9.0, 4.8)
        ax = fig.add_subplot(1, 1, 1)
        for k, (name, g) in enumerate(ts.groupby("body", sort=False)):
            c = _BODY_COLORS[k % len(_BODY_COLORS)]
            t = _t(g["epoch_utc"])
            ax.fill_between(t, g["perigee_km"], g["apogee_km"], color=c, alpha=0.15, lw=0)
            ax.plot(t, g["mean_altitude_km"], color=c, lw=1.4, label=name)
        for typ, marker, color in (
            ("reboost", "^", COLORS["start"]),
            ("burn", "v", COLORS["accent"]),
        ):
            e = events[events["type"] == typ]
            if len(e):
                h = e["mean_altitude_km"].astype(float)
                ax.scatter(
                    _t(e["epoch_utc"]),
                    h,
                    marker=marker,
                    s=18,
                    color=color,
                    zorder=3,
                    label=f"{typ} ({len(e)})",
                )
        for e in events[
            events["type"].isin(["reentry", "separation", "partner_exit"])
        ].itertuples():
            ax.axvline(pd.Timestamp(e.epoch_utc), color=COLORS["warning"], lw=0.8, ls="--")
            ax.text(
                pd.Timestamp(e.epoch_utc),
                ax.get_ylim()[1],
                f" {e.type}",
                rotation=90,
                va="top",
                ha="left",
                fontsize=7,
                color="#444444",
            )
        if floor_km is not None:
            ax.axhline(floor_km, color=COLORS["grid"], lw=0.8, ls=":")
        if target_km is not None:
            ax.axhline(target_km, color=COLORS["grid"], lw=0.8, ls=":")
        ax.set_ylabel("mean altitude (km)")
        ax.set_title(title)
        ax.grid(True)
        ax.legend(loc="best")
        return save_figure(fig, path)


def plot_propellant(ts: pd.DataFrame, path: str | Path, title: str = "Propellant by owner") -> Path:
    """Propellant in the tanks of each owner (summed over bodies) and, below, the propellant
    spent so far by owner (whole run, on-demand top-ups included), kg."""
    cols = [c for c in ts.columns if c.startswith("propellant_") and c != "propellant_kg"]
    spent = [c for c in ts.columns if c.startswith("spent_") and c.endswith("_kg")]
    owners = list(
        dict.fromkeys(
            [c[len("propellant_") : -len("_kg")] for c in cols]
            + [c[len("spent_") : -len("_kg")] for c in spent]
        )
    )
    with styled():
        cycle = [d["color"] for d in matplotlib.rcParams["axes.prop_cycle"]]
        color = {o: cycle[i % len(cycle)] for i, o in enumerate(owners)}
        fig = new_figure(9.0, 6.4 if spent else 4.2)
        ax = fig.add_subplot(2 if spent else 1, 1, 1)
        g = ts.groupby("epoch_utc")[cols + ["propellant_kg"]].sum()
        t = _t(pd.Series(g.index))
        for c in cols:
            owner = c[len("propellant_") : -len("_kg")]
            ax.plot(t, g[c].to_numpy(), lw=1.3, label=owner, color=color[owner])
        ax.plot(t, g["propellant_kg"].to_numpy(), color="#444444", lw=1.0, ls="--", label="total")
        ax.set_ylabel("in tanks (kg)")
        ax.set_title(title)
        ax.grid(True)
        ax.legend(loc="best")
        if spent:
            ax2 = fig.add_subplot(2, 1, 2, sharex=ax)
            h = ts.groupby("epoch_utc")[spent].max()  # run-wide columns: the same on each body
            t2 = _t(pd.Series(h.index))
            for c in spent:
                owner = c[len("spent_") : -len("_kg")]
                ax2.plot(t2, h[c].to_numpy(), lw=1.3, label=owner, color=color[owner])
            ax2.set_ylabel("spent so far (kg)")
            ax2.grid(True)
            ax2.legend(loc="best")
        return save_figure(fig, path)


def gantt_intervals(
    events: pd.DataFrame, start, end
) -> list[tuple[str, pd.Timestamp, pd.Timestamp, str]]:
    """(vehicle, docked from, to, kind) from the arrival/departure log; vehicles docked at the
    start begin at ``start``, those still docked end at ``end``; a vehicle docked to a part
    that re-enters (``lost``) ends there."""
    open_: dict[str, tuple[pd.Timestamp, str]] = {}
    out = []
    for e in events.itertuples():
        if e.type == "arrival":
            open_[e.name] = (pd.Timestamp(e.epoch_utc), str(e.detail).split(" at ")[0])
        elif e.type in ("departure", "lost"):
            t0, kind = open_.pop(e.name, (pd.Timestamp(start), str(e.detail).split(" from ")[0]))
            out.append((e.name, t0, pd.Timestamp(e.epoch_utc), kind))
    for name, (t0, kind) in open_.items():
        out.append((name, t0, pd.Timestamp(end), kind))
    return out


def plot_gantt(
    ts: pd.DataFrame,
    events: pd.DataFrame,
    initial_vehicles: list[tuple[str, str]],
    path: str | Path,
    title: str = "Crew and vehicles",
) -> Path:
    """Docked vehicles as bars (crew vehicles darker; a tick and the new port where one
    relocates) and crew aboard below."""
    start = ts["epoch_utc"].min()
    end = ts["epoch_utc"].max()
    bars = gantt_intervals(events, start, end)
    named = {b[0] for b in bars}
    for n, kind in initial_vehicles:
        if n not in named:
            bars.append((n, pd.Timestamp(start), pd.Timestamp(end), kind))
    bars.sort(key=lambda b: b[1])
    with styled():
        fig = new_figure(9.0, 2.2 + 0.22 * max(len(bars), 1))
        gs = fig.add_gridspec(2, 1, height_ratios=[max(len(bars), 1) * 0.22 + 0.6, 1.2])
        ax = fig.add_subplot(gs[0])
        ax2 = fig.add_subplot(gs[1], sharex=ax)
        for y, (_name, t0, t1, kind) in enumerate(bars):
            crew = kind in ("Soyuz MS", "Crew Dragon", "Starliner")
            ax.barh(
                y,
                (t1 - t0),
                left=t0,
                height=0.6,
                color=COLORS["end"] if crew else COLORS["track"],
                alpha=0.85,
            )
        row = {b[0]: y for y, b in enumerate(bars)}
        moves = events[events["type"] == "relocation"] if "type" in events else events.iloc[:0]
        for e in moves.itertuples():
            if e.name not in row:
                continue
            t = pd.Timestamp(e.epoch_utc)
            y = row[e.name]
            ax.plot([t, t], [y - 0.3, y + 0.3], color="white", lw=2.0)
            ax.annotate(
                "→ " + str(e.detail).split("→")[-1].strip(),
                (t, y),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=6,
                color="#111111",
            )
        ax.set_yticks(range(len(bars)), [b[0] for b in bars], fontsize=7)
        ax.invert_yaxis()
        ax.set_title(title)
        ax.grid(True, axis="x")
        for name, g in ts.groupby("body", sort=False):
            ax2.step(_t(g["epoch_utc"]), g["crew"], where="post", label=f"crew: {name}")
            ax2.step(
                _t(g["epoch_utc"]), g["crew_seats"], where="post", ls="--", label=f"seats: {name}"
            )
        ax2.set_ylabel("people")
        ax2.grid(True)
        ax2.legend(loc="best", fontsize=7)
        return save_figure(fig, path)


def scenario_writers(result) -> dict:
    """Writers for ``write_run``: timeseries.parquet, events.csv, summary.json, the plots and
    trajectory.oem (mean-element states, :mod:`stationkeeper.report.scenario_oem`)."""
    ts, ev = result.timeseries, result.events
    sc = result.scenario
    pol = sc.policy
    initial = [(v.name, v.type) for v in sc.station.vehicles]
    return {
        "timeseries.parquet": table_writers(ts, "timeseries")["timeseries.parquet"],
        "events.csv": table_writers(ev, "events")["events.csv"],
        "summary.json": json_writer(result.summary),
        "altitude.png": lambda p: plot_altitude(
            ts,
            ev,
            p,
            floor_km=pol.floor_km if pol.enabled else None,
            target_km=pol.target_km if pol.enabled else None,
            title=f"{sc.name}: mean altitude",
        ),
        "propellant.png": lambda p: plot_propellant(ts, p, f"{sc.name}: propellant by owner"),
        "gantt.png": lambda p: plot_gantt(ts, ev, initial, p, f"{sc.name}: crew and vehicles"),
        "trajectory.oem": lambda p: write_scenario_oem(result, p),
    }
