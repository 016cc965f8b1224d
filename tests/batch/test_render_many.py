"""render_many: input order, per-item errors, the same bytes however the work is spread."""
from __future__ import annotations

import io
import multiprocessing
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from satori_py import Font, Limits, Template, render_many, render_png
from satori_py.batch.progress import Progress, ProgressBar
from satori_py.batch.rows import Row
from satori_py.element import h
from satori_py.errors import InvalidElementError, LimitError, RenderError, RenderTimeoutError, StyleError
from satori_py.output_cache import OutputCache
from tests.support.counting import count_calls
from tests.support.raster_threads import RasterThreads

CARD = Template('<div style="display:flex; width:100%; height:100%; align-items:center; justify-content:center;'
                ' background:{{ bg }}; color:white; font-size:24px">{{ title }}</div>')
SIZE = {"width": 160, "height": 84}


def rows(n: int, bad: int | None = None) -> list[dict[str, str]]:
    return [{"title": f"Card {i}", "bg": "nope" if i == bad else "#0b1020"} for i in range(1, n + 1)]


def test_results_come_in_input_order_with_per_item_errors() -> None:
    results = list(render_many(rows(6, bad=3), template=CARD, jobs=1, **SIZE))
    assert [r.index for r in results] == list(range(6))
    assert [r.ok for r in results] == [True, True, False, True, True, True]
    assert isinstance(results[2].error, StyleError)
    assert str(results[2].error) == 'div: Invalid `background` value: "nope".'
    assert results[0].data == render_png(CARD.render(rows(1)[0]), **SIZE)


def test_a_repeated_row_is_not_rendered_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from satori_py import api
    from satori_py.batch import worker

    monkeypatch.setattr(worker, "_CACHE", OutputCache())  # not the cards of other tests
    renders = count_calls(monkeypatch, api, "render_svg")
    results = list(render_many(rows(2) + rows(1), template=CARD, jobs=1, limits=Limits(timeout=30), **SIZE))
    assert renders == [2] and worker._CACHE.hits == 1
    assert results[2].data == results[0].data != results[1].data


def test_the_same_bytes_in_process_in_a_pool_and_in_any_executor() -> None:
    data = rows(10, bad=4)
    serial = [(r.ok, r.data) for r in render_many(data, template=CARD, jobs=1, **SIZE)]
    pooled = [(r.ok, r.data) for r in render_many(data, template=CARD, jobs=2, **SIZE)]
    with ThreadPoolExecutor(2) as executor:
        threaded = [(r.ok, r.data) for r in render_many(data, template=CARD, executor=executor, **SIZE)]
    assert serial == pooled == threaded
    assert sum(ok for ok, _ in serial) == 9


def test_items_may_be_elements_html_or_files_and_svg(tmp_path) -> None:
    (tmp_path / "a.html").write_text('<p style="color:red">file</p>')
    items = [h("p", None, "dict"), "<p>html</p>", '{"type": "p", "props": {"children": "json"}}',
             tmp_path / "a.html", "<p>a</p><p>b</p>"]
    results = list(render_many(items, format="svg", jobs=1, **SIZE))
    assert [r.ok for r in results] == [True, True, True, True, False]
    assert all(r.data.startswith(b"<svg") for r in results[:4])
    assert isinstance(results[4].error, InvalidElementError)


def test_unreadable_rows_fail_without_being_sent() -> None:
    data = [Row(1, rows(1)[0]), Row(2, {}, 3, "the line is not valid JSON: Expecting value at column 1"), Row(3, rows(1)[0])]
    results = list(render_many(data, template=CARD, jobs=1, **SIZE))
    assert [r.ok for r in results] == [True, False, True]
    assert str(results[1].error) == "row 2 (line 3): the line is not valid JSON: Expecting value at column 1."
    assert results[1].item is data[1]


def explode(**_):
    raise KeyError("a bug")


def crash(**_):
    os._exit(3)


