"""Where a render's Taffy computations run (layout/taffy_thread.py)."""
from __future__ import annotations

import threading
from typing import Any

import pytest

from satori_py import render_svg
from satori_py.layout import engine, taffy, taffy_thread

# A row whose fixed-width avatar is frozen after the first pass (frozen_widths.freeze): laid out twice
# (its flexGrow keeps the freeze a change: fit_boxes.frozen_as_laid_out).
CARD = {"type": "div", "props": {"style": {"display": "flex", "width": 400, "height": 200}, "children": [
    {"type": "div", "props": {"style": {"display": "flex", "alignItems": "center"}, "children": [
        {"type": "div", "props": {"style": {"display": "flex"}, "children": [
            {"type": "div", "props": {"style": {"width": 48, "height": 48, "flexGrow": 1, "background": "red"}}}]}},
        {"type": "div", "props": {"style": {"fontSize": 20}, "children": "A name that wraps at some width"}}]}}]}}


@pytest.fixture(autouse=True)
def _passes_every_render(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every render runs its passes: these tests are of what the passes use, not of a layout kept
    from the render before (layout/reuse.py)."""
    monkeypatch.setattr(engine, "recall", lambda pending: False)


def _recorded(monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], list[threading.Thread]]:
    """The jobs handed to a Taffy thread and the threads computations ran on, as a render goes."""
    jobs: list[Any] = []
    threads: list[threading.Thread] = []
    job, here = taffy_thread._Job, taffy._run_taffy_here

    def counted(fn: Any) -> Any:
        jobs.append(fn)
        return job(fn)

    def run_here(*args: Any) -> Any:
        threads.append(threading.current_thread())
        return here(*args)

    monkeypatch.setattr(taffy_thread, "_Job", counted)
    monkeypatch.setattr(taffy, "_run_taffy_here", run_here)
    return jobs, threads


def test_a_render_hands_its_whole_layout_to_the_taffy_thread_once(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = render_svg(CARD)
    jobs, threads = _recorded(monkeypatch)
    assert render_svg(CARD) == expected
    assert len(threads) >= 2  # its passes (and measurements), each a Taffy computation
    assert len(jobs) == 1  # one hand-over for all of them, not one each
    assert threading.current_thread() not in threads and len(set(threads)) == 1


def test_a_hosting_thread_lays_out_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = render_svg(CARD)
    jobs, threads = _recorded(monkeypatch)
    seen: list[str] = []

    def host() -> None:
        with taffy_thread.hosting():
            seen.append(render_svg(CARD))

    thread = threading.Thread(target=host)
    thread.start()
    thread.join()
    assert seen == [expected]
    assert not jobs and set(threads) == {thread}


def test_a_session_whose_worker_ended_first_raises_instead_of_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    # Out of memory entering the worker (tests/hostile/test_faults injected it there): the worker
    # ends before serving; the caller's job would never be done. (Run on a thread of its own,
    # joined with a timeout: a wait without end fails the test instead of hanging the suite.)
    monkeypatch.setattr(taffy_thread, "_serve", lambda jobs: None)
    outcome: list[BaseException | int] = []

    def call() -> None:
        with taffy_thread.session():
            try:
                outcome.append(taffy_thread.run(lambda: 1))
            except MemoryError as exc:
                outcome.append(exc)

    caller = threading.Thread(target=call, daemon=True)
    caller.start()
    caller.join(timeout=30)
    assert not caller.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], MemoryError)
    assert str(outcome[0]) == "the layout thread ended before the layout ran"
