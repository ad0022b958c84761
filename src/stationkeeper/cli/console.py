"""What every command shares on the terminal: the progress bar, JSON on stdout, the list
of files written, and the parsing of dates and coordinates given as text."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from datetime import datetime

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from stationkeeper.cli.app import err_console, out_console
from stationkeeper.errors import InputError
from stationkeeper.report.result import Result
from stationkeeper.utc import as_utc


@contextmanager
def progress_bar(label: str, enabled: bool):
    """A Rich progress bar on stderr; yields a callback taking the fraction done."""
    if not enabled or not err_console.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=1.0)
        yield lambda f: bar.update(task, completed=f)


def print_json(result: Result) -> None:
    """The result's ``to_dict()`` as JSON on stdout."""
    sys.stdout.write(result.to_json() + "\n")


def write_files(result: Result, out) -> list:
    """Write the result's files into ``out`` (when given) and say so."""
    if out is None:
        return []
    return result.write(out)


def say_written(files: list) -> None:
    if files:
        out_console.print("wrote " + ", ".join(str(f) for f in files))


def parse_utc(text: str | None, field: str) -> datetime | None:
    if text is None:
        return None
    try:
        t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"{text!r} is not a date", field=field, allowed="ISO-8601, e.g. 2013-11-04T00:16Z"
        ) from None
    return as_utc(t)


def parse_target(text: str) -> tuple[float, float]:
    try:
        lat_s, lon_s = text.split(",")
        return float(lat_s), float(lon_s)
    except ValueError:
        raise InputError(
            f"{text!r} is not LAT,LON", field="--target", allowed="e.g. -48,-123"
        ) from None
