"""A job says what it is doing from its first moment: a progress event as soon as it is
submitted (before its process takes it), its stage while the API sets up, then the API's own
fractions as "N/M" (not a bar stuck on "starting..." until the first result)."""

from __future__ import annotations

import time

import pytest
from conftest import parse_sse
from fastapi.testclient import TestClient

from stationkeeper.web.app import create_app
from stationkeeper.web.work import progress_to

SHORT = """[scenario]
name = "short"
duration_days = 4

[reboost]
floor_km = 400.0
target_km = 420.0
"""


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as c:
        yield c


def test_a_job_reports_at_once_then_its_stages_then_the_days_run(client):
    t0 = time.monotonic()
    job_id = client.post("/api/scenario/run", json={"toml": SHORT, "seed": 1}).json()["job_id"]
    first = client.get(f"/api/jobs/{job_id}").json()
    assert time.monotonic() - t0 < 5.0
    assert first["progress"]["message"] == "starting"  # before the job's process answers
    events = parse_sse(client.get(f"/api/jobs/{job_id}/events").text)
    assert events[-1][0] == "done", events[-1]
    messages = [d["message"] for n, d in events if n == "progress"]
    assert messages[:3] == ["starting", "loading", "loading the station and its orbit"]
    days = [d for n, d in events if n == "progress" and d["total"] == 4]
    assert days[-1]["done"] == 4 and days[-1]["message"] == "simulating day 4/4"
    assert [d["done"] for d in days] == sorted(d["done"] for d in days)
    # nothing but the job's state and progress before the answer
    assert {n for n, _ in events[:-1]} == {"running", "progress"}


def test_the_apis_fractions_become_counts():
    sent = []
    cb = progress_to(lambda e, d: sent.append(d), 10_000, "propagating", "samples", "sampling")
    assert sent == [{"done": 0, "total": 10_000, "message": "sampling"}]  # said at once
    for f in (0.0001, 0.25, 0.2501, 0.5, 1.0):
        cb(f)
    assert [d["done"] for d in sent[1:]] == [2_500, 5_000, 10_000]  # at most one a percent
    assert sent[-1]["message"] == "propagating 10,000/10,000 samples"
