"""A tree as deep as ``max_depth`` allows renders in a worker process as in the caller's
(the render pool's, render_many's own or an executor's),
and a deeper one fails with the max_depth LimitError everywhere, never with a
RecursionError of pickle or json.

pickle follows some 200 levels of elements (three containers each), ``max_depth`` 256:
before satori_py.pickling, ``render_many(jobs=2)`` and the process pool refused a
250-deep card that renders in-process ("cannot be sent to a worker process
(RecursionError ...)"), and a response for a 400-deep one raised json's RecursionError
from the output cache's key instead of the LimitError.
"""
from __future__ import annotations

import pickle
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

import pytest

from satori_py import LimitError, render_png
from satori_py.errors import RenderTimeoutError
from satori_py.batch import render_many
from satori_py.pickling import Flat
from satori_py.web.job import RenderJob, pickled, render_job
from satori_py.web.pool import RenderPool
from satori_py.web.response import ImageResponse
from satori_py.web.settings import PoolSettings
from satori_py.web.threads import ThreadPool

SMALL: dict[str, Any] = {"width": 60, "height": 30}


def nested(levels: int) -> dict[str, Any]:
    tree: Any = "x"
    for _ in range(levels):
        tree = {"type": "div", "props": {"style": {"padding": 1}, "children": [tree]}}
    return tree  # type: ignore[no-any-return]


DEEP = nested(250)  # within max_depth (256), past pickle's recursion


def test_the_deep_card_is_past_what_pickle_follows() -> None:
    with pytest.raises(RecursionError):
        pickle.dumps(DEEP)


def test_a_flat_tree_unpickles_as_the_tree_with_its_shared_parts_and_cycles() -> None:
    shared: dict[str, Any] = {"a": [1, 2]}
    pair = (1,)
    tree: dict[Any, Any] = {"p": [shared, shared, (1, (2, 3), ()), [], {}], "k": (shared, pair, pair),
                            (1, 2): "tuple key", "n": None}
    tree["self"] = tree
    back = pickle.loads(pickle.dumps(Flat(tree)))
    assert back["p"][0] is back["p"][1] is back["k"][0] and back["p"][0] == shared
    assert back["self"] is back
    assert back["p"][2:] == [(1, (2, 3), ()), [], {}] and back["k"][1] is back["k"][2] == (1,)
    assert back[(1, 2)] == "tuple key" and back["n"] is None
    leaves: tuple[Any, ...] = (1, "x", [], {}, (), [[[]]], ((),))
    for leaf in leaves:
        assert pickle.loads(pickle.dumps(Flat(leaf))) == leaf
    assert pickle.loads(pickle.dumps(Flat(DEEP))) == DEEP


def test_a_cycle_through_a_tuple_cannot_be_flat() -> None:
    inner: list[Any] = []
    outer = (inner,)
    inner.append(outer)
    with pytest.raises(ValueError, match="a cycle through a tuple cannot be pickled flat"):
        Flat(outer)


def test_a_job_goes_flat_only_when_pickle_cannot_follow_it() -> None:
    shallow = RenderJob(nested(3), **SMALL)
    assert pickled(shallow) == pickle.dumps(shallow, protocol=pickle.HIGHEST_PROTOCOL)
    deep = RenderJob(DEEP, **SMALL)
    assert pickle.loads(pickled(deep)) == deep


def test_a_deep_card_renders_in_a_worker_process_as_in_this_one() -> None:
    pool = RenderPool(PoolSettings.from_env(workers=1, deadline=120.0))
    try:
        job = RenderJob(DEEP, **SMALL)
        assert pool.submit(job).result(timeout=120.0) == render_job(job)
    finally:
        pool.shutdown()


def test_render_many_sends_a_deep_item_to_its_worker_processes() -> None:
    results = list(render_many([DEEP, nested(2)], jobs=2, **SMALL))
    assert [r.error for r in results] == [None, None]
    assert results[0].data == render_png(DEEP, **SMALL)


@pytest.mark.parametrize("executor", [ThreadPoolExecutor, ProcessPoolExecutor])
def test_an_executor_gets_a_deep_item_and_its_neighbours(executor: Callable[[int], Executor]) -> None:
    # Before: with a process executor the deep item failed its whole chunk of 8 ("The batch
    # worker failed: RecursionError: maximum recursion depth exceeded while pickling an object").
    with executor(1) as pool:
        results = list(render_many([DEEP, nested(2)], executor=pool, **SMALL))
    assert [r.error for r in results] == [None, None]
    assert results[0].data == render_png(DEEP, **SMALL)


class _Threads(ThreadPoolExecutor):
    """Threads that record what each chunk is sent as."""

    def __init__(self) -> None:
        super().__init__(1)
        self.given: list[Any] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        self.given.append(args[1])
        return super().submit(fn, *args, **kwargs)


class _Unknown(Executor):
    """An executor of an unknown kind (it may pickle what it sends), recording what it is given."""

    def __init__(self) -> None:
        self.threads = _Threads()
        self.given = self.threads.given

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        return self.threads.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.threads.shutdown(wait, cancel_futures=cancel_futures)


def test_a_chunk_is_pickled_once_for_an_executor_and_not_at_all_for_threads() -> None:
    # Before: each chunk was pickled to learn whether it could be, then again by the executor.
    for executor in (_Unknown(), _Threads()):
        with executor:
            results = list(render_many([DEEP, nested(2)], executor=executor, **SMALL))
        assert [r.error for r in results] == [None, None]
        [sent] = executor.given
        if isinstance(executor, _Unknown):  # the executor pickles bytes: a copy
            sent = pickle.loads(sent)
        assert [item for _, item, _ in sent] == [DEEP, nested(2)]



def test_a_response_deeper_than_max_depth_is_the_limit_error() -> None:
    with pytest.raises(LimitError) as caught:
        ImageResponse(nested(400), **SMALL).body  # noqa: B018 - rendering is the point
    error = caught.value
    assert error.limit == "max_depth" and error.path == "div" + "/div[0]" * 256
    assert str(error) == ("div/div[0]/div[0]/div[0]/... 249 steps left out .../div[0]/div[0]/div[0]/div[0]: "
                          "The element tree is deeper than 256 levels (the max_depth limit).")


_RELEASE = threading.Event()


def _held_fetcher(url: str) -> bytes:
    assert _RELEASE.wait(30)
    return b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'


def test_a_deep_card_that_ran_past_its_deadline_is_refused_in_thread_mode() -> None:
    # Thread mode knows a card by its pickle: before, a deep card had none (pickle's
    # RecursionError), was never remembered, and could hold a thread to its deadline each time.
    tree: Any = {"type": "img", "props": {"src": "https://example.com/deep.svg", "width": 4, "height": 4}}
    for _ in range(240):
        tree = {"type": "div", "props": {"style": {"display": "flex"}, "children": [tree]}}
    job = RenderJob(tree, fetcher=_held_fetcher, **SMALL)
    pool = ThreadPool(PoolSettings.from_env(workers=1, deadline=0.5, remember_costly=600))
    try:
        with pytest.raises(RenderTimeoutError):
            pool.submit(job).result(30)
        with pytest.raises(RenderTimeoutError, match="ago for running past its deadline; it is refused for"):
            pool.submit(job).result(30)
    finally:
        _RELEASE.set()
        pool.shutdown(wait=False)
