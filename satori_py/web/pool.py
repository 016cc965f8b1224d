"""Rendering off the event loop: a shared pool of render worker processes.

Why processes and not threads: our pipeline is Python and resvg's bindings hold the
GIL for the whole rasterisation (one 1200x630 card: ~0.2 s in resvg-py, ~0.07 s in
the ``resvg`` binding, measured on the route-handler seed), so a render in a worker
*thread* freezes the event loop for that long, and 8 concurrent renders for seconds.
From a worker process the loop only receives the image bytes.

* The workers are plain subprocesses running :mod:`satori_py.web.worker`, fed
  pickled jobs over a pipe, one dispatcher thread per worker in the server. Unlike
  ``multiprocessing``'s spawn and forkserver methods they never re-import the
  server's ``__main__`` script, and unlike fork they are safe in a threaded server.
* They start on the first render (or :meth:`RenderPool.warm_up`, for a server's
  startup), each importing satori-py and rendering a tiny card so its caches are
  warm, and live until the server stops: they exit when their stdin closes. They
  ignore SIGINT and lower their scheduling priority, so the event loop wins the CPU.
* ``$SATORI_PY_RENDER_WORKERS`` (or :func:`configure`) sets the number of processes;
  the default is the number of usable CPUs, at most 4. ``0`` renders in the event
  loop's default thread pool instead: no extra processes, but the GIL caveat above.
* A worker that dies (a crash in native code, the OOM killer) fails its render with
  a :class:`RenderError`; the next render starts a new worker.

Jobs and errors cross the pipe pickled: plain dicts, JSON text and
:class:`satori_py.Font` are picklable; SatoriErrors keep their node path.
"""
from __future__ import annotations

import asyncio
import atexit
import os
import pickle
import queue
import subprocess
import sys
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from .worker import read_frame, write_frame
from ..errors import RenderError
from .job import RenderJob, render_job

__all__ = ["ENV_WORKERS", "RenderPool", "configure", "default_workers", "get_pool",
           "render_async", "result_of", "shutdown", "submit"]

ENV_WORKERS = "SATORI_PY_RENDER_WORKERS"
MAX_DEFAULT_WORKERS = 4
START_TIMEOUT = 120.0
STOP_TIMEOUT = 5.0

# The worker must import this very satori_py, whether it is installed or run from a
# checkout the server put on sys.path.
_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])
_BOOT = (f"import sys; sys.path.insert(0, {_PACKAGE_PARENT!r}); "
         "from satori_py.web.worker import main; main()")


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def default_workers() -> int:
    """``$SATORI_PY_RENDER_WORKERS`` if set, else the usable CPUs, at most 4."""
    raw = os.environ.get(ENV_WORKERS, "").strip()
    if raw:
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(f"${ENV_WORKERS} must be a whole number, got {raw!r}.") from None
        if value < 0:
            raise ValueError(f"${ENV_WORKERS} must be 0 or more, got {value}.")
        return value
    return max(1, min(MAX_DEFAULT_WORKERS, _usable_cpus()))


class RemoteTraceback(Exception):
    """The worker-side traceback, attached as ``__cause__`` of a re-raised error."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return f'\n"""\n{self.text}"""'


class _WorkerDied(Exception):
    pass


class _Worker:
    """One worker subprocess and its pipe; used by one dispatcher thread only."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", _BOOT], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, close_fds=True)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._in, self._out = self.proc.stdin, self.proc.stdout
        try:
            ready = read_frame(self._out)
        except (EOFError, OSError):
            ready = None
        if ready is None:
            self.close()
            raise RenderError(f"A render worker failed to start (exit status "
                              f"{self.proc.poll()}); see the server's stderr.")
        self.pid = self.proc.pid

    def run(self, job: RenderJob) -> bytes:
        payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            write_frame(self._in, payload)
            frame = read_frame(self._out)
        except (BrokenPipeError, EOFError, OSError):
            frame = None
        if frame is None:
            raise _WorkerDied(f"The render worker (pid {self.pid}) exited with status "
                              f"{self._exit_status()} while rendering.")
        kind, value, text = pickle.loads(frame)
        if kind == "ok":
            return bytes(value)
        if text:
            value.__cause__ = RemoteTraceback(text)
        raise value

    def _exit_status(self) -> int | None:
        try:
            return self.proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def close(self) -> None:
        try:
            self._in.close()  # the worker exits at the end of its stdin
        except OSError:
            pass
        try:
            self.proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._out.close()


_STOP = None
_Item = tuple["Future[bytes]", RenderJob] | None


