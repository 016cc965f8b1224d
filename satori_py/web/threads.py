"""Rendering in threads of the server's own process, when the raster releases the GIL.

With a resvg binding that rasterises without the GIL (``svg2png``:
:func:`resvg_bridge.releases_gil`), the raster and the PNG deflate, most of a
card's time, run in parallel in threads, and the rest (the front end, in
Python) gives the event loop its turn every switch interval (1 ms while a pool
runs: :data:`SWITCH_INTERVAL`). Each render runs on its pool thread, which has
the raster's stack (:func:`resvg_bridge.raster_thread`) and is replaced by a
fresh one when it is worn out by what Taffy leaves with it
(:func:`satori_py.layout.taffy_thread.worn_out`). Then
threads do the work of worker processes for less: no pickling, no
interpreter, fonts and caches per worker, no fork. :class:`ThreadPool` has the
interface of the process pool (:class:`~.pool.RenderPool`: ``submit``,
``warm_up``, ``shutdown``, ``stats``) and keeps what a thread can of its
guarantees:

* at most ``workers`` renders at once, and at most ``queue`` waiting: one more
  is refused at once (:class:`RenderBusyError`);
* the deadline: a render still waiting at its deadline, or so late that it is
  expected to finish past it (see below), fails without running; a
  running one is answered :class:`RenderTimeoutError` at its deadline, and stops
  itself there: its limits' ``timeout`` is the time it has left, which the front
  end checks between stages and inside its long loops. The raster cannot be
  interrupted (``max_image_pixels``, ``max_effect_pixels`` and the other limits
  bound it). Until the render has stopped, its thread keeps its place among the
  ``workers`` (so CPU and memory stay bounded), and the card is refused for
  ``remember_costly`` seconds if asked for again;
* an error in a render (a SatoriError, any Python exception, a tree too deep to
  follow) fails that render only;
* costly cards do not hold up cheap ones for long. A thread cannot pause a
  render, so a card is judged *before* it runs, by what cards of its template
  cost lately (:mod:`.costs`: its element tree without its text's characters;
  CPU seconds measured on each render's thread). One expected to use more than
  half of ``slow_after`` seconds of CPU (half: a process may use ``slow_after``
  before it gives way, a thread gives way only when it ends; realistic cards
  take 0.03-0.06 s) waits in a queue of its own, behind the fresh
  ones (cheap, or never seen), and takes at most ``workers // 2`` threads while
  fresh renders wait (none with one worker: then it runs when no fresh render
  waits); with no fresh render waiting it may take any free thread. When the
  queue is full, the costly render queued last gives its place to a fresh one
  (:class:`RenderBusyError`, a 503 with ``retry-after``: ``stats.shed``). A
  render of a known template is expected to take the wall seconds its template
  took lately; one that would start too late to finish by its deadline is
  answered then (:class:`RenderTimeoutError`) instead of taking a thread for an
  answer that would come too late.

What threads cannot do that processes do: survive a crash in native code (a
segfault or abort in resvg, HarfBuzz or Taffy ends the whole server process, as
the OOM killer does), stop a card whose cost shows only as it runs (the first
cards of a costly template run as fresh ones), or hand memory back by replacing a
worker (``max_renders``, ``max_rss_mb``): those settings, and ``slow_lane``, apply
to worker processes only.
"""
from __future__ import annotations

import collections
import dataclasses
import os
import sys
import threading
import time
from concurrent.futures import Future
from typing import Any

import resvg_bridge
from resvg_bridge.heap import keep_freed_memory

from ..errors import LimitError, RenderBusyError, RenderTimeoutError
from ..layout import taffy_thread
from ..limits import Limits, out_of_memory
from .costs import CostMemory, template
from .job import RenderJob, pickled, render_job
from .settings import PoolSettings
from .tasks import Answer, CostlyCards, PoolBase, PoolStats, Task, admit

__all__ = ["ThreadPool"]

STOP_TIMEOUT = 120.0
_IDLE_WAKE = 5.0

