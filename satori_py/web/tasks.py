"""A render's life in a pool (:mod:`.pool`, :mod:`.threads`): queued, running (and what
it has cost), counted, and remembered when it was stopped for its cost.

Plain data and bookkeeping; the scheduling decisions are the pool's.
"""
from __future__ import annotations

import collections
import hashlib
import time
from concurrent.futures import Future
from dataclasses import dataclass

from ..errors import RenderBusyError, RenderTimeoutError
from .job import RenderJob
from .processes import WorkerProcess

__all__ = ["CostlyCards", "PoolStats", "Running", "Task", "admit"]

_COSTLY_KEPT = 1024


@dataclass(eq=False)
class Task:
    """A submitted render: queued until a worker (process or thread) takes it."""

    job: RenderJob
    payload: bytes | None  # the pickled job (None: a job a thread pool could not pickle)
    future: Future[bytes]
    budget: float  # seconds
    deadline: float  # time.monotonic()

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


def admit(task: Task, costly: CostlyCards, stats: PoolStats, waiting: int, room: int) -> bool:
    """Whether a pool queues ``task`` (its lock held). False: a card stopped for its cost a
    moment ago, answered at once with RenderTimeoutError; RenderBusyError when ``waiting``
    renders already fill the ``room`` of the queue."""
    refusal = costly.refusal(task.key, time.monotonic())
    if refusal is not None:
        stats.refused += 1
        task.future.set_exception(RenderTimeoutError(refusal))
        return False
    if waiting >= room:
        stats.refused += 1
        renders = "1 render" if waiting == 1 else f"{waiting} renders"
        raise RenderBusyError(f"The render pool is full ({renders} waiting): try again later.")
    return True
