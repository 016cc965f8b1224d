"""``render_many``: many cards over many cores (or a Dask cluster), results in input order.

Where the work goes:

* ``jobs=1``: in this process, one item after the other;
* ``jobs=N`` (default: every usable core): N local worker processes
  (:mod:`.pool`), each given the batch's context once. A worker that dies
  fails only its own item, and one still rendering an item at twice the
  render's time limit (a hang the render's own deadline cannot reach) is
  killed and replaced, the item failing with
  :class:`~satori_py.errors.RenderTimeoutError`;
* ``executor=``: any :class:`concurrent.futures.Executor` (items go in chunks of
  :data:`CHUNK`, each carrying the context, prepared once per worker process);
  a ``distributed.Client`` (Dask) gets the context scattered to every worker
  once, then one task per item.

Every item renders under its own budget of the ``limits`` option (its
``timeout``, 60 s by default: an item over it fails with a ``LimitError``),
wherever it runs; only local worker processes can also be stopped from here.

At most a few items per worker are in flight, so an endless iterator of items
is fine; results come back in input order.
"""
from __future__ import annotations

import os
import pickle
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidElementError, RenderError, SatoriError
from ..limits import Limits, out_of_memory
from ..templates import Template
from .pool import LocalPool
from .progress import ProgressBar, Reporter, Tracker
from .rows import Row
from .worker import BatchContext, Format, Job, Outcome, packed, run_with

__all__ = ["CHUNK", "RenderResult", "default_jobs", "render_many"]

CHUNK = 8
_IN_FLIGHT_PER_WORKER = 4


@dataclass(frozen=True)
class RenderResult:
    """One item's outcome: its ``data`` (PNG or SVG bytes) or its ``error``."""

    index: int
    item: Any
    data: bytes | None = None
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def render_many(items: Iterable[Any], *, template: Template | None = None, format: Format = "png",
                jobs: int | None = None, executor: Any = None, progress: bool | Reporter = False,
                **options: Any) -> Generator[RenderResult, None, None]:
    """Render every item; yield a :class:`RenderResult` per item, in input order.

    ``items`` are elements (dicts, JSON or HTML text, paths to case/JSON/HTML
    files) or, with ``template``, data rows (mappings, or :class:`Row`). A
    failing item is a result with its ``error``; the batch goes on.
    ``options`` are render_png's (or render_svg's, with ``format="svg"``).
    ``progress=True`` draws a bar on standard error; a callable receives a
    :class:`~satori_py.batch.progress.Progress` after each item.
    Each item renders under its own budget of ``limits`` (a render option: its
    ``timeout`` bounds each item's time, see the module doc).
    ``tailwind_classes=True`` (a render option) reads the ``class`` attributes
    of HTML items as Tailwind utilities too (a template's own setting is its
    :attr:`~satori_py.templates.Template.tailwind_classes`).
    """
    if format not in ("png", "svg"):
        raise ValueError(f'Unknown format {format!r}: expected "png" or "svg".')
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ValueError(f"Invalid jobs {jobs!r}: expected a positive number of processes.")
    context = BatchContext(options, template)
    total = len(items) if hasattr(items, "__len__") else None  # type: ignore[arg-type]
    reporter = ProgressBar() if progress is True else (progress or None)
    tracker = Tracker(reporter, total)
    jobs_iter = ((i, item, format) for i, item in enumerate(items))
    try:
        if executor is not None:
            yield from _ordered(_remote(executor, context), jobs_iter, tracker)
        elif (jobs or default_jobs()) == 1:
            yield from _ordered(_InProcess(context), jobs_iter, tracker)
        else:
            limits = options.get("limits")
            time_limit = (limits if isinstance(limits, Limits) else Limits()).timeout
            with _Processes(context, jobs or default_jobs(), time_limit) as backend:
                yield from _ordered(backend, jobs_iter, tracker)
    finally:
        tracker.close()


class _Backend:
    """Somewhere to send chunks of jobs: ``submit`` returns a future of their outcomes."""

    window = 1
    chunk = 1

    def submit(self, jobs: Sequence[Job]) -> Future[list[Outcome]]:
        raise NotImplementedError

    def result(self, future: Future[list[Outcome]]) -> list[Outcome]:
        """The outcomes of a submitted chunk, once they are known."""
        return future.result()


@dataclass
class _Pending:
    """A chunk on its way: the future of the jobs sent, and the outcomes known already."""

    jobs: list[Job]
    future: Future[list[Outcome]] | None
    known: list[Outcome]


