"""Measurements of the corrections made between layout passes (flex_fit, grid_fit, inset_fit).

A node's size laid out on its own, as a flex container measures its items: its
min-content or max-content width, its content height at a width, its automatic
minimum main size. Each lays the node's subtree out through the engine's
:class:`LayOut` callback and puts the pass's boxes back, so a measurement never
changes the layout it corrects.
"""
from __future__ import annotations

import math
from typing import Protocol

from .fit_boxes import SCROLL as _SCROLL
from .fit_boxes import insets as _insets
from .fit_boxes import margins as _margins
from .fit_boxes import px as _px
from .fit_boxes import size as _size
from .fit_boxes import stretched as _stretched
from .fit_boxes import to_style_units as _to_style_units
from .taffy import LayoutNode
from .taffy_style import OwnSizes

__all__ = ["LayOut", "content_height", "content_size", "content_width", "grown_content", "height_alone",
           "intrinsic_width", "item_minimum", "kept_intrinsic_width", "measure", "min_content", "own_size"]


class LayOut(Protocol):
    """Lay ``node`` out on its own in the ``available`` width (None: max-content), with ``sizes``."""

    def __call__(self, node: LayoutNode, available: float | str | None, sizes: OwnSizes | None = None) -> None: ...


def item_minimum(item: LayoutNode, axis: str, lay_out: LayOut) -> float:
    """A flex item's automatic or given minimum main size, as Taffy resolves it (border box)."""
    style = item.style
    inset = _insets(item, axis)
    content_box = style.box_sizing != "border-box"
    given = _px(style.min_width if axis == "w" else style.min_height)
    if given is not None:
        return max(inset, given + (inset if content_box else 0.0))
    if (style.overflow_x if axis == "w" else style.overflow_y) in _SCROLL:
        return inset
    minimum = min_content(item, axis, lay_out)
    for value in (style.width, style.max_width) if axis == "w" else (style.height, style.max_height):
        px = _px(value)
        if px is not None:
            minimum = min(minimum, px + (inset if content_box else 0.0))
    return max(inset, minimum)


def intrinsic_width(item: LayoutNode, mode: str, lay_out: LayOut) -> float:
    """An item's ``min-content`` or ``max-content`` width (border box), ignoring its own sizes."""
    return min_content(item, "w", lay_out, mode)


def kept_intrinsic_width(kept: dict[int, float], item: LayoutNode, mode: str, lay_out: LayOut) -> float:
    """:func:`intrinsic_width`, measured once while ``kept`` (widths by node id) is kept."""
    width = kept.get(id(item))
    if width is None:
        width = kept[id(item)] = intrinsic_width(item, mode, lay_out)
    return width


def min_content(item: LayoutNode, axis: str, lay_out: LayOut, mode: str = "min-content") -> float:
    """An item's min-content size in ``axis`` (border box), ignoring its own sizes (in the
    width, its ``mode`` size: ``min-content`` or ``max-content``)."""
    if item.measure is not None and not item.children:
        if axis == "w":
            return float(item.measure(0.0 if mode == "min-content" else math.inf, math.nan, mode)[0])
        return float(item.measure(item.box.width, math.nan, "definite")[1])
    # Without its sizes and limits; for its height, at the width it has, as when its container
    # measures it.
    sizes = OwnSizes(width=_to_style_units(item, "w", item.box.width) if axis == "h" else None, fit_limits=False)
    return measure(item, axis, mode if axis == "w" else None, sizes, lay_out)


def content_height(item: LayoutNode, parent: LayoutNode, lay_out: LayOut) -> float:
    """A column item's height as its container measures its flex basis (border box): its
    content's, without its aspect ratio, as wide as the container's content box (less its
    margins) when stretched there, as wide as its box when it has a width of its own, else
    at most that wide: with the limits flex_fit gave it (a row laid out alone in a width takes
    its max-content width in Taffy 0.7, which has no fit-content patch; its cap is the width
    the reference fits it to, e.g. a label row wrapping in a padded centred tile)."""
    room = max(0.0, parent.box.content_width)
    width: float | None = None
    if _stretched(item, parent, "w"):
        width = _to_style_units(item, "w", room - _margins(item, "w"))
    elif item.style.width not in (None, "auto"):
        # Its own width (px or a percentage of the room, within its limits) is its box's:
        # measured without it, its text would not wrap as it does in its box.
        width = _to_style_units(item, "w", item.box.width)
    sizes = OwnSizes(width=width, fit_limits=width is None, limits=True, ratio=False)
    return measure(item, "h", room, sizes, lay_out)


def own_size(item: LayoutNode, axis: str, lay_out: LayOut) -> float:
    """A flex item's size in its container's cross ``axis`` laid out alone (border box), within
    its limits: its height at its width, or its max-content width."""
    if axis == "w":
        return content_width(item, lay_out)
    sizes = OwnSizes(width=_to_style_units(item, "w", item.box.width), limits=True)
    return measure(item, "h", None, sizes, lay_out)


def content_size(item: LayoutNode, parent: LayoutNode, axis: str, lay_out: LayOut) -> float:
    """A flex item's content size in its container's main ``axis``, as the container measures it."""
    return content_height(item, parent, lay_out) if axis == "h" else content_width(item, lay_out)


def grown_content(item: LayoutNode, parent: LayoutNode, lay_out: LayOut, axis: str) -> float:
    """A flex item's content height as its column measures it, or its min-content width."""
    return content_height(item, parent, lay_out) if axis == "h" else intrinsic_width(item, "min-content", lay_out)


def content_width(item: LayoutNode, lay_out: LayOut) -> float:
    """A row item's max-content width (border box), within its limits, without its aspect ratio."""
    sizes = OwnSizes(fit_limits=False, limits=True, ratio=False)
    return measure(item, "w", "max-content", sizes, lay_out)


def height_alone(item: LayoutNode, lay_out: LayOut, sizes: OwnSizes) -> float:
    """``item``'s border-box height laid out alone with ``sizes``."""
    return measure(item, "h", None, sizes, lay_out)


def measure(item: LayoutNode, axis: str, available: float | str | None, sizes: OwnSizes,
             lay_out: LayOut) -> float:
    """``item``'s size in ``axis`` laid out alone; a measurement only: the boxes of the pass stay."""
    boxes = []
    stack = [item]
    while stack:
        node = stack.pop()
        boxes.append((node, node.box))
        stack.extend(node.children)
    try:
        lay_out(item, available, sizes)
        size = _size(item, axis)
    finally:
        for node, box in boxes:
            node.box = box
    return size
