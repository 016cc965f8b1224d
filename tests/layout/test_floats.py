"""Floats: the placement rules of float_context.py, and boxes the reference lays out."""
from __future__ import annotations

from typing import Any

from satori_py.layout.float_context import FloatContext

from .support import boxes, d, lay_out

T = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut " \
    "labore et dolore magna aliqua"


def test_left_floats_line_up_then_go_below_the_highest_that_ends() -> None:
    ctx = FloatContext(300)
    placed = [ctx.place(80, h, 0, (0, 0), "left") for h in (15, 20, 25, 30, 35)]
    assert [(p.x, p.y) for p in placed[:4]] == [(0, 0), (80, 0), (160, 0), (0, 15)]
    # Like the reference's Taffy, the fifth goes beside the fourth in its segment.
    assert (placed[4].x, placed[4].y) == (80, 15)
    assert ctx.cleared_threshold("left") == 50 and ctx.cleared_threshold("right") is None


def test_right_floats_are_placed_from_the_right_edge() -> None:
    ctx = FloatContext(300)
    left = ctx.place(120, 10, 0, (0, 0), "left")
    right = ctx.place(200, 36, 10, (0, 0), "right")
    assert (left.x, left.y) == (0, 0)
    assert (right.x, right.y) == (100, 10)


def test_a_box_establishing_a_formatting_context_goes_beside_floats() -> None:
    ctx = FloatContext(300)
    ctx.place(100, 40, 0, (0, 0), "left")
    slot = ctx.bfc_slot(0, (0, 0), (0, 0))
    assert (slot.x, slot.y, slot.stretch_width) == (100, 0, 200)
    assert ctx.bfc_slot(40, (0, 0), (0, 0)).x == 0


# Boxes of the real Satori 0.63.2 (onNodeDetected), for the same elements.

def test_text_wraps_around_floats_and_clear_moves_below_them() -> None:
    el = d({"width": 300, "fontSize": 14},
           d({"float": "left", "width": 60, "height": 50, "marginRight": 5}),
           d({"float": "right"}, "right float"),
           T,
           d({}, "block after " + T[:60]),
           d({"clear": "both", "height": 10}),
           d({"display": "flow-root"}, d({"float": "left", "width": 30, "height": 70}), "short"),
           d({"overflow": "hidden", "height": 20}))
    b = boxes(el, 300, 400)
    assert b["div"] == (0, 0, 300, 208)
    assert b["div/div[0]"] == (0, 0, 60, 50)
    assert b["div/div[1]"] == (237, 0, 63, 18)
    assert b["div/div[3]"] == (0, 72, 300, 36)
    assert b["div/div[4]"] == (0, 108, 300, 10)
    assert b["div/div[5]"] == (0, 118, 300, 70)
    assert b["div/div[5]/div[0]"] == (0, 118, 30, 70)
    assert b["div/div[6]"] == (0, 188, 300, 20)


def test_the_paragraph_beside_floats_has_shorter_lines() -> None:
    el = d({"width": 300, "fontSize": 14}, d({"float": "left", "width": 100, "height": 40}), T)
    root = lay_out(el, 300, 200).root
    paragraph = next(c for c in root.children[0].children if not c.tag)
    lines = paragraph.paragraph_layout.lines
    assert lines[0].x == 100 and lines[0].width <= 200
    assert any(line.y >= 40 and line.x == 0 for line in lines)


def test_floats_of_a_nested_block_and_formatting_contexts_beside_them() -> None:
    el = d({"width": 300, "fontSize": 14, "display": "flex", "flexDirection": "column"},
           d({}, d({"marginBottom": 10, "height": 10}), d({"float": "left", "width": 20, "height": 20}),
             d({"marginTop": 20, "height": 10})),
           d({}, d({"float": "left", "width": 100, "height": 40}), d({"overflow": "hidden", "height": 20}),
             d({"display": "flow-root", "height": 10}), d({"height": 10})))
    b = boxes(el, 300)
    # A float between collapsing margins is placed after the margin before it.
    assert b["div/div[0]/div[1]"] == (0, 20, 20, 20)
    assert b["div/div[0]/div[2]"] == (0, 30, 300, 10)
    assert b["div/div[1]/div[1]"] == (100, 40, 200, 20)
    assert b["div/div[1]/div[2]"] == (100, 60, 200, 10)
    assert b["div/div[1]/div[3]"] == (0, 70, 300, 10)


def test_clearance_and_float_room_are_hints_the_styles_stay_as_written() -> None:
    """floats.py gives a cleared box its margin, a box beside floats its side margins and a
    formatting context root the height of its floats through ``node.hints``; no node style
    is written."""
    def by_path(box: Any, out: dict[str, Any]) -> dict[str, Any]:
        out[box.path] = box
        for child in box.children:
            by_path(child, out)
        return out

    el = d({"width": 300, "fontSize": 14}, "Lorem ipsum", d({"float": "left", "width": 60, "height": 50}),
           d({"clear": "left", "height": 10}))
    assert boxes(el, 300, 400)["div/div[2]"] == (0, 50, 300, 10)
    cleared = by_path(lay_out(el, 300, 400).root, {})["div/div[2]"].node
    assert cleared.hints.float_margin_top == 32  # below the 18px line of text: 50 - 18
    # The boxes of test_floats_of_a_nested_block_and_formatting_contexts_beside_them.
    el = d({"width": 300, "fontSize": 14, "display": "flex", "flexDirection": "column"},
           d({}, d({"marginBottom": 10, "height": 10}), d({"float": "left", "width": 20, "height": 20}),
             d({"marginTop": 20, "height": 10})),
           d({}, d({"float": "left", "width": 100, "height": 40}), d({"overflow": "hidden", "height": 20})))
    nodes = by_path(lay_out(el, 300).root, {})
    holder, beside = nodes["div/div[1]"].node, nodes["div/div[1]/div[1]"].node
    assert holder.hints.float_min_height == 40 and holder.box.height == 40
    assert (beside.hints.float_margin_left, beside.hints.float_margin_right) == (100, 0)
    for node in (cleared, holder, beside):
        assert (node.style.margin_top, node.style.margin_left, node.style.min_height) == (0, 0, "auto")