def _ordered(backend: _Backend, jobs: Iterator[Job], tracker: Tracker) -> Iterator[RenderResult]:
    pending: deque[_Pending] = deque()
    items: dict[int, Any] = {}

    def count(future: Future[list[Outcome]]) -> None:
        if not future.cancelled() and future.exception() is None:
            for _, _, error in future.result():
                tracker.finished(error is None)

    def send(chunk: list[Job]) -> _Pending:
        known: list[Outcome] = []
        ready: list[Job] = []
        for job in chunk:
            error = _row_error(job[1])
            if error is None:
                ready.append(job)
            else:
                known.append((job[0], None, error))
                tracker.finished(False)
        future = backend.submit(ready) if ready else None
        if future is not None:
            future.add_done_callback(count)
        return _Pending(ready, future, known)

    exhausted = False
    while True:
        while not exhausted and len(pending) < backend.window:
            chunk: list[Job] = []
            for job in jobs:
                items[job[0]] = job[1]
                chunk.append(job)
                if len(chunk) >= backend.chunk:
                    break
            exhausted = len(chunk) < backend.chunk
            if chunk:
                pending.append(send(chunk))
        if not pending:
            return
        head = pending.popleft()
        outcomes = list(head.known)
        if head.future is not None:
            try:
                outcomes += backend.result(head.future)
            except Exception as exc:  # an executor's worker failed, not the item
                failure = out_of_memory() if isinstance(exc, MemoryError) else \
                    RenderError(f"The batch worker failed: {type(exc).__name__}: {exc}")
                for _ in head.jobs:
                    tracker.finished(False)
                outcomes += [(index, None, failure) for index, _, _ in head.jobs]
        for index, data, error in sorted(outcomes, key=lambda o: o[0]):
            yield RenderResult(index, items.pop(index), data, error)


def _row_error(item: Any) -> SatoriError | None:
    if isinstance(item, Row) and item.error is not None:
        return InvalidElementError(f"{item.describe()}: {item.error}.")
    return None


class _InProcess(_Backend):
    def __init__(self, context: BatchContext) -> None:
        self.context = context

    def submit(self, jobs: Sequence[Job]) -> Future[list[Outcome]]:
        future: Future[list[Outcome]] = Future()
        future.set_result(run_with(self.context, jobs))
        return future


class _Processes(_Backend):
    """Local worker processes (:class:`~.pool.LocalPool`), one item per chunk."""

    def __init__(self, context: BatchContext, workers: int, time_limit: float | None) -> None:
        _check_picklable(context)
        self.window = workers * _IN_FLIGHT_PER_WORKER
        self.pool = LocalPool(context, workers, time_limit)

    def __enter__(self) -> _Processes:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.pool.close()

    def submit(self, jobs: Sequence[Job]) -> Future[list[Outcome]]:
        return self.pool.submit(list(jobs))

    def result(self, future: Future[list[Outcome]]) -> list[Outcome]:
        return self.pool.result(future)


class _Generic(_Backend):
    chunk = CHUNK

    def __init__(self, executor: Executor, context: BatchContext, workers: int) -> None:
        self.executor = executor
        self.context = context
        self.window = max(workers, 1) * 2

    def submit(self, jobs: Sequence[Job]) -> Future[list[Outcome]]:
        # Threads share the jobs; anything else may pickle them: they go pickled once, as bytes.
        sent = list(jobs) if isinstance(self.executor, ThreadPoolExecutor) else packed(jobs)
        return self.executor.submit(run_with, self.context, sent)


class _Dask(_Backend):
    """A ``distributed.Client``: the context is scattered to every worker once."""

    def __init__(self, client: Any, context: BatchContext) -> None:
        self.client = client
        workers = max(sum(client.nthreads().values()), 1)
        self.window = workers * _IN_FLIGHT_PER_WORKER
        self.context_future = client.scatter(context, broadcast=True, hash=False)

    def submit(self, jobs: Sequence[Job]) -> Future[list[Outcome]]:
        return _DaskFuture(self.client.submit(run_with, self.context_future, packed(jobs), pure=False))


class _DaskFuture(Future):  # type: ignore[type-arg]
    """A concurrent.futures view of a Dask future (callbacks and result)."""

    def __init__(self, future: Any) -> None:
        super().__init__()
        self._dask = future

        def done(f: Any) -> None:
            try:
                self.set_result(f.result())
            except BaseException as exc:
                self.set_exception(exc)

        future.add_done_callback(done)


def _remote(executor: Any, context: BatchContext) -> _Backend:
    if type(executor).__module__.startswith("distributed") and hasattr(executor, "scatter"):
        return _Dask(executor, context)
    if not isinstance(executor, Executor):
        raise TypeError(f"executor must be a concurrent.futures.Executor or a distributed.Client, "
                        f"got {type(executor).__name__}")
    workers = getattr(executor, "_max_workers", None) or default_jobs()
    return _Generic(executor, context, workers)


def _check_picklable(context: BatchContext) -> None:
    try:
        pickle.dumps(context)
    except Exception as exc:
        raise ValueError(f"The batch's options and template must be picklable to go to worker "
                         f"processes ({exc}); a lambda or a local function isn't. Use module-level "
                         "functions, or jobs=1.") from None
