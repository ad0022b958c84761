"""Seeds: every random run can be repeated. A given seed is checked; none draws a fresh one
from the operating system, which the run then records and prints."""

from __future__ import annotations

import secrets

import numpy as np

from stationkeeper.errors import InputError

#: numpy's SeedSequence takes any non-negative integer up to 128 bits.
MAX_SEED = 2**128 - 1
#: A drawn seed is short enough to retype (32 bits: one run in 4 billion repeats another's).
DRAWN_SEED_BITS = 32


def resolve_seed(seed: int | None, field: str = "seed") -> int:
    """``seed`` checked (a whole number 0 … 2**128 − 1), or a fresh 32-bit one when ``None``."""
    if seed is None:
        return secrets.randbits(DRAWN_SEED_BITS)
    whole = isinstance(seed, int | np.integer) and not isinstance(seed, bool)
    if not whole or not 0 <= seed <= MAX_SEED:
        raise InputError(f"{seed!r} is not allowed", field=field, allowed="a whole number >= 0")
    return int(seed)
