"""The US Deorbit Vehicle plan with its entry, computed once for the reentry tests."""

from __future__ import annotations

import pytest

from stationkeeper.reentry.deorbit.plan import plan_deorbit


@pytest.fixture(scope="session")
def usdv_plan():
    return plan_deorbit("usdv", 1)
