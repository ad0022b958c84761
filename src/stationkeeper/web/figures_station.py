"""Studio figures of the station: mass by owner and segment, the drag (ram) area by segment
and by element, and the tables of modules, vehicles, engines and tanks."""

from __future__ import annotations

from collections import defaultdict

import plotly.graph_objects as go

from stationkeeper.report.result import Result
from stationkeeper.web.figures_common import COLORS, figure, records_table

SEGMENT_COLORS = {"russian": COLORS[1], "us": COLORS[0]}


def mass_by_owner_segment(summary: dict) -> dict[str, dict[str, float]]:
    """kg by segment then owner: modules + docked vehicles + propellant in the tanks (the same
    parts as the summary's ``totals_by_owner``)."""
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for key, mass in (("modules", "mass_kg"), ("vehicles", "mass_kg"), ("tanks", "fill_kg")):
        for part in summary.get(key, []):
            out[part["segment"]][part["owner"]] += float(part[mass])
    return {seg: dict(owners) for seg, owners in out.items()}


def station_figures(result: Result) -> list[dict]:
    """Mass by owner (stacked by segment); drag-area share by segment and by element."""
    s = result.summary
    owners = list(s.get("totals_by_owner", {}))
    mass = mass_by_owner_segment(s)
    fig = go.Figure()
    for k, (seg, by_owner) in enumerate(mass.items()):
        fig.add_trace(
            go.Bar(x=owners, y=[by_owner.get(o, 0.0) for o in owners], name=f"{seg} segment",
                   marker_color=SEGMENT_COLORS.get(seg, COLORS[k % len(COLORS)]))
        )  # fmt: skip
    fig.update_layout(barmode="stack", yaxis_title="mass (kg)", xaxis_title="owner")
    figs = [
        figure("station_mass", f"Mass by owner and segment ({s['total_mass_kg']:,.0f} kg)", fig)
    ]
    ram = s.get("ram_area_by_segment_m2") or {}
    if ram:
        share = go.Figure(
            go.Pie(labels=[f"{k} segment" for k in ram], values=list(ram.values()), sort=False,
                   marker={"colors": [SEGMENT_COLORS.get(k, COLORS[4]) for k in ram]},
                   textinfo="label+percent", hovertemplate="%{label}: %{value:,.0f} m²")
        )  # fmt: skip
        figs.append(figure("station_drag_share", "Share of the drag (ram) area by segment", share))
        parts = [p for p in s.get("modules", []) + s.get("vehicles", []) if p.get("ram_area_m2")]
        parts.sort(key=lambda p: p["ram_area_m2"], reverse=True)
        total = sum(p["ram_area_m2"] for p in parts) or 1.0
        bars = go.Figure(
            go.Bar(x=[p["ram_area_m2"] / total for p in parts], y=[p["name"] for p in parts],
                   orientation="h",
                   marker_color=[SEGMENT_COLORS.get(p["segment"], COLORS[4]) for p in parts])
        )  # fmt: skip
        bars.update_layout(xaxis_title="share of the ram area", xaxis_tickformat=".0%",
                           yaxis_autorange="reversed")  # fmt: skip
        bars.update_layout(height=max(300, 18 * len(parts)))
        figs.append(figure("station_drag_elements", "Ram area by element", bars))
    return figs


def station_tables(result: Result) -> dict:
    """Modules, vehicles, engines and tanks as small tables."""
    s = result.summary
    cols = {
        "modules": ("name", "owner", "segment", "mass_kg", "kind", "ram_area_m2"),
        "vehicles": ("name", "type", "owner", "port", "segment", "mass_kg", "crew_aboard"),
        "engines": ("name", "host", "owner", "segment", "role", "count", "total_thrust_n", "isp_s"),
        "tanks": ("name", "host", "owner", "segment", "capacity_kg", "fill_kg"),
    }
    return {k: records_table(s.get(k, []), c) for k, c in cols.items() if s.get(k)}
