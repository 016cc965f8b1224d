"""A render that runs out of memory is said to have done so, by the batch command, the render
pool and the web responses, and nothing is written; no image is left out for it; and the next
render on the thread reports no node path of the one that was stopped.

Before (main 562b4b4): a batch item said ``MemoryError: `` (with a traceback), the render pool
raised MemoryError itself (with the worker's traceback), a web response logged its traceback; a
fetcher out of memory left the image out of a card that was then served (``Can't load image
https://example.com/a.png: ``); and a MemoryError raised as ``node_context.__exit__`` was entered
left that node's path set, which later renders on the thread put in front of their reports made
outside any node (``div/stale[9]: tailwind_config.bogus is ignored: ...``).
"""
from __future__ import annotations

import contextvars
import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from satori_py import api, cli, h, render_svg
from satori_py.errors import RenderError, node_context
from satori_py.web.job import RenderJob
from satori_py.web.pool import RenderPool, ThreadPool
from satori_py.web.response import ImageResponse
from satori_py.web.settings import PoolSettings

from .support import out_of_memory

OUT_OF_MEMORY = "The render ran out of memory (lower its limits, or give the process more memory)."
WAIT = 120.0  # a bound on any future: a hang fails the test instead of the run


def test_a_render_starts_outside_any_node() -> None:
    def render() -> list[str]:
        node_context("div/stale[9]").__enter__()  # what a MemoryError entering its __exit__ leaves
        reports: list[Exception] = []
        render_svg(h("div", {"style": {"color": "nope"}}, "a"), width=20, height=10,
                   tailwind_config={"bogus": 1}, on_warning=reports.append)
        return [str(report) for report in reports]

    assert contextvars.copy_context().run(render) == [
        "tailwind_config.bogus is ignored: satori-py reads only theme and presets, as Satori's twrnc does "
        "(plugins cannot be given as data).",
        'div: Invalid color "nope" for CSS property "color": it is drawn black.']


def test_a_fetcher_out_of_memory_stops_the_render_instead_of_leaving_the_image_out() -> None:
    def fetcher(url: str) -> bytes:
        raise MemoryError

    card = h("div", {}, h("img", {"src": "https://example.com/a.png", "width": 9, "height": 9}))
    with pytest.raises(MemoryError):
        render_svg(card, width=20, height=20, fetcher=fetcher)


def test_the_batch_command_says_an_item_ran_out_of_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    render_png = api.render_png

    def hungry(element: Any, **options: Any) -> Any:
        if "hungry" in json.dumps(element):
            raise MemoryError
        return render_png(element, **options)

    monkeypatch.setattr(api, "render_png", hungry)
    for name, text in (("a", "fine"), ("b", "hungry")):
        (tmp_path / f"{name}.json").write_text(json.dumps({"type": "div", "props": {"children": text}}))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli.cli, [str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--out-dir", str(out),
                                          "--jobs", "1", "--no-progress", "--width", "40", "--height", "20"])
    assert result.exit_code == 1
    summary, failure = result.stderr.splitlines()
    assert re.fullmatch(r"1 rendered, 0 skipped, 1 failed in [0-9.]+ s, [0-9.]+/s -> .*", summary), summary
    assert failure == f"  {tmp_path / 'b.json'} -> b.png: {OUT_OF_MEMORY}"
    assert sorted(p.name for p in out.iterdir()) == ["a.png"]  # nothing half-written


@pytest.mark.parametrize("mode", ["processes", "threads"])
def test_the_render_pool_says_a_render_ran_out_of_memory(mode: str) -> None:
    settings = PoolSettings.from_env(workers=1, deadline=WAIT)
    pool = RenderPool(settings) if mode == "processes" else ThreadPool(settings)
    try:
        failed = pool.submit(RenderJob({"type": out_of_memory, "props": {}}, width=60, height=30))
        error = failed.exception(timeout=WAIT)
        assert type(error) is RenderError and str(error) == OUT_OF_MEMORY
        assert error.__cause__ is None  # no worker's traceback: not a bug
        card = RenderJob({"type": "div", "props": {"children": "ok"}}, width=60, height=30)
        assert pool.submit(card).result(timeout=WAIT)[:4] == b"\x89PNG"  # the same worker goes on
        assert pool.stats.died == 0
    finally:
        pool.shutdown()


def test_a_web_response_logs_that_its_render_ran_out_of_memory(caplog: pytest.LogCaptureFixture) -> None:
    response = ImageResponse({"type": out_of_memory, "props": {}}, width=60, height=30, on_error="500")
    with caplog.at_level(logging.ERROR, logger="satori_py.response"):
        reply = response.reply()
    assert (reply.status, reply.body) == (500, b"Failed to generate the image")
    assert [(r.getMessage(), r.exc_info) for r in caplog.records] == [
        (f"Failed to generate the image: {OUT_OF_MEMORY}", None)]
    with pytest.raises(RenderError, match=re.escape(OUT_OF_MEMORY)):
        ImageResponse({"type": out_of_memory, "props": {}}, width=60, height=30).reply()
