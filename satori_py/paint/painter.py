"""Paints the laid-out render-box tree into an SVG document tree, in the reference's order.

Mirrors the painting half of the reference's ``layout.ts``:

* Paint order: a box's own shapes (:mod:`.rect`), its inline content, its
  in-flow children (flex and grid items in ``order``), its outline, then its
  positioned descendants. Positioned boxes, floats and stacking contexts are layers of
  the nearest stacking context, painted around its in-flow content by
  ``zIndex`` (negative ones under it), in tree order for equal values.
  ``zIndex`` applies to positioned boxes and to flex and grid items.
* A stacking context is made by the root, ``opacity < 1``, ``zIndex``,
  ``mixBlendMode``, ``isolation: isolate``, ``position: fixed|sticky``, a
  transform, ``perspective``, ``preserve-3d``, a filter or backdrop filter,
  ``clipPath``, ``maskImage`` and ``backfaceVisibility: hidden``. Blending in
  one isolates it.
* Clipping is per element, like the reference's inherited clip and mask ids:
  every box's shapes and text are clipped by the chain of its ancestors'
  ``overflow``/``clipPath`` clip paths and masked by the nearest ancestor
  ``maskImage``. Absolutely positioned and fixed boxes take those of their
  containing block instead, so ``overflow`` of a box between them does not
  clip them (``clipPath`` and ``maskImage`` do).
* Transforms: each box draws in absolute coordinates with its
  :class:`~.transform.TransformState`'s matrix; descendants inherit it.
* ``filter`` filters the element with its descendants as a group; then
  ``opacity`` and ``mixBlendMode`` apply to the result. An element with
  ``opacity: 0``, entirely behind the viewer or back-facing with
  ``backfaceVisibility: hidden`` draws nothing, descendants included.
* ``preserve-3d`` boxes and their descendants are planes sorted by depth.

Every id is derived from the node path, so the output is deterministic.
Lean output: the reference emits a mask per element and a ``<g>`` per wrapper;
here a clip path or mask is defined only when something is clipped by it
(:meth:`Painter._clips`), :mod:`.compose` puts effects on the node itself when
that draws the same, and definitions nothing refers to are dropped at the end.
"""
from __future__ import annotations

import math
import sys
from typing import Any, NamedTuple

from ..errors import node_context
from ..frozen import Record, field
from ..layout.boxes import RenderBox
from ..layout.build import LayoutResult
from ..layout.cull import CullScope, culled, inherits_transform, opacity, outside, preserves_3d
from ..limits import active, check_deadline
from ..style.computed_types import GroupedStyle
from ..style.paint_types import ClipReference, FilterFunction
from ..style.types import TransformOrigin
from ..svg import SvgNode, fmt
from .box import border_widths
from .clip import clip_path_shape, overflow_mask, overflow_region, shape_bounds
from .compose import clipped, transformed, unused_defs_removed, url
from .effects import composited
from .geometry import Radii, rect_path, resolve_radii
from .ids import node_id
from .inline_content import InlinePainter
from .outline import outline
from .rect import Drawn, draw_box, padding_edges
from .raster_cost import check_raster_cost
from .stacking import Stacking, check_effect_nesting
from .transform import (
    ROOT_STATE,
    TransformState,
    depth,
    is_back_facing,
    resolve_state,
    svg_matrix,
)

__all__ = ["Painter", "node_id"]

class _Plane(Record):
    depth: float
    nodes: list[SvgNode] = field(default_factory=list)


Clip = tuple[str | None, str | None]  # (clip path id, mask id)


class _Scope(NamedTuple):
    """What a box inherits from its parent for painting (a tuple: one is made per box)."""

    clip: str | None = None
    mask: str | None = None
    state: TransformState = ROOT_STATE
    stacking: Stacking | None = None
    formatting: str = "root"  # how the parent lays out its children: root, block, flex or grid
    parent_style: Any = None
    absolute: Clip = (None, None)  # the clip and mask of the containing block of absolutes
    fixed: Clip = (None, None)
    planes: list[_Plane] | None = None
    # The <clipPath>s of background-clip: text ancestors, and the transform states of those.
    text_clips: tuple[tuple[SvgNode, TransformState], ...] = ()
    text_background: bool = False  # whether such an ancestor has a background image
    # The clip of text shadows where it is not ``clip``: the overflow clip of a background-clip:
    # text ancestor without its glyphs (its ``clip`` is within them, which hid the shadows).
    shadow_clip: str | None = None
    cull: CullScope = CullScope()  # what decides whether a box outside the image is drawn
    effect_depth: int = 0  # offscreen layers of the ancestors (filter, opacity, mask, ...), nested


