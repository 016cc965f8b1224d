"""The automatic minimum size of flex items with an aspect ratio (layout/flex_fit.py).

Expected boxes are the real Satori 0.63.2's (tests/tools/satori_boxes.mjs) for the same
rows: an item beside a nowrap text that overflows its 200px row.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.api import Pipeline

from .support import d


def boxes(element: dict[str, Any]) -> dict[str, tuple[float, float, float, float]]:
    """Border boxes by node path, from the whole pipeline (which sizes <svg> and <img>)."""
    pipeline = Pipeline(400, 300)
    out = {}
    stack = [pipeline.layout(pipeline.parse(element)).root]
    while stack:
        box = stack.pop()
        out[box.path] = (box.rect.x, box.rect.y, box.rect.width, box.rect.height)
        stack.extend(box.children)
    return out

TEXT = d({"whiteSpace": "nowrap"}, "a very long piece of text that will not wrap at all in here")


def _svg(**props: Any) -> dict[str, Any]:
    return {"type": "svg", "props": {**props, "children": [
        {"type": "circle", "props": {"cx": 12, "cy": 12, "r": 10, "fill": "red"}}]}}


@pytest.mark.parametrize(("item", "size"), [
    (_svg(width=24, height=24, viewBox="0 0 24 24"), (24, 24)),
    (_svg(width=40, height=20, viewBox="0 0 24 24"), (20, 20)),  # the height through the ratio
    (_svg(width=40, viewBox="0 0 24 24"), (40, 40)),
    (_svg(width=40, height=40), (40, 40)),
    (_svg(width=24, height=24, viewBox="0 0 24 24", style={"minWidth": 0}), (0, 24)),
    (_svg(width=24, height=24, viewBox="0 0 24 24", style={"overflow": "hidden"}), (0, 24)),
    (d({"width": 40, "height": 40, "aspectRatio": 1}), (40, 40)),
    (d({"width": 40, "height": 40}), (0, 40)),
])
def test_an_item_with_an_aspect_ratio_keeps_its_transferred_minimum(item: dict[str, Any],
                                                                   size: tuple[float, float]) -> None:
    got = boxes(d({"display": "flex", "width": 200}, item, TEXT))
    assert got["div/" + ("svg[0]" if item["type"] == "svg" else "div[0]")][2:] == size


def test_in_a_column_the_minimum_is_a_height() -> None:
    got = boxes(d({"display": "flex", "flexDirection": "column", "height": 30},
                  _svg(width=24, height=24, viewBox="0 0 24 24"), d({"height": 50})))
    assert got["div/svg[0]"][2:] == (24, 24) and got["div/div[1]"][3] == 6
