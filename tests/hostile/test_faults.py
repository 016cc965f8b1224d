"""A render killed mid-way (out of memory anywhere, a limit, a refused fetch, a broken font, a
rasteriser error) leaves no half-written output, and the next renders are the same bytes.

Before: a MemoryError in a style parser (the 19 of 182 points of a card's cleared render where
one was injected) was taken for an invalid value and the result kept in the style caches: the
same cards then rendered otherwise until the caches were emptied. One while a font was parsed
was said to be a broken font (``Failed to parse font geist: ``). The command printed a
MemoryError's traceback.
"""
from __future__ import annotations

import contextvars
import functools
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from click.testing import CliRunner

import resvg_bridge
from benchmarks.bench_cards import clear_caches
from satori_py import cli, files, render_svg
from satori_py.api import Pipeline

from .test_soak import _QUIET, card


class _Fail:
    """A trace function raising ``error`` (MemoryError) at the ``at``-th call of a satori_py function."""

    def __init__(self, at: int, error: type[BaseException] = MemoryError) -> None:
        self.at = at
        self.error = error
        self.calls = 0
        self.raised = ""  # where it raised

    def __call__(self, frame: FrameType, event: str, arg: Any) -> None:
        if event == "call" and "satori_py" in frame.f_code.co_filename:
            self.calls += 1
            if self.calls == self.at:
                self.raised = f"satori_py/{frame.f_code.co_filename.rpartition('satori_py/')[2]}:{frame.f_code.co_name}"
                sys.settrace(None)
                raise self.error
        return None


@contextmanager
def _failing_at(at: int, error: type[BaseException] = MemoryError) -> Iterator[_Fail]:
    fail = _Fail(at, error)
    old = sys.gettrace()
    sys.settrace(fail)
    threading.settrace(fail)  # render_png lays out and rasterises on a thread of its own
    try:
        yield fail
    finally:
        sys.settrace(old)
        threading.settrace(old)


def _calls(render: Any) -> int:
    with _failing_at(0) as counter:  # (never raises: counts the calls)
        render()
    return counter.calls


# The injected MemoryError may land in a generator being closed (its resumption is a "call" too),
# where Python can only print it as unraisable: that is the injector's doing, not the render's.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize(("cold", "error"), [(True, MemoryError), (False, MemoryError), (True, KeyboardInterrupt)],
                         ids=["cleared", "warm", "interrupted"])
def test_running_out_of_memory_anywhere_changes_no_later_render(cold: bool, error: type[BaseException]) -> None:
    # (An interrupt, Ctrl-C or a worker's timeout signal, is no Exception: no `except Exception`
    # takes it for a bad value, and no lock or cache is left half-way.)
    cards = [card(i) for i in (3, 4, 5)]  # 3: with a bad node
    good = [render_svg(c, width=300, height=158, **_QUIET) for c in cards]

    def render(i: int) -> str:
        if cold:
            clear_caches()  # what fails may be what the caches would keep
        return render_svg(cards[i], width=300, height=158, **_QUIET)

    calls = min(_calls(functools.partial(render, i)) for i in range(3))
    points = range(1, calls, calls // 70)
    for at in points:
        with _failing_at(at, error) as fail:
            try:
                # A MemoryError is raised, or absorbed where a second way is tried (faces.py reads
                # an outline with fontTools when its own reader fails): then the image is right.
                # (In a context of its own: the injector stops whatever it lands on, a context
                # manager's exit too, which may leave a context variable set in the caller's
                # context. A stage clears the node path as it starts: test_out_of_memory.)
                assert contextvars.copy_context().run(render, at % 3) == good[at % 3], fail.raised
            except error:
                pass
        assert fail.raised
        assert [render_svg(c, width=300, height=158, **_QUIET) for c in cards] == good, fail.raised
    assert len(points) >= 70


# -- the command -------------------------------------------------------------------------

_CARD = '{"type": "div", "props": {"style": {"display": "flex"}, "children": ["hello", %s]}}'


def _run(tmp_path: Path, child: str, *args: str) -> tuple[int, str]:
    """The command's exit status and standard error for a card with ``child``, written over
    an existing out.png, which must be left as it was, with no other file beside it."""
    (tmp_path / "in.json").write_text(_CARD % child)
    out = tmp_path / "out.png"
    out.write_bytes(b"previous")
    result = CliRunner().invoke(cli.cli, [str(tmp_path / "in.json"), "-o", str(out), *args])
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json", "out.png"]
    return result.exit_code, result.stderr


def test_the_command_says_a_render_ran_out_of_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_memory(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr(Pipeline, "layout", no_memory)
    assert _run(tmp_path, '"x"') == (1, f"error: {tmp_path / 'in.json'}: the render ran out of memory (lower "
                                        "the --limit values, or give it more memory).\n")


@pytest.mark.parametrize("where", ["rasterising", "renaming"])
def test_an_interrupted_command_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    # Ctrl-C while the PNG is made, or as the written file takes out.png's place: out.png is as
    # it was, and no temporary file is left beside it.
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    if where == "rasterising":
        monkeypatch.setattr(resvg_bridge, "svg_to_png", interrupted)
    else:
        monkeypatch.setattr(files.os, "replace", interrupted)
    assert _run(tmp_path, '"x"') == (1, "\nAborted!\n")


def test_the_command_says_the_rasteriser_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(*args: Any, **kwargs: Any) -> Any:
        raise resvg_bridge.RasterizeError("the tree is empty")

    monkeypatch.setattr(resvg_bridge, "svg_to_png", fails)
    assert _run(tmp_path, '"x"') == (1, "error: Rasterising the SVG failed: the tree is empty\n")


@pytest.mark.parametrize(("child", "args", "message"), [
    ('{"type": "img", "props": {"src": "http://127.0.0.1:9/a.png", "width": 9, "height": 9}}', (),
     "div/img[1]: Image source resolves to a blocked address (SSRF protection): http://127.0.0.1:9/a.png: "
     "127.0.0.1 is in 127.0.0.0/8 (loopback)."),
    ('{"type": "div", "props": {"children": ["a", {"type": "b", "props": {}}]}}', ("--limit", "max_nodes=3"),
     "div: The element tree has more than 3 nodes (the max_nodes limit)."),
    ('"x"', ("--width", "30000", "--height", "30000"), "The image width of 30000px is over the limit of 16384px."),
])
def test_the_command_names_the_fault_and_writes_nothing(tmp_path: Path, child: str, args: tuple[str, ...],
                                                        message: str) -> None:
    assert _run(tmp_path, child, *args) == (1, f"error: {message}\n")


def test_the_command_says_a_font_is_broken(tmp_path: Path) -> None:
    broken = tmp_path.parent / f"{tmp_path.name}-broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 200)
    assert _run(tmp_path, '"x"', "--font", f"Broken={broken}") == (
        1, "error: Failed to parse font Broken: it has no head table\n")


def test_the_command_says_the_render_ran_out_of_time(tmp_path: Path, ticking_clock: None) -> None:
    assert _run(tmp_path, '"x"', "--timeout", "5") == (1, "error: div: The render took longer than the timeout limit "
                                                        "of 5s.\n")