class _Traits(NamedTuple):
    """How a box paints, from its style and its parent's (see :meth:`Painter._traits`)."""

    position: str
    opacity: float
    preserve3d: bool
    inheriting: bool  # whether it draws with its ancestors' transform state
    state: TransformState
    hidden: bool  # behind the viewer, or back-facing with backfaceVisibility: hidden
    filters: tuple[FilterFunction, ...]
    has_clip_path: bool
    has_mask: bool
    fixed_cb: bool
    z_index: float | None
    blend: str | None
    is_context: bool  # establishes a stacking context
    layer: bool  # painted as a layer of its stacking context
    effect_depth: int  # the ancestors' nested offscreen layers and the box's own


def _number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, int) and not -_LARGEST <= value <= _LARGEST:
            return math.inf if value > 0 else -math.inf  # a zIndex of 400 digits, as Number() reads it
        return float(value)
    return None


_LARGEST = int(sys.float_info.max)  # past the largest double, float() raises OverflowError


def _outline_extent(style: GroupedStyle) -> float:
    """How far outside its box the outline of a box is drawn (``getOutlineExtent``)."""
    paint = style.paint
    if paint.outline_style in (None, "none"):
        return 0.0
    width = _number(paint.outline_width)
    return (3.0 if width is None else width) + max(_number(paint.outline_offset) or 0.0, 0.0)


def _within_padding_box(shape: SvgNode, width: float, height: float,
                        border: tuple[float, float, float, float]) -> bool:
    """Whether a clip-path shape of a box ``width`` x ``height`` lies in its padding box."""
    bounds = shape_bounds(shape)
    if bounds is None:
        return False
    top, right, bottom, left = border
    x0, y0, x1, y1 = bounds
    return x0 >= left and y0 >= top and x1 <= width - right and y1 <= height - bottom


def _effect_layers(style: Any, filters: tuple[FilterFunction, ...]) -> int:
    """The shadows, filter functions and background layers of an element: each is a layer the
    rasteriser draws and composes (``max_effect_layers``)."""
    paint = style.paint
    return (len(paint.box_shadow) + len(filters) + len(style.text.text_shadow) + len(paint.backdrop_filter or ())
            + len(paint.background_image or ()))


def _formatting(style: Any) -> str:
    inner = style.box.display_inner
    return inner if inner in ("flex", "grid") else "block"


