"""Space weather: parsing the real CelesTrak file, NRLMSIS conventions, scenarios, bad input."""

from __future__ import annotations

import warnings
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from stationkeeper.data import data_path
from stationkeeper.environment.spaceweather import (
    REGIMES,
    derive_scenario_factors,
    load_space_weather,
)
from stationkeeper.errors import InputError, SpaceWeatherRangeError

SHIPPED = data_path("SW-All.txt")
FIRST_OBS = date(1957, 10, 1)
LAST_OBS = date(2025, 7, 20)


@pytest.fixture(scope="module")
def sw():
    return load_space_weather()


@pytest.fixture(scope="module")
def text_rows() -> dict[date, list[str]]:
    """Observed rows split on whitespace: a parsing path independent of the module's."""
    rows: dict[date, list[str]] = {}
    inside = False
    for line in SHIPPED.read_text().splitlines():
        if line.startswith("BEGIN OBSERVED"):
            inside = True
            continue
        if line.startswith("END OBSERVED"):
            break
        if inside:
            tok = line.split()
            assert len(tok) == 33, line
            rows[date(int(tok[0]), int(tok[1]), int(tok[2]))] = tok
    return rows


def _ap8(tok: list[str]) -> list[int]:
    return [int(x) for x in tok[14:22]]


def _ap_daily(tok: list[str]) -> int:
    return int(tok[22])


def _f107(tok: list[str]) -> float:
    return float(tok[30])


def _ctr81(tok: list[str]) -> float:
    return float(tok[31])


def t64(text: str) -> np.ndarray:
    return np.array([text], dtype="datetime64[s]")


# --------------------------------------------------------------------------- the real file


def test_shipped_file_is_the_shared_copy():
    shared = Path(__file__).resolve().parents[1].parent / "shared/data/spaceweather/SW-All.txt"
    if not shared.exists():
        pytest.skip("shared data not beside the repository")
    assert SHIPPED.read_bytes() == shared.read_bytes()


def test_observed_rows_cover_every_day(sw, text_rows):
    n_days = (LAST_OBS - FIRST_OBS).days + 1
    assert sw.n_observed == n_days == len(text_rows) == 24765
    assert sw.observed_range == (FIRST_OBS, LAST_OBS)
    assert sw.covered_range == (FIRST_OBS, date(2041, 10, 31))
    assert sw.source == SHIPPED
    counts = np.bincount(sw.regime_code, minlength=3)
    assert counts[0] == n_days
    assert counts[1] == 39 + 3  # 39 daily rows + 2025-08-29..31 held until September
    assert counts[2] == (date(2041, 11, 1) - date(2025, 9, 1)).days


def test_values_match_an_independent_parse(sw, text_rows):
    rng = np.random.default_rng(7)
    days = sorted(text_rows)
    picks = [days[i] for i in rng.choice(len(days), 300, replace=False)]
    picks += [date(2003, 10, 29), date(2019, 12, 15), LAST_OBS]
    for d in picks:
        tok = text_rows[d]
        got = sw.lookup(d)
        assert got.regime == "observed"
        assert got.f107_obs_sfu == pytest.approx(_f107(tok), abs=1e-9)
        assert got.f107_obs_ctr81_sfu == pytest.approx(_ctr81(tok), abs=1e-9)
        assert got.f107_obs_lst81_sfu == pytest.approx(float(tok[32]), abs=1e-9)
        assert got.f107_adj_sfu == pytest.approx(float(tok[26]), abs=1e-9)
        assert got.ap_daily == _ap_daily(tok)
        assert list(got.ap_3h) == _ap8(tok)
        assert not got.filled


