"""Atomic inlines (inline-block, inline-flex, images...) sized in their paragraph's width.

Mirrors ``layoutAtomic`` of the reference's ``text/inline.ts``: an atomic
inline is laid out on its own, at its max-content width, shrunk to the
paragraph's width when it is wider (except with ``width: max-content``) but not
below its min-content width;
percentages of its widths are of the paragraph's width. The paragraph's
width is only known after a layout pass, so :func:`refit` lays atomics out
again once it is, and remakes the paragraph when their sizes change.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..style.computed_types import BoxGroup
from ..style.types import Percent
from ..text.paragraph import AtomicItem
from .block_fit import width_in
from .boxes import RenderBox
from .fit_boxes import px
from .node_style import NodeSize, NodeStyle
from .taffy import LayoutNode

__all__ = ["atomic_item", "lay_out_atomic", "refit"]

# Lays a tree out on its own: (root, available width or "min-content" or None, available height).
Compute = Callable[[LayoutNode, "float | str | None", "float | None"], None]
# Resolves a root's fit-content and stretch widths in the room its margin box has.
FitWidth = Callable[[LayoutNode, float], None]


def _percent(values: tuple[NodeSize, ...]) -> bool:
    return any(isinstance(value, Percent) for value in values)


def _container_height(style: BoxGroup | NodeStyle) -> float | None:
    """The content height of a container whose height is a length (``containerHeight``)."""
    height = style.height
    if not isinstance(height, (int, float)):
        return None
    if style.box_sizing != "border-box":
        return float(height)
    insets = sum(px(value) or 0.0 for value in (style.padding_top, style.padding_bottom, style.border_top_width,
                                                style.border_bottom_width))
    return max(0.0, float(height) - insets)


def lay_out_atomic(box: RenderBox, width: float | None, compute: Compute, fit: FitWidth | None = None,
                   container: BoxGroup | NodeStyle | None = None) -> None:
    """Lay an atomic inline out in a paragraph ``width`` wide (None: not known yet).

    ``container`` is the style of the paragraph's block container (its computed box group,
    or a float's container's node style): percentages of heights are of its height, if it
    is a length.
    """
    node = box.node
    style = node.style
    height = _container_height(container) if container is not None and _percent(
        (style.height, style.min_height, style.max_height)) else None
    if width is not None and _percent((style.width, style.min_width, style.max_width)):
        compute(node, width, height)
        return
    if width is not None and fit is not None:
        declared = (style.margin_left, style.margin_right)
        fit(node, max(0.0, width - sum(float(m) for m in declared if isinstance(m, (int, float)))))
    compute(node, None, height)
    b = node.box
    margins = b.margin.left + b.margin.right
    if width is not None and box.style.box.width != "max-content" and b.width + margins > width + 1e-3:
        # Boxes shrink to fit the width, but not below their min-content width (the
        # reference's Taffy lays the box out in that available width: an unbreakable word
        # wider than the paragraph keeps the box as wide, as a browser's shrink-to-fit does).
        # Its lines laid out in the room can be wider than it too (Satori's text measure counts
        # a line's trailing space): the box is then as wide as they are (block_fit.width_in).
        room = max(0.0, width - margins)
        lines = width_in(node, room) if style.display in ("block", "flow-root") else 0.0
        compute(node, "min-content", height)
        compute(node, max(room, node.box.width, lines), height)


def atomic_item(box: RenderBox, baseline: float | None) -> AtomicItem:
    b = box.node.box
    m = b.margin
    return AtomicItem(box.path, b.width + m.left + m.right, b.height + m.top + m.bottom,
                      baseline=baseline, style=box.style)


def refit(paragraph_box: RenderBox, compute: Compute, baseline: Callable[[RenderBox], float | None],
          remake: Callable[[RenderBox, list[Any]], None], fit: FitWidth | None = None) -> bool:
    """Lay a paragraph's atomic inlines out in its width; whether the paragraph changed."""
    paragraph = paragraph_box.paragraph
    if paragraph is None or not paragraph_box.atomics:
        return False
    width = paragraph_box.node.box.width
    items = list(paragraph.items)
    changed = False
    for index, item in enumerate(items):
        if not isinstance(item, AtomicItem):
            continue
        box = paragraph_box.atomics.get(item.key)
        if box is None:
            continue
        lay_out_atomic(box, width, compute, fit, paragraph_box.style.box)
        fitted = atomic_item(box, baseline(box))
        if (abs(fitted.width - item.width) > 1e-3 or abs(fitted.height - item.height) > 1e-3
                or fitted.baseline != item.baseline):
            items[index] = item.replace(width=fitted.width, height=fitted.height, baseline=fitted.baseline)
            changed = True
    if changed:
        remake(paragraph_box, items)
    return changed
