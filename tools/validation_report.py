"""Write docs/validation.md: the decay model against real TLE histories and reentries.

    python tools/validation_report.py          # needs ../shared/data/tle beside the repo

The same checks run (with their pass/fail thresholds) in tests/orbit/test_against_tle_history.py,
tests/orbit/test_decay_against_tle_history.py and tests/ops/test_against_iss_status_reports.py;
this script prints every number behind them.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import yaml
from drag_calibration import forecast_section  # tools/drag_calibration.py, beside this script
from hindcast_floor import HISTORIES as FLOOR_HISTORIES
from hindcast_floor import floor_section
from hindcast_floor import run as floor_run

import stationkeeper as sk
from stationkeeper.constants import BREAKUP_ALTITUDE_M, SECONDS_PER_DAY
from stationkeeper.environment.atmosphere import MsisAtmosphere
from stationkeeper.environment.spaceweather import load_space_weather
from stationkeeper.ops.attitude import (
    BACKGROUND_2002_KG_PER_DAY,
    OPM_180_DEG_KG,
    STANDARD_180_DEG_KG,
)
from stationkeeper.ops.reboost import propellant_from_history
from stationkeeper.orbit.drag_trend import BC_METHODS
from stationkeeper.orbit.hindcast import (
    KNOWN_REENTRIES,
    FreeSpan,
    fit_free_spans,
    free_span_hindcast,
)
from stationkeeper.orbit.history import altitude_error_km, detect_manoeuvres
from stationkeeper.orbit.tle import load_tle_history, shipped_2022_tle_path

REPO = Path(__file__).resolve().parents[1]
TLE = REPO.parent / "shared" / "data" / "tle"


def spans_section(
    name: str, path: Path, atm
) -> tuple[list[str], dict[str, np.ndarray], list[FreeSpan]]:
    history = load_tle_history(path)
    manoeuvres = detect_manoeuvres(history)
    free = fit_free_spans(history, atm)  # fitted once, for every method and the floor study
    variants = {m: free_span_hindcast(history, atm, bc_method=m, spans=free) for m in BC_METHODS}
    spans = variants["pooled"]
    err = np.array([s.relative_error for s in spans])
    lines = [
        f"### {name} (`{path.name}`)",
        "",
        f"{len(history)} element sets, {len(manoeuvres)} orbit changes detected "
        f"({sum(m.delta_altitude_km > 0 for m in manoeuvres)} raises), "
        f"{len(spans)} free-decay spans of >= 15 days predicted.",
        "",
        "| span (UTC) | mean F10.7 (sfu) | BC from the spans before (kg/m²) | observed loss (km) "
        "| predicted (km) | error |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for s in spans:
        lines.append(
            f"| {s.start_utc:%Y-%m-%d} → {s.end_utc:%Y-%m-%d} | {s.f107_sfu:.0f} "
            f"| {s.fitted_bc_kg_m2:.0f} | {s.observed_loss_km:.2f} | {s.predicted_loss_km:.2f} "
            f"| {s.relative_error:+.0%} |"
        )
    lines += [
        "",
        f"Median |error| **{np.median(np.abs(err)):.0%}**, mean {np.mean(err):+.0%}, "
        f"range {err.min():+.0%} … {err.max():+.0%}.",
        "",
    ]
    return lines, {m: np.array([s.relative_error for s in v]) for m, v in variants.items()}, free


def variants_section(results: dict[str, dict[str, np.ndarray]]) -> list[str]:
    names = list(results)
    lines = [
        "### How the past fits are combined",
        "",
        "| BC for a span from | "
        + " | ".join(f"{n}: median \\|error\\| (spans)" for n in names)
        + " |",
        "|---|" + "---:|" * len(names),
    ]
    labels = {
        "previous": "the span just before (the old hindcast)",
        "pooled": "**the spans of the 60 days before, weighted by loss² (default)**",
        "solar": "a ln BC - ln F10.7 line through all past fits (weights loss² x "
        "exp(-age/90 d)), not extrapolated beyond their F10.7",
    }
    for m in BC_METHODS:
        cells = [f"{np.median(np.abs(results[n][m])):.0%} ({len(results[n][m])})" for n in names]
        lines.append(f"| {labels[m]} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "The fitted (effective) BC follows solar activity: on the ISS it was ~190-220 kg/m² "
        "while F10.7 stayed near 75 sfu (Jan-Jun 2021) and ~105-150 once it rose to 85-115 "
        "(NRLMSIS's density error depends on solar activity and the BC absorbs it). The F10.7 "
        "trend, fitted on past spans only, did not beat plain pooling before the run fix (13 "
        "vs 11 % on the ISS 2021-22): in mid-2021 the past spans span too little F10.7 (< 8 %) "
        "to fit a slope, and later the slope is noisy. With the fix it beats pooling on both "
        "ISS histories (13 vs 19 %, and 6 vs 11 % on 1998-2004, where it was not designed) and "
        "loses on Tianhe (16 vs 13 %); it is not made the default on that alone, and a fixed "
        "exponent fitted on 1998-2004 and held out on 2021-22 does not help (below, 'What "
        "limits the hindcast'). The three "
        "variants were compared on these same spans, so the choice of "
        "the default among them is not independent of them (three candidates, no "
        "parameter fitted to the scored spans).",
        "",
        "Issue #10's targets were ISS < 10 % and Tianhe < 25 %. Tianhe's is met "
        f"({np.median(np.abs(results['Tianhe']['pooled'])):.0%}); the ISS's is not: "
        f"{np.median(np.abs(results['ISS']['pooled'])):.0%} over 2021-22 and "
        f"{np.median(np.abs(results['ISS 1998-2004']['pooled'])):.0%} over the "
        f"{len(results['ISS 1998-2004']['pooled'])} spans of 1998-2004 (Shuttle and "
        "assembly era, a history the method was not designed on). Until the detector cut a "
        "run of jumps as one manoeuvre, the 2021-22 median read 11 %: the 12 Nov - 3 Dec 2021 "
        "span ended on an element set (11:56 UTC) already 0.16 km into the debris-avoidance "
        "burn of 07:58 UTC (NASA: Progress 79, -0.3 mile apogee, -0.4 mile perigee; "
        "`tests/orbit/test_free_spans_against_burn_sequences.py`), which made its observed "
        "loss 0.59 km instead of 0.51 and its error +11 % instead of +27 %; the 13 errors "
        "have a gap between 8 % and 19 %, so that one span moves the median across it. "
        "A span-to-span scatter of ±20-30 % in the fitted BC remains "
        "(attitude and solar-array configuration, beta angle — e.g. the high-beta span of "
        "Dec 2021 fits ~170 kg/m² against ~120 either side — and the TLE noise over short "
        "spans) that nothing available before a span predicts: even the fits on both sides "
        "of a span, future ones included, miss it by about as much ('What limits the "
        "hindcast' below).",
        "",
        "Tried for that target and not adopted (items 1-5 measured before the run "
        "fix, against the 11 % baseline), each judged on spans not fitted: (1) the "
        "solar beta angle (the arrays track the Sun, so their ram-facing area goes as "
        "cos β; `orbit.drag_trend.beta_angle_deg`): a ln BC - cos β line predicts held-out "
        "spans worse than a constant (`tools/drag_calibration.py`: RMS error of ln BC 0.268 "
        "vs 0.255 leave-one-out, 0.320 vs 0.305 forward in time; with F10.7 as well 0.234 "
        "and 0.395), and the spans disagree on the sign (Feb 2022 at |β| 45° fits 112 "
        "kg/m², Dec 2021 at 59° fits 171); (2) the F10.7 line alone: better leave-one-out "
        "(0.215) but worse forward (0.325); (3) exploratory, on this hindcast with the "
        "predicted loss scaled as 1/BC from each span's fit (a shortcut that reproduces the "
        "table above): scaling the pooled fits by F10.7^s (daily, last-81-day or centred "
        "81-day, s 0.25-1.5) gives the ISS 10-16 %, never below pooling on both stations; "
        "the pooling window (30, 45, 60, 90, 120, 180 days) gives 15, 12, 11, 17, 9, 12 % - "
        "noise, not a trend, and a window chosen span by span on the earlier spans gives "
        "16 %; pooling only since Nauka / Prichal 13-17 %; rejecting element sets more than "
        "5 robust σ off a quadratic in each span removes 0-5 sets per ISS span and moves "
        "the fits by < 2 % (short spans excepted), but makes a Tianhe span with a burn "
        "inside fittable (Tianhe 13 → 43 %); a 0.1 km manoeuvre floor instead of 0.2 "
        "(re-propagated) splits the ISS history into 8 spans of >= 15 days, median 13 % "
        "(Tianhe 4 %); (4) the weights of the pooled fits: inverse variances with a "
        "between-span scatter τ in ln BC beside the TLE noise over each span's loss (τ "
        "0.05-0.3, or estimated from the past fits alone) make them nearly equal, and give "
        "the ISS 8.9-9.6 % (its 7th of 13 errors moves from +11 % to -9 … -10 %; mean error "
        "-6 %) but Tianhe 20-21 % (its spans then 15-24 % under-predicted); weights ∝ loss "
        "give 8.6 % and 15 %: each takes the ISS below 10 % by one span crossing it and loses "
        "on Tianhe, and was chosen on these same spans, so none is the default; (5) each "
        "fit scaled by the configuration of its day (`station.history.station_at`: m/(Cd·A) "
        "81.9 kg/m² before the iROSA arrays of June 2021, 77.2-77.7 after Nauka and "
        "Prichal): the first span after the arrays moves from -20 % to -15 %, the median "
        "stays 11 % (the configuration changes the BC by 6 %, the fits by 40 %); (6) the "
        "sun-tracking arrays' ram-facing area along the orbit, weighted by the NRLMSIS drag "
        "at each point (SGP4 positions every 3 min, the array normal on the Sun, a fraction "
        "0.2-1 of the drag on the arrays, with or without feathering in eclipse; exploratory, "
        "the 1/BC shortcut): the high-beta span of 4-24 Dec 2021 improves (+35 % to +26 … -20 %) "
        "but the low-beta one after it gets worse (+38 % to +41 … +67 %), median 13-22 %; "
        "(7) the pooling itself chosen on the 1998-2004 history (after the run fix; "
        "window 30 days to all past spans, weights loss^0-2 or with a between-span τ, "
        "recency e-folding 30-120 days: 160 variants, the 1/BC shortcut): the five best "
        "there (7-8 %) give 12-13 % on 2021-22, the five best on 2021-22 (7.5-8 %) give "
        "9-13 % on 1998-2004; across the 160 the 2021-22 median swings from 7.5 to 20 % "
        "while the mean |error| stays 13-17 % (1998-2004: 11-15 %) - the median of 13 "
        "spans with a gap in their errors moves by one span, and no variant carries over "
        "from one era to the other; and (before the fix) fitting only the last 5, 10 or "
        "20 days before a span gives 32, 30, 16 % (2021-22) and 17, 13, 12 % (1998-2004).",
        "",
    ]
    return lines


def cryosat_section() -> list[str]:
    """The manoeuvre detector against CryoSat-2's operator-reported manoeuvres."""
    with open(TLE / "cryosat2_manoeuvres.yaml") as f:
        truth = yaml.safe_load(f)["manoeuvre_timestamps"]
    t = np.array([m.replace(tzinfo=UTC).timestamp() for m in truth])
    hist = load_tle_history(TLE / "cryosat2_36508_2010-2022.tle")
    day = SECONDS_PER_DAY
    lines = [
        "## Manoeuvre detection against CryoSat-2",
        "",
        f"`cryosat2_36508_2010-2022.tle` ({len(hist)} element sets) and the operator's "
        f"{len(t)} manoeuvre times (`cryosat2_manoeuvres.yaml`, ESA). A detection is true "
        "when a reported manoeuvre lies between its two element sets ± 1 day; a manoeuvre is "
        "recalled when a detection covers it so (asserted in "
        "`tests/orbit/test_against_cryosat2_manoeuvres.py`).",
        "",
        "| jump floor | detections | precision | recall |",
        "|---|---:|---:|---:|",
    ]

    def score(found, truth) -> tuple[float, float]:
        lo = np.array([m.before_utc.timestamp() for m in found]) - day
        hi = np.array([m.after_utc.timestamp() for m in found]) + day
        prec = np.mean([((truth >= a) & (truth <= b)).any() for a, b in zip(lo, hi, strict=True)])
        return float(prec), float(np.mean([((lo <= x) & (hi >= x)).any() for x in truth]))

    for floor in (0.2, 0.005):
        found = detect_manoeuvres(hist, min_jump_km=floor)
        prec, rec = score(found, t)
        label = "0.2 km (default, sized for ISS reboosts)" if floor == 0.2 else f"{floor * 1e3:g} m"
        lines.append(f"| {label} | {len(found)} | {prec:.0%} | {rec:.0%} |")
    cut = datetime(2016, 7, 1, tzinfo=UTC)
    halves = []
    for part in ([e for e in hist if e.epoch_utc < cut], [e for e in hist if e.epoch_utc >= cut]):
        a, b = part[0].epoch_utc.timestamp(), part[-1].epoch_utc.timestamp()
        tt = t[(t >= a) & (t <= b)]
        prec, rec = score(detect_manoeuvres(part, min_jump_km=0.005), tt)
        halves.append(
            f"{prec:.0%} / {rec:.0%} ({part[0].epoch_utc:%Y-%m} to {part[-1].epoch_utc:%Y-%m}, "
            f"{len(tt)} manoeuvres)"
        )
    iss = np.diff([e.mean_altitude_km for e in load_tle_history(TLE / "iss_25544_2021-2022.3le")])
    iss_noise_m = 1e3 * np.median(np.abs(iss - np.median(iss)))
    cs = np.diff([e.mean_altitude_km for e in hist])
    cs_noise_m = 1e3 * np.median(np.abs(cs - np.median(cs)))
    lines += [
        "",
        "CryoSat-2's burns change its mean altitude by ~5-50 m; its TLE noise is "
        f"{cs_noise_m:.1f} m set to set (median absolute change about the median), so the "
        "noise-scaled threshold (six robust standard deviations) finds them once the "
        "ISS-sized floor is lowered. The 5 m floor was chosen on the whole record; on its "
        f"halves it gives precision / recall {halves[0]} and {halves[1]}. On the ISS the "
        f"floor stays at 0.2 km: its TLE noise ({iss_noise_m:.0f} m set to set, with outlier "
        "sets after burns) would make "
        "a 5 m floor cut the free spans at noise.",
        "",
    ]
    return lines


