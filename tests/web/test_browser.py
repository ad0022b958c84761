"""The studio in headless Chromium against a live server, with no network beyond loopback:
every page renders (title, nav, its form or plot), a preset answers in the page with the
API's own sentence and a drawn plot, an API error shows in one line at its field. Each page's
screenshot is saved under the run's basetemp (``screenshots/``); with
``STUDIO_SCREENSHOTS_TO=docs/img`` they are also copied there as ``studio-<page>.png``."""

from __future__ import annotations

import json
import os
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import shared_file
from PIL import Image

PAGES = {
    "questions": ("/", "Questions"),
    "scenario": ("/scenario", "Scenario"),
    "station": ("/station", "Station"),
    "reentry": ("/reentry", "Reentry"),
    "debris": ("/debris", "Debris"),
}
NAV = ["Questions", "Scenario", "Station", "Reentry", "Debris"]
FAST_PRESETS = ("separation", "roscosmos-leaves", "deorbit")


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:  # loopback only
        return json.loads(response.read())


def shoot(page, screenshots: Path, name: str) -> Path:
    path = screenshots / f"studio-{name}.png"
    page.screenshot(path=str(path))
    target = os.environ.get("STUDIO_SCREENSHOTS_TO")
    if target:
        copy_small(path, Path(target) / path.name)
    return path


def copy_small(source: Path, target: Path) -> None:
    """The screenshot as a 256-colour PNG (a fraction of the size; fine for flat UI colours)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as image:
        image.convert("RGB").quantize(colors=256).save(target, optimize=True)


def open_page(page, base: str, path: str):
    page.goto(base + path)
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_renders_offline(name, live_server, offline_page, screenshots):
    path, title = PAGES[name]
    page = offline_page
    open_page(page, live_server, path)
    assert title in page.title()
    assert page.locator("#nav a").all_inner_texts() == NAV
    assert page.locator("#nav a.active").inner_text() == title
    assert page.locator("main p.error").count() == 0, page.locator("main p.error").all_inner_texts()
    if name == "questions":
        presets = get_json(live_server + "/api/presets")
        assert page.locator(".card.preset").count() == len(presets) >= 5
        assert page.locator(".card.preset button.run").count() == len(presets)
        slider = page.locator(".card.preset input[type=range]").first
        output = page.locator(".card.preset output").first
        assert slider.count() == 1 and output.inner_text().strip() != ""
    elif name == "scenario":
        page.wait_for_function(
            "document.querySelector('.validate-status').textContent.startsWith('Valid')",
            timeout=30_000,
        )
        assert "[scenario]" in page.locator("textarea.toml").input_value()
        assert page.locator("#sc-duration_days").input_value() != ""
        assert page.locator("#sc-template option").count() >= 1
    elif name == "station":
        page.wait_for_selector(".result .sentence", timeout=30_000)
        assert page.locator(".result .sentence").inner_text().strip()
        assert page.locator(".result .js-plotly-plot svg.main-svg").count() >= 1
    elif name == "reentry":
        assert page.locator("#re-samples").input_value() != ""
    elif name == "debris":
        assert page.locator("input[type=file]#db-file").count() == 1
    shoot(page, screenshots, name)


def fast_preset(presets: list[dict]) -> dict:
    quick = {p["id"]: p for p in presets if not p["long"] and not p.get("needs_upload")}
    assert quick, "no preset answers without a Monte Carlo or an upload"
    return next((quick[i] for i in FAST_PRESETS if i in quick), next(iter(quick.values())))


def test_a_preset_answers_with_the_apis_sentence_and_a_plot(live_server, offline_page, screenshots):
    page = offline_page
    preset = fast_preset(get_json(live_server + "/api/presets"))
    open_page(page, live_server, "/")
    card = page.locator(f'.card.preset[data-preset="{preset["id"]}"]')
    card.locator("button.run").click()
    card.locator(".result .sentence").wait_for(timeout=240_000)
    page.wait_for_function(
        "(id) => document.querySelector(`.card.preset[data-preset='${id}']`).dataset.state",
        arg=preset["id"],
        timeout=240_000,
    )
    assert card.get_attribute("data-state") == "done", card.locator("p.error").all_inner_texts()
    job = get_json(f"{live_server}/api/jobs/{card.get_attribute('data-job-id')}")
    assert job["state"] == "done"
    assert card.locator(".result .sentence").inner_text().strip() == job["result"]["sentence"]
    assert job["result"]["sentence"].strip()
    n_figures = len(job["result"]["figures"])
    assert n_figures >= 1
    assert card.locator(".result .js-plotly-plot").count() == n_figures
    assert card.locator(".result .js-plotly-plot svg.main-svg").count() >= n_figures
    card.scroll_into_view_if_needed()
    shoot(page, screenshots, f"preset-{preset['id']}")


def test_an_api_error_shows_in_one_line_at_its_field(live_server, offline_page):
    """Too many samples: the server's limit comes back as one line beside the samples box."""
    page = offline_page
    open_page(page, live_server, "/reentry")
    page.fill("#re-samples", "100000000")
    page.click("button.run")
    error = page.locator('[data-field="samples"] + p.error, [data-field="samples"] p.error')
    error.first.wait_for(timeout=30_000)
    text = error.first.inner_text()
    assert "\n" not in text.strip() and "samples" in text.lower()
    assert "Traceback" not in page.content()


