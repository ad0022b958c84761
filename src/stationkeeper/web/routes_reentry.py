"""``POST /api/reentry``: the uncontrolled reentry Monte Carlo of the shipped ISS state, as a
job (``stationkeeper reentry predict --samples N --seed S``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from stationkeeper.errors import InputError

router = APIRouter(prefix="/api", tags=["reentry"])


class ReentryRequest(BaseModel):
    """The run: ``samples`` (server limit), ``seed`` (null: drawn and reported)."""

    samples: int = Field(10_000, description="Monte Carlo samples.")
    seed: int | None = Field(0, description="Random seed (same seed, same result).")
    tle: None = Field(None, description="Only the shipped state (null) for now.")


@router.post("/reentry", status_code=202)
def reentry(body: ReentryRequest, request: Request) -> dict:
    """Start the run; ``{"job_id"}``."""
    limits = request.app.state.limits
    samples = limits.check_samples(body.samples)
    if body.seed is not None and not 0 <= body.seed < 2**63:
        raise InputError(f"{body.seed}", field="seed", allowed="0 <= seed < 2**63")
    jobs = request.app.state.jobs
    job = jobs.reserve("reentry")
    jobs.submit(job, {"samples": samples, "seed": body.seed})
    return {"job_id": job.id}
