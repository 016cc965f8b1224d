"""Rendering off the event loop, contained: the shared render pool, of worker processes
or (:mod:`.threads`) of threads.

Processes or threads (the ``mode`` setting): the pipeline is Python, and the
``resvg`` and ``resvg_py`` bindings hold the GIL for the whole rasterisation (one
1200x630 card: ~0.07 s in ``resvg``, ~0.2 s in resvg-py), so a render in a
*thread* would freeze the event loop for that long, and 8 concurrent renders for
seconds; from a worker process the loop only receives the image bytes. A process
is also a wall: a render that crashes native code, loops or bloats takes only its
worker down. With the ``svg2png`` binding the raster runs without the GIL, and
threads render in parallel in the server's own process for a fraction of the
memory: ``mode="auto"`` (the default) picks threads when the binding that will
run releases the GIL (:func:`resvg_bridge.releases_gil`) and processes
otherwise; ``mode="processes"`` keeps the processes' containment whatever the
binding. :class:`RenderPool` below is the process pool; :mod:`.threads` says
what the thread pool keeps of the guarantees below and what it cannot.

How a render is scheduled (the knobs are :class:`~.settings.PoolSettings`):

* :meth:`RenderPool.submit` queues a job with a deadline (the pool's ``deadline``
  seconds, or the caller's), or refuses it at once with :class:`RenderBusyError`
  when ``queue`` renders are already waiting. A job still waiting at its deadline
  fails with :class:`RenderTimeoutError` without running; a running one has its
  worker killed (and replaced) and fails the same way.
* Least attained service first: at most ``workers`` renders run at once (one per
  CPU), and a fresh render goes ahead of any render that has already used more than
  ``slow_after`` seconds of CPU time (wall time where that cannot be read): the one
  that has used the most is *paused* (``SIGSTOP``) and the fresh one takes a worker
  of its own. Paused renders resume (``SIGCONT``), least CPU used first, whenever no
  fresh render is waiting for a CPU. So a costly card costs the others at most
  ``slow_after`` of CPU, whatever the rate of costly cards; a card that is costly but
  finite still finishes when the pool has room; a pathological one meets its
  deadline. CPU time, because a card slowed down by a busy machine is not costly.
* Up to ``slow_lane`` renders may be paused, each holding a worker process (so the
  pool has at most ``workers + slow_lane`` processes, started when first needed).
  When a fresh render waits and every process is taken, the paused render that has
  used the most CPU is stopped (its worker killed and replaced) to make room. A card
  stopped for its cost is refused at once (:class:`RenderTimeoutError`) when it is
  asked for again within ``remember_costly`` seconds.
* A worker that dies (a crash in native code, the OOM killer, the deadline) fails
  only its own job, with a :class:`RenderError` naming how it ended, and is
  replaced before the next job; so is a worker after ``max_renders`` renders or
  once its RSS passes ``max_rss_mb``.

Why pausing and not lower priority: a worker cannot get its priority back without
privileges, so a demoted worker had to be replaced by a fork for every costly card;
and a niced process still takes a share of a busy machine. A paused process takes
none and carries on where it stopped.

Workers start with the pool's first job (or :meth:`RenderPool.warm_up`, for a
server's startup) and live until the server stops. Jobs and errors cross the pipe
pickled: plain dicts, JSON text and :class:`satori_py.Font` are picklable;
SatoriErrors keep their node path. ``workers=0`` renders in the event loop's
default thread pool instead: no pool, no deadline, no queue bound.
"""
from __future__ import annotations

import asyncio
import atexit
import collections
import logging
import os
import signal
import threading
import time
from concurrent.futures import Future
from typing import Any

from ..errors import RenderError, RenderTimeoutError
from .job import RenderJob, pickled, render_job
from .processes import Launcher, StartMethod, WorkerDied, WorkerProcess
from .settings import PoolSettings, default_workers, resolve_mode
from .tasks import Answer, CostlyCards, PoolBase, PoolStats, Running, Task, admit
from .threads import ThreadPool

__all__ = ["Pool", "RenderPool", "ThreadPool", "configure", "default_workers", "get_pool",
           "render_async", "result_of", "shutdown", "submit"]

log = logging.getLogger("satori_py.render_pool")

STOP_TIMEOUT = 120.0
_IDLE_WAKE = 5.0
_MIN_WAKE = 0.02


def _renders(count: int) -> str:
    return f"{count} render" if count == 1 else f"{count} renders"


