"""Building the contiguous daily table from a CSSI file: sections merged, gaps filled.

Observed days, then ``DAILY_PREDICTED``, then ``MONTHLY_PREDICTED`` (each month's row
held for its days); blank values filled by the rules of the package docstring and
flagged ``filled``; monthly Ap from :mod:`.ap_model`; low/high factors from
:mod:`.scenarios` unless given.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np

from stationkeeper.data import data_path
from stationkeeper.environment.spaceweather.ap_model import fit_ap_model
from stationkeeper.environment.spaceweather.cssi import (
    check_consecutive,
    check_months,
    parse_rows,
    split_sections,
)
from stationkeeper.environment.spaceweather.queries import (
    REGIME_DAILY,
    REGIME_MONTHLY,
    REGIME_OBSERVED,
    SpaceWeather,
    attach_scenario_series,
)
from stationkeeper.environment.spaceweather.scenarios import (
    SCENARIO_RAMP_DAYS,
    ScenarioFactors,
    derive_scenario_factors,
)
from stationkeeper.errors import InputError

SOLAR_RADIO_BURST_SFU = 400.0
"""Daily F10.7 above this is flare-contaminated (pymsis's rule): use the 81-day mean."""
_AU_ECCENTRICITY = 0.0167


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
    header, sections = split_sections(lines, fname)

    obs = parse_rows(sections["OBSERVED"], fname, "OBSERVED")
    if obs["n"] == 0:
        raise InputError("the OBSERVED section is empty", file=fname, field="OBSERVED")
    check_consecutive(obs, fname, "OBSERVED")
    parts = [obs]
    daily = None
    if "DAILY_PREDICTED" in sections and sections["DAILY_PREDICTED"][1]:
        daily = parse_rows(sections["DAILY_PREDICTED"], fname, "DAILY_PREDICTED")
        check_consecutive(daily, fname, "DAILY_PREDICTED")
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
        monthly = parse_rows(sections["MONTHLY_PREDICTED"], fname, "MONTHLY_PREDICTED")
        check_months(monthly, fname, int(parts[-1]["date"][-1].astype(np.int64)))

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
    for code, part in ((REGIME_OBSERVED, obs), (REGIME_DAILY, daily)):
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
        regime[days] = REGIME_MONTHLY
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
        regime[gap] = np.where(regime[idx[gap]] == REGIME_MONTHLY, REGIME_MONTHLY, REGIME_DAILY)
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
    ap_model = fit_ap_model(dates[:n_obs], obs_ap_daily, f107[:n_obs], obs_ap_mask)
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
    attach_scenario_series(sw)
    for arr in (dates, regime, line, filled, ap3, ap_daily, f107, ctr, lst, adj, burst):
        arr.setflags(write=False)
    return sw


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
