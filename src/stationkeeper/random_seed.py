"""Seeds: every random run can be repeated. A given seed is checked; none draws a fresh one
from the operating system, which the run then records and prints."""

from __future__ import annotations

import numpy as np

from stationkeeper.errors import InputError

#: numpy's SeedSequence takes any non-negative integer; 128 bits is what it draws itself.
MAX_SEED = 2**128 - 1


def resolve_seed(seed: int | None, field: str = "seed") -> int:
    """``seed`` checked (a whole number 0 … 2**128 − 1), or a fresh one when ``None``."""
    if seed is None:
        return int(np.random.SeedSequence().entropy)
    whole = isinstance(seed, int | np.integer) and not isinstance(seed, bool)
    if not whole or not 0 <= seed <= MAX_SEED:
        raise InputError(f"{seed!r} is not allowed", field=field, allowed="a whole number >= 0")
    return int(seed)
