"""The web studio's response times (issue 14: serve < 3 s, first reentry result < 5 s).

    python benchmarks/bench_serve.py [--port 8799] [--samples 10000] [--repeat 3]

Starts ``stationkeeper serve`` as a user would, ``--repeat`` times, and measures: the time
until the port answers ``/api/health`` (wall, and the server process's own CPU time then,
from ``/proc``: the machine may be shared); one ``/api/station`` request; a ``POST
/api/reentry`` of ``--samples`` samples (0: none; ``--settle`` seconds after that request)
until its first ``progress`` event, its first ``partial`` event and ``done`` (server-sent
events read as they arrive). Prints a Markdown table and the load average.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path


def _get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    r = conn.getresponse()
    return r.status, r.read()


def _cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of process ``pid`` so far (Linux ``/proc``), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(exe: str, port: int) -> tuple[subprocess.Popen, float, float | None]:
    """Start the server; the wall seconds until /api/health answers and its CPU seconds."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([exe, "serve", "--port", str(port)], stdout=subprocess.DEVNULL)
    while True:
        try:
            if _get(port, "/api/health")[0] == 200:
                return proc, time.perf_counter() - t0, _cpu_s(proc.pid)
        except OSError:
            time.sleep(0.02)
        if time.perf_counter() - t0 > 60:
            proc.terminate()
            raise SystemExit("the server did not answer within 60 s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8799)
    ap.add_argument("--samples", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--settle", type=float, default=0.0,
        help="seconds between the first page request and the reentry POST (a user reading "
        "the page first; 0: at once, the spare job process may still be loading)",
    )  # fmt: skip
    args = ap.parse_args()
    exe = shutil.which("stationkeeper") or str(Path(sys.executable).with_name("stationkeeper"))
    rows = []
    for k in range(max(args.repeat, 1) - 1):
        proc, wall, cpu = start_server(exe, args.port + 1 + k)
        proc.terminate()
        proc.wait(10)
        rows.append((f"`stationkeeper serve` until /api/health answers (try {k + 1})", wall))
        rows.append((f"  its CPU time (s) until then (try {k + 1})", cpu))
    proc, wall, cpu = start_server(exe, args.port)
    try:
        rows.append(("`stationkeeper serve` until /api/health answers", wall))
        rows.append(("  its CPU time (s) until then", cpu))
        t = time.perf_counter()
        status, _ = _get(args.port, "/api/station")
        rows.append((f"GET /api/station ({status}), the first request", time.perf_counter() - t))
        t = time.perf_counter()
        status, _ = _get(args.port, "/api/station")
        rows.append((f"GET /api/station ({status}), again", time.perf_counter() - t))
        if args.samples <= 0:
            return
        time.sleep(max(args.settle, 0.0))
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=600)
        t = time.perf_counter()
        body = json.dumps({"samples": args.samples, "seed": 0, "tle": None})
        conn.request("POST", "/api/reentry", body, {"Content-Type": "application/json"})
        job = json.loads(conn.getresponse().read())["job_id"]
        conn.request("GET", f"/api/jobs/{job}/events")
        stream = conn.getresponse()
        first_progress = partial = None
        for raw in stream:
            line = raw.decode().strip()
            if line == "event: progress" and first_progress is None:
                first_progress = time.perf_counter() - t
            if line == "event: partial" and partial is None:
                partial = time.perf_counter() - t
            if line in ("event: done", "event: error", "event: cancelled"):
                rows.append((f"reentry {args.samples:,}: first progress event", first_progress))
                if partial is not None:
                    rows.append((f"reentry {args.samples:,}: first partial result", partial))
                rows.append((f"reentry {args.samples:,}: {line[7:]}", time.perf_counter() - t))
                break
    finally:
        proc.terminate()
        proc.wait(10)
        print_table(rows)


def print_table(rows: list[tuple[str, float | None]]) -> None:
    """The load average, then the rows as a Markdown table of wall seconds."""
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("| step | wall (s) |\n|---|---:|")
    for name, sec in rows:
        print(f"| {name} | {'—' if sec is None else f'{sec:.2f}'} |")


if __name__ == "__main__":
    main()
