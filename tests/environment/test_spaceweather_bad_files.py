"""Bad CSSI files are refused naming file, line and field; blank values are filled."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stationkeeper.data import data_path
from stationkeeper.environment.spaceweather import load_space_weather
from stationkeeper.errors import InputError

SHIPPED = data_path("SW-All.txt")
LAST_OBS = date(2025, 7, 20)


def _variant(tmp_path: Path, edit, name: str = "SW-bad.txt") -> Path:
    lines = SHIPPED.read_text().splitlines(keepends=True)
    edit(lines)
    p = tmp_path / name
    p.write_text("".join(lines))
    return p


def _replace_field(line: str, start: int, stop: int, text: str) -> str:
    return line[:start] + text.rjust(stop - start) + line[stop:]


def test_truncated_line(tmp_path):
    def edit(lines):
        lines[999] = lines[999][:60] + "\n"  # line 1000, cut inside the ap fields

    p = _variant(tmp_path, edit)
    with pytest.raises(InputError) as err:
        load_space_weather(p)
    e = err.value
    assert e.file == str(p) and e.line == 1000 and e.field == "ap4"
    assert f"{p}:1000" in str(e) and "truncated" in str(e)


def test_non_numeric_field(tmp_path):
    def edit(lines):
        lines[24781] = _replace_field(lines[24781], 112, 118, "15x.3")  # F10.7 obs, 2025-07-20

    p = _variant(tmp_path, edit)
    with pytest.raises(InputError) as err:
        load_space_weather(p)
    e = err.value
    assert (e.file, e.line, e.field) == (str(p), 24782, "F10.7_obs")
    assert "15x.3" in str(e)


def test_out_of_range_and_bad_dates(tmp_path):
    def ap_too_big(lines):
        lines[20000] = _replace_field(lines[20000], 78, 82, "999")

    def feb30(lines):
        lines[24786] = lines[24786][:10].replace("07 21", "02 30") + lines[24786][10:]

    def skipped_day(lines):
        del lines[500]

    with pytest.raises(InputError) as err:
        load_space_weather(_variant(tmp_path, ap_too_big, "a.txt"))
    assert (err.value.line, err.value.field) == (20001, "Ap")
    assert "400" in err.value.allowed
    with pytest.raises(InputError) as err:
        load_space_weather(_variant(tmp_path, feb30, "b.txt"))
    assert (err.value.line, err.value.field) == (24787, "day")
    with pytest.raises(InputError) as err:  # the point count no longer matches
        load_space_weather(_variant(tmp_path, skipped_day, "c.txt"))
    assert err.value.field == "NUM_OBSERVED_POINTS"


def test_missing_day_with_matching_count(tmp_path):
    def edit(lines):
        del lines[500]
        lines[15] = "NUM_OBSERVED_POINTS 24764\n"

    with pytest.raises(InputError) as err:
        load_space_weather(_variant(tmp_path, edit))
    assert err.value.line == 501 and "consecutive" in str(err.value)


def test_truncated_download(tmp_path):
    p = _variant(tmp_path, lambda lines: lines.__delitem__(slice(10000, None)))
    with pytest.raises(InputError, match="END OBSERVED"):
        load_space_weather(p)


def test_not_a_space_weather_file(tmp_path):
    csv = tmp_path / "SW-All.csv"
    csv.write_text("DATE,BSRN,ND\n2000-01-01,2272,7\n")
    with pytest.raises(InputError, match="CSV"):
        load_space_weather(csv)
    with pytest.raises(InputError, match="cannot read"):
        load_space_weather(tmp_path / "nope.txt")


def test_blank_values_are_filled(tmp_path):
    # CelesTrak leaves missing values blank; blank the last observed day's
    # F10.7 obs, its centred mean, and one 3-hourly ap.
    def edit(lines):
        ln = lines[24781]
        ln = _replace_field(ln, 112, 118, "")
        ln = _replace_field(ln, 118, 124, "")
        ln = _replace_field(ln, 50, 54, "")
        lines[24781] = ln

    sw_b = load_space_weather(_variant(tmp_path, edit))
    ref = load_space_weather()
    got, want = sw_b.lookup(LAST_OBS), ref.lookup(LAST_OBS)
    assert got.filled and not want.filled
    # obs = adj / (r/AU)^2; July: r ~ 1.0167 AU, so obs ~ 0.967 adj
    assert got.f107_obs_sfu == pytest.approx(want.f107_obs_sfu, abs=1.0)
    assert got.f107_obs_ctr81_sfu == pytest.approx(want.f107_obs_ctr81_sfu, abs=1.0)
    assert got.ap_3h[1] == got.ap_daily == want.ap_daily
    assert got.ap_3h[0] == want.ap_3h[0]
