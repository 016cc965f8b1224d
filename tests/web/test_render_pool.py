"""The render pool's containment and fairness, with real worker processes.

A worker is made to die or hang by a job that does it while being unpickled in the
worker (``os.abort``, ``os._exit``, ``time.sleep``): the pool must treat that like
a crash in native code or a card that never finishes. Nothing here measures time:
deadlines are short so the tests are quick, and the assertions are about outcomes
(which error, which message, how many workers) never about how long anything took.
"""
from __future__ import annotations

import asyncio
import functools
import os
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, wait
from typing import Any

import pytest

from satori_py import h
from satori_py.errors import RenderBusyError, RenderError, RenderTimeoutError
from satori_py.web import pool as render_pool
from satori_py.web.job import RenderJob
from satori_py.web.pool import RenderPool
from satori_py.web.reply import error_reply
from satori_py.web.response import ImageResponse
from satori_py.web.settings import PoolSettings

SMALL = {"width": 60, "height": 30}
CARD = RenderJob({"type": "div", "props": {"style": {"display": "flex"}, "children": "ok"}},
                 **SMALL)
METHODS = ["fork", "spawn"] if hasattr(os, "fork") else ["spawn"]
BUSY = 6 * 10 ** 7  # _Busy's sum: a few CPU seconds
WAIT = 120.0  # a generous bound on any future: a hang fails the test instead of the run


class _Abort:
    """Unpickles as os.abort(): a render that crashes native code (SIGABRT)."""

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        return (os.abort, ())


class _Spin:
    """Unpickles as a long computation: a card that costs CPU time without end."""

    def __reduce__(self) -> tuple[Any, tuple[range]]:
        return (sum, (range(10 ** 15),))


class _Busy:
    """Unpickles as a computation of a few CPU seconds: a costly card that ends."""

    def __reduce__(self) -> tuple[Any, tuple[range]]:
        return (sum, (range(BUSY),))


class _Sleep:
    """Unpickles as a long sleep: a render that never finishes by itself."""

    def __reduce__(self) -> tuple[Any, tuple[float]]:
        return (time.sleep, (3600.0,))


def job(element: Any) -> RenderJob:
    return RenderJob(element, **SMALL)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # not Linux: signal 0 tells whether it exists
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


@pytest.fixture
def make_pool() -> Iterator[Any]:
    pools: list[RenderPool] = []

    def make(method: str = METHODS[0], **settings: Any) -> RenderPool:
        # A generous deadline unless a test is about deadlines: the machine may be busy.
        pool = RenderPool(PoolSettings.from_env(**{"workers": 1, "deadline": WAIT, **settings}),
                          start_method=method)  # type: ignore[arg-type]
        pools.append(pool)
        return pool

    yield make
    for pool in pools:
        pool.shutdown()


def eventually(check: Any) -> None:
    """Wait (boundedly) for the pool to catch up: it replaces workers after answering."""
    limit = time.monotonic() + WAIT
    while not check():
        assert time.monotonic() < limit, "the pool never reached the expected state"
        time.sleep(0.01)


def result(future: Future[bytes]) -> bytes:
    return future.result(timeout=WAIT)


def error(future: Future[bytes]) -> BaseException:
    done, _ = wait([future], timeout=WAIT)
    assert done, "the render neither finished nor failed"
    exc = future.exception()
    assert exc is not None
    return exc


def record_render_thread(path: str, code: str, segment: str) -> None:
    """A glyph loader (it runs on the render's own thread) writing that thread's system id."""
    with open(path, "a") as f:
        f.write(f"{os.getpid()} {threading.get_native_id()}\n")


@pytest.mark.parametrize("method", METHODS)
def test_a_worker_renders_every_card_on_one_thread(make_pool: Any, method: str, tmp_path: Any) -> None:
    # A thread with the raster's stack, kept: none is started per render.
    pool = make_pool(method)
    log = tmp_path / "threads.txt"
    loader = functools.partial(record_render_thread, str(log))
    loader.in_memory = True  # type: ignore[attr-defined]  # so it is called on the render's thread
    job = RenderJob({"type": "div", "props": {"children": "\u2603"}}, **SMALL, emoji=None,
                    load_additional_asset=loader)
    for _ in range(3):
        assert result(pool.submit(job))[:4] == b"\x89PNG"
    lines = log.read_text().splitlines()
    assert len(lines) == 3 and len(set(lines)) == 1


# -- containment ---------------------------------------------------------------------------

