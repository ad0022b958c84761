"""The heavy modules of the server, loaded on first use (PEP 562), so that the studio
listens before they are imported.

``stationkeeper serve`` must answer within a few seconds; the API and the domain packages take
longer than that to import on a busy machine. The routes therefore reach them through this
module (``lazy.api.show_station(...)``, ``lazy.scenario.load_scenario(...)``): the first
attribute access imports the module (at the top of its own file, as everywhere), later ones
are a dictionary look-up. :func:`warm` imports them all in a background thread once the
server has started, and each job process imports :mod:`.work` (and so the API) when it
starts, before it waits for its task (:func:`child_main`).
"""

from __future__ import annotations

import importlib
import logging
import threading

#: The attribute name and the module it loads.
MODULES = {
    "api": "stationkeeper.api",
    "scenario": "stationkeeper.scenario",
    "presets": "stationkeeper.web.presets",
    "work": "stationkeeper.web.work",
}

log = logging.getLogger("stationkeeper.web")


def __getattr__(name: str):
    if name in MODULES:
        module = importlib.import_module(MODULES[name])
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(MODULES))


def warm() -> None:
    """Import every module of :data:`MODULES` (a bug in one is logged, not raised: the
    request that needs it reports it)."""
    for name in MODULES:
        try:
            __getattr__(name)
        except Exception:  # noqa: BLE001 - logged; the request that needs it fails with it
            log.exception("importing %s failed", MODULES[name])


def warm_in_background() -> threading.Thread:
    """:func:`warm` in a daemon thread; returns the thread."""
    thread = threading.Thread(target=warm, name="stationkeeper-warm", daemon=True)
    thread.start()
    return thread


def child_main(inbox, outbox) -> None:
    """A job process's entry: import :mod:`.work` (the API with it), then run
    ``work.child_main`` (which waits for the task)."""
    __getattr__("work").child_main(inbox, outbox)
