"""One year of ISS decay: stationkeeper's propagators against an Orekit reference.

    pip install -e .[bench]
    python benchmarks/bench_decay.py            # 365 days, writes benchmarks/results/bench_decay.md

Every propagator starts from the same GCRS state (SGP4 of the same TLE at its epoch, through
``stationkeeper.orbit.tle.load_tle`` / ``stationkeeper.orbit.state``), with the same mass, drag
area and Cd (ISS on 2022-03-03: 459,692 kg, 1,980 m², 3.0) and the same CelesTrak space weather
file, solar mode "observed" (2022-03 -> 2023-03 is observed data in the file). One run each,
wall-clock timed; the Orekit time excludes the JVM start (printed separately).

Output: a table (propagator, wall_s, final mean altitude, difference vs Orekit, wall-time ratio)
on stdout and as markdown, plus the daily series of every run as CSV next to it.

Orekit's atmosphere is NRLMSISE-00, ours NRLMSIS 2.1 by default. Two more rows (skip them with
``--no-msis00``) rerun our propagators with ``atmosphere="nrlmsise00"`` (pymsis version 0), the
same force model as Orekit, so the part of the difference due to the atmosphere model can be
told from the rest.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import orekit_reference as ref  # noqa: E402

PROPAGATORS = ("cowell", "averaged")
SOLAR = "observed"
RESULTS = HERE / "results"


def default_tle_path() -> Path:
    """The TLE that ``stationkeeper.decay(tle=None)`` uses (shipped in the package)."""
    try:
        from stationkeeper.orbit.tle import default_tle_path as ours

        return Path(ours())
    except ImportError:
        from importlib.resources import files

        return Path(str(files("stationkeeper.data") / "iss_25544_2022-03-03.tle"))


def initial_state(tle_path: Path):
    """(epoch_utc, r_m, v_m_s) of the newest element set of ``tle_path``, GCRS, via our API.

    This is the state ``stationkeeper.decay`` starts from (SGP4 at the TLE epoch, TEME -> GCRS
    by skyfield), so Orekit and our propagators share the initial conditions exactly.
    """
    from stationkeeper.orbit import state as st
    from stationkeeper.orbit.tle import load_tle

    es = load_tle(tle_path)
    to_state = getattr(st, "state_from_tle", None) or st.state_from_elements
    s = to_state(es)
    return s.epoch_utc.astimezone(UTC), np.asarray(s.r_m, float), np.asarray(s.v_m_s, float)


def run_ours(
    propagator: str, days: float, tle_path: Path, sw_file: Path, atmosphere: str = "nrlmsis"
) -> tuple[pd.DataFrame, float]:
    """One timed ``stationkeeper.decay`` run with the benchmark's object and space weather."""
    import stationkeeper

    t0 = time.perf_counter()
    df = stationkeeper.decay(
        days=days,
        propagator=propagator,
        atmosphere=atmosphere,
        solar=SOLAR,
        tle=tle_path,
        station=None,
        space_weather=sw_file,
        mass_kg=ref.ISS_MASS_KG,
        area_m2=ref.ISS_AREA_M2,
        cd=ref.ISS_CD,
    )
    return df, time.perf_counter() - t0


def _epochs_s(series: pd.Series) -> np.ndarray:
    return pd.to_datetime(series, utc=True).map(lambda t: t.timestamp()).to_numpy(float)


def compare(ours: pd.DataFrame, orekit: pd.DataFrame) -> tuple[float, float, float]:
    """(final mean altitude, difference vs Orekit at that epoch, max |difference|), km."""
    t_ok = _epochs_s(orekit["epoch_utc"])
    t_us = _epochs_s(ours["epoch_utc"])
    h_us = ours["mean_altitude_km"].to_numpy(float)
    inside = (t_us >= t_ok[0] - 1.0) & (t_us <= t_ok[-1] + 1.0)
    h_ok = np.interp(t_us[inside], t_ok, orekit["mean_altitude_km"].to_numpy(float))
    diff = h_us[inside] - h_ok
    final = float(h_us[-1])
    d_final = float(diff[-1]) if inside[-1] else float("nan")
    return final, d_final, float(np.max(np.abs(diff))) if diff.size else float("nan")


