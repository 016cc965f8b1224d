"""The thread Taffy runs on: one worker with a large stack, replaced after a bounded amount of work.

Two faults of stretchable 1.1.8 are contained here rather than worked around at every call:

* Its measure trampoline registers two objects per call in pyo3's thread-local
  pool of owned objects, a pool nothing ever drains (see :mod:`.taffy` for the
  objects themselves). The pool is freed when its thread exits, so Taffy runs on
  a worker thread that retires after ``max_units`` measure calls and is
  replaced: the pool of a live worker stays under ``16 B x max_units``.
* Taffy recurses once per tree level; a caller's thread may have a small stack
  (some servers give threads 256 KB, where a 300-level tree overflows it and
  kills the process). The worker's stack is ``stack_size``.

Calls are handed over in order and the caller waits; the worker runs each in
the caller's :mod:`contextvars` context (the render's limits and deadline). A
call made from the worker itself (a job that lays out a subtree) runs inline.
"""
from __future__ import annotations

import contextvars
import os
import queue
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["RetiringThread"]

T = TypeVar("T")


class _Job(Generic[T]):
    __slots__ = ("fn", "context", "done", "ok", "value")

    def __init__(self, fn: Callable[[], T]) -> None:
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


class _Worker:
    __slots__ = ("jobs", "units", "thread")

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[_Job[Any]] = queue.SimpleQueue()
        self.units = 0
        self.thread: threading.Thread | None = None


class RetiringThread:
    """Runs calls on a worker thread of its own, replaced after ``max_units`` units of work."""

    def __init__(self, name: str, *, stack_size: int, max_units: int) -> None:
        self.name = name
        self.stack_size = stack_size
        self.max_units = max_units
        self._lock = threading.Lock()
        self._worker: _Worker | None = None
        self._local = threading.local()  # .worker: the _Worker whose thread this is
        self.retired = 0  # how many workers have retired (for tests)
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        # A forked child has none of the parent's threads.
        self._lock = threading.Lock()
        self._worker = None

    def run(self, fn: Callable[[], T]) -> T:
        """``fn()`` on the worker thread; its result or its exception."""
        if getattr(self._local, "worker", None) is not None:
            return fn()
        job: _Job[T] = _Job(fn)
        with self._lock:
            worker = self._worker
            if worker is None or worker.thread is None or not worker.thread.is_alive():
                worker = self._worker = self._start()
            worker.jobs.put(job)
        job.done.wait()
        if job.ok:
            return job.value  # type: ignore[no-any-return]
        raise job.value

    def spend(self, units: int) -> None:
        """Count ``units`` of work for the worker thread running the current call."""
        worker = getattr(self._local, "worker", None)
        if worker is not None:
            worker.units += units

    def _start(self) -> _Worker:
        worker = _Worker()
        previous = threading.stack_size(self.stack_size)  # process-wide: only around this start
        try:
            worker.thread = threading.Thread(target=self._loop, args=(worker,), name=self.name, daemon=True)
            worker.thread.start()
        finally:
            threading.stack_size(previous)
        return worker

    def _loop(self, worker: _Worker) -> None:
        self._local.worker = worker
        while True:
            worker.jobs.get().run()
            if worker.units < self.max_units:
                continue
            with self._lock:  # no new job can be queued for this worker past this point
                if self._worker is worker:
                    self._worker = None
                    self.retired += 1
            while True:
                try:
                    worker.jobs.get_nowait().run()
                except queue.Empty:
                    return
