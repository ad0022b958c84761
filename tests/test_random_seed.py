"""Seeds: a bad one refused, none drawn fresh and recorded so the run repeats."""

from __future__ import annotations

import pytest

from stationkeeper.errors import InputError
from stationkeeper.random_seed import resolve_seed


@pytest.mark.parametrize("bad", [-1, 1.5, "7", True, 2**128])
def test_a_seed_that_is_not_a_whole_number_from_zero_is_refused(bad):
    with pytest.raises(InputError) as err:
        resolve_seed(bad)
    assert err.value.field == "seed"


def test_no_seed_draws_a_fresh_one_each_time():
    a, b = resolve_seed(None), resolve_seed(None)
    assert a != b and 0 <= a < 2**32  # short enough to retype
    assert resolve_seed(a) == a
