"""The studio served for real: a uvicorn server on a free loopback port (a thread of this test
process), and headless Debian Chromium driven by Playwright with every non-loopback request
aborted and recorded."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server():
    """The base URL of a running studio (``create_app()``), stopped at the end of the session."""
    app_module = pytest.importorskip(
        "stationkeeper.web.app", reason="stationkeeper.web.app (the studio backend) not built yet"
    )
    uvicorn = pytest.importorskip("uvicorn")
    port = free_port()
    config = uvicorn.Config(
        app_module.create_app(), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="studio-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail(f"the studio server did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)


def chromium_executable() -> str | None:
    found = shutil.which("chromium") or "/usr/bin/chromium"
    return found if Path(found).exists() else None


@pytest.fixture(scope="session")
def browser():
    path = chromium_executable()
    if path is None:
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium; .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield b
        b.close()


def is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return (parts.hostname or "") in LOOPBACK


class Blocked(list):
    """Requests to anywhere but this machine: aborted by the route, recorded here."""


@pytest.fixture
def offline_page(browser):
    """A fresh page where every non-loopback request is aborted and recorded; the test fails
    at teardown if any was attempted, or if the page raised an uncaught error."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    blocked = Blocked()

    def abort(route):
        blocked.append(route.request.url)
        route.abort()

    context.route(lambda url: not is_loopback(url), abort)
    page = context.new_page()
    page.blocked = blocked
    page.page_errors = []
    page.on("pageerror", lambda e: page.page_errors.append(str(e)))
    yield page
    context.close()
    assert not blocked, f"requests that tried to leave the machine: {blocked}"
    assert not page.page_errors, f"uncaught errors in the page: {page.page_errors}"


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """The folder of this run's screenshots (under pytest's basetemp)."""
    folder = tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
