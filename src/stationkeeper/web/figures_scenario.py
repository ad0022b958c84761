"""Studio figures of a scenario run: the altitude band with reboosts and burns, propellant by
owner (in the tanks, and spent so far), the vehicle/crew Gantt chart and the event log."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from stationkeeper.report.result import Result
from stationkeeper.report.scenario_plots import gantt_intervals
from stationkeeper.web.figures_common import COLORS, figure, table, times, values
from stationkeeper.web.figures_orbit import altitude_band_traces

CREW_VEHICLES = ("Soyuz MS", "Crew Dragon", "Starliner")
MARKED = {"reboost": ("triangle-up", COLORS[2]), "burn": ("triangle-down", COLORS[3])}
EVENT_COLUMNS = ("epoch_utc", "body", "type", "name", "detail", "dv_m_s", "propellant_kg",
                 "mean_altitude_km", "crew")  # fmt: skip


def altitude_figure(result: Result) -> dict:
    """Every body's perigee–apogee band and mean altitude; reboosts and burns marked; the
    reboost floor and target; separations, exits and reentries as dashed lines."""
    ts, ev = result.tables["timeseries"], result.tables["events"]
    fig = go.Figure()
    for k, (name, g) in enumerate(ts.groupby("body", sort=False)):
        for trace in altitude_band_traces(g, str(name), COLORS[k % len(COLORS)]):
            fig.add_trace(trace)
    for typ, (symbol, color) in MARKED.items():
        e = ev[ev["type"] == typ]
        if len(e):
            fig.add_trace(
                go.Scatter(x=times(e["epoch_utc"]), y=values(e["mean_altitude_km"]),
                           mode="markers", marker={"symbol": symbol, "size": 8, "color": color},
                           name=f"{typ} ({len(e)})", text=values(e["detail"]),
                           customdata=values(e["dv_m_s"]),
                           hovertemplate="%{x}: %{customdata:.2f} m/s<br>%{text}")
            )  # fmt: skip
    for e in ev[ev["type"].isin(["reentry", "separation", "partner_exit"])].itertuples():
        fig.add_vline(x=pd.Timestamp(e.epoch_utc).isoformat(), line_dash="dash",
                      line_color="#888888", annotation_text=str(e.type))  # fmt: skip
    sc = result.objects.get("scenario")
    pol = getattr(sc, "policy", None)
    if pol is not None and pol.enabled:
        for h in (pol.floor_km, pol.target_km):
            fig.add_hline(y=h, line_dash="dot", line_color="#aaaaaa")
    fig.update_layout(xaxis_title="UTC", yaxis_title="altitude (km)")
    return figure("scenario_altitude", f"{result.summary['scenario']}: altitude", fig)


def propellant_figure(result: Result) -> dict:
    """Propellant in each owner's tanks (summed over bodies) and spent so far by owner, kg."""
    ts = result.tables["timeseries"]
    held = [c for c in ts.columns if c.startswith("propellant_") and c != "propellant_kg"]
    spent = [c for c in ts.columns if c.startswith("spent_") and c.endswith("_kg")]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        subplot_titles=("in the tanks (kg)", "spent so far (kg)"))  # fmt: skip
    g = ts.groupby("epoch_utc")[held + ["propellant_kg"]].sum()
    t = times(g.index)
    for k, c in enumerate(held):
        line = {"color": COLORS[k % len(COLORS)]}
        name = c[len("propellant_") : -3]
        fig.add_trace(go.Scatter(x=t, y=values(g[c]), name=name, line=line), row=1, col=1)
    fig.add_trace(go.Scatter(x=t, y=values(g["propellant_kg"]), name="total",
                             line={"color": "#444444", "dash": "dash"}), row=1, col=1)  # fmt: skip
    if spent:
        h = ts.groupby("epoch_utc")[spent].max()  # run-wide columns: the same on each body
        for k, c in enumerate(spent):
            fig.add_trace(go.Scatter(x=times(h.index), y=values(h[c]),
                                     name=f"spent: {c[len('spent_') : -3]}",
                                     line={"color": COLORS[(k + 3) % len(COLORS)]}),
                          row=2, col=1)  # fmt: skip
    fig.update_layout(height=560)
    return figure("scenario_propellant", "Propellant by owner", fig)


def gantt_figure(result: Result) -> dict:
    """Docked vehicles as bars on a time axis (crew vehicles in red) and the crew aboard."""
    ts, ev = result.tables["timeseries"], result.tables["events"]
    start, end = ts["epoch_utc"].min(), ts["epoch_utc"].max()
    bars = gantt_intervals(ev, start, end)
    sc = result.objects.get("scenario")
    named = {b[0] for b in bars}
    for v in getattr(getattr(sc, "station", None), "vehicles", ()):
        if v.name not in named:
            bars.append((v.name, pd.Timestamp(start), pd.Timestamp(end), v.type))
    bars.sort(key=lambda b: b[1])
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.75, 0.25],
                        vertical_spacing=0.05)  # fmt: skip
    for crew in (True, False):
        part = [b for b in bars if (b[3] in CREW_VEHICLES) == crew]
        if not part:
            continue
        fig.add_trace(
            go.Bar(y=[b[0] for b in part], base=[b[1].isoformat() for b in part],
                   x=[(b[2] - b[1]).total_seconds() * 1e3 for b in part], orientation="h",
                   marker_color=COLORS[1] if crew else COLORS[0],
                   name="crew vehicle" if crew else "cargo vehicle",
                   customdata=[[b[3], b[1].isoformat()[:10], b[2].isoformat()[:10]] for b in part],
                   hovertemplate="%{y} (%{customdata[0]}): %{customdata[1]} → %{customdata[2]}"),
            row=1, col=1,
        )  # fmt: skip
    for name, g in ts.groupby("body", sort=False):
        crew = go.Scatter(x=times(g["epoch_utc"]), y=values(g["crew"]), line={"shape": "hv"},
                          name=f"crew: {name}")  # fmt: skip
        fig.add_trace(crew, row=2, col=1)
    fig.update_xaxes(type="date")
    fig.update_yaxes(autorange="reversed", row=1, col=1)
    fig.update_yaxes(title_text="crew", row=2, col=1)
    fig.update_layout(height=max(360, 120 + 22 * len(bars)), barmode="overlay")
    return figure("scenario_gantt", "Vehicles docked and crew aboard", fig)


def scenario_figures(result: Result) -> list[dict]:
    """Every figure of a scenario run."""
    return [altitude_figure(result), propellant_figure(result), gantt_figure(result)]


def scenario_tables(result: Result) -> dict:
    """The event log (first 500 rows) and one row per body."""
    bodies = [{"body": k, **v} for k, v in result.summary.get("bodies", {}).items()]
    cols = ("body", "final_mean_altitude_km", "reentry_utc", "days_in_orbit", "reboosts",
            "reboosts_per_year", "reboost_dv_m_s", "final_propellant_kg", "final_crew")  # fmt: skip
    from_bodies = {"columns": list(cols), "rows": [[b.get(c) for c in cols] for b in bodies]}
    return {"events": table(result.tables["events"], EVENT_COLUMNS), "bodies": from_bodies}
