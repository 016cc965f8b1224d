"""Sizes Taffy 0.7 cannot take: sizing keywords, ``fit-content()`` and ``calc()`` with percentages.

The reference's Taffy build resolves ``min-content``, ``max-content``,
``fit-content``, ``fit-content(<limit>)`` and ``stretch`` widths, and
``calc()`` lengths with percentages against their basis during layout
(``layout-engine/encode.ts``: unit codes 3 to 10). Taffy 0.7 has none of
them, so the layout is computed in passes: a node's intrinsic widths come
from laying its subtree out on its own, and values that need their
containing block's size are resolved from the previous pass's boxes until
they no longer change. Heights only take lengths and percentages, like the
reference (its README: keywords of ``height``/``minHeight``/``maxHeight``
are ignored).
"""
from __future__ import annotations

import math
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from ..cache import BoundedCache
from ..frozen import Record, field
from ..style.types import Calc, FitContent, Percent
from .fit_boxes import is_row, stretched, to_style_units
from .node_style import NodeSize, NodeStyle
from .taffy import LayoutNode, with_parents
from .taffy_style import OwnSizes

__all__ = ["Deferred", "OwnHeight", "defer", "definite_content_height", "fit_own_height", "resolve_deferred"]

_KEYWORDS = ("min-content", "max-content", "fit-content", "stretch")
# The node style's fields (NodeStyle) by what they wait for.
_WIDTHS = ("width", "min_width", "max_width", "flex_basis")
_HEIGHTS = ("height", "min_height", "max_height")
_LIMITS = ("min_height", "max_height")
# Lengths whose percentages are of the containing block's width (margins and padding too).
_OF_WIDTH = ("width", "min_width", "max_width", "left", "right", "margin_top", "margin_right", "margin_bottom",
             "margin_left", "padding_top", "padding_right", "padding_bottom", "padding_left", "flex_basis")
_OF_HEIGHT = ("height", "min_height", "max_height", "top", "bottom")
_OF_SELF = ("row_gap", "column_gap")
_AUTO_OK = ("width", "height", "min_width", "min_height", "max_width", "max_height", "left", "right", "top",
            "bottom", "flex_basis", "margin_top", "margin_right", "margin_bottom", "margin_left")
_DEFERRABLE = (*_OF_WIDTH, *_OF_HEIGHT, *_OF_SELF)
_deferrable = attrgetter(*_DEFERRABLE)
# How a value that waits for its basis is laid out in the first pass.
_FIRST_PASS = {"max_width": "auto", "max_height": "auto"}


class Deferred(Record):
    """A node's values that wait for sizes, as written, by NodeStyle field."""

    node: LayoutNode
    values: dict[str, Any]
    # Intrinsic border-box widths of the node's subtree (min, max), once computed.
    intrinsic: tuple[float, float] | None = None
    resolved: dict[str, float] = field(default_factory=dict)


def _is_keyword(value: Any) -> bool:
    return (isinstance(value, str) and value in _KEYWORDS) or isinstance(value, FitContent)


def defer(node: LayoutNode, in_block: bool = False) -> Deferred | None:
    """Take the values Taffy can't lay out out of ``node``'s style (a copy with their
    first-pass values); None when there are none. ``in_block``: the node is in a block
    container's flow, where Taffy 0.7 ignores a percentage minimum or maximum height of a
    child of auto height (its block layout gives it no height to resolve them against; with a
    height of its own they clamp it, resolved against the container's final height;
    the reference's Taffy gives its container's definite height: ``min-h-10/12``)."""
    style = node.style
    key = (id(style), in_block)
    decided = _DECIDED.get(key)
    if decided is None or decided[0] is not style:
        decided = (style, *_decide(style, in_block))
        _DECIDED.put(key, decided)
    _, first, values = decided
    if first is not None:
        node.style = first
    return Deferred(node, dict(values)) if values else None


