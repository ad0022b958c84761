"""Conjunctions: the station against a catalogue.

* :mod:`stationkeeper.conjunction.catalog` -- reading whole catalogues (3LE/TLE, OMM JSON/CSV)
* :mod:`stationkeeper.conjunction.screen_settings` -- the screening box and the search's tuning
* :mod:`stationkeeper.conjunction.filters` -- apogee/perigee and orbit-path filters
* :mod:`stationkeeper.conjunction.tca` -- coarse SGP4 grid and fine TCA search of one chunk
* :mod:`stationkeeper.conjunction.screening` -- the chunked screen of a whole catalogue
* :mod:`stationkeeper.conjunction.encounter` -- the encounter plane (miss, combined covariance)
* :mod:`stationkeeper.conjunction.pc` -- 2-D probability of collision (Foster; batch; Monte Carlo)
* :mod:`stationkeeper.conjunction.covariance` -- default covariances of TLE-derived states
* :mod:`stationkeeper.conjunction.cdm` -- CCSDS conjunction data messages (KVN)
* :mod:`stationkeeper.conjunction.avoidance` -- NASA's decision rule and the smallest avoidance burn
* :mod:`stationkeeper.conjunction.run` -- the whole screening run behind ``screen``
"""
