"""The shapes of one element box: backdrop, backgrounds, replaced content, border, box shadows.

Mirrors the reference's ``builder/rect.ts``: in paint order, the outer box
shadows, then the element's content (its backdrop filter, background layers,
image and border, drawn with the element's transform and clipped and masked
by what its ancestors and its own ``maskImage`` ask), then the inset shadows.
The shadows are cast by the whole box and clipped by the element's clip path
and its ancestors', as in a browser (the reference casts them from the clipped
shape and lets the blur reach past the clip, a bug: a soft shadow showed past
an ``overflow: hidden`` card's edge and around a circle-clipped avatar).
A hidden element (``visibility: hidden``) draws none of them, but still
defines what its descendants use.
"""
from __future__ import annotations

from typing import Any

from ..cache import BoundedCache
from ..diagnostics import counting_reports
from ..frozen import Record, field
from ..images.layers import NO_LAYER_IMAGES, LayerImages
from ..layout.boxes import RenderBox
from ..limits import active
from ..style.computed_types import GroupedStyle
from ..style.paint_types import ClipReference
from ..svg import SvgNode, nodes_weight
from .background import background_layers
from .box import borders, debug_outline
from .clip import clip_path_shape, shape_bounds
from .compose import clipped, transformed
from .filter import backdrop
from .geometry import Radii, rect_path
from .image import image_nodes
from .raster_cost import count_backdrop
from .shadow import box_shadows

__all__ = ["Drawn", "draw_box", "padding_edges"]

Edges = tuple[float, float, float, float]


class Drawn(Record):
    """What a box draws of itself: definitions, and nodes in paint order."""

    defs: list[SvgNode] = field(default_factory=list)
    nodes: list[SvgNode] = field(default_factory=list)
    backdrop: bool = False  # whether the document needs `enable-background`
    weight: int = 0  # about how many characters the nodes hold, when kept by draw_box's memo
    effect_pixels: int = 0  # the filter work its shadows and backdrop counted (again on a memo hit)
    # The (limits, raster scale) its raster cost passed the painter's check under (a kept drawing
    # is drawn with the same matrix and viewport each time: see the memo's key).
    checked: Any = None


def padding_edges(box: RenderBox) -> Edges:
    """The resolved padding of a box (percentages are of the containing block, so from layout)."""
    p = box.node.box.padding
    return (p.top, p.right, p.bottom, p.left)


def _outline(x: float, y: float, w: float, h: float, radii: Radii, matrix: str | None) -> SvgNode:
    if radii.any:
        return SvgNode("path", {"d": rect_path(x, y, w, h, radii), "transform": matrix})
    return SvgNode("rect", {"x": x, "y": y, "width": w, "height": h, "transform": matrix})


def draw_box(style: Any, rect: tuple[float, float, float, float], *, padding: Edges, border: Edges,
             radii: Radii, uid: str, matrix: str | None, clip: str | None, mask: str | None,
             viewport: tuple[float, float], image: Any = None, under_transform: bool = False,
             text_clip: str | None = None, images: LayerImages = NO_LAYER_IMAGES, debug: bool = False,
             keep: bool = True) -> Drawn:
    """The shapes of a box with ``style`` at ``rect`` (its border box, x, y, width, height).

    ``padding`` is resolved (top, right, bottom, left), ``border`` the used border
    widths (:func:`~.box.border_widths`) and ``radii`` the box's
    (:func:`~.geometry.resolve_radii`); ``image`` the replaced
    content, if any; ``under_transform`` tells whether the box or an ancestor has a
    ``transform`` (the reference then clips images to their rounded border box
    only). Shapes are drawn with the SVG transform ``matrix``,
    clipped by ``clip`` and masked by ``mask`` (ids of its own clip path, which is within
    its ancestors', or theirs; its own or inherited mask). The border too, as a browser
    clips and masks it: the reference (0.63.2) clips an untransformed border by its
    ancestors' clip path only, neither masked (not even by an ancestor's ``maskImage``)
    nor cut by the element's ``clipPath``, a bug.

    ``style`` is immutable, and ``border`` and ``radii`` follow from it and the
    box; ``images`` are its layers' ``url()`` images, loaded before paint. With
    ``keep``, what a box without replaced content or ``url()`` backgrounds (which may
    report as they are drawn) draws is kept
    per (style object, box, ids, clips) in a bounded memo, when drawn without a
    report: warm renders of a card draw the same boxes again. The nodes are then
    shared between renders: nothing may change them in place (:mod:`.compose`
    copies).
    """
    args = (style, rect, padding, border, radii, uid, matrix, clip, mask, viewport, image,
            under_transform, text_clip, images, debug)
    if not keep or image is not None or _loads_images(style):
        return _draw_box(*args)
    key = (style.token, rect, padding, uid, matrix, clip, mask, viewport, under_transform,
           text_clip, debug)
    budget = active()
    drawn = _DRAWN.get(key)
    if drawn is not None:
        # What the regions cost resvg counts in every render that draws them.
        budget.count_effect(drawn.effect_pixels)
        return drawn
    counted = budget.effect_pixels
    with counting_reports() as reports:
        drawn = _draw_box(*args)
    drawn.effect_pixels = budget.effect_pixels - counted
    if not reports[0]:
        drawn.weight = nodes_weight(drawn.defs) + nodes_weight(drawn.nodes)
        if drawn.weight <= _MAX_KEPT_WEIGHT:
            _DRAWN.put(key, drawn)
    return drawn


