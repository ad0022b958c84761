"""``stationkeeper reentry predict``: what the command line refuses, in one line, exit 2."""

from __future__ import annotations

from stationkeeper.cli import main
from stationkeeper.orbit.tle import default_tle_path, tle_checksum


def test_cli_refuses_bad_input(tmp_path, capsys):
    assert main(["reentry", "predict", "--samples", "0", "-q"]) == 2
    assert "--samples" in capsys.readouterr().err
    # the shipped ISS TLE (2022): ~477 days left, far beyond the Monte Carlo's final days
    assert main(["reentry", "predict", "--samples", "10", "-q"]) == 2
    assert "longer than 30 days" in capsys.readouterr().err
    # an element set already below 100 km
    name, l1, l2 = default_tle_path().read_text().splitlines()[:3]
    l2 = l2[:52] + "16.70000000" + l2[63:68]
    l2 += str(tle_checksum(l2))
    low = tmp_path / "low.tle"
    low.write_text("\n".join([name, l1, l2]) + "\n")
    assert main(["reentry", "predict", "--tle", str(low), "--samples", "10", "-q"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "perigee" in err and "\n" not in err.strip()
