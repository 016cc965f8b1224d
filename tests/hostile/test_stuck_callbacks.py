"""The other user callbacks under the render's deadline: ``load_additional_asset`` (plain
or async), and the downloads of the emoji sets and of Google Fonts, which are asked
through it; the built-in http fetcher keeps time by itself, on the render's thread.

Each callback blocks on an Event the test sets at the end (satori_py/fetch/bounded.py);
no timing is asserted (the short timeouts only keep the tests quick).
"""
from __future__ import annotations

import asyncio
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from satori_py import Limits, files_fetcher, h, render_svg
from satori_py.errors import ImageError, LimitError, RenderTimeoutError
from satori_py.fetch import bounded
from satori_py.images.source import clear_image_cache
from satori_py.text.emoji import emoji_asset_loader
from satori_py.text.google_fonts import google_fonts
from satori_py.web.job import RenderJob
from satori_py.web.settings import PoolSettings
from satori_py.web.threads import ThreadPool

from .support import WAIT, Blocking, png_header

TIMEOUT = "The render took longer than the timeout limit of 0.3s"


def stuck(text: str, **options: Any) -> LimitError:
    with pytest.raises(LimitError) as info:
        render_svg(h("div", {}, text), width=60, height=30, emoji=None, limits=Limits(timeout=0.3), **options)
    assert info.value.limit == "timeout"
    assert bounded.abandoned() == 1
    return info.value


def test_a_load_additional_asset_that_never_returns(blocking: Blocking) -> None:
    error = stuck("あ", load_additional_asset=blocking)
    assert str(error) == f'{TIMEOUT}: load_additional_asset("ja-JP", "あ") had not answered.'


def test_an_async_load_additional_asset_that_never_answers(blocking: Blocking) -> None:
    async def load(code: str, segment: str) -> None:
        await asyncio.get_running_loop().run_in_executor(None, blocking.release.wait, WAIT)

    error = stuck("あ", load_additional_asset=load)
    assert str(error) == f"{TIMEOUT}: load_additional_asset's answers had not come."


def test_the_download_of_an_emoji_set(blocking: Blocking) -> None:
    loader = emoji_asset_loader("openmoji", fetcher=blocking, cache_dir=False)
    error = stuck("\U0001F600", load_additional_asset=loader)
    assert str(error) == f'{TIMEOUT}: load_additional_asset("emoji", "\U0001F600") had not answered.'
    assert blocking.calls == 1


def test_the_download_of_google_fonts(blocking: Blocking) -> None:
    error = stuck("あ", load_additional_asset=google_fonts(fetcher=blocking, cache_dir=False))
    assert str(error) == f'{TIMEOUT}: load_additional_asset("ja-JP", "あ") had not answered.'
    assert blocking.calls == 1


def test_in_thread_mode_the_render_thread_serves_again_after_a_stuck_loader(blocking: Blocking) -> None:
    pool = ThreadPool(PoolSettings.from_env(workers=1, deadline=1.0))
    try:
        job = RenderJob(h("div", {}, "あ"), width=60, height=30, emoji=None, load_additional_asset=blocking)
        with pytest.raises(RenderTimeoutError, match="did not finish within its 1 s deadline"):
            pool.submit(job).result(WAIT)
        ok = RenderJob(h("div", {"style": {"display": "flex"}}, "ok"), width=60, height=30)
        assert pool.submit(ok).result(WAIT)[:4] == b"\x89PNG"
    finally:
        pool.shutdown(wait=False)


def test_fetchers_that_keep_time_are_called_on_the_render_thread(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file is read at once; a thread per fetch would only add its start-up (the http
    # fetcher is also cut at the render's deadline: tests/fetch/test_http_fetcher.py).
    (tmp_path / "a.png").write_bytes(png_header(4, 4))
    threads: list[str] = []

    def fetch(url: str) -> bytes:
        threads.append(threading.current_thread().name)
        return png_header(4, 4)

    card = h("div", {"style": {"display": "flex"}}, h("img", {"src": f"file://{tmp_path}/a.png", "width": 4,
                                                              "height": 4}))
    clear_image_cache()

    def no_thread(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("called on a thread of its own")

    monkeypatch.setattr(bounded, "call_bounded", no_thread)
    assert "<image" in render_svg(card, width=20, height=20, fetcher=files_fetcher(tmp_path))
    monkeypatch.undo()
    # A files fetcher whose fallback is user code is bounded like it.
    other = h("div", {"style": {"display": "flex"}}, h("img", {"src": "https://example.com/b.png", "width": 4,
                                                               "height": 4}))
    assert "<image" in render_svg(other, width=20, height=20, fetcher=files_fetcher(tmp_path, fallback=fetch))
    assert threads and threads[0] != threading.current_thread().name


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_file_that_is_not_a_regular_file_is_refused_before_reading(tmp_path: Path) -> None:
    # A file is read on the render's thread, without a deadline: before, a FIFO nobody writes
    # to in the allowed directory blocked the render for ever (past a 2 s timeout).
    os.mkfifo(tmp_path / "pipe")
    card = h("div", {"style": {"display": "flex"}}, h("img", {"src": f"file://{tmp_path}/pipe", "width": 4,
                                                              "height": 4}))
    with pytest.raises(ImageError) as info:
        render_svg(card, width=20, height=20, fetcher=files_fetcher(tmp_path), limits=Limits(timeout=2))
    assert (info.value.path, info.value.prop) == ("div/img[0]", "src")
    assert str(info.value) == f"div/img[0]: Can't read the image file {tmp_path}/pipe: not a regular file"


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="open descriptors are listed in /proc")
def test_a_directory_is_refused_and_leaves_no_descriptor_open(tmp_path: Path) -> None:
    # The first version of the check (fdopen, then fstat) left the descriptor of a directory
    # open: one more per render.
    (tmp_path / "dir").mkdir()
    card = h("div", {"style": {"display": "flex"}}, h("img", {"src": f"file://{tmp_path}/dir", "width": 4,
                                                              "height": 4}))
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(20):
        with pytest.raises(ImageError) as info:
            render_svg(card, width=20, height=20, fetcher=files_fetcher(tmp_path))
    assert str(info.value) == f"div/img[0]: Can't read the image file {tmp_path}/dir: not a regular file"
    assert len(os.listdir("/proc/self/fd")) <= before
