"""The screening run behind ``screen``: bad input is one clear error; the CLI's JSON and files."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from conftest import shared_file
from conjunction.test_cdm import GOOD

import stationkeeper as sk
from stationkeeper.cli import main
from stationkeeper.errors import InputError


def test_bad_input_is_one_clear_error(subset, tmp_path, capsys):
    empty = tmp_path / "empty.3le"
    empty.write_text("\n")
    with pytest.raises(InputError, match="no usable element set"):
        sk.screen(empty)
    sub = subset(20)
    for days in (0, -1):
        with pytest.raises(InputError, match="days") as exc:
            sk.screen(sub, days=days)
        assert exc.value.field == "days"  # the parameter; the CLI speaks of --days
    old_iss = shared_file("tle", "iss_25544_1998-2004.tle")
    with pytest.raises(InputError, match="station TLE epoch") as exc:
        sk.screen(sub, station_tle=old_iss)
    assert "days from the catalogue's epoch 2022-01-2" in str(exc.value)
    assert exc.value.file == str(old_iss)
    with pytest.raises(InputError, match="from the screening span 2022-01-23"):
        sk.screen(sub, station_tle=old_iss, start_utc=datetime(2022, 1, 23, tzinfo=UTC))
    # the CLI: one line on stderr, exit code 2
    assert main(["screen", "--catalog", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "no usable element set" in err and "Traceback" not in err
    assert main(["screen", "--catalog", str(sub), "--days", "0"]) == 2
    assert "--days" in capsys.readouterr().err
    assert main(["screen", "--catalog", str(sub), "--station-tle", str(old_iss)]) == 2


def test_cli_json_and_out(subset, tmp_path, capsys):
    sub = subset(400)
    out = tmp_path / "run"
    code = main(
        ["screen", "--catalog", str(sub), "--days", "3", "--json", "--out", str(out), "--top", "2"]
    )
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["days"] == 3
    assert {"events", "stats", "station", "volume", "counts", "implied_rate"} <= set(result)
    for e in result["events"]:
        assert {"pc_screening", "pc_max", "pc_decision", "decision"} <= set(e)
    names = sorted(p.name for p in out.iterdir())
    assert "conjunctions.csv" in names and "screen.json" in names
    assert "conjunctions.parquet" in names
    assert sum(n.startswith("bplane_") for n in names) == min(2, len(result["events"]))
    # the table form
    assert main(["screen", "--catalog", str(sub), "--days", "1", "--quiet"]) == 0
    text = capsys.readouterr().out
    assert "Close approaches to" in text and "objects →" in text
    assert "screening (TLE inputs, a ranking, not a decision)" in text
    assert "manoeuvres a year" in text and "max Pc" in text


def test_a_cdm_outside_the_span_is_refused(subset, tmp_path, capsys):
    """A CDM whose TCA is not in the screened span cannot supersede anything: refused, with
    the span (the Alfano test CDM is dated 2000; the catalogue 2022)."""
    cdm = tmp_path / "old.cdm"
    cdm.write_text(GOOD)
    sub = subset(5)
    with pytest.raises(InputError, match="outside the screening span 2022-01-2") as exc:
        sk.screen(sub, days=0.2, cdm=[cdm], scheduler="synchronous")
    assert exc.value.file == str(cdm) and exc.value.field == "TCA"
    assert main(["screen", "--catalog", str(sub), "--days", "0.2", "--cdm", str(cdm)]) == 2
    assert "TCA" in capsys.readouterr().err
