"""``/api/scenario``: validate a scenario file (the CLI's own checks), the shipped templates,
and a run as a job (``stationkeeper run FILE --seed S``).

The page sends the file's text; the server writes it as ``scenario.toml`` in a folder of its
own (a validation's temporary folder, or the job's folder) and reads it there. Its ``tle``
and ``[station] file`` may name only a shipped data file or a file in that folder
(:mod:`.scenario_paths`: an absolute path, ``~`` or ``..`` is a 422), never a path on the
server. A template sent unchanged is read from its shipped place (its own relative files
work); the templates are sent with their shipped-data paths as bare names, so an edited copy
still loads.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from stationkeeper.errors import InputError, StationkeeperError
from stationkeeper.web import lazy
from stationkeeper.web.jsonsafe import json_safe
from stationkeeper.web.scenario_paths import (
    SCENARIO_NAME,
    PathRefused,
    bare_shipped,
    check_paths,
    link_shipped,
)

if TYPE_CHECKING:
    from stationkeeper.scenario import Scenario

router = APIRouter(prefix="/api/scenario", tags=["scenario"])

#: The shipped example scenarios (a source checkout's examples/ folder).
EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
MAX_TOML_CHARS = 1_000_000


class ScenarioText(BaseModel):
    """A scenario file's text."""

    toml: str = Field(..., max_length=MAX_TOML_CHARS, description="The scenario TOML.")


class ScenarioRun(ScenarioText):
    """A scenario to run and the seed of its random generator (null: drawn, reported)."""

    seed: int | None = Field(None, description="Seed of the run's random generator.")


def templates() -> list[dict]:
    """The shipped examples: ``{"name", "title", "toml"}`` each."""
    out = []
    for path in sorted(EXAMPLES.glob("*.toml")) if EXAMPLES.is_dir() else ():
        text = path.read_text(encoding="utf-8")
        title = path.stem
        for line in text.splitlines():
            if line.strip().startswith("name") and "=" in line:
                title = line.split("=", 1)[1].strip().strip('"')
                break
        out.append({"name": path.stem, "title": title, "toml": bare_shipped(text)})
    return out


def template_path(text: str) -> Path | None:
    """The shipped example whose text is exactly ``text`` (or as :func:`templates` sends
    it), if any."""
    norm = text.replace("\r\n", "\n")
    for path in sorted(EXAMPLES.glob("*.toml")) if EXAMPLES.is_dir() else ():
        shipped = path.read_text(encoding="utf-8")
        if norm in (shipped, bare_shipped(shipped)):
            return path
    return None


def write_scenario(text: str, folder: Path) -> Path:
    """``text`` as ``folder/scenario.toml`` (a shipped template: its own path), after its
    paths are checked (:func:`~.scenario_paths.check_paths`: an InputError when refused)."""
    shipped = template_path(text)
    if shipped is not None:
        return shipped
    check_paths(text, folder, SCENARIO_NAME)
    link_shipped(text, folder)
    path = folder / SCENARIO_NAME
    path.write_text(text.replace("\r\n", "\n"), encoding="utf-8")
    return path


def form_view(sc: Scenario) -> dict:
    """What the form shows of a scenario."""
    return json_safe(
        {
            "name": sc.name,
            "start": sc.start.isoformat(),
            "duration_days": sc.duration_days,
            "solar": sc.solar,
            "reboost": {
                "enabled": sc.policy.enabled,
                "floor_km": sc.policy.floor_km,
                "target_km": sc.policy.target_km,
            },
            "events": [
                {"type": ev.type, "date": ev.date.isoformat(), "line": ev.line, **ev.fields}
                for ev in sc.events
            ],
        }
    )


def _load(text: str, folder: Path, limits) -> Scenario:
    path = write_scenario(text, folder)
    name = path.name if path.parent != folder else SCENARIO_NAME
    try:
        sc = lazy.scenario.load_scenario(path)
        limits.check_days(sc.duration_days, field="scenario.duration_days")
    except StationkeeperError as exc:
        if exc.file is not None:
            exc.file = name
        raise
    return sc


@router.post("/validate")
def validate(body: ScenarioText, request: Request) -> dict:
    """``{"ok", "errors": [{"error", "field", "line", "allowed"}], "scenario"}``: the first
    problem the CLI would report, at its line."""
    with tempfile.TemporaryDirectory(prefix="stationkeeper-validate-") as tmp:
        try:
            sc = _load(body.toml, Path(tmp), request.app.state.limits)
        except PathRefused:
            raise  # a 422: the server reads no file by path
        except StationkeeperError as exc:
            err = {"error": str(exc), "field": exc.field, "line": exc.line, "allowed": exc.allowed}
            return {"ok": False, "errors": [err], "scenario": None}
    return {"ok": True, "errors": [], "scenario": form_view(sc)}


@router.get("/templates")
def scenario_templates() -> list[dict]:
    """The shipped example scenarios."""
    return templates()


@router.post("/run", status_code=202)
def run(body: ScenarioRun, request: Request) -> dict:
    """Check the file, then run it as a job; ``{"job_id"}``."""
    if body.seed is not None and not 0 <= body.seed < 2**63:
        raise InputError(f"{body.seed}", field="seed", allowed="0 <= seed < 2**63")
    jobs = request.app.state.jobs
    job = jobs.reserve("scenario")
    try:
        path = write_scenario(body.toml, job.folder)
        sc = _load(body.toml, job.folder, request.app.state.limits)
    except BaseException:
        jobs.discard(job)
        raise
    name = path.name if path.parent != job.folder else SCENARIO_NAME
    params = {"path": str(path), "seed": body.seed, "file_name": name}
    jobs.submit(job, {**params, "days": sc.duration_days})
    return {"job_id": job.id}
