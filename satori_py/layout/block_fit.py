"""The width a block box of automatic width takes where its width comes from its content.

The reference's Taffy sizes such a block (a flex item not stretched across its column,
an absolutely positioned box) by laying its content out in the room it has: a paragraph
is as wide as its widest line there, which can be wider than the room (Satori's text
measure counts a line's trailing space: text-5xl lines broken at 680 px measure 689),
and the block is then that wide, its text laid out again at that width. Taffy 0.7 sizes
it at its max-content width, which :meth:`.flex_fit.FlexFit._fit` caps at the room, but
never below this width (:func:`width_in`); so does an atomic inline shrunk to its
paragraph's width (:func:`.atomics.lay_out_atomic`).

Taffy 0.7 also leaves out the margins of a child with a width of its own when it sizes
such a block by its content (``w-80 mr-56`` in a row's block item makes it 320 wide, not
544): the block gets that width with the margins as its minimum (:func:`floor_fixed_children`).
"""
from __future__ import annotations

import math

from .fit_boxes import EPS, insets, is_row, margins, px, stretched
from .fit_walk import in_flow
from .taffy import LayoutNode

__all__ = ["floor_fixed_children", "width_in"]


def width_in(node: LayoutNode, room: float) -> float:
    """The border-box width of a block box of automatic width whose content is laid out in
    ``room`` (its border box's room): its widest in-flow child's there, a paragraph's widest
    line at its width; another child counts as laid out, at most the room."""
    inner = room - insets(node, "w")
    widest = 0.0
    for child in node.children:
        if in_flow(child):
            widest = max(widest, _child_width(child, inner - margins(child, "w")) + margins(child, "w"))
    return widest + insets(node, "w")


def _child_width(node: LayoutNode, room: float) -> float:
    style = node.style
    if node.measure is not None and not node.children:
        # (An anonymous paragraph box has no insets: the room is its content's.)
        return float(node.measure(max(0.0, room), math.nan, "definite")[0])
    if style.display in ("block", "flow-root") and style.width in (None, "auto"):
        return width_in(node, room)
    # Another box (e.g. a flex row, which Taffy 0.7 lays out at its max-content width there)
    # is fitted in the room: it widens the block no further than its own width when narrower.
    return min(float(node.box.width), max(0.0, room))


def floor_fixed_children(node: LayoutNode, parent: LayoutNode, floors: dict[int, float],
                         floored: dict[int, LayoutNode]) -> None:
    """Give a block flex item of ``parent`` whose width comes from its content its children of a
    px width with their margins as its minimum width (border box, in ``floors``; ``floored``:
    the nodes given one) where Taffy 0.7 leaves those margins out (see the module docstring).
    An item with a minimum width of its own is left: its content's doesn't count there."""
    style = node.style
    if style.display not in ("block", "flow-root") or style.width not in (None, "auto") \
            or style.min_width not in (None, "auto") or (not is_row(parent) and stretched(node, parent, "w")):
        return
    widest = with_margins = 0.0
    for child in node.children:
        if in_flow(child) and px(child.style.width) is not None:
            widest = max(widest, child.box.width)
            with_margins = max(with_margins, child.box.width + margins(child, "w"))
    if with_margins > widest + EPS:
        floors[id(node)] = max(floors.get(id(node), 0.0), with_margins + insets(node, "w"))
        floored[id(node)] = node
