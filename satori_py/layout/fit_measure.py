"""Measurements of the corrections made between layout passes (flex_fit, grid_fit, inset_fit).

A node's size laid out on its own, as a flex container measures its items: its
min-content or max-content width, its content height at a width, its automatic
minimum main size. Each lays the node's subtree out through the engine's
:class:`LayOut` callback and puts the pass's boxes back, so a measurement never
changes the layout it corrects.

A computation's passes measure the same subtrees again (a pass's corrections mostly
change other nodes): a measurement is kept (:class:`Measurements`) with everything its
Taffy computation reads of the subtree, and given back while all of that is the same.
"""
from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any, Protocol

from .fit_boxes import SCROLL as _SCROLL
from .fit_boxes import insets as _insets
from .fit_boxes import margins as _margins
from .fit_boxes import px as _px
from .fit_boxes import size as _size
from .fit_boxes import stretched as _stretched
from .fit_boxes import to_style_units as _to_style_units
from .taffy import LayoutNode
from .taffy_style import OwnSizes, fit_key

__all__ = ["LayOut", "Measurements", "content_height", "content_size", "content_width", "grown_content", "height_alone",
           "intrinsic_width", "item_minimum", "kept_intrinsic_width", "measure", "min_content", "own_size"]


# A kept measurement's subtree is at most this many nodes: what it keeps to compare (a
# tuple a node) stays within this bound per measurement, not the square of a deep tree's size.
MAX_KEPT_NODES = 256


class Measurements:
    """Sizes measured in one layout computation (its passes), each kept with what its Taffy
    computation read of the subtree: per node, the node, its style, its measure function,
    its Taffy dict's other inputs (:func:`.taffy_style.fit_key`) and its grid hints. Taffy
    computes a tree taken again as a new one (taffy_trees), so the same inputs give the same
    boxes. Only for layouts whose measure functions answer the same in every pass (no
    floats' exclusions, no paragraph remade around its atomic inlines: the engine's call)."""

    __slots__ = ("_kept",)

    def __init__(self) -> None:
        self._kept: dict[tuple[int, str, Any, Hashable], tuple[list[Any], float]] = {}

    def size(self, item: LayoutNode, axis: str, available: float | str | None, sizes: OwnSizes,
             lay_out: LayOut) -> float:
        """:func:`measure`'s answer, kept while ``item``'s subtree is laid out from the same inputs."""
        inputs = _inputs(item, sizes)
        key = (id(item), axis, available, sizes.key())
        kept = self._kept.get(key)
        if kept is not None and inputs is not None and kept[0] == inputs:
            return kept[1]
        size = _measured(item, axis, available, sizes, lay_out)
        if inputs is not None:  # (holds the subtree's nodes: an id is not taken by another meanwhile)
            self._kept[key] = (inputs, size)
        return size


def _inputs(item: LayoutNode, sizes: OwnSizes) -> list[Any] | None:
    """What a computation of ``item``'s subtree alone with ``sizes`` reads of it, per node in
    the order walked (None: more than :data:`MAX_KEPT_NODES` nodes, not kept)."""
    out: list[Any] = []
    stack = [item]
    while stack:
        node = stack.pop()
        hints = node.hints
        # (The root: its own sizes instead of its style's; a container in a block container's
        # flow: its floor, which its parent's style in the list decides.)
        own = sizes if node is item else None
        out.append((node, node.style, node.measure, fit_key(own, node.limits, hints, False),
                    hints.grid, hints.grid_item, hints.calc_basis))
        if len(out) > MAX_KEPT_NODES:
            return None
        stack.extend(node.children)
    return out


class LayOut(Protocol):
    """Lay ``node`` out on its own in the ``available`` width (None: max-content), with ``sizes``;
    ``measurements``: where its measurements are kept across the computation's passes (None: not)."""

    measurements: Measurements | None

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
    kept = lay_out.measurements
    if kept is not None:
        return kept.size(item, axis, available, sizes, lay_out)
    return _measured(item, axis, available, sizes, lay_out)


def _measured(item: LayoutNode, axis: str, available: float | str | None, sizes: OwnSizes,
              lay_out: LayOut) -> float:
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
