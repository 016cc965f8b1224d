"""Floats and ``clear`` on top of Taffy 0.7, which has neither.

The reference's Taffy build places floats in block formatting contexts and
gives measured leaves (paragraphs) the floats beside them as exclusions
(``layout-engine/node.ts``: ``MeasureFunction``'s ``exclusions``). Here each
float is laid out on its own (shrink-to-fit in its containing block, like an
atomic inline) and leaves a zero-size placeholder in the flow, where its
static position is read after a layout pass. Then, in document order per
formatting context, floats are placed (:mod:`.float_context`), paragraphs get
exclusions, boxes with ``clear`` get clearance, boxes that establish a
formatting context move beside floats, and formatting context roots grow to
contain their floats; Taffy lays the tree out again until nothing moves.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .atomics import lay_out_atomic
from .boxes import RenderBox
from .float_context import FloatContext
from .taffy import LayoutNode, with_parents
from .node_style import NodeSize, NodeStyle
from .taffy_style import LayoutHints

__all__ = ["Exclusions", "FloatLayout"]

_EPSILON = 1e-3
_Origin = tuple[float, float]


@dataclass
class Exclusions:
    """The floats beside a paragraph, ``(top, bottom, left, right)`` relative to it."""

    rects: tuple[tuple[float, float, float, float], ...] = ()


@dataclass
class _Float:
    box: RenderBox
    side: str
    clear: str
    container: LayoutNode
    placeholder: LayoutNode
    available: float | None = None  # the width it was last laid out in
    position: _Origin | None = None  # its border box, absolute


@dataclass
class _Pass:
    """One update: the tree's nodes, their parents and absolute origins."""

    parents: dict[int, LayoutNode | None]
    origins: dict[int, _Origin] = field(default_factory=dict)
    changed: bool = False

    def origin(self, node: LayoutNode) -> _Origin:
        key = id(node)
        found = self.origins.get(key)
        if found is None:
            parent = self.parents.get(key)
            px, py = self.origin(parent) if parent is not None else (0.0, 0.0)
            found = self.origins[key] = (px + node.box.left, py + node.box.top)
        return found


def _content_box(node: LayoutNode, origin: _Origin) -> tuple[float, float, float, float]:
    b = node.box
    left = origin[0] + b.border.left + b.padding.left
    top = origin[1] + b.border.top + b.padding.top
    return left, top, left + b.content_width, top + b.content_height


def _establishes_bfc(node: LayoutNode, parent: LayoutNode | None) -> bool:
    """Whether a box lays its content out in a formatting context of its own."""
    style = node.style
    return (parent is None or parent.style.display in ("flex", "grid")
            or style.display in ("flow-root", "flex", "grid")
            or node.hints.bfc or style.position == "absolute"
            or style.overflow_x != "visible" or style.overflow_y != "visible")