# What defer decides for a node style: its first-pass copy (None: the style as it is) and the
# values that wait. build.py keeps a node style by computed style across renders, shared by its
# nodes, so the same object comes back every render: keyed by its identity (the entry holds the
# style, whose id no other object takes while it is kept). ~0.3 kB an entry, ~0.8 kB with a
# first-pass copy: at most ~1.6 MB; the 24 benchmark cards need 338.
_DECIDED: BoundedCache[tuple[NodeStyle, NodeStyle | None, dict[str, Any]]] = BoundedCache(2048)


def _decide(style: NodeStyle, in_block: bool) -> tuple[NodeStyle | None, dict[str, Any]]:
    values: dict[str, Any] = {}
    for prop, value in zip(_DEFERRABLE, _deferrable(style)):
        if value is None or type(value) is float:
            continue  # what most values are: nothing to wait for
        if isinstance(value, Calc) or (prop in _WIDTHS and _is_keyword(value)) or \
                (prop in _HEIGHTS and _is_keyword(value)) or \
                (in_block and prop in _LIMITS and isinstance(value, Percent)
                 and style.height in (None, "auto")):
            values[prop] = value
    if not values:
        return None, values
    first: dict[str, Any] = {}
    for prop, value in values.items():
        if prop in _HEIGHTS and _is_keyword(value):
            # Keywords of heights are auto (ignored), as in the reference.
            first[prop] = "auto" if prop != "max_height" else None
            continue
        first[prop] = _FIRST_PASS.get(prop, "auto" if prop in _AUTO_OK else 0.0)
    return style._replace(**first), {k: v for k, v in values.items() if not (k in _HEIGHTS and _is_keyword(v))}


def _insets(node: LayoutNode) -> float:
    """Horizontal padding and border, which content-box widths don't include."""
    if node.style.box_sizing == "border-box":
        return 0.0
    b = node.box
    return b.padding.left + b.padding.right + b.border.left + b.border.right


def measure_intrinsic(entries: list[Deferred], lay_out: Callable[[LayoutNode, str | None], None]) -> None:
    """The min- and max-content widths of nodes with width keywords, innermost first."""
    for entry in reversed(entries):
        if entry.intrinsic is not None or not any(_is_keyword(v) for v in entry.values.values()):
            continue
        node = entry.node
        style = node.style
        # Measured with its keyword widths auto; then they are its max-content width until the
        # containing block is known.
        measured: dict[str, Any] = {prop: "auto" if prop != "max_width" else None
                                    for prop in _WIDTHS if _is_keyword(entry.values.get(prop))}
        node.style = style._replace(**measured)
        lay_out(node, "min-content")
        low = node.box.width
        lay_out(node, None)
        high = node.box.width
        entry.intrinsic = (low, max(low, high))
        for prop, value in entry.values.items():
            if _is_keyword(value):
                entry.resolved[prop] = _keyword_width(entry, value, None)
        widths: dict[str, Any] = {prop: px for prop, px in entry.resolved.items() if _is_keyword(entry.values[prop])}
        node.style = style._replace(**widths)


def _keyword_width(entry: Deferred, value: Any, available: float | None) -> float:
    """A keyword width as the box-sizing width, given the available border-box width."""
    low, high = entry.intrinsic or (0.0, 0.0)
    if value == "min-content":
        border_box = low
    elif value == "max-content":
        border_box = high
    elif value == "stretch":
        border_box = available if available is not None else high
    else:
        limit = value.limit if isinstance(value, FitContent) else None
        if isinstance(limit, Percent):
            limit = limit.resolve(available) if available is not None else None
        elif limit is not None:
            limit = float(limit) + _insets(entry.node)
        if limit is None:
            limit = available if available is not None else math.inf
        border_box = min(high, max(low, limit))
    return max(0.0, border_box - _insets(entry.node))