def test_a_bug_or_a_dead_worker_fails_only_its_item() -> None:
    items = [h("p", None, str(i)) for i in range(8)]
    items[2] = {"type": explode, "props": {}}
    items[5] = {"type": crash, "props": {}}
    results = list(render_many(items, jobs=2, **SIZE))
    assert [r.ok for r in results] == [True, True, False, True, True, False, True, True]
    assert isinstance(results[2].error, RenderError) and str(results[2].error) == "KeyError: 'a bug'"
    assert "Traceback" in results[2].error.traceback
    assert str(results[5].error).startswith("The worker process died while rendering this item")


def hang(**_):
    time.sleep(3600)  # in C: no check inside the render could stop it


def test_a_worker_still_rendering_at_twice_the_time_limit_is_stopped_and_its_item_fails() -> None:
    items = [h("p", None, str(i)) for i in range(6)]
    items[1] = {"type": hang, "props": {}}
    items[4] = {"type": hang, "props": {}}
    seen: list[Progress] = []
    # 4 s: far above what a tiny card takes even on a loaded machine; only the hanging items reach it.
    results = list(render_many(items, jobs=2, limits=Limits(timeout=4), progress=seen.append, **SIZE))
    assert [r.ok for r in results] == [True, False, True, True, False, True], [r.error for r in results]
    for failed in (results[1], results[4]):
        assert isinstance(failed.error, RenderTimeoutError)
        assert str(failed.error) == ("The item was still rendering after 8 s, 2 times the timeout limit of 4 s: "
                                     "its worker process was stopped.")
    assert results[5].data == render_png(items[5], **SIZE)
    assert (seen[-1].done, seen[-1].failed) == (6, 2)
    assert multiprocessing.active_children() == []  # the stopped workers are gone, the others too


def test_an_item_too_big_for_a_busy_worker_s_pipe_waits_for_an_idle_worker() -> None:
    # The first worker gets the hang; the second is not ready when the big item comes. Pickled,
    # the big item is over the pipe's buffer: queued behind the hang it would block the parent
    # (which then could stop nothing) for ever; it waits for the second worker instead.
    big = h("div", {"style": {"display": "flex"}, "data-padding": "x" * 1_000_000}, "big")
    items = [{"type": hang, "props": {}}, big, h("p", None, "small")]
    results = list(render_many(items, jobs=2, limits=Limits(timeout=3), **SIZE))
    assert [r.ok for r in results] == [False, True, True], [r.error for r in results]
    assert isinstance(results[0].error, RenderTimeoutError)


FORKED_WORKERS = """
import os
from satori_py import render_many
from satori_py.batch import worker

PARENT = os.getpid()

def prepared_before(**_):
    raise RuntimeError(f"{os.getpid() != PARENT} {worker.setups()}")

results = list(render_many([{"type": prepared_before, "props": {}}] * 4, jobs=2, width=20, height=10))
print(sorted({str(r.error) for r in results}), worker.setups())
"""


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_forked_workers_start_with_the_context_the_parent_prepared() -> None:
    # In a process of its own: a single-threaded one forks its workers (this one may hold threads).
    out = subprocess.run([sys.executable, "-c", FORKED_WORKERS], capture_output=True, text=True, check=True)
    # Each worker (another process) found the context prepared: it never counted a setup of its
    # own; the parent prepared it once.
    assert out.stdout == "['RuntimeError: True 1'] 1\n"


class Clock:
    now = 1000.0

    def __call__(self) -> float:
        return self.now


CLOCK = Clock()


def slow(**_):
    CLOCK.now += 100  # the render's own clock jumps past its deadline
    return h("p", None, "slow")


def test_each_item_renders_within_its_own_time_budget(monkeypatch) -> None:
    monkeypatch.setattr("satori_py.limits._clock", CLOCK)
    items = [{"type": slow, "props": {}}, h("p", None, "a"), {"type": slow, "props": {}}, h("p", None, "b")]
    for options, limit in (({}, "60"), ({"limits": Limits(timeout=5)}, "5")):
        results = list(render_many(items, jobs=1, **options, **SIZE))
        assert [r.ok for r in results] == [False, True, False, True]
        assert isinstance(results[0].error, LimitError) and results[0].error.limit == "timeout"
        assert str(results[0].error) == f"The render took longer than the timeout limit of {limit}s."
    assert all(r.ok for r in render_many(items, jobs=1, limits=Limits(timeout=None), **SIZE))


