"""Space weather for the atmosphere: F10.7, its 81-day mean and Ap, past and future.

Reads CelesTrak's CSSI space-weather file, format v1.2
(https://celestrak.org/SpaceData/SpaceWx-format.php): observed daily values,
then ``DAILY_PREDICTED`` (NOAA's 45-day forecast), then ``MONTHLY_PREDICTED``
(about 16 years ahead).  One :class:`SpaceWeather` holds a contiguous daily
table built from the three sections and answers, vectorised,
:meth:`SpaceWeather.msis_inputs` -- exactly the F10.7, F10.7a and 7-element ap
vector NRLMSIS wants, with the same conventions as ``pymsis.utils.get_f107_ap``
-- for one of four solar-activity scenarios:

``observed``  observed rows only; any other time raises :class:`SpaceWeatherRangeError`.
``nominal``   observed, then CelesTrak's daily, then monthly predictions.
``low``/``high``  the observed past, then the predictions scaled by the spread of
              the past solar cycles found in the same file (:class:`ScenarioFactors`).

Rules (see ``docs/space-weather.md`` for the reasons and the numbers):

* Monthly predicted rows hold for every day of their month (days already
  covered by a daily row keep the daily row).  Days between the last daily row
  and the first monthly month are held at the last daily row (``filled``).
* Monthly rows carry no Kp/Ap: their daily Ap (and all eight 3-hourly ap) come
  from a linear fit of monthly mean Ap on monthly mean F10.7 over the last
  22 years of observed months (:class:`ApModel`).
* Blank fields (CelesTrak leaves missing values blank): 3-hourly ap <- the
  day's Ap, Ap <- mean of the eight ap, F10.7 observed <- F10.7 adjusted moved
  from 1 AU to the Earth's distance, then linear interpolation in time; 81-day
  means <- recomputed from the daily F10.7 series (mean of the days available).
  Every day with a value not read from the file is flagged ``filled``.
* Near the end of the observed section, CelesTrak's centred 81-day averages
  already include up to 40 days of *predicted* F10.7; they are used as given.
* Solar radio bursts: a daily observed F10.7 above 400 sfu is replaced by its
  81-day centred mean in the MSIS inputs, as pymsis does (the raw value stays
  in the table, flagged ``radio_burst``).

``python -m stationkeeper.environment.spaceweather [FILE]`` prints the
coverage, the fitted Ap model and the scenario factors of a file.
"""

from __future__ import annotations

import functools
import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from stationkeeper.errors import InputError, SpaceWeatherRangeError

__all__ = [
    "REGIMES",
    "SOLAR_SCENARIOS",
    "ApModel",
    "MsisInputs",
    "ScenarioFactors",
    "SpaceWeather",
    "SpaceWeatherDay",
    "derive_scenario_factors",
    "load_space_weather",
]

REGIMES: tuple[str, ...] = ("observed", "daily_forecast", "monthly_forecast", "scenario")
"""Where a value comes from; ``regime`` arrays hold these strings."""
SOLAR_SCENARIOS: tuple[str, ...] = ("observed", "nominal", "low", "high")

_OBSERVED, _DAILY, _MONTHLY, _SCENARIO = 0, 1, 2, 3
_REGIME_ARRAY = np.array(REGIMES)

# Scenario rule parameters (documented in docs/space-weather.md).
F107_FLOOR_SFU = 65.0
"""Quiet-Sun F10.7 floor: only the excess above it scales between solar cycles."""
SCENARIO_PERCENTILES: tuple[float, float] = (10.0, 90.0)
SCENARIO_RAMP_DAYS = 81.0
"""Scenario factors grow linearly from 1 after the last observed day to full over this."""
SOLAR_RADIO_BURST_SFU = 400.0
"""Daily F10.7 above this is flare-contaminated (pymsis's rule): use the 81-day mean."""
AP_MODEL_YEARS = 22
"""Years of observed months (two mean solar cycles) behind the monthly-forecast Ap fit."""

_ROW_CHARS = 130  # FORMAT(I4,I3,I3,I5,I3,8I3,I4,8I4,I4,F4.1,I2,I4,F6.1,I2,5F6.1)
_SECTIONS = ("OBSERVED", "DAILY_PREDICTED", "MONTHLY_PREDICTED")
_NUMERIC_CHARS = np.frombuffer(b"0123456789 +-.", dtype=np.uint8)
_SECONDS_PER_DAY = 86400
_SECONDS_PER_SLOT = 10800  # one 3-hourly ap interval
_HISTORY_SLOTS = 19  # the 36-57 h mean reaches 19 intervals back
_AU_ECCENTRICITY = 0.0167


@dataclass(frozen=True)
class _Field:
    name: str
    start: int
    stop: int
    kind: str  # "int" or "float"
    low: float
    high: float

    @property
    def allowed(self) -> str:
        what = "an integer" if self.kind == "int" else "a number"
        return f"{what} in [{self.low:g}, {self.high:g}] in columns {self.start + 1}-{self.stop}"


_DATE_FIELDS = (
    _Field("year", 0, 4, "int", 1900, 2200),
    _Field("month", 4, 7, "int", 1, 12),
    _Field("day", 7, 10, "int", 1, 31),
)
_AP_FIELDS = tuple(_Field(f"ap{i + 1}", 46 + 4 * i, 50 + 4 * i, "int", 0, 400) for i in range(8))
_DATA_FIELDS = (
    *_AP_FIELDS,
    _Field("Ap", 78, 82, "int", 0, 400),
    _Field("F10.7_adj", 92, 98, "float", 1e-3, 5000),
    _Field("F10.7_obs", 112, 118, "float", 1e-3, 5000),
    _Field("F10.7_obs_ctr81", 118, 124, "float", 1e-3, 5000),
    _Field("F10.7_obs_lst81", 124, 130, "float", 1e-3, 5000),
)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class SpaceWeatherDay:
    """One UTC day of space weather, as used for a scenario."""

    date: date
    regime: str
    ap_3h: tuple[float, ...]  # eight 3-hourly ap, 00-03 UT first
    ap_daily: float
    f107_obs_sfu: float  # observed (not 1-AU adjusted) F10.7 of this day
    f107_obs_ctr81_sfu: float  # 81-day centred mean of observed F10.7
    f107_obs_lst81_sfu: float  # mean of the last 81 days of observed F10.7
    f107_adj_sfu: float  # F10.7 adjusted to 1 AU (nan where the file has none)
    radio_burst: bool  # f107_obs_sfu > 400: NRLMSIS is fed the 81-day mean instead
    filled: bool  # some value of this day was not read from the file (see module doc)
    line: int  # line of the file the day comes from (0 for gap days)


