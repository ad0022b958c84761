"""Studio figures of the end of life: the uncontrolled reentry (window histogram and CDF with
its 5–95 % band, the chance the debris footprint touches each country, footprint swaths,
latitude bands, expected casualties) and the controlled deorbit (burn schedule, final orbit
and impact footprint on a map, casualties by final-burn failure probability).

The choropleth draws the shipped Natural Earth 1:110m polygons of the countries it colours
(``geojson`` + ``featureidkey = "properties.name"``, the names the answer uses); the base map
is the page's own world topojson.
"""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from stationkeeper.data import data_path
from stationkeeper.earth.countries import COUNTRIES_FILE
from stationkeeper.report.result import Result
from stationkeeper.web.figures_common import COLORS, figure, geo_layout, split_antimeridian
from stationkeeper.web.figures_orbit import band_meta

MAX_SWATHS = 40
MAX_POINTS = 5000


@lru_cache(maxsize=1)
def country_features() -> dict[str, dict]:
    """Natural Earth admin-0 features (the shipped GeoJSON) by ``properties.name``."""
    with open(data_path(COUNTRIES_FILE), encoding="utf-8") as f:
        doc = json.load(f)
    return {ft["properties"]["name"]: ft for ft in doc["features"]}


def countries_geojson(names) -> dict:
    """A FeatureCollection of the named countries only (small enough for a page)."""
    features = country_features()
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": n}, "geometry": features[n]["geometry"]}
            for n in names
            if n in features
        ],
    }


def reentry_times(result: Result) -> pd.Series:
    """Each sample's reentry (UTC): the element set's epoch + ``reentry_s``."""
    epoch = pd.Timestamp(result.summary["tle_epoch_utc"])
    s = result.tables["samples"]["reentry_s"].to_numpy(dtype=float)
    return pd.Series(epoch + pd.to_timedelta(s[np.isfinite(s)], unit="s")).sort_values()


def window_figures(result: Result) -> list[dict]:
    """Histogram and CDF of the reentry time, with the median and the 5–95 % window."""
    r = result.summary["reentry"]
    t = reentry_times(result)
    iso = [x.isoformat() for x in t]
    hist = go.Figure(go.Histogram(x=iso, nbinsx=40, marker_color=COLORS[0], name="samples"))
    hist.update_layout(xaxis_title="reentry (UTC)", yaxis_title="samples", bargap=0.05)
    cdf = go.Figure(
        go.Scatter(x=iso, y=list(np.arange(1, len(iso) + 1) / max(len(iso), 1)), mode="lines",
                   line={"shape": "hv", "color": COLORS[0]}, name="share re-entered")
    )  # fmt: skip
    for fig in (hist, cdf):
        if r.get("p05_utc") and r.get("p95_utc"):
            fig.add_trace(
                go.Scatter(x=[r["p05_utc"], r["p95_utc"]], y=[0, 0], yaxis="y2",
                           mode="lines+markers", line={"color": COLORS[3], "width": 6},
                           name="5–95 % window",
                           meta=band_meta("reentry.p05_utc", "reentry.p95_utc", axis="x"))
            )  # fmt: skip
        if r.get("median_utc"):
            fig.add_vline(x=r["median_utc"], line_dash="dash", line_color=COLORS[1])
        fig.update_layout(yaxis2={"overlaying": "y", "visible": False, "range": [0, 1]})
    cdf.update_layout(xaxis_title="reentry (UTC)", yaxis_title="share of samples",
                      yaxis_tickformat=".0%")  # fmt: skip
    n = result.summary["samples"]
    return [
        figure("reentry_window", f"When: reentry time of {n:,} samples", hist),
        figure("reentry_cdf", "When: share re-entered by date (5–95 % window)", cdf),
    ]


def where_figures(result: Result) -> list[dict]:
    """The choropleth of the footprint's chance to touch each country, with swaths."""
    s = result.summary
    key = "footprint_touch" if s.get("footprint_touch") else "footprint"
    probs = {k: v for k, v in ((s.get(key) or {}).get("countries") or {}).items() if v > 0}
    fig = go.Figure()
    if probs:
        fig.add_trace(
            go.Choropleth(geojson=countries_geojson(probs), featureidkey="properties.name",
                          locations=list(probs), z=list(probs.values()), colorscale="YlOrRd",
                          zmin=0, colorbar={"title": {"text": "probability"}, "tickformat": ".0%"},
                          name="footprint touches" if key == "footprint_touch" else "footprint")
        )  # fmt: skip
    samples = result.tables.get("samples")
    fla = None if samples is None else samples.attrs.get("footprint_lat_deg")
    flo = None if samples is None else samples.attrs.get("footprint_lon_deg")
    if fla is not None and len(fla):
        lon: list = []
        lat: list = []
        for k in range(min(MAX_SWATHS, len(fla))):
            x, y = split_antimeridian(np.ravel(flo[k]).tolist(), np.ravel(fla[k]).tolist())
            lon += x + [None]
            lat += y + [None]
        fig.add_trace(go.Scattergeo(lon=lon, lat=lat, mode="lines", name="footprint swaths",
                                    line={"color": COLORS[3], "width": 1.2}))  # fmt: skip
    if samples is not None and "lat_deg" in samples:
        pts = samples[["lat_deg", "lon_deg"]].dropna().head(MAX_POINTS)
        fig.add_trace(go.Scattergeo(lat=pts["lat_deg"].tolist(), lon=pts["lon_deg"].tolist(),
                                    mode="markers", marker={"size": 3, "color": COLORS[0]},
                                    name="impact points"))  # fmt: skip
    fig.update_layout(geo=geo_layout(), legend={"orientation": "h"})
    title = "Where: chance the debris footprint touches each country"
    return [figure("reentry_countries", title, fig)]


