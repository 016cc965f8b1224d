"""Flex items with an aspect ratio and no size of their own, sized through the ratio.

Taffy 0.7 sizes such an item by its content (often 0 px); the reference's Taffy (and
CSS) takes one size from the other: the automatic minimum main size from a definite
cross size (:func:`aspect_ratio_minimum`, set when the item is built), and between
passes (:func:`stretch_ratio`, called by :class:`.flex_fit.FlexFit`) the main size from
the stretched cross size, or in a row the height from the flexed width.
"""
from __future__ import annotations

from collections.abc import Callable
from ..style.types import Percent
from .fit_boxes import EPS, SCROLL, auto_basis, exact_size, insets, is_row, px, stretched, to_style_units
from .node_style import NodeSize, NodeStyle
from .taffy import LayoutNode
from .taffy_style import RatioSizes

__all__ = ["aspect_ratio_minimum", "block_ratio", "percent_ratio_minimum", "stretch_ratio"]


def aspect_ratio_minimum(node: LayoutNode, row: bool) -> None:
    """Give a flex item with an aspect ratio its automatic minimum main size (a copy of its style)."""
    style = node.style
    cross = px(style.height if row else style.width)
    if cross is None and (node.children or node.measure is not None):
        cross = _cross_through_ratio(style, row)
    minimum = _transferred_minimum(style, row, cross)
    if minimum is not None:
        node.style = style._replace(min_width=minimum) if row else style._replace(min_height=minimum)


def percent_ratio_minimum(node: LayoutNode, row: bool) -> None:
    """Keep a flex item with an aspect ratio, a percentage cross size and no content from
    shrinking below its flex basis (a copy of its style)."""
    style = node.style
    if _keeps_transferred_basis(style, row) and not node.children and node.measure is None:
        # A percentage cross size: its main size through the ratio is its flex basis where the
        # percentage resolves, and then its automatic minimum too, so it doesn't shrink (e.g.
        # a `w-5/6` picture without sizes in a column sized by its content: 144 x 81, the
        # column as tall as when the percentage counted as auto, the picture overflowing).
        # Taffy 0.7 takes that minimum as 0 and shrinks it to nothing. Where the percentage
        # doesn't resolve, its basis and minimum are its content's, none.
        node.style = style._replace(flex_shrink=0.0)


def _keeps_transferred_basis(style: NodeStyle, row: bool) -> bool:
    """Whether a flex item with an aspect ratio has a percentage cross size, and an automatic
    flex basis, main size and minimum main size (its minimum is then its flex basis)."""
    cross, main, minimum = (style.height, style.width, style.min_width) if row \
        else (style.width, style.height, style.min_height)
    return (bool(px(style.aspect_ratio)) and isinstance(cross, Percent) and main in (None, "auto")
            and minimum in (None, "auto") and style.flex_basis in (None, "auto")
            and style.overflow_x not in SCROLL and style.overflow_y not in SCROLL)


def _cross_through_ratio(style: NodeStyle, row: bool) -> float | None:
    """The cross size a flex item with an aspect ratio, a px main size and an automatic cross
    size takes through the ratio, within its px cross limits (None: it has none of these).

    The reference's Taffy measures the automatic minimum main size of such an item with
    content at that cross size, which gives back its main size (e.g. a ``height: 276``
    ``aspectRatio: 0.5`` box holding a word, in an overflowing column, keeps its 276 px
    where Taffy 0.7 shrinks it; one without content has no minimum and shrinks in both)."""
    ratio = px(style.aspect_ratio)
    main, cross, main_high = (style.width, style.height, style.max_width) if row \
        else (style.height, style.width, style.max_height)
    size = px(main)
    if not ratio or size is None or cross not in (None, "auto"):
        return None
    if main_high not in (None, "none"):
        # Its maximum main size caps the minimum too; a percentage one isn't known here.
        high = px(main_high)
        if high is None:
            return None
        size = min(size, high)
    through = size / ratio if row else size * ratio
    high, low = (px(style.max_height), px(style.min_height)) if row else (px(style.max_width), px(style.min_width))
    if high is not None:
        through = min(through, high)
    return through if low is None else max(through, low)