def test_well_known_storms(sw):
    # March 1989 (Quebec blackout): Ap 246.
    assert sw.lookup(date(1989, 3, 13)).ap_daily == 246
    # Halloween 2003: Ap 204 on 29 October, ~190 on the 30th, ap 400 in both days.
    oct29, oct30 = sw.lookup(date(2003, 10, 29)), sw.lookup(date(2003, 10, 30))
    assert oct29.ap_daily >= 200
    assert oct30.ap_daily >= 150
    assert max(oct29.ap_3h) == max(oct30.ap_3h) == 400
    # "Gannon" storm, 10-11 May 2024: the strongest since 1989.
    may11 = sw.lookup(date(2024, 5, 11))
    assert may11.ap_daily >= 250 and max(may11.ap_3h) == 400
    # The largest daily Ap since 1957 is the 13 November 1960 storm (Ap 280).
    obs = slice(0, sw.n_observed)
    assert sw.ap_daily[obs].max() == 280
    assert sw.dates[obs][np.argmax(sw.ap_daily[obs])] == np.datetime64("1960-11-13")


def _monthly_mean_f107(sw, first: str, last: str) -> np.ndarray:
    df = sw.to_frame("observed")
    return df.loc[first:last, "f107_obs_sfu"].resample("MS").mean().to_numpy()


def test_solar_cycle_levels(sw):
    # Cycle 24/25 minimum (2019-2020): F10.7 monthly means ~ 65-75 sfu.
    low = _monthly_mean_f107(sw, "2019-07-01", "2020-06-30")
    assert low.shape == (12,)
    assert np.all((low > 62) & (low < 78))
    # Cycle 25 maximum (2024): monthly means ~ 155-250 sfu, peaking in August
    # (the highest monthly mean of cycle 25 so far was August 2024).
    high = _monthly_mean_f107(sw, "2024-01-01", "2024-12-31")
    assert np.all((high > 150) & (high < 260))
    assert 220 < high.max() < 260 and np.argmax(high) == 7


def test_radio_bursts_flagged(sw, text_rows):
    burst_days = sw.dates[: sw.n_observed][sw.radio_burst[: sw.n_observed]]
    assert np.datetime64("2011-03-07") in burst_days
    assert np.datetime64("2003-11-04") in burst_days
    for d in text_rows:
        if _f107(text_rows[d]) > 400:
            assert np.datetime64(d) in burst_days


# --------------------------------------------------------------------------- NRLMSIS conventions


def test_f107_is_previous_day(sw, text_rows):
    r = sw.msis_inputs(
        np.array(
            ["2003-10-30T00:00:00", "2003-10-30T12:00:00", "2003-10-29T23:59:59"],
            dtype="datetime64[s]",
        )
    )
    prev30 = _f107(text_rows[date(2003, 10, 29)])
    prev29 = _f107(text_rows[date(2003, 10, 28)])
    assert r.f107_sfu.tolist() == [prev30, prev30, prev29]
    # f107a is the centred 81-day mean of the day itself
    assert r.f107a_sfu.tolist() == [_ctr81(text_rows[date(2003, 10, d)]) for d in (30, 30, 29)]


def test_radio_burst_day_feeds_81_day_mean(sw, text_rows):
    # 2003-11-04 F10.7 = 560.9 (flare); NRLMSIS on 11-05 gets that day's 81-day mean.
    r = sw.msis_inputs(t64("2003-11-05T06:00"))
    assert r.f107_sfu[0] == _ctr81(text_rows[date(2003, 11, 4)])


def test_ap_history_by_hand(sw, text_rows):
    d28, d29, d30 = (_ap8(text_rows[date(2003, 10, d)]) for d in (28, 29, 30))
    # 10:30 UT on 30 Oct: interval 3 (09-12 UT) of the 30th.
    r = sw.msis_inputs(t64("2003-10-30T10:30"))
    expected = [
        _ap_daily(text_rows[date(2003, 10, 30)]),
        d30[3],
        d30[2],
        d30[1],
        d30[0],
        sum(d29) / 8,  # 12-33 h before: the eight intervals of the 29th
        sum(d28) / 8,  # 36-57 h before: the eight intervals of the 28th
    ]
    assert r.ap[0].tolist() == pytest.approx(expected)
    # 16:00 UT: interval 5; windows straddle midnight.
    r = sw.msis_inputs(t64("2003-10-30T16:00"))
    expected = [
        _ap_daily(text_rows[date(2003, 10, 30)]),
        d30[5],
        d30[4],
        d30[3],
        d30[2],
        (sum(d29[2:]) + sum(d30[:2])) / 8,
        (sum(d28[2:]) + sum(d29[:2])) / 8,
    ]
    assert r.ap[0].tolist() == pytest.approx(expected)
    assert r.regime.tolist() == ["observed"]


