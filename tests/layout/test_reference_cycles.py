"""A render's boxes are freed by reference counting, not left to the cycle collector.

The layout tree of a render (layout nodes, render boxes, paragraphs and their measure
closures) holds no reference cycle once the render returns, so it is freed as soon as the
render's result is dropped instead of by the collection that runs when ``render_svg``
re-enables the collector. What a render leaves for the collector is counted with
``gc.DEBUG_SAVEALL``: before the cycles were broken, each of the benchmark cards left 300 to
2,400 objects, and golden cases with floats, stylesheets, form controls, reversed lists or
fonts loaded for missing characters 7 to 776.
"""
from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest

from satori_py import render_svg
from satori_py.case import load_case
from satori_py.errors import SatoriError
from satori_py.style import expand
from tests.support import paths
from tests.support.harness import case_kwargs

CARDS = sorted((paths.REPO_ROOT / "benchmarks" / "cards").glob("*.json"))[::4]
GOLDEN = sorted(paths.GOLDEN_DIR.glob("**/*.json"))


def _cyclic_garbage(render: Callable[[], object]) -> list[str]:
    """The types of the objects only the cycle collector would free after ``render()``."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        render()
        gc.collect()
        return sorted({type(o).__qualname__ for o in gc.garbage})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.collect()


@pytest.mark.parametrize("path", CARDS + GOLDEN, ids=[f"{p.parent.name}/{p.stem}" for p in CARDS + GOLDEN])
def test_a_warm_render_leaves_no_cyclic_garbage(path: Path) -> None:
    case = load_case(path)
    kwargs = case_kwargs(case)

    def render() -> None:
        try:
            render_svg(case.element, **kwargs)
        except SatoriError:
            pass  # a case that expects an error leaves nothing either

    render()  # warm: the caches are filled, and stay
    assert _cyclic_garbage(render) == []


def test_the_check_sees_a_cycle() -> None:
    def make_cycle() -> None:
        node: list[object] = []
        node.append(node)

    assert _cyclic_garbage(make_cycle) == ["list"]


def test_computing_a_style_leaves_no_cyclic_garbage() -> None:
    from satori_py.style.computed import compute_style, root_style

    root = root_style(width=100, height=100)
    props = {"style": {"display": "flex", "padding": "4px 2px", "color": "red", "bogus": 1}}
    assert _cyclic_garbage(lambda: compute_style("div", props, root, viewport=(100.0, 100.0))) == []


def test_a_background_image_that_fails_to_load_leaves_no_cyclic_garbage() -> None:
    # The load error is kept until the layer is drawn; its traceback held the loading loop's frame.
    element = {"type": "div", "props": {"style": {
        "width": 40, "height": 40, "backgroundImage": "url(https://example.com/a.png)"}}}
    raised: list[str] = []

    def render() -> None:
        try:
            render_svg(element, width=40, height=40, emoji=None)
        except SatoriError as error:
            raised.append(str(error))

    assert _cyclic_garbage(render) == []
    assert "needs a fetcher" in raised[0]


@pytest.mark.parametrize("walk", [
    lambda: expand.convert_colors("linear-gradient(hsl(10 20% 30%), oklch(0.5 0.1 20))", None),
    lambda: expand.normalize_color_keywords("borderColor", "RED Cyan"),
], ids=["convert_colors", "normalize_color_keywords"])
def test_the_colour_walks_over_a_value_leave_no_cyclic_garbage(walk: Callable[[], object]) -> None:
    # Not memoised themselves (expand_declaration is): a cold render meets them per value.
    assert _cyclic_garbage(walk) == []
