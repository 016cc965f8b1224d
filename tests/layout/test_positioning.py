"""Absolute, fixed, sticky and relative boxes, where the reference puts them."""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.api import Pipeline

from .support import Rect, boxes, d


def test_containing_blocks_and_static_positions() -> None:
    el = d({"display": "flex", "flexDirection": "column", "width": 300, "height": 300, "padding": 10},
           d({"height": 50, "margin": 10},
             d({"position": "fixed", "right": 5, "bottom": 5, "width": 20, "height": 20}),
             d({"position": "absolute", "left": 5, "top": 5, "width": 20, "height": 20}),
             # No insets: it stays where it would be in its parent.
             d({"position": "fixed", "width": 30, "height": 10, "marginLeft": 3})),
           d({"transform": "translateX(10px)", "height": 60, "margin": 20},
             d({"position": "absolute", "right": 0, "bottom": 0, "width": 20, "height": 20}),
             # A transformed ancestor is the containing block of fixed descendants.
             d({"position": "fixed", "left": 0, "top": 0, "width": "50%", "height": 10})),
           d({"position": "relative", "top": 7, "left": -3, "height": 10}))
    b = boxes(el, 300, 300)
    assert b["div/div[0]/div[0]"] == (275, 275, 20, 20)
    assert b["div/div[0]/div[1]"] == (5, 5, 20, 20)
    assert b["div/div[0]/div[2]"] == (23, 20, 30, 10)
    assert b["div/div[1]/div[0]"] == (270, 140, 20, 20)
    assert b["div/div[1]/div[1]"] == (30, 100, 130, 10)
    assert b["div/div[2]"] == (7, 187, 300, 10)


def test_absolute_percentages_are_of_the_containing_blocks_padding_box() -> None:
    el = d({"height": "100%", "width": "100%", "display": "flex", "padding": 10},
           d({"position": "absolute", "height": "25%", "width": "25%"}))
    b = boxes(el, 100, 100)
    assert b["div/div[0]"] == (10, 10, 25, 25)


def test_sticky_moves_into_its_scrollport_within_its_parent() -> None:
    el = d({"height": 200},
           d({"overflow": "hidden", "height": 100},
             d({"height": 30}),
             d({"position": "sticky", "bottom": 10, "top": 50, "height": 10}),
             d({"height": 100})))
    b = boxes(el, 100, 200)
    # Its top may not be above 50px in the scrollport: moved down from 30.
    assert b["div/div[0]/div[1]"][1] == 50


_PICTURE = ("data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='96' height='48'>"
            "<rect width='96' height='48' fill='red'/></svg>")


@pytest.mark.parametrize(("insets", "picture"), [
    ({"top": 0, "left": 0, "right": 0, "bottom": 0}, (0, 0, 600, 200)),
    ({"top": "10%", "left": "10%", "right": "10%", "bottom": "10%"}, (60, 20, 480, 160)),
    # No bottom: the box's height is its content's, so the picture keeps its ratio.
    ({"top": 0, "left": 0, "right": 0}, (0, 0, 600, 300)),
])
def test_an_absolute_box_pinned_by_both_insets_stretches_its_picture(insets: dict[str, Any],
                                                                     picture: Rect) -> None:
    # The real Satori's boxes (a browser's too): a box with top and bottom set has a definite
    # height, so its stretched image child is as tall as it, not as its ratio makes it. From a
    # real store og (`absolute flex inset-0` holding an <img> and an overlay), tw13.
    el = d({"display": "flex", "width": "100%", "height": "100%", "position": "relative"},
           d({"display": "flex", "position": "absolute", **insets},
             {"type": "img", "props": {"src": _PICTURE, "style": {}}}))
    pipeline = Pipeline(600, 200)
    box = pipeline.layout(pipeline.parse(el)).root.children[0].children[0].children[0]
    assert box.path == "div/div[0]/img[0]"
    assert (box.rect.x, box.rect.y, box.rect.width, box.rect.height) == picture


