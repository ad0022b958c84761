"""A reentry job's first answer is the Monte Carlo's own, of its first samples: a `partial`
event (``summary.partial``: n_done of n_total) before `done`, and no second run for it."""

from __future__ import annotations

import pytest
from conftest import parse_sse
from fastapi.testclient import TestClient

from stationkeeper.web.app import create_app


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as c:
        yield c


def test_the_first_partial_comes_before_done_with_fewer_samples(client):
    job_id = client.post("/api/reentry", json={"samples": 1_200, "seed": 3}).json()["job_id"]
    events = parse_sse(client.get(f"/api/jobs/{job_id}/events").text)
    names = [n for n, _ in events]
    assert names[-1] == "done", events[-1]
    assert "partial" in names and names.index("partial") < names.index("done")
    part = events[names.index("partial")][1]["summary"]["partial"]
    assert part["n_done"] < part["n_total"] == 1_200
    final = events[-1][1]["summary"]
    assert "partial" not in final and final["samples"] == 1_200
