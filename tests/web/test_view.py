"""The page payload of every kind of answer: the sentence, the summary exactly as the CLI's
--json prints it, valid JSON-safe Plotly figures, and band traces that draw the summary's own
5-95 % numbers (not a recomputation)."""

from __future__ import annotations

import json
import math
import re

import plotly.graph_objects as go
import pytest
from conftest import shared_file

from stationkeeper import api
from stationkeeper.web.presets import run_preset
from stationkeeper.web.view import view

TRACE_TYPES = {"scatter", "bar", "histogram", "pie", "scattergeo", "choropleth"}


def at(summary: dict, path: str):
    """The value at a dotted path (list indices as numbers)."""
    x = summary
    for part in path.split("."):
        x = x[int(part)] if isinstance(x, list) else x[part]
    return x


def band_traces(v: dict) -> list[dict]:
    return [
        t
        for f in v["figures"]
        for t in f["figure"]["data"]
        if isinstance(t.get("meta"), dict) and "band" in t["meta"]
    ]


def check_payload(res, v: dict) -> None:
    """What every view must hold."""
    text = json.dumps(v, allow_nan=False)  # JSON-safe: no NaN, no numpy, no datetimes
    assert json.loads(text) == v
    assert v["kind"] == res.kind
    assert v["sentence"] == res.sentence and len(v["sentence"]) > 20
    # the summary is the CLI's --json (print_json writes result.to_json()), parsed
    assert v["summary"] == json.loads(res.to_json(), parse_constant=lambda c: None)
    plain_keys = json.loads(json.dumps(res.to_dict(), default=str))
    assert set(v["summary"]) == set(plain_keys)
    assert v["figures"], "every kind has at least one figure"
    for f in v["figures"]:
        assert set(f) == {"id", "title", "figure"} and f["title"]
        fig = f["figure"]
        assert isinstance(fig["data"], list) and fig["data"]
        assert isinstance(fig["layout"], dict)
        go.Figure(fig)  # plotly's own validation: every property a real one
        for trace in fig["data"]:
            assert trace["type"] in TRACE_TYPES
            assert "bdata" not in json.dumps(trace), "numbers as plain lists, not typed arrays"
        geo = fig["layout"].get("geo")
        if geo is not None:  # the page serves the world topojson; nothing from a CDN
            assert geo["resolution"] == 110 and geo["scope"] == "world"
    for t in v["tables"].values():
        assert len(t["rows"]) <= 500
        assert all(len(r) == len(t["columns"]) for r in t["rows"])
    assert "cdn" not in text.lower() and "https://" not in text


def check_bands(v: dict, expected: int) -> None:
    """Each band trace draws exactly the summary's numbers at its paths."""
    bands = band_traces(v)
    assert len(bands) == expected
    for t in bands:
        b = t["meta"]["band"]
        drawn = t[b["axis"]]
        assert drawn == [at(v["summary"], b["lo"]), at(v["summary"], b["hi"])]


@pytest.fixture(scope="module")
def short_scenario():
    """The partner-exit example as its preset runs it (5-day output step)."""
    return run_preset("roscosmos-leaves", {})


def test_decay_view_band_is_the_summary_band():
    res = api.decay(10)
    v = view(res, assumptions=["a"], sources=["s"])
    check_payload(res, v)
    assert v["assumptions"] == ["a"] and v["sources"] == ["s"]
    check_bands(v, 1)
    # the mean-altitude line is the decay table, day by day
    line = next(
        t for t in v["figures"][0]["figure"]["data"] if t.get("name", "").endswith("mean altitude")
    )
    assert line["y"] == res.tables["decay"]["mean_altitude_km"].tolist()


def test_lifetime_view_bands_per_solar_scenario():
    res = api.lifetime(solar=["high"], max_years=4.0, mass_kg=46_000.0)  # 10x lighter: months
    v = view(res)
    check_payload(res, v)
    with_band = [
        k for k, r in res.summary["scenarios"].items() if r.get("lifetime_days_p05") is not None
    ]
    assert with_band, "the fitted drag gives a 5-95 % lifetime band"
    check_bands(
        v,
        len(
            [
                k
                for k in with_band
                if res.summary["scenarios"][k].get("lifetime_days_p95") is not None
            ]
        ),
    )