def test_an_absolute_column_fits_its_flex_rows_in_its_containing_block() -> None:
    # An absolute column of automatic width (one inset per axis) is fit-content in its containing
    # block's width (the reference's Taffy doesn't take the inset off): a flex row of text in it
    # wraps there, where Taffy 0.7 gave the row (and the column) its text on one line (933px).
    text = "Shipping a faster edge runtime for your whole team this quarter"
    for align in ("stretch", "center"):
        el = d({"display": "flex", "width": 600, "height": 400, "position": "relative", "fontSize": 32},
               d({"position": "absolute", "display": "flex", "flexDirection": "column", "left": 24, "bottom": 24,
                  "alignItems": align}, d({"display": "flex"}, text)),
               # A percentage width is of the containing block: its rows wrap in it (240px).
               d({"position": "absolute", "display": "flex", "flexDirection": "column", "left": 24, "top": 0,
                  "width": "40%", "alignItems": "flex-end"}, d({"display": "flex"}, text)))
        b = boxes(el, 600, 400)
        assert b["div/div[0]"] == (24, 292, 600, 84)
        assert b["div/div[0]/div[0]"] == (24, 292, 600, 84)
        assert b["div/div[1]"] == b["div/div[1]/div[0]"] == (24, 0, 240, 210)  # Taffy 0.7: a 933px line


@pytest.mark.parametrize(("container", "inset", "expected"), [
    # glyph19's case (cards18's soft-hyphen badge): the text wraps in the container's border box, 220.
    ({"border": "10px solid #000"}, {"right": 20}, (-10, 30, 220, 42)),
    ({"border": "10px solid #000", "padding": 10}, {"left": 0}, (30, 30, 240, 42)),
    ({"borderLeft": "30px solid #000", "borderRight": "4px solid #333"}, {"left": 5}, (55, 20, 234, 42)),
    # No border: the padding box is the border box.
    ({}, {"right": 20}, (-1, 20, 201, 42)),
])
def test_an_absolute_text_of_automatic_width_wraps_in_its_containing_blocks_border_box(
        container: dict[str, Any], inset: dict[str, Any], expected: Rect) -> None:
    # The reference's Taffy measures an absolute child in its container's border-box size (its
    # fit-content patch caps the box there), not in the padding box; the boxes are the real Satori's.
    text = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj"
    el = d({"display": "flex", "width": "100%", "height": "100%", "padding": 20},
           d({"display": "flex", "width": 200, "height": 100, "position": "relative", **container},
             d({"position": "absolute", "top": 0, "fontSize": 16, **inset}, text, t="span")))
    assert boxes(el, 300, 200)["div/div[0]/span[0]"] == expected


@pytest.mark.parametrize(("style", "expected"), [
    # flex-start is the end of a reversed row (and of a reversed column), as in CSS.
    ({"flexDirection": "row-reverse"}, (73, 28)),
    ({"flexDirection": "column-reverse"}, (28, 103)),
    ({"flexDirection": "row-reverse", "justifyContent": "flex-end"}, (28, 28)),
    # wrap-reverse reverses the cross axis only (Taffy 0.7 also swapped the main axis by it).
    ({"flexWrap": "wrap-reverse"}, (28, 103)),
    ({"flexDirection": "row-reverse", "justifyContent": "center"}, (51, 28)),
])
def test_an_absolute_child_of_a_reversed_container_takes_its_static_position_along_the_flex_direction(
        style: dict[str, Any], expected: tuple[float, float]) -> None:
    # A 124 x 144 container (12 px padding) at (16, 16); the badge is 55 x 45 with no insets.
    el = d({"display": "flex", "padding": 16},
           d({"display": "flex", "padding": 12, "position": "relative", "width": 100, "height": 120, **style},
             d({"width": 30, "height": 30}),
             d({"position": "absolute", "padding": 12}, "new")))
    x, y, width, height = boxes(el, 400, 200)["div/div[0]/div[1]"]
    assert (x, y, width, height) == (*expected, 55, 45)