def _transferred_minimum(style: NodeStyle, row: bool, cross_size: float | None) -> float | None:
    """The automatic minimum main size of a flex item with an aspect ratio and a definite
    ``cross_size`` (None: it has another one)."""
    ratio = px(style.aspect_ratio)
    main, minimum = (style.width, style.min_width) if row else (style.height, style.min_height)
    if (not ratio or cross_size is None or minimum not in (None, "auto")
            or style.overflow_x in SCROLL or style.overflow_y in SCROLL):
        return None
    transferred = cross_size * ratio if row else cross_size / ratio
    specified = px(main)
    return transferred if specified is None else min(specified, transferred)


def stretch_ratio(node: LayoutNode, parent: LayoutNode, cross_definite: Callable[[], bool],
                  content_height: Callable[[], float], content_width: Callable[[], float],
                  stale: bool) -> bool:
    """Size a flex item with an aspect ratio and no size of its own through the ratio.

    Taffy 0.7 sizes such an item by its content (often 0). In CSS and the reference's
    Taffy a flex item's main size is resolved before its cross size, so:

    * in a row, its height comes from its flexed width (a strip of ``flex: 1`` square
      tiles is as tall as a tile is wide), unless it is stretched in a row whose height
      is definite. The item gets that height (as a minimum when it is stretched, so a
      taller line still stretches it). Its flex basis, when its own, is its content's
      max-content width (``content_width``; e.g. stat tiles in a wrapping row are as
      wide as their numbers and as tall as that through the ratio, the line stretching
      them all to the tallest, their content overflowing), where Taffy 0.7 took its
      content's height through the ratio. Stretched, it keeps its ratio, so Taffy takes
      its height in the line from that basis, not from its content (shrunk in its row,
      from the width it shrank to, which it is then fixed at);
    * stretched in a column (whose width is known in its final layout, also when it
      comes from its content) or in a row of definite height, its main size comes from
      its stretched cross size, and its automatic minimum main size too (capped by its
      maximum; in a column, its content's height when that is taller). The item gets
      that main size (and minimum), and its content sizes don't depend on the ratio, as
      in the reference. So does an item whose cross size is a
      percentage of a container size that is definite there (``w-full aspect-video`` in
      a card's column, ``h-full aspect-square`` in a row): Taffy 0.7 transfers only a px
      cross size into the automatic minimum (:func:`aspect_ratio_minimum`) and shrinks
      the item to the room left, where the reference keeps it and lets the column overflow;
    * not stretched in a column, its height is its flex basis, its content's height
      (``content_height``), and its width comes from that through the ratio, even when
      its content then overflows it (the reference's Taffy; CSS would make it as wide
      as its content and tall from the ratio). Taffy 0.7 makes it as wide as its content.
      Empty there, its width comes from its flexed height;
    * a px minimum size in one axis is one in the other through the ratio (Taffy applies
      the ratio to the limits, which it no longer sees once the ratio is dropped), and a
      percentage maximum width of a row's item is of the row's content width.

    Sizes come from the pass's boxes; the item's ratio is dropped while it has them
    (taffy_style), but for that stretched row item. ``cross_definite``: whether the container's
    cross size is definite (asked for rows, and for a percentage cross size); ``content_height``, ``content_width``: its content's height as
    its column measures it, and its max-content width (border box). Whether they changed.
    """
    style = node.style
    row = is_row(parent)
    cross = "h" if row else "w"
    main_size, cross_size = (style.width, style.height) if row else (style.height, style.width)
    old = node.limits.stretched
    new: RatioSizes | None = None
    ratio = px(style.aspect_ratio)
    # A percentage cross size of a container whose size there is definite is definite too. (Not
    # with a main-axis limit: Taffy 0.7 transfers it through the ratio, as the reference does.)
    main_low, main_high = (style.min_width, style.max_width) if row else (style.min_height, style.max_height)
    percent_cross = isinstance(cross_size, Percent) and main_low in (None, "auto") \
        and main_high in (None, "none", "auto")
    if ratio and main_size in (None, "auto") and (cross_size in (None, "auto") or percent_cross):
        if stale:
            return False  # boxes that may come from a cached measurement: keep what it has
        is_stretched = stretched(node, parent, cross)
        if (is_stretched and (not row or cross_definite())) or (percent_cross and cross_definite()):
            size = to_style_units(node, cross, exact_size(node, cross))
            minimum = _transferred_minimum(style, row, size)
            if minimum is not None and not row and (node.children or node.measure is not None):
                # Content taller than that (text wrapping in a narrow square) is its automatic
                # minimum: the stretched width isn't a size of its own to transfer (CSS's
                # content size suggestion; the reference's Taffy too).
                minimum = max(minimum, to_style_units(node, "h", content_height()))
            if minimum is not None:
                high = _limit(style.max_width if row else style.max_height, parent, row)
                minimum = minimum if high is None else min(high, minimum)
            new = RatioSizes(width=size * ratio, min_width=minimum) if row else RatioSizes(height=size / ratio,
                                                                                          min_height=minimum)
        elif percent_cross:
            pass  # of a size that comes from the content: Taffy 0.7's sizes (percent_ratio_minimum)
        elif row:
            width = None
            if auto_basis(node) and (node.children or node.measure is not None):
                width = to_style_units(node, "w", content_width())
            flexed = to_style_units(node, "w", exact_size(node, "w"))
            low = None
            if width is not None and is_stretched and old is not None and old.width is not None \
                    and flexed < width - EPS \
                    and (abs(old.width - width) <= EPS or abs(old.width - flexed) <= EPS):
                # Shrunk from that basis: Taffy 0.7 would take the line's height from the
                # basis through the ratio, the reference from the width it shrank to (a
                # square text tile in a 64px row is 64 high, its text overflowing). It is
                # fixed at that width (its minimum too: the others keep their shares).
                width = low = flexed
            floor = _minimum_through_ratio(node, ratio, "w")
            if floor is not None:
                # Its minimum height through the ratio is its minimum width (Taffy applies the
                # ratio to the minimum sizes; here it is dropped): an empty `aspect-[3/4]
                # min-h-[52px]` in a row is 39 x 52, where it was 0 x 0.
                low = floor if low is None else max(low, floor)
                flexed = max(flexed, floor)
            height = flexed / ratio
            new = RatioSizes(width=width, min_width=low, min_height=height) if is_stretched \
                else RatioSizes(width=width, height=height, min_width=low)
        elif node.children or node.measure is not None:
            height = to_style_units(node, "h", content_height())
            floor = _minimum_through_ratio(node, ratio, "h")
            if floor is not None:
                height = max(height, floor)  # (its minimum width through the ratio, as in a row)
            new = RatioSizes(width=height * ratio, height=height)
        elif exact_size(node, "h") > EPS:
            # Empty and flexed (`grow aspect-video` in an `items-start` column): its width comes
            # from its final height through the ratio, where Taffy 0.7 leaves it 0 wide.
            new = RatioSizes(width=to_style_units(node, "w", exact_size(node, "h") * ratio))
    elif ratio and row and cross_size in (None, "auto") and not stale:
        # A width of its own, flexed (e.g. an <img> with width 100% beside a logo shrinks):
        # its height comes from its final width, where Taffy 0.7 took the flex basis.
        # Taffy 0.7 takes the height through the ratio from the width it had before flexing,
        # right when the item is not flexed (then a stretched one is as tall as its line, its
        # content overflowing it: `w-5 aspect-square` beside a line of text is 20 x 21).
        is_stretched = stretched(node, parent, cross)
        width = to_style_units(node, "w", exact_size(node, "w"))
        height = width / ratio
        off = abs(to_style_units(node, "h", exact_size(node, "h")) - height) > EPS
        basis = px(style.flex_basis) if not auto_basis(node) else px(main_size)
        flexed = basis is None or abs(width - basis) > EPS
        if (old is not None or (off and flexed)) and not (is_stretched and cross_definite()):
            new = RatioSizes(min_height=height) if is_stretched else RatioSizes(height=height)
    return _give(node, new)


