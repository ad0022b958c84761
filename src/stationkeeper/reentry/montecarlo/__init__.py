"""Uncontrolled reentry: Monte Carlo window and ground footprint, on the Batch propagator.

* :mod:`stationkeeper.reentry.montecarlo.sampling` -- the uncertain inputs and their draws;
* :mod:`stationkeeper.reentry.montecarlo.run` -- the run in chunks (local, processes, Dask);
* :mod:`stationkeeper.reentry.montecarlo.summary` -- reentry window and footprint exposure;
* :mod:`stationkeeper.reentry.montecarlo.calibration` -- the ballistic coefficient
  recalibrated for the Batch propagator;
* :mod:`stationkeeper.reentry.montecarlo.predict` -- :func:`predict_reentry`, the whole
  prediction from a TLE or a TLE history.
"""

from stationkeeper.reentry.montecarlo.predict import predict_reentry

__all__ = ["predict_reentry"]
