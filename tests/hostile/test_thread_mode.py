"""ImageResponse's thread mode (satori_py/web/threads.py) under pathological renders: a card over
a limit, a render that raises what is not an Exception. Each must fail only its own render and
leave the pool's one thread serving the next card (README: "An exception in a render fails only
that render"). No timing is asserted: the deadline only bounds how long a failing test waits.
"""
from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest

from satori_py.errors import LimitError
from satori_py.web.job import RenderJob
from satori_py.web.settings import PoolSettings
from satori_py.web.threads import ThreadPool

from .support import png_header

WAIT = 30.0
CARD = RenderJob({"type": "div", "props": {"style": {"display": "flex"}, "children": "ok"}}, width=60, height=30)


class Interrupted(BaseException):
    """What a server's own code may raise through a fetcher (SystemExit, a framework's cancel)."""


def interrupting_fetcher(url: str) -> bytes:
    raise Interrupted(url)


@pytest.fixture
def pool() -> Iterator[ThreadPool]:
    threads = ThreadPool(PoolSettings.from_env(workers=1, deadline=5.0))
    yield threads
    threads.shutdown(wait=False)


def _img(src: str) -> dict[str, Any]:
    return {"type": "div", "props": {"style": {"display": "flex"}, "children": [
        {"type": "img", "props": {"src": src, "width": 4, "height": 4}}]}}


def test_a_card_over_a_limit_fails_alone_with_its_path(pool: ThreadPool) -> None:
    bomb = "data:image/png;base64," + base64.b64encode(png_header(60000, 60000)).decode()
    with pytest.raises(LimitError) as info:
        pool.submit(RenderJob(_img(bomb), width=60, height=30)).result(WAIT)
    assert str(info.value) == ("div/img[0]: The image is 60000x60000 pixels, over the max_image_pixels limit of "
                               "40000000.")
    assert pool.submit(CARD).result(WAIT)[:4] == b"\x89PNG"
    assert pool.overdue() == 0


def test_a_render_that_raises_a_base_exception_fails_alone(pool: ThreadPool) -> None:
    failed = pool.submit(RenderJob(_img("https://example.com/a.png"), width=60, height=30,
                                   fetcher=interrupting_fetcher))
    with pytest.raises(BaseException) as info:
        failed.result(WAIT)
    assert "deadline" not in str(info.value)  # not answered as a slow render
    # The pool's only thread still serves.
    assert pool.submit(CARD).result(WAIT)[:4] == b"\x89PNG"
    assert pool.overdue() == 0
