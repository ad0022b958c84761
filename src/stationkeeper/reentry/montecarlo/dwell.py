"""Where an object with a reentry window of days or more comes down: the orbit's dwell.

When the window is much longer than a day, the Earth turns under the orbit many times
within it: the longitude at reentry is uniform, and the argument of latitude u at reentry
is uniform too (the orbit is near-circular at the end). The latitude then has the orbit's
dwell density, for inclination i, p(φ) ∝ cos φ / sqrt(sin² i − sin² φ) (|φ| < i).
Each sample gets such an impact point (breakup, 80 km): u and the node uniform, from
``default_rng(seed)``.

The debris footprint is an along-track swath from the breakup point, from the shortest to
the longest fragment fall of :func:`.footprint.fall_fragments` (fragment ballistic
coefficients 10-1,000 kg/m², from a circular state at 80 km at the object's inclination):
light pieces stop short, dense ones fly on, so its length is that spread. The probability
that the footprint *touches* a country is the share of samples with a swath point in it
(:data:`SWATH_POINTS` points, ~360 km apart on a 4,000 km swath: a country narrower than that
along the track can be missed between points, so its figure is a lower bound).
"""

from __future__ import annotations

import math

import numpy as np

from stationkeeper.constants import BREAKUP_ALTITUDE_M, R_EARTH_EQ_M
from stationkeeper.earth.countries import country_at, load_countries
from stationkeeper.earth.geodetic import geodetic_from_gcrs
from stationkeeper.errors import InputError
from stationkeeper.orbit.state import elements_to_rv
from stationkeeper.reentry.footprint import (
    exposure,
    fall_fragments,
    ground_heading_deg,
    points_along,
)
from stationkeeper.reentry.risk import (
    CASUALTY_LIMIT,
    density_at,
    expected_casualties,
    iss_casualty_area_m2,
)

#: Points along each footprint swath.
SWATH_POINTS = 12
#: Surviving mass fractions of the ISS casualty cases (Klinkrad 2005 range; risk.py).
SURVIVING_FRACTIONS = (0.1, 0.2, 0.4)


def dwell_density(lat_deg, inclination_deg: float) -> np.ndarray:
    """Analytic latitude density (per degree) of a circular orbit: cos φ / sqrt(sin² i − sin² φ)
    / π per radian (with s = sin φ the integral over |φ| < i is π), / 180 per degree."""
    phi = np.radians(np.asarray(lat_deg, dtype=float))
    si = math.sin(math.radians(inclination_deg))
    inside = np.abs(np.sin(phi)) < si
    d = np.where(inside, np.cos(phi) / np.sqrt(np.maximum(si**2 - np.sin(phi) ** 2, 1e-300)), 0.0)
    return d / 180.0


def breakup_states(inc_rad: float, n: int, rng) -> tuple[float, np.ndarray, np.ndarray]:
    """(t_unix, r, v) of ``n`` circular breakup states: argument of latitude and node uniform
    (the time is arbitrary: the node's uniform longitude stands for it)."""
    u = rng.uniform(0.0, 2.0 * np.pi, n)
    node = rng.uniform(0.0, 2.0 * np.pi, n)
    r, v = elements_to_rv(R_EARTH_EQ_M + BREAKUP_ALTITUDE_M, 0.0, inc_rad, node, 0.0, u)
    return 946728000.0, r, v  # 2000-01-01 12:00 UTC


def swath_km(inc_rad: float) -> tuple[float, float]:
    """(shortest, longest) fragment fall downrange of a circular breakup at 80 km, km."""
    r, v = elements_to_rv(R_EARTH_EQ_M + BREAKUP_ALTITUDE_M, 0.0, inc_rad, 0.0, 0.0, 0.3)
    f = fall_fragments(946728000.0, r, v)
    d = f["downrange_km"][np.isfinite(f["downrange_km"])]
    return (float(d.min()), float(d.max())) if d.size else (0.0, 0.0)


