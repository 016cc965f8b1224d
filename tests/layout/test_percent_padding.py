"""Percentage padding of block containers: where their children are placed.

A block container's percentage padding is of its containing block's width, and
its own box gets it so, but Taffy 0.7's block layout places its children inside
padding resolved against the block's own width (vertical padding, as reported,
against its height). The block is laid out again with the padding as px
(``taffy._relayout_at_final_size``). Expected boxes are the real Satori 0.63.2's
(``satori-ref/boxes.mjs``): absolute (left, top, width, height).
"""
from __future__ import annotations

from typing import Any

import pytest

from .support import boxes, d

_SQ = d({"width": 9, "flexShrink": 0, "height": 6, "background": "blue"})
_IN = d({"display": "flex", "background": "red", "height": 10}, _SQ)
_ROW = {"display": "flex", "padding": 10, "fontSize": 14, "width": 300, "gap": 8, "alignItems": "flex-start"}


@pytest.mark.parametrize(("root", "expected"), [
    # a block flex item: 20% of the row's content width 300, not of its own 122
    (d(_ROW, d({"padding": "4px 20%", "border": "1px solid black", "boxSizing": "border-box"}, _IN)),
     {"div/div[0]": (10, 10, 122, 20), "div/div[0]/div[0]": (71, 15, 0, 10),
      "div/div[0]/div[0]/div[0]": (71, 15, 9, 6)}),
    # in a column, with text
    (d({**_ROW, "flexDirection": "column"}, d({"padding": "4px 20%"}, _IN, "Hello")),
     {"div/div[0]": (10, 10, 153, 36), "div/div[0]/div[0]": (70, 14, 33, 10)}),
    # in a block: vertical padding of the width too
    (d({"display": "block", "width": 300, "padding": 10, "fontSize": 14},
       d({"padding": "5% 20%", "border": "2px solid black"}, _IN)),
     {"div/div[0]": (10, 10, 300, 44), "div/div[0]/div[0]": (72, 27, 176, 10)}),
    # a growing block item, and nested percentage padding
    (d(_ROW, d({"display": "block", "padding": "10%", "flexGrow": 1}, _IN), d({"width": 50, "height": 30})),
     {"div/div[0]/div[0]": (40, 40, 182, 10), "div/div[1]": (260, 10, 50, 30)}),
    (d(_ROW, d({"padding": "5% 10% 3% 15%", "width": 200}, _IN, d({"display": "block", "padding": "0 10%"}, _IN))),
     {"div/div[0]/div[0]": (55, 25, 200, 10), "div/div[0]/div[1]": (55, 35, 200, 10),
      "div/div[0]/div[1]/div[0]": (75, 35, 160, 10)}),
])
def test_children_of_blocks_with_percentage_padding(root: dict[str, Any],
                                                    expected: dict[str, tuple[float, ...]]) -> None:
    got = boxes(root, 400, 200)
    for path, rect in expected.items():
        assert got[path] == pytest.approx(rect), path


_BLOCK = {"width": 200, "paddingLeft": 50}
_SMALL = d({"width": 9, "height": 6})


@pytest.mark.parametrize(("root", "expected"), [
    # 7 % of the block's content height 21.99 (2.59 + 19.4, its measured height, stretched
    # in the row), not of its width 37: 23.53, not 24.58
    (d({"display": "flex"}, d({}, d({"height": "100%", "paddingTop": "7%"}, d({"width": 37, "height": 19.4})))),
     {"div/div[0]/div[0]": (0, 0, 37, 24), "div/div[0]/div[0]/div[0]": (0, 3, 37, 19)}),
    # 50 + 30 % of the block's height 100 (not 50 + 30 % of its inner width 200); its child
    # placed 20 % of that width down
    (d({"display": "flex", "height": 100}, d(_BLOCK, d({"width": "50%", "height": "50%", "paddingTop": "20%",
                                                        "paddingBottom": "10%"}, _SMALL))),
     {"div/div[0]/div[0]": (50, 0, 100, 80), "div/div[0]/div[0]/div[0]": (50, 40, 9, 6)}),
    # the block's height is its content's measured without the percentages (50): 50 + 10
    (d({"display": "flex"}, d(_BLOCK, d({"width": "50%", "height": 50, "paddingTop": "20%"}, _SMALL))),
     {"div/div[0]": (0, 0, 250, 50), "div/div[0]/div[0]": (50, 0, 100, 60)}),
    # a minimum height is not a given height: 50 + its padding of the block's inner width
    (d({"display": "flex", "height": 100}, d(_BLOCK, d({"width": "50%", "minHeight": 50, "paddingTop": "20%"},
                                                       _SMALL))),
     {"div/div[0]/div[0]": (50, 0, 100, 90)}),
])
def test_given_height_in_a_block_adds_vertical_percentages_of_its_height(
        root: dict[str, Any], expected: dict[str, tuple[float, ...]]) -> None:
    """A content-box child of a block container with a given height gets its vertical
    percentage paddings added to that height as percentages of the block's content height
    (Taffy's block item list, kept by the reference), its children placed inside its
    paddings of the block's width. Boxes read from the real Satori's SVG for these trees."""
    got = boxes(root, 400, 200)
    for path, rect in expected.items():
        assert got[path] == pytest.approx(rect), path
