"""Flex items Taffy 0.7 inflates to their container's padding, capped between passes.

When Taffy 0.7 sizes a flex container by its content (its max- or min-content main
size: a column of auto height in a column or a block, a row sized by its content in
another), each item's content contribution is taken as at least the *container's*
padding and border in the main axis (``determine_container_main_size``:
``content_main_size...max(main_content_box_inset)``; newer Taffy, which the reference
uses, has no such floor). An item whose content is smaller than that inset makes the
container too big by the difference: e.g. a ``flex: 1`` spacer (0px) in a card with
``padding: 40`` adds 80px to the card's height, and grows into them. Where the
container's size in that axis can only be its content's (:func:`content_sized`), each
such item in a column gets its content height as its maximum (``FitLimits.cap_height``):
its contribution is then its minimum (Taffy 0.7 skips the floor when an item's maximum
is at most its minimum, and a column item's automatic minimum height is its content's),
and it could not grow there anyway. In a row the floor comes after the maximum is
applied (an item's minimum width is below its max-content width): not corrected.
"""
from __future__ import annotations

from collections.abc import Callable

from .fit_boxes import EPS, SCROLL, insets, is_row, px, stretched, to_style_units
from .taffy import LayoutNode

__all__ = ["cap_inflated_items", "content_sized"]


def content_sized(container: LayoutNode, parent: LayoutNode | None, inner: float | None, axis: str) -> bool:
    """Whether a flex ``container``'s size in its main ``axis`` can only be its content's:
    none of its own, no minimum, not flexed or stretched by its ``parent`` in that axis,
    and ``inner`` (its content size there when known without its content) None."""
    style = container.style
    if inner is not None or parent is None or style.position == "absolute":
        return False
    size, low = (style.width, style.min_width) if axis == "w" else (style.height, style.min_height)
    if size not in (None, "auto") or (low not in (None, "auto") and px(low) != 0.0):
        return False
    display = parent.style.display
    if display in ("block", "flow-root"):
        return axis == "h"
    if display != "flex":
        return False
    if is_row(parent) == (axis == "w"):
        return style.flex_grow == 0.0
    return not stretched(container, parent, axis)


def cap_inflated_items(container: LayoutNode, sized_by_content: bool,
                       content_height: Callable[[LayoutNode], float]) -> bool:
    """Cap the items of ``container`` (a flex column) whose content is smaller than its
    vertical inset, when ``sized_by_content`` (see :func:`content_sized`; else take the
    caps back); ``content_height``: an item's content height (border box) as the column
    measures it. Whether any cap changed."""
    if is_row(container):
        return False
    inset = insets(container, "h")
    items = [item for item in container.children if item.style.position != "absolute"
             and item.style.display != "none" and not item.hints.float_placeholder]
    # Only a container with room its items don't fill, a growing item, or caps already
    # given can show the inflation: the others are not measured.
    if sized_by_content and inset > EPS and not _may_be_inflated(container, items, inset):
        sized_by_content = False
    changed = False
    for item in items:
        style = item.style
        cap: float | None = None
        if sized_by_content and inset > EPS and px(style.height) is None and style.overflow_y not in SCROLL:
            content = content_height(item)
            if content < inset - EPS:
                cap = to_style_units(item, "h", content)
        limits = item.limits
        old = limits.cap_height
        if (old is None) != (cap is None) or (old is not None and cap is not None and abs(old - cap) > EPS):
            limits.cap_height = cap
            changed = True
    return changed


def _may_be_inflated(column: LayoutNode, items: list[LayoutNode], inset: float) -> bool:
    if any(item.limits.cap_height is not None or item.style.flex_grow > 0.0 for item in items):
        return True
    used = inset + (px(column.style.row_gap) or 0.0) * max(0, len(items) - 1)
    for item in items:
        used += item.box.height + item.box.margin.top + item.box.margin.bottom
    return column.box.height > used + EPS