def reentry_section() -> list[str]:
    lines = [
        "| object | cut-off before reentry | fitted BC (kg/m²) | predicted (UTC) | true (UTC) "
        "| error (h) | error / remaining time |",
        "|---|---:|---:|---|---|---:|---:|",
    ]
    for name, (fname, truth, _src) in KNOWN_REENTRIES.items():
        for days in (7, 1):
            r = sk.lifetime(
                tle_history=TLE / fname,
                until=truth - timedelta(days=days),
                solar="observed",
                reentry_altitude_km=BREAKUP_ALTITUDE_M / 1e3,
            )
            pred = datetime.fromisoformat(r["reentry_utc"])
            start = datetime.fromisoformat(r["start_utc"])
            err_s = (pred - truth).total_seconds()
            rel = err_s / (truth - start).total_seconds()
            lines.append(
                f"| {name} | {days} d | {r['fit']['ballistic_coefficient_kg_m2']:.1f} "
                f"| {pred:%Y-%m-%d %H:%M} | {truth:%Y-%m-%d %H:%M} | {err_s / 3600:+.1f} "
                f"| {rel:+.1%} |"
            )
    lines.append("")
    lines += [f"* {n}: {src}" for n, (_, _, src) in KNOWN_REENTRIES.items()]
    return lines