def test_an_item_that_cannot_go_to_a_worker_fails_alone() -> None:
    items = [h("p", None, "x"), {"type": lambda: h("p", None, "y"), "props": {}}]
    assert [r.ok for r in render_many(items, jobs=1, **SIZE)] == [True, True]  # in this process
    sent = list(render_many(items, jobs=2, **SIZE))
    assert [r.ok for r in sent] == [True, False]
    assert str(sent[1].error).startswith("The item cannot be sent to a worker process (")
    assert str(sent[1].error).endswith("use module-level functions, or jobs=1.")


def test_a_context_that_cannot_be_prepared_fails_every_item() -> None:
    fonts = [Font("Missing", Path("/nonexistent/font.ttf"))]
    results = list(render_many(rows(3), template=CARD, jobs=2, fonts=fonts, **SIZE))
    assert [r.ok for r in results] == [False, False, False]
    assert all(str(r.error) == "Cannot read font file /nonexistent/font.ttf: No such file or directory"
               for r in results)


def test_options_that_cannot_travel_to_processes_are_refused_up_front() -> None:
    with pytest.raises(ValueError, match="must be picklable to go to worker processes"):
        list(render_many(rows(2), template=CARD, jobs=2, fetcher=lambda url: b"", **SIZE))
    with pytest.raises(ValueError, match="Invalid jobs 0"):
        list(render_many([], jobs=0))


def test_progress_reports_every_item() -> None:
    seen: list[Progress] = []
    list(render_many(rows(4, bad=2), template=CARD, jobs=1, progress=seen.append, **SIZE))
    assert [(p.done, p.failed, p.total, p.finished) for p in seen] == [
        (1, 0, 4, False), (2, 1, 4, False), (3, 1, 4, False), (4, 1, 4, False), (4, 1, 4, True)]


def test_progress_bar_on_a_terminal_and_in_a_log() -> None:
    tty, log = io.StringIO(), io.StringIO()
    state = Progress(done=50, failed=1, total=200, elapsed=10.0)
    ProgressBar(tty, tty=True)(state)
    ProgressBar(log, tty=False)(state)
    assert tty.getvalue() == "\r\x1b[K[######------------------]  50/200  25%  5.0/s  ETA 0:30  1 failed"
    assert log.getvalue() == "50/200  25%  5.0/s  ETA 0:30  1 failed\n"
    end = io.StringIO()
    ProgressBar(end, tty=False)(Progress(200, 1, 200, 40.0, finished=True))
    assert end.getvalue() == "200/200  100%  5.0/s  in 0:40  1 failed\n"


def test_a_worn_out_batch_worker_thread_hands_over_to_a_fresh_one(monkeypatch: pytest.MonkeyPatch) -> None:
    # Taffy leaves objects in its thread's pool until the thread ends (satori_py.layout.taffy_thread):
    # a worker moves to a fresh thread when they reach POOL_BUDGET, here after every list of items.
    from satori_py.batch import worker

    threads = RasterThreads(monkeypatch, worker)
    monkeypatch.setattr(worker.signal, "signal", lambda *args: None)  # not this test process's Ctrl-C
    monkeypatch.setattr(worker, "keep_freed_memory", lambda: None)
    ours, theirs = multiprocessing.Pipe()
    for index in range(3):
        ours.send([(index, h("div", {}, f"Card {index}"), "png")])
    ours.send(None)
    worker.serve(theirs, worker.BatchContext({**SIZE, "emoji": None}))
    answers = [ours.recv() for _ in range(4)]
    assert answers[0] == ("ready", None)
    assert [(index, png[:4], error) for [(index, png, error)] in answers[1:]] == [
        (0, b"\x89PNG", None), (1, b"\x89PNG", None), (2, b"\x89PNG", None)]
    assert threads.count == 1 + 4  # warming up, one a list of items, and the last finds the end
