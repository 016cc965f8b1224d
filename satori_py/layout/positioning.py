"""Out-of-flow boxes and where boxes end up: absolute, fixed and sticky positioning.

Mirrors the reference's ``fixed-position.ts`` and ``sticky-position.ts``:

* An absolutely positioned or fixed box is laid out by Taffy as an absolute
  child of its containing block's node (the nearest positioned ancestor for
  ``absolute``; the root, or an ancestor with a transform, perspective,
  ``preserve-3d`` or a filter for ``fixed``). On an axis without insets it
  stays at its static position: a placeholder node in its parent, given the
  box's size and margins after a first layout, says where.
* A sticky box is moved after layout into the content box of its nearest
  scroll container, inset by its ``top``/``right``/``bottom``/``left``, without
  leaving its parent's content box.

:func:`place` then gives every box its absolute rectangle.
"""
from __future__ import annotations

from typing import Any

from ..frozen import Record, field
from ..style.computed_types import BoxGroup
from ..style.types import Calc, Percent
from .boxes import Rect, RenderBox
from .node_style import NodeStyle
from .taffy import Box, LayoutNode

__all__ = ["ContainingBlock", "Origins", "OutOfFlow", "Positions", "Sticky", "insert_out_of_flow", "place",
           "size_placeholders"]


class ContainingBlock(Record):
    node: LayoutNode


class OutOfFlow(Record):
    """A box laid out in a containing block other than its parent."""

    node: LayoutNode
    placeholder: LayoutNode | None
    static_x: bool
    static_y: bool


class Sticky(Record):
    style: BoxGroup  # its insets
    parent: LayoutNode  # its containing block
    scrollport: LayoutNode  # the nearest scroll container, or the root


class Positions(Record):
    """What placement needs besides Taffy's boxes."""

    out_of_flow: dict[int, OutOfFlow] = field(default_factory=dict)
    sticky: dict[int, Sticky] = field(default_factory=dict)


def _unset(value: Any) -> bool:
    return value is None or value == "auto"


def insert_out_of_flow(node: LayoutNode, parent: LayoutNode, containing_block: ContainingBlock | None,
                       positions: Positions) -> bool:
    """Put an absolute or fixed box's node into its containing block's node.

    Returns False, inserting nothing, when it is laid out as an absolute child
    of its parent instead: when the parent is the containing block, or when
    there is none.
    """
    if containing_block is None or containing_block.node is parent:
        return False
    containing_block.node.children.append(node)
    style = node.style
    static_x = _unset(style.left) and _unset(style.right)
    static_y = _unset(style.top) and _unset(style.bottom)
    placeholder = None
    if static_x or static_y:
        placeholder = LayoutNode(NodeStyle(display="block", position="absolute", align_self=style.align_self))
        parent.children.append(placeholder)
    positions.out_of_flow[id(node)] = OutOfFlow(node, placeholder, static_x, static_y)
    return True


def size_placeholders(positions: Positions) -> bool:
    """Give static-position placeholders their box's size and margins; whether any changed."""
    changed = False
    for entry in positions.out_of_flow.values():
        if entry.placeholder is None:
            continue
        b = entry.node.box
        # Percentages resolve against the containing block, not the parent: use the results.
        placeholder = entry.placeholder
        sized = placeholder.style._replace(
            width=b.width, height=b.height, margin_top=b.margin.top, margin_right=b.margin.right,
            margin_bottom=b.margin.bottom, margin_left=b.margin.left, box_sizing="border-box")
        if sized != placeholder.style:
            placeholder.style = sized
            changed = True
    return changed


def _inset(value: Any, basis: float) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, Percent):
        return value.resolve(basis)
    if isinstance(value, Calc):
        return value.resolve(basis)
    return None


def _content_box(origin: tuple[float, float], box: Box) -> tuple[float, float, float, float]:
    x, y = origin
    return (x + box.border.left + box.padding.left, y + box.border.top + box.padding.top,
            x + box.width - box.border.right - box.padding.right,
            y + box.height - box.border.bottom - box.padding.bottom)


def _stick(start: float, end: float, margin_start: float, margin_end: float,
           view: tuple[float | None, float | None], block: tuple[float, float]) -> float:
    """Moves a sticky box on one axis into its view without leaving its containing block."""
    offset = 0.0
    if view[1] is not None and end > view[1]:
        offset = -min(end - view[1], max(0.0, start - margin_start - block[0]))
    if view[0] is not None and start + offset < view[0]:
        offset = max(0.0, min(view[0] - start, block[1] - end - margin_end))
    return offset


