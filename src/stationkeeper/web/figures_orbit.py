"""Studio figures of the orbit answers: decay, lifetime (with their 5–95 % bands), ground track.

A band trace carries ``meta = {"band": {"lo": path, "hi": path, "axis": "x" | "y"}}``: the
dotted paths into the summary whose numbers it draws (``scenarios.nominal.lifetime_days_p05``),
so the page and the tests can tell a band drawn from the answer from a decoration.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from stationkeeper.report.result import Result
from stationkeeper.web.figures_common import (
    BAND_FILL,
    COLORS,
    figure,
    geo_layout,
    split_antimeridian,
    times,
    values,
)

SOLAR_COLORS = {"low": COLORS[2], "nominal": COLORS[0], "high": COLORS[1], "observed": COLORS[4]}


def band_meta(lo: str, hi: str, axis: str = "y") -> dict:
    """The ``meta`` of a trace that draws the summary's band ``lo``..``hi`` (dotted paths)."""
    return {"band": {"lo": lo, "hi": hi, "axis": axis}}


def altitude_band_traces(frame: pd.DataFrame, name: str, color: str) -> list[go.Scatter]:
    """Perigee–apogee band (filled) and the mean altitude line of one table."""
    t = times(frame["epoch_utc"])
    return [
        go.Scatter(x=t, y=values(frame["apogee_km"]), mode="lines", line={"width": 0},
                   showlegend=False, hoverinfo="skip", legendgroup=name),
        go.Scatter(x=t, y=values(frame["perigee_km"]), mode="lines", line={"width": 0},
                   fill="tonexty", fillcolor=BAND_FILL, name=f"{name}: perigee – apogee",
                   legendgroup=name),
        go.Scatter(x=t, y=values(frame["mean_altitude_km"]), mode="lines",
                   line={"color": color, "width": 2}, name=f"{name}: mean altitude",
                   legendgroup=name),
    ]  # fmt: skip


def decay_figures(result: Result) -> list[dict]:
    """Mean altitude with the perigee–apogee band; the 5–95 % end altitude (drag spread)."""
    s, table = result.summary, result.tables["decay"]
    fig = go.Figure(altitude_band_traces(table, "decay", COLORS[0]))
    band = s.get("end_mean_altitude_km_band")
    if band and len(table):
        end = times(table["epoch_utc"])[-1]
        fig.add_trace(
            go.Scatter(
                x=[end, end],
                y=[band[0], band[1]],
                mode="lines+markers",
                line={"color": COLORS[3], "width": 4},
                name="end altitude, 5–95 % (drag spread)",
                meta=band_meta("end_mean_altitude_km_band.0", "end_mean_altitude_km_band.1"),
            )
        )
    if s.get("reentry_utc"):
        fig.add_vline(x=s["reentry_utc"], line_dash="dash", line_color=COLORS[1])
    fig.update_layout(xaxis_title="UTC", yaxis_title="altitude (km)")
    figs = [figure("decay_altitude", "Orbit decay with no reboost", fig)]
    if "f107_sfu" in table and table["f107_sfu"].notna().any():
        sw = go.Figure(
            go.Scatter(x=times(table["epoch_utc"]), y=values(table["f107_sfu"]),
                       line={"shape": "hv", "color": COLORS[3]}, name="F10.7")
        )  # fmt: skip
        sw.update_layout(xaxis_title="UTC", yaxis_title="F10.7 (sfu)")
        figs.append(figure("decay_f107", "Solar activity used (F10.7)", sw))
    return figs


def lifetime_figures(result: Result) -> list[dict]:
    """Altitude to reentry per solar scenario with the drag band; lifetime days with 5–95 %."""
    s, tables = result.summary, result.tables
    fig = go.Figure()
    for solar in s["scenarios"]:
        color = SOLAR_COLORS.get(solar, COLORS[5])
        lo, hi = tables.get(f"lifetime_{solar}_p05"), tables.get(f"lifetime_{solar}_p95")
        if lo is not None and hi is not None:
            for k, part in enumerate((hi, lo)):
                fig.add_trace(
                    go.Scatter(x=times(part["epoch_utc"]), y=values(part["mean_altitude_km"]),
                               mode="lines", line={"width": 0.5, "color": color}, opacity=0.5,
                               fill="tonexty" if k else None, fillcolor=BAND_FILL,
                               name=f"{solar}: 5–95 % (drag spread)", legendgroup=solar,
                               showlegend=bool(k))
                )  # fmt: skip
        central = tables.get(f"lifetime_{solar}")
        if central is not None:
            fig.add_trace(
                go.Scatter(x=times(central["epoch_utc"]), y=values(central["mean_altitude_km"]),
                           mode="lines", line={"color": color, "width": 2}, name=solar,
                           legendgroup=solar)
            )  # fmt: skip
    fig.update_layout(xaxis_title="UTC", yaxis_title="mean altitude (km)",
                      legend_title_text="solar activity")  # fmt: skip
    days = go.Figure()
    for solar, r in s["scenarios"].items():
        color = SOLAR_COLORS.get(solar, COLORS[5])
        if r.get("lifetime_days") is not None:
            days.add_trace(go.Bar(x=[solar], y=[r["lifetime_days"]], marker_color=color,
                                  name=f"{solar}: lifetime"))  # fmt: skip
        if r.get("lifetime_days_p05") is not None and r.get("lifetime_days_p95") is not None:
            key = f"scenarios.{solar}"
            days.add_trace(
                go.Scatter(x=[solar, solar], y=[r["lifetime_days_p05"], r["lifetime_days_p95"]],
                           mode="lines+markers", line={"color": "#333333", "width": 3},
                           name=f"{solar}: 5–95 %",
                           meta=band_meta(f"{key}.lifetime_days_p05", f"{key}.lifetime_days_p95"))
            )  # fmt: skip
    days.update_layout(yaxis_title="days to reentry", xaxis_title="solar activity")
    return [
        figure("lifetime_altitude", "Orbital lifetime with no reboost", fig),
        figure("lifetime_days", "Days to reentry by solar activity (5–95 %)", days),
    ]


def track_figures(result: Result) -> list[dict]:
    """The ground track on a world map."""
    table = result.tables["track"]
    lon, lat = split_antimeridian(table["lon_deg"].tolist(), table["lat_deg"].tolist())
    fig = go.Figure(go.Scattergeo(lon=lon, lat=lat, mode="lines", line={"color": COLORS[0]},
                                  name=result.summary.get("name") or "track"))  # fmt: skip
    fig.update_layout(geo=geo_layout())
    return [figure("track_map", "Ground track (SGP4)", fig)]
