"""10-year scenario with a reboost policy (issue 3: < 30 s on a 2-core machine).

    python benchmarks/bench_scenario.py

Runs the shipped ISS from the 2022-03-03 TLE for 3,652 days, nominal solar activity, reboost
band 400-420 km with Zvezda's engines and Zarya/Zvezda tanks topped up by a Progress-style
transfer every 90 days, and prints the wall and CPU time (``resource.getrusage``) and the load
average (the machine may be shared). ``--examples`` also times ``simulate`` on the shipped
examples named (default: partner-exit, partner-exit-idealised, separation), imports excluded.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from stationkeeper import run_scenario
from stationkeeper.scenario.file import load_scenario
from stationkeeper.scenario.loop import simulate

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

HEAD = """[scenario]
name = "10 years with a reboost policy"
duration_days = 3652

[reboost]
floor_km = 400.0
target_km = 420.0
engines = ["Zvezda main engines", "Progress MS"]
"""


def _cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def time_example(name: str) -> str:
    """One line: ``simulate`` of examples/<name>.toml, CPU and wall seconds, load average."""
    sc = load_scenario(EXAMPLES / f"{name}.toml")
    c0, w0 = _cpu_s(), time.perf_counter()
    simulate(sc, seed=1)
    cpu, wall = _cpu_s() - c0, time.perf_counter() - w0
    load = os.getloadavg()[0]
    return (
        f"{name}: {sc.duration_days:.0f} days, CPU {cpu:.1f} s, wall {wall:.1f} s, load {load:.1f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", nargs="*", default=None, help="shipped examples to time too")
    args = ap.parse_args()
    if args.examples is not None:
        for name in args.examples or ["partner-exit", "partner-exit-idealised", "separation"]:
            print(time_example(name))
    text = HEAD
    d = date(2022, 4, 1)
    k = 0
    while d < date(2031, 12, 1):
        name = f"Progress B{k}"
        port = "Prichal nadir"
        text += (
            f'\n[[events]]\ndate = {d}\ntype = "arrival"\nvehicle = "Progress MS"\n'
            f'name = "{name}"\nport = "{port}"\npropellant_kg = 850.0\n'
            f'\n[[events]]\ndate = {d + timedelta(days=3)}\ntype = "transfer"\n'
            f'from = "{name} refuelling tanks"\nto = "Zarya propellant tanks"\nkg = 850.0\n'
            f'\n[[events]]\ndate = {d + timedelta(days=80)}\ntype = "departure"\n'
            f'name = "{name}"\n'
        )
        d += timedelta(days=90)
        k += 1
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "ten_years.toml"
        p.write_text(text, encoding="utf-8")
        c0, t0 = _cpu_s(), time.perf_counter()
        res = run_scenario(p)
        wall, cpu = time.perf_counter() - t0, _cpu_s() - c0
    b = next(iter(res.summary["bodies"].values()))
    print(
        f"{res.summary['duration_days']:.0f} days, {b['reboosts']} reboosts, "
        f"{res.summary['propellant']['spent_kg']:,.0f} kg spent, "
        f"final {b['final_mean_altitude_km']:.1f} km: wall {wall:.1f} s, CPU {cpu:.1f} s, "
        f"load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
