"""The page (one ``index.html`` for every path the page routes itself), its static files and
Plotly.js from the installed ``plotly`` wheel: nothing is fetched from outside."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from stationkeeper.web.errors import NotFound

STATIC = Path(__file__).resolve().parent / "static"
PAGES = ("/", "/questions", "/scenario", "/station", "/reentry", "/debris")

router = APIRouter(include_in_schema=False)


def plotly_js() -> Path:
    """``plotly/package_data/plotly.min.js`` of the installed wheel."""
    spec = find_spec("plotly")
    if spec is None or spec.origin is None:
        raise NotFound("plotly is not installed", field=None, allowed=None)
    return Path(spec.origin).parent / "package_data" / "plotly.min.js"


def _index() -> FileResponse:
    page = STATIC / "index.html"
    if not page.is_file():
        raise NotFound("the page is not installed (web/static/index.html)")
    return FileResponse(page, media_type="text/html")


for _path in PAGES:
    router.add_api_route(_path, _index, methods=["GET"])


@router.get("/vendor/plotly.min.js")
def vendor_plotly() -> FileResponse:
    """Plotly.js, served from the wheel."""
    path = plotly_js()
    if not path.is_file():
        raise NotFound("plotly.min.js is missing from the installed plotly")
    return FileResponse(path, media_type="application/javascript")


def static_files() -> StaticFiles:
    """``/static``: whatever web/static holds."""
    return StaticFiles(directory=STATIC, check_dir=False)