def test_output_shapes_and_input_kinds(sw):
    base = datetime(2003, 10, 30, 16, 0, tzinfo=UTC)
    as_np = sw.msis_inputs(np.array([base.replace(tzinfo=None)], dtype="datetime64[us]"))
    assert as_np.f107_sfu.shape == (1,) and as_np.ap.shape == (1, 7) and len(as_np) == 1
    cet = timezone(timedelta(hours=2))
    for other in (
        [base.astimezone(cet)],
        base,
        ["2003-10-30T16:00:00"],
        np.datetime64("2003-10-30T16:00"),
    ):
        r = sw.msis_inputs(other)
        assert r.ap.tolist() == as_np.ap.tolist()
        assert r.f107_sfu.tolist() == as_np.f107_sfu.tolist()
    pd = pytest.importorskip("pandas")
    idx = pd.DatetimeIndex([base]).tz_convert("Europe/Paris")
    assert sw.msis_inputs(idx).ap.tolist() == as_np.ap.tolist()
    assert sw.msis_inputs(pd.Series(idx)).ap.tolist() == as_np.ap.tolist()
    with pytest.raises(InputError, match="naive"):
        sw.msis_inputs([datetime(2003, 10, 30)])
    with pytest.raises(InputError, match="NaT"):
        sw.msis_inputs(np.array(["NaT"], dtype="datetime64[s]"))
    with pytest.raises(InputError, match="scenario"):
        sw.msis_inputs(base, solar="medium")


def test_lookup_days_are_utc(sw):
    cet = timezone(timedelta(hours=2))
    assert sw.lookup(datetime(2003, 10, 30, 1, 0, tzinfo=cet)).date == date(2003, 10, 29)
    with pytest.raises(InputError, match="naive"):
        sw.lookup(datetime(2003, 10, 30))


# --------------------------------------------------------------------------- regimes and range


def test_observed_scenario_refuses_the_future(sw):
    with pytest.raises(SpaceWeatherRangeError) as err:
        sw.msis_inputs(t64("2030-01-01T00:00"), solar="observed")
    msg = str(err.value)
    assert "SW-All.txt" in msg and err.value.file == str(SHIPPED)
    assert "2030-01-01" in msg and "1957-10-01" in msg and "2025-07-20" in msg
    assert sw.msis_inputs(t64("2025-07-20T23:59:59"), solar="observed").regime[0] == "observed"
    with pytest.raises(SpaceWeatherRangeError):
        sw.msis_inputs(t64("2025-07-21T00:00"), solar="observed")


def test_nominal_range_ends(sw):
    assert sw.msis_inputs(t64("2041-10-31T23:59:59")).regime[0] == "monthly_forecast"
    for outside in ("2041-11-01T00:00", "1957-09-30T23:59"):
        with pytest.raises(SpaceWeatherRangeError, match=outside[:10]):
            sw.msis_inputs(t64(outside))


