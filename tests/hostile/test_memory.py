"""Memory stays flat: stretchable's measure leak is contained, font files are read once,
and the caches are bounded by what they hold (benchmarks/memory.py measures whole renders)."""
from __future__ import annotations

import functools
import os
import tracemalloc
from pathlib import Path

import pytest

import resvg_bridge
from satori_py import Font, h, render_svg
from satori_py.cache import MAX_CACHED_TEXT
from satori_py.layout import taffy, taffy_thread
from satori_py.layout.node_style import NodeStyle
from satori_py.layout.taffy import LayoutNode, compute_layout
from satori_py.text import breaking


def test_stretchable_leaks_one_reference_per_measure_dict_and_it_is_given_back() -> None:
    # stretchable 1.1.8 (pinned <1.2): if a release fixes the leak this says 0, and nothing is released.
    assert taffy._leaked_references() == 1
    assert taffy._releaser() is not None


class _MeasuredRow:
    """A wrapping row of ``leaves`` measured texts, counting the measure calls Taffy makes."""

    def __init__(self, leaves: int) -> None:
        self.calls = 0
        self.tree = LayoutNode(NodeStyle(display="flex", flex_wrap="wrap"),
                               [LayoutNode(NodeStyle(), measure=self.measure) for _ in range(leaves)])

    def measure(self, width: float, height: float, mode: str) -> tuple[float, float]:
        self.calls += 1
        return (30.0, 10.0)

    def lay_out(self) -> None:
        compute_layout(self.tree, width=200, height=None)


def test_measure_callbacks_leave_nothing_behind() -> None:
    # Before: about 650 B per measure call (5,000 renders of a card: RSS 59 -> 514 MB).
    row = _MeasuredRow(20)
    with taffy_thread.session():
        row.lay_out()
        tracemalloc.start()
        try:
            before = tracemalloc.take_snapshot()
            row.calls = 0
            for _ in range(100):
                row.lay_out()
            after = tracemalloc.take_snapshot()
        finally:
            tracemalloc.stop()
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert row.calls > 5000
    assert grown < 64 * row.calls, (grown, row.calls)  # the leak was ~650 B per call


def test_a_thread_hosting_taffy_is_worn_out_by_what_its_pool_keeps(monkeypatch: pytest.MonkeyPatch) -> None:
    # The pool keeps two objects a measure call until its thread ends (~16 B a call; 400
    # renders of a 600-call card on one thread: RSS +4.1 MB, +0.2 MB on threads ending with
    # each render). A thread serving render after render counts them and hands over to a
    # fresh one at POOL_BUDGET (the loops: tests/web/test_thread_pool.py, test_worker_threads.py,
    # tests/batch/test_render_many.py).
    row = _MeasuredRow(5)
    row.lay_out()  # on a thread of its own: nothing counted here
    assert row.calls > 0 and not taffy_thread.worn_out()
    seen: list[bool] = []

    def host(budget: int) -> None:
        monkeypatch.setattr(taffy_thread, "POOL_BUDGET", budget)
        with taffy_thread.hosting():
            row.lay_out()
        seen.append(taffy_thread.worn_out())

    for budget in (2 * row.calls + 1, 2 * row.calls):
        resvg_bridge.raster_thread(functools.partial(host, budget), "hosting").join()
    assert seen == [False, True]


def test_a_font_file_is_read_once_while_unchanged(tmp_path: Path) -> None:
    from satori_py.assets import DEFAULT_FONT_PATH

    path = tmp_path / "font.ttf"
    path.write_bytes(Path(DEFAULT_FONT_PATH).read_bytes())
    font = Font("Copy", path)
    first = font.load_bytes()
    assert Font("Copy", str(path)).load_bytes() is first  # the same bytes: no read, no new copy
    render_svg(h("div", {}, "x"), width=10, height=10, fonts=[font])
    os.utime(path, ns=(1, 1))  # changed: read again
    assert font.load_bytes() is not first and font.load_bytes() == first


def test_long_texts_are_not_kept_by_the_text_caches() -> None:
    # (texts with semicolons: words, commas, full stops and spaces are split without this cache)
    breaking._line_segments.cache_clear()
    long_text = "word; " * (MAX_CACHED_TEXT // 6 + 1)
    render_svg(h("div", {"style": {"display": "flex"}}, long_text), width=100, height=100)
    assert breaking._line_segments.cache_info().currsize == 0
    render_svg(h("div", {"style": {"display": "flex"}}, "a short text; no other test renders"), width=100, height=100)
    assert breaking._line_segments.cache_info().currsize == 1