# 2021 refuelling deliveries (published where named; MS-16 at the low end of 600-850 kg) and
# the Progress MS's own propulsion tanks (~880 kg, vehicles.toml, derived): the supply side.
SUPPLY_2021_KG = {"Progress MS-16": 600.0, "Progress MS-17": 470.0, "Progress MS-18": 560.0}
PROGRESS_OWN_TANKS_KG = 880.0


def baseline_section() -> list[str]:
    """examples/baseline-2021.toml against the 2021 TLE history and the 2021 supply side."""
    res = sk.run_scenario(REPO / "examples" / "baseline-2021.toml")
    hist = load_tle_history(TLE / "iss_25544_2021-2022.3le")
    ts = res.timeseries
    e = np.abs(altitude_error_km(ts["epoch_utc"], ts["mean_altitude_km"], hist))
    p = res.summary["propellant"]
    days = res.summary["duration_days"]
    burn = p["spent_by_purpose_kg"]["burn"]
    att = p["spent_by_purpose_kg"].get("attitude", 0.0)
    jumps_km = sum(
        abs(m.delta_altitude_km) for m in detect_manoeuvres(hist) if m.epoch_utc.year == 2021
    )
    hand = jumps_km / 1.77 * 155.0
    low = sum(SUPPLY_2021_KG.values())
    high = low + len(SUPPLY_2021_KG) * PROGRESS_OWN_TANKS_KG
    rot = res.scenario.attitude.maneuvers_per_year * days / 365.25

    def total(k: float) -> float:
        return p["spent_kg"] + rot * (k - res.scenario.attitude.kg_per_maneuver)

    return [
        "",
        "## The 2021 baseline scenario",
        "",
        "`stationkeeper run examples/baseline-2021.toml`: the year 2021 as flown (real visiting "
        "vehicles, five port relocations, the 12 orbit changes found in the TLE history, "
        "observed space weather; drag fitted to the first three January weeks only).",
        "",
        f"* Mean altitude vs the TLE history, {len(e)} days: max {e.max():.1f} km, "
        f"95th percentile {np.percentile(e, 95):.1f} km, median {np.median(e):.2f} km "
        "(the issue asks for < 5 km every day).",
        f"* Orbit changes: {burn:,.0f} kg modelled (rocket equation, each engine's Isp, the "
        f"station's mass) vs {hand:,.0f} kg by hand from the TLE jumps ({jumps_km:.1f} km x "
        "155 kg per m/s / 1.77 km per m/s, iss_facts rules of thumb).",
        f"* Attitude control: {att:,.0f} kg ({res.scenario.attitude.describe()}; rotations: "
        "NTRS 20150001912; background: measured on the 2002 station, next section). "
        f"With {STANDARD_180_DEG_KG[0]:g}-{STANDARD_180_DEG_KG[1]:g} kg per "
        f"rotation (standard jets instead of the {OPM_180_DEG_KG:g} kg optimal-propellant "
        f"manoeuvre) the year's total would be {total(STANDARD_180_DEG_KG[0]):,.0f}-"
        f"{total(STANDARD_180_DEG_KG[1]):,.0f} kg.",
        f"* Modelled total {p['spent_kg']:,.0f} kg. Supply side of 2021: {low:,.0f} kg "
        "delivered to the refuelling system by Progress MS-16/17/18 (470 and 560 kg published "
        f"for MS-17/18, MS-16 taken at 600 kg), up to {high:,.0f} kg with their own propulsion "
        "tanks (reserves about steady). The model's year lands in that band; the Nauka misfire "
        "of 29 Jul 2021 is not in it.",
        "* The published ~7,000 kg/yr (iss_facts s2) is the 2004 planning average for "
        "1999-2014: a lower station (mean altitude 356-394 km, median 378 km, 5-95 % over "
        "2000-2004 in `iss_25544_1998-2004.tle`, against 418-421 km in 2021) supplied by six "
        "Progress M1 a year at up to 1,950 kg each. 2021's deliveries could not have fed it; "
        "it is not a 2021 figure and is not used as one.",
        "",
    ] + propellant_2003_section()


