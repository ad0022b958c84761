"""What files a scenario sent from the page may name: never a path on the server.

A scenario file names other files by path (``[scenario] tle``, ``[station] file``: the keys
of :mod:`stationkeeper.scenario.tables` that the loader resolves with
:func:`stationkeeper.scenario.reading.resolve`). The CLI reads whatever path its user gives;
the server must not, or a page could make it read any file it can open. So before the
scenario is loaded, :func:`check_paths` looks at the parsed TOML and allows only

* a file shipped in the package's data folder, by its bare name (``tle =
  "iss_topo_oem_2026-09-04.txt"``): :func:`link_shipped` puts a link to it in the job's folder,
  where the loader then finds it; or
* a file in the job's own folder (an upload), by a relative name without ``..``.

An absolute path, ``~``, ``..`` or anything else is refused with one line naming the field,
its line and what is allowed (:class:`~stationkeeper.errors.InputError`, a 422). A shipped
template sent unchanged is trusted as the CLI's file (read from its own place, see
:mod:`.routes_scenario`); :func:`bare_shipped` rewrites its ``../src/stationkeeper/data/X``
references to ``X`` so that an edited copy still loads.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path, PurePosixPath, PureWindowsPath

from stationkeeper.data import data_path
from stationkeeper.errors import InputError
from stationkeeper.tomlfile import TomlContext

#: The name the user knows for the scenario the page sent (errors name it, not a temp path).
SCENARIO_NAME = "scenario.toml"
#: ``(table, key)`` of every scenario key the loader reads as a file path, and the shipped
#: data files (name patterns) it may name: the ISS's element sets and ephemerides, the station.
PATH_KEYS = {("scenario", "tle"): "iss_*", ("station", "file"): "station*.toml"}


class PathRefused(InputError):
    """A scenario from the page names a file the server will not read (a 422 even where
    other problems of the file are reported as a validation's list)."""


_SHIPPED_REF = re.compile(r'"(?:\.\./)+src/stationkeeper/data/([A-Za-z0-9_.-]+)"')


def shipped_names(pattern: str) -> list[str]:
    """The names of the shipped data files matching ``pattern`` (a glob)."""
    return sorted(p.name for p in data_path("station.toml").parent.glob(pattern) if p.is_file())


def allowed_text(pattern: str) -> str:
    """What a path key may hold, for the error's ``allowed``."""
    names = ", ".join(shipped_names(pattern))
    return f"a shipped data file by name ({names}) or a file uploaded with this job"


def _refusal(value: str) -> str | None:
    """Why ``value`` is refused as a path (``None``: a plain relative name)."""
    if not value or any(ord(c) < 32 for c in value):
        return "is not a file name"
    if value.startswith("~"):
        return "is a home-folder path; the server reads no file by path"
    if PurePosixPath(value).is_absolute() or PureWindowsPath(value).drive or value[:1] == "\\":
        return "is an absolute path; the server reads no file by path"
    parts = re.split(r"[\\/]", value)
    if ".." in parts:
        return "goes up a folder (..); the server reads no file by path"
    return None


def check_paths(text: str, folder: Path, file_name: str) -> None:
    """Refuse any path key of the scenario ``text`` that is not allowed (module doc).

    Parameters
    ----------
    text : str
        The scenario TOML as the page sent it.
    folder : Path
        The job's (or validation's) own folder, where the scenario will be written.
    file_name : str
        The name the errors give the file (``scenario.toml``).

    Raises
    ------
    PathRefused
        An InputError naming the file, line and field (``scenario.tle``) and what is allowed.
    """
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # the loader reports it (at its line) before it reads any other file
    ctx = TomlContext(file_name, text)
    root = folder.resolve()
    for (table, key), pattern in PATH_KEYS.items():
        section = doc.get(table)
        value = section.get(key) if isinstance(section, dict) else None
        if not isinstance(value, str):
            continue  # absent, or the loader's own type error
        why = _refusal(value)
        if why is None and value not in shipped_names(pattern):
            target = (folder / value).resolve()
            if not (target.is_relative_to(root) and target.is_file()):
                why = "is neither a shipped data file nor a file uploaded with this job"
        if why is not None:
            err = ctx.error(f"{value!r} {why}", table, None, key, allowed_text(pattern))
            raise PathRefused(
                err.message, file=err.file, line=err.line, field=err.field, allowed=err.allowed
            )


def link_shipped(text: str, folder: Path) -> None:
    """Put a link (or a copy) of each shipped data file the scenario names by its bare name
    into ``folder``, where the loader resolves it (after :func:`check_paths`)."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    for (table, key), pattern in PATH_KEYS.items():
        section = doc.get(table)
        value = section.get(key) if isinstance(section, dict) else None
        if (
            isinstance(value, str)
            and value in shipped_names(pattern)
            and not (folder / value).exists()
        ):
            try:
                os.symlink(data_path(value), folder / value)
            except OSError:  # pragma: no cover - a file system without links
                (folder / value).write_bytes(data_path(value).read_bytes())


def bare_shipped(text: str) -> str:
    """``text`` with the examples' ``"../src/stationkeeper/data/X"`` written ``"X"``."""
    return _SHIPPED_REF.sub(lambda m: f'"{m.group(1)}"', text)