Outcome = tuple[bool, Any]  # (True, image bytes) or (False, the exception)

# A thread that wants the GIL back (its raster or deflate done) while another runs Python
# waits a whole switch interval before asking for it: with Python's 5 ms, about 3 ms per
# card on the render's thread with 2 render threads (measured on the thread's schedstat:
# off the CPU and not waiting to run); with 1 ms, 1.4-2 ms. The event loop gets its turn
# sooner too. Set while a pool runs, unless the server chose its own interval.
SWITCH_INTERVAL = 0.001
_PYTHON_SWITCH_INTERVAL = 0.005
_switching = threading.Lock()
_quick_pools = 0  # running pools that set SWITCH_INTERVAL


def _quicken_switches() -> bool:
    """Set SWITCH_INTERVAL if the interval is Python's own; whether this pool uses it."""
    global _quick_pools
    with _switching:
        if _quick_pools == 0 and sys.getswitchinterval() != _PYTHON_SWITCH_INTERVAL:
            return False
        sys.setswitchinterval(SWITCH_INTERVAL)
        _quick_pools += 1
        return True


def _restore_switches() -> None:
    global _quick_pools
    with _switching:
        _quick_pools -= 1
        if _quick_pools == 0 and sys.getswitchinterval() == SWITCH_INTERVAL:
            sys.setswitchinterval(_PYTHON_SWITCH_INTERVAL)


def _payload(job: RenderJob) -> bytes | None:
    """The job pickled, which identifies the card (None: it cannot be; threads need not). A
    tree deeper than pickle follows is pickled flat, as for a process (else such a card was
    never remembered for running past its deadline)."""
    try:
        return pickled(job)
    except Exception:
        return None


def _settle(future: Future[bytes], outcome: Outcome) -> None:
    ok, value = outcome
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