def propellant_2003_section() -> list[str]:
    """The propellant model against NASA's weekly on-board propellant figures of early 2003."""
    hist = load_tle_history(TLE / "iss_25544_1998-2004.tle")
    t0, t1 = datetime(2003, 2, 27, tzinfo=UTC), datetime(2003, 4, 24, tzinfo=UTC)
    orbit, changes = propellant_from_history(hist, t0, t1, 190_000.0, 302.0)
    days = (t1 - t0).total_seconds() / SECONDS_PER_DAY
    model = orbit + BACKGROUND_2002_KG_PER_DAY * days
    measured = 4149.0 - 3663.0
    return [
        "## Station propellant use, early 2003",
        "",
        "NASA's ISS On-Orbit Status reports gave the propellant on board week by week (compiled "
        "by A. Thomson, 'ISS fuel reserve', sci.space.station, 19 Jul 2004). From 7 Nov 2002 "
        "(3,805 kg) to 23 Jan 2003 (3,669 kg) no orbit change burned station propellant (the "
        f"STS-113 reboosts used the orbiter's): {BACKGROUND_2002_KG_PER_DAY:.2f} kg/day for "
        "attitude control and everything else. From 27 Feb (4,149 kg) to 24 Apr 2003 "
        f"(3,663 kg), with no delivery between, the station used {measured:.0f} kg. The model: "
        f"{len(changes)} orbit changes found in the TLE history "
        f"({sum(abs(m.delta_altitude_km) for m in changes):.1f} km), Gauss and Tsiolkovsky at "
        f"~190 t and Isp 302 s: {orbit:.0f} kg, plus the background: **{model:.0f} kg** "
        f"({(model - measured) / measured:+.0%}; asserted within 20 % in "
        "`tests/ops/test_against_iss_status_reports.py`).",
        "",
    ]


