"""Background jobs: one process each, progress and partial results, cancel, SSE.

The server keeps one spare job process started (spawn context; it has imported the API, so
a job starts at once) and hands it the next job, then starts another spare. A reader thread
per job moves the process's reports (:mod:`.work`) into the :class:`Job`; the page reads them
as JSON (``GET /api/jobs/{id}``) or as server-sent events (``/events``). A cancel signals the
job's process group (the job and its worker processes) and marks the job ``cancelled``.

Every job has its own folder under one temporary root (``Result.write`` puts its files in
``files/``; an upload sits beside them); the user never names a path. Finished jobs beyond
:data:`KEEP_FINISHED` are forgotten with their folders; the root goes when the server stops.
"""

from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from stationkeeper.web import lazy
from stationkeeper.web.errors import Busy, NotFound
from stationkeeper.web.limits import Limits

log = logging.getLogger("stationkeeper.web")

TERMINAL = ("done", "error", "cancelled")
#: Finished jobs kept (their results and files); older ones are forgotten.
KEEP_FINISHED = 20
#: Seconds between SSE keep-alive comments while a job is quiet.
KEEPALIVE_S = 10.0


@dataclass
class Job:
    """One job's state as the page sees it (mutated only under the manager's lock)."""

    id: str
    kind: str
    folder: Path
    state: str = "queued"
    progress: dict = field(default_factory=lambda: {"done": 0, "total": 0, "message": ""})
    result: dict | None = None
    partial: dict | None = None
    error: dict | None = None
    files: list[str] = field(default_factory=list)
    events: list[tuple[str, dict]] = field(default_factory=list)
    process: object = None
    finished_at: float | None = None

    def as_dict(self) -> dict:
        """``GET /api/jobs/{id}``."""
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "progress": dict(self.progress),
            "result": self.result,
            "partial": self.partial,
            "error": self.error,
            "files": list(self.files),
        }


class _Spare:
    """A started job process waiting for its task."""

    def __init__(self, ctx) -> None:
        self.inbox = ctx.Queue()
        self.outbox = ctx.Queue()
        self.process = ctx.Process(
            target=lazy.child_main, args=(self.inbox, self.outbox), name="stationkeeper-job"
        )
        self.process.start()