@dataclass(frozen=True, eq=False)
class MsisInputs:
    """NRLMSIS space-weather inputs for ``n`` times (pymsis ``get_f107_ap`` conventions).

    ``ap`` columns: daily Ap; 3-h ap of the interval holding the time; of the
    intervals 3, 6, 9 h before; mean of the eight intervals 12-33 h before;
    mean of the eight 36-57 h before.
    """

    times: np.ndarray  # datetime64[s], UTC, shape (n,)
    f107_sfu: np.ndarray  # observed F10.7 of the PREVIOUS day, (n,)
    f107a_sfu: np.ndarray  # 81-day centred mean of observed F10.7 on the day, (n,)
    ap: np.ndarray  # (n, 7)
    regime: np.ndarray  # (n,) strings from REGIMES
    solar: str

    def __len__(self) -> int:
        return int(self.times.shape[0])


@dataclass(frozen=True)
class ScenarioFactors:
    """Low/high multipliers derived from the observed solar cycles of a file.

    F10.7 (daily, 81-day means): ``floor + k * (value - floor)`` where
    ``value > floor``; Ap and ap: ``k * value``.
    """

    floor_sfu: float
    f107_low: float
    f107_high: float
    ap_low: float
    ap_high: float
    percentiles: tuple[float, float]
    minima: tuple[date, ...]  # solar minima found (13-month smoothed F10.7)
    cycle_months: int  # common length compared (shortest complete cycle)
    cycle_f107_ratios: tuple[float, ...]  # per complete cycle: mean ratio (for the docs)
    cycle_ap_ratios: tuple[float, ...]


@dataclass(frozen=True)
class ApModel:
    """Daily Ap for monthly-forecast days: ``intercept + slope * F10.7_obs``."""

    intercept: float
    slope_per_sfu: float
    first_month: date
    last_month: date
    n_months: int

    def ap(self, f107_obs_sfu: np.ndarray) -> np.ndarray:
        return np.maximum(self.intercept + self.slope_per_sfu * f107_obs_sfu, 0.0)


@dataclass(frozen=True, eq=False)
class _Series:
    """Per-scenario arrays, indexed by day (or 3-hour slot + padding)."""

    f107_msis: np.ndarray  # daily F10.7 after the radio-burst rule (day i)
    f107a: np.ndarray
    ap_daily: np.ndarray
    ap_pad: np.ndarray  # 3-hourly ap, with _HISTORY_SLOTS copies of the first in front
    mean8_pad: np.ndarray  # mean8_pad[j] = mean(ap_pad[j-7 .. j]) (valid for j >= 7)
    regime: np.ndarray  # int8 per day


# --------------------------------------------------------------------------- the table


