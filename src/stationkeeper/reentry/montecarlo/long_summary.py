"""The answer of a long-horizon run: window, where (impact point and footprint), casualties.

Used by :func:`.predict.predict_reentry` when the object stays up longer than the
ground-track Monte Carlo's horizon: the window from :mod:`.long_horizon`,
the ground probabilities from the orbit's dwell (:mod:`stationkeeper.reentry.montecarlo.dwell`).
"""

from __future__ import annotations

import math

from stationkeeper.constants import BREAKUP_ALTITUDE_M
from stationkeeper.reentry.montecarlo.dwell import dwell_ground
from stationkeeper.reentry.montecarlo.labels import partial_label
from stationkeeper.reentry.montecarlo.long_horizon import (
    FIRST_LOOK_SHARE,
    FIRST_LOOK_TABLE,
    FULL_TABLE,
    LongHorizonRun,
    long_window,
    run_long_horizon,
)


def long_horizon_answer(
    state,
    obj,
    *,
    bc_kg_m2,
    samples,
    seed,
    space_weather,
    uncertainty,
    casualty_area_m2,
    progress=None,
    on_partial=None,
) -> tuple[dict, LongHorizonRun]:
    """Run the long-horizon Monte Carlo and place its reentries on the ground;
    ``on_partial(summary, run)`` gets the first look (:func:`.long_horizon.run_long_horizon`)
    with ``partial`` (``n_done``, ``n_total``, ``note``)."""

    def ground(run: LongHorizonRun, n: int) -> dict:
        """The dwell ground of ``n`` points (the first look: of its own samples only)."""
        return dwell_ground(run.inclination_rad, n, seed, casualty_area_m2)

    def partial(part: LongHorizonRun) -> None:
        n = len(part.samples)
        look, full = FIRST_LOOK_TABLE, FULL_TABLE
        label = partial_label(
            n, samples, f" on drag tables {look['day_step']:g} days apart "
            f"({look['coarse_day_step']:g} in the monthly forecast; the full run: "
            f"{full['day_step']:g} and {full['coarse_day_step']:g}; about 1 % apart), "
            f"followed until {FIRST_LOOK_SHARE:.0%} were down (the rest shown as still up); "
            f"the ground shares from {n:,} impact points",
        )  # fmt: skip
        on_partial(place(part, ground(part, n)) | label, part)

    run = run_long_horizon(
        state,
        obj,
        samples=samples,
        seed=seed,
        space_weather=space_weather,
        uncertainty=uncertainty,
        bc_kg_m2=bc_kg_m2,
        progress=progress,
        on_partial=None if on_partial is None else partial,
    )
    return place(run, ground(run, samples)), run


def place(run: LongHorizonRun, g: dict) -> dict:
    """The summary of ``run``: its window, and the dwell impact points and footprints ``g``
    (:func:`.dwell.dwell_ground`, one per sample) on the samples' rows."""
    window = long_window(run)
    done = ~run.samples["reentry_s"].isna().to_numpy()
    run.samples["lat_deg"] = g["lat_deg"]
    run.samples["lon_deg"] = g["lon_deg"]
    run.samples.loc[~done, ["lat_deg", "lon_deg"]] = math.nan
    run.samples.attrs["footprint_lat_deg"] = g["footprint_lat_deg"][done]
    run.samples.attrs["footprint_lon_deg"] = g["footprint_lon_deg"][done]
    wd = window["window_days"]
    summary = {
        "method": "long_horizon",
        "method_note": (
            "orbit-averaged decay of every sample to reentry (NRLMSIS tables); the window is "
            f"{'open' if wd is None else f'{wd:.0f} days'}, much longer than a day, so the "
            "longitude at reentry is uniform and the latitude follows the orbit's dwell "
            "(cos φ / sqrt(sin² i − sin² φ)); the ground probabilities are those of the "
            "whole window, for the share that re-enters by the horizon"
        ),
        "reentry": window,
        "breakup": g["breakup"],
        "footprint": g["footprint"],
        "footprint_touch": g["touch"],
        "risk": g["risk"],
        "inclination_deg": math.degrees(run.inclination_rad),
        "horizon_days": run.horizon_days,
        "observed_space_weather_end_utc": None
        if run.observed_end_utc is None
        else run.observed_end_utc.isoformat(),
        "drag_spread": run.meta["drag_spread"],
        "breakup_altitude_km": BREAKUP_ALTITUDE_M / 1e3,
    }
    return summary