def test_regimes_at_section_boundaries(sw):
    times = np.array(
        [
            "2025-07-20T23:59:59",
            "2025-07-21T00:00:00",
            "2025-08-28T12:00:00",
            "2025-08-29T00:00:00",  # after the 39 daily rows: held, filled
            "2025-08-31T23:59:59",
            "2025-09-01T00:00:00",
            "2030-06-15T00:00:00",
        ],
        dtype="datetime64[s]",
    )
    nominal = ["observed"] + ["daily_forecast"] * 4 + ["monthly_forecast"] * 2
    assert sw.msis_inputs(times).regime.tolist() == nominal
    for solar in ("low", "high"):
        assert sw.msis_inputs(times, solar).regime.tolist() == ["observed"] + ["scenario"] * 6
    assert sw.summary(times) == {
        "observed": 1,
        "daily_forecast": 4,
        "monthly_forecast": 2,
        "scenario": 0,
    }
    assert set(sw.summary(times, "high")) == set(REGIMES)
    assert sw.lookup(date(2025, 8, 29)).filled and sw.lookup(date(2025, 8, 29)).line == 0
    assert sw.lookup(date(2025, 8, 28)).line == 24825


def test_monthly_value_holds_all_month(sw):
    days = [sw.lookup(date(2030, 2, d)) for d in (1, 14, 28)]
    assert len({(x.f107_obs_sfu, x.f107_obs_ctr81_sfu, x.ap_daily, x.line) for x in days}) == 1
    assert days[0].line == 24883  # the "2030 02 01" row
    x = days[0]
    # Ap modelled from F10.7 (monthly rows carry no Ap): all eight ap equal the daily Ap.
    assert set(x.ap_3h) == {x.ap_daily}
    am = sw.ap_model
    assert x.ap_daily == pytest.approx(am.intercept + am.slope_per_sfu * x.f107_obs_sfu)
    assert 3 < x.ap_daily < 20
    assert 0 < am.slope_per_sfu < 0.2


def test_monthly_rows_read_right(sw):
    text = SHIPPED.read_text().splitlines()
    row = text[24883 - 1]
    assert row.startswith("2030 02 01")
    tok = row.split()
    assert sw.lookup(date(2030, 2, 10)).f107_obs_sfu == float(tok[-3])
    assert sw.lookup(date(2030, 2, 10)).f107_obs_ctr81_sfu == float(tok[-2])


# --------------------------------------------------------------------------- scenarios


def test_low_nominal_high_order(sw):
    rng = np.random.default_rng(3)
    start = np.datetime64("2025-07-22T00:00:00").astype(np.int64)
    stop = np.datetime64("2041-10-31T23:59:59").astype(np.int64)
    future = rng.integers(start, stop, 5000).astype("datetime64[s]")
    lo, nom, hi = (sw.msis_inputs(future, s) for s in ("low", "nominal", "high"))
    assert np.all(lo.f107_sfu < nom.f107_sfu) and np.all(nom.f107_sfu < hi.f107_sfu)
    assert np.all(lo.f107a_sfu < nom.f107a_sfu) and np.all(nom.f107a_sfu < hi.f107a_sfu)
    assert np.all(lo.ap <= nom.ap) and np.all(nom.ap <= hi.ap)
    assert np.all(lo.ap[:, 0] < hi.ap[:, 0])
    # the quiet-Sun floor is not scaled below
    assert lo.f107_sfu.min() > sw.scenario_factors.floor_sfu
    # far ahead (past the ramp) the excess ratio is the derived factor
    late = sw.msis_inputs(t64("2035-01-15T00:00"), "nominal")
    late_hi = sw.msis_inputs(t64("2035-01-15T00:00"), "high")
    fl = sw.scenario_factors.floor_sfu
    assert (late_hi.f107a_sfu[0] - fl) / (late.f107a_sfu[0] - fl) == pytest.approx(
        sw.scenario_factors.f107_high
    )
    assert late_hi.ap[0, 0] / late.ap[0, 0] == pytest.approx(sw.scenario_factors.ap_high)