def main() -> None:
    t0 = time.perf_counter()
    atm = MsisAtmosphere(load_space_weather(), "observed")
    out = [
        "# Validation against real orbits",
        "",
        "Produced by `python tools/validation_report.py` "
        f"(stationkeeper {sk.__version__}, {datetime.now(UTC):%Y-%m-%d}). The thresholds are "
        "asserted in `tests/orbit/test_against_tle_history.py`.",
        "",
        "## Free decay between reboosts",
        "",
        "Orbit changes are detected as jumps in TLE mean altitude against the local decay "
        "trend; consecutive jumps of one sign are one manoeuvre (a burn sequence, or the sets "
        "following one burn over several fits), cut from the set before its first step to "
        "the set after its last. Every manoeuvre-free span of at least 3 days gets its "
        "ballistic coefficient fitted (Averaged propagator, NRLMSIS 2.1, observed space "
        "weather); each span of at "
        "least 15 days is then predicted with the fits of the spans that ended in the 60 "
        "days before it starts, weighted by their altitude loss squared (`orbit/drag_trend.py`), "
        "and its mean-altitude loss compared with the TLEs'.",
        "",
        "**No peeking**: a span's prediction uses only fits of spans that ended before it "
        "starts, and the observed space weather (the propagation's input, as in any "
        "hindcast); the span's own element sets are used only to score it.",
        "",
    ]
    results, free = {}, {}
    for name, fname in FLOOR_HISTORIES.items():
        lines, results[name], free[name] = spans_section(name, TLE / fname, atm)
        out += lines
    out += variants_section(results)
    out += floor_section(*floor_run(atm, free))
    out += forecast_section(TLE / "iss_25544_2021-2022.3le")
    out += cryosat_section()
    out += [
        "## Reentry epochs",
        "",
        "Ballistic coefficient fitted to the last 3 days of TLEs before the cut-off, then the "
        "Averaged propagator with observed space weather down to 80 km (the published epochs "
        "are breakup times, near 80 km).",
        "",
    ]
    out += reentry_section()
    out += baseline_section()
    shipped = shipped_2022_tle_path()  # the default start (2026) has no observed weather yet
    cowell = sk.decay(90, tle=shipped, solar="observed", propagator="cowell").table
    averaged = sk.decay(90, tle=shipped, solar="observed", propagator="averaged").table
    c, a = cowell.mean_altitude_km.iloc[-1], averaged.mean_altitude_km.iloc[-1]
    out += [
        "",
        "## Cowell against Averaged",
        "",
        f"ISS, 90 days from 2022-03-03, observed space weather: final mean altitude "
        f"{c:.2f} km (Cowell) vs {a:.2f} km (Averaged), difference {abs(c - a) * 1e3:.0f} m "
        f"after a {cowell.mean_altitude_km.iloc[0] - c:.1f} km decay.",
        "",
        "## Uncontrolled reentry windows (Monte Carlo)",
        "",
        "The 5-95 % reentry windows of `stationkeeper reentry predict` for GOCE and Delfi-C3 "
        "from 7 and 1 days before, and whether the true epoch falls inside: "
        "`docs/validation_reentry.md`, written by `python tools/reentry_hindcast.py` (a "
        "separate script: 2,000-sample Monte Carlo runs take minutes).",
        "",
        f"_Report computed in {time.perf_counter() - t0:.0f} s._",
        "",
    ]
    path = REPO / "docs" / "validation.md"
    path.write_text("\n".join(out))
    print("\n".join(out))


if __name__ == "__main__":
    main()
