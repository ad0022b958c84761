"""Shared matplotlib setup for every stationkeeper plot.

- Non-interactive: the Agg backend is selected on import, unless
  ``matplotlib.pyplot`` was already imported by the caller (switching then
  would close the caller's figures, e.g. in a notebook).
- Figures are built with ``new_figure()`` (a plain ``matplotlib.figure.Figure``,
  not registered with pyplot, so nothing leaks between plots) inside
  ``with styled():`` so that every plot shares one look.
- ``save_figure(fig, path)`` writes atomically: a temporary file in the target
  folder, flushed to disk, then ``os.replace`` -- a reader never sees a
  half-written image, and a failed save leaves no file behind.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import matplotlib

if "matplotlib.pyplot" not in sys.modules:
    matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from stationkeeper.errors import InputError  # noqa: E402

DEFAULT_DPI = 120

#: Palette (colour-blind safe, Okabe-Ito) used by all report plots.
COLORS: dict[str, str] = {
    "track": "#0072B2",
    "start": "#009E73",
    "end": "#D55E00",
    "accent": "#CC79A7",
    "warning": "#E69F00",
    "land": "#E6E6E6",
    "border": "#9A9A9A",
    "ocean": "#F7FBFF",
    "grid": "#B8B8B8",
    "text": "#222222",
}

RC_PARAMS: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9.0,
    "axes.titlesize": 11.0,
    "axes.titleweight": "bold",
    "axes.labelsize": 9.0,
    "axes.edgecolor": "#555555",
    "axes.linewidth": 0.8,
    "axes.labelcolor": COLORS["text"],
    "axes.grid": False,
    "axes.spines.top": True,
    "axes.spines.right": True,
    "axes.prop_cycle": matplotlib.cycler(
        color=["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"]
    ),
    "grid.color": COLORS["grid"],
    "grid.linewidth": 0.5,
    "grid.linestyle": "-",
    "grid.alpha": 0.6,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "xtick.labelsize": 8.0,
    "ytick.labelsize": 8.0,
    "legend.fontsize": 8.0,
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "legend.edgecolor": "#CCCCCC",
    "figure.facecolor": "white",
    "figure.dpi": 100,
    "savefig.dpi": DEFAULT_DPI,
    "savefig.facecolor": "white",
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.08,
    "lines.linewidth": 1.4,
    "lines.solid_capstyle": "round",
}


@contextlib.contextmanager
def styled() -> Iterator[None]:
    """Context in which figures are created, drawn and saved with the house style."""
    with matplotlib.rc_context(RC_PARAMS):
        yield


def new_figure(width_in: float = 10.0, height_in: float = 5.6) -> Figure:
    """A fresh figure, not registered with pyplot (garbage-collected when dropped).

    Create it inside ``with styled():`` so that its axes pick up the style.
    """
    if not (width_in > 0 and height_in > 0):
        raise InputError(
            f"figure size {width_in} x {height_in} in",
            field="width_in/height_in",
            allowed="> 0 inches",
        )
    return Figure(figsize=(width_in, height_in), layout="constrained")


def save_figure(fig: Figure, path: str | os.PathLike[str], dpi: float = DEFAULT_DPI) -> Path:
    """Write ``fig`` to ``path`` atomically (temp file in the same folder, then rename).

    The format follows the suffix (``.png`` by default when there is none);
    the parent folder is created if missing. On any error the temporary file
    is removed and the previous content of ``path`` (if any) is untouched.
    Returns the resolved path.
    """
    target = Path(path)
    fmt = target.suffix.lstrip(".").lower() or "png"
    supported = fig.canvas.get_supported_filetypes()
    if fmt not in supported:
        raise InputError(
            f"cannot write a figure as {fmt!r}",
            file=str(target),
            allowed=", ".join(sorted(supported)),
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            # mkstemp makes the file 0600; give it the usual permissions of a report.
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
            os.fchmod(handle.fileno(), mode)
            with styled():
                fig.savefig(handle, format=fmt, dpi=dpi)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return target.resolve()
