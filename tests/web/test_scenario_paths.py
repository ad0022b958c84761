"""A scenario sent from the page never makes the server read a file by path: the files the
CLI would read (absolute, ``~``, ``..``) are refused with a one-line 422 naming the field,
while shipped data files by name and the shipped templates (edited or not) still load."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from stationkeeper.data import data_path
from stationkeeper.scenario import load_scenario
from stationkeeper.web.app import create_app

TLE = "iss_25544_2022-03-03.tle"


def scenario(tle: str | None = None, station: str | None = None) -> str:
    lines = ["# a short run", "[scenario]", 'name = "paths"', "duration_days = 3"]
    if tle is not None:
        lines.append(f"tle = {tle!r}".replace("'", '"'))
    lines += ["start = 2022-03-03T12:00:00Z", ""]
    if station is not None:
        lines += ["[station]", f'file = "{station}"', ""]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(spare=False)) as c:
        yield c


@pytest.fixture
def outside(tmp_path):
    """A valid element-set file and station file outside the server's folders."""
    shutil.copy(data_path(TLE), tmp_path / "orbit.tle")
    shutil.copy(data_path("station.toml"), tmp_path / "station.toml")
    return tmp_path


def test_the_cli_reads_an_absolute_path_the_web_refuses_it(client, outside):
    text = scenario(str(outside / "orbit.tle"))
    (outside / "s.toml").write_text(text)
    assert load_scenario(outside / "s.toml").duration_days == 3  # the file is fine for the CLI
    for route in ("validate", "run"):
        r = client.post(f"/api/scenario/{route}", json={"toml": text})
        assert r.status_code == 422, r.text
        body = r.json()
        assert body["field"] == "scenario.tle"
        assert "absolute path" in body["error"] and "\n" not in body["error"]
        assert body["error"].startswith("scenario.toml:5: scenario.tle:")  # tle is line 5
        assert TLE in body["allowed"]
        assert str(outside) not in body["allowed"]


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("../../etc/passwd", "goes up a folder"),
        ("sub/../../x.tle", "goes up a folder"),
        ("..\\..\\x.tle", "goes up a folder"),
        ("~/orbit.tle", "home-folder"),
        ("C:\\orbit.tle", "absolute path"),
        ("orbit.tle", "neither a shipped data file nor a file uploaded"),
        ("station.toml", "neither a shipped data file nor a file uploaded"),  # not an orbit
    ],
)
def test_tle_paths_refused(client, value, why):
    r = client.post("/api/scenario/validate", json={"toml": scenario(value)})
    assert r.status_code == 422, r.text
    assert r.json()["field"] == "scenario.tle"
    assert why in r.json()["error"]


def test_station_file_absolute_refused(client, outside):
    text = scenario(station=str(outside / "station.toml"))
    r = client.post("/api/scenario/run", json={"toml": text})
    assert r.status_code == 422, r.text
    assert r.json()["field"] == "station.file"
    assert "station.toml" in r.json()["allowed"]
    assert client.get("/api/jobs/nothing").status_code == 404


def test_shipped_files_by_name_load(client):
    r = client.post(
        "/api/scenario/validate", json={"toml": scenario(TLE, station="station.toml")}
    ).json()
    assert r["ok"] is True, r
    assert r["scenario"]["start"].startswith("2022-03-03T12:00")


def test_an_edited_template_still_loads(client):
    templates = {t["name"]: t["toml"] for t in client.get("/api/scenario/templates").json()}
    text = templates["end-of-life-2030"]
    assert "../" not in text and 'tle = "iss_topo_oem_2026-09-04.txt"' in text
    edited = text.replace("duration_days = 2200", "duration_days = 2100")
    assert edited != text
    r = client.post("/api/scenario/validate", json={"toml": edited}).json()
    assert r["ok"] is True, r
    assert r["scenario"]["duration_days"] == 2100
    # the shipped file's own relative paths stay trusted when sent unchanged
    r = client.post("/api/scenario/validate", json={"toml": templates["baseline-2021"]})
    assert r.status_code == 200


def test_a_toml_syntax_error_is_still_the_loaders_line(client):
    r = client.post("/api/scenario/validate", json={"toml": 'tle = "/etc/passwd\n'}).json()
    assert r["ok"] is False and r["errors"][0]["line"] == 1
