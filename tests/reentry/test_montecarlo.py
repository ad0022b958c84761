"""Uncontrolled-reentry Monte Carlo: its wiring (draws, chunks, schedulers, Dask), refusals.

The Batch propagator itself is tested sample by sample against Cowell in
tests/orbit/test_batch.py; here a low synthetic orbit (150 km, re-enters within hours)
keeps the runs short.  The command line: tests/cli/test_reentry.py.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from stationkeeper.constants import BREAKUP_ALTITUDE_M, R_EARTH_EQ_M, SECONDS_PER_DAY
from stationkeeper.environment.atmosphere import FastGeodeticAtmosphere
from stationkeeper.environment.atmosphere_factory import make_atmosphere, space_weather_end
from stationkeeper.errors import InputError
from stationkeeper.orbit.batch import propagate_batch
from stationkeeper.orbit.state import elements_to_rv
from stationkeeper.reentry.montecarlo.predict import forecast_share
from stationkeeper.reentry.montecarlo.run import ZONAL_DEGREE, check_samples, run_monte_carlo
from stationkeeper.reentry.montecarlo.sampling import Uncertainty, draw_samples, resolve_seed
from stationkeeper.reentry.montecarlo.summary import reentry_window

EPOCH = datetime(2023, 11, 6, tzinfo=UTC)  # observed space weather
BC = 60.0
HORIZON_S = 2 * SECONDS_PER_DAY


@pytest.fixture(scope="module")
def atmosphere():
    return make_atmosphere("nrlmsis", "nominal", table=True)


@pytest.fixture(scope="module")
def low_orbit():
    return elements_to_rv(R_EARTH_EQ_M + 150e3, 0.0005, math.radians(51.6), 1.0, 0.5, 0.2)


def _run(atmosphere, low_orbit, scheduler, samples=24, chunk=8, seed=7):
    r, v = low_orbit
    return run_monte_carlo(
        EPOCH, r, v, BC, atmosphere, HORIZON_S, samples=samples, seed=seed,
        chunk_size=chunk, scheduler=scheduler,
    )  # fmt: skip


@pytest.fixture(scope="module")
def local_run(atmosphere, low_orbit):
    return _run(atmosphere, low_orbit, "synchronous")


def test_draws_follow_the_stated_spreads():
    r = np.array([6.5e6, 0.0, 0.0])
    v = np.array([0.0, 7.8e3, 0.0])
    d = draw_samples(20000, 3, r, v, 100.0, Uncertainty())
    assert np.std(np.log(d["density_scale"])) == pytest.approx(0.20, rel=0.05)
    assert np.std(np.log(d["cd_factor"] * d["area_factor"])) == pytest.approx(
        math.hypot(0.10, 0.15), rel=0.05
    )
    # along-track (here +y) position spread 1 km, radial (+x) 0.1 km
    dr = d["r_m"] - r
    assert np.std(dr[:, 1]) == pytest.approx(1000.0, rel=0.05)
    assert np.std(dr[:, 0]) == pytest.approx(100.0, rel=0.05)
    again = draw_samples(20000, 3, r, v, 100.0, Uncertainty())
    assert np.array_equal(d["r_m"], again["r_m"])


def test_a_fitted_ballistic_coefficient_narrows_the_spreads():
    r = np.array([6.5e6, 0.0, 0.0])
    v = np.array([0.0, 7.8e3, 0.0])
    wide = draw_samples(20000, 3, r, v, 100.0, Uncertainty())
    fitted = draw_samples(20000, 3, r, v, 100.0, Uncertainty.fitted())
    for key in ("density_scale", "cd_area_over_mass_m2_kg"):
        assert np.std(np.log(fitted[key])) < np.std(np.log(wide[key]))


def test_a_hindcast_inside_the_observed_space_weather_has_no_forecast_spread():
    hindcast = Uncertainty.fitted(forecast_share=0.0)
    forecast = Uncertainty.fitted(forecast_share=1.0)
    assert hindcast.density_sigma_ln < forecast.density_sigma_ln < Uncertainty().density_sigma_ln


def test_the_fit_error_widens_the_drag_draws_in_quadrature_and_leaves_the_others():
    r = np.array([6.5e6, 0.0, 0.0])
    v = np.array([0.0, 7.8e3, 0.0])
    plain = draw_samples(20000, 3, r, v, 100.0, Uncertainty.fitted(0.0))
    fit = draw_samples(20000, 3, r, v, 100.0, Uncertainty.fitted(0.08))
    for key in ("density_scale", "cd_factor", "area_factor", "r_m", "v_m_s"):
        assert np.array_equal(plain[key], fit[key])
    k_plain = np.log(plain["cd_area_over_mass_m2_kg"])
    k_fit = np.log(fit["cd_area_over_mass_m2_kg"])
    assert np.std(k_fit) == pytest.approx(math.hypot(np.std(k_plain), 0.08), rel=0.05)


def test_forecast_share_is_the_part_beyond_the_observed_record(atmosphere):
    end = space_weather_end(atmosphere.space_weather, "observed")
    assert forecast_share(atmosphere, end - timedelta(days=10), 5.0) == 0.0
    assert forecast_share(atmosphere, end + timedelta(days=1), 5.0) == 1.0
    assert forecast_share(atmosphere, end - timedelta(days=1), 4.0) == pytest.approx(0.75)


def test_no_seed_draws_a_fresh_one_that_repeats_the_run(atmosphere, low_orbit):
    assert resolve_seed(5) == 5
    assert resolve_seed(None) != resolve_seed(None)
    fresh = _run(atmosphere, low_orbit, "synchronous", samples=2, chunk=2, seed=None)
    again = _run(atmosphere, low_orbit, "synchronous", samples=2, chunk=2, seed=fresh.seed)
    assert isinstance(fresh.seed, int)
    assert np.array_equal(fresh.samples["reentry_s"], again.samples["reentry_s"])


def test_every_sample_is_its_own_batch_run(local_run, atmosphere, low_orbit):
    """Chunking and segmenting do not mix samples up: rerun two samples alone (same
    atmosphere look-up and gravity degree as the Monte Carlo)."""
    r, v = low_orbit
    tab = local_run.samples
    assert np.isfinite(tab["reentry_s"]).all()
    d = draw_samples(len(tab), 7, r, v, BC, Uncertainty())
    for k in (3, 17):
        alone = propagate_batch(
            EPOCH, d["r_m"][k : k + 1], d["v_m_s"][k : k + 1],
            d["cd_area_over_mass_m2_kg"][k : k + 1], FastGeodeticAtmosphere(atmosphere),
            HORIZON_S, density_scale=d["density_scale"][k : k + 1], step_s=30.0,
            zonal_degree=ZONAL_DEGREE,
        )  # fmt: skip
        assert tab["reentry_s"][k] == pytest.approx(alone.reentry_s[0], abs=30.0)
        assert tab["lat_deg"][k] == pytest.approx(alone.reentry_lat_deg[0], abs=0.5)


def test_samples_stop_at_the_breakup_altitude(local_run):
    """(Interpolated on the last step's chord: up to ~1 km below it at 30-s steps.)"""
    height_m = np.linalg.norm(local_run.final_r_m, axis=-1) - R_EARTH_EQ_M
    assert height_m == pytest.approx(np.full(len(height_m), BREAKUP_ALTITUDE_M), abs=1500.0)


def test_window_brackets_the_samples(local_run):
    w = reentry_window(local_run)
    t = np.sort(local_run.samples["reentry_s"].to_numpy())
    med = datetime.fromisoformat(w["median_utc"])
    assert (med - EPOCH).total_seconds() == pytest.approx(np.median(t), abs=np.ptp(t) / 10)
    assert w["p05_utc"] < w["median_utc"] < w["p95_utc"]
    assert w["reentered_share"] == 1.0


def test_local_processes_equal_synchronous(local_run, atmosphere, low_orbit):
    procs = _run(atmosphere, low_orbit, None)  # local default: worker processes (2 cores)
    assert np.array_equal(procs.samples["reentry_s"], local_run.samples["reentry_s"])


def test_dask_local_cluster_equals_local_run(local_run, atmosphere, low_orbit):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = _run(atmosphere, low_orbit, cluster.scheduler_address)
    np.testing.assert_array_equal(remote.samples["reentry_s"], local_run.samples["reentry_s"])
    np.testing.assert_array_equal(remote.samples["lat_deg"], local_run.samples["lat_deg"])


@pytest.mark.parametrize("samples", [0, -5, 2.5, True])
def test_bad_sample_counts_are_refused(samples):
    with pytest.raises(InputError) as err:
        check_samples(samples)
    assert err.value.field == "--samples"


def test_absurd_sample_count_is_refused_with_the_memory_figure():
    with pytest.raises(InputError, match="GiB"):
        check_samples(10**12)
