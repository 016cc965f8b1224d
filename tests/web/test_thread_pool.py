"""The thread render pool (satori_py.web.threads) and how the shared pool picks threads or
processes.

A render is held up by an image whose fetcher waits on an event the test sets, so a
render is "running" exactly as long as the test wants. Nothing here measures time:
deadlines are short so the tests are quick, and the assertions are about outcomes
(which error, which message, what was rasterised), never about how long anything took.
"""
from __future__ import annotations

import asyncio
import itertools
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

import resvg_bridge
from satori_py import Limits
from satori_py.errors import LimitError, RenderBusyError, RenderTimeoutError, StyleError
from satori_py.layout import engine, taffy_thread
from satori_py.web import pool as render_pool
from satori_py.web import threads as thread_pool
from satori_py.web.job import RenderJob, render_job
from satori_py.web.pool import RenderPool, ThreadPool
from satori_py.web.response import ImageResponse
from satori_py.web.settings import PoolSettings
from tests.web.test_render_pool import WAIT, error, eventually

SMALL = {"width": 60, "height": 30}
CARD = RenderJob({"type": "div", "props": {"style": {"display": "flex"}, "children": "ok"}},
                 **SMALL)
BAD = RenderJob({"type": "div", "props": {"children": [
    {"type": "span", "props": {"children": "x"}},
    {"type": "div", "props": {"style": {"display": "nope"}, "children": "y"}}]}}, **SMALL)
_SVG = b"<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'><rect width='4' height='4'/></svg>"

# The held-up renders' fetcher waits on this (module level, so the job pickles: a thread
# pool identifies a card by its pickled job).
RELEASE = threading.Event()
FETCHING = threading.Event()
_urls = itertools.count()


def held_fetcher(url: str) -> bytes:
    FETCHING.set()
    assert RELEASE.wait(WAIT)
    return _SVG


def held(**options: Any) -> RenderJob:
    """A card whose image fetch waits for RELEASE (a new URL each time: none is cached)."""
    src = f"https://example.com/held-{next(_urls)}.svg"
    return RenderJob({"type": "div", "props": {"style": {"display": "flex"}, "children": [
        {"type": "img", "props": {"src": src, "width": 4, "height": 4}}]}},
        **SMALL, fetcher=held_fetcher, **options)


@pytest.fixture
def make_pool() -> Iterator[Any]:
    pools: list[ThreadPool] = []
    RELEASE.clear()
    FETCHING.clear()

    def make(**settings: Any) -> ThreadPool:
        pool = ThreadPool(PoolSettings.from_env(**{"workers": 1, "deadline": WAIT, **settings}))
        pools.append(pool)
        return pool

    yield make
    RELEASE.set()
    for pool in pools:
        pool.shutdown()


# -- which pool ------------------------------------------------------------------------------

@pytest.fixture
def shared() -> Iterator[Any]:
    yield render_pool
    render_pool.configure(None)
    render_pool.shutdown()


@pytest.mark.parametrize("releases, expected", [(True, ThreadPool), (False, RenderPool)])
def test_auto_picks_threads_when_the_binding_releases_the_gil(
        shared: Any, monkeypatch: pytest.MonkeyPatch, releases: bool, expected: type) -> None:
    monkeypatch.delenv("SATORI_PY_RENDER_MODE", raising=False)
    monkeypatch.setattr(resvg_bridge, "releases_gil", lambda backend=None: releases)
    shared.configure(1)
    pool = shared.get_pool()
    assert type(pool) is expected
    assert pool.mode == ("threads" if releases else "processes")


@pytest.mark.parametrize("backend, mode", [("resvg", "processes"), ("svg2png", "threads")])
def test_auto_follows_the_binding_that_will_run(
        shared: Any, monkeypatch: pytest.MonkeyPatch, backend: str, mode: str) -> None:
    if backend not in resvg_bridge.available_backends():
        pytest.skip(f"{backend} is not installed")
    monkeypatch.delenv("SATORI_PY_RENDER_MODE", raising=False)
    monkeypatch.setenv(resvg_bridge.ENV_BACKEND, backend)
    shared.configure(1)
    assert shared.get_pool().mode == mode


@pytest.mark.parametrize("mode, releases, expected", [
    ("processes", True, RenderPool), ("threads", False, ThreadPool)])
def test_an_explicit_mode_wins_over_the_binding(
        shared: Any, monkeypatch: pytest.MonkeyPatch, mode: str, releases: bool,
        expected: type) -> None:
    monkeypatch.setattr(resvg_bridge, "releases_gil", lambda backend=None: releases)
    shared.configure(1, mode=mode)
    assert type(shared.get_pool()) is expected
    shared.configure(1)
    monkeypatch.setenv("SATORI_PY_RENDER_MODE", mode.upper())  # the environment, any case
    assert type(shared.get_pool()) is expected


