"""The width of a row sized by its content, kept when an item in it is frozen.

A row whose width comes from its content is as wide as its items' max-content
contributions (the reference's Taffy, and Taffy 0.7), at most its room. An item can end
up at its min-content width there without the row being held by its room: a sibling with
``minWidth: 100%`` takes the whole row and the item shrinks (the items then overflow the
row), or a ``flexBasis`` in % resolves to less than the item's content in the row's final
width (``0%`` without shrinking: the item is as wide as its longest word, the row as its
text on one line; the items then don't fill it). :func:`.frozen_widths.freeze` fixes
such an item at that width (Taffy 0.7's min-content cache would give it the height of
another layout), which also makes that width its max-content contribution: Taffy 0.7 then
sizes the row from it, narrower than the reference's (a 382 px row of two texts came out
219 px wide, its ``min-w-full`` item with it; a 211 px row 82). The row keeps the width it
had as its minimum while its items with a frozen one don't take exactly its width (when
they do, that width is the room they shrank to, not their contributions). A wrapping row's
items are summed across its lines, so only a row whose items don't fill it counts there: a
floor at the width of a row that wraps into lines would make its min-content width that width,
and Taffy 0.7's cache then gives it the height of its min-content layout (every item on its
own line, its text wrapped at its longest word). A row stretched across a column, or of
automatic width in a block, is as wide as its container, not as its items: it keeps no width (a
floor there would make the container's min-content width the row's width, with the same
collision: a column shrunk to its room, holding a long text above such a row, got the height of
the text broken at every word).
"""
from __future__ import annotations

from .fit_boxes import EPS, is_row, stretched
from .fit_walk import in_flow, used_width
from .taffy import LayoutNode

__all__ = ["floor_overflowed_row"]


def floor_overflowed_row(item: LayoutNode, row: LayoutNode, container: LayoutNode | None, definite: bool,
                         floors: dict[int, float], floored: dict[int, LayoutNode]) -> None:
    """Give ``row`` (not ``definite`` in width: sized by its content; in ``container``) its
    border-box width as its minimum (in ``floors``; ``floored``: the nodes given one) when its
    frozen ``item`` is one of items that overflow it or don't fill it (see the module docstring)."""
    if definite or item.limits.frozen_width is None or _container_wide(row, container):
        return
    excess = used_width(row) - row.box.content_width
    if excess < -EPS or (excess > EPS and row.style.flex_wrap == "nowrap"):
        floors[id(row)] = max(floors.get(id(row), 0.0), row.box.width)
        floored[id(row)] = row


def _container_wide(row: LayoutNode, container: LayoutNode | None) -> bool:
    """Whether ``row`` is as wide as its ``container``'s content box: stretched across a
    column, or of automatic width in a block."""
    if container is None or not in_flow(row):
        return False
    display = container.style.display
    if display in ("block", "flow-root"):
        return row.style.width in (None, "auto")
    return display == "flex" and not is_row(container) and stretched(row, container, "w")