@pytest.mark.parametrize("method", METHODS)
def test_a_dying_worker_costs_only_its_own_render_and_is_replaced(make_pool: Any,
                                                                  method: str) -> None:
    pool = make_pool(method, workers=2)
    before = pool.warm_up()
    assert len(before) == 2
    assert pool._launcher.method == method  # no silent fallback from forking
    crashes = [pool.submit(job(_Abort())) for _ in range(2)]
    others = [pool.submit(CARD) for _ in range(4)]
    for future in crashes:
        exc = error(future)
        assert type(exc) is RenderError
        assert re.fullmatch(r"The render worker \(pid \d+\) was killed by SIGABRT while "
                            r"rendering\.", str(exc)), str(exc)
    for future in others:
        assert result(future)[:4] == b"\x89PNG"
    assert pool.stats.died == 2
    eventually(lambda: pool.stats.started == 4 and len(pool.worker_pids()) == 2)
    after = pool.worker_pids()
    assert all(alive(pid) for pid in after)
    assert not set(after) & {int(re.findall(r"\d+", str(error(f)))[0]) for f in crashes}


def test_two_clients_posting_crashing_cards_never_leave_the_pool_without_workers(
        make_pool: Any) -> None:
    pool = make_pool(workers=2)
    for _ in range(3):
        crashes = [pool.submit(job(_Abort())) for _ in range(2)]
        for future in crashes:
            assert isinstance(error(future), RenderError)
        assert result(pool.submit(CARD))[:4] == b"\x89PNG"
    assert pool.stats.died == 6
    eventually(lambda: pool.stats.started == 8 and len(pool.worker_pids()) == 2)
    assert all(alive(pid) for pid in pool.worker_pids())


def test_the_exit_status_of_a_worker_is_reported(make_pool: Any) -> None:
    pool = make_pool()
    exc = error(pool.submit(job(_Exit3())))
    assert re.fullmatch(r"The render worker \(pid \d+\) exited with status 3 while rendering\.",
                        str(exc)), str(exc)


def test_a_job_that_cannot_be_pickled_is_refused_without_harm(make_pool: Any) -> None:
    pool = make_pool()
    exc = error(pool.submit(job({"type": "div", "props": {"children": lambda: "x"}})))
    assert type(exc) is RenderError
    # Our sentence, then pickle's own (its wording varies between Python versions).
    assert str(exc).startswith("The render job cannot be sent to a worker (its element, fonts "
                               "and fetcher must be picklable; a fetcher may be "
                               "satori_py.http_fetcher(...) or a module-level function): ")
    assert "test_a_job_that_cannot_be_pickled_is_refused_without_harm.<locals>.<lambda>" in str(exc)
    assert result(pool.submit(CARD))[:4] == b"\x89PNG"
    assert pool.stats.died == 0 and pool.stats.started == 1


class _Exit3:
    """Unpickles as os._exit(3): a worker that exits in the middle of a render."""

    def __reduce__(self) -> tuple[Any, tuple[int]]:
        return (os._exit, (3,))


@pytest.mark.parametrize("setting, value", [("max_renders", 2), ("max_rss_mb", 1)])
def test_workers_are_recycled(make_pool: Any, setting: str, value: int) -> None:
    pool = make_pool(**{setting: value})
    for _ in range(3):
        assert result(pool.submit(CARD))[:4] == b"\x89PNG"
    if setting == "max_renders":  # replaced after every second render
        eventually(lambda: pool.stats.started == 2)
        assert pool.stats.recycled == 1
    else:  # every worker is over 1 MB: replaced after every render
        eventually(lambda: pool.stats.started == 4)
        assert pool.stats.recycled == 3
    assert pool.stats.died == 0 and len(pool.worker_pids()) == 1


# -- deadlines, the queue and least attained service --------------------------------------------------

def test_a_render_past_its_deadline_is_stopped_and_its_worker_replaced(make_pool: Any) -> None:
    pool = make_pool(slow_lane=0)
    [first] = pool.warm_up()
    exc = error(pool.submit(job(_Sleep()), deadline=3))
    assert type(exc) is RenderTimeoutError
    assert str(exc) == (f"The render did not finish within its 3 s deadline; its worker "
                        f"(pid {first}) was stopped.")
    assert result(pool.submit(CARD))[:4] == b"\x89PNG"
    [second] = pool.worker_pids()
    assert second != first
    eventually(lambda: not alive(first))


def test_a_waiting_render_fails_at_its_deadline_without_running(make_pool: Any) -> None:
    pool = make_pool(slow_lane=0)
    hung = pool.submit(job(_Sleep()), deadline=60)
    waiting = pool.submit(CARD, deadline=0.5)
    exc = error(waiting)
    assert type(exc) is RenderTimeoutError
    assert str(exc) == ("The render did not start within its 0.5 s deadline: the render pool "
                        "is busy.")
    assert not hung.done() and pool.stats.expired == 1


