"""The page payload of any API answer: its sentence, summary (exactly the CLI's ``--json``),
Plotly figures, small tables, assumptions, sources and problem."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from stationkeeper.report.result import Result
from stationkeeper.web.figures_common import plain, table
from stationkeeper.web.figures_orbit import decay_figures, lifetime_figures, track_figures
from stationkeeper.web.figures_reentry import deorbit_figures, reentry_figures
from stationkeeper.web.figures_scenario import scenario_figures, scenario_tables
from stationkeeper.web.figures_screen import screen_figures, screen_tables
from stationkeeper.web.figures_station import station_figures, station_tables

FIGURES: dict[str, Callable[[Result], list[dict]]] = {
    "decay": decay_figures,
    "lifetime": lifetime_figures,
    "track": track_figures,
    "station": station_figures,
    "screen": screen_figures,
    "scenario": scenario_figures,
    "deorbit": deorbit_figures,
    "reentry": reentry_figures,
}


def deorbit_tables(result: Result) -> dict:
    """The burn schedule."""
    return {"burns": table(result.tables["burns"])}


def reentry_tables(result: Result) -> dict:
    """Probability by country (impact point; footprint touches) and latitude band."""
    s = result.summary
    touch = (s.get("footprint_touch") or {}).get("countries") or {}
    impact = (s.get("breakup") or {}).get("countries") or {}
    names = list(dict.fromkeys(list(touch) + list(impact)))
    rows = [[n, impact.get(n, 0.0), touch.get(n)] for n in names]
    bands = (s.get("breakup") or {}).get("latitude_bands") or {}
    return {
        "countries": {
            "columns": ["country", "impact_probability", "footprint_touch_probability"],
            "rows": plain(rows[:500]),
        },
        "latitude_bands": {
            "columns": ["band_deg", "probability"],
            "rows": plain(list(bands.items())),
        },
    }


TABLES: dict[str, Callable[[Result], dict]] = {
    "station": station_tables,
    "screen": screen_tables,
    "scenario": scenario_tables,
    "deorbit": deorbit_tables,
    "reentry": reentry_tables,
}


def view(result: Result, *, assumptions: Sequence[str] = (), sources: Sequence[str] = ()) -> dict:
    """The page payload of ``result`` (any kind the API answers).

    Parameters
    ----------
    result : Result
        An answer of :mod:`stationkeeper.api`.
    assumptions, sources : sequence of str
        Shown beside the answer (a preset's assumptions; where the numbers come from).

    Returns
    -------
    dict
        ``kind``, ``sentence``, ``summary`` (``result.to_dict()`` as the CLI's ``--json`` prints it,
        parsed; NaN as null), ``figures`` (``[{"id", "title", "figure": {"data", "layout"}}]``),
        ``tables`` (``{name: {"columns", "rows"}}``, ≤ 500 rows), ``assumptions``,
        ``sources``, ``problem`` (why the request cannot be met, or None). JSON-serialisable.
    """
    figures = FIGURES.get(result.kind, lambda r: [])(result)
    tables = TABLES.get(result.kind, lambda r: {})(result)
    return {
        "kind": result.kind,
        "sentence": result.sentence,
        "summary": plain(json.loads(result.to_json())),  # the CLI's --json (NaN as null)
        "figures": figures,
        "tables": tables,
        "assumptions": [str(a) for a in assumptions],
        "sources": [str(s) for s in sources],
        "problem": None if result.problem is None else str(result.problem),
    }
