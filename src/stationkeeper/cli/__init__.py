"""The ``stationkeeper`` command: parse, call the API, print. Nothing else lives here.

One file per command; shared options in ``options``, the flag names of the library's
parameters in ``errors``. Exit codes: 0 success, 2 bad input (one line on stderr, no
traceback), 1 internal error.

Each command module registers its command on the Typer app when imported. ``app`` and
``main`` load them all on first use (PEP 562); the console script (:func:`run`) loads only
``serve`` for ``stationkeeper serve``, so the studio listens before the API and the domain
packages are imported (its job processes import them).
"""

import importlib
import sys

from stationkeeper.cli import app as app_module

globals().pop("app", None)  # ``app`` is the Typer app with its commands (``__getattr__``)

#: The command modules, each registering its command.
COMMANDS = (
    "decay",
    "deorbit",
    "lifetime",
    "reentry",
    "scenario",
    "screen",
    "serve",
    "station",
    "track",
)

__all__ = ["app", "main", "run"]


def load_commands(names: tuple[str, ...] = COMMANDS) -> None:
    """Import the command modules ``names`` (registering their commands)."""
    for name in names:
        importlib.import_module(f"{__name__}.{name}")


def __getattr__(name: str):
    if name in ("app", "main"):
        load_commands()
        return getattr(app_module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run() -> None:
    """Console-script entry point (``stationkeeper ...``)."""
    load_commands(("serve",) if sys.argv[1:2] == ["serve"] else COMMANDS)
    app_module.run()
