"""Station model: modules, segments, owners, vehicles, ports, tanks, engines; mass, drag
area and ballistic coefficient; loading and validating ``station.toml``.

>>> from stationkeeper.station import load_station
>>> iss = load_station()            # the shipped ISS, 2022-03-03
>>> round(iss.ballistic_coefficient_kg_m2)     # the drag fitted to the real orbit
135
>>> round(iss.with_drag("topo").ballistic_coefficient_kg_m2)   # NASA TOPO's Cd x A
78
"""

from __future__ import annotations

from stationkeeper.station.history import DatedStation, station_at
from stationkeeper.station.load import load_station
from stationkeeper.station.model import (
    COMMERCIAL_OWNERS,
    ENGINE_ROLES,
    MODULE_KINDS,
    OWNERS,
    PARTNER_AGENCIES,
    SEGMENTS,
    VEHICLE_TYPES,
    Engine,
    Module,
    Station,
    Tank,
    Vehicle,
)
from stationkeeper.station.summary import SUMMARY_KEYS, station_summary

__all__ = [
    "COMMERCIAL_OWNERS",
    "DatedStation",
    "ENGINE_ROLES",
    "MODULE_KINDS",
    "OWNERS",
    "PARTNER_AGENCIES",
    "SEGMENTS",
    "SUMMARY_KEYS",
    "VEHICLE_TYPES",
    "Engine",
    "Module",
    "Station",
    "Tank",
    "Vehicle",
    "load_station",
    "station_at",
    "station_summary",
]
