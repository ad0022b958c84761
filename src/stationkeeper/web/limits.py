"""The server's limits: what one request may ask of this machine.

The web studio runs on the user's own machine but answers anyone who can reach its port, so
every request is bounded before any work starts: Monte Carlo samples, days of a screen or a
scenario, the size of an uploaded catalogue, and how many jobs run at once. Each refusal is
an :class:`~stationkeeper.errors.InputError` naming the field and what is allowed, the same
one line the CLI prints.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from stationkeeper.errors import InputError


@dataclass(frozen=True)
class Limits:
    """Server-side limits (defaults: the web contract).

    Parameters
    ----------
    max_samples : int
        Most Monte Carlo samples of one reentry job.
    max_days : float
        Longest screen or scenario, days.
    max_upload_bytes : int
        Largest uploaded catalogue, bytes (read in pieces; refused as soon as it is passed).
    max_jobs : int
        Jobs queued or running at once.
    """

    max_samples: int = 20_000
    max_days: float = 3_650.0
    max_upload_bytes: int = 50 * 1024 * 1024
    max_jobs: int = 2

    def check_samples(self, samples: object, field: str = "samples") -> int:
        """``samples`` as an int in 1..``max_samples``, or an :class:`InputError`."""
        if isinstance(samples, bool) or not isinstance(samples, int):
            raise InputError(f"{samples!r} is not an integer", field=field, allowed=self._s())
        if not 1 <= samples <= self.max_samples:
            raise InputError(
                f"{samples:,} samples is too many for this server"
                if samples > 0
                else f"{samples} is not allowed",
                field=field,
                allowed=self._s(),
            )
        return samples

    def check_days(self, days: object, field: str = "days") -> float:
        """``days`` as a float in (0, ``max_days``], or an :class:`InputError`."""
        allowed = f"0 < days <= {self.max_days:,g}"
        if isinstance(days, bool) or not isinstance(days, int | float):
            raise InputError(f"{days!r} is not a number", field=field, allowed=allowed)
        if not (math.isfinite(days) and 0 < days <= self.max_days):
            raise InputError(f"{days:g} days is not allowed", field=field, allowed=allowed)
        return float(days)

    def upload_error(self, field: str = "catalogue") -> InputError:
        """The error of an upload larger than ``max_upload_bytes``."""
        mb = self.max_upload_bytes / 1024 / 1024
        return InputError(
            f"the file is larger than this server accepts ({mb:g} MB)",
            field=field,
            allowed=f"a file of at most {mb:g} MB",
        )

    def jobs_error(self) -> InputError:
        """The error of a job submitted while ``max_jobs`` are queued or running."""
        return InputError(
            f"{self.max_jobs} jobs are already running; wait for one or cancel it",
            field=None,
            allowed=f"at most {self.max_jobs} jobs at once",
        )

    def _s(self) -> str:
        return f"1 <= samples <= {self.max_samples:,}"
