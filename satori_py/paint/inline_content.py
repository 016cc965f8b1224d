"""Paints a paragraph's inline content (an anonymous box): inline boxes, text runs and atomic
inlines, in tree order.

Mirrors the reference, where an inline box is an element of the paint recursion
(``layout.ts``): its fragments' backgrounds, borders and shadows are drawn where the box
is in the tree, then its content (text runs, nested inline boxes, atomic inlines), so
text before a box is under its background and text after it over it. Like any element:

* an inline box with ``opacity < 1`` is one group, its fragments, text and atomic inlines
  faded together (its text is not seen through its own background);
* its ``filter`` and ``mixBlendMode`` apply to that group as an element's do (filter, then
  opacity, then blend mode: :mod:`.effects`);
* its ``maskImage`` masks that group (filter, then mask, then opacity), each fragment with the
  layers positioned in its own box, as the reference positions them on the backgrounds (a
  browser's default ``box-decoration-break: slice`` lays them over the fragments end to end,
  which differs from the second line on). The reference masks only the backgrounds: its text
  refers to a mask id that is never written, which resvg ignores; a browser masks the text too,
  and so does satori-py;
* its ``clipPath`` shape clips that group (with the mask: filter, then clip and mask, then
  opacity), each fragment to the shape in its own box, as the mask. A browser clips an inline
  box (the reference ignores the property there, a plain omission); how the shape falls on a
  box broken across lines is not settled (csswg-drafts#6383), and per fragment is how this
  paints the span's backgrounds and mask, and what every reading gives on one line;
* a positioned inline box, or one that makes a stacking context (``opacity < 1``, a filter,
  a blend mode, ``isolation: isolate``, ``zIndex`` when positioned,
  ``position: fixed|sticky``), is a layer of the nearest stacking context: painted after
  that context's in-flow content, by ``zIndex``, and the layers of its own content are
  painted inside it.

``transform``, ``overflow`` and sizes do not apply to inline boxes (as in the reference and a
browser): the layout stage reports them.
"""
from __future__ import annotations

from itertools import groupby
from typing import Any, NamedTuple

from ..errors import node_context
from ..layout.boxes import RenderBox
from ..layout.cull import filter_extent, opacity
from ..limits import active
from ..style.paint_types import ClipReference, FilterFunction
from ..svg import SvgNode, fmt, nodes_weight
from ..text.render import TextDrawing
from .box import border_widths
from .clip import clip_path_shape
from .compose import clipped, transformed_under_filters, url
from .effects import composited
from .geometry import resolve_radii
from .ids import node_id
from .raster_cost import check_raster_cost
from .rect import draw_box
from .stacking import Stacking, check_effect_nesting
from .text import paint_drawing, texts_clip_shapes
from .text_shadow import text_shadow_extent
from .transform import matrix_stretch, relative_matrix, svg_matrix

__all__ = ["InlinePainter"]

# A fragment of an inline box on one line: (path, x, y, width, height, is_first, is_last).
Fragment = tuple[str, float, float, float, float, bool, bool]


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _check_clip_copies(clip_shape: Any, style: Any, fragments: list[tuple[int, Fragment]], path: str) -> None:
    """LimitError when an inline box's clip path, written once per line, would be over
    ``max_css_length`` characters in all: a long polygon on a span over a thousand lines
    wrote 46 MB of SVG in 27 s."""
    *_, width, height, _, _ = fragments[0][1]
    copy = nodes_weight([clip_path_shape(clip_shape, width, height, style)])
    active().check_css(copy * len(fragments), f"The clipPath of an inline box, drawn on each of its {len(fragments)} "
                       "lines,", path, "clipPath")


def _casts_text_shadow(node: SvgNode) -> bool:
    """Whether ``node`` is glyphs drawn through their text shadows' filter, or the filter's
    ``<defs>`` before them (an emoji image is not: a background-clip: text ancestor's glyph
    clip hides it with its shadow, as in the reference)."""
    shadow = node.attrs.get("filter")
    return node.tag == "defs" or (node.tag != "image" and isinstance(shadow, str)
                                  and shadow.startswith("url(#satori_s-"))


