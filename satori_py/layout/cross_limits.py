"""A flex item's width within its limits where Taffy 0.7 takes it as written, fixed between passes.

Taffy 0.7 measures a flex item's flex basis, its content size in the container's main axis,
with the item's cross size as written (``determine_flex_base_size``: the item's size, not
clamped by its minimum and maximum); the reference's Taffy clamps it first. A text of
``width: 100%`` and ``maxWidth: 400`` in a column 650px wide is measured 650px wide: it has
fewer lines than it shows at its final 400px, and the column is too short. Where the width
and its limits are of one unit, converting the style clamps it
(:func:`.taffy_style.taffy_style`). Where they are not (a percentage and px), they are
resolved here against the column's content width when that is known without its content,
and the item gets the result as its width (``FitLimits.clamped_width``); in a column whose
width comes from its content, the percentages are only known in its final layout: not
corrected.
"""
from __future__ import annotations

from .fit_boxes import EPS, is_row, to_style_units
from .fit_walk import limit
from .taffy import LayoutNode

__all__ = ["clamp_width"]


def clamp_width(item: LayoutNode, column: LayoutNode, inner: float | None) -> bool:
    """Give a flex ``item`` of ``column`` its width within its limits where they clamp it
    (``inner``: the column's content width, None when it depends on its content). Whether its
    limits changed."""
    style = item.style
    fix = None
    if inner is not None and not is_row(column) and style.aspect_ratio is None:
        width = limit(item, style.width, "w", inner)
        if width is not None:
            clamped = width
            for bound, pick in ((limit(item, style.max_width, "w", inner), min),
                                (limit(item, style.min_width, "w", inner), max)):
                clamped = clamped if bound is None else pick(clamped, bound)
            if abs(clamped - width) > EPS:
                fix = to_style_units(item, "w", clamped)
    limits = item.limits
    old = limits.clamped_width
    if (old is None) != (fix is None) or (old is not None and fix is not None and abs(old - fix) > EPS):
        limits.clamped_width = fix
        return True
    return False
