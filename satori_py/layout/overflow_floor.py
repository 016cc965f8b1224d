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
they do, that width is the room they shrank to, not their contributions).
"""
from __future__ import annotations

from .fit_boxes import EPS
from .fit_walk import used_width
from .taffy import LayoutNode

__all__ = ["floor_overflowed_row"]


def floor_overflowed_row(item: LayoutNode, row: LayoutNode, definite: bool, floors: dict[int, float],
                         floored: dict[int, LayoutNode]) -> None:
    """Give ``row`` (not ``definite`` in width: sized by its content) its border-box width as
    its minimum (in ``floors``; ``floored``: the nodes given one) when its frozen ``item`` is
    one of items that overflow it or don't fill it (see the module docstring)."""
    if definite or item.limits.frozen_width is None:
        return
    if abs(used_width(row) - row.box.content_width) > EPS:
        floors[id(row)] = max(floors.get(id(row), 0.0), row.box.width)
        floored[id(row)] = row
