"""The studio's HTTP API, in process (FastAPI's TestClient): the same answers as the API and
the CLI, one-line 4xx errors, jobs that stream and cancel, limits."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import parse_sse
from fastapi.testclient import TestClient

from stationkeeper import api
from stationkeeper.web.app import create_app
from stationkeeper.web.limits import Limits
from stationkeeper.web.work import json_safe

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

SHORT_SCENARIO = """[scenario]
name = "short"
duration_days = 3

[reboost]
floor_km = 400.0
target_km = 420.0
"""


@pytest.fixture(scope="module")
def client():
    app = create_app(Limits(max_upload_bytes=2048))
    with TestClient(app) as c:
        yield c


def wait(client, job_id, timeout_s=300.0):
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout_s:
        body = client.get(f"/api/jobs/{job_id}").json()
        if body["state"] in ("done", "error", "cancelled"):
            return body
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still {body['state']} after {timeout_s} s")


def test_health(client):
    body = client.get("/api/health").json()
    assert body["ok"] is True and body["version"]


def test_station_equals_the_api(client):
    body = client.get("/api/station").json()
    assert body["summary"] == json_safe(api.show_station().to_dict())
    assert body["kind"] == "station"


def test_station_on_a_date_is_that_days_configuration(client):
    early = client.get("/api/station", params={"at": "2015-06-01"}).json()
    late = client.get("/api/station").json()
    # Nauka and Prichal (2021, about 20 + 4 t) were not there in 2015
    assert early["summary"]["total_mass_kg"] < late["summary"]["total_mass_kg"] - 15_000
    outside = client.get("/api/station", params={"at": "1990-01-01"})
    assert outside.status_code == 422 and outside.json()["field"] == "at"


def test_station_bad_date_is_one_line_4xx(client):
    r = client.get("/api/station", params={"at": "yesterday"})
    assert r.status_code == 422
    assert r.json() == {
        "error": "at: 'yesterday' is not a date (allowed: YYYY-MM-DD)",
        "field": "at",
        "allowed": "YYYY-MM-DD",
    }


def test_scenario_validate_good_and_bad_key(client):
    ok = client.post("/api/scenario/validate", json={"toml": SHORT_SCENARIO}).json()
    assert ok["ok"] is True and ok["errors"] == []
    assert ok["scenario"]["duration_days"] == 3 and ok["scenario"]["reboost"]["floor_km"] == 400
    bad = SHORT_SCENARIO.replace("floor_km", "flor_km")
    r = client.post("/api/scenario/validate", json={"toml": bad}).json()
    assert r["ok"] is False
    (err,) = r["errors"]
    assert err["line"] == 6  # the line of the mistyped key in the text sent
    assert "flor_km" in err["error"] and err["error"].startswith("scenario.toml:6:")


def test_scenario_templates_are_the_examples(client):
    names = {t["name"] for t in client.get("/api/scenario/templates").json()}
    assert names == {p.stem for p in EXAMPLES.glob("*.toml")}


def test_scenario_run_to_done_with_files(client):
    r = client.post("/api/scenario/run", json={"toml": SHORT_SCENARIO, "seed": 3})
    assert r.status_code == 202
    job = wait(client, r.json()["job_id"])
    assert job["state"] == "done", job["error"]
    assert "summary.json" in job["files"]
    got = client.get(f"/api/jobs/{job['id']}/files/summary.json")
    assert got.status_code == 200 and json.loads(got.content)["seed"] == 3
    assert client.get(f"/api/jobs/{job['id']}/files/..%2Fupload.tle").status_code == 404


def test_reentry_job_streams_progress_then_the_apis_answer(client):
    r = client.post("/api/reentry", json={"samples": 200, "seed": 7, "tle": None})
    assert r.status_code == 202
    job_id = r.json()["job_id"]
    events = parse_sse(client.get(f"/api/jobs/{job_id}/events").text)
    names = [n for n, _ in events]
    assert "progress" in names and names[-1] == "done"
    ref = json_safe(api.reentry_predict(samples=200, seed=7).to_dict())
    assert events[-1][1]["summary"] == ref


def test_cancel_a_job(client):
    job_id = client.post("/api/reentry", json={"samples": 20_000, "seed": 1}).json()["job_id"]
    time.sleep(0.5)
    assert client.delete(f"/api/jobs/{job_id}").json() == {"state": "cancelled"}
    body = wait(client, job_id, 10)
    assert body["state"] == "cancelled" and body["result"] is None
    assert parse_sse(client.get(f"/api/jobs/{job_id}/events").text)[-1][0] == "cancelled"


def test_samples_over_the_limit(client):
    r = client.post("/api/reentry", json={"samples": 20_001, "seed": 0})
    assert r.status_code == 422
    assert r.json()["field"] == "samples" and "20,000" in r.json()["allowed"]
    assert "\n" not in r.json()["error"]


def test_upload_over_the_limit_is_413(client):
    big = b"x" * 100_000
    r = client.post("/api/screen", files={"catalogue": ("cat.tle", big)}, data={"days": "1"})
    assert r.status_code == 413
    assert r.json()["field"] == "catalogue" and "\n" not in r.json()["error"]


def test_wrong_types_are_converted_to_one_line(client):
    r = client.post("/api/reentry", json={"samples": "many"})
    assert r.status_code == 422
    assert set(r.json()) == {"error", "field", "allowed"} and r.json()["field"] == "samples"


def test_unknown_job_is_404(client):
    for method, path in (
        ("get", "/api/jobs/nope"),
        ("get", "/api/jobs/nope/events"),
        ("delete", "/api/jobs/nope"),
        ("get", "/api/jobs/nope/files/summary.json"),
    ):
        r = getattr(client, method)(path)
        assert r.status_code == 404 and r.json()["field"] == "id"


def test_plotly_served_from_the_wheel(client):
    r = client.get("/vendor/plotly.min.js")
    assert r.status_code == 200 and len(r.content) > 1_000_000
    assert b"plotly.js" in r.content[:2000]


def test_pages_are_the_index(client):
    for path in ("/", "/scenario", "/reentry"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
