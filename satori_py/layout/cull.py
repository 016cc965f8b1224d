"""Which boxes are entirely outside the image, and so not drawn (the reference's ``isOutside``).

One decision with two readers: the painter leaves a culled box's own shapes out, and
:mod:`.layer_images` loads no image for them, so a box far off the canvas costs no download
(a stranger's card with a thousand off-screen ``url()`` backgrounds fetches nothing).

A box is culled when it is outside the image grown by what can draw beyond its box (its
outer ``boxShadow`` and its ancestors' and own ``filter``), unless it or an ancestor draws with
a transform state of its own (a transform may bring it in: it is always drawn), or it
defines the clip or mask of its descendants (they are checked by themselves). What a box
inherits for this is a :class:`CullScope`.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, NamedTuple

from ..style.paint_types import FilterFunction
from ..style.types import Shadow

__all__ = ["CullScope", "culled", "filter_extent", "inherits_transform", "may_define_clips", "opacity",
           "outside", "preserves_3d", "shadow_extent"]


class CullScope(NamedTuple):
    """What a box inherits from its ancestors for culling."""

    # Under a transform (the reference's inherited `transform`): drawn even when outside the image.
    always_drawn: bool = False
    margin: float = 0.0  # how far ancestors' filters draw outside what they filter

    def child(self, style: Any, parent_style: Any) -> CullScope:
        """The scope of the descendants of an element of ``style`` (its parent's ``parent_style``)."""
        return CullScope(self.always_drawn or not inherits_transform(style, parent_style),
                         self.margin + filter_extent(style.paint.filter or ()))


def opacity(paint: Any) -> float:
    """The used ``opacity`` of a paint group, clamped to [0, 1]."""
    raw = paint.opacity
    if not isinstance(raw, (int, float)) or isinstance(raw, bool):
        return 1.0
    return min(max(float(raw), 0.0), 1.0)


def preserves_3d(paint: Any) -> bool:
    """``transformStyle: preserve-3d`` in effect; like in browsers, opacity flattens it (the
    element is drawn as a group)."""
    return paint.transform_style == "preserve-3d" and opacity(paint) == 1


def inherits_transform(style: Any, parent_style: Any) -> bool:
    """Whether an element draws with its ancestors' transform state: it has no transform and
    sets up no 3D for its children, nor is a child of a box that does."""
    paint = style.paint
    parent = None if parent_style is None else parent_style.paint
    parent_3d = parent is not None and (parent.transform_style == "preserve-3d" or parent.perspective is not None)
    return paint.transform is None and not (preserves_3d(paint) or paint.perspective is not None or parent_3d)


def may_define_clips(style: Any) -> bool:
    """Whether an element may define the clip or mask of its descendants: what the painter
    finds exactly (it needs the shapes) is within this."""
    return style.box.overflow == "hidden" or style.paint.clip_path is not None or style.paint.mask_image is not None


def culled(viewport: tuple[float, float], rect: Any, style: Any, scope: CullScope, *,
           defines_clips: bool) -> bool:
    """Whether an element (``rect``, ``style``) whose descendants' scope is ``scope`` draws none
    of its own shapes, being outside the image. ``defines_clips``: it defines the clip or mask
    of its descendants (the painter knows; :func:`may_define_clips` bounds it)."""
    return not scope.always_drawn and not defines_clips and outside(
        viewport, rect.x, rect.y, rect.width, rect.height, shadow_extent(style.paint.box_shadow) + scope.margin)


def outside(bounds: tuple[float, float], x: float, y: float, w: float, h: float, margin: float) -> bool:
    """Whether a box grown by ``margin`` is entirely outside the image (``isOutside``); boxes
    touching it are drawn, as anti-aliasing can reach it."""
    grow = margin + 1
    return x + w + grow <= 0 or y + h + grow <= 0 or x - grow >= bounds[0] or y - grow >= bounds[1]


def filter_extent(functions: Sequence[FilterFunction]) -> float:
    """How far outside what they filter the functions can draw, one after the other
    (``getFilterExtent``); SVG filters can draw anywhere."""
    total = 0.0
    for fn in functions:
        if fn.name == "url":
            return math.inf
        if fn.name == "blur":
            total += fn.value * 3
        elif fn.name == "drop-shadow":
            total += fn.value * 3 + abs(fn.offset[0]) + abs(fn.offset[1])
    return total


def shadow_extent(shadows: tuple[Shadow, ...]) -> float:
    """How far outside its box the outer shadows of a box can draw (``getBoxShadowExtent``)."""
    extent = 0.0
    for s in shadows:
        if not s.inset:
            extent = max(extent, abs(s.offset_x) + abs(s.offset_y) + abs(s.spread) + s.blur * 3
                         + s.blur * s.blur / 4)
    return extent