def band_and_risk_figures(result: Result) -> list[dict]:
    """Impact latitude bands; expected casualties per case against the limit."""
    s = result.summary
    figs = []
    bands = (s.get("breakup") or {}).get("latitude_bands") or {}
    if bands:
        fig = go.Figure(go.Bar(y=list(bands), x=list(bands.values()), orientation="h",
                               marker_color=COLORS[3], name="impact point"))  # fmt: skip
        fig.update_layout(xaxis_title="probability", xaxis_tickformat=".0%",
                          yaxis_title="latitude band (°)")  # fmt: skip
        figs.append(figure("reentry_latitude", "Impact latitude bands", fig))
    risk = s.get("risk") or {}
    if risk.get("cases"):
        figs.append(casualty_figure(risk, "expected_casualties", "reentry_casualties"))
    return figs


def casualty_figure(risk: dict, key: str, fig_id: str) -> dict:
    """Bars of ``cases[*][key]`` (log scale) with the casualty limit as a line."""
    cases = {k: v[key] for k, v in risk["cases"].items() if v.get(key) is not None}
    fig = go.Figure(go.Bar(x=list(cases), y=list(cases.values()), marker_color=COLORS[1],
                           name="expected casualties"))  # fmt: skip
    fig.add_hline(y=risk["limit"], line_dash="dash", annotation_text=f"limit {risk['limit']:g}")
    fig.update_layout(yaxis_type="log", yaxis_title="expected casualties", xaxis_title="case")
    return figure(fig_id, "Expected casualties (surviving-mass cases)", fig)


def reentry_figures(result: Result) -> list[dict]:
    """Every figure of an uncontrolled reentry."""
    return window_figures(result) + where_figures(result) + band_and_risk_figures(result)


def deorbit_figures(result: Result) -> list[dict]:
    """Burn schedule; final orbit, footprint and impact on a map; casualties."""
    plan = result.summary
    burns = result.tables["burns"]
    sched = go.Figure()
    for k, (phase, g) in enumerate(burns.groupby("phase", sort=False)):
        sched.add_trace(
            go.Bar(x=(g["start_offset_s"] / 86400.0).tolist(), y=g["dv_m_s"].tolist(),
                   name=phase, marker_color=COLORS[k % len(COLORS)], width=0.08,
                   customdata=g[["propellant_kg", "duration_s"]].to_numpy().tolist(),
                   hovertemplate="day %{x:.2f}: %{y:.2f} m/s, %{customdata[0]:,.0f} kg, "
                   "%{customdata[1]:.0f} s")
        )  # fmt: skip
    sched.update_layout(xaxis_title="days from the first burn", yaxis_title="Δv (m/s)")
    state = "feasible" if plan["feasible"] else "INFEASIBLE"
    title = (
        f"Burns: {plan['count']} x {plan['vehicle']} ({state}), Δv {plan['dv_total_m_s']:.1f} m/s"
    )
    figs = [figure("deorbit_burns", title, sched)]
    e = plan.get("entry")
    if e:
        fig = go.Figure()
        lon, lat = split_antimeridian(e["track_lon_deg"], e["track_lat_deg"])
        fig.add_trace(go.Scattergeo(lon=lon, lat=lat, mode="lines", name="after the final burn",
                                    line={"color": COLORS[0]}))  # fmt: skip
        lon, lat = split_antimeridian(e["footprint_lon_deg"], e["footprint_lat_deg"])
        label = f"debris footprint {e['footprint_length_km']:,.0f} km"
        fig.add_trace(go.Scattergeo(lon=lon, lat=lat, mode="lines", name=label,
                                    line={"color": COLORS[1], "width": 5}))  # fmt: skip
        for name, la, lo, sym in (
            ("final burn", e["final_burn_lat_deg"], e["final_burn_lon_deg"], "circle"),
            ("breakup", e["breakup_lat_deg"], e["breakup_lon_deg"], "triangle-up"),
            ("impact", e["impact_lat_deg"], e["impact_lon_deg"], "square"),
            ("target", e["target_lat_deg"], e["target_lon_deg"], "star"),
        ):
            fig.add_trace(go.Scattergeo(lat=[la], lon=[lo], mode="markers", name=name,
                                        marker={"symbol": sym, "size": 10}))  # fmt: skip
        fig.update_layout(geo=geo_layout(), legend={"orientation": "h"})
        figs.append(figure("deorbit_map", "Final orbit and impact footprint", fig))
    risk = plan.get("risk") or {}
    if risk.get("cases"):
        figs.append(casualty_figure(risk, "expected_casualties", "deorbit_casualties"))
    return figs
