"""10-year scenario with a reboost policy (issue 3: < 30 s on a 2-core machine).

    python benchmarks/bench_scenario.py

Runs the shipped ISS from the 2022-03-03 TLE for 3,652 days, nominal solar activity, reboost
band 400-420 km with Zvezda's engines and Zarya/Zvezda tanks topped up by a Progress-style
transfer every 90 days, and prints the wall time.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from stationkeeper import run_scenario

HEAD = """[scenario]
name = "10 years with a reboost policy"
duration_days = 3652

[reboost]
floor_km = 400.0
target_km = 420.0
engines = ["Zvezda main engines", "Progress MS"]
"""


def main() -> None:
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
        t0 = time.perf_counter()
        res = run_scenario(p)
        wall = time.perf_counter() - t0
    b = next(iter(res.summary["bodies"].values()))
    print(
        f"{res.summary['duration_days']:.0f} days, {b['reboosts']} reboosts, "
        f"{res.summary['propellant']['spent_kg']:,.0f} kg spent, "
        f"final {b['final_mean_altitude_km']:.1f} km: wall {wall:.1f} s"
    )


if __name__ == "__main__":
    main()
