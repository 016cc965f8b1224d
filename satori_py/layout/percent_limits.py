"""Percentage minimum widths of column items in a column fitted to its content, in px between passes.

A flex item's ``min-width: 100%`` in a container whose width is its content's within its
available space (the item of an ``m-auto`` or ``items-center`` column): the reference's
Taffy measures the container with the percentage counting as auto (its width isn't known
yet) and resolves it against the container's final width when it lays it out
(``min-w-full`` makes the item as wide as the column, which is as wide as its text). Taffy
0.7 resolves it against the available space, making a column that wide. Where the
container's width is so fitted (:attr:`.fit_walk.Walk.fitted`), the item gets the percentage
of the container's content width, measured without it, as its minimum width
(``FitLimits.floor_width``, given by :class:`.flex_fit.FlexFit`).
"""
from __future__ import annotations

from ..style.types import Percent
from .fit_boxes import insets, is_row
from .fit_measure import LayOut, kept_intrinsic_width
from .fit_walk import Walk, limit
from .taffy import LayoutNode

__all__ = ["floor_percent_minimum"]


def floor_percent_minimum(node: LayoutNode, parent: LayoutNode, walk: Walk, lay_out: LayOut,
                          widths: dict[int, float], floors: dict[int, float],
                          floored: dict[int, LayoutNode]) -> None:
    """Give flex item ``node`` of ``parent`` its percentage minimum width in px of ``parent``'s
    fitted content width (border box, in ``floors``; ``floored``: the nodes given one);
    ``widths``: max-content widths measured so far, by node id."""
    low = node.style.min_width
    if not isinstance(low, Percent) or is_row(parent):
        return  # (in a row, Taffy 0.7 already counts it as the reference does)
    inner = walk.inner(parent, "w")
    if inner is None or (id(parent), "w") not in walk.fitted:
        return
    widest = kept_intrinsic_width(widths, parent, "max-content", lay_out)
    minimum = limit(node, low, "w", min(inner, widest - insets(parent, "w")))
    if minimum is not None:
        floors[id(node)] = max(floors.get(id(node), 0.0), minimum)
        floored[id(node)] = node