def test_scenarios_equal_in_the_past(sw):
    rng = np.random.default_rng(4)
    start = np.datetime64("1957-10-01T00:00:00").astype(np.int64)
    stop = np.datetime64("2025-07-20T23:59:59").astype(np.int64)
    past = rng.integers(start, stop, 5000).astype("datetime64[s]")
    ref = sw.msis_inputs(past, "observed")
    for solar in ("nominal", "low", "high"):
        r = sw.msis_inputs(past, solar)
        assert np.array_equal(r.f107_sfu, ref.f107_sfu)
        assert np.array_equal(r.f107a_sfu, ref.f107a_sfu)
        assert np.array_equal(r.ap, ref.ap)
        assert set(r.regime.tolist()) == {"observed"}


def test_scenario_factors_from_the_file(sw):
    sf = sw.scenario_factors
    # Solar minima found in F10.7 land near the sunspot-number minima (SILSO):
    # 1964-10, 1976-03, 1986-09, 1996-08, 2008-12, 2019-12.
    silso = [date(1964, 10, 1), date(1976, 3, 1), date(1986, 9, 1), date(1996, 8, 1)]
    silso += [date(2008, 12, 1), date(2019, 12, 1)]
    assert len(sf.minima) == len(silso)
    for found, ref in zip(sf.minima, silso, strict=True):
        assert abs((found - ref).days) < 240
    assert 0.4 < sf.f107_low < 0.8 < 1.2 < sf.f107_high < 1.6
    assert 0.4 < sf.ap_low < 0.8 < 1.2 < sf.ap_high < 1.6
    assert sf.percentiles == (10.0, 90.0) and sf.floor_sfu == 65.0
    # cycle 24 was the weakest of the record
    assert min(sf.cycle_f107_ratios) == sf.cycle_f107_ratios[-1] < 0.7
    # reproducible from the public function on the observed table
    obs = sw.to_frame("observed")
    f = np.where(obs.radio_burst, obs.f107_obs_ctr81_sfu, obs.f107_obs_sfu)
    again = derive_scenario_factors(obs.index.to_numpy(), f, obs.ap_daily.to_numpy())
    assert again == sf


def test_short_history_has_no_factors(tmp_path):
    text = SHIPPED.read_text().splitlines(keepends=True)
    b = text.index("BEGIN OBSERVED\n")
    keep = text[: b + 1] + text[24782 - 5 * 366 : 24782] + text[24782:]
    keep = [
        f"NUM_OBSERVED_POINTS {5 * 366}\n" if ln.startswith("NUM_OBSERVED") else ln for ln in keep
    ]
    p = tmp_path / "SW-Last5Years.txt"
    p.write_text("".join(keep))
    sw5 = load_space_weather(p)
    assert sw5.scenario_factors is None
    assert sw5.msis_inputs(t64("2030-01-01")).regime[0] == "monthly_forecast"
    with pytest.raises(InputError, match="two complete solar cycles"):
        sw5.msis_inputs(t64("2030-01-01"), "high")
    full = load_space_weather()
    sw5b = load_space_weather(p, scenario_factors=full.scenario_factors)
    assert sw5b.msis_inputs(t64("2030-01-01"), "high").f107a_sfu[0] == pytest.approx(
        full.msis_inputs(t64("2030-01-01"), "high").f107a_sfu[0]
    )


# --------------------------------------------------------------------------- bad files


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


# --------------------------------------------------------------------------- pymsis agreement


def _pymsis_utils(monkeypatch):
    utils = pytest.importorskip("pymsis.utils")
    state = getattr(utils, "_SPACE_WEATHER", None)
    if state is None or not hasattr(state, "path") or not hasattr(state, "data"):
        pytest.skip("pymsis internals changed; comparison not possible offline")

    def no_download():
        raise AssertionError("pymsis tried to download space weather")

    monkeypatch.setattr(utils, "download_f107_ap", no_download)
    monkeypatch.setattr(state, "path", state.path)
    monkeypatch.setattr(state, "data", None)
    return utils


def _pymsis_values(utils, csv: Path, times: np.ndarray):
    utils.use_space_weather_file(csv)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return utils.get_f107_ap(times)


