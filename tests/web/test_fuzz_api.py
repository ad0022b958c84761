"""A fuzz of the studio's HTTP API from its OpenAPI schema (schemathesis, in process): no
request the schema allows, well-formed or not, gets a 5xx.

Left out: the endpoints that start work (``POST /api/reentry``, ``/api/scenario/run``,
``/api/screen``, ``/api/presets/{id}``: each fuzzed case would start a Monte Carlo, a
scenario or a screen); their refusals are tested in test_app.py. Everything else is fuzzed,
including ``/api/scenario/validate`` (arbitrary TOML text) and the job routes (unknown ids).
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from stationkeeper.web.app import create_app
from stationkeeper.web.limits import Limits

app = create_app(
    Limits(max_samples=50, max_days=2.0, max_upload_bytes=4096, max_jobs=1), spare=False
)
schema = schemathesis.openapi.from_asgi("/openapi.json", app).exclude(
    path_regex=r"^/api/(reentry|scenario/run|screen|presets/\{preset_id\})$", method="POST"
)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case):
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.text[:300])
    if 400 <= response.status_code < 500 and response.status_code != 405:
        body = response.json()
        assert set(body) == {"error", "field", "allowed"}, body
        assert "\n" not in body["error"]
