"""The local worker processes of a batch, each item within a time limit.

``render_many(..., jobs=N)`` renders in N worker processes started here (forked
on Linux when this process has a single thread: nothing to re-import or
re-load; spawned otherwise, when a script must guard its entry point with
``if __name__ == "__main__":``). Each worker prepares the batch's context once
(:func:`.worker.serve`), says it is ready, then renders one item at a time; the
parent (this module, driven from the thread iterating the results: no thread of
its own, so forking stays safe) sends items to ready workers and collects what
they answer.

* **Start-up.** Before forking, the parent prepares the context and warms the
  render once (:func:`.worker.warm`): the forked workers start with the modules
  imported, the fonts read and parsed and the template compiled, instead of
  each doing it again (a spawned worker warms itself before it says it is
  ready), so no item's time pays for it. A worker not ready within
  :data:`_START_WAIT` seconds fails the batch's items.
* **No idle worker.** A worker holds up to :data:`_DEPTH` items: the one it
  renders and the next, already in its pipe, so it goes on without waiting for
  the parent (busy writing the last file, or not scheduled on a loaded machine)
  between items. An item too big to sit in the pipe's buffer waits for an idle
  worker instead, so sending never blocks the parent.

* **Time limit.** Each item renders under the render's own time limit
  (``limits.timeout``, 60 s by default, checked between the stages and inside
  long loops: over it the item fails with a ``LimitError``). What those checks
  cannot reach, a loop or a wait in native code (rasterising, a font parser, a
  component's ``time.sleep``), is stopped here: an item still rendering
  :data:`STOP_FACTOR` times that long after its worker got it has its worker
  killed, fails with :class:`~satori_py.errors.RenderTimeoutError`, and a new
  worker takes the old one's place.
* **A dying worker** (a crash in native code, the out-of-memory killer, a
  component calling ``os._exit``) fails only the item it was rendering, with a
  :class:`~satori_py.errors.RenderError` naming its exit code; it is replaced too.
* **A context that cannot be prepared** (an unreadable font file) fails every
  item with that error.
"""
from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from typing import Any

from .. import pickling
from ..errors import RenderError, RenderTimeoutError
from .worker import BatchContext, Job, Outcome, flat_items, serve, warm

__all__ = ["STOP_FACTOR", "LocalPool"]

STOP_FACTOR = 2
"""A worker still rendering an item at this many times the render's time limit is
stopped: the render's own deadline had its chance (the rasteriser, which it cannot
interrupt, is bounded by the other limits), so the item is hung."""

_STOP_WAIT = 5.0  # seconds a worker is given to exit when the batch ends, then it is killed
_START_WAIT = 120.0  # seconds a worker may take to get ready (spawned on a loaded machine: imports)
_DEPTH = 2  # items a worker holds: the one it renders, and the next
_PIPE_ROOM = 32 * 1024  # bytes of an item sent to a busy worker: far below the pipe's buffer

_Sent = tuple[list[Job], "Future[list[Outcome]]"]


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    sent: deque[_Sent] = field(default_factory=deque)  # in the worker's hands, the first rendering
    started: float = 0.0  # when it started (not ready yet) or began rendering the first of ``sent``


