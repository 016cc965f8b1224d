"""Flex items Taffy 0.7 inflates to their container's padding, fixed between passes.

When Taffy 0.7 sizes a flex container by its content (its max- or min-content main
size: a column of auto height in a column or a block, a row sized by its content in
another), each item's content contribution is taken as at least the *container's*
padding and border in the main axis (``determine_container_main_size``:
``content_main_size...max(main_content_box_inset)``; the reference's Taffy has no such
floor). An item whose content is smaller than that inset makes the container too big
by the difference: e.g. a ``flex: 1`` spacer (0px) in a card with ``padding: 40`` adds
80px to the card's height, and grows into them; a two-word label in a row with
``padding-right: 144px`` makes the row 144px wider. Taffy 0.7 skips the floor for an
item whose maximum is at most its minimum (it takes that size), so where the
container's size in that axis can only be its content's (:func:`content_sized`):

* each such item of a column gets its content height as its maximum
  (``FitLimits.cap_height``): a column item's automatic minimum height is its
  content's, and it could not grow there anyway;
* each such item of a row gets its max-content width as its minimum and maximum
  (``FitLimits.inset_width``): in a row the floor comes after the maximum, and an
  item's automatic minimum width (its min-content width) is below its max-content
  one when it wraps (one word, or an icon, is not inflated). Only items whose final
  width is that width are fixed: a non-growing item with an automatic flex basis, and
  growing ones when they all have automatic bases or one grows alone (the row's free
  space, its content's minus the bases, then goes back to each). Not corrected: a row
  narrower than its content (its fixed items don't shrink with the others), and an
  item with a ``flexBasis`` of its own that doesn't grow.
"""
from __future__ import annotations

from collections.abc import Callable

from .fit_boxes import EPS, SCROLL, auto_basis, insets, is_row, px, stretched, to_style_units
from .taffy import LayoutNode

__all__ = ["cap_stretching_row", "content_sized", "fix_inflated_items"]


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


def fix_inflated_items(container: LayoutNode, sized_by_content: bool,
                       content_size: Callable[[LayoutNode], float]) -> bool:
    """Fix the items of flex ``container`` whose content is smaller than its inset in its
    main axis, when ``sized_by_content`` (see :func:`content_sized`; else take the fixes
    back); ``content_size``: an item's content size in that axis (border box, within its
    limits) as the container measures it. Whether any fix changed."""
    row = is_row(container)
    axis = "w" if row else "h"
    inset = insets(container, axis)
    items = [item for item in container.children if item.style.position != "absolute"
             and item.style.display != "none" and not item.hints.float_placeholder]
    # Only a container with room its items don't fill, a growing item, or fixes already
    # given can show the inflation: the others are not measured.
    if sized_by_content and inset > EPS and not _may_be_inflated(container, items, inset, axis):
        sized_by_content = False
    fixable = _fixable_in_row(items) if row else None
    contents: dict[int, float] = {}  # the items to fix: their content size (border box)
    for item in items:
        style = item.style
        own, overflow = (style.width, style.overflow_x) if row else (style.height, style.overflow_y)
        if sized_by_content and inset > EPS and overflow not in SCROLL \
                and (own in (None, "auto") if row else px(own) is None) \
                and (fixable is None or id(item) in fixable):
            content = content_size(item)
            if content < inset - EPS:
                contents[id(item)] = content
    if row and contents and container.box.width < _row_width(container, items, inset, contents) - EPS:
        # Narrower than its content without the inflation: the reference shrinks its items.
        contents.clear()
    changed = False
    for item in items:
        known = contents.get(id(item))
        fix = None if known is None else to_style_units(item, axis, known)
        limits = item.limits
        old = limits.inset_width if row else limits.cap_height
        if (old is None) != (fix is None) or (old is not None and fix is not None and abs(old - fix) > EPS):
            if row:
                limits.inset_width = fix
            else:
                limits.cap_height = fix
            changed = True
    return changed