def _minimum_through_ratio(node: LayoutNode, ratio: float, axis: str) -> float | None:
    """An item's px minimum size in the other axis through its ratio, as a minimum in ``axis``
    (in the box its ``boxSizing`` sizes; the ratio is of the border box). None: it has none, or
    a minimum of its own in ``axis``."""
    style = node.style
    row = axis == "w"
    low = px(style.min_height if row else style.min_width)
    if low is None or (style.min_width if row else style.min_height) not in (None, "auto"):
        return None
    other = "h" if row else "w"
    border_box = low if style.box_sizing == "border-box" else low + insets(node, other)
    return to_style_units(node, axis, border_box * ratio if row else border_box / ratio)


def _limit(value: object, parent: LayoutNode, row: bool) -> float | None:
    """A maximum main size in px: its own, or a percentage of the container's content width (in
    a row; a column's content height isn't known here). None: none."""
    if isinstance(value, Percent) and row:
        return value.resolve(max(0.0, parent.box.content_width))
    return px(value)


def block_ratio(node: LayoutNode, stale: bool) -> bool:
    """Give a block-level box with an aspect ratio and no height of its own in a block
    container its height from its width through the ratio (CSS and the reference's Taffy;
    Taffy 0.7's block layout makes it as tall as its content). Whether that changed."""
    if stale:
        return False  # boxes that may come from a cached measurement: keep what it has
    style = node.style
    ratio = px(style.aspect_ratio)
    new = None
    # (Not a flex container's: the reference's Taffy lays one out at the width its block gives it
    # and takes its height from its content, the ratio ignored: `flex aspect-square` is 600 x 21.)
    if ratio and style.height in (None, "auto") and not (style.display == "flex" and node.children):
        # (Of the border box, as the reference's Taffy takes a ratio.) Its minimum and maximum
        # heights limit its width through the ratio (`aspect-square max-h-11` is 44 x 44),
        # which Taffy 0.7 no longer sees once the ratio is dropped: they are given as widths.
        height = to_style_units(node, "h", exact_size(node, "w") / ratio)
        new = RatioSizes(height=height,
                         min_width=_transferred(node, style.min_width, style.min_height, ratio, max),
                         max_width=_transferred(node, style.max_width, style.max_height, ratio, min))
    return _give(node, new)


def _transferred(node: LayoutNode, own: NodeSize, limit: NodeSize, ratio: float,
                 pick: Callable[[float, float], float]) -> float | None:
    """A px minimum or maximum ``limit`` height through ``ratio`` as that width, with the ``own``
    one (``pick`` of both). None: the style's own. (In the box the style's ``boxSizing`` sizes:
    Taffy applies the ratio to a content-box limit as written, then adds the insets.)"""
    value = px(limit)
    if value is None:
        return None
    width = value * ratio
    if own in (None, "auto", "none"):
        return width
    mine = px(own)
    return None if mine is None else pick(mine, width)


def _give(node: LayoutNode, sizes: RatioSizes | None) -> bool:
    """Give ``node`` the ``sizes`` through its ratio; whether they changed."""
    old = node.limits.stretched
    if old is sizes or (sizes is not None and sizes.close_to(old)):
        return False
    node.limits.stretched = sizes
    return True
