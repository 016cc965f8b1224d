"""Rendering off the event loop, contained: a shared pool of render worker processes.

Why processes and not threads: our pipeline is Python and resvg's bindings hold the
GIL for the whole rasterisation (one 1200x630 card: ~0.2 s in resvg-py, ~0.07 s in
the ``resvg`` binding, measured on the route-handler seed), so a render in a worker
*thread* freezes the event loop for that long, and 8 concurrent renders for seconds.
From a worker process the loop only receives the image bytes. A process is also a
wall: a render that crashes native code, loops or bloats takes only its worker down.

How a render is scheduled (the knobs are :class:`~.settings.PoolSettings`):

* :meth:`RenderPool.submit` queues a job with a deadline (the pool's ``deadline``
  seconds, or the caller's), or refuses it at once with :class:`RenderBusyError`
  when ``queue`` renders are already waiting.
* ``workers`` dispatcher threads each drive one worker process (see
  :mod:`.processes`) and take jobs first come, first served. A job still waiting at
  its deadline fails with :class:`RenderTimeoutError` without running.
* A watchdog thread kills the worker of a job running past its deadline (the job
  fails with :class:`RenderTimeoutError`), and moves a job that has used more than
  ``slow_after`` seconds of CPU time (wall time where that cannot be read) to the
  *slow lane*: its worker gets the lowest CPU priority and a new worker takes its
  place, so one costly card cannot hold the pool's capacity. CPU time, because a
  card that is slow only because the machine is busy is not a costly card. At most
  ``slow_lane`` jobs are slow at once; one more is stopped instead. A card stopped
  for its cost is refused at once (:class:`RenderTimeoutError`) when it is asked
  for again within ``remember_costly`` seconds.
* A worker that dies (a crash in native code, the OOM killer, the deadline) fails
  only its own job, with a :class:`RenderError` naming how it ended, and is
  replaced before the next job; so is a worker after ``max_renders`` renders or
  once its RSS passes ``max_rss_mb``.

Workers start with the pool's first job (or :meth:`RenderPool.warm_up`, for a
server's startup) and live until the server stops. Jobs and errors cross the pipe
pickled: plain dicts, JSON text and :class:`satori_py.Font` are picklable;
SatoriErrors keep their node path. ``workers=0`` renders in the event loop's
default thread pool instead: no processes, no deadline, the GIL caveat above.
"""
from __future__ import annotations

import asyncio
import atexit
import collections
import hashlib
import logging
import os
import pickle
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from ..errors import RenderBusyError, RenderError, RenderTimeoutError
from .job import RenderJob, render_job
from .processes import Launcher, StartMethod, WorkerDied, WorkerProcess
from .settings import PoolSettings, default_workers

__all__ = ["RenderPool", "configure", "default_workers", "get_pool", "render_async",
           "result_of", "shutdown", "submit"]

log = logging.getLogger("satori_py.render_pool")

# The slow lane's niceness: the lowest priority, so fresh renders win the CPU.
SLOW_NICENESS = 19
STOP_TIMEOUT = 120.0
_IDLE_WAKE = 5.0
_MIN_WAKE = 0.02
_COSTLY_KEPT = 1024


def _renders(count: int) -> str:
    return f"{count} render" if count == 1 else f"{count} renders"


