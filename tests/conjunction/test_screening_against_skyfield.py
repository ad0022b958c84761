"""The screen's closest approaches re-propagated independently with skyfield."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
from skyfield.api import EarthSatellite, load

ISS = 25544


def test_closest_five_against_skyfield(full_screen, sat_of):
    """The five closest approaches, re-propagated independently with skyfield (EarthSatellite,
    builtin timescale, GCRS) at 1-second steps around each TCA."""
    ts = load.timescale(builtin=True)
    _, station_sat = sat_of(ISS)
    st_es, _ = sat_of(ISS)
    iss = EarthSatellite(st_es.line1, st_es.line2, "ISS", ts)
    for e in sorted(full_screen["events"], key=lambda e: e["miss_km"])[:5]:
        es, _ = sat_of(e["norad_id"])
        other = EarthSatellite(es.line1, es.line2, es.name, ts)
        tca = datetime.fromisoformat(e["tca_utc"])
        centre = tca.replace(microsecond=0)
        steps = [centre + timedelta(seconds=k) for k in range(-60, 61)]
        t = ts.from_datetimes(steps)
        d = np.linalg.norm(other.at(t).position.km - iss.at(t).position.km, axis=0)
        k = int(np.argmin(d))
        assert 0 < k < len(steps) - 1
        y0, y1, y2 = d[k - 1] ** 2, d[k] ** 2, d[k + 1] ** 2
        shift = 0.5 * (y0 - y2) / (y0 - 2 * y1 + y2)
        t_sky = steps[k] + timedelta(seconds=float(shift))
        d_sky = np.sqrt(y1 - 0.25 * (y0 - y2) * shift)
        assert abs((t_sky - tca).total_seconds()) < 1e-3, e["name"]
        assert abs(d_sky - e["miss_km"]) * 1e3 < 10.0, (e["name"], d_sky, e["miss_km"])
        assert e["miss_km"] <= d.min() + 1e-6
