"""What a job does, in its own process (started by :mod:`.jobs`).

Each job runs in a separate process (``multiprocessing`` spawn context): the server's event
loop never waits on a Monte Carlo, and a cancel ends the process and the workers it started
(its own process group; on Linux the workers also die with it). Inside, the API functions
spread their chunks as the CLI does (``scheduler``: local processes or a Dask cluster).

The process reports on ``outbox`` as ``(event, data)`` pairs: ``running``, ``progress``
(``{"done", "total", "message"}``), ``partial`` (a page view), then one of ``done``
(``{"view", "files"}``) or ``error`` (``{"error", "field", "allowed"}``). Results are written
with ``Result.write`` into ``<job folder>/files``; nothing else is written.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from stationkeeper import api
from stationkeeper.environment.spaceweather import load_space_weather
from stationkeeper.errors import StationkeeperError
from stationkeeper.random_seed import resolve_seed
from stationkeeper.reentry.risk import population_density_grid
from stationkeeper.report.output import write_run
from stationkeeper.report.result import Result
from stationkeeper.web import presets
from stationkeeper.web.errors import error_body
from stationkeeper.web.jsonsafe import json_safe
from stationkeeper.web.view import view as page_view

Emit = Callable[[str, dict], None]


def to_view(result: Result, assumptions: tuple[str, ...] = ()) -> dict:
    """The page payload of ``result`` (``web.view.view``), JSON-safe."""
    return json_safe(page_view(result, assumptions=assumptions))


def shown_paths(view, folder: Path, path: str | None = None, file_name: str | None = None):
    """``view`` with the job's temporary paths as the user knows them: ``path`` (the file the
    job was given) as ``file_name``, any other file in ``folder`` by its name alone."""
    prefix = str(folder) + os.sep
    if isinstance(view, dict):
        return {k: shown_paths(v, folder, path, file_name) for k, v in view.items()}
    if isinstance(view, list):
        return [shown_paths(v, folder, path, file_name) for v in view]
    if isinstance(view, str):
        if path and file_name:
            view = view.replace(path, file_name)
        return view.replace(prefix, "")
    return view


def stage(emit: Emit, message: str) -> None:
    """Say what the job is doing now, before the API reports any fraction of it."""
    emit("progress", {"done": 0, "total": 0, "message": message})


def progress_to(emit: Emit, total: int, doing: str, unit: str = "", first: str | None = None):
    """A :data:`~stationkeeper.parallel.Progress` callback (the API's fraction done, 0 to 1)
    sending at most ~100 updates ``"<doing> N/M <unit>"``; ``first`` is said at once (0 of
    ``total``: the stage before the API's first report, e.g. ``"sampling"``)."""
    last = [-1]

    def message(done: int) -> str:
        return f"{doing} {done:,}/{total:,} {unit}".strip()

    def cb(fraction: float) -> None:
        done = int(round(min(max(float(fraction), 0.0), 1.0) * total))
        if done * 100 // max(total, 1) != last[0] or done == total:
            last[0] = done * 100 // max(total, 1)
            emit("progress", {"done": done, "total": total, "message": message(done)})

    emit("progress", {"done": 0, "total": total, "message": first or message(0)})
    last[0] = 0
    return cb


def station_task(params: dict, folder: Path, emit: Emit, scheduler: str | None) -> Result:
    """The station (not a job in practice: answered at once; here for completeness)."""
    return api.show_station()


def scenario_task(params: dict, folder: Path, emit: Emit, scheduler: str | None) -> Result:
    """Run the scenario file ``params["path"]`` with ``params["seed"]``."""
    days = max(int(round(float(params.get("days") or 100))), 1)
    cb = progress_to(emit, days, "simulating day", first="loading the station and its orbit")
    return api.run_scenario(params["path"], seed=params.get("seed"), progress=cb)


def reentry_task(params: dict, folder: Path, emit: Emit, scheduler: str | None) -> Result:
    """The uncontrolled reentry of the shipped ISS state, ``samples`` with ``seed`` (the
    CLI's ``reentry predict --samples N --seed S``); the Monte Carlo's own answer of its first
    samples comes first, as ``partial`` (``summary.partial``: n_done, n_total, note)."""
    samples = int(params["samples"])
    seed = resolve_seed(params.get("seed"))

    def partial(first: Result) -> None:
        emit("partial", to_view(first, (first.summary["partial"]["note"],)))

    cb = progress_to(emit, samples, "propagating", "samples", first=f"sampling {samples:,} states")
    return api.reentry_predict(
        samples=samples, seed=seed, scheduler=scheduler, progress=cb, on_partial=partial
    )


def screen_task(params: dict, folder: Path, emit: Emit, scheduler: str | None) -> Result:
    """Screen the uploaded catalogue ``params["path"]`` for ``days`` from its station epoch."""
    cb = progress_to(
        emit, 100, f"screening {params['days']:g} days:", "%", first="loading the catalogue"
    )
    return api.screen(
        params["path"],
        days=params["days"],
        seed=params.get("seed"),
        scheduler=scheduler,
        progress=cb,
    )


def preset_task(params: dict, folder: Path, emit: Emit, scheduler: str | None) -> Result:
    """One of the guided questions (``web.presets.run_preset``); a scenario preset writes its
    file in the job's folder."""
    cb = progress_to(emit, 100, params["preset"] + ":", "%", first=f"loading {params['preset']}")
    upload = params.get("upload")
    return presets.run_preset(
        params["preset"],
        params["values"],
        progress=cb,
        upload=None if upload is None else Path(upload),
        scheduler=scheduler,
        workdir=folder,
    )


TASKS = {
    "station": station_task,
    "scenario": scenario_task,
    "reentry": reentry_task,
    "screen": screen_task,
    "preset": preset_task,
}


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: die with the server
        except (OSError, AttributeError):  # pragma: no cover - no prctl
            pass


def page_files(result: Result) -> dict:
    """The result's files a job writes for download: all but the PNG plots, which the page
    draws itself (Plotly; its camera button saves a PNG). Matplotlib's three figures of a
    scenario are ~0.9 s of a preset's answer."""
    return {name: f for name, f in result.files.items() if not name.endswith(".png")}


def warm_caches() -> None:
    """Read what a job reads first, while the spare process waits for its task: the
    land-fraction and population grids of the reentry footprint (about 1 s) and the shipped
    space weather. Cached per process, so the job finds them ready."""
    population_density_grid()
    load_space_weather(None)


def child_main(inbox, outbox) -> None:
    """The job process: wait for one task, run it, report, exit."""
    _die_with_parent()
    threading.Thread(target=warm_caches, name="warm-caches", daemon=True).start()
    try:
        os.setpgrp()  # a cancel signals the whole group: this process and its workers
    except OSError:  # pragma: no cover
        pass
    msg = inbox.get()
    if msg is None:
        return
    kind, params, folder, scheduler = msg
    folder = Path(folder)

    def emit(event: str, data: dict) -> None:
        outbox.put((event, data))

    emit("running", {})
    stage(emit, "loading")
    try:
        result = TASKS[kind](params, folder, emit, scheduler)
        view = to_view(result, tuple(params.get("assumptions", ())))
        view = shown_paths(view, folder, params.get("path"), params.get("file_name"))
        written = write_run(folder / "files", page_files(result))
        emit("done", {"view": view, "files": [p.name for p in written]})
    except StationkeeperError as exc:
        emit("error", error_body(exc, file_name=params.get("file_name")))
    except Exception as exc:  # noqa: BLE001 - a bug: one line to the page, the trace logged
        emit(
            "error",
            {
                "error": f"internal error: {type(exc).__name__}: {exc}",
                "field": None,
                "allowed": None,
                "trace": traceback.format_exc(),
            },
        )
    outbox.close()
    outbox.join_thread()
