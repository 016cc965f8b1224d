"""Minimum widths that can't change a pass's boxes, given without laying the tree out again.

:class:`.flex_fit.FlexFit` gives a container a minimum width (``limits.floor_width``, e.g. a
fit-content row at least as wide as its items' automatic minimum widths) after a pass; a new
limit asks for another pass. In a single-line flex column whose content width doesn't depend on
its content, an item that fits in that width is as wide in every layout of it (stretched across,
or fit-content in that known width), and its minimum width only clamps that width in the cross
axis: a minimum at or below the width it has changes nothing there, and the pass would repeat this
one. It is set all the same, for the measurements and passes that follow. (An item wider than the
column, e.g. a block widened to its longest word, had its height measured in the column's width:
a minimum makes Taffy 0.7 measure it at its own.)
"""
from __future__ import annotations

from .fit_boxes import EPS, against_room, is_row, margins, px
from .fit_walk import Walk, definite, in_flow
from .taffy import LayoutNode

__all__ = ["silent_floor"]


def silent_floor(walk: Walk, node: LayoutNode, size: float) -> bool:
    """Whether a first minimum width of ``size`` (border box) leaves ``node``'s pass as it is."""
    style = node.style
    parent = walk.parents.get(id(node))
    if parent is None or size > node.box.exact_width or not in_flow(node) or style.aspect_ratio is not None:
        return False
    # The limit takes the place of a minimum that isn't a length (a percentage of the column).
    if style.min_width not in (None, "auto") and px(style.min_width) is None:
        return False
    column = parent.style
    if column.display != "flex" or is_row(parent) or column.flex_wrap != "nowrap" or not definite(walk, parent, "w"):
        return False
    room = walk.inner(parent, "w")
    return room is not None and against_room(node, "w") + margins(node, "w") <= room + EPS
