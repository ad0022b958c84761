"""Studio figures of a debris screen: the close approaches in time (miss distance) and their
collision probability against the manoeuvre threshold, and the conjunction table."""

from __future__ import annotations

import plotly.graph_objects as go

from stationkeeper.report.result import Result
from stationkeeper.web.figures_common import COLORS, figure, table, times, values

CONJUNCTION_COLUMNS = ("tca_utc", "norad_id", "name", "miss_km", "radial_km", "in_track_km",
                       "cross_track_km", "relative_speed_km_s", "in_box", "pc_screening",
                       "pc_max", "pc_decision", "decision", "burn_dv_m_s",
                       "object_age_days")  # fmt: skip
PC_FLOOR = 1e-12  # a Pc of 0 drawn at the bottom of the log axis


def screen_figures(result: Result) -> list[dict]:
    """Miss distance against time of closest approach; Pc against miss distance."""
    s, conj = result.summary, result.tables["conjunctions"]
    hover = [f"{n} ({i})" for n, i in zip(conj["name"], conj["norad_id"], strict=True)]
    miss = go.Figure(
        go.Scatter(x=times(conj["tca_utc"]), y=values(conj["miss_km"]), mode="markers",
                   marker={"size": 9, "color": values(conj["relative_speed_km_s"]),
                           "colorscale": "Viridis", "showscale": True,
                           "colorbar": {"title": {"text": "km/s"}}},
                   text=hover, name="close approaches",
                   hovertemplate="%{text}<br>%{x}<br>miss %{y:.2f} km")
    )  # fmt: skip
    miss.add_hline(y=s["report_km"], line_dash="dot", annotation_text=f"{s['report_km']:g} km")
    miss.update_layout(xaxis_title="time of closest approach (UTC)", yaxis_title="miss (km)")
    pc = go.Figure()
    for k, col in enumerate(("pc_screening", "pc_max", "pc_decision")):
        if col not in conj:
            continue
        y = [max(float(v), PC_FLOOR) if v == v and v is not None else None for v in conj[col]]
        pc.add_trace(go.Scatter(x=values(conj["miss_km"]), y=y, mode="markers", name=col,
                                text=hover, marker={"color": COLORS[k], "size": 8}))  # fmt: skip
    pc.add_hline(y=s["pc_threshold"], line_dash="dash", line_color=COLORS[1],
                 annotation_text=f"manoeuvre at Pc ≥ {s['pc_threshold']:g}")  # fmt: skip
    pc.update_layout(xaxis_title="miss (km)", yaxis_title="probability of collision",
                     yaxis_type="log")  # fmt: skip
    n = s["counts"]["events"]
    return [
        figure("screen_miss", f"{n} close approaches within {s['report_km']:g} km", miss),
        figure("screen_pc", "Collision probability against miss distance", pc),
    ]


def screen_tables(result: Result) -> dict:
    """The conjunction table, most dangerous first (as the answer orders it)."""
    return {"conjunctions": table(result.tables["conjunctions"], CONJUNCTION_COLUMNS)}
