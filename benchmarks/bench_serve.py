"""The web studio's response times (issue 14: serve < 3 s, first reentry result < 5 s).

    python benchmarks/bench_serve.py [--port 8799] [--samples 10000]

Starts ``stationkeeper serve`` as a user would, and measures: the time until the port
answers ``/api/health``; one ``/api/station`` request; a ``POST /api/reentry`` of
``--samples`` samples until its first ``partial`` event and until ``done`` (server-sent
events read as they arrive). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import http.client
import json
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8799)
    ap.add_argument("--samples", type=int, default=10_000)
    args = ap.parse_args()
    exe = shutil.which("stationkeeper") or str(Path(sys.executable).with_name("stationkeeper"))
    t0 = time.perf_counter()
    proc = subprocess.Popen([exe, "serve", "--port", str(args.port)], stdout=subprocess.DEVNULL)
    rows = []
    try:
        while True:
            try:
                if _get(args.port, "/api/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.05)
            if time.perf_counter() - t0 > 60:
                raise SystemExit("the server did not answer within 60 s")
        rows.append(("`stationkeeper serve` until /api/health answers", time.perf_counter() - t0))
        t = time.perf_counter()
        status, _ = _get(args.port, "/api/station")
        rows.append((f"GET /api/station ({status})", time.perf_counter() - t))
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
    print("| step | wall (s) |\n|---|---:|")
    for name, s in rows:
        print(f"| {name} | {'—' if s is None else f'{s:.2f}'} |")


if __name__ == "__main__":
    main()