def test_a_bad_mode_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError) as info:
        render_pool.configure(1, mode="fibers")
    assert str(info.value) == ("mode must be one of 'auto', 'threads', 'processes', "
                               "got 'fibers'.")
    monkeypatch.setenv("SATORI_PY_RENDER_MODE", "greenlets")
    with pytest.raises(ValueError) as info:
        PoolSettings.from_env()
    assert str(info.value) == ("mode must be one of 'auto', 'threads', 'processes', "
                               "got 'greenlets'.")


def test_image_response_renders_in_the_thread_pool(shared: Any) -> None:
    shared.configure(2, mode="threads")
    card = {"type": "div", "props": {"style": {"display": "flex", "background": "teal"},
                                     "children": "threads"}}
    expected = ImageResponse(card, **SMALL, cache=False).render()
    assert asyncio.run(ImageResponse(card, **SMALL, cache=False).render_async()) == expected
    assert ImageResponse(card, **SMALL, cache=False).render_pooled() == expected
    pool = shared.get_pool()
    assert isinstance(pool, ThreadPool) and pool.stats.started == 2
    assert pool.worker_pids() == [] and pool.process_pids() == []


# -- the thread pool -------------------------------------------------------------------------

def test_renders_and_errors_keep_their_kind_and_path(make_pool: Any) -> None:
    pool = make_pool()
    assert pool.submit(CARD).result(WAIT) == render_job(CARD)
    exc = error(pool.submit(BAD))
    assert isinstance(exc, StyleError) and exc.path == "div/div[1]"
    limited = error(pool.submit(RenderJob(CARD.element, **SMALL, limits=Limits(max_nodes=1))))
    assert isinstance(limited, LimitError) and limited.limit == "max_nodes"
    assert pool.submit(CARD).result(WAIT)[:4] == b"\x89PNG"  # the thread carries on


_LOADER_THREADS: list[str] = []


def thread_recording_loader(code: str, segment: str) -> None:
    """Records the thread asked for a missing glyph."""
    _LOADER_THREADS.append(threading.current_thread().name)


thread_recording_loader.in_memory = True  # type: ignore[attr-defined]  # called on the render's thread


def rendering_threads(pool: ThreadPool, renders: int) -> list[str]:
    """The names of the threads ``renders`` cards rendered on, one after another."""
    _LOADER_THREADS.clear()
    for _ in range(renders):
        job = RenderJob({"type": "div", "props": {"children": "\u2603"}}, **SMALL, emoji=None,
                        load_additional_asset=thread_recording_loader)
        assert pool.submit(job).result(WAIT)[:4] == b"\x89PNG"
    return list(_LOADER_THREADS)


def test_each_render_runs_on_its_pool_thread(make_pool: Any) -> None:
    # The pool's threads have the raster's stack: no thread is started per render.
    assert rendering_threads(make_pool(), 2) == ["satori-py-render-thread-0"] * 2


