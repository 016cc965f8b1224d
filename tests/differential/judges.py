"""The differential run's judging processes: a small pool that no card can stall.

``multiprocessing.Pool`` waits for ever for the result of a task whose worker died
(a segfault or a Rust panic in a binding, an out-of-memory kill, a kill from
outside: the pool starts a new worker and the task is lost), and it cannot stop a
worker stuck in C code past our render's own time limit, so one such card stalled a
run of a few hundred large cards for good. Here each worker is a spawned process
with a pipe of its own; the caller's thread hands a task to an idle worker, waits on
the results and on the workers' exits with a timeout, and replaces a worker that
dies or runs a task longer than ``limit`` seconds: that task's result is then
``lost(task, reason, overran)``. Results come back in the tasks' order, and a task is taken
from its iterable only when a worker is free and fewer than ``window`` results are
owed, so a lazy producer (the oracle's answers) stays a few cards ahead.
"""
from __future__ import annotations

import multiprocessing
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def _serve(conn: Connection, func: Callable[[Any], Any],
           initializer: Callable[[], None] | None) -> None:
    """A worker: ``func`` of each task received, sent back as (True, result) or, when
    it raised anything (a panic too), (False, the exception and its traceback)."""
    if initializer is not None:
        initializer()
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        try:
            conn.send((True, func(task)))
        except BaseException as exc:  # noqa: BLE001 - reported to the caller as this task's
            trace = "".join(traceback.format_exception(exc))[-2000:]
            conn.send((False, f"{type(exc).__name__}: {exc}\n{trace}"))


class _Worker:
    def __init__(self, ctx: Any, func: Callable[[Any], Any],
                 initializer: Callable[[], None] | None) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, func, initializer), daemon=True)
        self.proc.start()
        child.close()
        self.job: tuple[int, Any, float] | None = None  # (sequence number, task, start)

    def stop(self, kill: bool) -> None:
        if not kill:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=5)
        self.conn.close()


class Judges(Generic[T, R]):
    """``jobs`` processes running ``func``; use as a context manager, then ``map``."""

    def __init__(self, func: Callable[[T], R], jobs: int, limit: float,
                 lost: Callable[[T, str, bool], R],
                 initializer: Callable[[], None] | None = None,
                 window: int | None = None) -> None:
        self.func, self.limit, self.lost, self.initializer = func, limit, lost, initializer
        self.jobs = max(1, jobs)
        self.window = window or 4 * self.jobs
        self.ctx = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = []

    def __enter__(self) -> Judges[T, R]:
        self.workers = [self._new_worker() for _ in range(self.jobs)]
        return self

    def __exit__(self, *exc: Any) -> None:
        for worker in self.workers:
            worker.stop(kill=worker.job is not None)
        self.workers = []

    def _new_worker(self) -> _Worker:
        return _Worker(self.ctx, self.func, self.initializer)

    def map(self, tasks: Iterable[T]) -> Iterator[R]:
        """``func`` of each task (or ``lost`` of it), in the tasks' order."""
        items = iter(tasks)
        done: dict[int, R] = {}
        taken = given_back = 0
        exhausted = False
        while True:
            for worker in self.workers:
                if worker.job is not None or exhausted or taken - given_back >= self.window:
                    continue
                try:
                    task = next(items)
                except StopIteration:
                    exhausted = True
                    break
                self._give(worker, taken, task)
                taken += 1
            while given_back in done:
                yield done.pop(given_back)
                given_back += 1
            if exhausted and given_back == taken:
                return
            self._collect(done)

    def _give(self, worker: _Worker, seq: int, task: T) -> None:
        worker.job = (seq, task, time.monotonic())
        try:
            worker.conn.send(task)
        except OSError:  # it died before taking the task: _collect reports it
            pass

    def _collect(self, done: dict[int, R]) -> None:
        """Waits until a busy worker answers, dies or overruns; records what happened."""
        busy = [w for w in self.workers if w.job is not None]
        if not busy:
            return
        oldest = min(w.job[2] for w in busy if w.job is not None)
        timeout = max(0.0, oldest + self.limit - time.monotonic())
        wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=timeout)
        for worker in busy:
            assert worker.job is not None
            seq, task, start = worker.job
            try:
                if worker.conn.poll():
                    ok, value = worker.conn.recv()
                    done[seq] = value if ok else self.lost(task, f"the judge raised {value}", False)
                    worker.job = None
                    continue
            except (EOFError, OSError):  # its pipe closed: it is dying
                worker.proc.join(timeout=5)
            if not worker.proc.is_alive():
                reason = f"the judging process died (exit code {worker.proc.exitcode})"
                done[seq] = self.lost(task, reason, False)
            elif time.monotonic() - start > self.limit:
                reason = f"the judging process took longer than {self.limit:g}s"
                done[seq] = self.lost(task, reason, True)
            else:
                continue
            worker.stop(kill=True)
            self.workers[self.workers.index(worker)] = self._new_worker()
