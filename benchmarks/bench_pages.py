"""The studio as a user sees it (issue 14: each page interactive < 2 s, a preset < 5 s).

    python benchmarks/bench_pages.py [--port 8798] [--repeat 2]

Starts ``stationkeeper serve``, waits for ``/api/health``, then in headless Chromium (Debian's
``chromium``, driven by Playwright; every host but this machine unresolvable) opens each page
``--repeat`` times in a fresh tab and measures the wall time from navigation until the page
marks itself interactive (``body[data-ready=true]``: its data fetched and its form or plot
drawn; Plotly.js is loaded by pages that plot at once, by the others when a run starts).
Then it runs each non-Monte-Carlo preset through the HTTP API (POST, then the job's event
stream until ``done``) with the preset's default values. Prints a Markdown table and the
load average.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

from bench_serve import print_table, start_server  # the same start and table (benchmarks/)

PAGES = ("/", "/scenario", "/station", "/reentry", "/debris")
PRESETS = ("separation", "roscosmos-leaves", "deorbit")  # with their default values
#: Chromium's resolver finds no host but this machine: the pages are measured offline.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"
#: When the page finished evaluating Plotly.js (web/static/js/common.js marks it), if it did
#: before it was ready: pages that plot at once wait for it (~1 s of a 2-core machine's CPU).
PLOTLY_MARK = "(performance.getEntriesByName('plotly-loaded')[0] || {}).startTime ?? null"


def _preset_seconds(port: int, preset: str, values: dict) -> tuple[float, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    t = time.perf_counter()
    body = json.dumps({"values": values})
    conn.request("POST", f"/api/presets/{preset}", body, {"Content-Type": "application/json"})
    job = json.loads(conn.getresponse().read())["job_id"]
    conn.request("GET", f"/api/jobs/{job}/events")
    for raw in conn.getresponse():
        line = raw.decode().strip()
        if line in ("event: done", "event: error", "event: cancelled"):
            return time.perf_counter() - t, line[7:]
    return time.perf_counter() - t, "no end"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8798)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright  # the test extra

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    base = f"http://127.0.0.1:{args.port}"
    rows = []
    exe = shutil.which("stationkeeper") or str(Path(sys.executable).with_name("stationkeeper"))
    proc = start_server(exe, args.port)[0]
    try:
        with sync_playwright() as p:
            # offline by the browser's own resolver (every other host: not found), not by
            # Playwright's request routing, which sends each request through this process
            # and made every page measure ~0.1-0.6 s slower than a user would see it
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", OFFLINE])
            context = browser.new_context(viewport={"width": 1280, "height": 860})
            left: list[str] = []

            def record(request) -> None:
                if urlparse(request.url).hostname not in ("127.0.0.1", "localhost", "::1"):
                    left.append(request.url)

            context.on("request", record)
            for k in range(max(args.repeat, 1)):
                for path in PAGES:
                    page = context.new_page()
                    t = time.perf_counter()
                    page.goto(base + path)
                    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
                    wall = time.perf_counter() - t
                    mark = page.evaluate(PLOTLY_MARK)  # ms after navigation, or None
                    note = "" if mark is None else f" (Plotly.js evaluated at {mark / 1e3:.2f} s)"
                    rows.append((f"page `{path}` interactive (visit {k + 1}){note}", wall))
                    page.close()
            browser.close()
        if left:
            print(f"requests that tried to leave the machine (refused): {left}")
        for preset in PRESETS:
            sec, end = _preset_seconds(args.port, preset, {})
            rows.append((f"preset `{preset}` (default values) until {end}", sec))
    finally:
        proc.terminate()
        proc.wait(10)
    print_table(rows)


if __name__ == "__main__":
    main()