@pytest.mark.slow
def test_the_reentry_page_draws_the_country_map_offline(live_server, offline_page, screenshots):
    """A small Monte Carlo: the sentence is the API's, the country choropleth is drawn from
    the shipped topojson (one path per country with a value), the window plot is there."""
    page = offline_page
    open_page(page, live_server, "/reentry")
    page.fill("#re-samples", "500")
    page.click("button.run")
    page.wait_for_function("document.querySelector('.card').dataset.state", timeout=240_000)
    card = page.locator(".card")
    assert card.get_attribute("data-state") == "done", card.locator("p.error").all_inner_texts()
    job = get_json(f"{live_server}/api/jobs/{card.get_attribute('data-job-id')}")
    assert page.locator(".result .sentence").inner_text().strip() == job["result"]["sentence"]
    assert page.locator(".result").get_attribute("data-partial") == "false"
    # Plotly draws a geo map once it has fetched the topojson: after the view, asynchronously
    page.wait_for_function(
        "document.querySelectorAll('path.choroplethlocation').length > 10", timeout=30_000
    )
    assert page.locator(".result .js-plotly-plot").count() == len(job["result"]["figures"])
    shoot(page, screenshots, "reentry-run")


def test_a_long_run_can_be_cancelled_from_the_page(live_server, offline_page):
    """The Cancel button next to the progress bar ends the server's job (state cancelled)."""
    page = offline_page
    open_page(page, live_server, "/reentry")
    page.fill("#re-samples", "20000")
    page.click("button.run")
    cancel = page.locator(".progress:not(.hidden) button.cancel")
    cancel.wait_for(timeout=60_000)
    page.wait_for_function("document.querySelector('.card').dataset.jobId", timeout=60_000)
    cancel.click()
    page.wait_for_function("document.querySelector('.card').dataset.state", timeout=60_000)
    card = page.locator(".card")
    assert card.get_attribute("data-state") == "cancelled"
    assert get_json(f"{live_server}/api/jobs/{card.get_attribute('data-job-id')}")["state"] == (
        "cancelled"
    )
    assert page.locator(".cancelled-note").count() == 1


@pytest.fixture(scope="module")
def iss_catalogue(tmp_path_factory) -> Path:
    """The ISS and 299 objects near its altitude (15.3-15.7 rev/day), cut from the
    2022-01-22 CelesTrak catalogue (shared data)."""
    lines = shared_file("tle", "catalog_2022-01-22.3le").read_text().splitlines()
    recs = [lines[i : i + 3] for i in range(0, len(lines) - 2, 3)]
    iss = [r for r in recs if r[1][2:7] == "25544"]
    near = [r for r in recs if r[1][2:7] != "25544" and 15.3 <= float(r[2][52:63]) <= 15.7]
    path = tmp_path_factory.mktemp("catalogue") / "catalog_2022-01-22_iss_300.3le"
    path.write_text("\n".join("\n".join(r) for r in iss + near[:299]) + "\n", encoding="utf-8")
    return path


def tle_epoch(line1: str) -> datetime:
    """The epoch of a TLE's first line (columns 19-32: two-digit year, day of the year)."""
    year, day = 2000 + int(line1[18:20]), float(line1[20:32])
    return datetime(year, 1, 1, tzinfo=UTC) + timedelta(days=day - 1)