def resolve_deferred(root: LayoutNode, entries: list[Deferred], own: OwnSizes | None = None) -> bool:
    """Resolve deferred values from the last layout; whether any changed (lay out again).

    ``own``: the root's sizes in this layout, instead of its style's."""
    if not entries:
        return False
    parents = {id(node): parent for node, parent in with_parents(root)}
    changed = False
    for entry in entries:
        node = entry.node
        parent = parents.get(id(node))
        if parent is None:
            continue
        p = parent.box
        absolute = node.style.position == "absolute"
        # Absolute boxes resolve against the padding box, others against the content box.
        width = p.width - p.border.left - p.border.right - (0 if absolute else p.padding.left + p.padding.right)
        height = p.height - p.border.top - p.border.bottom - (0 if absolute else p.padding.top + p.padding.bottom)
        parent_height = own.height if own is not None and parent is root else parent.style.height
        height_definite = absolute or isinstance(parent_height, (int, float)) or \
            definite_content_height(parent, parents, own) is not None
        if not height_definite and any(prop in _LIMITS and isinstance(value, Percent)
                                       for prop, value in entry.values.items()):
            hold = _flexed_height_hold(parent, parents, own)
            if hold is not None:
                # A block stretched across a row (its height the line's) or flexed in a column of
                # a definite height: measured with these percentages as auto, and definite in the
                # reference once flexed (CSS's definite stretched and post-flexing sizes). Held
                # there, they resolve against it without growing it through its content
                # (``min-h-full`` in a row item).
                height_definite = True
                changed = parent.limits.held_height is None or changed
                parent.limits.held_height = hold
        margins = 0.0
        for margin in (node.style.margin_left, node.style.margin_right):
            margins += float(margin) if isinstance(margin, (int, float)) else 0.0
        resolved: dict[str, Any] = {}
        for prop, value in entry.values.items():
            if _is_keyword(value):
                px: Any = _keyword_width(entry, value, max(0.0, width - margins))
            elif prop in _OF_SELF:
                basis = node.box.content_width if prop == "column_gap" else node.box.content_height
                px = value.resolve(basis)
            elif prop in _OF_HEIGHT:
                px = value.resolve(height) if height_definite else ("auto" if prop in _AUTO_OK else 0.0)
            else:
                px = value.resolve(width)
            if isinstance(px, float) and prop in ("width", "height", "min_width", "min_height", "max_width",
                                                  "max_height", "flex_basis"):
                px = max(0.0, px)
            if entry.resolved.get(prop) != px:
                if not (isinstance(px, float) and isinstance(entry.resolved.get(prop), float)
                        and abs(px - entry.resolved[prop]) < 1e-3):
                    changed = True
                entry.resolved[prop] = px
                resolved[prop] = px
        if resolved:
            node.style = node.style._replace(**resolved)
    return changed


def _flexed_height_hold(node: LayoutNode, parents: dict[int, LayoutNode | None],
                        own: OwnSizes | None) -> float | None:
    """The height (in its style's units) a block container is held at when it is stretched
    across a flex row or is an item of a flex column of a definite height: the one it has
    (kept once held); None for any other node."""
    if node.limits.held_height is not None:
        return node.limits.held_height
    parent = parents.get(id(node))
    if parent is None or node.style.display not in ("block", "flow-root") or parent.style.display != "flex":
        return None
    if not (stretched(node, parent, "h") if is_row(parent)
            else definite_content_height(parent, parents, own) is not None):
        return None
    return to_style_units(node, "h", node.box.height)


def needs_own_height(style: NodeStyle) -> bool:
    """Whether Taffy 0.7 sizes this block-level box wrongly in a block container.

    Its block layout gives children a min-content available height (fixed in
    newer Taffy, which the reference uses): grid tracks then don't grow to
    their limits, and column flex containers wrap every item. And a column flex
    container whose maximum width narrows it is as tall as its items are at their
    max-content width (`flex flex-col max-w-[150px]` around text: one line, 21 px,
    where the text wraps in its 150 px: 63).
    """
    if isinstance(style.height, (int, float)):
        return False
    display = style.display
    column = display == "flex" and style.flex_direction in ("column", "column-reverse")
    return display == "grid" or (column and (style.flex_wrap != "nowrap" or style.max_width not in (None, "none", "auto")))