def test_a_full_queue_refuses_at_once(make_pool: Any) -> None:
    pool = make_pool(queue=1, slow_lane=0)
    pool.submit(job(_Sleep()), deadline=60)
    eventually(lambda: pool._running)  # the sleeper is taken by the worker
    pool.submit(CARD)
    with pytest.raises(RenderBusyError) as info:
        pool.submit(CARD)
    assert str(info.value) == "The render pool is full (1 render waiting): try again later."
    answer = error_reply(info.value)
    assert (answer.status, dict(answer.headers)["retry-after"]) == (503, "1")


def spinners(pool: RenderPool, count: int) -> list[Future[bytes]]:
    """``count`` cards that cost CPU time without end, each a different card."""
    return [pool.submit(job([_Spin(), n]), deadline=WAIT) for n in range(count)]


def test_a_fresh_render_goes_ahead_of_costly_ones(make_pool: Any) -> None:
    # One CPU's worth of workers and three spinners submitted first: first come, first
    # served, the card would wait for them until its deadline.
    pool = make_pool(slow_after=0.2, slow_lane=3)
    hung = spinners(pool, 3)
    card = pool.submit(CARD)
    assert result(card)[:4] == b"\x89PNG"
    assert not any(future.done() for future in hung)
    # Each spinner was paused for the next fresh render; one worker per render.
    assert pool.stats.paused == 3 and pool.stats.stopped == 0
    assert len(pool.worker_pids()) == 4
    # Nothing fresh waits: one spinner runs again (one CPU), the others stay paused.
    eventually(lambda: len(pool.paused_pids()) == 2)


def test_a_paused_render_resumes_and_finishes(make_pool: Any) -> None:
    pool = make_pool(slow_after=0.2, slow_lane=1)
    heavy = pool.submit(job(_Busy()))
    card = pool.submit(CARD)
    assert result(card)[:4] == b"\x89PNG"
    assert not heavy.done()
    # It ran to its end: its element unpickles as the sum, which is no element.
    assert str(error(heavy)) == ('Expected an element object with "type" and "props", '
                                 f"got {sum(range(BUSY))}.")
    assert (pool.stats.paused, pool.stats.stopped) == (1, 0)


def test_a_render_that_is_slow_without_costing_cpu_keeps_its_worker(make_pool: Any) -> None:
    # Waiting (on a busy machine, say) is not costing: not paused, just the deadline.
    pool = make_pool(slow_after=0.2, slow_lane=1)
    pool.warm_up()  # the deadline counts from the request, and starting takes a while
    sleeper = pool.submit(job(_Sleep()), deadline=3)
    card = pool.submit(CARD, deadline=WAIT)
    exc = error(sleeper)
    assert re.fullmatch(r"The render did not finish within its 3 s deadline; its worker "
                        r"\(pid \d+\) was stopped\.", str(exc)), str(exc)
    assert result(card)[:4] == b"\x89PNG"  # after the sleeper, on its replacement
    assert pool.stats.paused == 0 and pool.stats.stopped == 1


def costly_then_cheap(pool: RenderPool) -> tuple[Future[bytes], Future[bytes]]:
    """A spinner that has used 1 s of CPU, then one paused for a card after 0.2 s: the
    first is stopped to make room, as the slow lane (1) is full and it cost more."""
    first = pool.submit(job(_Spin()), deadline=WAIT)
    eventually(lambda: any(r.cost(time.monotonic())[0] >= 1.0 for r in pool._running))
    second = pool.submit(job([_Spin(), 1]), deadline=WAIT)  # first is paused for it
    eventually(lambda: pool.stats.paused == 1)
    assert result(pool.submit(CARD))[:4] == b"\x89PNG"  # second is paused, first stopped
    return first, second


def test_the_costliest_paused_render_makes_room_when_the_lane_is_full(make_pool: Any) -> None:
    pool = make_pool(slow_after=0.2, slow_lane=1)
    first, second = costly_then_cheap(pool)
    exc = error(first)
    assert type(exc) is RenderTimeoutError
    assert re.fullmatch(r"The render used \d+\.\d\d s of CPU time \(more than 0\.2 s\) and "
                        r"was stopped to make room for fresher renders: the slow lane was full "
                        r"\(1 render paused\); its worker \(pid \d+\) was stopped\.",
                        str(exc)), str(exc)
    assert float(str(exc).split()[3]) >= 1.0
    assert not second.done()
    assert (pool.stats.paused, pool.stats.evicted, pool.stats.stopped) == (2, 1, 1)
    # The same card again: refused at once, without taking a worker.
    again = pool.submit(job(_Spin()), deadline=WAIT)
    assert again.done()
    assert re.fullmatch(r"The same card was stopped \d+ s ago for using more than 0\.2 s of "
                        r"CPU time; it is refused for \d+ s more\.", str(error(again)))
    assert pool.stats.refused == 1


