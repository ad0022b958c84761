"""End of life: controlled deorbit planning and the uncontrolled-reentry Monte Carlo.

* :mod:`.deorbit` -- burns, Delta-v, propellant, feasibility, aimed breakup and footprint;
* :mod:`.montecarlo` -- reentry window over space weather, Cd, area and TLE error, on the
  Batch propagator, in chunks on Dask;
* :mod:`.footprint` -- fragment fall from breakup; exposure per country, land/sea, latitude;
* :mod:`.risk` -- expected casualties (NASA-STD-8719.14 style) on the GPW population grid.
"""
