"""The web studio's ASGI app: ``create_app()`` (run by ``stationkeeper serve``).

The same API as the CLI (``stationkeeper.api``), so the page and the CLI give the same
numbers. The API and the domain packages are imported after the server listens
(:mod:`.lazy`: a background thread, and each job process), so it starts in about a second.
Quick answers (the station, a scenario's validation) are answered at once; long
work runs as jobs in their own processes (:mod:`.jobs`). Every refusal is a 4xx
``{"error", "field", "allowed"}`` (:mod:`.errors`); limits: :mod:`.limits`. Offline: the page,
Plotly.js and the world map are served from the package, nothing from outside.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from stationkeeper.parallel import check_scheduler
from stationkeeper.web import (
    lazy,
    routes_jobs,
    routes_pages,
    routes_presets,
    routes_reentry,
    routes_scenario,
    routes_screen,
    routes_station,
)
from stationkeeper.web.errors import install_error_handlers
from stationkeeper.web.jobs import JobManager
from stationkeeper.web.limits import Limits


def version() -> str:
    """The installed package's version."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("stationkeeper")
    except PackageNotFoundError:  # pragma: no cover - a source tree without install
        return "0+unknown"


def create_app(
    limits: Limits | None = None,
    *,
    scheduler: str | None = None,
    spare: bool = True,
    warm: bool = True,
) -> FastAPI:
    """The app.

    Parameters
    ----------
    limits : Limits, optional
        The server's limits (default :class:`Limits`()).
    scheduler : str, optional
        Where jobs spread their chunks (the CLI's ``--scheduler``: local processes by
        default, or a Dask scheduler's address).
    spare : bool
        Keep one job process started ahead (a job starts without waiting for imports).
    warm : bool
        Import the API and the domain packages in a background thread once started (the
        first request that needs them does not wait for the imports).
    """
    limits = limits or Limits()
    jobs = JobManager(limits, check_scheduler(scheduler), spare=spare)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        jobs.start()
        if warm:
            lazy.warm_in_background()
        try:
            yield
        finally:
            jobs.close()

    app = FastAPI(
        title="stationkeeper studio",
        version=version(),
        description="The ISS digital twin's what-if questions, on this machine.",
        lifespan=lifespan,
    )
    app.state.limits = limits
    app.state.jobs = jobs
    install_error_handlers(app)

    @app.get("/api/health", tags=["health"])
    def health() -> dict:
        """``{"ok": true, "version"}``."""
        return {"ok": True, "version": app.version}

    for module in (
        routes_presets,
        routes_station,
        routes_scenario,
        routes_reentry,
        routes_screen,
        routes_jobs,
        routes_pages,
    ):
        app.include_router(module.router)
    app.mount("/static", routes_pages.static_files(), name="static")
    return app