class RemoteTraceback(Exception):
    """The worker-side traceback, attached as ``__cause__`` of a re-raised error."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return f'\n"""\n{self.text}"""'


@dataclass(eq=False)
class _Task:
    job: RenderJob
    payload: bytes  # the pickled job
    future: Future[bytes]
    budget: float  # seconds
    deadline: float  # time.monotonic()

    @property
    def key(self) -> bytes:
        """Identifies the card: equal jobs pickle to equal bytes."""
        return hashlib.blake2b(self.payload, digest_size=16).digest()


@dataclass(eq=False)
class _Running:
    task: _Task
    worker: WorkerProcess
    started: float
    cpu_at_start: float | None = None
    slow: bool = False
    stopped: str | None = None  # why the watchdog killed the worker
    gone: bool = False  # the worker died or was killed: it must be replaced


@dataclass
class PoolStats:
    """Counts since the pool started (for tests, benchmarks and logs)."""

    started: int = 0  # worker processes started
    died: int = 0  # died by themselves while rendering
    stopped: int = 0  # killed by the watchdog (deadline, full slow lane, shutdown)
    expired: int = 0  # jobs that reached their deadline before a worker took them
    refused: int = 0  # jobs refused because the queue was full
    slowed: int = 0  # jobs moved to the slow lane
    recycled: int = 0  # workers replaced after max_renders or max_rss_mb


class _CostlyCards:
    """Cards stopped for their CPU cost, refused at once when asked for again for a while
    (a flood of one costly card then costs one worker-second, not one per request)."""

    def __init__(self, seconds: float, slow_after: float) -> None:
        self.seconds = seconds
        self.slow_after = slow_after
        self._stopped: collections.OrderedDict[bytes, float] = collections.OrderedDict()

    def remember(self, key: bytes, now: float) -> None:
        if self.seconds > 0:
            self._stopped[key] = now
            self._stopped.move_to_end(key)
            while len(self._stopped) > _COSTLY_KEPT:
                self._stopped.popitem(last=False)

    def refusal(self, key: bytes, now: float) -> str | None:
        """Why this card is refused now, or None."""
        stopped = self._stopped.get(key)
        if stopped is None:
            return None
        if now - stopped >= self.seconds:
            del self._stopped[key]
            return None
        return (f"The same card was stopped {now - stopped:.0f} s ago for using more than "
                f"{self.slow_after:g} s of CPU time; it is refused for "
                f"{self.seconds - (now - stopped):.0f} s more.")


class RenderPool:
    """Worker processes with a bounded queue, per-job deadlines and a slow lane."""

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
        self._lock = threading.Lock()
        self._work = threading.Condition(self._lock)  # dispatchers wait for jobs here
        self._watch = threading.Condition(self._lock)  # the watchdog waits here
        self._waiting: collections.deque[_Task] = collections.deque()
        self._running: set[_Running] = set()
        self._processes: dict[int, WorkerProcess] = {}  # dispatcher id -> its worker
        self._ready: dict[int, threading.Event] = {}  # dispatcher id -> its worker is up
        self._threads: set[threading.Thread] = set()
        self._next_id = 0
        self._slow = 0
        self._idle = 0  # dispatchers waiting for a job
        self._costly = _CostlyCards(settings.remember_costly, settings.slow_after)
        self._started = False
        self.closed = False

    # -- the caller's side ---------------------------------------------------------------

    def submit(self, job: RenderJob, *, deadline: float | None = None) -> Future[bytes]:
        """Queue ``job``; the future's result is the image bytes.

        ``deadline`` (seconds from now) replaces the pool's. Raises RenderBusyError
        when the queue is full.
        """
        budget = self.settings.deadline if deadline is None else deadline
        future: Future[bytes] = Future()
        try:
            payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            future.set_exception(RenderError(
                f"The render job cannot be sent to a worker (its element, fonts and fetcher "
                f"must be picklable; a fetcher may be satori_py.http_fetcher(...) or a "
                f"module-level function): {type(exc).__name__}: {exc}"))
            return future
        task = _Task(job, payload, future, budget, time.monotonic() + budget)
        with self._lock:
            if self.closed:
                raise RuntimeError("This render pool has been shut down.")
            self._start_locked()
            refusal = self._costly.refusal(task.key, time.monotonic())
            if refusal is not None:
                self.stats.refused += 1
                future.set_exception(RenderTimeoutError(refusal))
                return future
            # Jobs an idle worker is about to take are not waiting for one.
            if len(self._waiting) >= self.settings.queue + self._idle:
                self.stats.refused += 1
                raise RenderBusyError(f"The render pool is full ({_renders(len(self._waiting))} "
                                      "waiting): try again later.")
            self._waiting.append(task)
            self._work.notify()
            self._watch.notify()
        return future

    def warm_up(self, timeout: float | None = STOP_TIMEOUT) -> list[int]:
        """Start every worker now and wait until they are ready; returns their pids."""
        with self._lock:
            if self.closed:
                raise RuntimeError("This render pool has been shut down.")
            self._start_locked()
            ready = list(self._ready.values())
        for event in ready:
            event.wait(timeout)
        return self.worker_pids()

    def worker_pids(self) -> list[int]:
        """The pids of the worker processes now (slow ones included)."""
        with self._lock:
            return sorted(worker.pid for worker in self._processes.values())

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
            threads = list(self._threads)
            for running in self._running:
                self._stop(running, "The render pool was shut down during the render.")
            self._work.notify_all()
            self._watch.notify_all()
        for task in pending:
            task.future.cancel()
        if wait:
            for thread in threads:
                thread.join(STOP_TIMEOUT)
            self._launcher.close()

    # -- dispatchers ---------------------------------------------------------------------

    def _start_locked(self) -> None:
        if self._started:
            return
        self._started = True
        for _ in range(self.workers):
            self._add_dispatcher_locked()
        watchdog = threading.Thread(target=self._watchdog, name="satori-py-render-watchdog",
                                    daemon=True)
        self._threads.add(watchdog)
        watchdog.start()

    def _add_dispatcher_locked(self) -> None:
        ident = self._next_id
        self._next_id += 1
        ready = threading.Event()
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
                    worker, problem = self._new_worker(ident)
                ready.set()
                task = self._next_task()
                if task is None:
                    break
                if worker is None:
                    task.future.set_exception(
                        RenderError(f"No render worker could be started: {problem}"))
                    continue
                running = self._run(task, worker)
                if running.gone or running.slow or self._worn_out(worker):
                    with self._lock:
                        self._processes.pop(ident, None)
                    worker.close()
                    worker = None
                if running.slow:
                    break  # a new dispatcher took this one's place when the job slowed
        finally:
            ready.set()
            with self._lock:
                self._processes.pop(ident, None)
                self._ready.pop(ident, None)
                self._threads.discard(threading.current_thread())
            if worker is not None:
                worker.close()

    def _new_worker(self, ident: int) -> tuple[WorkerProcess | None, Exception | None]:
        try:
            worker = self._launcher.start()
        except OSError as exc:
            log.error("Could not start a render worker: %s", exc)
            return None, exc
        with self._lock:
            self.stats.started += 1
            self._processes[ident] = worker
        return worker, None

    def _next_task(self) -> _Task | None:
        with self._lock:
            while not self.closed:
                while self._waiting:
                    task = self._waiting.popleft()
                    if not task.future.set_running_or_notify_cancel():
                        continue  # the caller gave up
                    if time.monotonic() >= task.deadline:
                        self._expire(task)
                        continue
                    return task
                self._idle += 1
                try:
                    self._work.wait()
                finally:
                    self._idle -= 1
            return None

    def _expire(self, task: _Task) -> None:
        self.stats.expired += 1
        task.future.set_exception(RenderTimeoutError(
            f"The render did not start within its {task.budget:g} s deadline: "
            "the render pool is busy."))

    def _run(self, task: _Task, worker: WorkerProcess) -> _Running:
        """Render ``task`` on ``worker``; ``running.gone`` if the worker must be replaced."""
        running = _Running(task, worker, time.monotonic(), worker.cpu_seconds())
        with self._lock:
            self._running.add(running)
            self._watch.notify()
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
                self._running.discard(running)
                if running.slow:
                    self._slow -= 1
                # Killed just after it answered: the answer stands, the worker is gone.
                running.gone = running.gone or running.stopped is not None
        return running

    def _died(self, running: _Running) -> None:
        task, worker = running.task, running.worker
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
                    wake = min(wake, self._check(running, now))
                for task in [t for t in self._waiting if now >= t.deadline]:
                    self._waiting.remove(task)
                    if task.future.set_running_or_notify_cancel():
                        self._expire(task)
                for task in self._waiting:
                    wake = min(wake, task.deadline)
                self._watch.wait(max(0.005, wake - time.monotonic()))
            self._threads.discard(threading.current_thread())

    def _check(self, running: _Running, now: float) -> float:
        """Act on one running job (lock held); returns when it next needs a look."""
        task, settings = running.task, self.settings
        if running.stopped is not None:
            return now + _IDLE_WAKE
        if now >= task.deadline:
            self._stop(running, f"The render did not finish within its {task.budget:g} s "
                                f"deadline; its worker (pid {running.worker.pid}) was stopped.",
                       costly=running.slow)
            return now + _IDLE_WAKE
        if running.slow or settings.slow_lane == 0:
            return task.deadline  # (no slow lane: it keeps its worker until the deadline)
        used, cpu = self._cost(running, now)
        if used < settings.slow_after:
            # CPU time cannot run ahead of the clock: no need to look again before then.
            return min(now + max(_MIN_WAKE, settings.slow_after - used), task.deadline)
        if self._slow >= settings.slow_lane:
            limit = f"{settings.slow_after:g} s"
            what = f"used more than {limit} of CPU time" if cpu else f"ran longer than {limit}"
            self._stop(running, f"The render {what} while the slow lane was full "
                                f"({_renders(settings.slow_lane)}); its worker (pid "
                                f"{running.worker.pid}) was stopped.", costly=True)
            return now + _IDLE_WAKE
        running.slow = True
        self._slow += 1
        self.stats.slowed += 1
        running.worker.renice(SLOW_NICENESS)
        self._add_dispatcher_locked()  # keeps `workers` workers for the other jobs
        return task.deadline

    @staticmethod
    def _cost(running: _Running, now: float) -> tuple[float, bool]:
        """What the render has cost so far: CPU seconds where they can be read (a render
        slowed down by a busy machine is not a slow render), else wall seconds."""
        if running.cpu_at_start is not None:
            cpu = running.worker.cpu_seconds()
            if cpu is not None:
                return cpu - running.cpu_at_start, True
        return now - running.started, False

    def _stop(self, running: _Running, why: str, *, costly: bool = False) -> None:
        """Kill the worker of ``running`` (lock held); a ``costly`` card is remembered."""
        running.stopped = why
        self.stats.stopped += 1
        if costly:
            self._costly.remember(running.task.key, time.monotonic())
        log.warning("%s", why)
        running.worker.kill()


# The process-wide pool: created on first use (a resource, not a cache).
_pool_lock = threading.Lock()
_pool: RenderPool | None = None
_overrides: dict[str, Any] = {}


def configure(workers: int | None = None, **settings: Any) -> None:
    """Set the shared pool's knobs (None: the environment, else the default).

    ``workers=0`` renders in threads. Other knobs: ``deadline``, ``queue``,
    ``slow_after``, ``slow_lane``, ``max_renders``, ``max_rss_mb`` (see
    :class:`~satori_py.web.settings.PoolSettings`). A running pool is shut down
    (after the renders in flight); the next render starts the new one.
    """
    global _pool, _overrides
    overrides = {"workers": workers, **settings}
    PoolSettings.from_env(**dict(overrides))  # validate now, not at the first render
    with _pool_lock:
        old, _pool, _overrides = _pool, None, overrides
    if old is not None:
        old.shutdown()


def get_pool() -> RenderPool | None:
    """The shared pool (created, not started, on first call); None when using threads."""
    global _pool
    with _pool_lock:
        settings = PoolSettings.from_env(**dict(_overrides))
        if settings.workers == 0:
            return None
        if (_pool is None or _pool.closed or _pool.settings != settings
                or _pool.pid != os.getpid()):
            _pool = RenderPool(settings)
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
