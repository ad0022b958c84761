"""The manoeuvre rate a year implied by the screen's decision rule, and its sensitivities.

    python tools/screening_rate.py [--catalog ../shared/data/tle/catalog_2022-01-22.3le]
                                   [--json screen.json] [--station STATION.toml]

Runs ``stationkeeper.screen`` on the catalogue (or reads the ``--json`` it wrote), then prints
the markdown tables of docs/screening.md: the implied rate with the default decision-grade
covariance (conjunction/rate.py), against the size of that covariance, with the station's
own position error left out, with the TLE-default (screening) covariance (where the direct
count of one week is large enough to check the estimator), against the flux radius; and the
approaches within r of the station against the r² of a uniform flux.
"""

from __future__ import annotations

import argparse
import json
import warnings
from pathlib import Path

import numpy as np

from stationkeeper.conjunction.covariance import sp_covariance_ric
from stationkeeper.conjunction.encounter import encounter
from stationkeeper.conjunction.rate import implied_rate
from stationkeeper.conjunction.run import screen_station
from stationkeeper.earth.frames import ric_to_inertial

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT.parent / "shared" / "data" / "tle" / "catalog_2022-01-22.3le"
#: ISS avoidance manoeuvres, iss_facts §5: 39 from 1999 to Nov 2024.
HISTORICAL = "39 in 1999-2024 (~1.5 a year); 2020: 3; 2022: ~3-4 (iss_facts §5)"


def _row(label: str, rate: dict) -> str:
    return (
        f"| {label} | {rate['per_year']:.1f} ± {rate['per_year_se']:.1f} | "
        f"{rate['approaches_used']} | {rate['mean_decision_area_km2']:.2f} | "
        f"{rate['direct_count']} ({rate['direct_per_year_95'][0]:.0f}-"
        f"{rate['direct_per_year_95'][1]:.0f}/yr) |"
    )


def _object_only(events: list[dict]) -> list[dict]:
    """The events with the decision covariance of the object alone (station perfectly known)."""
    out = []
    for e in events:
        rs, vs = np.array(e["r_station_km"]), np.array(e["v_station_km_s"])
        ro, vo = np.array(e["r_object_km"]), np.array(e["v_object_km_s"])
        c_o = ric_to_inertial(sp_covariance_ric(), ro, vo)
        enc = encounter(rs, vs, np.zeros((3, 3)), ro, vo, c_o)
        out.append(dict(e, encounter=dict(e["encounter"], cov_object_only=enc.cov.tolist())))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--catalog", type=Path, default=CATALOG)
    ap.add_argument("--json", type=Path, default=None, help="a saved `screen --json` result")
    ap.add_argument("--station", type=Path, default=None, help="station.toml (default shipped)")
    args = ap.parse_args()
    if args.json:
        r = json.loads(args.json.read_text())
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = screen_station(args.catalog, station=args.station)
    events, days = r["events"], r["days"]
    hbr = r["station"]["hard_body_radius_m"] * 1e-3
    thr = r["pc_threshold"]
    kw = dict(days=days, hbr_km=hbr, threshold=thr)
    print(
        f"screen {r['start_utc'][:16]} + {days:g} d: {len(events)} approaches < "
        f"{r['report_km']:g} km; decisions: {r['counts']['manoeuvre']} manoeuvre; "
        f"TLE screening Pc >= {thr:g}: {r['counts']['screening_pc_at_threshold']}"
    )
    print(f"historical: {HISTORICAL}\n")
    print(
        "| decision covariance | implied manoeuvres / yr (± 1σ) | approaches < 10 km "
        "| mean area Pc ≥ 1e-4 (km²) | direct count this week (95 %) |"
    )
    print("|---|---|---|---|---|")
    print(_row("**default: SP-grade 100/300/100 m R/I/C per object**", r["implied_rate"]))
    for f in (0.25, 0.5, 2.0, 4.0):
        rate = implied_rate(events, cov_factor=f * f, **kw)
        rate["direct_count"], rate["direct_per_year_95"] = "–", [np.nan, np.nan]
        print(_row(f"sigmas x {f:g}", rate).replace("(nan-nan/yr)", ""))
    rate = implied_rate(_object_only(events), cov_key="cov_object_only", **kw)
    rate["direct_count"], rate["direct_per_year_95"] = "–", [np.nan, np.nan]
    print(_row("object only (station position known exactly)", rate).replace("(nan-nan/yr)", ""))
    rate = implied_rate(events, cov_key="cov_screening_plane_km2", **kw)
    rate["direct_count"] = r["counts"]["screening_pc_at_threshold"]
    from scipy import stats

    n = rate["direct_count"]
    per_year = 365.25 / days
    rate["direct_per_year_95"] = [
        0.5 * stats.chi2.ppf(0.025, 2 * n) * per_year if n else 0.0,
        0.5 * stats.chi2.ppf(0.975, 2 * n + 2) * per_year,
    ]
    print(_row("TLE default (screening; the old decision)", rate))
    print("\n| flux radius r0 (km) | implied / yr, default covariance | approaches < r0 |")
    print("|---|---|---|")
    for r0 in (5.0, 10.0, 15.0, 25.0):
        rate = implied_rate(events, flux_radius_km=min(r0, r["report_km"]), **kw)
        print(
            f"| {r0:g} | {rate['per_year']:.1f} ± {rate['per_year_se']:.1f} | "
            f"{rate['approaches_used']} |"
        )
    miss = np.array([e["miss_km"] for e in events])
    rmax = r["report_km"]
    print("\n| r (km) | approaches < r | uniform flux: N·(r/25)² |")
    print("|---|---|---|")
    for x in (2.5, 5, 10, 15, 20, 25):
        print(f"| {x:g} | {(miss < x).sum()} | {len(miss) * (x / rmax) ** 2:.1f} |")


if __name__ == "__main__":
    main()
