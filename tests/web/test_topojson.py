"""The studio's offline world map: the committed file is the tool's output (it cannot drift
from the shipped Natural Earth polygons), it is a topology Plotly reads, and Plotly draws a
geo map from it in Chromium with no request leaving the page."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import plotly

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "tools" / "make_topojson.py"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _tool():
    spec = importlib.util.spec_from_file_location("make_topojson", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_topojson_is_the_tools_output():
    tool = _tool()
    assert tool.TARGET.exists(), f"{tool.TARGET} missing: run python tools/make_topojson.py"
    assert tool.TARGET.read_text(encoding="utf-8") == tool.render(), (
        "web/static/topojson/world_110m.json differs from tools/make_topojson.py's output"
    )


def _decode(topology, arc_index):
    arc = topology["arcs"][~arc_index if arc_index < 0 else arc_index]
    return arc[::-1] if arc_index < 0 else arc


def test_countries_carry_the_natural_earth_codes_and_closed_rings():
    """Every Natural Earth country with an ISO-3 code is a feature with that id (Plotly's
    ISO-3 lookup), and every polygon ring is closed (first point = last point)."""
    tool = _tool()
    topology = json.loads(tool.TARGET.read_text(encoding="utf-8"))
    source = json.loads(tool.SOURCE.read_text(encoding="utf-8"))
    codes = {f["properties"]["iso_a3"] for f in source["features"]} - {"-99"}
    geometries = topology["objects"]["countries"]["geometries"]
    assert {g.get("id") for g in geometries} - {None} == codes
    for name in ("land", "coastlines", "ocean", "lakes", "rivers", "subunits"):
        assert topology["objects"][name]["type"] == "GeometryCollection", name
    for g in geometries:
        lon, lat = g["properties"]["ct"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        for polygon in g["arcs"]:
            for ring in polygon:
                points = [p for i in ring for p in _decode(topology, i)]
                assert points[0] == points[-1], g.get("id")


PAGE = """<!doctype html><html><head><script src="/plotly.min.js"></script></head><body>
<div id="map" style="width:800px;height:450px"></div><script>
Plotly.newPlot("map", [{type: "choropleth", locationmode: "ISO-3",
  locations: ["RUS", "USA", "BRA", "AUS"], z: [1, 2, 3, 4]},
  {type: "scattergeo", locationmode: "ISO-3", locations: ["FRA"], mode: "markers"}],
  {geo: {showland: true, showocean: true, oceancolor: "#cde", showcoastlines: true,
   showcountries: true, showlakes: true, showrivers: true, showsubunits: true}},
  {topojsonURL: "/topojson/"}).then(() => { window.done = true; },
  (e) => { window.failed = String(e); });
</script></body></html>"""


def test_plotly_draws_a_geo_map_from_it_offline(browser, tmp_path):
    tool = _tool()
    requests: list[str] = []
    files = {
        "http://studio.test/": ("text/html", PAGE.encode()),
        "http://studio.test/plotly.min.js": ("text/javascript", PLOTLY_JS.read_bytes()),
        "http://studio.test/topojson/world_110m.json": (
            "application/json",
            tool.TARGET.read_bytes(),
        ),
    }

    def handle(route):
        url = route.request.url
        requests.append(url)
        if url in files:
            kind, body = files[url]
            route.fulfill(status=200, content_type=kind, body=body)
        else:
            route.abort()

    page = browser.new_page()
    page.route("**/*", handle)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("http://studio.test/")
    page.wait_for_function("window.done || window.failed", timeout=30_000)
    assert page.evaluate("window.failed || null") is None
    assert not errors, errors
    assert set(requests) <= set(files), f"unexpected requests: {set(requests) - set(files)}"
    assert "http://studio.test/topojson/world_110m.json" in requests
    # one path per choropleth location, and the base layers drawn as non-empty paths
    assert page.locator("path.choroplethlocation").count() == 4
    for layer in ("land", "ocean", "coastlines", "countries"):
        d = page.locator(f"g.layer.{layer} path").first.get_attribute("d") or ""
        assert len(d) > 1000, f"{layer} layer drawn empty"
    # Russia's choropleth path spans the map's width far more than Australia's does
    widths = page.evaluate(
        "[...document.querySelectorAll('path.choroplethlocation')].map(p => p.getBBox().width)"
    )
    assert widths[0] > 2 * widths[3]
    page.screenshot(path=str(tmp_path / "topojson.png"))
    page.close()