def _fixable_in_row(items: list[LayoutNode]) -> set[int]:
    """The items of a row sized by its content whose final width is their content
    contribution: see the module docstring."""
    growing = [item for item in items if item.style.flex_grow > 0.0]
    growers_fixed = len(growing) == 1 or all(auto_basis(item) for item in growing)
    return {id(item) for item in items
            if (growers_fixed if item.style.flex_grow > 0.0 else auto_basis(item))}


def _row_width(row: LayoutNode, items: list[LayoutNode], inset: float, contents: dict[int, float]) -> float:
    """The border-box width of a row sized by its content with the items of ``contents`` at
    their content width, the others as laid out."""
    width = inset + (px(row.style.column_gap) or 0.0) * max(0, len(items) - 1)
    for item in items:
        margin = item.box.margin
        width += contents.get(id(item), item.box.width) + margin.left + margin.right
    return width


def _may_be_inflated(container: LayoutNode, items: list[LayoutNode], inset: float, axis: str) -> bool:
    if any(item.style.flex_grow > 0.0 or (item.limits.inset_width if axis == "w" else item.limits.cap_height)
           is not None for item in items):
        return True
    style, box = container.style, container.box
    gap = (px(style.column_gap) if axis == "w" else px(style.row_gap)) or 0.0
    used = inset + gap * max(0, len(items) - 1)
    for item in items:
        b, m = item.box, item.box.margin
        used += b.width + m.left + m.right if axis == "w" else b.height + m.top + m.bottom
    return (box.width if axis == "w" else box.height) > used + EPS


def cap_stretching_row(row: LayoutNode, sized_by_content: bool,
                       content_height: Callable[[LayoutNode, LayoutNode], float],
                       own_height: Callable[[LayoutNode], float]) -> bool:
    """Cap the height of a flex ``row`` whose height is its content's (``sized_by_content``,
    see :func:`content_sized`) at the reference's, when Taffy 0.7 inflates a column it
    stretches: the growing items of such a column may grow (into the row's height, when
    another item is taller), so they can't be capped as in a column sized by its content;
    the row is capped at its tallest item instead, each inflated column counted with its
    items' content heights (``content_height(item, column)``, border box), each other
    stretched item with its height at its width (``own_height``). Whether the cap changed."""
    cap: float | None = None
    style = row.style
    items = [item for item in row.children if item.style.position != "absolute"
             and item.style.display != "none" and not item.hints.float_placeholder]
    if sized_by_content and style.flex_wrap == "nowrap" and style.max_height in (None, "none", "auto"):
        tallest, inflated = 0.0, False
        for item in items:
            height = _uninflated_height(item, row, content_height)
            inflated = inflated or height is not None
            if height is None:
                height = own_height(item) if stretched(item, row, "h") else item.box.height
            tallest = max(tallest, height + item.box.margin.top + item.box.margin.bottom)
        if inflated:
            cap = to_style_units(row, "h", tallest + insets(row, "h"))
    old = row.limits.inset_height
    if (old is None) != (cap is None) or (old is not None and cap is not None and abs(old - cap) > EPS):
        row.limits.inset_height = cap
        return True
    return False


def _uninflated_height(column: LayoutNode, row: LayoutNode,
                       content_height: Callable[[LayoutNode, LayoutNode], float]) -> float | None:
    """The height (border box) of a single-line flex ``column`` stretched in ``row`` as the
    reference measures it, when Taffy 0.7 inflates it (a growing item smaller than its
    vertical inset), else None."""
    style = column.style
    if style.display != "flex" or is_row(column) or style.flex_wrap != "nowrap" \
            or not stretched(column, row, "h") or style.min_height not in (None, "auto"):
        return None
    inset = insets(column, "h")
    items = [item for item in column.children if item.style.position != "absolute"
             and item.style.display != "none" and not item.hints.float_placeholder]
    if inset <= EPS or not any(item.style.flex_grow > 0.0 for item in items):
        return None
    total, inflated = inset + (px(style.row_gap) or 0.0) * max(0, len(items) - 1), False
    for item in items:
        height = content_height(item, column)
        inflated = inflated or (item.style.flex_grow > 0.0 and px(item.style.height) is None
                                and item.style.overflow_y not in SCROLL and height < inset - EPS)
        total += height + item.box.margin.top + item.box.margin.bottom
    return total if inflated else None