class LocalPool:
    """``workers`` worker processes holding ``context``; see the module doc.

    :meth:`submit` queues a list of jobs and returns the future of their outcomes;
    :meth:`result` runs the pool until that future is done.
    """

    def __init__(self, context: BatchContext, workers: int, time_limit: float | None) -> None:
        self.context = context
        self.size = workers
        self.time_limit = time_limit  # the items' limits.timeout
        self.timeout = None if time_limit is None else STOP_FACTOR * time_limit
        self._queue: deque[tuple[list[Job], Future[list[Outcome]]]] = deque()
        self._workers: list[_Worker] = []
        self._broken: Exception | None = None  # why the context cannot be prepared
        self._warmed = False

    def submit(self, jobs: list[Job]) -> Future[list[Outcome]]:
        future: Future[list[Outcome]] = Future()
        self._queue.append((jobs, future))
        return future

    def result(self, future: Future[list[Outcome]]) -> list[Outcome]:
        while not future.done():
            self._step()
        return future.result()

    def close(self) -> None:
        """Stop every worker (those still rendering are killed)."""
        for worker in self._workers:
            if not worker.sent:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + _STOP_WAIT
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()) if not worker.sent else 0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers.clear()

    # -- one step: hand out jobs, wait for an answer or the next deadline ------------------------

    def _step(self) -> None:
        self._dispatch()
        waiting = [w for w in self._workers if w.sent or not w.ready]
        if not waiting:  # nothing to wait for: the pool cannot be prepared
            return
        dues = [due for due in map(self._due, waiting) if due is not None]
        for conn in wait([w.conn for w in waiting], max(0.0, min(dues) - time.monotonic()) if dues else None):
            self._receive(next(w for w in waiting if w.conn is conn))
        self._stop_overdue()

    def _due(self, worker: _Worker) -> float | None:
        """When a worker that is starting, or rendering, is overdue (None: never)."""
        if not worker.ready:
            return worker.started + _START_WAIT
        return None if self.timeout is None else worker.started + self.timeout

    def _dispatch(self) -> None:
        while self._queue:
            if self._broken is not None:
                jobs, future = self._queue.popleft()
                future.set_result([(index, None, self._broken) for index, _, _ in jobs])
                continue
            worker = self._free_worker()
            if worker is None:
                return
            jobs, future = self._queue[0]
            try:
                payload = pickling.dumps(jobs, flat_items, ForkingPickler.dumps)
            except Exception as exc:  # the item cannot be pickled (a lambda component...)
                self._queue.popleft()
                error = RenderError(f"The item cannot be sent to a worker process ({type(exc).__name__}: "
                                    f"{exc}); use module-level functions, or jobs=1.")
                future.set_result([(index, None, error) for index, _, _ in jobs])
                continue
            if worker.sent and len(payload) > _PIPE_ROOM:
                return  # it would fill the busy worker's pipe: wait for an idle one
            self._queue.popleft()
            try:
                worker.conn.send_bytes(payload)
            except OSError:  # it died: the item goes to another worker
                self._queue.appendleft((jobs, future))
                self._died(worker)
                continue
            if not worker.sent:
                worker.started = time.monotonic()
            worker.sent.append((jobs, future))

    def _free_worker(self) -> _Worker | None:
        """An idle ready worker, else (starting one more if there is room) a busy one with room."""
        ready = []
        for worker in list(self._workers):
            if worker.ready and not worker.sent and not worker.process.is_alive():
                self._retire(worker)  # it died while idle
            elif worker.ready:
                ready.append(worker)
        idle = [w for w in ready if not w.sent]
        if idle:
            return idle[0]
        if len(self._workers) < self.size:
            self._start()
        room = [w for w in ready if len(w.sent) < _DEPTH]
        return min(room, key=lambda w: len(w.sent)) if room else None

    def _start(self) -> None:
        fork = sys.platform == "linux" and threading.active_count() == 1
        if fork and not self._warmed:
            self._warmed = False
            try:
                warm(self.context)
            except Exception as exc:  # what every worker would answer
                self._broken = exc
                return
            fork = threading.active_count() == 1  # (a render leaves no thread behind)
        context: Any = multiprocessing.get_context("fork" if fork else "spawn")  # typeshed: BaseContext
        parent_end, child_end = context.Pipe()
        process = context.Process(target=serve, args=(child_end, self.context), daemon=True,
                                  name="satori-py batch worker")
        process.start()
        child_end.close()  # so that the worker's death reads as the end of its pipe
        self._workers.append(_Worker(process, parent_end, started=time.monotonic()))

    def _receive(self, worker: _Worker) -> None:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._died(worker)
            return
        if not worker.ready:  # ("ready", None) or ("failed", the error preparing the context)
            kind, error = message
            worker.ready = True
            if kind == "failed":
                self._broken = error
            return
        _, future = worker.sent.popleft()
        worker.started = time.monotonic()  # it goes on with the next one, if it has one
        future.set_result(message)

    def _stop_overdue(self) -> None:
        now = time.monotonic()
        for worker in [w for w in self._workers
                       if (w.sent or not w.ready) and (due := self._due(w)) is not None and due < now]:
            worker.process.kill()
            worker.process.join()
            if worker.sent:
                self._fail_first(worker, RenderTimeoutError(
                    f"The item was still rendering after {self.timeout:g} s, {STOP_FACTOR} times the "
                    f"timeout limit of {self.time_limit:g} s: its worker process was stopped."))
            else:
                self._broken = RenderError(f"A batch worker process was not ready after {_START_WAIT:g} s.")
            self._retire(worker)

    def _died(self, worker: _Worker) -> None:
        worker.process.join()
        code = worker.process.exitcode
        if worker.sent:
            self._fail_first(worker, RenderError(
                f"The worker process died while rendering this item (exit code {code}: it crashed, "
                "was killed, or ran out of memory)."))
        elif not worker.ready:  # it could not even start: don't start others for ever
            self._broken = RenderError(f"A batch worker process could not start (exit code {code}).")
        self._retire(worker)

    def _fail_first(self, worker: _Worker, error: Exception) -> None:
        """The item a stopped worker was rendering fails; those waiting behind it go back in the queue."""
        jobs, future = worker.sent.popleft()
        while worker.sent:
            self._queue.appendleft(worker.sent.pop())
        future.set_result([(index, None, error) for index, _, _ in jobs])

    def _retire(self, worker: _Worker) -> None:
        worker.conn.close()
        self._workers.remove(worker)
