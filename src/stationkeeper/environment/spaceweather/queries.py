"""The daily space-weather table and its queries: NRLMSIS inputs, regimes, one day, a frame.

:meth:`SpaceWeather.msis_inputs` gives exactly the F10.7, F10.7a and 7-element ap
vector NRLMSIS wants, with the same conventions as ``pymsis.utils.get_f107_ap``, and
the regime (observed, daily or monthly forecast, scenario) of every value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from stationkeeper.constants import SECONDS_PER_DAY
from stationkeeper.environment.spaceweather.ap_model import ApModel
from stationkeeper.environment.spaceweather.days import to_date, to_datetime64_s
from stationkeeper.environment.spaceweather.scenarios import (
    F107_FLOOR_SFU,
    SCENARIO_RAMP_DAYS,
    SOLAR_SCENARIOS,
    ScenarioFactors,
    scale_excess,
)
from stationkeeper.errors import InputError, SpaceWeatherRangeError

REGIMES: tuple[str, ...] = ("observed", "daily_forecast", "monthly_forecast", "scenario")
"""Where a value comes from; ``regime`` arrays hold these strings."""
#: Codes in ``SpaceWeather.regime_code`` and the series: indices into :data:`REGIMES`.
REGIME_OBSERVED, REGIME_DAILY, REGIME_MONTHLY, REGIME_SCENARIO = 0, 1, 2, 3
_REGIME_ARRAY = np.array(REGIMES)
_SECONDS_PER_DAY = int(SECONDS_PER_DAY)  # integer: day indices from int64 seconds
_SECONDS_PER_SLOT = 10800  # one 3-hourly ap interval
_HISTORY_SLOTS = 19  # the 36-57 h mean reaches 19 intervals back


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


@dataclass(frozen=True, eq=False)
class _Series:
    """Per-scenario arrays, indexed by day (or 3-hour slot + padding)."""

    f107_msis: np.ndarray  # daily F10.7 after the radio-burst rule (day i)
    f107a: np.ndarray
    ap_daily: np.ndarray
    ap_pad: np.ndarray  # 3-hourly ap, with _HISTORY_SLOTS copies of the first in front
    mean8_pad: np.ndarray  # mean8_pad[j] = mean(ap_pad[j-7 .. j]) (valid for j >= 7)
    regime: np.ndarray  # int8 per day


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
        return to_date(self.dates[0]), to_date(self.dates[self.n_observed - 1])

    @property
    def covered_range(self) -> tuple[date, date]:
        """First and last day with a value for the ``nominal`` scenario (inclusive)."""
        return to_date(self.dates[0]), to_date(self.dates[-1])

    # ---- queries
    def msis_inputs(self, times: Any, solar: str = "nominal") -> MsisInputs:
        """F10.7 (previous day), F10.7a (81-day centred) and ap (n, 7) for NRLMSIS.

        ``times``: UTC ``datetime64`` array, or anything convertible (timezone-aware
        datetimes, ISO strings, a pandas DatetimeIndex); flattened to 1-D.
        Raises :class:`SpaceWeatherRangeError` for a time the scenario does not cover.
        """
        series = self._scenario(solar)
        t = to_datetime64_s(times)
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
            return float(scale_excess(np.array([x]), np.array([kf]), fl)[0])

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
        day, _ = self._indices(to_datetime64_s(times), solar)
        counts = np.bincount(series.regime[day], minlength=len(REGIMES))
        return {name: int(c) for name, c in zip(REGIMES, counts, strict=True)}

    def to_frame(self, solar: str = "nominal") -> pd.DataFrame:
        """The daily table as a pandas DataFrame (index: UTC date) for one scenario."""
        series = self._scenario(solar)
        n = self.dates.shape[0] if solar != "observed" else self.n_observed
        idx = np.arange(n)
        kf, ka = self._scales(solar, idx)
        fl = self.scenario_factors.floor_sfu if self.scenario_factors else F107_FLOOR_SFU
        data: dict[str, Any] = {"regime": _REGIME_ARRAY[series.regime[:n]]}
        for i in range(8):
            data[f"ap{i + 1}"] = self.ap_3h[:n, i] * ka
        data["ap_daily"] = self.ap_daily[:n] * ka
        data["f107_obs_sfu"] = scale_excess(self.f107_obs_sfu[:n], kf, fl)
        data["f107_obs_ctr81_sfu"] = scale_excess(self.f107_obs_ctr81_sfu[:n], kf, fl)
        data["f107_obs_lst81_sfu"] = scale_excess(self.f107_obs_lst81_sfu[:n], kf, fl)
        data["f107_adj_sfu"] = scale_excess(self.f107_adj_sfu[:n], kf, fl)
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
            first_d, last_d = to_date(self.dates[0]), to_date(self.dates[last])
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


def _make_series(sw: SpaceWeather, solar: str) -> _Series:
    n = sw.dates.shape[0]
    day = np.arange(n)
    kf, ka = sw._scales(solar, day)
    floor = sw.scenario_factors.floor_sfu if sw.scenario_factors else F107_FLOOR_SFU
    f107_clean = np.where(sw.radio_burst, sw.f107_obs_ctr81_sfu, sw.f107_obs_sfu)
    regime = sw.regime_code.copy()
    if solar in ("low", "high"):
        regime[sw.n_observed :] = REGIME_SCENARIO
    ap = (sw.ap_3h * ka[:, None]).ravel()
    ap_pad = np.concatenate([np.full(_HISTORY_SLOTS, ap[0]), ap])
    csum = np.concatenate([[0.0], np.cumsum(ap_pad)])
    mean8 = np.full(ap_pad.shape, np.nan)
    mean8[7:] = (csum[8:] - csum[:-8]) / 8.0
    out = _Series(
        f107_msis=scale_excess(f107_clean, kf, floor),
        f107a=scale_excess(sw.f107_obs_ctr81_sfu, kf, floor),
        ap_daily=sw.ap_daily * ka,
        ap_pad=ap_pad,
        mean8_pad=mean8,
        regime=regime,
    )
    for arr in (out.f107_msis, out.f107a, out.ap_daily, out.ap_pad, out.mean8_pad, out.regime):
        arr.setflags(write=False)
    return out


def attach_scenario_series(sw: SpaceWeather) -> None:
    """Precompute the per-scenario arrays :meth:`SpaceWeather.msis_inputs` reads.

    Parameters
    ----------
    sw : SpaceWeather
        A table just built; its ``nominal``/``observed`` (and, with scenario factors,
        ``low``/``high``) series are set in place.
    """
    series: dict[str, _Series] = {}
    series["nominal"] = _make_series(sw, "nominal")
    series["observed"] = series["nominal"]  # same values; only the covered range differs
    if sw.scenario_factors is not None:
        series["low"] = _make_series(sw, "low")
        series["high"] = _make_series(sw, "high")
    object.__setattr__(sw, "_series", series)
