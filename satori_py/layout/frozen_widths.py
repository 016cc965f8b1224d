"""Row and grid items fixed at their widths for Taffy 0.7's min-content cache (flex_fit walks them).

Taffy 0.7 measures every flex item at its min-content width, and its size cache answers a later measurement at a
known width from that entry whenever the known width equals the min-content width (newer Taffy keys its cache
exactly). The entry's height is the one of the min-content layout, where the item's text wrapped at its own
min-content width: e.g. a 204px card holding a 204px image gets the height of its caption broken at every letter.
Grid items sized by their tracks have the same collision (a column of "4/7" over "k s" in an ``auto`` track gets
the height of "k s" broken at the space); in a column sized by its content, only a grid item already at its
max-content width is rigid (its track may grow to that). An item whose width can't change (its min-content width is
at least its width, and it can't grow: it doesn't, or is at its px ``maxWidth``, where its min-content width is
clamped to it) gets that width as its minimum and maximum (``limits.frozen_width``), which Taffy takes as its known
width even when measuring its content sizes, so the min-content entry is right. So does an item held at its px
``maxWidth`` in a row where nothing shrinks (``limits.frozen_at_max``): its max-content measurement is clamped to
that same width.
"""
from __future__ import annotations

from ..style.types import Percent
from .content_bounds import freeze_bound
from .fit_boxes import EPS as _EPS
from .fit_boxes import frozen_as_laid_out, frozen_at_own_width, percent_inside
from .fit_boxes import insets as _insets
from .fit_boxes import px as _px
from .fit_boxes import to_style_units as _to_style_units
from .fit_measure import LayOut, intrinsic_width
from .fit_walk import limit as _limit
from .fit_walk import used_width
from .taffy import LayoutNode

__all__ = ["freeze", "freeze_grid_item", "unfreeze"]


def freeze(node: LayoutNode, parent: LayoutNode, grows: bool = True, lay_out: LayOut | None = None) -> bool:
    """Fix the width of a row (or grid) item that can't change (see the module docstring).
    ``grows``: whether it may grow (False: its row's width comes from its content);
    ``lay_out``: given for a row item (see :func:`_held_at_max`)."""
    style = node.style
    low, high = style.min_width, style.max_width
    # Held at its px maximum (e.g. ``flex: 1; maxWidth: 680px`` holding a longer word), it can't grow.
    most = _limit(node, high, "w", None)
    at_max = most is not None and abs(node.box.width - most) <= _EPS
    if not node.children or (grows and float(style.flex_grow or 0.0) > 0.0 and not at_max):
        return unfreeze(node)
    # A percentage maximum can't hold it below a px minimum (which wins): an item at that
    # minimum is still fixed there (not at its content's bound, nor held at the maximum:
    # the percentage counts otherwise when its container is measured).
    percent_high = isinstance(high, Percent) and _px(low) is not None
    if (low not in (None, "auto") and _px(low) is None) \
            or (high not in (None, "none") and _px(high) is None and not percent_high):
        return unfreeze(node)  # limits that aren't lengths: leave it
    limits = node.limits
    if limits.frozen_at_max:
        held = lay_out is not None and _held_at_max(node, parent, lay_out)
        return False if held else unfreeze(node)
    bound = freeze_bound(node, parent if lay_out is not None and not percent_high else None)
    frozen = limits.frozen_width
    if frozen is not None:
        inset = 0.0 if style.box_sizing == "border-box" else _insets(node, "w")
        if bound is None or bound < frozen + inset - _EPS:
            limits.frozen_width = None
            return True
        return False
    width = node.box.width
    if bound is None or bound < width - _EPS:
        if lay_out is None or percent_high or not _held_at_max(node, parent, lay_out):
            return False
        # Its max-content width, measured with its children at max-content, is clamped to
        # (or is) exactly this width, which Taffy 0.7's cache then answers with that
        # measurement's height (e.g. a column with wrapping text, maxWidth 500, centred in
        # a row).
        limits.frozen_at_max = True
    # It can't be narrower than its minimum, which is at least its width, or is held at
    # its maximum, and it doesn't grow: this is the only width it can have (and has, then no pass again).
    limits.frozen_width = _to_style_units(node, "w", width)
    if limits.frozen_at_max:
        return True
    # (A row item: ``lay_out`` given; its bound is known here, as it is at least its width.)
    return not (frozen_as_laid_out(node) or (lay_out is not None and bound is not None
                                             and frozen_at_own_width(node, bound)))


def freeze_grid_item(node: LayoutNode, grid: LayoutNode, lay_out: LayOut) -> bool:
    """Fix or release a grid item's width; whether it changed. In a column sized by its content, a
    grid item may grow up to its max-content width: only an item already that wide can't change."""
    rigid = _fixed_columns(grid) or _at_max_content(node, lay_out)
    return freeze(node, grid) if rigid else unfreeze(node)


def _fixed_columns(grid: LayoutNode) -> bool:
    """Whether a grid's columns are all ``fr`` or px tracks (none sized by its content)."""
    from ..style.grid_parse import Fr, Repeat  # imported by the first grid

    template = grid.hints.declared_grid
    if template is None or template.columns is None:
        return False
    tracks = [t for track in template.columns.tracks
              for t in (track.tracks if isinstance(track, Repeat) else (track,))]
    return all(isinstance(t.max, (Fr, float)) for t in tracks)


def _at_max_content(node: LayoutNode, lay_out: LayOut) -> bool:
    """Whether a node is at least as wide as its content at max-content."""
    return bool(node.children) and intrinsic_width(node, "max-content", lay_out) <= node.box.width + _EPS


def unfreeze(node: LayoutNode) -> bool:
    limits = node.limits
    frozen, limits.frozen_width, limits.frozen_at_max = limits.frozen_width, None, False
    return frozen is not None


def _held_at_max(item: LayoutNode, row: LayoutNode, lay_out: LayOut) -> bool:
    """Whether a row item without a width of its own is as wide as its (px) maximum, or as
    its max-content width with a percentage width inside (which that measurement resolves
    against no width: e.g. text wrapping in a ``w-1/3`` box is one line high there), in a
    row whose items all fit (so none was shrunk)."""
    if _px(item.style.width) is not None:
        return False
    high = _limit(item, item.style.max_width, "w", None)
    if high is None:
        # Exactly that wide: one wider grew (``flex: 1``) past its content.
        if not percent_inside(item) or abs(intrinsic_width(item, "max-content", lay_out) - item.box.width) > _EPS:
            return False
    elif abs(item.box.width - high) > _EPS:
        return False
    return used_width(row) <= row.box.content_width + _EPS