def _clipped_texts(texts: list[SvgNode], matrix: str | None, scope: Any) -> list[SvgNode]:
    """A paragraph's text nodes with the descendants' clip and mask; shadowed glyphs take the
    scope's ``shadow_clip`` where there is one (an overflow clip within a background-clip: text
    ancestor's glyphs would clip their shadows away: the reference and browsers draw them)."""
    if scope.shadow_clip is None:
        return clipped(transformed_under_filters(list(texts), matrix), scope.clip, scope.mask)
    out: list[SvgNode] = []
    for shadowed, run in groupby(texts, key=_casts_text_shadow):
        out.extend(clipped(transformed_under_filters(list(run), matrix),
                           scope.shadow_clip if shadowed else scope.clip, scope.mask))
    return out


class _Frame(NamedTuple):
    """An inline box being painted (the paragraph itself at the bottom of the stack)."""

    path: str | None
    nodes: list[SvgNode]  # its content's
    scope: Any  # the painter's scope its content paints in
    shapes: tuple[SvgNode, ...] = ()  # its fragments' backgrounds, borders and shadows
    opacity: float = 1.0
    filters: tuple[FilterFunction, ...] = ()
    blend: str | None = None  # its mix-blend-mode, when not normal
    mask: str | None = None  # the id of the mask of its maskImage and clipPath
    stacking: Stacking | None = None  # the stacking context it makes
    slot: list[SvgNode] | None = None  # its layer in the enclosing stacking context