def test_a_thread_worn_out_by_taffys_pool_is_replaced(make_pool: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Taffy's measure calls leave objects in their thread's pool until the thread ends: once
    # a pool thread holds POOL_BUDGET of them, a fresh thread takes its place.
    monkeypatch.setattr(taffy_thread, "POOL_BUDGET", 1)
    monkeypatch.setattr(engine, "recall", lambda pending: False)  # each render runs Taffy (layout/reuse.py)
    pool = make_pool()
    assert rendering_threads(pool, 3) == [f"satori-py-render-thread-{n}" for n in range(3)]
    eventually(lambda: pool.stats.started == 4)  # the third is worn out too, and replaced


@pytest.fixture
def python_switches(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Python's own switch interval, and no other pool running that changed it."""
    monkeypatch.setattr(thread_pool, "_quick_pools", 0)
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    yield
    sys.setswitchinterval(before)


def test_a_running_pool_switches_threads_sooner(make_pool: Any, python_switches: None) -> None:
    first, second = make_pool(), make_pool()
    for pool in (first, second):
        assert pool.submit(CARD).result(WAIT)[:4] == b"\x89PNG"
        assert sys.getswitchinterval() == thread_pool.SWITCH_INTERVAL
    first.shutdown()
    assert sys.getswitchinterval() == thread_pool.SWITCH_INTERVAL  # the other still runs
    second.shutdown()
    assert sys.getswitchinterval() == 0.005


def test_a_servers_own_switch_interval_is_kept(make_pool: Any, python_switches: None) -> None:
    sys.setswitchinterval(0.01)
    pool = make_pool()
    assert pool.submit(CARD).result(WAIT)[:4] == b"\x89PNG"
    assert sys.getswitchinterval() == 0.01
    pool.shutdown()
    assert sys.getswitchinterval() == 0.01


def test_an_unpicklable_job_renders_in_a_thread(make_pool: Any) -> None:
    pool = make_pool()
    src = "https://example.com/local.svg"
    job = RenderJob({"type": "img", "props": {"src": src, "width": 4, "height": 4}},
                    width=4, height=4, fetcher=lambda url: _SVG)
    assert pool.submit(job).result(WAIT)[:4] == b"\x89PNG"


def test_a_waiting_render_expires_and_a_running_one_is_answered_at_its_deadline(
        make_pool: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # What a render cannot stop is its raster (a fetch stops at the render's deadline:
    # tests/hostile/test_stuck_fetcher.py): this one's holds the pool's thread until RELEASE.
    raster = resvg_bridge.svg_to_png

    def held_raster(svg: Any, **options: Any) -> Any:
        FETCHING.set()
        assert RELEASE.wait(WAIT)
        return raster(svg, **options)

    monkeypatch.setattr(resvg_bridge, "svg_to_png", held_raster)
    pool = make_pool(deadline=0.5)
    running = pool.submit(RenderJob({"type": "div", "props": {"children": "held"}}, **SMALL))
    assert FETCHING.wait(WAIT)
    waiting = pool.submit(CARD)
    assert str(error(waiting)) == ("The render did not start within its 0.5 s deadline: "
                                   "the render pool is busy.")
    assert str(error(running)) == "The render did not finish within its 0.5 s deadline."
    # The thread is still on it (a thread cannot be killed), and holds its place.
    assert pool.overdue() == 1 and (pool.stats.stopped, pool.stats.expired) == (1, 1)
    RELEASE.set()
    eventually(lambda: pool.overdue() == 0)
    assert pool.submit(CARD, deadline=WAIT).result(WAIT)[:4] == b"\x89PNG"


def test_a_render_past_its_deadline_stops_itself_before_the_raster(
        make_pool: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    rasterised: list[str] = []
    raster = resvg_bridge.svg_to_png
    monkeypatch.setattr(resvg_bridge, "svg_to_png", lambda svg, **kw: (
        rasterised.append(svg), raster(svg, **kw))[1])
    pool = make_pool(deadline=0.5)
    late = pool.submit(held())
    assert FETCHING.wait(WAIT)
    fetching = time.monotonic()
    assert isinstance(error(late), RenderTimeoutError)
    # The render's own clock started when its thread took it, before its fetch: by `fetching`
    # + 0.5 s its deadline has passed too (under load the thread may take it late, and a
    # fetch released at the pool's deadline could still beat the render's).
    time.sleep(max(0.0, fetching + 0.5 - time.monotonic()))
    RELEASE.set()  # the fetch returns after the deadline: the front end's next check stops it
    eventually(lambda: pool.overdue() == 0)
    assert rasterised == []
    pool.submit(CARD, deadline=WAIT).result(WAIT)
    assert len(rasterised) == 1


def test_a_card_that_ran_past_its_deadline_is_refused_for_a_while(make_pool: Any) -> None:
    pool = make_pool(deadline=0.5, remember_costly=600)
    job = held()
    assert isinstance(error(pool.submit(job)), RenderTimeoutError)
    refused = error(pool.submit(job))
    assert isinstance(refused, RenderTimeoutError)
    assert "ago for running past its deadline; it is refused for" in str(refused)
    assert pool.stats.refused == 1
    RELEASE.set()
    assert pool.submit(CARD).result(WAIT)[:4] == b"\x89PNG"  # another card is not refused


def test_a_card_that_stopped_itself_at_its_deadline_is_refused_too(
        make_pool: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # The render's own deadline check and the watchdog race at the deadline: here the
    # render wins (no watchdog), and the card is remembered all the same.
    monkeypatch.setattr(ThreadPool, "_watchdog", lambda self: None)
    pool = make_pool(deadline=0.5, remember_costly=600)
    job = held()
    assert str(error(pool.submit(job))) == "The render did not finish within its 0.5 s deadline."
    assert pool.stats.stopped == 1
    refused = error(pool.submit(job))
    assert "ago for running past its deadline; it is refused for" in str(refused)


def test_the_queue_is_bounded(make_pool: Any) -> None:
    pool = make_pool(queue=1)
    running = pool.submit(held())
    assert FETCHING.wait(WAIT)
    queued = pool.submit(CARD)
    with pytest.raises(RenderBusyError) as info:
        pool.submit(CARD)
    assert str(info.value) == "The render pool is full (1 render waiting): try again later."
    RELEASE.set()
    assert running.result(WAIT)[:4] == b"\x89PNG" and queued.result(WAIT)[:4] == b"\x89PNG"


def test_shutdown_cancels_waiting_renders_and_lets_running_ones_finish(make_pool: Any) -> None:
    pool = make_pool()
    running = pool.submit(held())
    assert FETCHING.wait(WAIT)
    queued = pool.submit(CARD)
    threading.Timer(0.05, RELEASE.set).start()
    pool.shutdown()
    assert queued.cancelled()
    assert running.result(WAIT)[:4] == b"\x89PNG"
    with pytest.raises(RuntimeError, match="shut down"):
        pool.submit(CARD)


def test_warm_up_starts_the_threads(make_pool: Any) -> None:
    pool = make_pool(workers=2)
    assert pool.warm_up() == []
    assert pool.stats.started == 2