class Painter(InlinePainter):
    def __init__(self, *, debug: bool = False) -> None:
        self.debug = debug
        self.defs: list[SvgNode] = []
        self.viewport = (0.0, 0.0)
        self.backdrop = False

    def document(self, result: LayoutResult) -> SvgNode:
        width, height = result.width, result.height
        self.viewport = (width, height)
        root = result.root
        scope = _Scope(parent_style=root.style, formatting="root")
        body: list[SvgNode] = []
        for child in root.children:
            body.extend(self.box(child, scope))
        svg = SvgNode("svg", {"width": width, "height": height,
                              "viewBox": f"0 0 {fmt(width)} {fmt(height)}",
                              "xmlns": "http://www.w3.org/2000/svg",
                              "enable-background": "new" if self.backdrop else None})
        defs = unused_defs_removed(self.defs, body)
        if defs:
            svg.children.append(SvgNode("defs", {}, defs))
        svg.children.extend(body)
        return svg

    # -- boxes -----------------------------------------------------------------------------

    def box(self, box: RenderBox, scope: _Scope | None = None) -> list[SvgNode]:
        """The nodes of ``box`` and its descendants that paint where it is in the tree."""
        scope = scope or _Scope()
        check_deadline(box.path)
        if not box.tag:
            return self._inline_content(box, scope)
        with node_context(box.path):
            return self._element(box, scope)

    def _traits(self, box: RenderBox, scope: _Scope) -> _Traits:
        style = box.style
        paint, own_box = style.paint, style.box
        r = box.rect
        position = own_box.position
        used_opacity = opacity(paint)
        preserve3d = preserves_3d(paint)
        perspective = paint.perspective
        parent_perspective = scope.parent_style is not None and scope.parent_style.paint.perspective is not None
        own = paint.transform
        # Boxes that set up 3D for their children, and their children, get a state of their own.
        inheriting = inherits_transform(style, scope.parent_style)
        state = scope.state
        if not inheriting:
            origin, perspective_origin = paint.transform_origin, paint.perspective_origin
            state = resolve_state(tuple(own or ()), (r.x, r.y, r.width, r.height),
                                  origin if isinstance(origin, TransformOrigin) else None, scope.state,
                                  preserve3d=preserve3d, perspective=perspective,
                                  perspective_origin=perspective_origin
                                  if isinstance(perspective_origin, TransformOrigin) else None)
        filters: tuple[FilterFunction, ...] = paint.filter or ()
        has_clip_path = paint.clip_path is not None
        has_mask = paint.mask_image is not None
        backdrop = bool(paint.backdrop_filter)
        # Properties that make the box the containing block of its fixed descendants.
        fixed_cb = preserve3d or perspective is not None or bool(own) or bool(filters) or backdrop
        z = _number(own_box.z_index)
        z_index = z if z is not None and (position != "static" or scope.formatting in ("flex", "grid")) else None
        blend: str | None = paint.mix_blend_mode
        blend = blend if blend and blend != "normal" else None
        back_hidden = paint.backface_visibility == "hidden"
        is_context = (scope.stacking is None or blend is not None or paint.isolation == "isolate"
                      or z_index is not None or position in ("fixed", "sticky") or fixed_cb
                      or used_opacity < 1 or has_clip_path or has_mask or scope.planes is not None
                      or parent_perspective or back_hidden)
        is_float = own_box.float_ != "none" and scope.formatting == "block"
        budget = active()
        budget.check_layers(_effect_layers(style, filters), "shadows, filter functions and background layers")
        # resvg renders each of these into an offscreen layer of the canvas' size, recursively.
        effect_depth = scope.effect_depth + sum((bool(filters), used_opacity < 1, has_clip_path, has_mask,
                                                 blend is not None, backdrop))
        check_effect_nesting(effect_depth)
        return _Traits(
            position=position, opacity=used_opacity, preserve3d=preserve3d, inheriting=inheriting, state=state,
            hidden=state.behind_viewer or (back_hidden and is_back_facing(state)),
            filters=filters, has_clip_path=has_clip_path, has_mask=has_mask, fixed_cb=fixed_cb, z_index=z_index,
            blend=blend, is_context=is_context,
            layer=scope.stacking is not None and scope.planes is None
            and (position != "static" or is_context or is_float), effect_depth=effect_depth)

    def _element(self, box: RenderBox, scope: _Scope) -> list[SvgNode]:
        style = box.style
        r = box.rect
        uid = node_id(box.path)
        t = self._traits(box, scope)
        matrix = svg_matrix(t.state)
        clip, mask = scope.absolute if t.position == "absolute" else scope.fixed \
            if t.position == "fixed" else (scope.clip, scope.mask)
        if t.blend and scope.stacking is not None:
            scope.stacking.blending = True
        stacking = Stacking() if t.is_context else scope.stacking

        # The clip and mask of the element's shapes and of its descendants'.
        text_clip_id = f"bct-{uid}" if style.paint.background_clip == "text" else None
        border = border_widths(style)
        radii = resolve_radii(style, r.width, r.height)
        padding = padding_edges(box)
        first_def = len(self.defs)
        own_clip_path, child_clip, overflow_masks, shadow_clip = self._clips(
            box, uid, matrix, clip, t.has_clip_path, bool(t.filters), border, radii, padding, text_clip_id)
        if shadow_clip is None and child_clip == clip == scope.clip:  # no clip of its own
            shadow_clip = scope.shadow_clip
        clip_defs = self.defs[first_def:]  # resvg fills their shapes too (raster_cost: their reach)
        mask_id = f"mi-{uid}"
        mask_defs: list[SvgNode] = []
        if t.has_mask:
            from .mask import build_mask  # here: masks (and the gradients they use) are rare

            mask_defs = build_mask(mask_id, (r.x, r.y, r.width, r.height), style, padding=padding,
                                   border=border, images=box.layer_images)
        self.defs.extend(mask_defs)
        # The element and its descendants take its mask image instead of their ancestors' mask.
        own_mask = mask_id if mask_defs else mask
        child_mask = own_mask
        if overflow_masks:  # the reference's content mask of `overflow`, within the element's mask
            child_mask = f"om-{uid}"
            overflow_masks[0].attrs["mask"] = url(own_mask)
            self.defs.append(SvgNode("mask", {"id": child_mask}, overflow_masks))
            clip_defs.append(self.defs[-1])
        if clip_defs:  # (a clipPath's path() is the input's own: measured untransformed too)
            check_raster_cost(clip_defs, self.viewport, matrix, box.path, laid_out=False, prop="clipPath")
        mine: Clip = (child_clip, child_mask)
        # Its own clip path (within the ancestors' clip) clips its shapes, as in a browser; the
        # reference (0.63.2) clips them by the ancestors' clip only when there is one (a bug).
        own_clip = own_clip_path or clip
        clips_absolutes = t.has_clip_path or bool(mask_defs)
        absolute = mine if (t.position != "static" or t.fixed_cb or clips_absolutes) else scope.absolute
        fixed = mine if (t.fixed_cb or clips_absolutes) else scope.fixed

        planes = (scope.planes if scope.planes is not None else []) if t.preserve3d else None
        context_planes = scope.planes if scope.planes is not None else planes
        plane = None
        if context_planes is not None:
            d = depth(t.state, r.x + r.width / 2, r.y + r.height / 2)
            # Rounded so that planes at the same depth compare equal.
            plane = _Plane(round(d * 1e6) / 1e6 if math.isfinite(d) else 0.0)
            context_planes.append(plane)
        slot: list[SvgNode] = []
        if t.layer and scope.stacking is not None:  # added before the descendants add theirs
            scope.stacking.layers.append((t.z_index or 0.0, slot))

        text_clips, text_background = scope.text_clips, scope.text_background
        if text_clip_id is not None:
            collector = SvgNode("clipPath", {"id": text_clip_id, "clip-path": url(clip)})
            self.defs.append(collector)
            text_clips = text_clips + ((collector, t.state),)
            text_background = text_background or bool(style.paint.background_image)

        # Boxes entirely outside the image are not drawn, unless transformed or defining the
        # clips of their descendants (which are checked by themselves).
        cull = scope.cull.child(style, scope.parent_style)
        always_drawn = cull.always_drawn
        drawn = Drawn() if culled(self.viewport, r, style, cull, defines_clips=mine != (clip, mask)) else draw_box(
            style, (r.x, r.y, r.width, r.height), padding=padding, border=border, radii=radii,
            image=box.image, under_transform=always_drawn, uid=uid,
            matrix=matrix, clip=own_clip, mask=own_mask,
            viewport=self.viewport,
            text_clip=text_clip_id, images=box.layer_images, debug=self.debug)
        self.defs.extend(drawn.defs)
        if drawn.nodes or drawn.defs:  # (most boxes draw nothing: the checks cost ~1.5 us each)
            budget = active()
            # (a kept drawing's: checked already under these limits at this raster scale)
            checked_under = (budget.limits, budget.raster_scale)
            if drawn.checked != checked_under:
                check_raster_cost((*drawn.nodes, *drawn.defs), self.viewport, matrix, box.path)
                drawn.checked = checked_under
        if mask_defs:
            check_raster_cost(mask_defs, self.viewport, matrix, box.path, tiles="maskImage")
        self.backdrop = self.backdrop or drawn.backdrop

        formatting = _formatting(style)
        child_scope = _Scope(clip=child_clip, mask=child_mask, state=t.state, stacking=stacking,
                             formatting=formatting, parent_style=style, absolute=absolute,
                             fixed=fixed, planes=planes if planes is not None else scope.planes,
                             text_clips=text_clips, text_background=text_background,
                             cull=cull, effect_depth=t.effect_depth, shadow_clip=shadow_clip)
        children = list(box.children)
        if formatting in ("flex", "grid"):
            children.sort(key=lambda c: int(_number(c.style.box.order) or 0) if c.tag else 0)
        content = [node for child in children for node in self.box(child, child_scope)]
        # The outline: over the in-flow content, under positioned descendants, clipped by the
        # ancestors' clip only.
        if style.text.visibility != "hidden" and not (not always_drawn and outside(
                self.viewport, r.x, r.y, r.width, r.height, _outline_extent(style) + cull.margin)):
            shapes, defs = outline(r.x, r.y, r.width, r.height, style, radii, f"ol-{uid}")
            self.defs.extend(defs)
            if shapes:
                check_raster_cost(shapes, self.viewport, matrix, box.path)
            content.extend(clipped(transformed(shapes, matrix), clip, mask))

        result: list[SvgNode] = []
        if not (t.hidden or t.opacity <= 0):
            result = drawn.nodes + (stacking.paint(content) if t.is_context and stacking else content)
        result = self._effects(result, t, uid, own_clip_path,
                               isolate=t.is_context and stacking is not None and stacking.blending
                               and scope.stacking is not None)

        if plane is not None:
            plane.nodes = result
            if scope.planes is not None:
                return []  # the box that set up the 3D rendering context draws its planes
            result = [n for p in sorted(context_planes or [], key=lambda p: p.depth) for n in p.nodes]
        if t.layer:
            slot.extend(result)
            return []
        return result

    def _effects(self, result: list[SvgNode], t: _Traits, uid: str, own_clip_path: str | None, *,
                 isolate: bool) -> list[SvgNode]:
        """The element with its descendants filtered, then with its opacity and blend mode."""
        # The element's own clip path clips the filtered result (e.g. a blur's edges), unless
        # it is transformed.
        defs, result = composited(result, filters=t.filters, opacity=t.opacity, blend=t.blend, isolate=isolate,
                                  filter_id=f"f-{uid}", viewport=self.viewport,
                                  clip_filtered=own_clip_path if t.inheriting else None)
        self.defs.extend(defs)
        return result

    # -- clips of descendants ----------------------------------------------------------------

    def _clips(self, box: RenderBox, uid: str, matrix: str | None, inherited: str | None,
               has_clip_path: bool, filtered: bool, border: tuple[float, float, float, float], radii: Radii,
               padding: tuple[float, float, float, float],
               text_clip: str | None = None) -> tuple[str | None, str | None, list[SvgNode] | None, str | None]:
        """(the element's ``clipPath`` id, the clip path id of its descendants, the content
        of their ``overflow`` mask if they need one, the clip path id of their text shadows
        if not the same); defines the clip paths.

        The element's clip path is its shape (in its untransformed box) within
        ``inherited``; descendants are clipped to it and, like by the
        reference's content mask, to the padding box (the ``overflow`` region
        with ``overflow: hidden``, drawn with the element's transform). With
        ``background-clip: text`` (``text_clip``, the glyphs' clip path, itself
        within ``inherited``) the clip paths defined here are within the glyphs,
        as in the reference: e.g. ``overflow: hidden`` then hides the element's
        emoji images and clips its painted text to itself. Text shadows are not hidden
        with the glyphs: the overflow clip is defined once more without them for those (the
        reference draws them, as a browser does). ``border``, ``radii`` and
        ``padding`` are the box's used border widths, fitted radii and resolved padding.
        """
        style = box.style
        r = box.rect
        overflow = style.box.overflow == "hidden"
        own = shadow_chain = None
        chain = inherited
        within = text_clip or inherited  # what a clip path defined here is clipped by
        clip_path = style.paint.clip_path
        shape = clip_path_shape(clip_path, r.width, r.height, style) \
            if clip_path is not None and not isinstance(clip_path, ClipReference) else None
        # A value no shape reads is a reference to a clip path that does not exist, which
        # renderers ignore: nothing is clipped by it. Defined only when something uses it.
        if shape is not None:
            own = f"cp-{uid}"
            # In the element's transformed box, as a browser clips (the reference leaves the
            # clip path untransformed, a bug: a rotated element's shape did not turn with it).
            moved = " ".join(part for part in (matrix, f"translate({fmt(r.x)}, {fmt(r.y)})" if r.x or r.y else None)
                             if part) or None
            self.defs.append(SvgNode("clipPath", {"id": own, "clip-path": url(within)}, [SvgNode(
                shape.tag, {**shape.attrs, "transform": moved})]))
            chain = within = own
        if not overflow and shape is not None and _within_padding_box(shape, r.width, r.height, border):
            return own, chain, None, None  # the padding box would clip nothing more than the shape does
        masks = None
        if (overflow or has_clip_path) and box.children:  # nothing to clip without descendants
            if overflow:
                masks = overflow_mask(r.x, r.y, r.width, r.height, style, radii, border, padding, matrix)
                d = rect_path(r.x, r.y, r.width, r.height, radii) if masks else \
                    overflow_region(r.x, r.y, r.width, r.height, style, radii, border, padding)
            else:
                top, right, bottom, left = border
                d = rect_path(r.x + left, r.y + top, r.width - left - right, r.height - top - bottom)
            clip_id = f"oc-{uid}"
            region = SvgNode("path", {"d": d, "transform": matrix if overflow else None})
            self.defs.append(SvgNode("clipPath", {"id": clip_id, "clip-path": url(within)}, [region]))
            chain = clip_id
            if text_clip is not None and within == text_clip:  # (a clip path shape: left within)
                shadow_chain = f"ocs-{uid}"
                self.defs.append(SvgNode("clipPath", {"id": shadow_chain, "clip-path": url(inherited)},
                                         [SvgNode("path", dict(region.attrs))]))
        return own, chain, masks, shadow_chain