# Bounded by entries and by the characters their nodes hold (a gradient of thousands of
# stops draws a big pattern); one drawing past a limit's fraction is not kept, so that it
# cannot push out everything else.
_DRAWN: BoundedCache[Drawn] = BoundedCache(1024, weigh=lambda drawn: drawn.weight, max_weight=8_000_000)
_MAX_KEPT_WEIGHT = 256_000


def _loads_images(style: GroupedStyle) -> bool:
    return any(isinstance(layer.image, str) and layer.image.startswith("url(")
               for layer in style.paint.background_image or ())


def _draw_box(style: Any, rect: tuple[float, float, float, float], padding: Edges, border: Edges, radii: Radii,
              uid: str, matrix: str | None, clip: str | None, mask: str | None,
              viewport: tuple[float, float], image: Any, under_transform: bool,
              text_clip: str | None,
              images: LayerImages, debug: bool) -> Drawn:
    out = Drawn()
    if style.text.visibility == "hidden":
        return out
    x, y, w, h = rect

    content: list[SvgNode] = []
    filters = style.paint.backdrop_filter
    if filters:
        defs, shape = backdrop(filters, _outline(x, y, w, h, radii, None), (x, y, w, h),
                               filter_id=f"bf-{uid}", clip=None)
        out.defs.extend(defs)
        if shape is not None:
            count_backdrop(filters, w, h, matrix, viewport)
            content.append(shape)
            out.backdrop = True

    shapes, defs = background_layers(x, y, w, h, style, radii, id_prefix=f"bg-{uid}", images=images,
                                     padding=padding, border=border, text_clip=text_clip)
    out.defs.extend(defs)
    content.extend(shapes)

    if image is not None:
        top, right, bottom, left = border
        cx, cy = x + left + padding[3], y + top + padding[0]
        cw = w - left - right - padding[3] - padding[1]
        ch = h - top - bottom - padding[0] - padding[2]
        shapes, defs = image_nodes(image, x=cx, y=cy, width=cw, height=ch, style=style, radii=radii,
                                   id_prefix=uid, transformed=under_transform)
        out.defs.extend(defs)
        content.extend(shapes)

    border_shapes, defs = borders(x, y, w, h, style, radii, f"b-{uid}", border)
    out.defs.extend(defs)
    if matrix or mask:  # (masked: one group with the content, as a browser masks the whole element)
        content.extend(border_shapes)
        border_shapes = []

    shadows = style.paint.box_shadow
    outer: list[SvgNode] = []
    inner: list[SvgNode] = []
    if shadows:
        # Cast by the whole box and clipped by ``clip`` (its own clip path, within its ancestors',
        # or theirs), as a browser clips them. The reference casts them from the clipped shape
        # and leaves the blur unclipped: it showed past an ``overflow: hidden`` card's edge or
        # around a circle-clipped avatar. Outer shadows lie outside a square box, so its own
        # clip path within it hides them all (no filter to run).
        own_clip = _own_clip_bounds(style, w, h)
        if own_clip is not None and not radii.any and _within(own_clip, w, h):
            shadows = [shadow for shadow in shadows if shadow.inset]
        defs, outer, inner = box_shadows((x, y, w, h), radii, tuple(shadows), viewport,
                                         id_prefix=f"sh-{uid}", transform=matrix, mask=mask)
        outer, inner = clipped(outer, clip, None), clipped(inner, clip, None)
        out.defs.extend(defs)

    out.nodes = outer + clipped(transformed(content, matrix), clip, mask) + clipped(border_shapes, clip, None) + inner
    if debug:
        out.nodes.extend(clipped(transformed([debug_outline(x, y, w, h)], matrix), clip, None))
    return out


_UNBOUNDED = (-float("inf"), -float("inf"), float("inf"), float("inf"))


def _own_clip_bounds(style: Any, width: float, height: float) -> tuple[float, float, float, float] | None:
    """The bounds of the element's own ``clipPath`` shape in its box (unbounded where they are not
    computed), or None without one (a reference to a clip path that does not exist clips nothing)."""
    clip_path = style.paint.clip_path
    if clip_path is None or isinstance(clip_path, ClipReference):
        return None
    return shape_bounds(clip_path_shape(clip_path, width, height, style)) or _UNBOUNDED


def _within(bounds: tuple[float, float, float, float], width: float, height: float) -> bool:
    left, top, right, bottom = bounds
    return left >= 0 and top >= 0 and right <= width and bottom <= height
