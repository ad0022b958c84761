"""TLE histories: mean-altitude series, manoeuvre (reboost) detection, free-decay spans.

A reboost shows in a TLE history as a jump *up* in mean altitude (a drop in
mean motion) between two consecutive element sets, against a background of
steady decay.  We flag a jump when the median altitude of the next three
element sets exceeds the median of the previous three by more than a
threshold: ``min_jump_km`` or six times the robust scatter (MAD) of the
element-to-element changes, whichever is larger.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from stationkeeper.constants import SECONDS_PER_DAY
from stationkeeper.orbit.elements import ElementSet


@dataclass(frozen=True)
class Manoeuvre:
    """A detected orbit change (negative: lowered): the burn between two consecutive element
    sets, ``before_utc`` and ``after_utc`` (the largest step of the run of steps that moved
    the orbit); ``first_utc`` and ``last_utc``: the sets just before and just after that whole
    run (a burn sequence; or TLE fits catching up with one burn), the sets between mix pre- and
    post-burn orbits. ``delta_altitude_km``: the whole run's change."""

    before_utc: datetime
    after_utc: datetime
    delta_altitude_km: float
    first_utc: datetime
    last_utc: datetime

    @property
    def epoch_utc(self) -> datetime:
        return self.before_utc + (self.after_utc - self.before_utc) / 2


def altitude_series(history: list[ElementSet]) -> pd.DataFrame:
    """One row per element set: epoch, mean altitude, perigee, apogee, B*."""
    return pd.DataFrame(
        {
            "epoch_utc": [e.epoch_utc for e in history],
            "t_unix_s": [e.epoch_utc.timestamp() for e in history],
            "mean_altitude_km": [e.mean_altitude_km for e in history],
            "perigee_km": [e.perigee_km for e in history],
            "apogee_km": [e.apogee_km for e in history],
            "bstar": [e.bstar_per_earth_radius for e in history],
        }
    )


def altitude_error_km(
    epochs_utc, mean_altitude_km, history: list[ElementSet], window_s: float = 43200.0
) -> np.ndarray:
    """Modelled minus observed mean altitude, km, at each modelled epoch that has element sets
    within ``window_s`` (observed: their median); epochs without any are left out."""
    h = altitude_series(history)
    tt, ht = h["t_unix_s"].to_numpy(), h["mean_altitude_km"].to_numpy()
    out = []
    for t, hm in zip(epochs_utc, mean_altitude_km, strict=True):
        near = np.abs(tt - t.timestamp()) < window_s
        if near.any():
            out.append(hm - np.median(ht[near]))
    return np.array(out)


def _jump_km(t: np.ndarray, h: np.ndarray, first: int, last: int, trend_sets: int) -> float:
    """Median departure of the (up to) three sets from set ``last + 1`` on from the decay
    trend of the ``trend_sets`` sets up to set ``first`` (a straight line, never rising):
    the orbit change made by the steps ``first`` … ``last`` (step k: set k to k + 1)."""
    lo = max(0, first - trend_sets + 1)
    tt, hh = t[lo : first + 1], h[lo : first + 1]
    if tt.size >= 3 and tt[-1] - tt[0] > 0.2:
        slope, icpt = np.polyfit(tt - tt[-1], hh, 1)
        slope = min(slope, 0.0)  # drag only lowers the orbit
    else:
        slope, icpt = 0.0, float(np.median(hh))
    nxt = slice(last + 1, min(t.size, last + 4))
    return float(np.median(h[nxt] - (icpt + slope * (t[nxt] - tt[-1]))))


def detect_manoeuvres(
    history: list[ElementSet], min_jump_km: float = 0.2, trend_sets: int = 6
) -> list[Manoeuvre]:
    """Orbit changes (raises and lowerings) in a sorted TLE history.

    Between element sets i and i+1, the local decay trend is a straight line
    fitted to the ``trend_sets`` sets up to i; the jump is the median of the
    next three sets' departures from that line.  A jump larger in size than
    ``min_jump_km`` or six robust standard deviations of the set-to-set noise
    (whichever is larger) is a manoeuvre.  Consecutive jumps of one sign are one
    manoeuvre (a burn sequence, e.g. a Shuttle's reboosts on successive days): it
    runs from the first to the last set-to-set step that moved the orbit, and its
    change is measured against the trend before the first.
    """
    h = np.array([e.mean_altitude_km for e in history])
    t = np.array([e.epoch_utc.timestamp() for e in history]) / SECONDS_PER_DAY
    n = h.size
    if n < 4:
        return []
    dh = np.diff(h)
    # local robust scatter of the set-to-set changes (30-set window): TLE noise grows
    # as an orbit decays, and one global figure would flag noise as burns near reentry
    s = pd.Series(dh)
    med = s.rolling(31, center=True, min_periods=5).median()
    mad = (s - med).abs().rolling(31, center=True, min_periods=5).median().to_numpy()
    threshold = np.maximum(min_jump_km, 6.0 * 1.4826 * np.nan_to_num(mad, nan=0.0))
    jumps = np.array([_jump_km(t, h, i, i, trend_sets) for i in range(n - 1)])
    found: list[Manoeuvre] = []
    i = 0
    while i < n - 1:
        if abs(jumps[i]) > threshold[i] and abs(dh[i]) > threshold[i] / 2:
            sign = np.sign(jumps[i])
            j = i
            while (
                j + 1 < n - 1
                and np.sign(jumps[j + 1]) == sign
                and abs(jumps[j + 1]) > threshold[j + 1]
            ):
                j += 1
            # the steps of the run that moved the orbit (the run's later jumps can be the
            # trend catching up with a burn already made)
            moved = i + np.nonzero(sign * dh[i : j + 1] > threshold[i : j + 1] / 2)[0]
            first, last = (int(moved[0]), int(moved[-1])) if moved.size else (i, i)
            k = i + int(np.argmax(sign * dh[i : j + 1]))
            found.append(
                Manoeuvre(
                    history[k].epoch_utc,
                    history[k + 1].epoch_utc,
                    _jump_km(t, h, min(first, k), max(last, k), trend_sets),
                    history[min(first, k)].epoch_utc,
                    history[max(last, k) + 1].epoch_utc,
                )
            )
            i = j + 1
            continue
        i += 1
    return found


def free_spans(
    history: list[ElementSet],
    manoeuvres: list[Manoeuvre],
    min_days: float = 15.0,
    margin_days: float = 1.0,
) -> list[list[ElementSet]]:
    """Runs of element sets with no manoeuvre inside, at least ``min_days`` long.

    The sets inside a manoeuvre's run (after ``first_utc``, before ``last_utc``) and
    ``margin_days`` of element sets after it are dropped: the first fits after a burn
    still mix pre- and post-burn tracking.
    """
    cuts = sorted((m.first_utc.timestamp(), m.last_utc.timestamp()) for m in manoeuvres)
    spans: list[list[ElementSet]] = []
    current: list[ElementSet] = []
    ci = 0
    margin = margin_days * SECONDS_PER_DAY
    resume = -np.inf  # no set before this time (the end of the last cut run, plus the margin)
    for es in history:
        t = es.epoch_utc.timestamp()
        while ci < len(cuts) and t > cuts[ci][0]:
            if current:
                spans.append(current)
            current = []
            resume = max(resume, cuts[ci][1] + margin)
            ci += 1
        if t < resume:
            continue
        current.append(es)
    if current:
        spans.append(current)
    return [
        s
        for s in spans
        if len(s) >= 3
        and (s[-1].epoch_utc - s[0].epoch_utc).total_seconds() >= min_days * SECONDS_PER_DAY
    ]