class RenderPool:
    """``workers`` render processes, each driven by one dispatcher thread."""

    def __init__(self, workers: int) -> None:
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise ValueError(f"A render pool needs at least one worker, got {workers!r}.")
        self.workers = workers
        self.pid = os.getpid()  # a forked child must not use its parent's pool
        self._queue: queue.SimpleQueue[_Item] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._ready: list[threading.Event] = []
        self._pids: dict[int, int] = {}
        self._lock = threading.Lock()
        self.closed = False

    def _start(self) -> None:
        with self._lock:
            if self.closed:
                raise RuntimeError("This render pool has been shut down.")
            if self._threads:
                return
            for index in range(self.workers):
                ready = threading.Event()
                thread = threading.Thread(target=self._serve, args=(index, ready),
                                          name=f"satori-py-render-{index}", daemon=True)
                self._ready.append(ready)
                self._threads.append(thread)
                thread.start()

    def _serve(self, index: int, ready: threading.Event) -> None:
        worker: _Worker | None = None
        try:
            worker = _Worker()  # start with the pool, not with the first job
            self._pids[index] = worker.pid
        except RenderError:
            worker = None  # retried when a job comes
        ready.set()
        while True:
            item = self._queue.get()
            if item is _STOP:
                break
            future, job = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                if worker is None:
                    worker = _Worker()
                    self._pids[index] = worker.pid
                result = worker.run(job)
            except _WorkerDied as exc:
                worker = None
                future.set_exception(RenderError(str(exc)))
            except BaseException as exc:  # the render's own error, for the caller
                future.set_exception(exc)
            else:
                future.set_result(result)
        if worker is not None:
            worker.close()

    def submit(self, job: RenderJob) -> Future[bytes]:
        """Queue ``job``; the future's result is the image bytes."""
        self._start()
        future: Future[bytes] = Future()
        self._queue.put((future, job))
        return future

    def warm_up(self, timeout: float | None = START_TIMEOUT) -> list[int]:
        """Start every worker now and wait until they are ready; returns their pids."""
        self._start()
        for ready in list(self._ready):
            ready.wait(timeout)
        return sorted(self._pids.values())

    def shutdown(self, wait: bool = True) -> None:
        """Stop the workers; renders still queued are cancelled."""
        with self._lock:
            if self.closed:
                return
            self.closed = True
            threads = list(self._threads)
        pending: list[Future[bytes]] = []
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not _STOP:
                pending.append(item[0])
        for future in pending:
            future.cancel()
        for _ in threads:
            self._queue.put(_STOP)
        if wait:
            for thread in threads:
                thread.join(START_TIMEOUT)


# The process-wide pool: created on first use (a resource, not a cache).
_pool_lock = threading.Lock()
_pool: RenderPool | None = None
_workers: int | None = None


def configure(workers: int | None = None) -> None:
    """Set the number of render processes (``None``: the default; ``0``: use threads).

    A running pool is shut down (after the renders in flight); the next render
    starts the new one.
    """
    global _pool, _workers
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int)
                                or workers < 0):
        raise ValueError(f"workers must be 0 or more, got {workers!r}.")
    with _pool_lock:
        old, _pool, _workers = _pool, None, workers
    if old is not None:
        old.shutdown()


def get_pool() -> RenderPool | None:
    """The shared pool (created, not started, on first call); None when using threads."""
    global _pool
    with _pool_lock:
        workers = _workers if _workers is not None else default_workers()
        if workers == 0:
            return None
        if (_pool is None or _pool.closed or _pool.workers != workers
                or _pool.pid != os.getpid()):
            _pool = RenderPool(workers)
        return _pool


def shutdown(wait: bool = True) -> None:
    """Stop the shared pool's workers (a server's shutdown hook); the next render restarts."""
    with _pool_lock:
        pool = _pool
    if pool is not None and pool.pid == os.getpid():
        pool.shutdown(wait=wait)


atexit.register(shutdown)


def submit(job: RenderJob) -> Future[bytes] | None:
    """Submit ``job`` to the shared pool; ``None`` when rendering uses threads."""
    pool = get_pool()
    return pool.submit(job) if pool is not None else None


def result_of(future: Future[bytes], timeout: float | None = None) -> bytes:
    """Block until ``future``'s bytes are there (for non-asyncio callers)."""
    return future.result(timeout=timeout)


async def render_async(job: RenderJob) -> bytes:
    """Render ``job`` without blocking the running asyncio loop."""
    loop = asyncio.get_running_loop()
    future = submit(job)
    if future is None:
        return await loop.run_in_executor(None, render_job, job)
    # Cancelling the awaiting task (client gone) cancels a render not yet started.
    result: Any = await asyncio.wrap_future(future, loop=loop)
    return bytes(result)
