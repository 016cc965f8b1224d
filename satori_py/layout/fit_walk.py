"""What a layout pass's boxes say about the space each node's children are laid out in.

Used by :mod:`.flex_fit` between passes: a node's content size when it doesn't depend
on the node's content (:class:`Walk`), a flex item's limits resolved (:func:`limit`), and
which boxes are in the flow.
"""
from __future__ import annotations


from collections.abc import Callable
from typing import Any

from ..frozen import Record, field
from ..style.types import Percent
from .fit_boxes import EPS
from .fit_boxes import content as _content
from .fit_boxes import insets as _insets
from .fit_boxes import is_row as _is_row
from .fit_boxes import margins as _margins
from .fit_boxes import px as _px
from .fit_boxes import stretched as _stretched
from .node_style import NodeSize
from .taffy import LayoutNode
from .taffy_style import OwnSizes

__all__ = ["Walk", "absolute", "absolute_room", "definite", "displayed", "flexed_definite", "in_flow", "limit", "used_width"]


_UNKNOWN: Any = object()  # a node whose inner size is not known yet (None is an answer: Walk.inner)


def limit(node: LayoutNode, value: NodeSize, axis: str, basis: float | None) -> float | None:
    """A min/max size of ``node`` (``value``, of its style) as a border-box length (None: none,
    or not resolvable)."""
    if value.__class__ is Percent:  # (not isinstance: see taffy_style._dim)
        px: float | None = value.resolve(basis) if basis is not None else None
    else:
        px = _px(value)
    if px is None:
        return None
    return px + (0.0 if node.style.box_sizing == "border-box" else _insets(node, axis))


def definite(walk: Walk, node: LayoutNode, axis: str) -> bool:
    """Whether ``node``'s content size in ``axis`` is definite (not fitted to its content)."""
    return walk.inner(node, axis) is not None and (id(node), axis) not in walk.fitted


def flexed_definite(walk: Walk, node: LayoutNode, axis: str) -> bool:
    """Whether ``node``'s content size in ``axis`` is definite, or its size there is its flexed
    size as a growing item of a container whose size there is definite (CSS: a post-flexing
    main size in a definite container is definite; e.g. a ``flex-auto`` row in an ``h-full``
    column stretches a ratio item as tall as it grew)."""
    if definite(walk, node, axis):
        return True
    parent = walk.parents.get(id(node))
    return parent is not None and parent.style.display == "flex" and _is_row(parent) == (axis == "w") \
        and node.style.flex_grow > 0.0 and in_flow(node) and definite(walk, parent, axis)


def absolute(node: LayoutNode) -> bool:
    return bool(node.style.position == "absolute")


def absolute_room(parent: LayoutNode) -> float:
    """The width an absolutely positioned box is fitted in: its parent's border box (the
    reference's Taffy measures it in its container's size, borders included, not in the
    padding box its insets are of; its insets don't narrow it). Taffy 0.7 gives a flex row
    (or a block of blocks) out of flow its content's width on one line; the reference fits
    it in this room."""
    return parent.box.width


def displayed(node: LayoutNode) -> bool:
    return bool(node.style.display != "none")


def in_flow(node: LayoutNode) -> bool:
    style = node.style  # (displayed and not absolute, written out: asked of every item in every walk)
    return style.display != "none" and style.position != "absolute" and not node.hints.float_placeholder


def used_width(row: LayoutNode) -> float:
    """The width a row's in-flow items take with their margins and the gaps between them."""
    items = [child for child in row.children if in_flow(child)]
    gap = _px(row.style.column_gap) or 0.0
    return sum(child.box.width + _margins(child, "w") for child in items) + gap * max(0, len(items) - 1)


