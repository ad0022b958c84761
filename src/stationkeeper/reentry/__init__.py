"""End of life: controlled deorbit planning and the uncontrolled-reentry Monte Carlo.

* :mod:`.deorbit` -- the deorbit vehicles and stack, the burns (Delta-v, arc losses,
  propellant, shortfall), the aimed entry (breakup, impact point, footprint) and the plan;
* :mod:`.controlled_deorbit` -- the plan as the answer of ``deorbit plan``, with its risk;
* :mod:`.montecarlo` -- reentry window over space weather, Cd, area and TLE error, on the
  Batch propagator, in chunks on Dask;
* :mod:`.footprint` -- fragment fall from breakup; exposure per country, land/sea, latitude;
* :mod:`.risk` -- expected casualties (NASA-STD-8719.14 style) on the GPW population grid.
"""