def definite_content_height(node: LayoutNode, parents: dict[int, LayoutNode | None],
                            own: OwnSizes | None = None) -> float | None:
    """The content height of a laid-out block container when it is definite (a length, or
    a percentage of a definite one, up to the root), else None: what a child's
    percentage height resolves against. ``own``: the root's sizes, instead of its style's."""
    parent = parents.get(id(node))
    height = own.height if own is not None and parent is None else node.style.height
    if isinstance(height, (int, float)) or (parent is None and height is not None):
        return node.box.content_height
    if isinstance(height, Percent) and parent is not None \
            and parent.style.display in ("block", "flow-root") \
            and definite_content_height(parent, parents, own) is not None:
        return node.box.content_height
    return None


class OwnHeight(Record):
    """A block-level box whose height :func:`fit_own_height` gives it, and that height as written
    (its style's at the first fit)."""

    node: LayoutNode
    declared: NodeSize = None
    recorded: bool = False


def fit_own_height(entry: OwnHeight, lay_out: Callable[[LayoutNode, float | None, OwnSizes], None],
                   percent_basis: float | None = None, room: float | None = None) -> bool:
    """Lay a box out on its own at its width to learn its height; make that its height.

    ``entry`` keeps its height as written; a percentage height is resolved
    against ``percent_basis`` (its block container's definite content height), alone
    it would have nothing to resolve against; likewise its percentage widths (a ``minWidth``
    of 60 % above a px ``maxWidth`` wins, as in its block container) in ``room`` (that
    container's content width, its available width). The measurement gives the box its width
    and that height as :class:`OwnSizes` (its minimum and maximum sizes kept); its
    style's width stays (a flex container's aspect ratio is dropped where that width isn't
    its own). Whether the height changed.
    """
    node = entry.node
    if not entry.recorded:
        entry.declared, entry.recorded = node.style.height, True
    b = node.box
    vertical = 0.0 if node.style.box_sizing == "border-box" else (
        b.padding.top + b.padding.bottom + b.border.top + b.border.bottom)
    current = node.style.height
    own = entry.declared
    if isinstance(own, Percent) and percent_basis is not None:
        own = own.resolve(percent_basis)
    # The subtree's boxes of the enclosing layout stay: this is only a measurement.
    saved = [(n, n.box) for n, _parent in with_parents(node)]
    # Its width is given here, but it is a stretched one where its style's is auto: the
    # reference's block layout doesn't take a flex container's height through its aspect
    # ratio from that (`flex flex-col max-w-60 aspect-square` around text is 240 x 21).
    style = node.style
    ratio = not (style.display == "flex" and node.children and style.width in (None, "auto"))
    lay_out(node, room, OwnSizes(b.width - _insets(node), own, limits=True, ratio=ratio))
    height = max(0.0, node.box.height - vertical)
    for n, box in saved:
        n.box = box
    # (Without the ratio measured, the ratio mustn't take the width from that height either.)
    node.style = node.style._replace(height=height) if ratio else node.style._replace(height=height, aspect_ratio=None)
    return not (isinstance(current, float) and abs(current - height) < 1e-3)


def fit_keyword_width(entry: Deferred, available: float) -> None:
    """Resolve a root's ``fit-content``/``stretch`` width in ``available`` (its margin box's room).

    An atomic inline or a float is laid out on its own: its parent's width is
    its paragraph's or containing block's, given here.
    """
    fitted: dict[str, Any] = {}
    for prop, value in entry.values.items():
        if prop in _WIDTHS and _is_keyword(value) and value not in ("min-content", "max-content"):
            fitted[prop] = entry.resolved[prop] = _keyword_width(entry, value, available)
    if fitted:
        entry.node.style = entry.node.style._replace(**fitted)
