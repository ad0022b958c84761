"""Uploads read as they arrive: a multipart body is counted while it streams and refused
(413, one line) as soon as it passes the server's limit; the file lands in the job's folder
under a name of the server's choosing (only its suffix is kept, from a short list)."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi import Request
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from stationkeeper.errors import InputError
from stationkeeper.web.errors import TooLarge
from stationkeeper.web.limits import Limits

#: Room for the multipart headers and the form's small fields beyond the file itself.
SLACK_BYTES = 64 * 1024
#: Suffixes a catalogue keeps (they tell the reader its format); anything else is ``.tle``.
SUFFIXES = (".tle", ".3le", ".txt", ".json", ".xml", ".csv")
#: The field :func:`read_multipart` adds: the uploaded file's own name (its last part only).
UPLOAD_NAME = "upload_file_name"


def _too_large(limits: Limits, field: str) -> TooLarge:
    err = limits.upload_error(field)
    return TooLarge(err.message, field=err.field, allowed=err.allowed)


async def read_multipart(
    request: Request, limits: Limits, folder: Path, file_field: str
) -> tuple[dict[str, str], Path | None]:
    """The form's text fields (with :data:`UPLOAD_NAME`, the file's own name, when one came)
    and the uploaded ``file_field`` saved in ``folder``."""
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith("multipart/form-data"):
        raise InputError(
            f"expected a multipart/form-data upload, got {ctype or 'no content type'!r}",
            field=file_field,
            allowed=f"multipart/form-data with a file {file_field!r}",
        )
    most = limits.max_upload_bytes + SLACK_BYTES
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > most:
        raise _too_large(limits, file_field)
    seen = [0]

    async def counted():
        async for chunk in request.stream():
            seen[0] += len(chunk)
            if seen[0] > most:
                raise _too_large(limits, file_field)
            yield chunk

    try:
        form = await MultiPartParser(request.headers, counted(), max_files=1, max_fields=20).parse()
    except MultiPartException as exc:
        raise InputError(
            f"malformed upload: {exc.message}", field=file_field, allowed="multipart/form-data"
        ) from None
    fields: dict[str, str] = {}
    saved: Path | None = None
    try:
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                if key != file_field:
                    continue
                suffix = Path(value.filename or "").suffix.lower()
                saved = folder / f"upload{suffix if suffix in SUFFIXES else '.tle'}"
                name = Path(value.filename or "").name
                with saved.open("wb") as out:
                    shutil.copyfileobj(value.file, out)
                if saved.stat().st_size > limits.max_upload_bytes:
                    raise _too_large(limits, file_field)
            else:
                fields[key] = value
    finally:
        await form.close()
    if saved is not None:
        fields[UPLOAD_NAME] = name or saved.name  # the file's own name, for what the page shows
    return fields, saved
