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

from stationkeeper.orbit.tle import ElementSet


@dataclass(frozen=True)
class Manoeuvre:
    """A detected orbit raise between two consecutive element sets."""

    before_utc: datetime
    after_utc: datetime
    delta_altitude_km: float

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


def detect_manoeuvres(history: list[ElementSet], min_jump_km: float = 0.2) -> list[Manoeuvre]:
    """Orbit raises in a sorted TLE history (see module docstring for the rule)."""
    h = np.array([e.mean_altitude_km for e in history])
    if h.size < 4:
        return []
    dh = np.diff(h)
    mad = float(np.median(np.abs(dh - np.median(dh))))
    threshold = max(min_jump_km, 6.0 * 1.4826 * mad)
    found: list[Manoeuvre] = []
    i = 0
    n = h.size
    while i < n - 1:
        before = np.median(h[max(0, i - 2) : i + 1])
        after = np.median(h[i + 1 : min(n, i + 4)])
        if dh[i] > threshold / 2 and after - before > threshold:
            # take the largest single step among consecutive candidates
            j = i
            while j + 1 < n - 1 and dh[j + 1] > threshold / 2:
                j += 1
            k = i + int(np.argmax(dh[i : j + 1]))
            found.append(
                Manoeuvre(history[k].epoch_utc, history[k + 1].epoch_utc, float(after - before))
            )
            i = j + 1
            continue
        i += 1
    return found


def free_spans(
    history: list[ElementSet],
    manoeuvres: list[Manoeuvre],
    min_days: float = 15.0,
    margin_days: float = 0.5,
) -> list[list[ElementSet]]:
    """Runs of element sets with no manoeuvre inside, at least ``min_days`` long.

    ``margin_days`` of element sets after each manoeuvre are dropped: the first
    fits after a burn still mix pre- and post-burn tracking.
    """
    cuts = sorted(m.after_utc.timestamp() for m in manoeuvres)
    spans: list[list[ElementSet]] = []
    current: list[ElementSet] = []
    ci = 0
    margin = margin_days * 86400.0
    last_cut = -np.inf
    for es in history:
        t = es.epoch_utc.timestamp()
        while ci < len(cuts) and t >= cuts[ci]:
            if current:
                spans.append(current)
            current = []
            last_cut = cuts[ci]
            ci += 1
        if t - last_cut < margin:
            continue
        current.append(es)
    if current:
        spans.append(current)
    return [
        s
        for s in spans
        if len(s) >= 3 and (s[-1].epoch_utc - s[0].epoch_utc).total_seconds() >= min_days * 86400
    ]