def markdown_table(rows: list[dict], header: str) -> str:
    lines = [
        header,
        "",
        "| propagator | wall_s | final mean altitude (km) | Δ vs Orekit, final (km) "
        "| max abs Δ vs Orekit (km) | wall / Orekit wall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['propagator']} | {r['wall_s']:.2f} | {r['final_km']:.3f} | "
            f"{r['diff_km']:+.3f} | {r['maxdiff_km']:.3f} | {r['ratio']:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=float, default=365.0)
    ap.add_argument(
        "--tle", type=Path, default=None, help="TLE file (default: the shipped ISS TLE)"
    )
    ap.add_argument("--out", type=Path, default=RESULTS / "bench_decay.md")
    ap.add_argument("--sw", type=Path, default=ref.DEFAULT_SW_FILE, help="CSSI space weather file")
    ap.add_argument(
        "--no-msis00",
        action="store_true",
        help="skip our runs with NRLMSISE-00 (pymsis version 0), Orekit's atmosphere model",
    )
    args = ap.parse_args(argv)

    try:
        import stationkeeper  # noqa: F401

        tle_path = args.tle or default_tle_path()
        epoch, r, v = initial_state(tle_path)
    except Exception:  # our package is not importable/complete yet: say so and still run Orekit
        traceback.print_exc()
        print(
            "NOTE: stationkeeper's TLE/state API is not available; using skyfield on the last "
            "TLE of the shared ISS history for the Orekit run only."
        )
        tle_path = args.tle or ref.DEFAULT_TLE_FILE
        r, v, (l1, _) = ref.iss_initial_state(tle_path, epoch=None)
        epoch = ref.tle_epoch(l1)

    print(f"start {epoch.isoformat()}  TLE {tle_path}")
    print(f"r_gcrs_m={np.round(r, 1).tolist()}  v_gcrs_m_s={np.round(v, 4).tolist()}")
    print(
        f"mass {ref.ISS_MASS_KG:.0f} kg, area {ref.ISS_AREA_M2:.0f} m2, Cd {ref.ISS_CD}, "
        f"space weather {args.sw} ({SOLAR}), {args.days:g} days"
    )

    t_vm = time.perf_counter()
    ref.setup_orekit()
    jvm_s = time.perf_counter() - t_vm
    ok_df, ok_wall = ref.orekit_decay(
        epoch, r, v, ref.ISS_MASS_KG, ref.ISS_AREA_M2, ref.ISS_CD, args.days, args.sw
    )
    print(
        f"orekit: {ok_wall:.2f} s (+ {jvm_s:.2f} s JVM start), "
        f"final {ok_df['mean_altitude_km'].iloc[-1]:.3f} km"
    )

    args.out.parent.mkdir(parents=True, exist_ok=True)
    ok_df.to_csv(args.out.with_name("decay_orekit.csv"), index=False)
    rows = [
        {
            "propagator": "orekit (reference)",
            "wall_s": ok_wall,
            "final_km": float(ok_df["mean_altitude_km"].iloc[-1]),
            "diff_km": 0.0,
            "maxdiff_km": 0.0,
            "ratio": 1.0,
        }
    ]
    missing: list[str] = []
    runs = [(f"{p}, NRLMSIS 2.1", p, "nrlmsis") for p in PROPAGATORS]
    if not args.no_msis00:
        runs += [(f"{p}, NRLMSISE-00 (Orekit's model)", p, "nrlmsise00") for p in PROPAGATORS]
    for name, propagator, atmosphere in runs:
        try:
            df, wall = run_ours(propagator, args.days, tle_path, args.sw, atmosphere)
        except (ImportError, AttributeError, NotImplementedError, TypeError) as exc:
            missing.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        tag = f"{propagator}_{atmosphere}"
        df.to_csv(args.out.with_name(f"decay_{tag}.csv"), index=False)
        final, d_final, d_max = compare(df, ok_df)
        rows.append(
            {
                "propagator": name,
                "wall_s": wall,
                "final_km": final,
                "diff_km": d_final,
                "maxdiff_km": d_max,
                "ratio": wall / ok_wall,
            }
        )
        print(f"{name}: {wall:.2f} s, final {final:.3f} km, Δ vs Orekit {d_final:+.3f} km")

    header = (
        f"## ISS decay, {args.days:g} days from {epoch:%Y-%m-%dT%H:%M:%SZ} "
        f"(solar: {SOLAR}; run {datetime.now(UTC):%Y-%m-%d})\n\n"
        f"Orekit JVM start (not in wall_s): {jvm_s:.2f} s."
    )
    table = markdown_table(rows, header)
    table += (
        "\nSame initial GCRS state, mass/area/Cd and space-weather file for every row. Orekit: "
        "NRLMSISE-00; ours: the atmosphere named in each row (NRLMSISE-00 = pymsis version 0). "
        "See benchmarks/README.md.\n"
    )
    if missing:
        table += (
            "\nNot run — `stationkeeper.decay(days, propagator=, solar=, tle=, space_weather=, "
            "mass_kg=, area_m2=, cd=)` failed:\n\n" + "\n".join(f"- {m}" for m in missing) + "\n"
        )
    args.out.write_text(table, encoding="utf-8")
    print()
    print(table)
    print(f"wrote {args.out}")
    return 2 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
