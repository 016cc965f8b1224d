"""The threads Taffy runs on: short-lived, with a large stack.

Two faults of stretchable 1.1.8 are contained by where Taffy runs, rather than
worked around at every call:

* Its measure trampoline registers two objects per call in pyo3's thread-local
  pool of owned objects, a pool nothing ever drains (see :mod:`.taffy` for the
  objects themselves). The pool is freed when its thread exits, so Taffy never
  runs on a caller's (long-lived) thread: a render's Taffy calls run on one
  worker thread that ends with the render (:func:`session`), and a call made
  outside a session runs on a thread of its own. A thread that hosts renders one
  after another (:func:`hosting`: the render pools' threads) counts what its pool
  holds (:func:`pooled`); once that reaches ``POOL_BUDGET`` it is
  :func:`worn_out`, and the loop serving renders on it goes on on a fresh thread.
* Taffy recurses once per tree level; a caller's thread may have a small stack
  (some servers give threads 256 KB, where a 300-level tree overflows it and
  kills the process). The worker's stack is ``STACK_SIZE``.

Each call runs in the caller's :mod:`contextvars` context (the render's limits
and deadline) while the caller waits. A build's layout engine, its passes and
measurements, is one such call (``TreeBuilder.finish``): every hand-over costs
two thread switches (~20 us), a render computes 2-7 trees, and the engine calls
no user code (the build before it loads images and assets on the caller's
thread; reports are delivered there when the render ends). A call made from the
worker itself runs inline, and so does one made inside :func:`hosting`, for a caller whose thread
already is such a thread (``render_png`` runs a whole render on a thread of
resvg_bridge's that ends with it and has a larger stack): every hand-over between
threads may wait for the GIL while other threads run Python. No thread outlives
its render, so a process that forks workers after rendering (a warm template)
stays single-threaded.
"""
from __future__ import annotations

import contextvars
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["POOL_BUDGET", "STACK_SIZE", "hosting", "pooled", "run", "session", "worn_out"]

T = TypeVar("T")
STACK_SIZE = 32 * 1024 * 1024
# Objects (8 bytes each in the pool) a hosting thread may collect: 4 MB. A realistic card
# leaves 60-1,200 (30-600 measure calls), so a pool thread is replaced every few thousand
# renders; without a bound it grew by 1.6 GB a million cards.
POOL_BUDGET = 500_000
_STACK_SIZE_LOCK = threading.Lock()
# How often a job's caller looks whether the session's worker still lives (it may end before
# the job, out of memory entering it; a job done returns at once).
_LIVENESS_POLL = 0.5
# .jobs, .serving: the calling thread's session and its worker; .worker: set on worker threads;
# .pooled: the objects left in this thread's pool
_local = threading.local()


class _Job:
    __slots__ = ("fn", "context", "done", "ok", "value")

    def __init__(self, fn: Callable[[], Any]) -> None:
        self.fn = fn
        self.context = contextvars.copy_context()
        self.done = threading.Event()
        self.ok = False
        self.value: Any = None

    def run(self) -> None:
        try:
            self.value = self.context.run(self.fn)
            self.ok = True
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            self.value = exc
        finally:
            self.done.set()

    def result(self, worker: threading.Thread | None = None) -> Any:
        """The job's value (its exception raised); MemoryError when ``worker``, the thread
        that was to run it, ended first (out of memory entering it: waiting would never end)."""
        while not self.done.wait(None if worker is None else _LIVENESS_POLL):
            if worker is not None and not worker.is_alive() and not self.done.is_set():
                raise MemoryError("the layout thread ended before the layout ran")
        if self.ok:
            return self.value
        raise self.value


def _serve(jobs: queue.SimpleQueue[_Job | None]) -> None:
    _local.worker = True
    while (job := jobs.get()) is not None:
        try:
            job.run()
        except BaseException as exc:  # noqa: BLE001 - raised entering run (out of memory): the
            job.value = exc           # caller waits for the job, which would never be done
            job.done.set()


def _start(target: Callable[..., None], *args: Any) -> threading.Thread:
    with _STACK_SIZE_LOCK:  # threading.stack_size is process-wide: set it only around our start
        previous = threading.stack_size(STACK_SIZE)
        try:
            thread = threading.Thread(target=target, args=args, name="satori-py-taffy", daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    return thread


def run(fn: Callable[[], T]) -> T:
    """``fn()`` on the session's worker thread (or on a thread of its own); its result or exception."""
    if getattr(_local, "worker", False):
        return fn()
    job = _Job(fn)
    jobs: queue.SimpleQueue[_Job | None] | None = getattr(_local, "jobs", None)
    if jobs is not None:
        jobs.put(job)
        return job.result(_local.serving)  # type: ignore[no-any-return]
    _start(job.run).join()
    if not job.done.is_set():  # the thread ended before the job ran (out of memory entering it)
        raise MemoryError("the layout thread ended before the layout ran")
    return job.result()  # type: ignore[no-any-return]


def pooled(count: int) -> None:
    """Count ``count`` objects the Taffy call just made left in this thread's pool."""
    _local.pooled = getattr(_local, "pooled", 0) + count


def worn_out() -> bool:
    """Whether this thread's pool holds ``POOL_BUDGET`` objects or more: a loop that serves
    renders on it (under :func:`hosting`) should end the thread and go on on a fresh one."""
    return bool(getattr(_local, "pooled", 0) >= POOL_BUDGET)


@contextmanager
def hosting() -> Iterator[None]:
    """Run Taffy's calls inline on this thread for the block. Only for a thread that ends
    with the render and has a stack of at least ``STACK_SIZE``."""
    if getattr(_local, "worker", False):
        yield
        return
    _local.worker = True
    try:
        yield
    finally:
        _local.worker = False


@contextmanager
def session() -> Iterator[None]:
    """Run the Taffy calls made in the block on one worker thread, which ends with the block."""
    if getattr(_local, "jobs", None) is not None or getattr(_local, "worker", False):
        yield
        return
    jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
    thread = _start(_serve, jobs)
    _local.jobs, _local.serving = jobs, thread
    try:
        yield
    finally:
        _local.jobs = _local.serving = None
        jobs.put(None)
        thread.join()
