"""Errors over HTTP: every refusal is ``{"error", "field", "allowed"}`` with a 4xx status.

* :class:`~stationkeeper.errors.StationkeeperError` (bad input, an impossible request): 422,
  the one line the CLI prints (``file:line: field: message (allowed: ...)``).
* FastAPI's request validation (a missing or mistyped field): 422 in the same shape, the
  field named by its place in the request (``samples``, ``values``).
* Unknown job or file: 404 (:class:`NotFound`). Too large an upload: 413
  (:class:`TooLarge`). Too many jobs: 429 (:class:`Busy`).
* Anything else is a bug: logged with its traceback on the server, answered 500 with one
  line and no traceback.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from stationkeeper.errors import StationkeeperError

log = logging.getLogger("stationkeeper.web")


class HttpError(StationkeeperError):
    """A refusal with its own status code."""

    status = 400


class NotFound(HttpError):
    """An unknown job, file or page (404)."""

    status = 404


class TooLarge(HttpError):
    """An upload over the size limit (413)."""

    status = 413


class Busy(HttpError):
    """Too many jobs at once (429)."""

    status = 429


def error_body(exc: StationkeeperError, *, file_name: str | None = None) -> dict:
    """The JSON body of an error: its one line, the field and what is allowed.

    ``file_name`` replaces the file the error names (a temporary file of the server's, e.g.
    the scenario the page sent) by the name the user knows.
    """
    if file_name is not None and exc.file is not None:
        exc.file = file_name
    return {"error": str(exc), "field": exc.field, "allowed": exc.allowed}


def _field_of(loc) -> str | None:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form", "header")]
    return ".".join(parts) or None


def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errs = exc.errors()
    first = errs[0] if errs else {}
    field = _field_of(first.get("loc", ()))
    msg = str(first.get("msg", "invalid request")).replace("\n", " ")
    allowed = None
    ctx = first.get("ctx") or {}
    if "expected" in ctx:
        allowed = str(ctx["expected"])
    elif first.get("type", "").startswith(("int", "float")):
        allowed = "a number"
    elif first.get("type") == "missing":
        allowed = "a value"
    line = f"{field}: {msg}" if field else msg
    return JSONResponse({"error": line, "field": field, "allowed": allowed}, status_code=422)


def _ours(request: Request, exc: StationkeeperError) -> JSONResponse:
    status = exc.status if isinstance(exc, HttpError) else 422
    return JSONResponse(error_body(exc), status_code=status)


def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    detail = exc.detail if isinstance(exc.detail, str) else "request refused"
    return JSONResponse(
        {"error": detail, "field": None, "allowed": None},
        status_code=exc.status_code,
        headers=getattr(exc, "headers", None),
    )


def _bug(request: Request, exc: Exception) -> JSONResponse:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return JSONResponse(
        {
            "error": f"internal error: {type(exc).__name__} (please report it with the request)",
            "field": None,
            "allowed": None,
        },
        status_code=500,
    )


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` in the ``{"error", "field", "allowed"}`` shape."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StationkeeperError, _ours)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _bug)
