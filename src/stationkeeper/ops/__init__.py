"""Operations: what the station's operators do — reboosts, attitude control, propellant,
visiting-vehicle traffic, consumables, separation and a partner's exit.

Debris avoidance (catalogues, screening, Pc, the avoidance burn):
:mod:`stationkeeper.conjunction`.
"""
