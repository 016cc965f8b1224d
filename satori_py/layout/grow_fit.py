"""The minimum main size of a flex item that grows from a px flex basis, given between passes.

A ``flex: 1`` item (basis 0) in a column whose height comes from its content: the
reference's Taffy counts the item's content in the column's height (its basis is only
where it grows from), as CSS does through the item's automatic minimum height. Taffy
0.7 counts the basis, so e.g. a stat tile with a ``flex: 1`` caption under its number
is as tall as the number. The item gets its content's height as its minimum height
(``FitLimits.content_height``, read by :mod:`.taffy_style`), which Taffy 0.7 counts.
In a row whose width comes from its content, likewise its min-content width
(``FitLimits.content_width``): a row centred by auto margins around a ``flex: 1`` text
is as wide as its longest word, not 0.
"""
from __future__ import annotations

from collections.abc import Callable

from .fit_boxes import EPS, SCROLL, is_row, px, to_style_units
from .taffy import LayoutNode

__all__ = ["grown_minimum"]


def grown_minimum(item: LayoutNode, container: LayoutNode, definite: Callable[[str], bool],
                  content_size: Callable[[str], float]) -> bool:
    """Give ``item`` its content's size in its ``container``'s main axis as its minimum there
    when it grows from a px flex basis and the container's size there isn't ``definite``
    (asked by axis, "w" or "h"); ``content_size``: its border-box height as the column
    measures it, or its min-content width. Whether that changed."""
    style = item.style
    axis = "w" if is_row(container) else "h"
    size: float | None = None
    if float(style.flex_grow or 0.0) > 0.0 and px(style.flex_basis) is not None \
            and (style.min_width if axis == "w" else style.min_height) in (None, "auto") \
            and (style.overflow_x if axis == "w" else style.overflow_y) not in SCROLL and not definite(axis):
        size = to_style_units(item, axis, content_size(axis))
    limits = item.limits
    old = limits.content_width if axis == "w" else limits.content_height
    limits.content_width, limits.content_height = (size, None) if axis == "w" else (None, size)
    if old is None or size is None:
        return old is not size
    return abs(old - size) > EPS
