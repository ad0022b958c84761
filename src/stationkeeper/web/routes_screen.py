"""``POST /api/screen``: close approaches of the station with an uploaded catalogue, as a job
(``stationkeeper screen CATALOGUE --days D --seed S``)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from stationkeeper.errors import InputError
from stationkeeper.web.upload import UPLOAD_NAME, read_multipart

router = APIRouter(prefix="/api", tags=["screen"])

_FORM = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["catalogue"],
                    "properties": {
                        "catalogue": {"type": "string", "format": "binary"},
                        "days": {"type": "number"},
                        "seed": {"type": "integer"},
                    },
                }
            }
        },
        "required": True,
    }
}


def number_field(fields: dict, name: str, default, kind=float):
    """A form field as ``kind`` (``default`` when absent), or an :class:`InputError`."""
    text = fields.get(name)
    if text is None or text == "":
        return default
    try:
        return kind(text)
    except ValueError:
        allowed = "an integer" if kind is int else "a number"
        raise InputError(f"{text!r} is not {allowed}", field=name, allowed=allowed) from None


@router.post("/screen", status_code=202, openapi_extra=_FORM)
async def screen(request: Request) -> dict:
    """Start the screen; ``{"job_id"}``."""
    limits = request.app.state.limits
    jobs = request.app.state.jobs
    job = jobs.reserve("screen")
    try:
        fields, path = await read_multipart(request, limits, job.folder, "catalogue")
        if path is None:
            raise InputError(
                "no catalogue uploaded", field="catalogue", allowed="a TLE/3LE/OMM file"
            )
        days = limits.check_days(number_field(fields, "days", 7.0))
        seed = number_field(fields, "seed", None, int)
        if seed is not None and not 0 <= seed < 2**63:
            raise InputError(f"{seed}", field="seed", allowed="0 <= seed < 2**63")
    except BaseException:
        jobs.discard(job)
        raise
    params = {"path": str(path), "days": days, "seed": seed, "file_name": fields[UPLOAD_NAME]}
    jobs.submit(job, params)
    return {"job_id": job.id}