def check_screen_answer(card, job: dict, catalogue: Path) -> None:
    """The page shows the job's sentence and conjunction rows; the station is the
    catalogue's own ISS element set (its epoch read from the file), not the shipped TLE."""
    assert job["state"] == "done", job["error"]
    assert card.locator(".result .sentence").inner_text().strip() == job["result"]["sentence"]
    station = job["result"]["summary"]["station"]
    assert station["norad_id"] == 25544
    line1 = next(ln for ln in catalogue.read_text().splitlines() if ln.startswith("1 25544"))
    epoch = datetime.fromisoformat(station["epoch_utc"])
    assert abs((epoch - tle_epoch(line1)).total_seconds()) < 1e-3
    assert job["result"]["summary"]["start_utc"] == station["epoch_utc"]
    # the catalogue by the name it was uploaded with, never the server's temporary path
    shown = json.dumps(job["result"])
    assert catalogue.name in shown
    assert "stationkeeper-web-" not in shown and "/upload." not in shown
    events = job["result"]["summary"]["events"]
    rows = card.locator(".result table").first.locator("tbody tr")
    assert rows.count() == min(len(events), 500)


def test_the_debris_page_screens_an_uploaded_catalogue(
    live_server, offline_page, screenshots, iss_catalogue
):
    page = offline_page
    open_page(page, live_server, "/debris")
    page.set_input_files("#db-file", str(iss_catalogue))
    page.fill("#db-days", "1")
    page.click("button.run")
    page.wait_for_function("document.querySelector('.card').dataset.state", timeout=240_000)
    card = page.locator(".card")
    assert card.get_attribute("data-state") == "done", card.locator("p.error").all_inner_texts()
    job = get_json(f"{live_server}/api/jobs/{card.get_attribute('data-job-id')}")
    check_screen_answer(card, job, iss_catalogue)
    assert card.locator(".result .js-plotly-plot").count() == len(job["result"]["figures"])
    shoot(page, screenshots, "debris-run")


def test_the_debris_question_answers_with_its_upload(live_server, offline_page, iss_catalogue):
    page = offline_page
    open_page(page, live_server, "/")
    card = page.locator('.card.preset[data-preset="debris"]')
    card.locator('input[type="file"]').set_input_files(str(iss_catalogue))
    card.locator("button.run").click()
    page.wait_for_function(
        "document.querySelector(`.card.preset[data-preset='debris']`).dataset.state",
        timeout=240_000,
    )
    assert card.get_attribute("data-state") == "done", card.locator("p.error").all_inner_texts()
    job = get_json(f"{live_server}/api/jobs/{card.get_attribute('data-job-id')}")
    check_screen_answer(card, job, iss_catalogue)


def test_plotly_waits_for_a_run_on_pages_that_do_not_plot(live_server, offline_page):
    """Plotly.js (4.6 MB, about a second of a slow machine's main thread) is not fetched by
    the questions page until a run starts, and then is there for the answer's plot."""
    page = offline_page
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "plotly" in r.url else None)
    open_page(page, live_server, "/")
    page.wait_for_timeout(1500)
    assert asked == []
    card = page.locator('.card.preset[data-preset="separation"]')
    card.locator("button.run").click()
    page.wait_for_function("typeof window.Plotly !== 'undefined'", timeout=60_000)
    assert any(url.endswith("/vendor/plotly.min.js") for url in asked)
    page.wait_for_selector('.card.preset[data-preset="separation"][data-state]', timeout=120_000)
    assert card.get_attribute("data-state") == "done"
    assert card.locator(".result .js-plotly-plot svg.main-svg").count() >= 1


def test_station_page_says_so_in_place_when_plotly_cannot_load(live_server, offline_page):
    page = offline_page
    page.route("**/vendor/plotly.min.js", lambda route: route.fulfill(status=404, body=""))
    open_page(page, live_server, "/station")
    errors = page.locator(".result .plot p.error").all_inner_texts()
    assert errors and all("Plotly did not load" in e for e in errors)
    assert page.locator(".result table").count() >= 1  # the tables are there all the same
    assert page.locator(".js-plotly-plot").count() == 0
