"""The minimum height of a column's item wider than the column, as the reference's Taffy measures it.

A fit-content flex column (:meth:`.flex_fit.FlexFit._fit`: its height comes from its content and
it is laid out in a definite available height) is at least as tall as its items' automatic
minimum heights summed (Satori's patch). The reference's Taffy measures an item's min-content
height with the column's content width as the room for its width: an item of automatic width
that is wider than that room (rows of long texts overflowing a code window) is measured in the
room, where its text wraps more, the height Taffy 0.7 gives it too. :func:`.fit_measure.item_minimum`
measures it at its final width: the column came out shorter than its items (tw19's shiki code
window: 654 px for 722). That minimum is at most the item's height as laid out: where that is a
browser's, taken at its final width (README: the decided stale height), the column keeps to it.
"""
from __future__ import annotations

from .fit_boxes import EPS, margins, stretched
from .fit_measure import LayOut, content_height
from .taffy import LayoutNode

__all__ = ["widened_minimum"]


def widened_minimum(item: LayoutNode, column: LayoutNode, minimum: float, lay_out: LayOut) -> float:
    """``item``'s minimum height in ``column`` (border box), given ``minimum``, the one measured at
    its final width (see the module docstring)."""
    if item.style.width not in (None, "auto") or stretched(item, column, "w") \
            or item.box.width + margins(item, "w") <= column.box.content_width + EPS:
        return minimum
    return max(minimum, min(content_height(item, column, lay_out), item.box.height))
