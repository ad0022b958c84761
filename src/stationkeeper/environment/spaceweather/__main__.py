"""``python -m stationkeeper.environment.spaceweather [FILE]``: a file's coverage and fits."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import numpy as np

from stationkeeper.environment.spaceweather.daily_table import load_space_weather
from stationkeeper.environment.spaceweather.queries import REGIMES


def main(argv: Sequence[str]) -> int:
    """Print the coverage, the fitted Ap model and the scenario factors of a file.

    Parameters
    ----------
    argv : sequence of str
        Optional path of a CSSI file (default: the shipped ``SW-All.txt``).

    Returns
    -------
    int
        Exit status (0).
    """
    sw = load_space_weather(argv[0] if argv else None)
    print(f"file:       {sw.source}")
    print(f"updated:    {sw.updated}")
    for code, name in enumerate(REGIMES[:3]):
        sel = np.flatnonzero(sw.regime_code == code)
        if sel.size:
            print(f"{name + ':':<18}{sw.dates[sel[0]]} to {sw.dates[sel[-1]]} ({sel.size} days)")
    print(f"filled days: {int(sw.filled.sum())}, radio-burst days: {int(sw.radio_burst.sum())}")
    if sw.ap_model:
        am = sw.ap_model
        print(
            f"monthly-forecast Ap = {am.intercept:.3f} + {am.slope_per_sfu:.5f} * F10.7 "
            f"(fit on {am.n_months} months {am.first_month:%Y-%m} to {am.last_month:%Y-%m})"
        )
    sf = sw.scenario_factors
    if sf is None:
        print("scenario factors: not derivable (fewer than two complete cycles)")
        return 0
    print("solar minima: " + ", ".join(f"{d:%Y-%m}" for d in sf.minima))
    print(f"cycle length compared: {sf.cycle_months} months")
    print(
        "per-cycle mean F10.7-excess ratio: " + ", ".join(f"{r:.3f}" for r in sf.cycle_f107_ratios)
    )
    print("per-cycle mean Ap ratio:           " + ", ".join(f"{r:.3f}" for r in sf.cycle_ap_ratios))
    p_lo, p_hi = sf.percentiles
    print(
        f"F10.7 excess over {sf.floor_sfu:g} sfu: low x{sf.f107_low:.3f} (p{p_lo:g}), "
        f"high x{sf.f107_high:.3f} (p{p_hi:g})"
    )
    print(f"Ap: low x{sf.ap_low:.3f}, high x{sf.ap_high:.3f}; ramp {sw.scenario_ramp_days:g} days")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
