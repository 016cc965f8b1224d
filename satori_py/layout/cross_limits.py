"""A flex item's width within its limits where Taffy 0.7 takes it as written, fixed between passes.

Taffy 0.7 measures a flex item's flex basis, its content size in the container's main axis,
with the item's cross size as written (``determine_flex_base_size``: the item's size, not
clamped by its minimum and maximum); the reference's Taffy clamps it first. A text of
``width: 100%`` and ``maxWidth: 400`` in a column 650px wide is measured 650px wide: it has
fewer lines than it shows at its final 400px, and the column is too short. An item of a
column gets its width within its limits as its width (``FitLimits.clamped_width``), the same
in every layout but that measurement: in px, resolved against the column's content width
when that is known without its content; else where the width and its limits are of one unit
(percentages of one basis, or px), in that unit. A percentage width that a px limit clamps in
a column whose width is its content's (known only after a pass: Tailwind's ``w-full max-w-xs``
paragraph beside a heading) gets that px limit after a pass where the column's content width
made it clamp: the item counts as wide as that limit in the column's own sizing then, as in
the reference (its percentage counts as ``auto`` there, its max-content width clamped).
Only the cross size: clamping a main size would change the flex base size that growing and
shrinking weigh.
"""
from __future__ import annotations

from ..style.types import Percent
from .fit_boxes import EPS, is_row, px, to_style_units
from .fit_walk import limit
from .taffy import LayoutNode

__all__ = ["clamp_width"]


def clamp_width(item: LayoutNode, column: LayoutNode, inner: float | None) -> bool:
    """Give a flex ``item`` of ``column`` its width within its limits where they clamp it
    (``inner``: the column's content width, None when it depends on its content). Whether its
    limits changed."""
    style = item.style
    fix: float | Percent | None = None
    if not is_row(column) and style.aspect_ratio is None:
        fix = _clamped(item, inner) if inner is not None else _clamped_in_unit(item)
        if fix is None and inner is None:
            fix = _clamped_by_px(item, column.box.content_width)
    limits = item.limits
    old = limits.clamped_width
    if old == fix or (isinstance(old, float) and isinstance(fix, float) and abs(old - fix) <= EPS):
        return False
    limits.clamped_width = fix
    return True


def _clamped(item: LayoutNode, inner: float) -> float | None:
    """Its width within its limits, resolved against ``inner`` (style units, px); None: unclamped."""
    style = item.style
    width = limit(item, style.width, "w", inner)
    if width is None:
        return None
    clamped = _clamp(width, limit(item, style.max_width, "w", inner), limit(item, style.min_width, "w", inner))
    return to_style_units(item, "w", clamped) if abs(clamped - width) > EPS else None


def _clamped_in_unit(item: LayoutNode) -> float | Percent | None:
    """Its width within limits of its own unit (percentages or px; None: another unit, or unclamped)."""
    style = item.style
    values = [value for value in (style.width, style.max_width, style.min_width) if value not in (None, "auto", "none")]
    if isinstance(style.width, Percent) and all(isinstance(value, Percent) for value in values):
        percents = [value.value if isinstance(value, Percent) else None for value in (style.max_width, style.min_width)]
        clamped = _clamp(style.width.value, *percents)
        return None if clamped == style.width.value else Percent(clamped)
    width = px(style.width)
    if width is not None and all(px(value) is not None for value in values):
        clamped = _clamp(width, px(style.max_width), px(style.min_width))
        return None if clamped == width else clamped
    return None


def _clamped_by_px(item: LayoutNode, inner: float) -> float | None:
    """Its px limit (style units) where that limit clamps its percentage width resolved against
    ``inner`` (the column's content width in the last pass); None: no px limit clamps it."""
    style = item.style
    if not isinstance(style.width, Percent):
        return None
    width = limit(item, style.width, "w", inner)
    low = limit(item, style.min_width, "w", inner)
    if width is None:
        return None
    clamped = _clamp(width, limit(item, style.max_width, "w", inner), low)
    if abs(clamped - width) <= EPS:
        return None
    return px(style.min_width if low is not None and abs(clamped - low) <= EPS else style.max_width)


def _clamp(value: float, high: float | None, low: float | None) -> float:
    """``value`` at most ``high`` and at least ``low`` (the minimum wins)."""
    value = value if high is None else min(value, high)
    return value if low is None else max(value, low)
