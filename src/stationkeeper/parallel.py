"""Running chunks of work: in this process, on local worker processes, or on a Dask cluster.

One function serves every Monte Carlo and screening job (``conjunction.screening``,
``reentry.montecarlo``): a list of argument tuples, one task each, results in task order.

``scheduler``: ``None``/``"local"`` (worker processes when there are several chunks and
cores, else in-process), ``"synchronous"``, ``"processes"``, ``"threads"``, or the address
of a running Dask scheduler (``tcp://host:8786``).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import re
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from stationkeeper.errors import InputError

Progress = Callable[[float], None]

#: The schedulers a user can name; anything else must be a Dask scheduler's address.
LOCAL_SCHEDULERS = ("local", "synchronous", "processes", "threads")
_ADDRESS = re.compile(r"^(tcp|tls|ucx|inproc|ws|wss)://\S+$|^[A-Za-z0-9.\-]+:\d{1,5}$")


def check_scheduler(scheduler: str | None) -> str | None:
    """Refuse at once a scheduler that is neither a local one nor a Dask address
    (``tcp://host:8786`` or ``host:8786``): no 10-second wait on a name that cannot work."""
    if scheduler is None or scheduler in LOCAL_SCHEDULERS:
        return scheduler
    if not isinstance(scheduler, str) or not _ADDRESS.match(scheduler.strip()):
        raise InputError(
            f"{scheduler!r} is neither a local scheduler nor a Dask scheduler address",
            field="scheduler",
            allowed=", ".join(LOCAL_SCHEDULERS) + ", or an address such as tcp://127.0.0.1:8786",
        )
    return scheduler.strip()


def _die_with_parent() -> None:
    """Worker initializer: on Linux the kernel sends SIGTERM to the worker when its parent
    dies (even by SIGKILL), so no worker outlives the command that started it."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):  # pragma: no cover - no prctl
            pass


def run_tasks(
    fn: Callable,
    tasks: Sequence[tuple],
    scheduler: str | None = None,
    progress: Progress | None = None,
    *,
    broadcast_arg: int | None = None,
) -> list:
    """``[fn(*task) for task in tasks]``, spread as ``scheduler`` says.

    ``broadcast_arg``: index of an argument that is the same (and large) in every task; on a
    cluster it is scattered to each worker once instead of being sent with every task.
    """
    scheduler = check_scheduler(scheduler)
    n = len(tasks)
    if n == 0:
        return []
    if scheduler in (None, "local"):
        scheduler = "synchronous" if (n < 2 or (os.cpu_count() or 1) < 2) else "processes"
    if scheduler == "synchronous":
        out = []
        for k, task in enumerate(tasks):
            out.append(fn(*task))
            if progress:
                progress((k + 1) / n)
        return out
    if scheduler in ("processes", "threads"):
        return _run_local(fn, tasks, scheduler, progress)
    return _run_on_cluster(fn, tasks, scheduler, progress, broadcast_arg)


def _run_local(fn: Callable, tasks: Sequence[tuple], scheduler: str, progress) -> list:
    # deferred: dask (~0.13 s) and distributed (~0.36 s) are only imported by parallel runs
    import dask
    from dask.callbacks import Callback

    n = len(tasks)
    done = [0]

    class _Bar(Callback):
        def _posttask(self, key, result, dsk, state, worker_id):
            done[0] += 1
            if progress:
                progress(min(done[0] / n, 1.0))

    delayed = [dask.delayed(fn, pure=False)(*task) for task in tasks]
    if scheduler == "threads":  # SGP4 and numpy loops hold the GIL: mainly for tests
        with _Bar():
            return list(dask.compute(*delayed, scheduler="threads"))
    # Worker processes are forked on Linux (no re-import of the caller's __main__, so
    # scripts without a main guard work); spawned elsewhere.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    workers = min(os.cpu_count() or 1, n)
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context(method), initializer=_die_with_parent
    )
    try:
        with _Bar():
            out = list(dask.compute(*delayed, scheduler="processes", pool=pool, chunksize=1))
    except BaseException:
        # interrupted (SIGINT, SIGTERM, a closed request) or failed: stop the workers now
        # rather than wait for their chunks
        workers_now = list(getattr(pool, "_processes", {}).values())  # this pool's only
        pool.shutdown(wait=False, cancel_futures=True)
        for child in workers_now:
            child.terminate()
        raise
    pool.shutdown(wait=True)
    return out


def _run_on_cluster(fn, tasks, address: str, progress, broadcast_arg: int | None) -> list:
    try:
        from distributed import Client, as_completed
    except ImportError:  # pragma: no cover - distributed is a dependency
        raise InputError(
            "dask.distributed is not installed", field="scheduler", allowed="local"
        ) from None
    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(
            f"cannot reach the Dask scheduler at {address}: {type(exc).__name__} {exc}",
            field="scheduler",
            allowed="local, or the address of a running scheduler, e.g. tcp://127.0.0.1:8786",
        ) from None
    try:
        if broadcast_arg is not None:
            shared = client.scatter(tasks[0][broadcast_arg], broadcast=True)
            tasks = [(*t[:broadcast_arg], shared, *t[broadcast_arg + 1 :]) for t in tasks]
        futures = [client.submit(fn, *task, pure=False) for task in tasks]
        index = {f.key: k for k, f in enumerate(futures)}
        out: list = [None] * len(tasks)
        for done, fut in enumerate(as_completed(futures, loop=client.loop), start=1):
            out[index[fut.key]] = fut.result()
            if progress:
                progress(done / len(tasks))
        return out
    finally:
        client.close()
