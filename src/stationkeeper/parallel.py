"""Running chunks of work: in this process, on local worker processes, or on a Dask cluster.

One function serves every Monte Carlo and screening job (``conjunction.screening``,
``reentry.montecarlo``): a list of argument tuples, one task each, results in task order.

``scheduler``: ``None``/``"local"`` (worker processes when there are several chunks and
cores, else in-process), ``"synchronous"``, ``"processes"``, ``"threads"``, or the address
of a running Dask scheduler (``tcp://host:8786``).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from stationkeeper.errors import InputError

Progress = Callable[[float], None]


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
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        with _Bar():
            return list(dask.compute(*delayed, scheduler="processes", pool=pool, chunksize=1))


def _run_on_cluster(fn, tasks, address: str, progress, broadcast_arg: int | None) -> list:
    try:
        from distributed import Client, as_completed
    except ImportError:  # pragma: no cover - distributed is a dependency
        raise InputError(
            "dask.distributed is not installed", field="--scheduler", allowed="local"
        ) from None
    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise InputError(
            f"cannot reach the Dask scheduler: {exc}",
            field="--scheduler",
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
