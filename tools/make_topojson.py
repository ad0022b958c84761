"""Build the studio's offline world map, ``web/static/topojson/world_110m.json``.

Plotly's geo maps fetch ``${topojsonURL}world_110m.json`` (a CDN by default). The studio
points ``topojsonURL`` at ``/static/topojson/`` and ships this file, built here from the
Natural Earth 1:110m admin-0 polygons the package already ships
(``src/stationkeeper/data/countries_110m.geojson``, public domain; see ``SOURCES.md``).

Plotly reads these objects of the topology (``plots/geo/constants.js``, ``layers``):
``countries`` (``id`` = ISO-3, ``properties.ct`` = [lon, lat] where a location's marker
goes), ``land``, ``coastlines``, ``ocean`` (fill and line layers) and ``lakes``, ``rivers``,
``subunits``. Natural Earth's countries carry no lakes, rivers or sub-national units, so those
three are empty collections: a map that asks for them draws nothing there.

The arcs are unquantised (no ``transform``): each position is [lon, lat] in degrees rounded
to 1e-4° (about 11 m, far below the 1:110m scale). Rings are wound the way d3-geo (Plotly's
renderer) reads spherical polygons: exterior clockwise, holes anticlockwise; the ocean is
the land's rings reversed (on the sphere, the region outside them).

    python tools/make_topojson.py            # writes the file
    python tools/make_topojson.py --check    # exit 1 when the committed file differs
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from shapely.geometry import LineString, MultiPolygon, Polygon, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "src" / "stationkeeper" / "data" / "countries_110m.geojson"
TARGET = REPO / "src" / "stationkeeper" / "web" / "static" / "topojson" / "world_110m.json"
DIGITS = 4
EMPTY_LAYERS = ("lakes", "rivers", "subunits")


class Arcs:
    """The topology's arc list: each ring or line added once, referenced by index."""

    def __init__(self) -> None:
        self.arcs: list[list[list[float]]] = []

    def add(self, coords) -> int:
        points = [[round(float(x), DIGITS), round(float(y), DIGITS)] for x, y in coords]
        self.arcs.append(points)
        return len(self.arcs) - 1


def polygons(geometry) -> list[Polygon]:
    """The polygons of a Polygon or MultiPolygon, each wound for d3 (exterior clockwise)."""
    parts = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
    return [orient(p, sign=-1.0) for p in parts if not p.is_empty]


def polygon_arcs(polygon: Polygon, arcs: Arcs) -> list[list[int]]:
    rings = [polygon.exterior, *polygon.interiors]
    return [[arcs.add(ring.coords)] for ring in rings]


def on_map_edge(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """A segment along the antimeridian or the south pole: a cut of the map, not a coast."""
    along_180 = abs(a[0]) >= 180.0 - 1e-9 and abs(b[0]) >= 180.0 - 1e-9 and a[0] == b[0]
    at_pole = a[1] <= -90.0 + 1e-6 and b[1] <= -90.0 + 1e-6
    return along_180 or at_pole


def coast_lines(land) -> list[list[tuple[float, float]]]:
    """The land's outline as lines, without the map's cuts (antimeridian, south pole)."""
    lines: list[list[tuple[float, float]]] = []
    for poly in polygons(land):
        for ring in [poly.exterior, *poly.interiors]:
            current: list[tuple[float, float]] = []
            coords = list(ring.coords)
            for a, b in zip(coords[:-1], coords[1:], strict=True):
                if on_map_edge(a, b):
                    if len(current) > 1:
                        lines.append(current)
                    current = []
                    continue
                if not current:
                    current = [a]
                current.append(b)
            if len(current) > 1:
                lines.append(current)
    return lines


def centroid(geometry) -> list[float]:
    """Where Plotly puts a location's marker: a point inside the largest polygon."""
    largest = max(polygons(geometry), key=lambda p: p.area)
    point = largest.representative_point()
    return [round(point.x, 2), round(point.y, 2)]


def build_topology(collection: dict) -> dict:
    """The TopoJSON topology of a GeoJSON FeatureCollection of country polygons.

    Parameters
    ----------
    collection
        Natural Earth admin-0 features with ``properties.name`` and ``properties.iso_a3``
        (``"-99"`` where none), geometry in lon/lat degrees.

    Returns
    -------
    dict
        ``{"type": "Topology", "objects": {...}, "arcs": [...]}`` with the seven layer objects
        Plotly's geo reads.
    """
    arcs = Arcs()
    countries = []
    land_polygons: list[list[list[int]]] = []
    shapes = []
    for feature in collection["features"]:
        geometry = shape(feature["geometry"])
        shapes.append(geometry)
        parts = [polygon_arcs(p, arcs) for p in polygons(geometry)]
        land_polygons.extend(parts)
        props = feature["properties"]
        entry: dict = {"type": "MultiPolygon", "arcs": parts}
        if props.get("iso_a3") and props["iso_a3"] != "-99":
            entry["id"] = props["iso_a3"]
        entry["properties"] = {"name": props["name"], "ct": centroid(geometry)}
        countries.append(entry)
    land = unary_union(shapes)
    coast = [arcs.add(LineString(line).coords) for line in coast_lines(land)]
    ocean_rings = []
    for poly in polygons(land):
        for ring in [poly.exterior, *poly.interiors]:
            ocean_rings.append([arcs.add(list(ring.coords)[::-1])])
    empty = {"type": "GeometryCollection", "geometries": []}
    objects = {
        "countries": {"type": "GeometryCollection", "geometries": countries},
        "land": {
            "type": "GeometryCollection",
            "geometries": [{"type": "MultiPolygon", "arcs": land_polygons}],
        },
        "coastlines": {
            "type": "GeometryCollection",
            "geometries": [{"type": "MultiLineString", "arcs": [[i] for i in coast]}],
        },
        "ocean": {
            "type": "GeometryCollection",
            "geometries": [{"type": "Polygon", "arcs": ocean_rings}],
        },
    }
    for name in EMPTY_LAYERS:
        objects[name] = dict(empty)
    return {
        "type": "Topology",
        "bbox": [-180.0, -90.0, 180.0, 90.0],
        "objects": objects,
        "arcs": arcs.arcs,
    }


def render(source: Path = SOURCE) -> str:
    """The file's text: the topology of ``source`` as compact JSON with a final newline."""
    collection = json.loads(source.read_text(encoding="utf-8"))
    return json.dumps(build_topology(collection), separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET}: {'up to date' if same else 'differs; run tools/make_topojson.py'}")
        return 0 if same else 1
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET} ({len(text):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