def _sticky_offset(origin: tuple[float, float], box: Box, sticky: Sticky,
                   parent_origin: tuple[float, float], port_origin: tuple[float, float]) -> tuple[float, float]:
    # Like browsers, the scroll container's padding is excluded.
    port = _content_box(port_origin, sticky.scrollport.box)
    block = _content_box(parent_origin, sticky.parent.box)
    width, height = port[2] - port[0], port[3] - port[1]
    style = sticky.style
    top, bottom = _inset(style.top, height), _inset(style.bottom, height)
    left, right = _inset(style.left, width), _inset(style.right, width)
    x, y = origin
    dx = _stick(x, x + box.width, box.margin.left, box.margin.right,
                (None if left is None else port[0] + left, None if right is None else port[2] - right),
                (block[0], block[2]))
    dy = _stick(y, y + box.height, box.margin.top, box.margin.bottom,
                (None if top is None else port[1] + top, None if bottom is None else port[3] - bottom),
                (block[1], block[3]))
    return dx, dy


def _rtl_left(node: LayoutNode, parent: LayoutNode) -> float:
    """A child's left in a right-to-left parent (relative to the parent's border box).

    Taffy 0.7 lays the inline axis out left to right; the reference's engine runs
    flex rows, grid columns, cross-axis starts of columns and block children from
    the right. That layout is the left-to-right one mirrored in the parent's content
    box, with each margin kept on its physical side and relative offsets kept
    physical. Absolute boxes with a horizontal inset keep their place.
    """
    b, p, style = node.box, parent.box, node.style
    offset = 0.0
    if style.position == "absolute":
        if not (_unset(style.left) and _unset(style.right)):
            return b.left
    else:
        left, right = _inset(style.left, p.content_width), _inset(style.right, p.content_width)
        offset = left if left is not None else (-right if right is not None else 0.0)
    start = p.border.left + p.padding.left
    static = b.left - offset - start
    return start + p.content_width - static - b.width - b.margin.right + b.margin.left + offset


class Origins:
    """The absolute top-left of nodes' border boxes, tree by tree.

    Out-of-flow boxes on a static axis take their placeholder's position; sticky
    boxes and their descendants are moved. Trees laid out on their own (atomic
    inlines, floats) are added once their own position is known.
    """

    def __init__(self, positions: Positions) -> None:
        self.positions = positions
        self.parents: dict[int, LayoutNode | None] = {}
        self.bases: dict[int, tuple[float, float]] = {}
        self.out: dict[int, tuple[float, float]] = {}

    def add_tree(self, root: LayoutNode, x: float = 0.0, y: float = 0.0) -> None:
        """A tree whose root's parent border box is at (x, y); its nodes' origins are computed now."""
        self.bases[id(root)] = (x, y)
        stack: list[tuple[LayoutNode, LayoutNode | None]] = [(root, None)]
        order: list[LayoutNode] = []
        while stack:
            node, parent = stack.pop()
            self.parents[id(node)] = parent
            self.out.pop(id(node), None)
            order.append(node)
            stack.extend((child, node) for child in node.children)
        for node in order:
            self.origin(node)

    def origin(self, node: LayoutNode) -> tuple[float, float]:
        key = id(node)
        found = self.out.get(key)
        if found is not None:
            return found
        parent = self.parents.get(key)
        if parent is None:
            bx, by = self.bases.get(key, (0.0, 0.0))
            x, y = bx + node.box.left, by + node.box.top
        else:
            px, py = self.origin(parent)
            left = _rtl_left(node, parent) if parent.style.direction == "rtl" else node.box.left
            x, y = px + left, py + node.box.top
            entry = self.positions.out_of_flow.get(key)
            if entry is not None and entry.placeholder is not None:
                hx, hy = self.origin(entry.placeholder)
                x = hx if entry.static_x else x
                y = hy if entry.static_y else y
            sticky = self.positions.sticky.get(key)
            if sticky is not None:
                dx, dy = _sticky_offset((x, y), node.box, sticky, self.origin(sticky.parent),
                                        self.origin(sticky.scrollport))
                x, y = x + dx, y + dy
        self.out[key] = (x, y)
        return x, y


def place(box: RenderBox, origins: Origins) -> None:
    """Set ``rect`` of ``box`` and its descendants from their nodes' absolute origins."""
    ox, oy = origins.origin(box.node)
    b = box.node.box
    box.rect = Rect(ox, oy, b.width, b.height)
    for child in box.children:
        place(child, origins)
    for atomic in box.atomics.values():
        place(atomic, origins)