class Walk(Record):
    """What a pass's boxes say about the space each node's children are laid out in.

    Computed when first asked, from the node's ancestors (``parents``, filled in by the
    walk of :meth:`FlexFit.update`, parents first): most nodes are never asked.
    """

    root_width: float | None
    root_height: float | None
    own: OwnSizes | None = None  # the root's sizes, instead of its style's
    # A node's min-content width (border box), for a fitted node its room can't hold.
    min_content: Callable[[LayoutNode], float] | None = None
    parents: dict[int, LayoutNode | None] = field(default_factory=dict)
    # The content size each node's children are laid out in by all of its layouts, by axis.
    inner_w: dict[int, float | None] = field(default_factory=dict)
    inner_h: dict[int, float | None] = field(default_factory=dict)
    # (node, axis) whose inner size is its content's within its available space (a flex item
    # sized by its content in its container's cross axis): its children's percentages of it
    # can't be resolved when it is measured.
    fitted: set[tuple[int, str]] = field(default_factory=set)
    # Fitted nodes whose min-content width is wider than their room: that room (content box).
    rooms: dict[int, float] = field(default_factory=dict)

    def inner(self, node: LayoutNode, axis: str) -> float | None:
        """The content size ``node``'s children are laid out in, when it doesn't depend on them.

        A node with a definite size (a length, a stretch in a container whose
        size is known so, an absolute box with both insets of the axis set, a
        root laid out in a known space) lays its children
        out in its content box. A flex item sized in a known available space
        lays them out in that space at most. Anything sized by its content
        under a max-content constraint (flex bases, grid tracks, atomic
        inlines) gives None: there the reference's Taffy doesn't fit either.
        """
        table = self.inner_w if axis == "w" else self.inner_h
        key = id(node)
        value: float | None = table.get(key, _UNKNOWN)
        if value is _UNKNOWN:
            value = table[key] = self._inner(node, self.parents.get(key), axis)
        return value

    def _inner(self, node: LayoutNode, parent: LayoutNode | None, axis: str) -> float | None:
        style = node.style
        own: NodeSize = style.width if axis == "w" else style.height
        content = _content(node, axis)
        if parent is None:
            if self.own is not None:
                own = self.own.width if axis == "w" else self.own.height
            given = self.root_width if axis == "w" else self.root_height
            return content if given is not None or _px(own) is not None else None
        if _px(own) is not None:
            return content
        if style.position == "absolute":
            # Both insets of the axis set: its size is its containing block's less them (definite);
            # so is a percentage of its containing block.
            low, high = (style.left, style.right) if axis == "w" else (style.top, style.bottom)
            pinned = all(isinstance(v, Percent) or _px(v) is not None for v in (low, high))
            if pinned or isinstance(own, Percent):
                return content
            # An automatic width is fit-content in its containing block, as the reference's Taffy
            # sizes it (Taffy 0.7 gives a flex row in it its text on one line).
            return self._fitted(node, absolute_room(parent), axis) if axis == "w" and own in (None, "auto") else None
        parent_inner = self.inner(parent, axis)
        if own.__class__ is Percent:
            return content if parent_inner is not None else None
        display = parent.style.display
        if display in ("block", "flow-root"):
            # Block children are stretched across; their heights are their content's.
            return content if axis == "w" and parent_inner is not None else None
        if display != "flex":
            return None
        if _is_row(parent) == (axis == "w"):
            # The main axis: a flexed size, fixed only by a definite flex basis (a length, or a
            # percentage of the container's definite inner size: Tailwind's ``flex-1`` is 0%).
            definite_basis = _px(style.flex_basis) is not None or style.flex_basis.__class__ is Percent
            return content if definite_basis and parent_inner is not None else None
        if parent_inner is None:
            return None
        if _stretched(node, parent, axis):
            return content
        return self._fitted(node, parent_inner, axis)

    def _fitted(self, node: LayoutNode, parent_inner: float, axis: str) -> float | None:
        """The content size of ``node`` sized by its content in ``parent_inner`` (fit-content)."""
        content = _content(node, axis)
        available = self.available(node, parent_inner, axis)
        if available is None:
            return None
        self.fitted.add((id(node), axis))
        room = available - _margins(node, axis) - _insets(node, axis)
        if content <= room + EPS:
            return content
        if axis == "w" and self.min_content is not None:
            # Fit-content is never below the min-content width: a column widened past its
            # room by a long word lays its other children out in its own width, not the room.
            self.rooms[id(node)] = room
            return max(room, min(content, self.min_content(node) - _insets(node, axis)))
        return room

    def available(self, item: LayoutNode, parent_inner: float, axis: str) -> float | None:
        """The definite cross-axis space a flex item is sized in, with its margins: its container's,
        its size (without the margins) within its limits (a ``flex max-w-56 mr-11`` block is 224
        wide, not 224 less its margin)."""
        style = item.style
        margin = _margins(item, axis)
        low = limit(item, style.min_width if axis == "w" else style.min_height, axis, parent_inner)
        high_value = style.max_width if axis == "w" else style.max_height
        high = limit(item, high_value, axis, parent_inner)
        if high is None and high_value not in (None, "none", "auto"):
            return None  # a limit that can't be resolved here
        space = parent_inner - margin
        if high is not None:
            space = min(space, high)
        if low is not None:
            space = max(space, low)
        return max(space, _insets(item, axis)) + margin
