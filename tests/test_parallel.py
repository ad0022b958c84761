"""Running chunks: schedulers refused up front, and no worker outlives its command."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import psutil
import pytest
from conftest import shared_file

from stationkeeper.errors import InputError
from stationkeeper.parallel import check_scheduler, run_tasks


def _square(x):
    return x * x


@pytest.mark.parametrize("bad", ["garbage", "", "  ", "tcp://", "http://a b:1"])
def test_a_scheduler_that_cannot_work_is_refused_at_once(bad):
    t0 = time.perf_counter()
    with pytest.raises(InputError) as err:
        run_tasks(_square, [(1,), (2,)], scheduler=bad)
    assert err.value.field == "scheduler"
    assert time.perf_counter() - t0 < 1.0  # not the 10-20 s of a connection attempt


def test_local_schedulers_and_addresses_pass_the_check():
    for ok in (None, "local", "synchronous", "processes", "threads", "tcp://127.0.0.1:8786"):
        assert check_scheduler(ok) == ok
    assert run_tasks(_square, [(k,) for k in range(5)], scheduler="processes") == [
        0,
        1,
        4,
        9,
        16,
    ]


def test_sigterm_stops_the_command_and_all_its_workers():
    """SIGTERM to a running screen (worker processes busy on catalogue chunks) leaves no
    process of ours alive after 5 s, and the command exits as interrupted."""
    catalog = shared_file("tle", "catalog_2022-01-22.3le")
    cmd = [sys.executable, "-m", "stationkeeper.cli", "screen", "--catalog", str(catalog)]
    proc = subprocess.Popen(
        [*cmd, "--days", "7", "-q", "--scheduler", "processes"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    parent = psutil.Process(proc.pid)
    workers = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        workers = parent.children(recursive=True)
        if len(workers) >= 2:
            break
        time.sleep(0.1)
    assert workers, "the screen started no worker processes"
    time.sleep(0.5)  # let them pick up chunks
    workers = parent.children(recursive=True)
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the command was still running 5 s after SIGTERM")
    gone, alive = psutil.wait_procs(workers, timeout=5)
    assert not alive, f"workers still alive 5 s after SIGTERM: {[p.pid for p in alive]}"
    assert code == 130
    assert "interrupted" in proc.stderr.read()
