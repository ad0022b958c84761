"""``/api/presets``: the guided questions (``web.presets``), each run as a job."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request

from stationkeeper.errors import InputError
from stationkeeper.web import lazy
from stationkeeper.web.errors import NotFound
from stationkeeper.web.preset_questions import preset_list as list_presets
from stationkeeper.web.upload import UPLOAD_NAME, read_multipart

router = APIRouter(prefix="/api/presets", tags=["presets"])

_BODY = {
    "requestBody": {
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["values"],
                    "properties": {"values": {"type": "object"}},
                }
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["values"],
                    "properties": {
                        "values": {"type": "string"},
                        "catalogue": {"type": "string", "format": "binary"},
                    },
                }
            },
        },
        "required": True,
    }
}


@router.get("")
def preset_list() -> list[dict]:
    """Every preset: title, question, controls, assumptions."""
    return list_presets()


def _values(text) -> dict:
    if isinstance(text, str):
        try:
            text = json.loads(text)
        except ValueError:
            raise InputError("is not JSON", field="values", allowed="a JSON object") from None
    if not isinstance(text, dict):
        raise InputError("must be an object", field="values", allowed='{"control": value}')
    return text


@router.post("/{preset_id}", status_code=202, openapi_extra=_BODY)
async def run_preset(preset_id: str, request: Request) -> dict:
    """Check the values, then run the preset as a job; ``{"job_id"}``."""
    presets = lazy.presets
    preset = presets.PRESETS.get(preset_id)
    if preset is None:
        raise NotFound(f"no preset {preset_id!r}", field="id", allowed=", ".join(presets.PRESETS))
    jobs = request.app.state.jobs
    job = jobs.reserve("preset")
    try:
        upload = None
        if request.headers.get("content-type", "").startswith("multipart/form-data"):
            fields, upload = await read_multipart(
                request, request.app.state.limits, job.folder, "catalogue"
            )
            raw = fields.get("values", "{}")
        else:
            try:
                body = await request.json()
            except ValueError:
                raise InputError(
                    "the body is not JSON", field="values", allowed='{"values": {...}}'
                ) from None
            raw = body.get("values", {}) if isinstance(body, dict) else body
        values = presets.check_values(preset_id, _values(raw))
        if preset.needs_upload and upload is None:
            raise InputError(
                "this question needs a catalogue file",
                field="catalogue",
                allowed="a TLE/3LE/OMM file",
            )
    except BaseException:
        jobs.discard(job)
        raise
    params = {
        "preset": preset_id,
        "values": values,
        "upload": None if upload is None else str(upload),
        "assumptions": list(preset.assumptions),
    }
    if upload is not None:  # the page shows the upload by its own name, not the server's path
        params.update(path=str(upload), file_name=fields[UPLOAD_NAME])
    jobs.submit(job, params)
    return {"job_id": job.id}