def test_track_and_station_views():
    for res in (api.track(1.0), api.show_station()):
        v = view(res)
        check_payload(res, v)
        check_bands(v, 0)
    v = view(api.show_station())
    mass = next(f for f in v["figures"] if f["id"] == "station_mass")["figure"]
    stacked = [sum(vals) for vals in zip(*(t["y"] for t in mass["data"]), strict=True)]
    owners = mass["data"][0]["x"]
    # the stack per owner adds up to the station file's own totals by owner
    expect = [v["summary"]["totals_by_owner"][o]["mass_kg"] for o in owners]
    assert stacked == pytest.approx(expect, rel=1e-12)
    assert sum(stacked) == pytest.approx(v["summary"]["total_mass_kg"], rel=1e-12)


def test_scenario_view(short_scenario):
    v = view(short_scenario)
    check_payload(short_scenario, v)
    ids = [f["id"] for f in v["figures"]]
    assert ids == ["scenario_altitude", "scenario_propellant", "scenario_gantt"]
    events = v["tables"]["events"]
    assert events["total_rows"] == len(short_scenario.tables["events"])
    types = {r[events["columns"].index("type")] for r in events["rows"]}
    assert "partner_exit" in types
    gantt = v["figures"][2]["figure"]["data"]
    names = {y for t in gantt if t["type"] == "bar" for y in t["y"]}
    assert "Soyuz MS-21" in names  # arrived 2022-03-18 in the example


@pytest.mark.parametrize(
    ("vehicle", "count"), [("progress", 3), pytest.param("usdv", 1, marks=pytest.mark.slow)]
)
def test_deorbit_views_feasible_and_not(vehicle, count):
    res = api.deorbit_plan(vehicle, count)
    v = view(res)
    check_payload(res, v)
    assert (v["problem"] is None) == res.summary["feasible"]
    burns = v["figures"][0]["figure"]["data"]
    drawn = sorted(x for t in burns for x in t["y"])
    assert drawn == sorted(b["dv_m_s"] for b in res.summary["burns"])


def test_reentry_view_window_band_and_countries():
    res = api.reentry_predict(samples=100, seed=3)
    v = view(res)
    check_payload(res, v)
    check_bands(v, 2)  # histogram and CDF both mark the 5-95 % window
    chor = next(f for f in v["figures"] if f["id"] == "reentry_countries")["figure"]
    c = next(t for t in chor["data"] if t["type"] == "choropleth")
    touch = res.summary["footprint_touch"]["countries"]
    assert dict(zip(c["locations"], c["z"], strict=True)) == {
        k: p for k, p in touch.items() if p > 0
    }
    assert c["featureidkey"] == "properties.name"
    names = {ft["properties"]["name"] for ft in c["geojson"]["features"]}
    assert names == set(c["locations"])


def test_screen_view(tmp_path):
    lines = shared_file("tle", "catalog_2022-01-22.3le").read_text().splitlines()
    recs = [lines[i : i + 3] for i in range(0, len(lines) - 2, 3)]
    keep = [r for r in recs if r[1][2:7] == "25544" or 15.3 <= float(r[2][52:63]) <= 15.7]
    cat = tmp_path / "cat.3le"
    cat.write_text("\n".join("\n".join(r) for r in keep[:400]) + "\n")
    res = api.screen(cat, days=1.0)
    v = view(res)
    check_payload(res, v)
    conj = v["tables"]["conjunctions"]
    assert conj["total_rows"] == res.summary["counts"]["events"] > 0
    miss = v["figures"][0]["figure"]["data"][0]["y"]
    assert miss == [e["miss_km"] for e in res.summary["events"]]
    assert all(m <= res.summary["report_km"] for m in miss)


def test_no_template_or_cdn_in_figures():
    v = view(api.track(0.5))
    layout = v["figures"][0]["figure"]["layout"]
    assert layout.get("template") in ({}, None)
    assert not re.search(r"topojsonURL|cdn\.plot\.ly", json.dumps(v))
    assert not any(
        math.isnan(x) for x in v["figures"][0]["figure"]["data"][0]["lon"] if x is not None
    )
