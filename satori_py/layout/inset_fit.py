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
  content's, and it could not grow there anyway (a growing item of a px height,
  which Taffy 0.7 measures too, gets that height); an item with a given minimum height
  below that (``min-h-0``) gets it as its minimum too (``FitLimits.inset_min_height``),
  unless the column has a maximum height it may shrink its items to; so does a block of a px
  height growing alone in such a column whatever its inset, where its content overflows that
  height (Taffy 0.7 counts the content, the reference the height: :func:`_overflowed_block`);
* each such item of a row gets its max-content width as its minimum and maximum
  (``FitLimits.inset_width``): in a row the floor comes after the maximum, and an
  item's automatic minimum width (its min-content width) is below its max-content
  one when it wraps (one word, or an icon, is not inflated). Only items whose final
  width is that width are fixed: a non-growing item with an automatic flex basis, and
  growing ones when they all have automatic bases or one grows alone (the row's free
  space, its content's minus the bases, then goes back to each). Not corrected: a row
  narrower than its content (its fixed items don't shrink with the others), and an
  item with a ``flexBasis`` of its own that doesn't grow.

A container stretched in the cross axis of a parent sized by its content (a padded tile
in a row of content height, a padded row in a column of content width) is inflated when
the parent measures it; its growing items may grow there (into the parent's size, when a
sibling is bigger), so the parent's size is capped at its biggest item instead
(:func:`cap_stretching`; ``FitLimits.inset_cap_width``/``inset_cap_height``).
"""
from __future__ import annotations

from collections.abc import Callable

from .fit_boxes import EPS, SCROLL, auto_basis, insets, is_row, px, stretched, to_style_units, within
from .fit_walk import in_flow, limit
from .taffy import LayoutNode, size_at_origin

__all__ = ["cap_stretching", "content_sized", "fix_inflated_items"]


def content_sized(container: LayoutNode, parent: LayoutNode | None, inner: float | None, axis: str) -> bool:
    """Whether a flex ``container``'s size in its main ``axis`` can only be its content's:
    none of its own, no minimum but a px one, not flexed or stretched by its ``parent`` in that axis,
    and ``inner`` (its content size there when known without its content) None."""
    style = container.style
    if inner is not None or parent is None or style.position == "absolute":
        return False
    size, low = (style.width, style.min_width) if axis == "w" else (style.height, style.min_height)
    # A px minimum still leaves it its content's size when that is bigger (Taffy 0.7 measures
    # and floors its items so), and the fixed items can't make it smaller than the minimum.
    if size not in (None, "auto") or (low not in (None, "auto") and px(low) is None):
        return False
    display = parent.style.display
    if display in ("block", "flow-root"):
        return axis == "h"
    if display != "flex":
        return False
    if is_row(parent) == (axis == "w"):
        # A growing one's flex basis is its content's: inflated there, it takes free space
        # from its siblings (its own growing items are not fixed: fix_inflated_items).
        return style.flex_grow == 0.0 or auto_basis(container)
    return not stretched(container, parent, axis)


def fix_inflated_items(container: LayoutNode, parent: LayoutNode | None, sized_by_content: bool,
                       content_size: Callable[[LayoutNode], float]) -> bool:
    """Fix the items of flex ``container`` whose content is smaller than its inset in its
    main axis, when ``sized_by_content`` (see :func:`content_sized`; else take the fixes
    back); ``parent``: its container (None: the root), where it may grow; ``content_size``:
    an item's content size in that axis (border box, within its limits) as the container
    measures it. Whether any fix changed."""
    row = is_row(container)
    axis = "w" if row else "h"
    inset = insets(container, axis)
    shrinkless = container.style.max_height in (None, "none", "auto")
    items = _in_flow(container)
    # Only a container with room its items don't fill, a growing item, or fixes already
    # given can show the inflation: the others are not measured.
    if sized_by_content and inset > EPS and not _may_be_inflated(container, items, inset, axis):
        sized_by_content = False
    fixable = _fixable_in_row(items) if row and sized_by_content and inset > EPS else None  # (read only then)
    if sized_by_content and inset > EPS and container.style.flex_grow > 0.0 and parent is not None \
            and parent.style.display == "flex" and is_row(parent) == row:
        # It may grow in its ``parent`` (see content_sized): its growing items may too.
        fixable = {id(item) for item in items if item.style.flex_grow == 0.0
                   and (auto_basis(item) or not row) and (fixable is None or id(item) in fixable)}
    contents: dict[int, float] = {}  # the items to fix: their content size (border box)
    for item in items:
        style = item.style
        own, overflow = (style.width, style.overflow_x) if row else (style.height, style.overflow_y)
        if sized_by_content and inset > EPS and overflow not in SCROLL \
                and (own in (None, "auto") if row else px(own) is None or _unbounded(item, axis)) \
                and (fixable is None or id(item) in fixable):
            content = content_size(item) if px(own) is None else _given_size(item, axis)
            if content < inset - EPS:
                contents[id(item)] = content
        elif not row and sized_by_content and _overflowed_block(item, container, items) \
                and content_size(item) > _given_size(item, axis) + EPS:
            contents[id(item)] = _given_size(item, axis)
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
        if not row:
            # A given minimum below the maximum: Taffy 0.7 would still floor it at the inset.
            low = None if fix is None or not shrinkless else px(item.style.min_height)
            floor = fix if fix is not None and low is not None and low < fix - EPS else None
            old_floor = limits.inset_min_height
            if (old_floor is None) != (floor is None) or (old_floor is not None and floor is not None
                                                          and abs(old_floor - floor) > EPS):
                limits.inset_min_height = floor
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


def cap_stretching(container: LayoutNode, sized_by_content: bool,
                   content_size: Callable[[LayoutNode, LayoutNode, str], float],
                   own_size: Callable[[LayoutNode, str], float], scale: float) -> bool:
    """Cap a flex ``container``'s size in its cross axis, where that size is its content's
    (``sized_by_content``, see :func:`content_sized`), at the reference's when Taffy 0.7
    inflates a flex item it stretches (a column in a row, a row in a column): the growing
    items of such an item may grow (into the container's size, when another item is
    bigger), so they can't be fixed as in a container sized by its content; the container
    is capped at its biggest item instead, each inflated item counted with its items'
    content sizes (``content_size(item, parent, axis)``, border box, a layout each where
    the pass's box is not that size: :func:`_content_box`), each other stretched item with
    its own (``own_size(item, axis)``). ``scale``: the layout's point scale factor. Whether
    the cap changed."""
    cap: float | None = None
    capped: float | None = None  # (the cap as a border box)
    style = container.style
    axis = "h" if is_row(container) else "w"
    items = _in_flow(container)
    high = style.max_height if axis == "h" else style.max_width
    if sized_by_content and style.flex_wrap == "nowrap" and high in (None, "none", "auto"):
        uninflated = [_uninflated_size(item, container, axis, content_size, scale) for item in items]
        # The other items' own sizes (a layout each) only matter where one is inflated.
        if any(size is not None for size in uninflated):
            biggest = 0.0
            for item, size in zip(items, uninflated):
                if size is None:
                    size = own_size(item, axis) if stretched(item, container, axis) else \
                        (item.box.height if axis == "h" else item.box.width)
                margin = item.box.margin
                biggest = max(biggest, size + (margin.top + margin.bottom if axis == "h" else margin.left + margin.right))
            capped = biggest + insets(container, axis)
            cap = to_style_units(container, axis, capped)
    limits = container.limits
    old = limits.inset_cap_height if axis == "h" else limits.inset_cap_width
    if (old is None) != (cap is None) or (old is not None and cap is not None and abs(old - cap) > EPS):
        if axis == "h":
            limits.inset_cap_height = cap
        else:
            limits.inset_cap_width = cap
        # A first cap at or above the container's size changes no box: no pass for it alone.
        return old is not None or capped is None or not within(container, axis, capped)
    return False


def _uninflated_size(item: LayoutNode, container: LayoutNode, axis: str,
                     content_size: Callable[[LayoutNode, LayoutNode, str], float], scale: float) -> float | None:
    """The size in ``axis`` (border box) of a single-line flex ``item`` whose main axis that is,
    stretched in ``container``, as the reference measures it, when Taffy 0.7 inflates it (an
    item of it smaller than its inset there), else None. Its items' content sizes are their
    boxes where those are (:func:`_content_box`); the others are measured only as needed:
    those that could be inflated until one is, the rest only when one is."""
    style = item.style
    low = style.min_height if axis == "h" else style.min_width
    if style.display != "flex" or is_row(item) != (axis == "w") or style.flex_wrap != "nowrap" \
            or not stretched(item, container, axis) or low not in (None, "auto"):
        return None
    inset = insets(item, axis)
    inner = _in_flow(item)
    if inset <= EPS or not inner:
        return None
    gap = px(style.row_gap if axis == "h" else style.column_gap) or 0.0
    total = inset + gap * (len(inner) - 1)
    free = _free_space(item, inner, axis, total)
    # An item of a px size counts that size (its flex basis), not its content's.
    sizes = [_given_size(child, axis) if px(child.style.height if axis == "h" else child.style.width) is not None
             else _content_box(child, axis, free, scale) for child in inner]

    def inflates(child: LayoutNode, size: float) -> bool:
        own = child.style.height if axis == "h" else child.style.width
        overflow = child.style.overflow_y if axis == "h" else child.style.overflow_x
        return (px(own) is None or _unbounded(child, axis)) and overflow not in SCROLL and size < inset - EPS

    inflated = any(size is not None and inflates(child, size) for child, size in zip(inner, sizes))
    for index, child in enumerate(inner):
        if inflated:
            break
        if sizes[index] is None:
            size = sizes[index] = content_size(child, item, axis)
            inflated = inflates(child, size)
    if not inflated:
        return None
    for child, known in zip(inner, sizes):
        size = content_size(child, item, axis) if known is None else known
        margin = child.box.margin
        total += size + (margin.top + margin.bottom if axis == "h" else margin.left + margin.right)
    return total


def _unbounded(item: LayoutNode, axis: str) -> bool:
    """Whether a flex item of a px size may grow past it (no px maximum): Taffy 0.7 then
    measures its content, inflated as an item without a size is, where it takes a size that
    is also its maximum as it is."""
    return item.style.flex_grow > 0.0 and px(item.style.max_height if axis == "h" else item.style.max_width) is None


def _overflowed_block(item: LayoutNode, column: LayoutNode, items: list[LayoutNode]) -> bool:
    """Whether ``item`` is a block of a px height growing alone in ``column`` (of no minimum
    height): Taffy 0.7 counts its content's height where it overflows that height (a block's
    measurement takes it as its minimum), the reference its height; nothing makes room for
    it to grow into there."""
    style = item.style
    return style.display in ("block", "flow-root") and px(style.height) is not None \
        and _unbounded(item, "h") and style.overflow_y not in SCROLL \
        and column.style.min_height in (None, "auto") \
        and not any(other.style.flex_grow > 0.0 for other in items if other is not item)


def _given_size(child: LayoutNode, axis: str) -> float:
    """A flex item's px size in ``axis`` within its px limits (border box), which is its flex
    basis there, not its content's (e.g. a 32px avatar holding nothing)."""
    style = child.style
    own, low, high = (style.height, style.min_height, style.max_height) if axis == "h" else \
        (style.width, style.min_width, style.max_width)
    size = limit(child, own, axis, None) or 0.0
    top, bottom = limit(child, high, axis, None), limit(child, low, axis, None)
    size = size if top is None else min(size, top)
    return max(size if bottom is None else max(size, bottom), insets(child, axis))


def _free_space(item: LayoutNode, inner: list[LayoutNode], axis: str, used: float) -> float:
    """The room flex ``item``'s items leave in its main ``axis`` in the pass (negative: they
    overflow); ``used``: its inset and gaps."""
    for child in inner:
        box, margin = child.box, child.box.margin
        used += box.width + margin.left + margin.right if axis == "w" else box.height + margin.top + margin.bottom
    return (item.box.width if axis == "w" else item.box.height) - used


def _content_box(child: LayoutNode, axis: str, free: float, scale: float) -> float | None:
    """A flex item's content size in its container's main ``axis`` from the pass's box, without a
    layout, where the box is that size: flexed from its content (an automatic basis and size,
    no minimum, maximum or limits of flex_fit's, no aspect ratio), not grown and not shrunk
    (a column's item keeps its automatic minimum height, its content's; a row's items are
    shrunk only when they overflow, ``free`` < 0). None: it is to be measured. Its size is
    rounded as when it is measured alone (at the origin); at its own width, which is its
    container's unless it is not stretched, where it is its fit-content width (as the
    reference's Taffy measures it)."""
    style = child.style
    own, low, high = (style.height, style.min_height, style.max_height) if axis == "h" else \
        (style.width, style.min_width, style.max_width)
    if style.flex_grow != 0.0 or not auto_basis(child) or own not in (None, "auto") \
            or low not in (None, "auto") or high not in (None, "none", "auto") \
            or child.limits.key() is not None or style.aspect_ratio is not None \
            or (style.overflow_y if axis == "h" else style.overflow_x) in SCROLL \
            or (axis == "w" and style.flex_shrink != 0.0 and free <= EPS):
        return None
    return size_at_origin(child, axis, scale)


def _in_flow(container: LayoutNode) -> list[LayoutNode]:
    return [item for item in container.children if in_flow(item)]
