"""Screening figures and the decision for one close approach.

Two different questions, two different covariances:

* **screening** (TLE-only inputs): how does this approach rank? ``pc_screening`` is the
  Foster Pc with the TLE-default covariances (km level, growing with element-set age;
  :func:`stationkeeper.conjunction.covariance.tle_covariance_ric`), and ``pc_max`` the
  largest Pc any size of that covariance (its shape kept) could give this miss
  (:mod:`.max_pc`, SOCRATES's "maximum probability"; ``pc_max_sigma_scale`` is the factor
  on the sigmas where it peaks). Neither is what the operators decide on.
* **decision**: ``pc_decision`` uses a covariance that stands for what the operators know
  about a day before TCA: a CCSDS CDM's, else the SP-grade default
  (:func:`stationkeeper.conjunction.covariance.sp_covariance_ric`, an assumption, labelled
  so in the output). NASA's rule (:func:`stationkeeper.conjunction.avoidance.decide`) and
  the burn follow from it alone.

With TLE inputs the miss vector itself is the TLE one (errors of ~1 km), so a decision from
it is a model of the decision process, not a forecast of the real one; its statistics over
many approaches (the implied rate a year, :mod:`.rate`) are what can be compared with the
station's record.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np

from stationkeeper.conjunction.avoidance import PC_MANOEUVRE_THRESHOLD, decide, plan_burn
from stationkeeper.conjunction.covariance import (
    SP_DEFAULT_LABEL,
    sp_covariance_ric,
    tle_covariance_ric,
)
from stationkeeper.conjunction.encounter import encounter
from stationkeeper.conjunction.max_pc import max_pc
from stationkeeper.conjunction.pc import pc_circle
from stationkeeper.conjunction.screen_settings import ScreeningVolume
from stationkeeper.constants import JD_UNIX_EPOCH, SECONDS_PER_DAY
from stationkeeper.earth.frames import ric_to_inertial
from stationkeeper.utc import utc_from_jd

#: Order of the decisions in the risk order.
DECISION_RANK = {"manoeuvre": 0, "watch": 1, "none": 2}


def assess_event(
    event: dict,
    *,
    station_epoch_jd: float,
    earliest_utc: datetime,
    hbr_km: float,
    threshold: float = PC_MANOEUVRE_THRESHOLD,
    volume: ScreeningVolume | None = None,
    station=None,
    covariances: tuple | None = None,
    sp_scale: float = 1.0,
) -> dict:
    """Add the screening Pc, the max Pc, the decision-grade Pc, the decision and the burn.

    ``covariances``: (station, object) inertial 3x3 covariances in km² (from a CDM): they
    are the decision covariance and there is no TLE screening Pc. Otherwise the screening
    Pc uses the TLE-default covariances for each element set's age at TCA and the decision
    the SP-grade default with its sigmas × ``sp_scale``.
    """
    volume = volume or ScreeningVolume()
    rs, vs = np.array(event["r_station_km"]), np.array(event["v_station_km_s"])
    ro, vo = np.array(event["r_object_km"]), np.array(event["v_object_km_s"])
    out = dict(event)
    screening_enc = None
    if covariances is None:
        tca_jd = JD_UNIX_EPOCH + event["tca_utc"].timestamp() / SECONDS_PER_DAY
        age_s = tca_jd - station_epoch_jd
        age_o = tca_jd - event["object_epoch_jd"]
        cov_s, cov_o = tle_covariance_ric(age_s), tle_covariance_ric(age_o)
        out["station_age_days"] = float(age_s)
        out["object_age_days"] = float(age_o)
        out["object_epoch_utc"] = utc_from_jd(event["object_epoch_jd"])
        out["sigma_station_ric_km"] = np.sqrt(np.diag(cov_s)).tolist()
        out["sigma_object_ric_km"] = np.sqrt(np.diag(cov_o)).tolist()
        screening_enc = encounter(
            rs, vs, ric_to_inertial(cov_s, rs, vs), ro, vo, ric_to_inertial(cov_o, ro, vo)
        )
        sp = sp_covariance_ric(sp_scale)
        c1, c2 = ric_to_inertial(sp, rs, vs), ric_to_inertial(sp, ro, vo)
        out["covariance"] = (
            SP_DEFAULT_LABEL if sp_scale == 1.0 else (f"{SP_DEFAULT_LABEL} x {sp_scale:g}")
        )
    else:
        c1, c2 = covariances
        out["covariance"] = "CDM"
    enc = encounter(rs, vs, c1, ro, vo, c2)
    pc = pc_circle(enc.miss, enc.cov, hbr_km)
    # the max Pc is over the size of the screening covariance (its shape kept), so that
    # pc_max >= pc_screening; over the CDM's for a CDM event
    ranking_cov = enc.cov if screening_enc is None else screening_enc.cov
    pmax, k = max_pc(enc.miss, ranking_cov, hbr_km)
    out["pc_decision"] = float(pc)
    out["pc_screening"] = (
        None if screening_enc is None else float(pc_circle(enc.miss, screening_enc.cov, hbr_km))
    )
    out["screening_covariance"] = None if screening_enc is None else "TLE default"
    out["pc_max"] = float(pmax)
    out["pc_max_sigma_scale"] = float(k)
    out["hbr_m"] = hbr_km * 1e3
    out["encounter"] = {
        "miss_plane_km": enc.miss.tolist(),
        "cov_plane_km2": enc.cov.tolist(),
        "cov_screening_plane_km2": None if screening_enc is None else screening_enc.cov.tolist(),
    }
    out["decision"] = decide(pc, bool(event["in_box"]), threshold)
    if out["decision"] == "manoeuvre":
        plan = plan_burn(
            rs,
            vs,
            ro,
            vo,
            enc,
            event["tca_utc"],
            earliest_utc,
            hbr_km=hbr_km,
            station=station,
            threshold=threshold,
            volume=volume,
            covariance_label=out["covariance"],
        )
        out["burn"] = plan.as_dict()
    return out


def risk_order(events: list[dict]) -> list[dict]:
    """Decisions first (manoeuvre, watch, none), then by the maximum Pc (the screening rank,
    as SOCRATES sorts; it bounds the decision-grade Pc from above), then the closest."""
    return sorted(
        events,
        key=lambda e: (DECISION_RANK[e["decision"]], -(e.get("pc_max") or 0.0), e["miss_km"]),
    )
