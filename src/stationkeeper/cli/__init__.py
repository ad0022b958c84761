"""The ``stationkeeper`` command: parse, call the API, print. Nothing else lives here.

One file per command; shared options in ``options``, the flag names of the library's
parameters in ``errors``. Exit codes: 0 success, 2 bad input (one line on stderr, no
traceback), 1 internal error.
"""

from stationkeeper.cli import (  # noqa: F401 - each module registers its command
    decay,
    deorbit,
    lifetime,
    reentry,
    scenario,
    screen,
    serve,
    station,
    track,
)
from stationkeeper.cli.app import app, main, run

__all__ = ["app", "main", "run"]
