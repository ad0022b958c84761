"""The manoeuvre detector against CryoSat-2's 168 operator-reported manoeuvres (2010-2022,
ESA via the "Wide-scale Monitoring of Satellite Lifetimes" benchmark, ../shared/data/tle).

A detection counts as true when a reported manoeuvre lies between its two element sets,
give or take one day; a reported manoeuvre is recalled when some detection covers it so.
CryoSat-2's burns change its mean altitude by only ~5-50 m, so the detector's 0.2 km floor
(sized for ISS reboosts) must come down to 5 m for this orbit; the noise-scaled part of the
threshold (six robust standard deviations of the set-to-set changes) stays as it is."""

from __future__ import annotations

from datetime import UTC

import numpy as np
import yaml
from conftest import shared_file

from stationkeeper.orbit.history import detect_manoeuvres
from stationkeeper.orbit.tle import load_tle_history

TOLERANCE_S = 86400.0


def truth_and_history():
    with open(shared_file("tle", "cryosat2_manoeuvres.yaml")) as f:
        truth = yaml.safe_load(f)["manoeuvre_timestamps"]
    t = np.array([m.replace(tzinfo=UTC).timestamp() for m in truth])
    return t, load_tle_history(shared_file("tle", "cryosat2_36508_2010-2022.tle"))


def precision_recall(found, truth_s: np.ndarray) -> tuple[float, float]:
    lo = np.array([m.before_utc.timestamp() for m in found]) - TOLERANCE_S
    hi = np.array([m.after_utc.timestamp() for m in found]) + TOLERANCE_S
    true_det = [((truth_s >= a) & (truth_s <= b)).any() for a, b in zip(lo, hi, strict=True)]
    recalled = [((lo <= t) & (hi >= t)).any() for t in truth_s]
    return float(np.mean(true_det)), float(np.mean(recalled))


def test_detector_finds_most_cryosat2_manoeuvres_with_few_false_alarms():
    truth, history = truth_and_history()
    assert len(truth) == 168
    precision, recall = precision_recall(detect_manoeuvres(history, min_jump_km=0.005), truth)
    assert precision > 0.85
    assert recall > 0.75


def test_the_iss_sized_floor_misses_cryosat2_burns_but_never_invents_one():
    truth, history = truth_and_history()
    found = detect_manoeuvres(history)  # default floor 0.2 km
    precision, recall = precision_recall(found, truth)
    assert precision > 0.9
    assert recall < 0.2  # most CryoSat-2 burns are smaller than 0.2 km