class JobManager:
    """The server's jobs (see the module doc)."""

    def __init__(self, limits: Limits, scheduler: str | None = None, spare: bool = True):
        self.limits = limits
        self.scheduler = scheduler
        self.keep_spare = spare
        self._ctx = multiprocessing.get_context("spawn")
        self._lock = threading.RLock()
        self._jobs: dict[str, Job] = {}
        self._root: Path | None = None
        self._spare: _Spare | None = None

    # -- life ----------------------------------------------------------------------------
    def start(self) -> None:
        """Make the temporary root and start the spare process."""
        with self._lock:
            if self._root is None:
                self._root = Path(tempfile.mkdtemp(prefix="stationkeeper-web-"))
            if self.keep_spare and self._spare is None:
                self._spare = _Spare(self._ctx)

    def close(self) -> None:
        """Cancel every job, stop the spare, remove the temporary root."""
        with self._lock:
            for job in self._jobs.values():
                if job.state not in TERMINAL:
                    self._stop(job, "cancelled", {})
            spare, self._spare = self._spare, None
            root, self._root = self._root, None
        if spare is not None:
            spare.inbox.put(None)
            spare.process.join(2)
            if spare.process.is_alive():
                spare.process.kill()
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)

    # -- jobs ----------------------------------------------------------------------------
    def reserve(self, kind: str) -> Job:
        """A new queued job and its folder (for an upload before :meth:`submit`); refused
        with :class:`Busy` when ``max_jobs`` are queued or running."""
        self.start()
        with self._lock:
            active = sum(j.state not in TERMINAL for j in self._jobs.values())
            if active >= self.limits.max_jobs:
                err = self.limits.jobs_error()
                raise Busy(err.message, field=err.field, allowed=err.allowed)
            job_id = uuid.uuid4().hex[:12]
            folder = self._root / job_id
            folder.mkdir()
            job = Job(job_id, kind, folder)
            self._jobs[job_id] = job
            self._forget_old()
            return job

    def discard(self, job: Job) -> None:
        """Forget a reserved job that was never submitted (a refused upload)."""
        with self._lock:
            self._jobs.pop(job.id, None)
        shutil.rmtree(job.folder, ignore_errors=True)

    def submit(self, job: Job, params: dict) -> Job:
        """Run ``job`` with ``params`` in a job process."""
        with self._lock:
            spare, self._spare = self._spare, None
        if spare is None or not spare.process.is_alive():
            spare = _Spare(self._ctx)
        with self._lock:  # said at once, before the job's process has taken the task
            job.progress = {"done": 0, "total": 0, "message": "starting"}
            job.events.append(("progress", dict(job.progress)))
        job.process = spare.process
        spare.inbox.put((job.kind, params, str(job.folder), self.scheduler))
        threading.Thread(target=self._read, args=(job, spare), daemon=True).start()
        if self.keep_spare:
            threading.Thread(target=self._refill, daemon=True).start()
        return job

    def get(self, job_id: str) -> Job:
        """The job ``job_id``, or :class:`NotFound`."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"no job {job_id!r}", field="id", allowed="the id a submit returned")
        return job

    def cancel(self, job_id: str) -> Job:
        """Stop the job's process and workers; a finished job stays as it ended."""
        job = self.get(job_id)
        with self._lock:
            if job.state not in TERMINAL:
                self._stop(job, "cancelled", {})
        return job

    def file_path(self, job_id: str, name: str) -> Path:
        """The file ``name`` a finished job wrote (only the names it listed)."""
        job = self.get(job_id)
        with self._lock:
            listed = name in job.files
        path = job.folder / "files" / name
        if not listed or not path.is_file():
            raise NotFound(
                f"job {job_id} has no file {name!r}",
                field="name",
                allowed=", ".join(job.files) or "none (the job wrote no files)",
            )
        return path

    async def events(self, job_id: str):
        """Server-sent events of the job: every report so far, then each new one."""
        job = self.get(job_id)
        sent = 0
        quiet_since = time.monotonic()
        while True:
            with self._lock:
                new = job.events[sent:]
                sent = len(job.events)
                state = job.state
            for name, data in new:
                yield f"event: {name}\ndata: {json.dumps(data, allow_nan=False)}\n\n"
                quiet_since = time.monotonic()
                if name in TERMINAL:
                    return
            if state in TERMINAL and not new:
                return
            if time.monotonic() - quiet_since > KEEPALIVE_S:
                yield ": keep-alive\n\n"
                quiet_since = time.monotonic()
            await asyncio.sleep(0.1)

    # -- inside --------------------------------------------------------------------------
    def _refill(self) -> None:
        spare = _Spare(self._ctx)
        with self._lock:
            if self._spare is None and self._root is not None:
                self._spare, spare = spare, None
        if spare is not None:  # closed meanwhile, or another refill won
            spare.inbox.put(None)

    def _read(self, job: Job, spare: _Spare) -> None:
        while True:
            try:
                event, data = spare.outbox.get(timeout=0.25)
            except queue.Empty:
                if not spare.process.is_alive():
                    with self._lock:
                        if job.state not in TERMINAL:
                            code = spare.process.exitcode
                            body = {
                                "error": f"the job's process ended (exit code {code})",
                                "field": None,
                                "allowed": None,
                            }
                            self._finish(job, "error", body)
                    break
                continue
            except (EOFError, OSError):
                break
            with self._lock:
                if job.state in TERMINAL:
                    break
                self._apply(job, event, data)
                if job.state in TERMINAL:
                    break
        spare.process.join(5)

    def _apply(self, job: Job, event: str, data: dict) -> None:
        if event == "running":
            job.state = "running"
        elif event == "progress":
            job.progress = data
            job.state = "running"
        elif event == "partial":
            job.partial = data
        elif event == "done":
            job.result = data["view"]
            job.files = list(data["files"])
            self._finish(job, "done", data["view"])
            return
        elif event == "error":
            trace = data.pop("trace", None)
            if trace:
                log.error("job %s (%s) failed:\n%s", job.id, job.kind, trace)
            job.error = data
            self._finish(job, "error", data)
            return
        job.events.append((event, data))

    def _finish(self, job: Job, state: str, data: dict) -> None:
        job.state = state
        job.finished_at = time.monotonic()
        job.events.append((state, data))

    def _stop(self, job: Job, state: str, data: dict) -> None:
        proc = job.process
        if proc is not None and proc.pid and proc.is_alive():
            try:
                os.killpg(proc.pid, signal.SIGTERM)  # the job and its worker processes
            except (ProcessLookupError, PermissionError):
                proc.terminate()
            threading.Thread(target=_kill_later, args=(proc,), daemon=True).start()
        self._finish(job, state, data)

    def _forget_old(self) -> None:
        done = sorted(
            (j for j in self._jobs.values() if j.state in TERMINAL),
            key=lambda j: j.finished_at or 0.0,
        )
        for job in done[: max(len(done) - KEEP_FINISHED, 0)]:
            self._jobs.pop(job.id, None)
            shutil.rmtree(job.folder, ignore_errors=True)


def _kill_later(proc) -> None:
    proc.join(3)
    if proc.is_alive():
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            proc.kill()
