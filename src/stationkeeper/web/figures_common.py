"""What every studio figure shares: a Plotly figure as a JSON-safe dict, colours, small tables.

Figures are built with ``plotly.graph_objects`` and handed to the page as plain dicts
(``{"data": [...], "layout": {...}}``): numbers as lists (no base64 typed arrays), NaN and
infinities as ``null``, times as ISO-8601 UTC strings. No template is embedded (the page
styles the plots), and geo maps keep ``resolution: 110``, ``scope: "world"``: the page points
Plotly's ``topojsonURL`` at the world topojson it serves itself, nothing comes from a CDN.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime

import numpy as np
import pandas as pd
import plotly.graph_objects as go

COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf")
BAND_FILL = "rgba(31, 119, 180, 0.18)"
MAX_TABLE_ROWS = 500


def plain(value):
    """``value`` with every number, array and time made JSON-safe (NaN/inf → None)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.isoformat()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, np.generic):
        return plain(value.item())
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, dict | pd.Series):
        return plain(dict(value))
    return str(value)


def figure(fig_id: str, title: str, fig: go.Figure) -> dict:
    """One entry of a view's ``figures``: ``{"id", "title", "figure": {"data", "layout"}}``."""
    fig.update_layout(template=None, title={"text": title}, margin={"l": 60, "r": 20, "t": 50})
    raw = fig.to_plotly_json()
    return {
        "id": fig_id,
        "title": title,
        "figure": {"data": plain(list(raw["data"])), "layout": plain(dict(raw["layout"]))},
    }


def times(series) -> list[str]:
    """UTC times (a column or list) as ISO-8601 strings."""
    return [t.isoformat() for t in pd.to_datetime(pd.Series(list(series)), utc=True)]


def values(series) -> list:
    """A column as a plain list (NaN → None)."""
    return plain(list(pd.Series(series).to_numpy()))


def geo_layout(**extra) -> dict:
    """The layout of a world map served from the page's own topojson (1:110m)."""
    geo = {
        "resolution": 110,
        "scope": "world",
        "projection": {"type": "natural earth"},
        "showland": True,
        "landcolor": "#eeeeee",
        "showcountries": True,
        "countrycolor": "#999999",
        "showocean": True,
        "oceancolor": "#f5f9fc",
    }
    geo.update(extra)
    return geo


def split_antimeridian(lon: Sequence[float], lat: Sequence[float]) -> tuple[list, list]:
    """A lon/lat line with ``None`` breaks where it jumps across ±180° (no lines across maps)."""
    out_lon: list = []
    out_lat: list = []
    prev = None
    for x, y in zip(lon, lat, strict=True):
        if x is None or y is None or not (math.isfinite(x) and math.isfinite(y)):
            continue
        if prev is not None and abs(x - prev) > 180.0:
            out_lon.append(None)
            out_lat.append(None)
        out_lon.append(float(x))
        out_lat.append(float(y))
        prev = x
    return out_lon, out_lat


def table(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> dict:
    """A small table for the page: ``{"columns": [...], "rows": [[...], ...]}`` (≤ 500 rows)."""
    cols = [c for c in (columns or frame.columns) if c in frame.columns]
    part = frame[cols].head(MAX_TABLE_ROWS)
    rows = [plain(list(r)) for r in part.itertuples(index=False, name=None)]
    return {"columns": cols, "rows": rows, "total_rows": int(len(frame))}


def records_table(records: Sequence[dict], columns: Sequence[str]) -> dict:
    """A table from a list of dicts (missing keys → None)."""
    rows = [plain([r.get(c) for c in columns]) for r in list(records)[:MAX_TABLE_ROWS]]
    return {"columns": list(columns), "rows": rows, "total_rows": len(records)}