class RemoteTraceback(Exception):
    """The worker-side traceback, attached as ``__cause__`` of a re-raised error."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return f'\n"""\n{self.text}"""'


class RenderPool(PoolBase):
    """Worker processes with a bounded queue, per-job deadlines and least-attained-service
    scheduling (see the module's docstring); processes whatever ``settings.mode`` says."""

    mode = "processes"

    def __init__(self, settings: PoolSettings | int, *,
                 start_method: StartMethod | None = None) -> None:
        if isinstance(settings, int) and not isinstance(settings, bool):
            settings = PoolSettings.from_env(workers=settings)
        if not isinstance(settings, PoolSettings) or settings.workers < 1:
            raise ValueError(f"A render pool needs at least one worker, got {settings!r}.")
        self.settings = settings
        self.workers = settings.workers
        self.pid = os.getpid()  # a forked child must not use its parent's pool
        self.stats = PoolStats()
        self._launcher = Launcher(start_method)
        self._can_pause = settings.slow_lane > 0 and hasattr(signal, "SIGSTOP")
        self._max_processes = settings.workers + (settings.slow_lane if self._can_pause else 0)
        self._lock = threading.Lock()
        self._work = threading.Condition(self._lock)  # dispatchers wait for jobs here
        self._watch = threading.Condition(self._lock)  # the watchdog waits here
        self._waiting: collections.deque[Task] = collections.deque()
        self._running: set[Running] = set()
        self._processes: dict[int, WorkerProcess] = {}  # dispatcher id -> its worker
        self._ready: dict[int, threading.Event] = {}  # dispatcher id -> its worker is up
        self._idle: list[int] = []  # dispatchers with a worker, waiting for a job
        self._assigned: dict[int, Task] = {}  # dispatcher id -> the job it is to run
        self._handing = 0  # jobs taken by a dispatcher, not yet running on its worker
        self._threads: set[threading.Thread] = set()
        self._next_id = 0
        # Dispatchers between jobs (starting a worker, or back from a job): each will ask
        # for a job soon, so they are not replaced meanwhile.
        self._between = 0
        self._costly = CostlyCards(settings.remember_costly, f"for using more than "
                                                             f"{settings.slow_after:g} s of CPU time")
        self._started = False
        self.closed = False

    # -- the caller's side ---------------------------------------------------------------

    def _task(self, job: RenderJob, future: Future[bytes], budget: float,
              deadline: float) -> Task | None:
        try:
            payload = pickled(job)
        except Exception as exc:
            future.set_exception(RenderError(
                f"The render job cannot be sent to a worker (its element, fonts and fetcher "
                f"must be picklable; a fetcher may be satori_py.http_fetcher(...) or a "
                f"module-level function): {type(exc).__name__}: {exc}"))
            return None
        return Task(job, payload, future, budget, deadline)

    def _queue_locked(self, task: Task) -> list[Answer]:
        # Jobs that start at once (an idle worker and a free CPU) are not waiting.
        startable = min(len(self._idle), max(0, self.workers - self._active()))
        if admit(task, self._costly, self.stats, len(self._waiting),
                 self.settings.queue + startable):
            self._waiting.append(task)
            self._schedule()
            self._watch.notify()
        return []

    def warm_up(self, timeout: float | None = STOP_TIMEOUT) -> list[int]:
        """Start the ``workers`` workers now and wait until they are ready; returns their pids."""
        with self._lock:
            self._open_locked()
            ready = list(self._ready.values())
        for event in ready:
            event.wait(timeout)
        return self.worker_pids()

    def worker_pids(self) -> list[int]:
        """The pids of the worker processes now (paused ones included)."""
        with self._lock:
            return sorted(worker.pid for worker in self._processes.values())

    def paused_pids(self) -> list[int]:
        """The pids of the workers whose render is paused now."""
        with self._lock:
            return sorted(r.worker.pid for r in self._running if r.paused_at is not None)

    def process_pids(self) -> list[int]:
        """Every process of the pool: the workers and the template they fork from."""
        template = self._launcher.template_pid
        return self.worker_pids() + ([template] if template is not None else [])

    def shutdown(self, wait: bool = True) -> None:
        """Stop the workers; renders still queued are cancelled, running ones fail."""
        with self._lock:
            if self.closed:
                return
            self.closed = True
            pending, self._waiting = list(self._waiting), collections.deque()
            pending += self._assigned.values()
            self._assigned.clear()
            threads = list(self._threads)
            for running in self._running:
                self._stop(running, "The render pool was shut down during the render.")
            self._work.notify_all()
            self._watch.notify_all()
        for task in pending:
            if not task.future.cancel():  # given to a worker, not yet started
                task.future.set_exception(
                    RuntimeError("The render pool was shut down before the render started."))
        if wait:
            for thread in threads:
                thread.join(STOP_TIMEOUT)
            self._launcher.close()

    # -- scheduling (lock held) ----------------------------------------------------------

    def _active(self) -> int:
        """Renders using (or about to use) a CPU: running and not paused, or assigned."""
        return (len(self._assigned) + self._handing
                + sum(r.paused_at is None and r.live for r in self._running))

    def _coming(self) -> int:
        """Workers that will soon ask for a job: starting, or stopped and to be replaced."""
        return self._between + sum(not r.live for r in self._running)

    def _schedule(self) -> float:
        """Give waiting jobs a CPU, pausing, stopping or resuming renders as needed (lock
        held); returns when the schedule next needs a look (time.monotonic())."""
        now = time.monotonic()
        wake = now + _IDLE_WAKE
        while self._waiting and not self.closed:
            task = self._waiting[0]
            if task.future.cancelled():
                self._waiting.popleft()
                continue
            free = self.workers - self._active()
            if free > 0:
                if self._idle:
                    self._waiting.popleft()
                    if task.future.set_running_or_notify_cancel():
                        self._assigned[self._idle.pop()] = task
                        self._work.notify_all()
                    continue
                if self._coming() >= min(free, len(self._waiting)):
                    break  # workers on their way will take the jobs
                if len(self._ready) < self._max_processes:
                    self._add_dispatcher()  # it asks for a job once its worker is up
                elif not self._evict(now):
                    break
                continue
            # Every CPU is taken: the render that has used the most gives way, if it has
            # used more than slow_after (then its cost is known to exceed a fresh one's).
            wake = min(wake, self._pause_costliest(now))
            if self._active() >= self.workers:
                break
        if not self._waiting and not self.closed:
            self._resume(now)
        return wake

    def _pause_costliest(self, now: float) -> float:
        """Pause the costliest running render if it passed slow_after; else returns when
        it may have (CPU time cannot run ahead of the clock)."""
        if not self._can_pause:
            return now + _IDLE_WAKE
        candidates = [(r.cost(now)[0], r) for r in self._running
                      if r.paused_at is None and r.live]
        if not candidates:
            return now + _IDLE_WAKE
        used, running = max(candidates, key=lambda pair: pair[0])
        if used < self.settings.slow_after:
            return now + max(_MIN_WAKE, self.settings.slow_after - used)
        running.paused_at = now
        running.was_paused = True
        self.stats.paused += 1
        running.worker.pause()
        return now

    def _resume(self, now: float) -> None:
        """Resume paused renders, least CPU used first, while a CPU is free."""
        paused = sorted((r.cost(now)[0], id(r), r) for r in self._running
                        if r.paused_at is not None and r.live)
        for _, _, running in paused[:max(0, self.workers - self._active())]:
            self._unpause(running, now)

    def _unpause(self, running: Running, now: float) -> None:
        if running.paused_at is not None:
            running.paused_for += now - running.paused_at
            running.paused_at = None
            running.worker.resume()

    def _evict(self, now: float) -> bool:
        """Every process is taken and a fresh job waits: stop the paused render that has
        used the most CPU (its worker is replaced and takes the fresh job)."""
        paused = [(r.cost(now), r) for r in self._running
                  if r.paused_at is not None and r.live]
        if not paused:
            return False
        (used, cpu), running = max(paused, key=lambda pair: pair[0][0])
        what = "CPU time" if cpu else "time"
        self.stats.evicted += 1
        self._stop(running, f"The render used {used:.2f} s of {what} (more than "
                            f"{self.settings.slow_after:g} s) and was stopped to make room for "
                            f"fresher renders: the slow lane was full ("
                            f"{_renders(self.settings.slow_lane)} paused); its worker (pid "
                            f"{running.worker.pid}) was stopped.", costly=True)
        return True

    # -- dispatchers ---------------------------------------------------------------------

    def _start_locked(self) -> None:
        if self._started:
            return
        self._started = True
        for _ in range(self.workers):
            self._add_dispatcher()
        watchdog = threading.Thread(target=self._watchdog, name="satori-py-render-watchdog",
                                    daemon=True)
        self._threads.add(watchdog)
        watchdog.start()

    def _add_dispatcher(self) -> None:
        ident = self._next_id
        self._next_id += 1
        ready = threading.Event()
        self._between += 1
        thread = threading.Thread(target=self._dispatch, args=(ident, ready),
                                  name=f"satori-py-render-{ident}", daemon=True)
        self._ready[ident] = ready
        self._threads.add(thread)
        thread.start()

    def _dispatch(self, ident: int, ready: threading.Event) -> None:
        worker: WorkerProcess | None = None
        problem: Exception | None = None
        try:
            while True:
                if worker is None:
                    if self.closed:
                        break
                    worker, problem = self._new_worker(ident)
                ready.set()
                task = self._next_task(ident)
                if task is None:
                    break
                if worker is None:
                    with self._lock:
                        self._handing -= 1
                    task.future.set_exception(
                        RenderError(f"No render worker could be started: {problem}"))
                    continue
                running = self._run(task, worker)
                if running.gone:
                    with self._lock:
                        self._processes.pop(ident, None)
                    worker.close()
                    worker = None
        finally:
            ready.set()
            with self._lock:
                self._processes.pop(ident, None)
                self._ready.pop(ident, None)
                if ident in self._idle:
                    self._idle.remove(ident)
                self._threads.discard(threading.current_thread())
            if worker is not None:
                worker.close()

    def _new_worker(self, ident: int) -> tuple[WorkerProcess | None, Exception | None]:
        """Start this dispatcher's worker."""
        try:
            worker = self._launcher.start()
        except OSError as exc:
            log.error("Could not start a render worker: %s", exc)
            return None, exc
        with self._lock:
            self.stats.started += 1
            self._processes[ident] = worker
        return worker, None

    def _next_task(self, ident: int) -> Task | None:
        """Wait until the scheduler gives this dispatcher a job (None: the pool closed)."""
        with self._lock:
            self._between -= 1
            self._idle.append(ident)
            self._schedule()
            while not self.closed:
                task = self._assigned.pop(ident, None)
                if task is not None:
                    if time.monotonic() < task.deadline:
                        self._handing += 1  # until _run counts it as running
                        return task
                    self._expire(task)
                    self._idle.append(ident)
                    self._schedule()
                    continue
                self._work.wait()
            if ident in self._idle:
                self._idle.remove(ident)
            return None

    def _expire(self, task: Task) -> None:
        self.stats.expired += 1
        task.future.set_exception(RenderTimeoutError(
            f"The render did not start within its {task.budget:g} s deadline: "
            "the render pool is busy."))

    def _run(self, task: Task, worker: WorkerProcess) -> Running:
        """Render ``task`` on ``worker``; ``running.gone`` if the worker must be replaced."""
        running = Running(task, worker, time.monotonic(), worker.cpu_seconds())
        with self._lock:
            self._handing -= 1
            self._running.add(running)
            self._watch.notify()
        assert task.payload is not None  # submit() refuses a job that does not pickle
        try:
            kind, value, text = worker.run(task.payload)
        except WorkerDied:
            self._died(running)
        except Exception as exc:  # an answer that cannot be unpickled
            task.future.set_exception(RenderError(f"The render worker's answer cannot be read: "
                                                  f"{type(exc).__name__}: {exc}"))
        else:
            if kind == "ok":
                task.future.set_result(bytes(value))
            else:
                if text:
                    value.__cause__ = RemoteTraceback(text)
                task.future.set_exception(value)
        finally:
            with self._lock:
                # Paused just as it answered: the worker must not stay stopped.
                self._unpause(running, time.monotonic())
                self._running.discard(running)
                # Killed just after it answered: the answer stands, the worker is gone.
                running.gone = (running.gone or running.stopped is not None
                                or self._worn_out(worker))
                self._between += 1
        return running

    def _died(self, running: Running) -> None:
        task, worker = running.task, running.worker
        with self._lock:
            running.gone = True
        if running.stopped is not None:
            task.future.set_exception(RenderTimeoutError(running.stopped))
            return
        self.stats.died += 1
        how = worker.ended()
        log.error("The render worker (pid %d) %s while rendering; starting another.",
                  worker.pid, how)
        task.future.set_exception(RenderError(
            f"The render worker (pid {worker.pid}) {how} while rendering."))

    def _worn_out(self, worker: WorkerProcess) -> bool:
        if (worker.renders >= self.settings.max_renders
                or worker.rss >= self.settings.max_rss_mb * 2 ** 20):
            self.stats.recycled += 1
            return True
        return False

    # -- the watchdog --------------------------------------------------------------------

    def _watchdog(self) -> None:
        with self._lock:
            while not self.closed:
                now = time.monotonic()
                wake = now + _IDLE_WAKE
                for running in list(self._running):
                    if running.stopped is None and now >= running.task.deadline:
                        self._stop(running, f"The render did not finish within its "
                                            f"{running.task.budget:g} s deadline; its worker "
                                            f"(pid {running.worker.pid}) was stopped.",
                                   costly=running.was_paused)
                    elif running.stopped is None:
                        wake = min(wake, running.task.deadline)
                for task in [t for t in self._waiting if now >= t.deadline]:
                    self._waiting.remove(task)
                    if task.future.set_running_or_notify_cancel():
                        self._expire(task)
                for task in self._waiting:
                    wake = min(wake, task.deadline)
                wake = min(wake, self._schedule())
                self._watch.wait(max(0.005, wake - time.monotonic()))
            self._threads.discard(threading.current_thread())

    def _stop(self, running: Running, why: str, *, costly: bool = False) -> None:
        """Kill the worker of ``running`` (lock held); a ``costly`` card is remembered."""
        running.stopped = why
        self.stats.stopped += 1
        if costly:
            self._costly.remember(running.task.key, time.monotonic())
        log.warning("%s", why)
        running.worker.kill()  # (SIGKILL ends a paused process too)


# The process-wide pool: created on first use (a resource, not a cache).
Pool = RenderPool | ThreadPool
_pool_lock = threading.Lock()
_pool: Pool | None = None
_overrides: dict[str, Any] = {}


def configure(workers: int | None = None, **settings: Any) -> None:
    """Set the shared pool's knobs (None: the environment, else the default).

    ``workers=0`` renders in the loop's executor threads, without a pool. Other knobs:
    ``mode`` (``"auto"``, ``"threads"``, ``"processes"``), ``deadline``, ``queue``,
    ``slow_after``, ``slow_lane``, ``max_renders``, ``max_rss_mb``, ``remember_costly``
    (see :class:`~satori_py.web.settings.PoolSettings`). A running pool is shut down
    (after the renders in flight); the next render starts the new one.
    """
    global _pool, _overrides
    overrides = {"workers": workers, **settings}
    PoolSettings.from_env(**dict(overrides))  # validate now, not at the first render
    with _pool_lock:
        old, _pool, _overrides = _pool, None, overrides
    if old is not None:
        old.shutdown()


def get_pool() -> Pool | None:
    """The shared pool (created, not started, on first call): a :class:`ThreadPool` or a
    :class:`RenderPool` as ``mode`` resolves; None when ``workers=0``."""
    global _pool
    with _pool_lock:
        settings = PoolSettings.from_env(**dict(_overrides))
        if settings.workers == 0:
            return None
        if (_pool is None or _pool.closed or _pool.settings != settings
                or _pool.pid != os.getpid()):
            threads = resolve_mode(settings.mode) == "threads"
            _pool = ThreadPool(settings) if threads else RenderPool(settings)
        return _pool


def shutdown(wait: bool = True) -> None:
    """Stop the shared pool's workers (a server's shutdown hook); the next render restarts."""
    with _pool_lock:
        pool = _pool
    if pool is not None and pool.pid == os.getpid():
        pool.shutdown(wait=wait)


atexit.register(shutdown)


def submit(job: RenderJob, *, deadline: float | None = None) -> Future[bytes] | None:
    """Submit ``job`` to the shared pool; ``None`` when rendering uses threads."""
    pool = get_pool()
    return pool.submit(job, deadline=deadline) if pool is not None else None


def result_of(future: Future[bytes], timeout: float | None = None) -> bytes:
    """Block until ``future``'s bytes are there (for non-asyncio callers)."""
    return future.result(timeout=timeout)


async def render_async(job: RenderJob, *, deadline: float | None = None) -> bytes:
    """Render ``job`` without blocking the running asyncio loop."""
    loop = asyncio.get_running_loop()
    future = submit(job, deadline=deadline)
    if future is None:
        return await loop.run_in_executor(None, render_job, job)
    # Cancelling the awaiting task (client gone) cancels a render not yet started.
    result: Any = await asyncio.wrap_future(future, loop=loop)
    return bytes(result)
