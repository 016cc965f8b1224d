"""Box arithmetic of the corrections made between layout passes (flex_fit, aspect_fit).

Sizes of a pass's boxes by axis (``"w"`` or ``"h"``), as border-box lengths, and the
conversion back to the units of a node's style (its ``boxSizing``).
"""
from __future__ import annotations

import math
from operator import attrgetter
from typing import Any

from ..style.types import Percent
from .taffy import LayoutNode

EPS = 1e-3
# Overflow values whose boxes are scroll containers in Taffy, whose automatic minimum size is 0.
SCROLL = ("hidden", "scroll", "auto")


def px(value: Any) -> float | None:
    if value.__class__ is float:  # (the typed style's lengths: asked per node of every pass)
        return value
    if value is None:
        return None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def insets(node: LayoutNode, axis: str) -> float:
    b = node.box
    if axis == "w":
        return b.padding.left + b.padding.right + b.border.left + b.border.right
    return b.padding.top + b.padding.bottom + b.border.top + b.border.bottom


def margins(node: LayoutNode, axis: str) -> float:
    """The margins in ``axis``; ``auto`` ones count 0 (Taffy 0.7 makes them negative, centring
    an item that overflows, where CSS and the reference's Taffy make them 0)."""
    m = node.box.margin
    style = node.style
    if axis == "w":
        return ((0.0 if style.margin_left == "auto" else m.left)
                + (0.0 if style.margin_right == "auto" else m.right))
    return ((0.0 if style.margin_top == "auto" else m.top)
            + (0.0 if style.margin_bottom == "auto" else m.bottom))


def auto_basis(node: LayoutNode) -> bool:
    """Whether a flex item's flex basis is ``auto`` (its size, or its content's)."""
    return node.style.flex_basis in (None, "auto")


def content(node: LayoutNode, axis: str) -> float:
    """The content width before rounding (the reference's Taffy fits items in the unrounded room:
    a paragraph wrapped in 646.3 px measures 647 wide and is one line there; in the rounded
    646 it wrapped); the content height as rounded."""
    box = node.box
    return box.content_width + (box.exact_width - box.width) if axis == "w" else box.content_height


def size(node: LayoutNode, axis: str) -> float:
    return node.box.width if axis == "w" else node.box.height


def against_room(node: LayoutNode, axis: str) -> float:
    """A node's border-box size as compared with a room :func:`content` gives: its width before
    rounding (a row stretched across a 278.67 px room is 279 wide rounded, and fits it), its
    height as rounded."""
    box = node.box
    return box.exact_width if axis == "w" else box.height


def exact_size(node: LayoutNode, axis: str) -> float:
    """A node's border-box size in ``axis`` before rounding."""
    return node.box.exact_width if axis == "w" else node.box.exact_height


def within(node: LayoutNode, axis: str, cap: float) -> bool:
    """Whether a maximum size ``cap`` (border box) leaves ``node`` as laid out: its size in
    ``axis`` before rounding is not above it. A first such cap changes no box of the pass
    it is made after: it is kept, and no pass is run for it alone."""
    return exact_size(node, axis) <= cap


def to_style_units(node: LayoutNode, axis: str, border_box: float) -> float:
    inset = 0.0 if node.style.box_sizing == "border-box" else insets(node, axis)
    return max(0.0, border_box - inset)


def is_row(node: LayoutNode) -> bool:
    return node.style.flex_direction in ("row", "row-reverse")


def stretched(item: LayoutNode, container: LayoutNode, axis: str) -> bool:
    """Whether a flex item is stretched in the cross axis ``axis`` (its size there is auto)."""
    style = item.style
    size = style.width if axis == "w" else style.height
    if size not in (None, "auto"):
        return False
    sides = (style.margin_left, style.margin_right) if axis == "w" else (style.margin_top, style.margin_bottom)
    if "auto" in sides:
        return False
    align = style.align_self or container.style.align_items or "stretch"
    return bool(align == "stretch")


def percent_inside(node: LayoutNode) -> bool:
    """Whether an in-flow descendant has a percentage width or maximum width of a box whose
    width is ``node``'s (no px width between them)."""
    stack = list(node.children)
    while stack:
        child = stack.pop()
        style = child.style
        if style.position in ("absolute", "fixed"):
            continue
        if Percent in (style.width.__class__, style.max_width.__class__, style.min_width.__class__,
                       style.flex_basis.__class__):
            return True
        if px(style.width) is None:
            stack.extend(child.children)
    return False


def frozen_as_laid_out(item: LayoutNode) -> bool:
    """Whether freezing a row item at its box's width (``frozen_widths.freeze``) gives the boxes it has:
    the next pass would repeat this one, and need not run.

    So it is for an item whose content is laid out the same at any width from its min-content
    width up (:func:`_one_line`: a tag, a "·" separator, a column of one-word labels): Taffy 0.7's
    cache collision that the freeze works around then answers right. Its rounded width must be
    its exact one (the freeze holds it at its rounded width).
    """
    box = item.box
    return box.exact_width == box.width and bool(item.children) and _one_line(item, True)


def frozen_at_own_width(item: LayoutNode, bound: float) -> bool:
    """Whether freezing a row item at its box's width (``frozen_widths.freeze``) gives the boxes it has:
    the next pass would repeat this one, and need not run.

    So it is for an item whose px ``width`` (and no minimum or maximum) is that width, where its
    content's min-content width (at least ``bound``, border box) is wider: Taffy 0.7's min-content
    entry of the item is that other width, which no measurement at its width is answered from; its
    automatic minimum width is its width (the smaller of the two), and it doesn't grow, so the
    freeze's minimum and maximum hold it where it is. (Its rounded width must be its exact one.)
    """
    style, box = item.style, item.box
    own = px(style.width)
    if own is None or style.min_width not in (None, "auto") or style.max_width not in (None, "none") \
            or box.exact_width != box.width or bound <= box.width + EPS:
        return False
    return to_style_units(item, "w", box.width) == own


_SIZES = ("width", "min_width", "max_width", "height", "min_height", "max_height")
_edges = attrgetter("padding_top", "padding_right", "padding_bottom", "padding_left",
                    "margin_top", "margin_right", "margin_bottom", "margin_left", "column_gap", "row_gap")


def _one_line(node: LayoutNode, item: bool = False) -> bool:
    """Whether ``node``'s layout is the same at any width from its min-content width up: a paragraph
    whose min- and max-content widths agree, or a single-line flex or block container of such
    boxes, with no percentage, growing, wrapping, aspect ratio, out-of-flow box or correction of
    flex_fit's below ``item`` (the frozen row item, whose own limits and sizes the freeze holds)."""
    style = node.style
    measure = node.measure
    if measure is not None and not node.children:
        return bool(measure(0.0, math.nan, "min-content")[0] == measure(math.inf, math.nan, "max-content")[0])
    if style.display not in ("flex", "block", "flow-root") or style.flex_wrap != "nowrap" \
            or style.aspect_ratio is not None or Percent in map(type, _edges(style)):
        return False
    if not item and (style.flex_grow != 0.0 or style.flex_basis not in (None, "auto")
                     or node.limits.key() is not None or node.hints.key() is not None
                     or any(getattr(style, name) not in (None, "auto", "none") and px(getattr(style, name)) is None
                            for name in _SIZES)):
        return False
    for child in node.children:
        if child.style.display == "none":
            continue
        if child.style.position != "relative" or child.hints.float_placeholder or not _one_line(child):
            return False
    return True