class InlinePainter:
    """The :class:`~.painter.Painter`'s part that draws anonymous boxes."""

    defs: list[SvgNode]
    viewport: tuple[float, float]
    debug: bool

    def box(self, box: RenderBox, scope: Any = None) -> list[SvgNode]:
        raise NotImplementedError  # the painter's

    def _inline_content(self, box: RenderBox, scope: Any) -> list[SvgNode]:
        """An anonymous box: its paragraph's content, in tree order."""
        out: list[SvgNode] = []
        layout = box.paragraph_layout
        if layout is None:
            return out
        r = box.rect
        matrix = svg_matrix(scope.state)
        fragments: dict[str, list[tuple[int, Fragment]]] = {}
        for index, fragment in enumerate(layout.box_fragments):
            fragments.setdefault(fragment[0], []).append((index, fragment))
        # Hidden text is left out by the text painter, per inline box; so is text outside the
        # image, unless a transform may bring it in (megabytes of it would cost as much as any).
        visible = None if scope.cull.always_drawn else self._visible_text(box, scope)
        prefix = node_id(box.path)
        frames = [_Frame(None, out, scope)]
        drawings: list[TextDrawing] = []
        texts: list[SvgNode] = []  # the text of the innermost box not yet added to it

        def add_texts() -> None:
            # Adjacent runs share their clip and transform group.
            if texts:
                check_raster_cost(texts, self.viewport, matrix, box.path, coordinates=scope.cull.always_drawn)
                frames[-1].nodes.extend(_clipped_texts(texts, matrix, scope))
                texts.clear()

        for kind, value in layout.content(r.x, r.y, visible):
            if isinstance(value, TextDrawing):
                texts.extend(paint_drawing(value, len(drawings), id_prefix=prefix,
                                           clip_text_background=scope.text_background,
                                           user_space=matrix is None, stretch=matrix_stretch(matrix)))
                drawings.append(value)
                continue
            add_texts()
            if kind == "atomic" and value in box.atomics:
                frames[-1].nodes.extend(self.box(box.atomics[value], frames[-1].scope))
            elif kind == "open":
                frames.append(self._open_inline_box(box, value, fragments.get(value, []), frames[-1].scope,
                                                    matrix))
            elif kind == "close" and len(frames) > 1 and frames[-1].path == value:
                frame = frames.pop()
                frames[-1].nodes.extend(self._closed(frame))
        add_texts()
        while len(frames) > 1:  # (every box is closed by the end of its paragraph)
            frame = frames.pop()
            frames[-1].nodes.extend(self._closed(frame))
        for collector, owner in scope.text_clips:
            # In the user space of the clipped backgrounds, which are drawn with their element's
            # transform; shapes in a <clipPath> take it themselves (it cannot hold a <g>).
            relative = relative_matrix(owner, scope.state)
            collector.children.extend(SvgNode(n.tag, {**n.attrs, "transform": relative}, n.children, n.text)
                                      if relative else n
                                      for n in texts_clip_shapes(layout.drawings(r.x, r.y, None) if relative
                                                                 else drawings))
        return out

    def _visible_text(self, box: RenderBox, scope: Any) -> tuple[float, float, float, float]:
        """The image, grown by what filters and text shadows can bring into it."""
        margin = scope.cull.margin + max(text_shadow_extent(s) for s in (box.style, *box.inline_styles.values()))
        margin += max((filter_extent(s.paint.filter or ()) for s in box.inline_styles.values()), default=0.0)
        width, height = self.viewport
        return (-margin, -margin, width + margin, height + margin)

    def _open_inline_box(self, box: RenderBox, path: str, fragments: list[tuple[int, Fragment]], scope: Any,
                         matrix: str | None) -> _Frame:
        """An inline box starts: its frame, holding its fragments' shapes (per line; a fragment
        has the box's start (end) edge only where the box starts (ends))."""
        style = box.inline_styles.get(path)
        if style is None:
            return _Frame(path, [], scope)
        own_opacity = opacity(style.paint)
        filters: tuple[FilterFunction, ...] = style.paint.filter or ()
        blend: str | None = style.paint.mix_blend_mode
        blend = blend if blend and blend != "normal" else None
        position = style.box.position
        z = _number(style.box.z_index) if position != "static" else None
        # A clip path naming no shape clips nothing (as on an element), but makes a context.
        clip_path = style.paint.clip_path
        clip_shape = None if isinstance(clip_path, ClipReference) else clip_path
        masked = style.paint.mask_image is not None or clip_shape is not None
        is_context = clip_path is not None or masked or (
            own_opacity < 1 or bool(filters) or blend is not None or style.paint.isolation == "isolate"
            or z is not None or position in ("fixed", "sticky"))
        if blend is not None and scope.stacking is not None:
            scope.stacking.blending = True  # (that context is isolated: see _closed)
        slot: list[SvgNode] | None = None
        if scope.stacking is not None and scope.planes is None and (position != "static" or is_context):
            slot = []  # added before its content adds its own layers: tree order
            scope.stacking.layers.append((z or 0.0, slot))
        depth = scope.effect_depth + (own_opacity < 1) + bool(filters) + (blend is not None) + masked
        with node_context(path):
            check_effect_nesting(depth)
        stacking = Stacking() if is_context else None
        if clip_shape is not None and fragments:
            _check_clip_copies(clip_shape, style, fragments, path)
        nodes: list[SvgNode] = []
        masks: list[SvgNode] = []  # a white rect per fragment, masked by its layers
        uid = node_id(path)
        r = box.rect
        for index, (_, fx, fy, fw, fh, first, last) in fragments:
            changes: dict[str, Any] = {}
            for edge, keep in (("Left", first), ("Right", last)):
                if not keep:
                    changes.update({f"border{edge}Width": 0.0, f"padding{edge}": 0.0,
                                    f"borderTop{edge}Radius": (0.0, 0.0), f"borderBottom{edge}Radius": (0.0, 0.0)})
            fragment_style = style.replace(**changes) if changes else style
            own = fragment_style.box
            padding = (float(_number(own.padding_top) or 0.0), float(_number(own.padding_right) or 0.0),
                       float(_number(own.padding_bottom) or 0.0), float(_number(own.padding_left) or 0.0))
            fragment_box = (r.x + fx, r.y + fy, fw, fh)
            with node_context(path):
                if masked:
                    masks.append(self._fragment_mask(f"{uid}-{index}", fragment_box, fragment_style, padding,
                                                     clip_shape, box))
                drawn = draw_box(fragment_style, fragment_box, padding=padding,
                                 border=border_widths(fragment_style), radii=resolve_radii(fragment_style, fw, fh),
                                 uid=f"{uid}-{index}", matrix=matrix, clip=scope.clip, mask=scope.mask,
                                 viewport=self.viewport, images=box.layer_images,
                                 debug=self.debug, keep=not changes)  # a changed style is new each time
            self.defs.extend(drawn.defs)
            nodes.extend(drawn.nodes)
        mask_id = None
        if any(m.attrs.get("mask") is not None or m.attrs.get("clip-path") is not None for m in masks):
            # What is outside every fragment is hidden, as outside an element's border box.
            mask_id = f"mi-{uid}"
            self.defs.append(SvgNode("mask", {"id": mask_id}, masks))
        return _Frame(path, [], scope._replace(stacking=stacking or scope.stacking, effect_depth=depth),
                      tuple(nodes), own_opacity, filters, blend, mask_id, stacking, slot)

    def _fragment_mask(self, fid: str, fragment_box: tuple[float, float, float, float], style: Any,
                       padding: tuple[float, float, float, float], clip_shape: Any, box: RenderBox) -> SvgNode:
        """What a fragment shows of its inline box's group, white in the box's mask: the
        fragment, masked by its ``maskImage`` layers (not masked when they are all ``none``) and
        clipped by its ``clipPath`` shape, each in the fragment's own box (a shape larger than
        the fragment does not uncover the other lines' content). Not turned by a transformed
        ancestor, as an element's mask and clip path are not in the reference."""
        x, y, width, height = fragment_box
        clip_id = mask_id = None
        if clip_shape is not None:
            shape = clip_path_shape(clip_shape, width, height, style)
            moved = f"translate({fmt(x)}, {fmt(y)})" if x or y else None
            clip_id = f"cpi-{fid}"
            self.defs.append(SvgNode("clipPath", {"id": clip_id}, [SvgNode(shape.tag, {**shape.attrs, "transform": moved})]))
        if style.paint.mask_image is not None:
            from .mask import build_mask  # here: masks (and the gradients they use) are rare

            mask_defs = build_mask(f"mi-{fid}", fragment_box, style, padding=padding, border=border_widths(style),
                                   images=box.layer_images)
            self.defs.extend(mask_defs)
            mask_id = f"mi-{fid}" if mask_defs else None
        return SvgNode("rect", {"x": x, "y": y, "width": width, "height": height, "fill": "#fff",
                                "mask": url(mask_id), "clip-path": url(clip_id)})

    def _closed(self, frame: _Frame) -> list[SvgNode]:
        """What an inline box adds where it is in its parent once its content is painted."""
        # Its own shapes, then its stacking context's layers below zIndex 0, its content, the others.
        content = frame.stacking.paint(frame.nodes) if frame.stacking is not None else frame.nodes
        # A stacking context with blended content isolates it from what is behind, as an element's.
        isolate = frame.stacking is not None and frame.stacking.blending
        nodes = [*frame.shapes, *content]
        filter_id = f"f-{node_id(frame.path or '')}"
        filters = frame.filters
        if frame.mask is not None:  # after the filter, before the opacity
            defs, nodes = composited(nodes, filters=filters, opacity=1.0, blend=None, isolate=False,
                                     filter_id=filter_id, viewport=self.viewport)
            self.defs.extend(defs)
            nodes, filters = clipped(nodes, None, frame.mask), ()
        defs, nodes = composited(nodes, filters=filters, opacity=frame.opacity, blend=frame.blend, isolate=isolate,
                                 filter_id=filter_id, viewport=self.viewport)
        self.defs.extend(defs)
        if frame.slot is not None:
            frame.slot.extend(nodes)
            return []
        return nodes
