"""The options several commands share (one definition each, with the help text)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

TleOpt = Annotated[
    Path | None,
    typer.Option(
        "--tle",
        "--oem",
        help="TLE/3LE file, CCSDS OMM (.json/.xml/.csv) or CCSDS OEM (KVN, e.g. NASA TOPO's ISS "
        "ephemeris: SGP4 elements fitted to its first orbit, numeric propagators start from its "
        "exact state); the newest element set is used. Default: the shipped ISS TLE of "
        "2022-03-03.",
    ),
]
NoradOpt = Annotated[
    int | None,
    typer.Option(
        "--norad-id", help="The object to take from a --tle file holding several (its newest set)."
    ),
]
SolarOpt = Annotated[
    str,
    typer.Option(
        "--solar",
        help="Solar activity: observed (refuses unobserved dates), nominal (CelesTrak's "
        "forecast after the observed record), low / high (forecast scaled by the spread of past "
        "cycles).",
    ),
]
StationOpt = Annotated[
    Path | None, typer.Option("--station", help="A station TOML file instead of the shipped ISS.")
]
SpaceWeatherOpt = Annotated[
    Path | None,
    typer.Option("--space-weather", help="A CelesTrak SW-All.txt (CSSI format) newer than ours."),
]
MassOpt = Annotated[float | None, typer.Option("--mass-kg", help="Override the mass (kg).")]
AreaOpt = Annotated[float | None, typer.Option("--area-m2", help="Override the drag area (m^2).")]
CdOpt = Annotated[float | None, typer.Option("--cd", help="Override the drag coefficient.")]
DragOpt = Annotated[
    str,
    typer.Option(
        "--drag",
        help="fitted (default: the station's drag fitted to the real ISS orbit under NRLMSIS, "
        "with its 5-95 % spread; data/SOURCES.md) or topo (NASA TOPO's Cd x area as they are). "
        "--tle-history fits its own.",
    ),
]
BstarOpt = Annotated[
    bool,
    typer.Option("--bstar-from-tle", help="Take the ballistic coefficient from the TLE's B* term."),
]
TleHistoryOpt = Annotated[
    Path | None,
    typer.Option(
        "--tle-history",
        help="A TLE history: fit the object's ballistic coefficient to its free decay before "
        "--until.",
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", help="Cut-off (UTC, ISO-8601) for --tle-history; default its end."),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Dask scheduler address (e.g. tcp://10.0.0.5:8786) to run the chunks on a cluster; "
        "default: local worker processes.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON to stdout instead of tables.")]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out", help="Folder for CSV, Parquet, PNG and JSON results (written atomically)."
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
