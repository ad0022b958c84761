"""``/api/jobs/{id}``: a job's state, its events (SSE), its cancel and its files."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, StreamingResponse

router = APIRouter(prefix="/api/jobs", tags=["jobs"])


@router.get("/{job_id}")
def job_state(job_id: str, request: Request) -> dict:
    """State, progress, result, partial result, error, files."""
    return request.app.state.jobs.get(job_id).as_dict()


@router.get("/{job_id}/events")
def job_events(job_id: str, request: Request) -> StreamingResponse:
    """``text/event-stream``: progress, partial, then done, error or cancelled."""
    jobs = request.app.state.jobs
    jobs.get(job_id)  # an unknown job: 404 before the stream starts
    return StreamingResponse(
        jobs.events(job_id),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.delete("/{job_id}")
def job_cancel(job_id: str, request: Request) -> dict:
    """Stop the job (its process and workers); ``{"state"}`` as it now is."""
    return {"state": request.app.state.jobs.cancel(job_id).state}


@router.get("/{job_id}/files/{name}")
def job_file(job_id: str, name: str, request: Request) -> FileResponse:
    """A file the finished job wrote, by its listed name only."""
    path = request.app.state.jobs.file_path(job_id, name)
    return FileResponse(path, filename=name)
