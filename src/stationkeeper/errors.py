"""One exception family for everything a user can get wrong.

Every error names *where* (file, line, field) and *what is allowed*, so the
CLI can print it on one line and exit with code 2 -- never a traceback.
"""

from __future__ import annotations


class StationkeeperError(Exception):
    """Base class: bad input or an impossible request (CLI exit code 2)."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        allowed: str | None = None,
    ) -> None:
        self.message = message
        self.file = None if file is None else str(file)
        self.line = line
        self.field = field
        self.allowed = allowed
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        allowed = f" (allowed: {self.allowed})" if self.allowed else ""
        return f"{where}{field}{self.message}{allowed}"


class InputError(StationkeeperError):
    """A file or argument is malformed or out of range."""


class PhysicsError(StationkeeperError):
    """The request is physically impossible (e.g. perigee below the surface)."""


class SpaceWeatherRangeError(StationkeeperError):
    """An epoch is outside what a space-weather source covers for the asked regime."""


def check_positive(value: float | None, field: str, allowed: str) -> None:
    """Refuse a given ``value`` that is not a finite number > 0 (``None`` = not given)."""
    import math

    if value is not None and not (
        isinstance(value, int | float) and math.isfinite(value) and value > 0
    ):
        raise InputError(f"{value} is not allowed", field=field, allowed=allowed)