def test_costly_cards_are_not_remembered_when_told_not_to(make_pool: Any) -> None:
    pool = make_pool(slow_after=0.2, slow_lane=1, remember_costly=0)
    first, _ = costly_then_cheap(pool)
    assert "to make room" in str(error(first))
    again = pool.submit(job(_Spin()), deadline=3)  # runs (then meets its deadline)
    assert "did not finish within its 3 s deadline" in str(error(again))
    assert pool.stats.refused == 0


def test_shutdown_stops_running_renders(make_pool: Any) -> None:
    pool = make_pool(slow_lane=0)
    hung = pool.submit(job(_Sleep()), deadline=WAIT)
    queued = pool.submit(CARD)
    eventually(lambda: pool._running)
    pids = pool.process_pids()
    pool.shutdown()
    assert str(error(hung)) == "The render pool was shut down during the render."
    assert queued.cancelled()
    eventually(lambda: not any(alive(pid) for pid in pids))


# -- through ImageResponse -----------------------------------------------------------------

@pytest.fixture
def shared_pool() -> Iterator[Any]:
    render_pool.configure(1, slow_after=0.2, slow_lane=1, deadline=WAIT, mode="processes")
    shared = render_pool.get_pool()
    assert shared is not None
    shared.warm_up()
    yield render_pool
    render_pool.configure(None)
    render_pool.shutdown()


def test_a_pathological_card_gets_its_own_503_while_others_render(shared_pool: Any) -> None:
    from satori_py.starlette import ImageResponse as Response

    async def both() -> tuple[Any, Any]:
        # The deadline leaves the spinner time to use 0.2 s of CPU on a busy machine, so
        # that the card can pause it.
        slow = Response(_Spin(), **SMALL, on_error="500", deadline=15)
        fast = Response(CARD.element, **SMALL, on_error="500")
        scope = {"type": "http", "method": "GET", "headers": []}
        slow_task = asyncio.create_task(slow.reply(scope))
        limit = time.monotonic() + WAIT
        while not shared_pool.get_pool()._running:  # the spinner has the only CPU
            assert time.monotonic() < limit, "the spinner never started"
            await asyncio.sleep(0.01)
        fast_answer = await fast.reply(scope)
        return fast_answer, await slow_task

    fast, slow = asyncio.run(both())
    assert fast.status == 200 and fast.body[:4] == b"\x89PNG"
    assert slow.status == 503 and slow.body == b"Failed to generate the image"
    pool = shared_pool.get_pool()
    assert (pool.stats.paused, pool.stats.stopped) == (1, 1)  # paused, then stopped
    # Its worker was replaced: two processes (one per render at the peak), and no more.
    eventually(lambda: len(pool.worker_pids()) == 2 and len(pool._ready) == 2)
    assert "retry-after" not in dict(slow.headers)


def test_a_render_past_its_deadline_answers_503_and_names_why(
        shared_pool: Any, caplog: pytest.LogCaptureFixture) -> None:
    [worker] = shared_pool.get_pool().worker_pids()
    with caplog.at_level("ERROR", "satori_py.response"):
        hung = ImageResponse(_Sleep(), **SMALL, on_error="500", deadline=3).reply(pooled=True)
    assert (hung.status, hung.body) == (503, b"Failed to generate the image")
    assert [r.getMessage() for r in caplog.records] == [
        f"Failed to generate the image: The render did not finish within "
        f"its 3 s deadline; its worker (pid {worker}) was stopped."]
    fine = ImageResponse(CARD.element, **SMALL, on_error="500").reply(pooled=True)
    assert fine.status == 200 and shared_pool.get_pool().worker_pids() != [worker]


def test_a_full_queue_answers_503_with_retry_after(caplog: pytest.LogCaptureFixture) -> None:
    render_pool.configure(1, queue=0, slow_lane=0, deadline=WAIT, mode="processes")
    try:
        pool = render_pool.get_pool()
        assert pool is not None
        pool.warm_up()
        eventually(lambda: len(pool._idle) == 1)  # queue=0 takes a job only when a worker is free
        hung = pool.submit(job(_Sleep()))
        eventually(lambda: pool._running)  # the only worker is taken
        with caplog.at_level("ERROR", "satori_py.response"):
            # A card of its own: one rendered before would come from the output cache.
            busy = ImageResponse(h("div", {}, "busy"), **SMALL, on_error="500").reply(pooled=True)
        logged = [r.getMessage() for r in caplog.records]
        assert not hung.done()
    finally:
        render_pool.configure(None)
        render_pool.shutdown()
    assert pool.stats.refused == 1
    assert (busy.status, dict(busy.headers)["retry-after"]) == (503, "1")
    assert logged == [
        "Failed to generate the image: The render pool is full (0 renders "
        "waiting): try again later."]


