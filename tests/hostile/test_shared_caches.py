"""Renders on several threads share the process's caches (styles, faces, images, layouts): a
render that fails (a bad node in strict mode, a limit, a fetcher raising what is not an
Exception) must leave every other render, before, during or after it, the bytes it has alone.

Every wait is bounded (WAIT): a deadlock fails the test instead of hanging it.
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from benchmarks.bench_cards import clear_caches
from satori_py import Limits, SatoriError, render_png, render_svg

from .test_soak import _QUIET, card

WAIT = 120.0
GOOD = [i for i in range(1, 25) if i % 3]  # (every third card has a bad node)
BAD = [i for i in range(1, 25) if not i % 3]


class Cancelled(BaseException):
    """What a server's own code may raise through a fetcher (a framework's cancel)."""


def _cancelling_fetcher(url: str) -> bytes:
    raise Cancelled(url)


def _failing(i: int, start: threading.Barrier) -> str:
    """Render bad card ``i`` so that it fails, one way or another by ``i``."""
    start.wait(WAIT)
    element = card(i)
    try:
        if i % 2:
            render_svg(element, width=300, height=158, strict=True)  # its bad node is an error
        elif i % 4:
            render_png(element, width=300, height=158, limits=Limits(max_nodes=5), **_QUIET)
        else:
            avatar = {"type": "img", "props": {"src": "https://example.com/a.png", "width": 9, "height": 9}}
            element = {"type": "div", "props": {"style": {"display": "flex"}, "children": [element, avatar]}}
            render_svg(element, width=300, height=158, fetcher=_cancelling_fetcher, **_QUIET)
    except (SatoriError, Cancelled) as exc:
        return type(exc).__name__
    return "rendered"


def _good(i: int, start: threading.Barrier) -> Any:
    start.wait(WAIT)
    return (render_svg if i % 2 else render_png)(card(i), width=300, height=158, **_QUIET)


def test_failing_renders_on_other_threads_change_no_render() -> None:
    alone = {i: (render_svg if i % 2 else render_png)(card(i), width=300, height=158, **_QUIET) for i in GOOD}
    clear_caches()  # the threads fill the caches together, failures among them
    start = threading.Barrier(len(GOOD) + len(BAD))
    with ThreadPoolExecutor(len(GOOD) + len(BAD)) as pool:
        failed = [pool.submit(_failing, i, start) for i in BAD]
        good = {i: pool.submit(_good, i, start) for i in GOOD}
        outcomes = sorted(future.result(WAIT) for future in failed)
        assert {i: future.result(WAIT) == alone[i] for i, future in good.items()} == dict.fromkeys(GOOD, True)
    assert outcomes == ["Cancelled"] * 2 + ["LimitError"] * 2 + ["StyleError"] * 4
    # And after them, alone again.
    assert all((render_svg if i % 2 else render_png)(card(i), width=300, height=158, **_QUIET) == alone[i]
               for i in GOOD)
