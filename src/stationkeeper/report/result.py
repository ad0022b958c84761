"""What every public function returns: one :class:`Result` shape.

A result holds the answer as a JSON-ready ``summary`` dict, its named ``tables`` (pandas
DataFrames), a plain-language ``sentence``, and the ``files`` it can write (name → writer).
``to_dict()`` is what ``--json`` prints; ``write(folder)`` writes every file atomically (all
or nothing). A request that ran but cannot be met (an infeasible deorbit plan) carries the
reason as ``problem``: the answer is still there to show, and ``raise_problem()`` raises it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from stationkeeper.errors import StationkeeperError
from stationkeeper.report.output import dumps, to_records, write_run

Writer = Callable[[Path], object]


@dataclass(frozen=True)
class Result:
    """The answer of one public function.

    Parameters
    ----------
    kind : str
        Which function answered: ``decay``, ``lifetime``, ``track``, ``station``, ``screen``,
        ``scenario``, ``deorbit`` or ``reentry``.
    summary : dict
        The answer and its inputs, JSON-ready (units in every key).
    tables : mapping of str to DataFrame
        The answer's tables by name (e.g. ``decay``: one row a day).
    json_tables : tuple of str
        The tables that ``to_dict()`` includes as lists of records under their name.
    sentence : str
        The answer in one plain sentence.
    files : mapping of str to callable
        File name → writer of that file (called with the path to write).
    problem : StationkeeperError, optional
        Why the request cannot be met although it ran (e.g. an infeasible plan).
    objects : mapping of str to object
        The domain objects behind the answer (e.g. the ``Station``), for renderers.
    timings_s : mapping of str to float
        Wall-clock seconds of the run's stages. Printed, never part of ``to_dict()`` or the
        files: the answer does not depend on the machine, and the same seed repeats it byte
        for byte.
    """

    kind: str
    summary: dict
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    json_tables: tuple[str, ...] = ()
    sentence: str = ""
    files: Mapping[str, Writer] = field(default_factory=dict)
    problem: StationkeeperError | None = None
    objects: Mapping[str, object] = field(default_factory=dict)
    timings_s: Mapping[str, float] = field(default_factory=dict)

    def __getattr__(self, name: str):
        """A table or domain object by name: ``result.timeseries``, ``result.station``."""
        for where in ("tables", "objects"):
            held = self.__dict__.get(where) or {}
            if name in held:
                return held[name]
        raise AttributeError(f"{type(self).__name__} has no table or object {name!r}")

    def __getitem__(self, key: str):
        """``result[key]`` is ``result.summary[key]``."""
        return self.summary[key]

    @property
    def table(self) -> pd.DataFrame:
        """The main table (the first one)."""
        return next(iter(self.tables.values()))

    def to_dict(self) -> dict:
        """The JSON answer: the summary, plus the ``json_tables`` as lists of records."""
        out = dict(self.summary)
        for name in self.json_tables:
            out[name] = to_records(self.tables[name])
        return out

    def to_json(self) -> str:
        """:meth:`to_dict` as indented JSON text."""
        return dumps(self.to_dict())

    def write(self, out_dir: str | Path) -> list[Path]:
        """Write every file into ``out_dir`` atomically; returns the paths written."""
        return write_run(out_dir, dict(self.files))

    def raise_problem(self) -> None:
        """Raise :attr:`problem`, if any."""
        if self.problem is not None:
            raise self.problem
