"""An absolutely positioned flex container sized by its content, laid out again at that size.

The reference's Taffy lays such a box out twice: once to learn its size from its content,
with its items' percentages of its width counting as auto (that width isn't known yet),
and again at that size, where they resolve against it (``min-w-full`` makes an item as
wide as the box, its siblings shrinking to their min-content widths; ``w-1/2`` is half of
it). The box keeps the size of the first layout: its content may overflow it. Taffy 0.7
lays it out once, the percentages never resolved. Between passes (called by
:class:`.flex_fit.FlexFit`), such a box with an item of a percentage width, minimum or
maximum width keeps the size of the first pass that lays it out so
(``FitLimits.measured_width``/``measured_height``, read by :mod:`.taffy_style`).
"""
from __future__ import annotations

from ..style.types import Percent
from .fit_boxes import EPS, px, to_style_units
from .fit_walk import in_flow
from .taffy import LayoutNode

__all__ = ["hold_measured"]


def hold_measured(node: LayoutNode) -> bool:
    """Give an absolutely positioned flex ``node`` the size its content gave it, where its
    items' percentage widths resolve against it (see the module docstring). Whether its
    limits changed."""
    style = node.style
    limits = node.limits
    width = height = None
    if style.display == "flex" and _sized_by_content(style.width, style.left, style.right) \
            and any(isinstance(value, Percent) for child in node.children if in_flow(child)
                    for value in (child.style.width, child.style.min_width, child.style.max_width)):
        if limits.measured_width is not None:
            return False  # laid out at that size since
        # The pass's box: Taffy 0.7 has laid it out once, its percentages counting as auto.
        width = to_style_units(node, "w", node.box.width)
        if _sized_by_content(style.height, style.top, style.bottom):
            height = to_style_units(node, "h", node.box.height)
    changed = False
    for name, value in (("measured_width", width), ("measured_height", height)):
        old = getattr(limits, name)
        if (old is None) != (value is None) or (old is not None and value is not None and abs(old - value) > EPS):
            setattr(limits, name, value)
            changed = True
    return changed


def _sized_by_content(size: object, low: object, high: object) -> bool:
    """Whether an absolute box's size in an axis comes from its content: no size of its own and
    not both insets."""
    pinned = all(isinstance(v, Percent) or px(v) is not None for v in (low, high))
    return size in (None, "auto") and not pinned
