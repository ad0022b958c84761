"""Reentry Monte Carlo timing: N samples over GOCE's final week, local Dask worker processes.

    python benchmarks/bench_reentry.py [--samples 10000] [--seed 1] [--scheduler ADDRESS]
    python benchmarks/bench_reentry.py --long [--samples 10000] [--partial]

``--long``: the long-horizon case (issue 12), the shipped ISS state of 2022 abandoned with no
reboost: every sample's whole decay (two years and more) at once, then the ground
probabilities from the orbit's dwell; target 10,000 samples in under 60 s on 2 cores.
``--partial``: also the time to the first partial answer (``on_partial``, the web's first look).

Prints wall time (the whole prediction: BC fit and recalibration, nominal lifetime, the
Monte Carlo, footprint exposure) and the Monte Carlo's share, the CPU time of the driver and
of the worker processes (the figure to compare on a shared machine), and the window. The
requirements: 10,000 samples over the final 7 days in under 2 minutes on 2 cores (issue 4),
under 30 s (issue 12).
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from datetime import UTC, datetime

import stationkeeper.reentry.montecarlo.long_summary as long_summary
import stationkeeper.reentry.montecarlo.predict as mc

GOCE = "../shared/data/tle/goce_34602_2009-2013.tle"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scheduler", default=None)
    ap.add_argument("--tle-history", default=GOCE)
    ap.add_argument("--until", default="2013-11-04T00:16:00+00:00")
    ap.add_argument("--long", action="store_true", help="the default ISS state (issue 12)")
    ap.add_argument("--partial", action="store_true", help="--long: time to the first partial")
    args = ap.parse_args()
    if args.long:
        long_case(args)
        return
    t_mc = {}
    original = mc.run_monte_carlo

    def timed(*a, **k):
        t0 = time.perf_counter()
        out = original(*a, **k)
        t_mc["s"] = time.perf_counter() - t0
        return out

    mc.run_monte_carlo = timed
    t0 = time.perf_counter()
    summary, run = mc.predict_reentry(
        tle_history=args.tle_history,
        until=datetime.fromisoformat(args.until).astimezone(UTC),
        samples=args.samples,
        seed=args.seed,
        scheduler=args.scheduler,
    )
    wall = time.perf_counter() - t0
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    me = resource.getrusage(resource.RUSAGE_SELF)
    r = summary["reentry"]
    print(
        f"samples {args.samples}, cores {os.cpu_count()}, horizon {summary['horizon_days']:.2f} d, "
        f"chunk {summary['chunk_size']}, step {summary['step_s']:g} s"
    )
    print(f"wall {wall:.1f} s (Monte Carlo {t_mc['s']:.1f} s)")
    print(
        f"CPU: worker processes {kids.ru_utime + kids.ru_stime:.1f} s, "
        f"driver {me.ru_utime + me.ru_stime:.1f} s; load average now {os.getloadavg()[0]:.1f} "
        "(other jobs on the machine stretch the wall time)"
    )
    print(f"median {r['median_utc']}  5% {r['p05_utc']}  95% {r['p95_utc']}")


def long_case(args) -> None:
    """The shipped ISS state, its whole decay for every sample (issue 12)."""
    t_run = {}
    original = long_summary.run_long_horizon

    def timed(*a, **k):
        t0 = time.perf_counter()
        out = original(*a, **k)
        t_run["s"] = time.perf_counter() - t0
        return out

    long_summary.run_long_horizon = timed
    first = {}

    def on_partial(part: dict, _run) -> None:
        first.setdefault("s", time.perf_counter() - t0)
        first.setdefault("window", part["reentry"])

    t0 = time.perf_counter()
    summary, _ = mc.predict_reentry(
        samples=args.samples, seed=args.seed, on_partial=on_partial if args.partial else None
    )
    wall = time.perf_counter() - t0
    me = resource.getrusage(resource.RUSAGE_SELF)
    r = summary["reentry"]
    print(f"long horizon: samples {args.samples}, cores {os.cpu_count()}, from "
          f"{summary['tle_epoch_utc'][:10]}")  # fmt: skip
    print(f"wall {wall:.1f} s (decay of every sample {t_run['s']:.1f} s)")
    if "s" in first:
        w = first["window"]
        print(f"first partial after {first['s']:.1f} s: median {w['median_utc']}  "
              f"5% {w['p05_utc']}  95% {w['p95_utc']}")  # fmt: skip
    print(
        f"CPU {me.ru_utime + me.ru_stime:.1f} s; load average now {os.getloadavg()[0]:.1f} "
        "(other jobs on the machine stretch the wall time)"
    )
    print(f"median {r['median_utc']}  5% {r['p05_utc']}  95% {r['p95_utc']}")


if __name__ == "__main__":
    main()
