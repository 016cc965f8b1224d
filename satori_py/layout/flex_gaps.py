"""Gaps between flex items in a line whose free space goes to auto margins.

Taffy 0.7 (``distribute_remaining_free_space``) gives a line's free space, computed
with its gaps taken out, to the items' auto margins, but then places the items as if
there were no gaps: every item after the first sits ``gap`` closer to the one before
it, and the line ends that much short (e.g. a header row with ``gap: 12`` and a
``marginLeft: auto`` host name: the logo and the title touch). Newer Taffy, which the
reference uses, places them with their gaps. :func:`restore_gaps` moves the items of
such lines after each Taffy run: the k-th item along the main axis by ``k * gap``.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from ..style.types import Percent
from .node_style import NodeStyle

__all__ = ["restore_gaps"]

_EPS = 1e-3


class Box(Protocol):
    """What is read and moved of a :class:`.taffy.Box` (after_taffy.py calls this module)."""

    left: float
    top: float
    width: float
    height: float

    @property
    def margin(self) -> Any: ...
    @property
    def padding(self) -> Any: ...
    @property
    def border(self) -> Any: ...
    @property
    def content_width(self) -> float: ...
    @property
    def content_height(self) -> float: ...


class LayoutNode(Protocol):
    """What is read of a :class:`.taffy.LayoutNode` (here and in block_alignment.py)."""

    @property
    def style(self) -> NodeStyle: ...
    @property
    def children(self) -> Sequence[LayoutNode]: ...
    @property
    def box(self) -> Box: ...
    @property
    def hints(self) -> Any: ...


def restore_gaps(nodes: Sequence[LayoutNode]) -> None:
    """Put back the main-axis gaps Taffy 0.7 drops in lines with auto margins, in a tree of
    ``nodes`` (every node of it, in any order: each container moves only its own items)."""
    for node in nodes:
        if node.style.display == "flex" and node.children:
            _restore(node)


def _restore(container: LayoutNode) -> None:
    style = container.style
    row = style.flex_direction in ("row", "row-reverse")
    gap = _gap(container, row)
    if gap <= _EPS:
        return
    items = sorted((child for child in container.children if _in_flow(child)),
                   key=lambda child: child.style.order)
    lines = [items] if style.flex_wrap == "nowrap" else _lines(items, row)
    for line in lines:
        if not any(_takes_free_space(item, row) for item in line):
            continue
        for k, item in enumerate(sorted(line, key=lambda item: _start(item.box, row))):
            if row:
                item.box.left += k * gap
            else:
                item.box.top += k * gap


def _gap(container: LayoutNode, row: bool) -> float:
    value = container.style.column_gap if row else container.style.row_gap
    box = container.box
    if isinstance(value, Percent):
        return value.resolve(box.content_width if row else box.content_height)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return 0.0


def _in_flow(node: LayoutNode) -> bool:
    return node.style.display != "none" and node.style.position != "absolute"


def _takes_free_space(item: LayoutNode, row: bool) -> bool:
    """Whether an item's auto margins got some of the line's free space (then Taffy 0.7 drops the gaps)."""
    style, margin = item.style, item.box.margin
    if row:
        return (style.margin_left == "auto" and margin.left > _EPS) \
            or (style.margin_right == "auto" and margin.right > _EPS)
    return (style.margin_top == "auto" and margin.top > _EPS) \
        or (style.margin_bottom == "auto" and margin.bottom > _EPS)


def _start(box: Box, row: bool) -> float:
    return box.left if row else box.top


def _lines(items: list[LayoutNode], row: bool) -> list[list[LayoutNode]]:
    """A wrapping container's items by flex line: runs of items whose cross-axis extents
    overlap (lines are laid side by side in the cross axis)."""
    lines: list[list[LayoutNode]] = []
    low = high = 0.0
    for item in items:
        box = item.box
        start = box.top - box.margin.top if row else box.left - box.margin.left
        end = (box.top + box.height + box.margin.bottom) if row else (box.left + box.width + box.margin.right)
        if lines and start < high - _EPS and end > low + _EPS:
            lines[-1].append(item)
            low, high = min(low, start), max(high, end)
        else:
            lines.append([item])
            low, high = start, end
    return lines
