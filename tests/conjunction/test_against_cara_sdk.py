"""2-D Pc against the NASA CARA SDK's "Omitron Test Case 01" (``Pc2D_Foster_UnitTest.m``)."""

from __future__ import annotations

import pytest

from stationkeeper.conjunction.encounter import encounter
from stationkeeper.conjunction.pc import pc_circle_batch, pc_foster

OMITRON = dict(
    r1=[378.39559, 4305.721887, 5752.767554],
    v1=[2.360800244, 5.580331936, -4.322349039],
    cov1=[
        [44.5757544811362, 81.6751751052616, -67.8687662707124],
        [81.6751751052616, 158.453402956163, -128.616921644857],
        [-67.8687662707124, -128.616921644858, 105.490542562701],
    ],
    r2=[374.5180598, 4307.560983, 5751.130418],
    v2=[-5.388125081, -3.946827739, 3.322820358],
    cov2=[
        [2.31067077720423, 1.69905293875632, -1.4170164577661],
        [1.69905293875632, 1.24957388457206, -1.04174164279599],
        [-1.4170164577661, -1.04174164279599, 0.869260558223714],
    ],
)


def test_pc_omitron_case_01():
    """NASA CARA SDK Pc2D_Foster_UnitTest.m, "Omitron Test Case 01" (D. Plakalovic):
    inertial states (km, km/s), covariances (km^2), HBR 20 m -> Pc 2.70601573490125e-05."""
    o = OMITRON
    pc = pc_foster(o["r1"], o["v1"], o["cov1"], o["r2"], o["v2"], o["cov2"], 0.020)
    assert pc == pytest.approx(2.70601573490125e-05, rel=1e-4)
    assert f"{pc:.2e}" == "2.71e-05"
    enc = encounter(o["r1"], o["v1"], o["cov1"], o["r2"], o["v2"], o["cov2"])
    batch = pc_circle_batch(enc.miss[None, :], enc.cov, 0.020)[0]
    assert batch == pytest.approx(pc, rel=1e-6)
