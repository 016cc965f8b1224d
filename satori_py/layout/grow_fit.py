"""The minimum height of a column item that grows from a px flex basis, given between passes.

A ``flex: 1`` item (basis 0) in a column whose height comes from its content: the
reference's Taffy counts the item's content in the column's height (its basis is only
where it grows from), as CSS does through the item's automatic minimum height. Taffy
0.7 counts the basis, so e.g. a stat tile with a ``flex: 1`` caption under its number
is as tall as the number. The item gets its content's height as its minimum height
(``FitLimits.content_height``, read by :mod:`.taffy_style`), which Taffy 0.7 counts.
"""
from __future__ import annotations

from collections.abc import Callable

from .fit_boxes import EPS, SCROLL, is_row, px, to_style_units
from .taffy import LayoutNode

__all__ = ["grown_minimum"]


def grown_minimum(item: LayoutNode, column: LayoutNode, definite: Callable[[], bool],
                  content_height: Callable[[], float]) -> bool:
    """Give ``item`` its content's height as its minimum height when it grows from a px flex
    basis in ``column`` whose height isn't ``definite``; ``content_height``: its border-box
    height as the column measures it. Whether that changed."""
    style = item.style
    height: float | None = None
    if not is_row(column) and float(style.get("flexGrow") or 0.0) > 0.0 \
            and px(style.get("flexBasis")) is not None and style.get("minHeight") in (None, "auto") \
            and style.get("overflowY") not in SCROLL and not definite():
        height = to_style_units(item, "h", content_height())
    limits = item.limits
    old, limits.content_height = limits.content_height, height
    if old is None or height is None:
        return old is not height
    return abs(old - height) > EPS
