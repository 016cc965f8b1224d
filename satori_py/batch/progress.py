"""Progress of a batch: counts, rate and ETA, drawn as a bar or written as lines.

:class:`Tracker` counts finished items (thread-safe: executors finish items
on their own threads) and hands a :class:`Progress` snapshot to a reporter.
:class:`ProgressBar` is the default reporter: on a terminal it redraws one
line (``[#####-----]  57/200  28%  8.1/s  ETA 0:17  1 failed``) at most ten
times a second; elsewhere (a log, CI) it writes a plain line every few
seconds and at the end.
"""
from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

__all__ = ["Progress", "ProgressBar", "Reporter", "Tracker"]


@dataclass(frozen=True)
class Progress:
    """A snapshot: ``done`` counts finished items, failed ones included."""

    done: int
    failed: int
    total: int | None
    elapsed: float
    finished: bool = False

    @property
    def rate(self) -> float:
        """Items per second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate (None when unknown)."""
        if self.total is None or self.done == 0:
            return None
        return max(self.total - self.done, 0) / self.rate


Reporter = Callable[[Progress], None]


class Tracker:
    """Counts finished items and reports each change to ``reporter``."""

    def __init__(self, reporter: Reporter | None, total: int | None) -> None:
        self.reporter = reporter
        self.total = total
        self.done = 0
        self.failed = 0
        self._start = time.monotonic()
        self._lock = threading.Lock()

    def finished(self, ok: bool) -> None:
        with self._lock:
            self.done += 1
            self.failed += not ok
            self._report(False)

    def close(self) -> None:
        with self._lock:
            self._report(True)

    def _report(self, finished: bool) -> None:
        if self.reporter is not None:
            self.reporter(Progress(self.done, self.failed, self.total,
                                   time.monotonic() - self._start, finished))


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class ProgressBar:
    """The default reporter, writing to ``stream`` (standard error)."""

    WIDTH = 24

    def __init__(self, stream: IO[str] | None = None, *, tty: bool | None = None,
                 line_interval: float = 5.0) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = 0.1 if self.tty else line_interval
        self._last = float("-inf")

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        if not progress.finished and now - self._last < self.interval:
            return
        self._last = now
        text = self.describe(progress)
        if self.tty:
            self.stream.write("\r\x1b[K" + text + ("\n" if progress.finished else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def describe(self, p: Progress) -> str:
        parts = []
        if p.total:
            filled = int(self.WIDTH * min(p.done / p.total, 1.0))
            if self.tty:
                parts.append("[" + "#" * filled + "-" * (self.WIDTH - filled) + "]")
            parts.append(f"{p.done}/{p.total}")
            parts.append(f"{100 * p.done // p.total}%")
        else:
            parts.append(f"{p.done} done")
        parts.append(f"{p.rate:.1f}/s")
        if p.finished:
            parts.append(f"in {_clock(p.elapsed)}")
        elif p.eta is not None:
            parts.append(f"ETA {_clock(p.eta)}")
        if p.failed:
            parts.append(f"{p.failed} failed")
        return "  ".join(parts)
