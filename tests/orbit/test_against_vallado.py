"""SGP4 through our TLE reader against Vallado's verification vectors.

Vallado, Crawford, Hujsak & Kelso (2006), "Revisiting Spacetrack Report #3", AIAA 2006-6753:
SGP4-VER.TLE and the reference output of the C++ SGP4 (tcppver.out), both shipped inside `sgp4`.
"""

from __future__ import annotations

from importlib.resources import files

import numpy as np

from stationkeeper.orbit.tle import parse_tle


def _ver_cases():
    """(line1, line2, [(tsince_min, r_km)]) for each case of sgp4's SGP4-VER.TLE / tcppver.out.

    These are Vallado, Crawford, Hujsak & Kelso (2006), "Revisiting Spacetrack Report #3",
    AIAA 2006-6753: the reference output of the C++ SGP4, shipped inside `sgp4`.
    """
    tle_text = files("sgp4").joinpath("SGP4-VER.TLE").read_text()
    out_text = files("sgp4").joinpath("tcppver.out").read_text()
    pairs = []
    pending = None
    for line in tle_text.splitlines():
        if line.startswith("1 "):
            pending = line
        elif line.startswith("2 ") and pending:
            pairs.append((pending, line))
            pending = None
    blocks = []
    for line in out_text.splitlines():
        if line.strip().endswith("xx"):
            blocks.append([])
        elif line.strip():
            cols = line.split()
            blocks[-1].append((float(cols[0]), np.array([float(c) for c in cols[1:4]])))
    assert len(pairs) == len(blocks) == 33
    return [(l1, l2, rows) for (l1, l2), rows in zip(pairs, blocks, strict=True)]


def test_vallado_verification_vectors_through_our_tle_path():
    n_checked = 0
    for line1, line2, rows in _ver_cases():
        # line 2 of the verification file carries start/stop/step after column 69,
        # and five of its lines have stale checksums: our reader is told so explicitly
        es = parse_tle(line1, line2[:69], checksum=False, check_physics=False)
        for tsince, r_expected in rows:
            err, r, _v = es.satrec.sgp4_tsince(tsince)
            if err:
                break
            assert np.max(np.abs(np.array(r) - r_expected)) < 1e-6, (line1[2:7], tsince)
            n_checked += 1
    assert n_checked > 500
