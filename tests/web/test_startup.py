"""``stationkeeper serve`` listens before the API and the domain packages are imported (they
took 3-6 s on a busy machine): the serve command, the app and its routes import none of them;
the routes reach them through ``web.lazy`` on first use, and they answer the same."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "stationkeeper.api",
    "stationkeeper.scenario",
    "stationkeeper.conjunction",
    "stationkeeper.reentry",
    "stationkeeper.web.work",
    "pandas",
    "plotly",
    "scipy",
)

PROBE = """
import json, sys
from stationkeeper import cli
cli.load_commands(("serve",))
from stationkeeper.web.app import create_app
from fastapi.testclient import TestClient
app = create_app(spare=False, warm=False)
with TestClient(app) as client:
    health = client.get("/api/health").json()
    before = sorted(m for m in sys.modules if m.startswith(tuple(json.loads(sys.argv[1]))))
    station = client.get("/api/station").json()
print(json.dumps({"health": health, "before": before, "name": station["summary"]["name"],
                  "api": "stationkeeper.api" in sys.modules}))
"""


def test_serve_answers_without_the_domain_packages_then_loads_them_on_first_use():
    out = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["health"]["ok"] is True
    assert got["before"] == []  # none of them imported while the server answered health
    assert got["api"] is True  # the station request loaded the API
    assert got["name"] == "International Space Station"


def test_every_command_is_still_registered_for_the_library():
    from stationkeeper.cli import app

    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    groups = {g.name for g in app.registered_groups}
    assert {"decay", "lifetime", "track", "screen", "serve"} <= names
    assert {"station", "reentry", "deorbit"} <= groups