def test_flask_renders_in_the_pool(shared_pool: Any) -> None:
    pytest.importorskip("werkzeug")
    from satori_py.flask import ImageResponse as Response

    crashed = Response(_Abort(), **SMALL, on_error="500")
    assert crashed.status_code == 500
    with pytest.raises(RenderError, match=r"was killed by SIGABRT while rendering\.$"):
        Response(_Abort(), **SMALL)
    assert Response(CARD.element, **SMALL).get_data()[:4] == b"\x89PNG"


def test_deadline_is_checked_when_the_response_is_made() -> None:
    with pytest.raises(ValueError) as info:
        ImageResponse(CARD.element, deadline=0)
    assert str(info.value) == "deadline must be a positive number, got 0."


# -- settings --------------------------------------------------------------------------------

def test_settings_come_from_arguments_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SATORI_PY_RENDER_WORKERS", "3")
    monkeypatch.setenv("SATORI_PY_RENDER_DEADLINE", "2.5")
    monkeypatch.setenv("SATORI_PY_RENDER_QUEUE", "7")
    monkeypatch.setenv("SATORI_PY_RENDER_SLOW_AFTER", "0.5")
    monkeypatch.setenv("SATORI_PY_RENDER_MAX_RENDERS", "50")
    monkeypatch.setenv("SATORI_PY_RENDER_MAX_RSS_MB", "300")
    monkeypatch.setenv("SATORI_PY_RENDER_REMEMBER_COSTLY", "0")
    settings = PoolSettings.from_env(deadline=4)
    assert settings == PoolSettings(workers=3, deadline=4, queue=7, slow_after=0.5,
                                    slow_lane=3, max_renders=50, max_rss_mb=300,
                                    remember_costly=0)
    monkeypatch.setenv("SATORI_PY_RENDER_SLOW_LANE", "0")
    assert PoolSettings.from_env().slow_lane == 0


def test_slow_after_defaults_to_cpu_time_where_it_can_be_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from satori_py.web import settings
    monkeypatch.delenv("SATORI_PY_RENDER_SLOW_AFTER", raising=False)
    monkeypatch.setattr(settings, "cpu_time_readable", lambda: True)
    assert PoolSettings.from_env(workers=1).slow_after == 0.2
    monkeypatch.setattr(settings, "cpu_time_readable", lambda: False)  # wall time instead
    assert PoolSettings.from_env(workers=1).slow_after == 1.0


@pytest.mark.parametrize("env, value, message", [
    ("SATORI_PY_RENDER_WORKERS", "x", "$SATORI_PY_RENDER_WORKERS must be a whole number, got 'x'."),
    ("SATORI_PY_RENDER_DEADLINE", "soon", "$SATORI_PY_RENDER_DEADLINE must be a number, got 'soon'."),
    ("SATORI_PY_RENDER_DEADLINE", "0", "deadline must be a positive number, got 0.0."),
    ("SATORI_PY_RENDER_DEADLINE", "inf", "deadline must be a positive number, got inf."),
    ("SATORI_PY_RENDER_QUEUE", "-1", "queue must be a whole number of at least 0, got -1."),
    ("SATORI_PY_RENDER_MAX_RENDERS", "0", "max_renders must be a whole number of at least 1, got 0."),
    ("SATORI_PY_RENDER_REMEMBER_COSTLY", "-1", "remember_costly must be 0 or more, got -1.0."),
])
def test_bad_settings_are_named(monkeypatch: pytest.MonkeyPatch, env: str, value: str,
                                message: str) -> None:
    monkeypatch.setenv(env, value)
    with pytest.raises(ValueError) as info:
        PoolSettings.from_env()
    assert str(info.value) == message


def test_configure_checks_its_arguments() -> None:
    with pytest.raises(TypeError) as info:
        render_pool.configure(2, deadlines=3)
    assert str(info.value) == "Unknown render pool setting(s): deadlines."
    with pytest.raises(ValueError) as info2:
        render_pool.configure(-1)
    assert str(info2.value) == "workers must be a whole number of at least 0, got -1."