@dataclass(frozen=True, eq=False)
class SpaceWeather:
    """A daily space-weather table from one CSSI file; build it with :func:`load_space_weather`."""

    source: Path
    updated: str | None
    dates: np.ndarray  # datetime64[D], contiguous
    regime_code: np.ndarray  # int8: 0 observed, 1 daily_forecast, 2 monthly_forecast
    line: np.ndarray  # int, line number in the file (0 for gap days)
    filled: np.ndarray  # bool
    ap_3h: np.ndarray  # (n, 8)
    ap_daily: np.ndarray
    f107_obs_sfu: np.ndarray
    f107_obs_ctr81_sfu: np.ndarray
    f107_obs_lst81_sfu: np.ndarray
    f107_adj_sfu: np.ndarray
    radio_burst: np.ndarray  # bool
    n_observed: int
    ap_model: ApModel | None
    scenario_factors: ScenarioFactors | None
    scenario_ramp_days: float = SCENARIO_RAMP_DAYS
    _series: Mapping[str, _Series] = field(default_factory=dict, repr=False)

    # ---- coverage
    @property
    def observed_range(self) -> tuple[date, date]:
        """First and last observed day (inclusive)."""
        return _to_date(self.dates[0]), _to_date(self.dates[self.n_observed - 1])

    @property
    def covered_range(self) -> tuple[date, date]:
        """First and last day with a value for the ``nominal`` scenario (inclusive)."""
        return _to_date(self.dates[0]), _to_date(self.dates[-1])

    # ---- queries
    def msis_inputs(self, times: Any, solar: str = "nominal") -> MsisInputs:
        """F10.7 (previous day), F10.7a (81-day centred) and ap (n, 7) for NRLMSIS.

        ``times``: UTC ``datetime64`` array, or anything convertible (timezone-aware
        datetimes, ISO strings, a pandas DatetimeIndex); flattened to 1-D.
        Raises :class:`SpaceWeatherRangeError` for a time the scenario does not cover.
        """
        series = self._scenario(solar)
        t = _to_datetime64_s(times)
        day, slot = self._indices(t, solar)
        ap = np.empty((t.shape[0], 7))
        ap[:, 0] = series.ap_daily[day]
        j = slot + _HISTORY_SLOTS
        ap[:, 1] = series.ap_pad[j]
        ap[:, 2] = series.ap_pad[j - 1]
        ap[:, 3] = series.ap_pad[j - 2]
        ap[:, 4] = series.ap_pad[j - 3]
        ap[:, 5] = series.mean8_pad[j - 4]
        ap[:, 6] = series.mean8_pad[j - 12]
        return MsisInputs(
            times=t,
            f107_sfu=series.f107_msis[np.maximum(day - 1, 0)],
            f107a_sfu=series.f107a[day],
            ap=ap,
            regime=_REGIME_ARRAY[series.regime[day]],
            solar=solar,
        )

    def lookup(self, epoch_utc: datetime | date, solar: str = "nominal") -> SpaceWeatherDay:
        """The day holding ``epoch_utc`` (a timezone-aware datetime, or a date)."""
        series = self._scenario(solar)
        if isinstance(epoch_utc, datetime):
            if epoch_utc.tzinfo is None or epoch_utc.utcoffset() is None:
                raise InputError(
                    f"naive datetime {epoch_utc.isoformat()}",
                    field="epoch_utc",
                    allowed="a timezone-aware datetime (UTC) or a date",
                )
            day_value = epoch_utc.astimezone(UTC).date()
        elif isinstance(epoch_utc, date):
            day_value = epoch_utc
        else:
            raise InputError(
                f"not a date/datetime: {epoch_utc!r}",
                field="epoch_utc",
                allowed="a timezone-aware datetime (UTC) or a date",
            )
        t = np.array([np.datetime64(day_value, "D")]).astype("datetime64[s]")
        i = int(self._indices(t, solar)[0][0])
        scale_f, scale_a = self._scales(solar, np.array([i]))
        kf, ka = float(scale_f[0]), float(scale_a[0])
        fl = self.scenario_factors.floor_sfu if self.scenario_factors else F107_FLOOR_SFU

        def f(x: float) -> float:
            return float(_scale_excess(np.array([x]), np.array([kf]), fl)[0])

        return SpaceWeatherDay(
            date=day_value,
            regime=REGIMES[int(series.regime[i])],
            ap_3h=tuple(float(v) * ka for v in self.ap_3h[i]),
            ap_daily=float(self.ap_daily[i]) * ka,
            f107_obs_sfu=f(self.f107_obs_sfu[i]),
            f107_obs_ctr81_sfu=f(self.f107_obs_ctr81_sfu[i]),
            f107_obs_lst81_sfu=f(self.f107_obs_lst81_sfu[i]),
            f107_adj_sfu=f(self.f107_adj_sfu[i]),
            radio_burst=bool(self.radio_burst[i]),
            filled=bool(self.filled[i]),
            line=int(self.line[i]),
        )

    def summary(self, times: Any, solar: str = "nominal") -> dict[str, int]:
        """How many of ``times`` fall in each regime (all of REGIMES as keys)."""
        series = self._scenario(solar)
        day, _ = self._indices(_to_datetime64_s(times), solar)
        counts = np.bincount(series.regime[day], minlength=len(REGIMES))
        return {name: int(c) for name, c in zip(REGIMES, counts, strict=True)}

    def to_frame(self, solar: str = "nominal") -> Any:
        """The daily table as a pandas DataFrame (index: UTC date) for one scenario."""
        import pandas as pd

        series = self._scenario(solar)
        n = self.dates.shape[0] if solar != "observed" else self.n_observed
        idx = np.arange(n)
        kf, ka = self._scales(solar, idx)
        fl = self.scenario_factors.floor_sfu if self.scenario_factors else F107_FLOOR_SFU
        data: dict[str, Any] = {"regime": _REGIME_ARRAY[series.regime[:n]]}
        for i in range(8):
            data[f"ap{i + 1}"] = self.ap_3h[:n, i] * ka
        data["ap_daily"] = self.ap_daily[:n] * ka
        data["f107_obs_sfu"] = _scale_excess(self.f107_obs_sfu[:n], kf, fl)
        data["f107_obs_ctr81_sfu"] = _scale_excess(self.f107_obs_ctr81_sfu[:n], kf, fl)
        data["f107_obs_lst81_sfu"] = _scale_excess(self.f107_obs_lst81_sfu[:n], kf, fl)
        data["f107_adj_sfu"] = _scale_excess(self.f107_adj_sfu[:n], kf, fl)
        data["radio_burst"] = self.radio_burst[:n]
        data["filled"] = self.filled[:n]
        data["line"] = self.line[:n]
        return pd.DataFrame(data, index=pd.Index(self.dates[:n], name="date"))

    # ---- internals
    def _scenario(self, solar: str) -> _Series:
        try:
            return self._series[solar]
        except (KeyError, TypeError):
            pass
        if solar in ("low", "high") and self.scenario_factors is None:
            raise InputError(
                "the low/high scenarios need scenario factors, but this file holds fewer "
                "than two complete solar cycles of observations; pass scenario_factors= "
                "(e.g. those of the shipped file) to load_space_weather",
                file=str(self.source),
                field="solar",
            )
        raise InputError(
            f"unknown solar activity scenario {solar!r}",
            field="solar",
            allowed=", ".join(SOLAR_SCENARIOS),
        )

    def _indices(self, t: np.ndarray, solar: str) -> tuple[np.ndarray, np.ndarray]:
        sec = t.view(np.int64) - self.dates[0].astype("datetime64[s]").view(np.int64)
        day = sec // _SECONDS_PER_DAY
        last = (self.n_observed if solar == "observed" else self.dates.shape[0]) - 1
        bad = (day < 0) | (day > last) | np.isnat(t)
        if bad.any():
            k = int(np.argmax(bad))
            first_d, last_d = _to_date(self.dates[0]), _to_date(self.dates[last])
            if np.isnat(t[k]):
                raise InputError("time is NaT (not a time)", field="times")
            what = (
                "observed space weather"
                if solar == "observed"
                else f"space weather (observed and predicted) for the {solar!r} scenario"
            )
            raise SpaceWeatherRangeError(
                f"{t[k]} UTC is outside the {what}, which covers {first_d} to {last_d}"
                + (" (use solar='nominal' for predictions)" if solar == "observed" else ""),
                file=str(self.source),
                field="times",
                allowed=f"{first_d}T00:00 to {last_d}T23:59:59 UTC",
            )
        return day, sec // _SECONDS_PER_SLOT

    def _scales(self, solar: str, day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per-day F10.7-excess and Ap multipliers of a scenario (1 for the past)."""
        ones = np.ones(day.shape)
        if solar not in ("low", "high") or self.scenario_factors is None:
            return ones, ones
        sf = self.scenario_factors
        kf, ka = (sf.f107_low, sf.ap_low) if solar == "low" else (sf.f107_high, sf.ap_high)
        ahead = (day - (self.n_observed - 1)).astype(float)
        if self.scenario_ramp_days > 0:
            ramp = np.clip(ahead / self.scenario_ramp_days, 0.0, 1.0)
        else:
            ramp = (ahead > 0).astype(float)
        return 1.0 + (kf - 1.0) * ramp, 1.0 + (ka - 1.0) * ramp


# --------------------------------------------------------------------------- loading


def load_space_weather(
    path: str | Path | None = None,
    *,
    scenario_factors: ScenarioFactors | None = None,
    scenario_ramp_days: float = SCENARIO_RAMP_DAYS,
) -> SpaceWeather:
    """Read and validate a CelesTrak CSSI v1.2 space-weather file (``SW-All.txt``).

    ``path=None`` reads the file shipped with stationkeeper; pass a newer
    CelesTrak download to update.  ``scenario_factors`` overrides the low/high
    factors derived from the file (needed for files with fewer than two
    complete observed solar cycles, e.g. ``SW-Last5Years.txt``).
    Results are cached per (file, size, modification time, options).
    """
    if path is None:
        from stationkeeper.data import data_path

        path = data_path("SW-All.txt")
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise InputError(
            f"cannot read space weather file: {exc.strerror}",
            file=str(p),
            allowed="a CelesTrak SW-All.txt (CSSI v1.2) file",
        ) from None
    if not (scenario_ramp_days >= 0 and math.isfinite(scenario_ramp_days)):
        raise InputError(
            f"scenario_ramp_days={scenario_ramp_days}", field="scenario_ramp_days", allowed=">= 0"
        )
    return _load_cached(
        str(p.resolve()), st.st_size, st.st_mtime_ns, scenario_factors, float(scenario_ramp_days)
    )


@functools.lru_cache(maxsize=8)
def _load_cached(
    path: str,
    size: int,
    mtime_ns: int,
    factors: ScenarioFactors | None,
    ramp_days: float,
) -> SpaceWeather:
    del size, mtime_ns  # cache key only
    return _build(Path(path), factors, ramp_days)


def _build(path: Path, factors: ScenarioFactors | None, ramp_days: float) -> SpaceWeather:
    fname = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read space weather file: {exc.strerror}", file=fname) from None
    lines = [ln.rstrip(b"\r") for ln in raw.split(b"\n")]
    header, sections = _split_sections(lines, fname)

    obs = _parse_rows(sections["OBSERVED"], fname, "OBSERVED")
    if obs["n"] == 0:
        raise InputError("the OBSERVED section is empty", file=fname, field="OBSERVED")
    _check_consecutive(obs, fname, "OBSERVED")
    parts = [obs]
    daily = None
    if "DAILY_PREDICTED" in sections and sections["DAILY_PREDICTED"][1]:
        daily = _parse_rows(sections["DAILY_PREDICTED"], fname, "DAILY_PREDICTED")
        _check_consecutive(daily, fname, "DAILY_PREDICTED")
        expected = obs["date"][-1] + 1
        if daily["date"][0] != expected:
            raise InputError(
                f"DAILY_PREDICTED starts on {daily['date'][0]}, expected {expected} "
                "(the day after the last observed row)",
                file=fname,
                line=int(daily["line"][0]),
                field="date",
            )
        parts.append(daily)
    monthly = None
    if "MONTHLY_PREDICTED" in sections and sections["MONTHLY_PREDICTED"][1]:
        monthly = _parse_rows(sections["MONTHLY_PREDICTED"], fname, "MONTHLY_PREDICTED")
        _check_months(monthly, fname, int(parts[-1]["date"][-1].astype(np.int64)))

    # ---- contiguous daily grid
    day0 = obs["date"][0]
    last_day = parts[-1]["date"][-1]
    if monthly is not None:
        last_day = max(
            last_day, (monthly["date"][-1].astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
        )
    n = int((last_day - day0).astype(np.int64)) + 1
    regime = np.full(n, -1, dtype=np.int8)
    line = np.zeros(n, dtype=np.int64)
    cols = ("Ap", "F10.7_adj", "F10.7_obs", "F10.7_obs_ctr81", "F10.7_obs_lst81")
    table = {c: np.full(n, np.nan) for c in cols}
    ap3 = np.full((n, 8), np.nan)
    for code, part in ((_OBSERVED, obs), (_DAILY, daily)):
        if part is None:
            continue
        i = (part["date"] - day0).astype(np.int64)
        regime[i] = code
        line[i] = part["line"]
        for c in cols:
            table[c][i] = part[c]
        ap3[i] = part["ap3"]
    monthly_days = np.zeros(n, dtype=bool)
    if monthly is not None:
        m_start = (monthly["date"] - day0).astype(np.int64)
        m_stop = (
            (monthly["date"].astype("datetime64[M]") + 1).astype("datetime64[D]") - day0
        ).astype(np.int64)
        lengths = m_stop - m_start
        row = np.repeat(np.arange(monthly["n"]), lengths)
        days = np.arange(m_start[0], m_stop[-1])
        free = regime[days] < 0
        days, row = days[free], row[free]
        regime[days] = _MONTHLY
        monthly_days[days] = True
        line[days] = monthly["line"][row]
        for c in cols:
            table[c][days] = monthly[c][row]
        ap3[days] = monthly["ap3"][row]
    filled = np.zeros(n, dtype=bool)
    gap = regime < 0
    if gap.any():  # between the daily section and the first monthly month: hold last day
        idx = np.where(gap, 0, np.arange(n))
        np.maximum.accumulate(idx, out=idx)
        for c in cols:
            table[c][gap] = table[c][idx[gap]]
        ap3[gap] = ap3[idx[gap]]
        regime[gap] = np.where(regime[idx[gap]] == _MONTHLY, _MONTHLY, _DAILY)
        filled |= gap
    dates = day0 + np.arange(n)
    n_obs = obs["n"]

    # ---- missing values
    f107 = table["F10.7_obs"]
    adj = table["F10.7_adj"]
    miss = np.isnan(f107)
    if miss.any():
        filled |= miss
        from_adj = miss & ~np.isnan(adj)
        f107[from_adj] = adj[from_adj] / _au_distance_squared(dates[from_adj])
        f107[:] = _interp_nan(f107, fname, "F10.7_obs")
    ctr, lst = table["F10.7_obs_ctr81"], table["F10.7_obs_lst81"]
    for arr, lo, hi in ((ctr, 40, 40), (lst, 80, 0)):
        miss = np.isnan(arr)
        if miss.any():
            filled |= miss
            arr[miss] = _window_mean(f107, lo, hi)[miss]
    ap_daily = table["Ap"]
    # monthly rows (no Kp/Ap in the file): modelled from observed months
    obs_ap_daily = ap_daily[:n_obs].copy()
    obs_ap_mask = ~np.isnan(obs_ap_daily)
    ap_model = _fit_ap_model(dates[:n_obs], obs_ap_daily, f107[:n_obs], obs_ap_mask)
    need_model = monthly_days & np.isnan(ap_daily)
    if need_model.any():
        if ap_model is None:
            raise InputError(
                "monthly predictions carry no Ap and the observed section is too short "
                "(< 24 complete months) to model it",
                file=fname,
                field="Ap",
            )
        ap_daily[need_model] = ap_model.ap(f107[need_model])
        filled |= need_model
    row_ap_missing = np.isnan(ap3)
    if row_ap_missing.any():
        filled |= row_ap_missing.any(axis=1)
        ap3 = np.where(row_ap_missing, ap_daily[:, None], ap3)
    miss = np.isnan(ap_daily)
    if miss.any():
        filled |= miss
        full = ~np.isnan(ap3).any(axis=1)
        ap_daily[miss & full] = ap3[miss & full].mean(axis=1)
        ap_daily[:] = _interp_nan(ap_daily, fname, "Ap")
        ap3 = np.where(np.isnan(ap3), ap_daily[:, None], ap3)
    if np.isnan(ap3).any():
        ap3 = _interp_nan(ap3.ravel(), fname, "ap").reshape(n, 8)

    burst = f107 > SOLAR_RADIO_BURST_SFU
    if factors is None:
        clean = np.where(burst, ctr, f107)
        factors = derive_scenario_factors(dates[:n_obs], clean[:n_obs], ap_daily[:n_obs])

    sw = SpaceWeather(
        source=path,
        updated=header.get("UPDATED"),
        dates=dates,
        regime_code=regime,
        line=line,
        filled=filled,
        ap_3h=ap3,
        ap_daily=ap_daily,
        f107_obs_sfu=f107,
        f107_obs_ctr81_sfu=ctr,
        f107_obs_lst81_sfu=lst,
        f107_adj_sfu=adj,
        radio_burst=burst,
        n_observed=n_obs,
        ap_model=ap_model,
        scenario_factors=factors,
        scenario_ramp_days=ramp_days,
    )
    series: dict[str, _Series] = {}
    series["nominal"] = _make_series(sw, "nominal")
    series["observed"] = series["nominal"]  # same values; only the covered range differs
    if factors is not None:
        series["low"] = _make_series(sw, "low")
        series["high"] = _make_series(sw, "high")
    object.__setattr__(sw, "_series", series)
    for arr in (dates, regime, line, filled, ap3, ap_daily, f107, ctr, lst, adj, burst):
        arr.setflags(write=False)
    return sw


def _make_series(sw: SpaceWeather, solar: str) -> _Series:
    n = sw.dates.shape[0]
    day = np.arange(n)
    kf, ka = sw._scales(solar, day)
    floor = sw.scenario_factors.floor_sfu if sw.scenario_factors else F107_FLOOR_SFU
    f107_clean = np.where(sw.radio_burst, sw.f107_obs_ctr81_sfu, sw.f107_obs_sfu)
    regime = sw.regime_code.copy()
    if solar in ("low", "high"):
        regime[sw.n_observed :] = _SCENARIO
    ap = (sw.ap_3h * ka[:, None]).ravel()
    ap_pad = np.concatenate([np.full(_HISTORY_SLOTS, ap[0]), ap])
    csum = np.concatenate([[0.0], np.cumsum(ap_pad)])
    mean8 = np.full(ap_pad.shape, np.nan)
    mean8[7:] = (csum[8:] - csum[:-8]) / 8.0
    out = _Series(
        f107_msis=_scale_excess(f107_clean, kf, floor),
        f107a=_scale_excess(sw.f107_obs_ctr81_sfu, kf, floor),
        ap_daily=sw.ap_daily * ka,
        ap_pad=ap_pad,
        mean8_pad=mean8,
        regime=regime,
    )
    for arr in (out.f107_msis, out.f107a, out.ap_daily, out.ap_pad, out.mean8_pad, out.regime):
        arr.setflags(write=False)
    return out


# --------------------------------------------------------------------------- parsing


def _split_sections(
    lines: list[bytes], fname: str
) -> tuple[dict[str, str], dict[str, tuple[int, list[bytes]]]]:
    """Header keywords and, per section, (first line number, its rows)."""
    header: dict[str, str] = {}
    first = lines[0].strip() if lines else b""
    if first.upper().startswith(b"DATE,"):
        raise InputError(
            "this is CelesTrak's CSV format; stationkeeper reads the fixed-width SW-All.txt",
            file=fname,
            line=1,
            allowed="CSSI space weather v1.2 text (SW-All.txt)",
        )
    try:
        begin_obs = lines.index(b"BEGIN OBSERVED")
    except ValueError:
        raise InputError(
            "no 'BEGIN OBSERVED' line: not a CSSI space weather file",
            file=fname,
            allowed="CelesTrak SW-All.txt, format v1.2",
        ) from None
    for k, ln in enumerate(lines[:begin_obs]):
        text = ln.decode("ascii", errors="replace").strip()
        if not text or text.startswith("#"):
            continue
        key, _, value = text.partition(" ")
        header[key] = value.strip()
        if key == "DATATYPE" and header[key] != "CssiSpaceWeather":
            raise InputError(
                f"DATATYPE is {header[key]!r}",
                file=fname,
                line=k + 1,
                field="DATATYPE",
                allowed="CssiSpaceWeather",
            )
        if key == "VERSION" and header[key] != "1.2":
            raise InputError(
                f"format version {header[key]!r}",
                file=fname,
                line=k + 1,
                field="VERSION",
                allowed="1.2",
            )
    sections: dict[str, tuple[int, list[bytes]]] = {}
    pos = 0
    for name in _SECTIONS:
        begin = b"BEGIN " + name.encode()
        try:
            b = lines.index(begin, pos)
        except ValueError:
            continue  # only the predicted sections may be absent (OBSERVED found above)
        try:
            e = lines.index(b"END " + name.encode(), b + 1)
        except ValueError:
            raise InputError(
                f"section {name} has no 'END {name}' line (file truncated?)",
                file=fname,
                line=b + 1,
                field=name,
            ) from None
        rows = lines[b + 1 : e]
        # the NUM_..._POINTS keyword just before the section, if present
        key = b"NUM_" + name.encode() + b"_POINTS"
        for k in range(b - 1, max(pos, b - 4) - 1, -1):
            if lines[k].startswith(key):
                try:
                    expected = int(lines[k].split()[1])
                except (IndexError, ValueError):
                    raise InputError(
                        "malformed point count",
                        file=fname,
                        line=k + 1,
                        field=key.decode(),
                        allowed="an integer",
                    ) from None
                if expected != len(rows):
                    raise InputError(
                        f"section {name} has {len(rows)} rows but {key.decode()} says {expected}",
                        file=fname,
                        line=e + 1,
                        field=key.decode(),
                    )
                break
        sections[name] = (b + 2, rows)  # line number (1-based) of the first row
        pos = e + 1
    return header, sections


def _parse_rows(section: tuple[int, list[bytes]], fname: str, name: str) -> dict[str, Any]:
    first_line, rows = section
    n = len(rows)
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=n)
    short = lengths < _ROW_CHARS
    if short.any():
        k = int(np.argmax(short))
        cut = int(lengths[k])
        where = next(
            (f.name for f in (*_DATE_FIELDS, *_DATA_FIELDS) if f.stop > cut),
            "row",
        )
        raise InputError(
            f"row has {cut} characters, expected {_ROW_CHARS} (truncated line?)",
            file=fname,
            line=first_line + k,
            field=where,
            allowed=f"fixed-width {name} rows of {_ROW_CHARS} characters",
        )
    buf = np.frombuffer(b"".join(r[:_ROW_CHARS] for r in rows), dtype=np.uint8).reshape(
        n, _ROW_CHARS
    )
    out: dict[str, Any] = {"n": n, "line": first_line + np.arange(n)}
    y, m, d = (_parse_field(buf, f, fname, first_line, required=True) for f in _DATE_FIELDS)
    months = ((y - 1970) * 12 + (m - 1)).astype(np.int64).astype("datetime64[M]")
    dates = months.astype("datetime64[D]") + (d - 1).astype(np.int64)
    bad = dates.astype("datetime64[M]") != months
    if bad.any():
        k = int(np.argmax(bad))
        raise InputError(
            f"{int(y[k]):04d}-{int(m[k]):02d}-{int(d[k]):02d} is not a date",
            file=fname,
            line=first_line + k,
            field="day",
            allowed="a valid calendar date",
        )
    out["date"] = dates
    values = {f.name: _parse_field(buf, f, fname, first_line) for f in _DATA_FIELDS}
    out["ap3"] = np.stack([values[f.name] for f in _AP_FIELDS], axis=1)
    for key in ("Ap", "F10.7_adj", "F10.7_obs", "F10.7_obs_ctr81", "F10.7_obs_lst81"):
        out[key] = values[key]
    return out


def _parse_field(
    buf: np.ndarray, f: _Field, fname: str, first_line: int, *, required: bool = False
) -> np.ndarray:
    col = buf[:, f.start : f.stop]
    n = col.shape[0]
    blank = (col == 32).all(axis=1)

    def fail(k: int, why: str) -> InputError:
        text = col[k].tobytes().decode("ascii", errors="replace")
        return InputError(
            f"{why}: {text!r}",
            file=fname,
            line=first_line + k,
            field=f.name,
            allowed=f.allowed + ("" if required else " (or blank)"),
        )

    if required and blank.any():
        raise fail(int(np.argmax(blank)), "blank")
    bad_chars = ~np.isin(col, _NUMERIC_CHARS).all(axis=1)
    if bad_chars.any():
        raise fail(int(np.argmax(bad_chars)), "not a number")
    out = np.full(n, np.nan)
    keep = ~blank
    text = np.ascontiguousarray(col).view(f"S{f.stop - f.start}").ravel()
    try:
        out[keep] = text[keep].astype(np.float64)
    except ValueError:
        for k in np.flatnonzero(keep):
            try:
                float(text[k])
            except ValueError:
                raise fail(int(k), "not a number") from None
        raise  # pragma: no cover
    v = out[keep]
    if f.kind == "int":
        not_int = (v != np.round(v)) | (np.char.find(text[keep], b".") >= 0)
        if not_int.any():
            raise fail(int(np.flatnonzero(keep)[np.argmax(not_int)]), "not an integer")
    out_of_range = (v < f.low) | (v > f.high)
    if out_of_range.any():
        raise fail(int(np.flatnonzero(keep)[np.argmax(out_of_range)]), "out of range")
    return out


def _check_consecutive(part: dict[str, Any], fname: str, name: str) -> None:
    step = np.diff(part["date"]).astype(np.int64)
    bad = step != 1
    if bad.any():
        k = int(np.argmax(bad)) + 1
        raise InputError(
            f"{name} rows must be consecutive days: {part['date'][k]} follows "
            f"{part['date'][k - 1]}",
            file=fname,
            line=int(part["line"][k]),
            field="date",
            allowed=f"{part['date'][k - 1] + 1}",
        )


def _check_months(part: dict[str, Any], fname: str, after_day: int) -> None:
    d = part["date"]
    months = d.astype("datetime64[M]")
    bad = months.astype("datetime64[D]") != d
    if bad.any():
        k = int(np.argmax(bad))
        raise InputError(
            f"monthly row dated {d[k]}",
            file=fname,
            line=int(part["line"][k]),
            field="day",
            allowed="the first day of a month",
        )
    step = np.diff(months).astype(np.int64)
    bad = step != 1
    if bad.any():
        k = int(np.argmax(bad)) + 1
        raise InputError(
            f"monthly rows must be consecutive months: {months[k]} follows {months[k - 1]}",
            file=fname,
            line=int(part["line"][k]),
            field="date",
        )
    end_first = (months[0] + 1).astype("datetime64[D]").astype(np.int64) - 1
    if end_first <= after_day:
        raise InputError(
            f"the first monthly row ({months[0]}) ends before the daily rows do",
            file=fname,
            line=int(part["line"][0]),
            field="date",
            allowed="a month after the last daily row",
        )


# --------------------------------------------------------------------------- helpers


def _to_date(d: np.datetime64) -> date:
    return d.astype("datetime64[D]").astype(object)


def _to_datetime64_s(times: Any) -> np.ndarray:
    """UTC datetime64[s], 1-D, from datetime64 / aware datetimes / strings / pandas."""
    if isinstance(times, np.ndarray) and times.dtype.kind == "M":
        return times.reshape(-1).astype("datetime64[s]")
    if isinstance(times, datetime | date):
        times = [times]
    accessor = getattr(times, "dt", None)  # pandas Series
    if accessor is not None and getattr(accessor, "tz", None) is not None:
        times = accessor.tz_convert("UTC").dt.tz_localize(None)
    elif getattr(times, "tz", None) is not None and hasattr(times, "tz_convert"):
        times = times.tz_convert("UTC").tz_localize(None)  # pandas DatetimeIndex
    arr = np.asarray(times)
    if arr.dtype.kind == "M":
        return arr.reshape(-1).astype("datetime64[s]")
    arr = arr.reshape(-1)
    if arr.dtype.kind == "O":
        out = np.empty(arr.shape, dtype="datetime64[s]")
        for k, v in enumerate(arr):
            if isinstance(v, datetime):
                if v.tzinfo is None or v.utcoffset() is None:
                    raise InputError(
                        f"naive datetime {v.isoformat()}",
                        field="times",
                        allowed="timezone-aware datetimes or UTC datetime64",
                    )
                v = v.astimezone(UTC).replace(tzinfo=None)
            try:
                out[k] = np.datetime64(v, "s")
            except (TypeError, ValueError):
                raise InputError(
                    f"not a time: {v!r}", field="times", allowed="UTC datetime64 or datetimes"
                ) from None
        return out
    try:
        return arr.astype("datetime64[s]")
    except (TypeError, ValueError):
        raise InputError(
            f"cannot read times of dtype {arr.dtype}",
            field="times",
            allowed="UTC datetime64, ISO strings or timezone-aware datetimes",
        ) from None


def _scale_excess(values: np.ndarray, k: np.ndarray, floor: float) -> np.ndarray:
    """floor + k * (v - floor) where v > floor, else v (scenario F10.7)."""
    excess = values - floor
    return np.where(excess > 0, floor + k * excess, values)


def _au_distance_squared(days: np.ndarray) -> np.ndarray:
    """(Sun-Earth distance / 1 AU)^2, perihelion ~ 3 January (adj = obs * r^2)."""
    doy = (days - days.astype("datetime64[Y]")).astype(np.int64)
    r = 1.0 - _AU_ECCENTRICITY * np.cos(2.0 * np.pi * (doy - 3) / 365.25)
    return r * r


def _interp_nan(values: np.ndarray, fname: str, name: str) -> np.ndarray:
    ok = ~np.isnan(values)
    if not ok.any():
        raise InputError(f"no {name} value in the whole file", file=fname, field=name)
    x = np.arange(values.shape[0])
    return np.interp(x, x[ok], values[ok])


def _window_mean(values: np.ndarray, before: int, after: int) -> np.ndarray:
    """Mean over [i-before, i+after] of the values available (edges: fewer days)."""
    n = values.shape[0]
    ok = ~np.isnan(values)
    cs = np.concatenate([[0.0], np.cumsum(np.where(ok, values, 0.0))])
    cn = np.concatenate([[0], np.cumsum(ok)])
    i = np.arange(n)
    lo = np.clip(i - before, 0, n)
    hi = np.clip(i + after + 1, 0, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (cs[hi] - cs[lo]) / (cn[hi] - cn[lo])


def _monthly_means(dates: np.ndarray, *arrays: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Means over complete calendar months: (months, [mean of each array])."""
    months = dates.astype("datetime64[M]")
    m0 = months[0]
    idx = (months - m0).astype(np.int64)
    n_m = int(idx.max()) + 1
    count = np.bincount(idx, minlength=n_m)
    all_months = m0 + np.arange(n_m)
    days_in = (
        (all_months + 1).astype("datetime64[D]") - all_months.astype("datetime64[D]")
    ).astype(np.int64)
    complete = count == days_in
    means = []
    for a in arrays:
        s = np.bincount(idx, weights=a, minlength=n_m)
        means.append((s / np.maximum(count, 1))[complete])
    return all_months[complete], means


def _fit_ap_model(
    dates: np.ndarray, ap_daily: np.ndarray, f107: np.ndarray, ok: np.ndarray
) -> ApModel | None:
    months, (ap_m, f_m) = _monthly_means(dates[ok], ap_daily[ok], f107[ok])
    months, ap_m, f_m = (
        months[-12 * AP_MODEL_YEARS :],
        ap_m[-12 * AP_MODEL_YEARS :],
        f_m[-12 * AP_MODEL_YEARS :],
    )
    if months.shape[0] < 24:
        return None
    slope, intercept = np.polyfit(f_m, ap_m, 1)
    return ApModel(
        intercept=float(intercept),
        slope_per_sfu=float(slope),
        first_month=_to_date(months[0]),
        last_month=_to_date(months[-1]),
        n_months=int(months.shape[0]),
    )


def derive_scenario_factors(
    dates: np.ndarray,
    f107_obs_sfu: np.ndarray,
    ap_daily: np.ndarray,
    *,
    floor_sfu: float = F107_FLOOR_SFU,
    percentiles: tuple[float, float] = SCENARIO_PERCENTILES,
    active_fraction: float = 0.25,
    minimum_window_months: int = 48,
) -> ScenarioFactors | None:
    """Low/high factors from the spread of the observed solar cycles (None if < 2 cycles).

    1. Monthly means of daily observed F10.7 (radio bursts replaced) and Ap over
       complete calendar months; 13-month smoothing (weights 1/24, 1/12 x 11, 1/24).
    2. Solar minima: months whose smoothed F10.7 is the lowest within
       +-``minimum_window_months``.  Consecutive minima bound complete cycles.
    3. Phase = months since the cycle's minimum, over the shortest complete cycle.
       Mean cycle = mean over complete cycles at each phase.
    4. F10.7: ratio of each cycle's excess over ``floor_sfu`` to the mean cycle's,
       at each phase where the mean excess is at least ``active_fraction`` of its
       peak; Ap: ratio of the smoothed Ap (no floor) at every phase.  The factors
       are the ``percentiles`` of all these ratios pooled.
    """
    dates = np.asarray(dates).astype("datetime64[D]")
    if dates.shape[0] < 400:
        return None
    months, (f_m, ap_m) = _monthly_means(dates, np.asarray(f107_obs_sfu), np.asarray(ap_daily))
    # only a contiguous run of complete months can be smoothed
    gaps = np.flatnonzero(np.diff(months).astype(np.int64) != 1)
    if gaps.size:
        start = gaps[-1] + 1
        months, f_m, ap_m = months[start:], f_m[start:], ap_m[start:]
    weights = np.r_[0.5, np.ones(11), 0.5] / 12.0

    def smooth(x: np.ndarray) -> np.ndarray:
        out = np.full(x.shape, np.nan)
        if x.shape[0] >= 13:
            out[6:-6] = np.convolve(x, weights, mode="valid")
        return out

    sf, sa = smooth(f_m), smooth(ap_m)
    w = minimum_window_months
    minima = [
        i
        for i in range(w, sf.shape[0] - w)
        if np.isfinite(sf[i - w : i + w + 1]).all() and sf[i] == sf[i - w : i + w + 1].min()
    ]
    if len(minima) < 3:
        return None
    length = int(np.diff(minima).min())
    cycles_f = np.array([sf[i : i + length] for i in minima[:-1]])
    cycles_a = np.array([sa[i : i + length] for i in minima[:-1]])
    mean_f = cycles_f.mean(axis=0) - floor_sfu
    active = mean_f >= active_fraction * mean_f.max()
    ratio_f = (cycles_f[:, active] - floor_sfu) / mean_f[active]
    mean_a = cycles_a.mean(axis=0)
    ratio_a = cycles_a / mean_a
    lo, hi = percentiles
    f_lo, f_hi = np.percentile(ratio_f, [lo, hi])
    a_lo, a_hi = np.percentile(ratio_a, [lo, hi])
    return ScenarioFactors(
        floor_sfu=float(floor_sfu),
        f107_low=float(f_lo),
        f107_high=float(f_hi),
        ap_low=float(a_lo),
        ap_high=float(a_hi),
        percentiles=(float(lo), float(hi)),
        minima=tuple(_to_date(months[i]) for i in minima),
        cycle_months=length,
        cycle_f107_ratios=tuple(float(x) for x in ratio_f.mean(axis=1)),
        cycle_ap_ratios=tuple(float(x) for x in ratio_a.mean(axis=1)),
    )


# --------------------------------------------------------------------------- CLI


def _main(argv: Sequence[str]) -> int:
    sw = load_space_weather(argv[0] if argv else None)
    print(f"file:       {sw.source}")
    print(f"updated:    {sw.updated}")
    for code, name in enumerate(REGIMES[:3]):
        sel = np.flatnonzero(sw.regime_code == code)
        if sel.size:
            print(f"{name + ':':<18}{sw.dates[sel[0]]} to {sw.dates[sel[-1]]} ({sel.size} days)")
    print(f"filled days: {int(sw.filled.sum())}, radio-burst days: {int(sw.radio_burst.sum())}")
    if sw.ap_model:
        am = sw.ap_model
        print(
            f"monthly-forecast Ap = {am.intercept:.3f} + {am.slope_per_sfu:.5f} * F10.7 "
            f"(fit on {am.n_months} months {am.first_month:%Y-%m} to {am.last_month:%Y-%m})"
        )
    sf = sw.scenario_factors
    if sf is None:
        print("scenario factors: not derivable (fewer than two complete cycles)")
        return 0
    print("solar minima: " + ", ".join(f"{d:%Y-%m}" for d in sf.minima))
    print(f"cycle length compared: {sf.cycle_months} months")
    print(
        "per-cycle mean F10.7-excess ratio: " + ", ".join(f"{r:.3f}" for r in sf.cycle_f107_ratios)
    )
    print("per-cycle mean Ap ratio:           " + ", ".join(f"{r:.3f}" for r in sf.cycle_ap_ratios))
    p_lo, p_hi = sf.percentiles
    print(
        f"F10.7 excess over {sf.floor_sfu:g} sfu: low x{sf.f107_low:.3f} (p{p_lo:g}), "
        f"high x{sf.f107_high:.3f} (p{p_hi:g})"
    )
    print(f"Ap: low x{sf.ap_low:.3f}, high x{sf.ap_high:.3f}; ramp {sw.scenario_ramp_days:g} days")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