def touch_probability(names: np.ndarray) -> dict[str, float]:
    """Share of rows (swaths) with at least one point in each country, largest first."""
    out: dict[str, float] = {}
    for name in sorted(set(x for x in names.ravel() if x is not None)):
        out[name] = float(np.mean(np.any(names == name, axis=1)))
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def footprint_touch(lat_deg: np.ndarray, lon_deg: np.ndarray) -> dict:
    """Share of swaths (rows of (n, m) points) that touch each country, land and sea."""
    names = country_at(lat_deg.ravel(), lon_deg.ravel()).reshape(lat_deg.shape)
    land = names != None  # noqa: E711 - an object array, element-wise
    return {
        "countries": touch_probability(names),
        "land": float(np.mean(land.any(axis=1))),
        "sea": float(np.mean((~land).any(axis=1))),
        "n_swaths": int(lat_deg.shape[0]),
    }


def country_block(summary: dict, name: str) -> dict:
    """One country's figures from a summary: impact point, footprint share and touch."""
    touch = summary.get("footprint_touch") or {"countries": {}}
    fp = summary.get("footprint") or {"countries": {}}
    return {
        "name": name,
        "impact_probability": summary["breakup"]["countries"].get(name, 0.0),
        "footprint_share": fp["countries"].get(name, 0.0),
        "footprint_touch_probability": touch["countries"].get(name, 0.0),
    }


def dwell_ground(inc_rad: float, n: int, seed: int, casualty_area_m2: float | None = None) -> dict:
    """Impact points, footprints, their exposure and the expected casualties (see module doc).

    Returns ``lat_deg``/``lon_deg`` (impact points, n), ``footprint_lat_deg``/``_lon_deg``
    (n, SWATH_POINTS), ``breakup`` and ``footprint`` exposure (share of points), the
    footprint's ``touch`` (per country, land and sea: share of swaths) and ``risk``.
    """
    rng = np.random.default_rng([int(seed), 12])
    t, r, v = breakup_states(inc_rad, n, rng)
    lat, lon, _ = geodetic_from_gcrs(t, r)
    head = ground_heading_deg(t, r, v)
    d0, d1 = swath_km(inc_rad)
    fla, flo = points_along(lat, lon, head, np.linspace(d0, d1, SWATH_POINTS))
    fp = exposure(fla, flo)
    fp["downrange_km"] = [d0, d1]
    fp["swath_length_km"] = d1 - d0
    fp["swath_why"] = (
        "from the shortest to the longest fall of fragments of ballistic coefficient "
        "10-1,000 kg/m² from 80 km (reentry/footprint.py; assumption: no public ISS "
        "fragment list)"
    )
    touch = footprint_touch(fla, flo)
    rho = density_at(fla, flo)
    return {
        "lat_deg": lat,
        "lon_deg": lon,
        "footprint_lat_deg": fla,
        "footprint_lon_deg": flo,
        "breakup": exposure(lat, lon),
        "footprint": fp,
        "touch": touch,
        "risk": casualties(rho, casualty_area_m2),
    }


def casualties(rho_per_km2: np.ndarray, casualty_area_m2: float | None) -> dict:
    """NASA-STD-8719.14-style E_c = A_c × mean population density under the footprints; for
    the given casualty area, or the ISS's cases (surviving fractions 10/20/40 %, assumption)."""
    areas = (
        {"given": casualty_area_m2}
        if casualty_area_m2 is not None
        else {f"iss_surviving_{f:.0%}": iss_casualty_area_m2(surviving_fraction=f)
              for f in SURVIVING_FRACTIONS}
    )  # fmt: skip
    cases = {}
    for key, a in areas.items():
        ec = expected_casualties(a, rho_per_km2)
        cases[key] = {
            "casualty_area_m2": a,
            "expected_casualties": ec,
            "exceeds_limit": ec > CASUALTY_LIMIT,
        }
    out = {"limit": CASUALTY_LIMIT, "cases": cases}
    if casualty_area_m2 is None:
        out["assumption"] = (
            "ISS casualty area: 20-1,500 kg fragments log-uniform in mass, 500 kg/m^3, "
            "10-40 % of the mass surviving (Klinkrad 2005; reentry/risk.py)"
        )
    return out


def resolve_country(name: str | None) -> str:
    """The Natural Earth name of a country given by name or ISO-3 code (default: the US)."""
    if name is None:
        return "United States of America"
    key = name.strip().casefold()
    for c in load_countries():
        if c.name.casefold() == key or (c.iso_a3 or "").casefold() == key:
            return c.name
    raise InputError(
        f"unknown country {name!r}",
        field="--country",
        allowed="a Natural Earth admin-0 name (e.g. 'United States of America') or ISO-3 code",
    )