class FloatLayout:
    """The floats of a render, and what they do to the boxes around them."""

    def __init__(self, compute: Callable[[LayoutNode, Any, Any], None],
                 fit: Callable[[LayoutNode, float], None]) -> None:
        self.compute = compute
        self.fit = fit
        self.floats: dict[int, _Float] = {}  # by placeholder
        self.by_box: dict[int, _Float] = {}
        self.exclusions: dict[int, Exclusions] = {}  # by paragraph node
        self.pushed: dict[int, float] = {}  # the top margin added to a box, by node

    # -- collected while building --------------------------------------------------------

    def add(self, box: RenderBox, container: LayoutNode, side: str, clear: str) -> LayoutNode:
        """A float of ``container``; returns the placeholder that stands for it in the flow."""
        placeholder = LayoutNode(NodeStyle(display="block"), hints=LayoutHints(float_placeholder=True))
        entry = _Float(box, side, clear, container, placeholder)
        self.floats[id(placeholder)] = entry
        self.by_box[id(box)] = entry
        self.compute(box.node, None, None)
        return placeholder

    def exclusions_of(self, box: RenderBox) -> Exclusions:
        return self.exclusions.setdefault(id(box.node), Exclusions())

    # -- after a layout pass -----------------------------------------------------------------

    def update(self, root: LayoutNode, nodes: set[int]) -> bool:
        """Place the floats of a laid-out tree; whether anything changed (lay out again)."""
        if not any(key in nodes for key in self.floats) and not any(
                key in nodes and e.rects for key, e in self.exclusions.items()):
            return False
        state = _Pass({id(node): parent for node, parent in with_parents(root)})
        self._context(root, state)
        return state.changed

    def _context(self, bfc: LayoutNode, state: _Pass) -> None:
        """Lay out the floats of the formatting context of ``bfc``, then its nested ones."""
        origin = state.origin(bfc)
        context = FloatContext(bfc.box.width)
        nested: list[LayoutNode] = []
        self._children(bfc, bfc, origin, context, state, nested)
        self._contain(bfc, origin, context, state)
        for node in nested:
            self._context(node, state)

    def _children(self, container: LayoutNode, bfc: LayoutNode, bfc_origin: _Origin, context: FloatContext,
                  state: _Pass, nested: list[LayoutNode]) -> None:
        if container.style.display in ("flex", "grid"):
            # Flex and grid items lay their content out in formatting contexts of their own.
            nested.extend(c for c in container.children if c.style.display != "none")
            return
        previous: LayoutNode | None = None
        for child in container.children:
            entry = self.floats.get(id(child))
            if entry is not None:
                self._place(entry, container, previous, bfc, bfc_origin, context, state)
                continue
            if child.style.position == "absolute" or child.style.display == "none":
                if child.style.display != "none":
                    nested.append(child)
                continue
            exclusions = self.exclusions.get(id(child))
            if exclusions is not None:
                self._exclude(child, exclusions, bfc_origin, context, state)
            else:
                avoids = _establishes_bfc(child, container)
                self._clear(child, container, previous, bfc, bfc_origin, context, state, avoids)
                if avoids:
                    nested.append(child)
                else:
                    self._children(child, bfc, bfc_origin, context, state, nested)
            previous = child

    def _place(self, entry: _Float, container: LayoutNode, previous: LayoutNode | None, bfc: LayoutNode,
               bfc_origin: _Origin, context: FloatContext, state: _Pass) -> None:
        """Place a float at or below its static position: after the in-flow box before it."""
        c_left, c_top, c_right, _ = _content_box(container, state.origin(container))
        if previous is not None:
            _px, py = state.origin(previous)
            static_y = py + previous.box.height + previous.box.margin.bottom
        else:
            static_y = c_top
        available = c_right - c_left
        if entry.available is None or abs(entry.available - available) > _EPSILON:
            lay_out_atomic(entry.box, available, self.compute, self.fit, container.style)
            entry.available = available
        b = entry.box.node.box
        m = b.margin
        bx, by = bfc_origin
        insets = (c_left - bx, bx + bfc.box.width - c_right)
        placed = context.place(b.width + m.left + m.right, b.height + m.top + m.bottom, static_y - by, insets,
                               entry.side, entry.clear)
        position = (bx + placed.x + m.left, by + placed.y + m.top)
        if entry.position is None or any(abs(a - c) > _EPSILON for a, c in zip(position, entry.position)):
            entry.position = position
            state.changed = True

    def _exclude(self, node: LayoutNode, exclusions: Exclusions, bfc_origin: _Origin, context: FloatContext,
                 state: _Pass) -> None:
        """The floats beside a paragraph, relative to its box."""
        x, y = state.origin(node)
        width = node.box.width
        rects = []
        for f in context.floats:
            top = bfc_origin[1] + f.y - y
            bottom = top + f.height
            if bottom <= 0 or f.width <= 0:
                continue
            left_edge = bfc_origin[0] + f.x
            if f.side == "left":
                reach = left_edge + f.width - x
                if reach > 0:
                    rects.append((top, bottom, reach, 0.0))
            else:
                reach = x + width - left_edge
                if reach > 0:
                    rects.append((top, bottom, 0.0, reach))
        new = tuple(rects)
        if len(new) != len(exclusions.rects) or any(
                abs(a - b) > _EPSILON for r, s in zip(new, exclusions.rects) for a, b in zip(r, s)):
            exclusions.rects = new
            state.changed = True

    def _clear(self, node: LayoutNode, container: LayoutNode, previous: LayoutNode | None, bfc: LayoutNode,
               bfc_origin: _Origin, context: FloatContext, state: _Pass, avoids: bool) -> None:
        """Clearance below floats, and room beside them for a box that may not overlap them."""
        clear = node.hints.clear
        if clear == "none" and not (avoids and context.floats):
            return
        hints = node.hints
        pushed = self.pushed.get(id(node), 0.0)
        _x, y = state.origin(node)
        natural = y - pushed
        bx, by = bfc_origin
        target = natural
        threshold = context.cleared_threshold(clear)
        if threshold is not None:
            target = max(target, by + threshold)
        margins: dict[str, float | None] = {}  # LayoutHints fields, by name
        if avoids and context.has_active_floats(target - by):
            c_left, _c_top, c_right, _ = _content_box(container, state.origin(container))
            m = node.box.margin
            insets = (c_left - bx, bx + bfc.box.width - c_right)
            own_width = node.style.width
            after: int | None = None
            while True:
                slot = context.bfc_slot(target - by, insets, (m.left, m.right), after=after)
                width = own_width if isinstance(own_width, float) else slot.stretch_width
                if slot.segment is None or width <= slot.border_width + _EPSILON:
                    break
                after = slot.segment
            target = max(target, by + slot.y)
            margin_left = bx + slot.x - c_left
            margins["float_margin_left"] = margin_left
            if not isinstance(own_width, float):
                margins["float_margin_right"] = (c_right - c_left) - margin_left - slot.stretch_width
        push = max(0.0, target - natural)
        if abs(push - pushed) > _EPSILON:
            self.pushed[id(node)] = push
            own = node.style.margin_top
            base = own if isinstance(own, float) else 0.0
            # The margin before it collapses with its own: the gap grows by the clearance.
            before = previous.box.margin.bottom if previous is not None else 0.0
            margins["float_margin_top"] = max(base, before) + push if push > 0 else None
        for name, value in margins.items():
            if getattr(hints, name) != value:
                setattr(hints, name, value)
                state.changed = True

    def _contain(self, bfc: LayoutNode, origin: _Origin, context: FloatContext, state: _Pass) -> None:
        """A formatting context root is at least as tall as its floats (``floated_content_height``)."""
        if not context.floats or isinstance(bfc.style.height, float):
            return
        # Like the reference, the floats' bottom is compared with the border box: a float may
        # reach into the bottom padding.
        needed = max(f.y + f.height for f in context.floats)
        if bfc.style.box_sizing != "border-box":
            b = bfc.box
            needed -= b.border.top + b.padding.top + b.padding.bottom + b.border.bottom
        own = bfc.style.min_height
        value = max(needed, own) if isinstance(own, float) else needed
        current: NodeSize = bfc.hints.float_min_height
        if current is None:
            current = own
        if not isinstance(current, float) or abs(current - value) > _EPSILON:
            bfc.hints.float_min_height = value
            state.changed = True

    # -- final boxes -------------------------------------------------------------------------

    def layout_paragraph(self, box: RenderBox) -> Any:
        exclusions = self.exclusions.get(id(box.node))
        rects = exclusions.rects if exclusions is not None else ()
        return box.paragraph.layout(box.node.box.width, exclusions=rects)

    def position_of(self, box: RenderBox, origins: Any) -> _Origin | None:
        entry = self.by_box.get(id(box))
        if entry is None:
            return None
        return entry.position or origins.origin(entry.placeholder)
