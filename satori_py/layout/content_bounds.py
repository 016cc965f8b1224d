"""Lower bounds of a flex item's min-content width, known without measuring its layout (flex_fit's freeze).

An item whose width is at such a bound can't be narrower; where it can't grow either, flex_fit fixes
that width (Taffy 0.7's min-content cache collisions, see flex_fit.py).
"""
from __future__ import annotations

import math

from .fit_boxes import EPS, insets, is_row, margins, px
from .fit_walk import in_flow, limit
from .taffy import LayoutNode

__all__ = ["freeze_bound"]


def freeze_bound(item: LayoutNode, row: LayoutNode | None) -> float | None:
    """A lower bound of ``item``'s width (border box; None: none known): its given minimum, else its
    automatic minimum's (its min-content width, or its own width when that is smaller, which then is
    its width).

    ``row``: its row, where a smaller given minimum (``minWidth: 110`` on a pill holding a long word)
    gives way to its content's bound while it is as wide as the row's content: it is at its min-content
    width then (it can't be narrower in that row), where Taffy 0.7's cache collides. Once the row is
    narrower, the given minimum counts again."""
    given = limit(item, item.style.min_width, "w", None)
    if given is not None and (row is None or abs(item.box.width - row.box.content_width) > EPS):
        return given
    bound = content_bound(item)
    return given if bound is None or (given is not None and given > bound) else bound


def rigid_width(node: LayoutNode) -> float | None:
    """A lower bound of a node's min-content contribution (border box); None: none known.

    A fixed width is its own, a paragraph's is its min-content width, and a
    block container or a column flex container is at least as wide as its
    widest child's bound.
    """
    style = node.style
    own = px(style.width)
    if own is not None:
        return own + (0.0 if style.box_sizing == "border-box" else insets(node, "w"))
    if node.measure is not None and not node.children:
        # A paragraph: its min-content width (an image or the longest word).
        return float(node.measure(0.0, math.nan, "min-content")[0])
    return content_bound(node)


def content_bound(node: LayoutNode) -> float | None:
    """A lower bound of the min-content width of a node's content, with its insets (border box)."""
    display = node.style.display
    if display == "flex" and is_row(node) == (node.style.flex_wrap == "nowrap"):
        # A single-line row: its items side by side (an unknown one counts as nothing); so are
        # a wrapping column's, each a line of its own at min-content (column-gap between).
        items = [child for child in node.children if in_flow(child)]
        gap = px(node.style.column_gap) or 0.0
        total = gap * max(0, len(items) - 1)
        for child in items:
            total += (rigid_width(child) or 0.0) + margins(child, "w")  # (auto ones take no room)
        return total + insets(node, "w")
    if display not in ("block", "flow-root") and display != "flex":
        return None
    best: float | None = None
    for child in node.children:
        if not in_flow(child):
            continue
        inner = rigid_width(child)
        if inner is None:
            continue
        outer = inner + margins(child, "w")
        best = outer if best is None else max(best, outer)
    return None if best is None else best + insets(node, "w")
