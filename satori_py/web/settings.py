"""The render pool's knobs: arguments of :func:`satori_py.web.pool.configure`, or environment.

Each knob is an argument and an environment variable (the argument wins); the
environment is read when the shared pool is created, so a server's settings can
be given without code. README's "Render pool" section documents the same table.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, fields
from typing import Any

__all__ = ["ENV", "MODES", "PoolSettings", "cpu_time_readable", "default_workers", "resolve_mode",
           "usable_cpus"]

MAX_DEFAULT_WORKERS = 4
# CPU seconds a render may use before a fresh render can pause it: each costly card
# costs the others up to this much CPU before it gives way, and a render paused while
# fresh ones keep coming waits (up to its deadline), so it sits above what a
# realistic card costs: a 1200x630 blog-post card takes 0.03-0.06 s, 0.07-0.11 s as
# the first render of a fresh worker (benchmarks/web_latency.py --soak: at 0.1 a few
# such cards were paused and starved until their deadline).
SLOW_AFTER_CPU = 0.2
# Wall seconds where CPU time cannot be read: a busy machine stretches every render.
SLOW_AFTER_WALL = 1.0

# Where renders run: "auto" picks threads when the raster binding releases the GIL
# (resvg_bridge.releases_gil), processes otherwise.
MODES = ("auto", "threads", "processes")

# argument -> environment variable
ENV = {
    "workers": "SATORI_PY_RENDER_WORKERS",
    "mode": "SATORI_PY_RENDER_MODE",
    "deadline": "SATORI_PY_RENDER_DEADLINE",
    "queue": "SATORI_PY_RENDER_QUEUE",
    "slow_after": "SATORI_PY_RENDER_SLOW_AFTER",
    "slow_lane": "SATORI_PY_RENDER_SLOW_LANE",
    "max_renders": "SATORI_PY_RENDER_MAX_RENDERS",
    "max_rss_mb": "SATORI_PY_RENDER_MAX_RSS_MB",
    "remember_costly": "SATORI_PY_RENDER_REMEMBER_COSTLY",
}


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def cpu_time_readable() -> bool:
    """Whether the pool can read its workers' CPU time (Linux /proc)."""
    return os.path.exists("/proc/self/stat")


def resolve_mode(mode: str) -> str:
    """``"threads"`` or ``"processes"``: ``mode`` itself, or for ``"auto"`` threads when
    the raster binding that will run releases the GIL (then renders in threads run
    in parallel and the event loop keeps its turn), processes when it holds it."""
    if mode != "auto":
        return mode
    import resvg_bridge
    try:
        return "threads" if resvg_bridge.releases_gil() else "processes"
    except resvg_bridge.RasterizeError:  # no binding at all: every render will say so
        return "processes"


def default_workers() -> int:
    """``$SATORI_PY_RENDER_WORKERS`` if set, else the usable CPUs, at most 4."""
    return PoolSettings.from_env().workers


@dataclass(frozen=True)
class PoolSettings:
    """How many workers, and how long and how much each render may take."""

    # Renders at once (threads or processes, see mode); 0: no pool, each render runs
    # in the caller's executor thread (no deadline, no queue bound).
    workers: int
    # "threads": worker threads of this process; "processes": worker processes;
    # "auto": threads when the raster binding releases the GIL, else processes.
    mode: str = "auto"
    # Seconds from submission to answer; past it a queued render is dropped and a
    # running one's worker killed (and replaced).
    deadline: float = 10.0
    # Renders waiting for a worker; one more is refused at once.
    queue: int = 64
    # Renders that have used more CPU seconds than this (wall seconds where a
    # process's CPU time cannot be read) are paused, the costliest first, while fresh
    # renders wait for a CPU; they resume when a CPU is free. The default (from_env)
    # is SLOW_AFTER_CPU where CPU time can be read, else SLOW_AFTER_WALL.
    slow_after: float = 0.2
    # Renders paused at once, each holding a worker process (0: no pausing, renders
    # run first come, first served); when a fresh render needs a process while the
    # lane is full, the paused render that used the most CPU is stopped. The default
    # (from_env) is ``workers``.
    slow_lane: int = 2
    # A worker is replaced after this many renders, or once its RSS exceeds this.
    max_renders: int = 1000
    max_rss_mb: float = 1024.0
    # Seconds a card stopped for its CPU cost (after being paused) is
    # refused at once when asked for again (0: never).
    remember_costly: float = 60.0

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(map(repr, MODES))}, got {self.mode!r}.")
        for name, minimum in (("workers", 0), ("queue", 0), ("slow_lane", 0), ("max_renders", 1)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
                raise ValueError(f"{name} must be a whole number of at least {minimum}, "
                                 f"got {value!r}.")
        for name in ("deadline", "slow_after", "max_rss_mb", "remember_costly"):
            value = getattr(self, name)
            if (isinstance(value, bool) or not isinstance(value, (int, float))
                    or not math.isfinite(value) or value < 0
                    or (value == 0 and name != "remember_costly")):
                kind = "0 or more" if name == "remember_costly" else "a positive number"
                raise ValueError(f"{name} must be {kind}, got {value!r}.")

    @classmethod
    def from_env(cls, **overrides: Any) -> PoolSettings:
        """Arguments not None, else the environment, else the defaults."""
        values: dict[str, Any] = {}
        for field in fields(cls):
            given = overrides.pop(field.name, None)
            if given is not None:
                values[field.name] = given
                continue
            raw = os.environ.get(ENV[field.name], "").strip()
            if raw:
                values[field.name] = raw.lower() if field.name == "mode" else _parse(field.name, raw)
        if overrides:
            raise TypeError(f"Unknown render pool setting(s): {', '.join(sorted(overrides))}.")
        if "workers" not in values:
            values["workers"] = max(1, min(MAX_DEFAULT_WORKERS, usable_cpus()))
        if "slow_after" not in values:
            values["slow_after"] = SLOW_AFTER_CPU if cpu_time_readable() else SLOW_AFTER_WALL
        if "slow_lane" not in values:
            values["slow_lane"] = values["workers"]
        return cls(**values)


def _parse(name: str, raw: str) -> int | float:
    whole = name in ("workers", "queue", "slow_lane", "max_renders")
    try:
        return int(raw) if whole else float(raw)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise ValueError(f"${ENV[name]} must be {kind}, got {raw!r}.") from None
