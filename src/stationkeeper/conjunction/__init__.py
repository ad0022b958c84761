"""Conjunctions: the station against a catalogue.

* :mod:`stationkeeper.conjunction.catalog` -- reading whole catalogues (3LE/TLE, OMM JSON/CSV)
* :mod:`stationkeeper.conjunction.screening` -- screening (filters, coarse grid, TCA search)
* :mod:`stationkeeper.conjunction.collision` -- 2-D probability of collision, covariances, CCSDS CDM
* :mod:`stationkeeper.conjunction.avoidance` -- NASA's decision rule and the smallest avoidance burn
"""
