"""Operations: what the station's operators do.

Debris avoidance:

* :mod:`stationkeeper.ops.catalog` -- reading whole catalogues (3LE/TLE, OMM JSON/CSV)
* :mod:`stationkeeper.ops.screening` -- conjunction screening (filters, coarse grid, TCA search)
* :mod:`stationkeeper.ops.collision` -- 2-D probability of collision, covariances, CCSDS CDM
* :mod:`stationkeeper.ops.avoidance` -- NASA's decision rule and the smallest avoidance burn
"""