def test_matches_pymsis_on_its_own_test_data(sw, monkeypatch):
    """pymsis's shipped CelesTrak CSV for 2000 against our parse of the TXT file."""
    utils = _pymsis_utils(monkeypatch)
    csv = Path(utils.__file__).parent / "tests" / "f107_ap_test_data.txt"
    if not csv.exists():
        pytest.skip("pymsis test data not installed")
    times = np.datetime64("2000-01-04T00:00") + np.arange(0, 360 * 24, 1).astype("timedelta64[h]")
    times = times + np.timedelta64(17, "m")
    f107, f107a, ap = _pymsis_values(utils, csv, times)
    ours = sw.msis_inputs(times)
    assert np.array_equal(ours.f107_sfu, f107)
    assert np.array_equal(ours.f107a_sfu, f107a)
    assert np.array_equal(ours.ap, ap)


def test_matches_pymsis_convention_on_storm_and_burst(sw, monkeypatch, tmp_path):
    """Our rows written as CelesTrak CSV, read by pymsis: same inputs (incl. a radio burst)."""
    utils = _pymsis_utils(monkeypatch)
    df = sw.to_frame("observed").loc["2003-09-01":"2003-12-31"]
    header = (
        "DATE,BSRN,ND,KP1,KP2,KP3,KP4,KP5,KP6,KP7,KP8,KP_SUM,AP1,AP2,AP3,AP4,AP5,AP6,AP7,AP8,"
        "AP_AVG,CP,C9,ISN,F10.7_OBS,F10.7_ADJ,F10.7_DATA_TYPE,F10.7_OBS_CENTER81,"
        "F10.7_OBS_LAST81,F10.7_ADJ_CENTER81,F10.7_ADJ_LAST81"
    )
    out = [header]
    for day, row in df.iterrows():
        ap8 = ",".join(str(int(row[f"ap{i}"])) for i in range(1, 9))
        out.append(
            f"{day:%Y-%m-%d},0,0,0,0,0,0,0,0,0,0,0,{ap8},{int(row.ap_daily)},0,0,0,"
            f"{row.f107_obs_sfu},{row.f107_adj_sfu},OBS,{row.f107_obs_ctr81_sfu},"
            f"{row.f107_obs_lst81_sfu},0,0"
        )
    csv = tmp_path / "sw.csv"
    csv.write_text("\n".join(out) + "\n")
    times = np.datetime64("2003-09-05T00:00") + np.arange(0, 110 * 24 * 60, 37).astype(
        "timedelta64[m]"
    )
    f107, f107a, ap = _pymsis_values(utils, csv, times)
    ours = sw.msis_inputs(times)
    assert np.allclose(ours.f107_sfu, f107, rtol=0, atol=1e-9)
    assert np.allclose(ours.f107a_sfu, f107a, rtol=0, atol=1e-9)
    assert np.allclose(ours.ap, ap, rtol=0, atol=1e-9)
    burst_next_day = (times >= np.datetime64("2003-11-05")) & (times < np.datetime64("2003-11-06"))
    assert burst_next_day.any() and np.all(f107[burst_next_day] < 200)


# ------------------------------------------------------------------- large queries
# (speed itself is measured in benchmarks/, not asserted in unit tests)


def test_large_query_over_the_whole_range(tmp_path):
    copy = tmp_path / "SW-All.txt"
    copy.write_bytes(SHIPPED.read_bytes())
    sw_new = load_space_weather(copy)  # a new path: not cached
    rng = np.random.default_rng(5)
    start = np.datetime64("1998-11-20T00:00:00").astype(np.int64)
    stop = np.datetime64("2040-12-31T00:00:00").astype(np.int64)
    times = rng.integers(start, stop, 100_000).astype("datetime64[s]")
    r = sw_new.msis_inputs(times, "high")
    assert r.ap.shape == (100_000, 7) and np.isfinite(r.ap).all()
    assert np.isfinite(r.f107_sfu).all() and np.isfinite(r.f107a_sfu).all()
