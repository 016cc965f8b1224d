"""A custom fetcher that never returns (user code: a socket read with no timeout, a lock).

The render must be answered at its deadline, its thread must be free again (in thread
mode, one of the server's few render threads), and the calls left running are bounded
(satori_py/fetch/bounded.py). The fetcher blocks on an Event the test sets at the end;
no timing is asserted (the short timeouts only keep the tests quick).
"""
from __future__ import annotations


import pytest

from satori_py import Limits, h, render_svg
from satori_py.errors import LimitError, RenderTimeoutError
from satori_py.fetch import bounded
from satori_py.web.job import RenderJob
from satori_py.web.settings import PoolSettings
from satori_py.web.threads import ThreadPool

from .support import WAIT, Blocking, png_header, settle

URL = "https://example.com/a.png"


def card(src: str = URL) -> dict:
    return h("div", {"style": {"display": "flex"}}, h("img", {"src": src, "width": 4, "height": 4}))


def test_a_fetcher_that_never_returns_fails_the_render_at_its_deadline(blocking: Blocking) -> None:
    with pytest.raises(LimitError) as info:
        render_svg(card(), width=20, height=20, fetcher=blocking, limits=Limits(timeout=0.3))
    assert str(info.value) == ("div/img[0]: The render took longer than the timeout limit of 0.3s: the fetcher had "
                               f"not answered for {URL}.")
    assert info.value.limit == "timeout"
    assert bounded.abandoned() == 1
    blocking.release.set()
    settle(0)  # the call ended: it no longer counts


def test_past_the_bound_of_abandoned_calls_a_render_fails_without_calling_the_fetcher(
        blocking: Blocking, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounded, "MAX_ABANDONED", 2)
    for n in range(2):
        with pytest.raises(LimitError, match="the fetcher had not answered"):
            render_svg(card(f"{URL}?{n}"), width=20, height=20, fetcher=blocking, limits=Limits(timeout=0.2))
    with pytest.raises(LimitError) as info:
        render_svg(card(f"{URL}?2"), width=20, height=20, fetcher=blocking, limits=Limits(timeout=0.2))
    assert str(info.value) == (f"div/img[0]: Can't load {URL}?2: 2 calls of user callbacks are still running "
                               "past their renders' deadlines; no other is made until one of them returns.")
    assert blocking.calls == 2
    blocking.release.set()
    settle(0)
    # A fetcher that answers is called again.
    assert render_svg(card(f"{URL}?3"), width=20, height=20, fetcher=lambda url: png_header(4, 4))


def test_in_thread_mode_the_render_thread_serves_again_after_a_stuck_fetch(blocking: Blocking) -> None:
    pool = ThreadPool(PoolSettings.from_env(workers=1, deadline=1.0))
    try:
        stuck = pool.submit(RenderJob(card(), width=20, height=20, fetcher=blocking))
        with pytest.raises(RenderTimeoutError, match="did not finish within its 1 s deadline"):
            stuck.result(WAIT)
        # The pool's one thread is free: the next card renders (it was refused as "busy" for good).
        ok = RenderJob({"type": "div", "props": {"style": {"display": "flex"}, "children": "ok"}}, width=60, height=30)
        assert pool.submit(ok).result(WAIT)[:4] == b"\x89PNG"
    finally:
        pool.shutdown(wait=False)
