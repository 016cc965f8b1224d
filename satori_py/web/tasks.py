"""A render's life in a pool (:mod:`.pool`, :mod:`.threads`): submitted, queued, running
(and what it has cost), counted, and remembered when it was stopped for its cost.

Plain data and bookkeeping, and the caller's side both pools share (:class:`PoolBase`);
the scheduling decisions are each pool's.
"""
from __future__ import annotations

import collections
import hashlib
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from ..errors import RenderBusyError, RenderTimeoutError
from .job import RenderJob
from .processes import WorkerProcess
from .settings import PoolSettings

__all__ = ["CostlyCards", "PoolBase", "PoolStats", "Running", "Task", "admit"]

_COSTLY_KEPT = 1024


@dataclass(eq=False)
class Task:
    """A submitted render: queued until a worker (process or thread) takes it."""

    job: RenderJob
    payload: bytes | None  # the pickled job (None: a job a thread pool could not pickle)
    future: Future[bytes]
    budget: float  # seconds
    deadline: float  # time.monotonic()
    # A thread pool's guesses (.costs): what its cost is remembered by, whether it is
    # costly, and the wall seconds it is expected to take (None: unknown).
    template: bytes | None = None
    costly: bool = False
    expected: float | None = None

    @property
    def latest_start(self) -> float:
        """When it must start at the latest to be expected to finish by its deadline."""
        return self.deadline - (self.expected or 0.0)

    @property
    def key(self) -> bytes | None:
        """Identifies the card: equal jobs pickle to equal bytes (None: unknown)."""
        if self.payload is None:
            return None
        return hashlib.blake2b(self.payload, digest_size=16).digest()


@dataclass(eq=False)
class Running:
    """A render on a worker: running, or paused for fresher renders."""

    task: Task
    worker: WorkerProcess
    started: float
    cpu_at_start: float | None = None
    paused_at: float | None = None  # time.monotonic() when paused; None while running
    paused_for: float = 0.0  # seconds spent paused before paused_at
    was_paused: bool = False
    stopped: str | None = None  # why the watchdog killed the worker
    gone: bool = False  # the worker died or was killed: it must be replaced

    @property
    def live(self) -> bool:
        """Its worker is neither stopped nor known to be dead."""
        return self.stopped is None and not self.gone

    def cost(self, now: float) -> tuple[float, bool]:
        """What the render has cost so far: CPU seconds where they can be read (a render
        slowed down by a busy machine is not a costly render), else wall seconds run."""
        if self.cpu_at_start is not None:
            cpu = self.worker.cpu_seconds()
            if cpu is not None:
                return cpu - self.cpu_at_start, True
        paused = self.paused_for + (now - self.paused_at if self.paused_at is not None else 0)
        return now - self.started - paused, False


@dataclass
class PoolStats:
    """Counts since the pool started (for tests, benchmarks and logs)."""

    started: int = 0  # worker processes (or threads) started
    died: int = 0  # died by themselves while rendering
    # killed by the watchdog (deadline, to make room, shutdown); in a thread pool,
    # renders answered at their deadline while their thread was still on them
    stopped: int = 0
    expired: int = 0  # jobs that reached their deadline before a worker took them
    refused: int = 0  # jobs refused because the queue was full
    paused: int = 0  # times a render was paused for a fresher one
    evicted: int = 0  # paused renders stopped to make room (counted in stopped too)
    recycled: int = 0  # workers replaced after max_renders or max_rss_mb
    # renders expected to be costly (thread pool: their template cost more than
    # slow_after lately), and of those, dropped from the queue for a cheaper one
    costly: int = 0
    shed: int = 0


class CostlyCards:
    """Cards stopped for their CPU cost, refused at once when asked for again for a while
    (a flood of one costly card then costs one worker-second, not one per request)."""

    def __init__(self, seconds: float, why: str) -> None:
        self.seconds = seconds
        self.why = why  # e.g. "for using more than 0.2 s of CPU time"
        self._stopped: collections.OrderedDict[bytes, float] = collections.OrderedDict()

    def remember(self, key: bytes | None, now: float) -> None:
        if self.seconds > 0 and key is not None:
            self._stopped[key] = now
            self._stopped.move_to_end(key)
            while len(self._stopped) > _COSTLY_KEPT:
                self._stopped.popitem(last=False)

    def refusal(self, key: bytes | None, now: float) -> str | None:
        """Why this card is refused now, or None."""
        if key is None:
            return None
        stopped = self._stopped.get(key)
        if stopped is None:
            return None
        if now - stopped >= self.seconds:
            del self._stopped[key]
            return None
        return (f"The same card was stopped {now - stopped:.0f} s ago {self.why}; it is refused "
                f"for {self.seconds - (now - stopped):.0f} s more.")


def admit(task: Task, costly: CostlyCards, stats: PoolStats, waiting: int, room: int,
          make_room: Callable[[], bool] | None = None) -> bool:
    """Whether a pool queues ``task`` (its lock held). False: a card stopped for its cost a
    moment ago, answered at once with RenderTimeoutError; RenderBusyError when ``waiting``
    renders already fill the ``room`` of the queue and ``make_room()`` (which drops a
    waiting render, if the pool has one to drop for this one) cannot free a place."""
    refusal = costly.refusal(task.key, time.monotonic())
    if refusal is not None:
        stats.refused += 1
        task.future.set_exception(RenderTimeoutError(refusal))
        return False
    while waiting >= room and make_room is not None and make_room():
        waiting -= 1
    if waiting >= room:
        stats.refused += 1
        renders = "1 render" if waiting == 1 else f"{waiting} renders"
        raise RenderBusyError(f"The render pool is full ({renders} waiting): try again later.")
    return True

Answer = tuple[Future[bytes], BaseException]  # a future to fail once the pool's lock is let go


class PoolBase:
    """The caller's side of a render pool, the same for processes and threads: ``submit``
    makes the task (its budget, deadline and future) and queues it while the pool is open."""

    settings: PoolSettings
    closed: bool
    _lock: threading.Lock

    def submit(self, job: RenderJob, *, deadline: float | None = None) -> Future[bytes]:
        """Queue ``job``; the future's result is the image bytes.

        ``deadline`` (seconds from now) replaces the pool's. Raises RenderBusyError
        when the queue is full.
        """
        budget = self.settings.deadline if deadline is None else deadline
        future: Future[bytes] = Future()
        task = self._task(job, future, budget, time.monotonic() + budget)
        if task is None:
            return future  # answered already
        with self._lock:
            self._open_locked()
            answers = self._queue_locked(task)
        for other, error in answers:  # outside the lock: a callback may submit again
            other.set_exception(error)
        return future

    def _open_locked(self) -> None:
        """Start the pool if it has not started; RuntimeError once it is shut down."""
        if self.closed:
            raise RuntimeError("This render pool has been shut down.")
        self._start_locked()

    # -- each pool's ---------------------------------------------------------------------

    def _task(self, job: RenderJob, future: Future[bytes], budget: float,
              deadline: float) -> Task | None:
        """The task for ``job`` (None: ``future`` was answered, the job cannot run here)."""
        raise NotImplementedError

    def _start_locked(self) -> None:
        raise NotImplementedError

    def _queue_locked(self, task: Task) -> list[Answer]:
        """Queue ``task`` or answer it (admit); returns other renders to fail."""
        raise NotImplementedError
