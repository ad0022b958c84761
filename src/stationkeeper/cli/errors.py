"""Errors on the command line: the library names parameters, the CLI its flags.

Our errors become one line on stderr and exit code 2; anything else exit code 1, still one
line, never a traceback.
"""

from __future__ import annotations

import functools

import typer
from rich.markup import escape

from stationkeeper.cli.app import err_console
from stationkeeper.errors import StationkeeperError
from stationkeeper.report.output import check_out_dir

#: The library's errors name the parameter; the CLI speaks of its flags.
FLAG_FOR_PARAMETER = {
    "out": "--out",
    "output_step_days": "--step-days",
    "report_km": "--max-miss-km",
    "start_utc": "--start",
    "until": "--until",
    "tle_history": "--tle-history",
    "station_tle": "--station-tle",
    "norad_id": "--norad-id",
}


def flag_for(field: str | None, file: str | None) -> str | None:
    """The flag a library parameter is given by (``days`` → ``--days``)."""
    if field in FLAG_FOR_PARAMETER:
        return FLAG_FOR_PARAMETER[field]
    if field and file is None and field.isidentifier() and field.islower():
        return "--" + field.replace("_", "-")
    return field


def _with_flags(exc: StationkeeperError) -> StationkeeperError:
    exc.field = flag_for(exc.field, exc.file)
    for name, flag in FLAG_FOR_PARAMETER.items():
        if exc.allowed and "_" in name:
            exc.allowed = exc.allowed.replace(name, flag)
    return exc


def friendly(fn):
    """Turn our errors into one line on stderr and exit code 2; anything else into code 1."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            if kwargs.get("out") is not None:
                check_out_dir(kwargs["out"])  # before any work
            return fn(*args, **kwargs)
        except StationkeeperError as exc:
            err_console.print(
                f"[bold red]error:[/] {escape(str(_with_flags(exc)))}",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            err_console.print("interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - last line of defence, still one line
            err_console.print(
                f"[bold red]internal error:[/] {type(exc).__name__}: {escape(str(exc))} "
                "(please report it with the command line)",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(1) from None

    return wrapper
