"""Space weather for the atmosphere: F10.7, its 81-day mean and Ap, past and future.

Reads CelesTrak's CSSI space-weather file, format v1.2
(https://celestrak.org/SpaceData/SpaceWx-format.php): observed daily values,
then ``DAILY_PREDICTED`` (NOAA's 45-day forecast), then ``MONTHLY_PREDICTED``
(about 16 years ahead).  One :class:`SpaceWeather` holds a contiguous daily
table built from the three sections and answers, vectorised,
:meth:`SpaceWeather.msis_inputs` -- exactly the F10.7, F10.7a and 7-element ap
vector NRLMSIS wants, with the same conventions as ``pymsis.utils.get_f107_ap``
-- for one of four solar-activity scenarios:

``observed``  observed rows only; any other time raises :class:`SpaceWeatherRangeError`.
``nominal``   observed, then CelesTrak's daily, then monthly predictions.
``low``/``high``  the observed past, then the predictions scaled by the spread of
              the past solar cycles found in the same file (:class:`ScenarioFactors`).

Rules (see ``docs/space-weather.md`` for the reasons and the numbers):

* Monthly predicted rows hold for every day of their month (days already
  covered by a daily row keep the daily row).  Days between the last daily row
  and the first monthly month are held at the last daily row (``filled``).
* Monthly rows carry no Kp/Ap: their daily Ap (and all eight 3-hourly ap) come
  from a linear fit of monthly mean Ap on monthly mean F10.7 over the last
  22 years of observed months (:class:`ApModel`).
* Blank fields (CelesTrak leaves missing values blank): 3-hourly ap <- the
  day's Ap, Ap <- mean of the eight ap, F10.7 observed <- F10.7 adjusted moved
  from 1 AU to the Earth's distance, then linear interpolation in time; 81-day
  means <- recomputed from the daily F10.7 series (mean of the days available).
  Every day with a value not read from the file is flagged ``filled``.
* Near the end of the observed section, CelesTrak's centred 81-day averages
  already include up to 40 days of *predicted* F10.7; they are used as given.
* Solar radio bursts: a daily observed F10.7 above 400 sfu is replaced by its
  81-day centred mean in the MSIS inputs, as pymsis does (the raw value stays
  in the table, flagged ``radio_burst``).

Modules: :mod:`.cssi` (the file format), :mod:`.daily_table` (building the table),
:mod:`.queries` (:class:`SpaceWeather`, regimes), :mod:`.scenarios` (low/high),
:mod:`.ap_model` (monthly-forecast Ap), :mod:`.days` (dates and times).

``python -m stationkeeper.environment.spaceweather [FILE]`` prints the
coverage, the fitted Ap model and the scenario factors of a file.
"""

from __future__ import annotations

from stationkeeper.environment.spaceweather.ap_model import AP_MODEL_YEARS, ApModel
from stationkeeper.environment.spaceweather.daily_table import (
    SOLAR_RADIO_BURST_SFU,
    load_space_weather,
)
from stationkeeper.environment.spaceweather.queries import (
    REGIMES,
    MsisInputs,
    SpaceWeather,
    SpaceWeatherDay,
)
from stationkeeper.environment.spaceweather.scenarios import (
    DEFAULT_SOLAR_SCENARIOS,
    F107_FLOOR_SFU,
    SCENARIO_PERCENTILES,
    SCENARIO_RAMP_DAYS,
    SOLAR_SCENARIOS,
    ScenarioFactors,
    derive_scenario_factors,
)

__all__ = [
    "AP_MODEL_YEARS",
    "F107_FLOOR_SFU",
    "REGIMES",
    "SCENARIO_PERCENTILES",
    "SCENARIO_RAMP_DAYS",
    "SOLAR_RADIO_BURST_SFU",
    "DEFAULT_SOLAR_SCENARIOS",
    "SOLAR_SCENARIOS",
    "ApModel",
    "MsisInputs",
    "ScenarioFactors",
    "SpaceWeather",
    "SpaceWeatherDay",
    "derive_scenario_factors",
    "load_space_weather",
]