class ThreadPool(PoolBase):
    """``workers`` render threads sharing a bounded queue, each render within its deadline,
    costly cards behind fresh ones (see the module's docstring)."""

    mode = "threads"

    def __init__(self, settings: PoolSettings) -> None:
        if not isinstance(settings, PoolSettings) or settings.workers < 1:
            raise ValueError(f"A render pool needs at least one worker, got {settings!r}.")
        self.settings = settings
        self.workers = settings.workers
        self.pid = os.getpid()  # a forked child must not use its parent's pool
        self.stats = PoolStats()
        self._lock = threading.Lock()
        self._work = threading.Condition(self._lock)  # render threads wait for jobs here
        self._watch = threading.Condition(self._lock)  # the watchdog waits here
        self._waiting: collections.deque[Task] = collections.deque()  # fresh renders
        self._behind: collections.deque[Task] = collections.deque()  # expected to be costly
        self.costs = CostMemory()
        self.costly_after = settings.slow_after / 2  # CPU seconds (see the module's docstring)
        self._running: set[Task] = set()  # taken by a thread, not answered yet
        self._overdue: set[Task] = set()  # answered at their deadline, their thread still on them
        self._idle = 0  # threads waiting for a job
        self._threads: set[threading.Thread] = set()
        self._costly = CostlyCards(settings.remember_costly, "for running past its deadline")
        self._started = False
        self._quick = False  # this pool set SWITCH_INTERVAL
        self.closed = False

    # -- the caller's side ---------------------------------------------------------------

    def _task(self, job: RenderJob, future: Future[bytes], budget: float,
              deadline: float) -> Task:
        key = template(job)
        seen = self.costs.expect(key)
        if seen is None:
            return Task(job, _payload(job), future, budget, deadline, key)
        cpu, wall = seen
        return Task(job, _payload(job), future, budget, deadline, key, cpu > self.costly_after, wall)

    def _queue_locked(self, task: Task) -> list[Answer]:
        shed: list[Answer] = []

        def make_room() -> bool:  # the costly render queued last gives its place to a fresh one
            while not task.costly and self._behind:
                other = self._behind.pop()
                if other.future.set_running_or_notify_cancel():
                    self.stats.shed += 1
                    shed.append((other.future, _shed(self.costly_after)))
                    return True
            return False

        # Jobs that idle threads are about to take are not waiting.
        if admit(task, self._costly, self.stats, len(self._waiting) + len(self._behind),
                 self.settings.queue + self._idle, make_room):
            if task.costly:
                self.stats.costly += 1
            (self._behind if task.costly else self._waiting).append(task)
            self._work.notify()
            self._watch.notify()
        return shed

    def warm_up(self, timeout: float | None = STOP_TIMEOUT) -> list[int]:
        """Start the threads and render a small card here (imports, the default font), so
        the first request does not pay for them; returns the worker pids: none."""
        from .worker import WARM_JOB

        with self._lock:
            self._open_locked()
        render_job(RenderJob(WARM_JOB, width=64, height=64))
        return []

    def worker_pids(self) -> list[int]:
        """The pids of worker processes: none (the renders run in this process)."""
        return []

    def process_pids(self) -> list[int]:
        """Every process of the pool other than this one: none."""
        return []

    def overdue(self) -> int:
        """Renders answered at their deadline whose thread has not stopped yet."""
        with self._lock:
            return len(self._overdue)

    def shutdown(self, wait: bool = True) -> None:
        """Refuse new renders and cancel queued ones; running ones finish and are answered
        (a thread cannot be stopped). ``wait``: until the threads have ended."""
        with self._lock:
            if self.closed:
                return
            self.closed = True
            if self._quick:
                _restore_switches()
            pending = [*self._waiting, *self._behind]
            self._waiting.clear()
            self._behind.clear()
            threads = list(self._threads)
            self._work.notify_all()
            self._watch.notify_all()
        for task in pending:
            task.future.cancel()
        if wait:
            for thread in threads:
                thread.join(STOP_TIMEOUT)

    # -- the render threads --------------------------------------------------------------

    def _start_locked(self) -> None:
        if self._started:
            return
        self._started = True
        keep_freed_memory()  # this process renders card after card now: keep the raster's memory
        self._quick = _quicken_switches()
        for _ in range(self.workers):
            self._start_thread_locked()
        watchdog = threading.Thread(target=self._watchdog, name="satori-py-render-watchdog", daemon=True)
        self._threads.add(watchdog)
        watchdog.start()

    def _start_thread_locked(self) -> None:
        # With the raster's stack: each render runs right on its worker thread.
        name = f"satori-py-render-thread-{self.stats.started}"
        self._threads.add(resvg_bridge.raster_thread(self._serve, name))
        self.stats.started += 1

    def _serve(self) -> None:
        try:
            # Until the pool closes, or this thread is worn out by what Taffy leaves with it
            # (then a fresh thread takes its place: taffy_thread.worn_out).
            while not taffy_thread.worn_out() and (task := self._next_task()) is not None:
                outcome = self._render(task)
                with self._lock:
                    answer = task in self._running
                    self._running.discard(task)
                    self._overdue.discard(task)
                if answer:  # (else the watchdog answered it at its deadline)
                    _settle(task.future, outcome)
        finally:
            with self._lock:
                self._threads.discard(threading.current_thread())
                if taffy_thread.worn_out() and not self.closed:
                    self._start_thread_locked()

    def _next_task(self) -> Task | None:
        """The next job to render (None: the pool closed); expired ones are answered here."""
        with self._lock:
            while True:
                self._idle += 1
                while not (self._waiting or self._behind) and not self.closed:
                    self._work.wait()
                self._idle -= 1
                if self.closed:
                    return None
                task = self._take_locked()
                if not task.future.set_running_or_notify_cancel():
                    continue  # cancelled while waiting (the client went away)
                if time.monotonic() >= task.latest_start:
                    self.stats.expired += 1
                    self._lock.release()  # answered outside the lock: a callback may submit again
                    try:
                        task.future.set_exception(_not_started(task))
                    finally:
                        self._lock.acquire()
                    continue
                self._running.add(task)
                self._watch.notify()
                return task

    def _take_locked(self) -> Task:
        """The fresh render waiting longest, unless a costly one may go first: no fresh one
        waits, or fewer than ``workers // 2`` costly renders hold a thread."""
        if self._behind:
            costly = sum(t.costly for t in (*self._running, *self._overdue))
            if not self._waiting or costly < self.workers // 2:
                return self._behind.popleft()
        return self._waiting.popleft()

    def _render(self, task: Task) -> Outcome:
        """Render ``task``'s job in this thread, its limits' timeout cut to its deadline."""
        job = task.job
        limits = job.limits or Limits()
        left = max(0.001, task.deadline - time.monotonic())
        by_deadline = limits.timeout is None or limits.timeout > left
        if by_deadline:
            job = dataclasses.replace(job, limits=dataclasses.replace(limits, timeout=left))

        def measured() -> bytes:  # on the render's own thread: its CPU time is the render's
            start, cpu = time.monotonic(), time.thread_time()
            try:
                return render_job(job)
            finally:
                if task.template is not None:
                    self.costs.record(task.template, time.thread_time() - cpu,
                                      time.monotonic() - start)

        try:
            return True, resvg_bridge.on_raster_stack(measured)
        except LimitError as exc:
            if by_deadline and exc.limit == "timeout":
                self._stopped_at_deadline(task)
                return False, _not_finished(task)
            return False, exc
        except MemoryError:
            return False, out_of_memory()
        except BaseException as exc:  # noqa: BLE001 - e.g. SystemExit from a fetcher: the caller's
            return False, exc  # to raise; this thread keeps serving

    def _stopped_at_deadline(self, task: Task) -> None:
        """The render stopped itself at its deadline before the watchdog answered it (the
        two race at that instant): counted and remembered as the watchdog does."""
        with self._lock:
            if task in self._running:
                self.stats.stopped += 1
                self._costly.remember(task.key, time.monotonic())

    # -- the watchdog --------------------------------------------------------------------

    def _watchdog(self) -> None:
        """Answer every render, waiting or running, at its deadline."""
        with self._lock:
            while not self.closed:
                now = time.monotonic()
                wake = now + _IDLE_WAKE
                late: list[tuple[Future[bytes], Exception]] = []
                for queue in (self._waiting, self._behind):
                    for task in [t for t in queue if now >= t.latest_start]:
                        queue.remove(task)
                        if task.future.set_running_or_notify_cancel():
                            self.stats.expired += 1
                            late.append((task.future, _not_started(task)))
                for task in [t for t in self._running if now >= t.deadline]:
                    self._running.discard(task)
                    self._overdue.add(task)
                    self.stats.stopped += 1
                    self._costly.remember(task.key, now)
                    late.append((task.future, _not_finished(task)))
                for task in (*self._waiting, *self._behind):
                    wake = min(wake, task.latest_start)
                for task in self._running:
                    wake = min(wake, task.deadline)
                if late:  # answered outside the lock: a callback may submit again
                    self._lock.release()
                    try:
                        for future, error in late:
                            future.set_exception(error)
                    finally:
                        self._lock.acquire()
                    continue
                self._watch.wait(max(0.005, wake - time.monotonic()))
            self._threads.discard(threading.current_thread())


def _not_started(task: Task) -> RenderTimeoutError:
    if task.expected and time.monotonic() < task.deadline:
        return RenderTimeoutError(f"The render would not finish within its {task.budget:g} s deadline: "
                                  f"renders like it take {task.expected:.2f} s now, more than the time "
                                  "left (the render pool is busy).")
    return RenderTimeoutError(f"The render did not start within its {task.budget:g} s deadline: "
                              "the render pool is busy.")


def _shed(costly_after: float) -> RenderBusyError:
    return RenderBusyError(f"The render pool is full, and this render gave its place to a cheaper one: "
                           f"cards like it took more than {costly_after:g} s of CPU time lately. "
                           "Try again later.")


def _not_finished(task: Task) -> RenderTimeoutError:
    return RenderTimeoutError(f"The render did not finish within its {task.budget:g} s deadline.")
