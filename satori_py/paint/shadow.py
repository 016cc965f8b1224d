"""``boxShadow``: outer and inset shadows of a box, drawn as the reference draws them.

Mirrors the reference's ``builder/shadow.ts`` (``boxShadow``). Each shadow is
the box's shape (filled and stroked white, the stroke as wide as twice the
spread) moved by the offset and blurred with a standard deviation of half
the blur radius; the blurred alpha is filled with the colour (``in``), or,
inset, its complement (``out``). A user-space mask keeps outer shadows off
the box and inset ones inside it. Shadows are listed top first, so they are
drawn last to first; outer ones go under the box, inset ones over it (and
over its border).

Kept from the reference:

* An inset shadow's spread is negated, so a positive one draws a negative
  ``stroke-width`` (which renderers ignore), and a negative spread (or a
  positive inset one) adds a mask that cuts a band of the spread off the
  moved shape.
* The filter region is the box grown by ``blur^2 / 4 + spread`` on each side
  (which cuts off the tail of small blurs).
* The shadow's shape carries the element's transform and mask. (It is not
  clipped: :mod:`.rect` clips the drawn shadows by the element's clip path and
  its ancestors', as a browser does, where the reference clips the shape and
  lets the blur reach past the clip.)

Leaner than the reference, for the same pixels (resvg's time goes with the
filter's area):

* Without a transform, the region is cut to what can reach the image: the
  image grown by the blur's reach (3 standard deviations and a pixel or two of
  rounding) on each side, and, for an outer shadow, the moved shape grown by
  its spread and that reach; written in user space. A large blur's region of
  ``blur^2 / 4`` would otherwise cover many times the image.
* An outer shadow without blur needs no filter: the moved shape is filled
  with the colour and drawn at its alpha.
* A blurred outer shadow blurs the moved shape filled with the colour, drawn at
  the colour's alpha, instead of flooding the colour into the blurred white
  shape: one filter primitive instead of three over the region. The colour is
  the one the reference's flood leaves (:func:`_flooded`): its alpha rounded to
  8 bits (``rgba(0,0,0,0.1)`` floods 26/255, not 25.5: the exact alpha drew
  shadows a level or two lighter over all their area) and its channels through
  the linearRGB round trip (dark ones fall to the next value it can hold:
  ``rgb(1,2,3)`` comes out black).
* Filters run in sRGB (``color-interpolation-filters``), not linearRGB: a flood
  of one colour gains nothing from the round trip, which cost resvg two passes
  over the region per primitive (pixels move by a few levels at most). Except
  where the colour would show it (:func:`_flood_shows`: a dark or faint colour,
  whose channels the reference's 8-bit premultiplied flood rounds away where the
  blur is faint): there the reference's filter runs, outer or inset, in
  linearRGB, its colour flooded as written (a badge's glow, or a white card's on
  a white page, is most of the ink).
* In user space, the mask that keeps the shadow off (or inside) the box covers
  the filter region only, not resvg's default of 1.44 times the image; an outer
  shadow's (of a box without a mask) is a clip path instead: the region less
  the box, even-odd (within a level; no luminance pass over the region).
* A large box's blurred outer shadow is drawn in pieces (:mod:`.shadow_split`):
  its straight edges as gradients of resvg's own blur profile, the filter run
  only over the corners.
* A round box's (a circle, or a rounded square nearly one) is a radial gradient
  of the blur's profile (:mod:`.shadow_round`), without a filter.
* Those gradients' stops take the colour the reference's 8-bit linearRGB flood
  leaves at their alpha (:func:`_faint_colour`: a faint tail loses the dark
  channels), not the one colour.
"""
from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import Any

from ..cache import BoundedCache
from ..limits import active
from ..style.types import RGBA, Shadow
from ..svg import SvgNode, nodes_weight
from .compose import url, wrap_one
from .geometry import Radii, rect_path
from .shadow_round import round_profile
from .shadow_split import Band, Corner, Rect, profile_stops, split_shadow
from .transform import matrix_stretch

__all__ = ["blur_reach", "box_shadows"]


# Smaller blurs keep one filter: their regions are small, the reference's region cuts their
# tail, and resvg blurs them another way (IIR, not box blurs).
_SPLIT_BLUR = 8


def _shape(x: float, y: float, w: float, h: float, radii: Radii, attrs: Mapping[str, Any]) -> SvgNode:
    if radii.any:
        return SvgNode("path", {"d": rect_path(x, y, w, h, radii), **attrs})
    return SvgNode("rect", {"x": x, "y": y, "width": w, "height": h, **attrs})


def blur_reach(blur: float) -> int:
    """How far a blur of ``blur`` px (standard deviation blur / 2) spreads: resvg's
    three box blurs reach 3 standard deviations, plus pixel rounding."""
    return math.ceil(1.5 * blur) + 2


def _to_linear(value: int) -> int:
    """An 8-bit sRGB channel as resvg's filters hold it: 8-bit linearRGB."""
    s = value / 255
    return round(255 * (s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4))


def _to_srgb(level: float) -> int:
    """A linearRGB level (0-255) back to an 8-bit sRGB channel."""
    linear = min(max(level, 0.0), 255.0) / 255
    return round(255 * (linear * 12.92 if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055))


_LINEAR = tuple(_to_linear(v) for v in range(256))
_ROUND_TRIP = tuple(_to_srgb(_LINEAR[v]) for v in range(256))


def _faint_rgb(r: int, g: int, b: int, flood: int, level: int) -> tuple[int, int, int]:
    """:func:`_faint_colour`'s channels."""
    blurred = level * 255 / flood  # the blurred shape's alpha under the flood's

    def channel(c: int) -> int:
        return _to_srgb(round(round(_LINEAR[c] * flood / 255) * blurred / 255) * 255 / level)
    return channel(r), channel(g), channel(b)


@functools.lru_cache(maxsize=4096)
def _faint_colour(r: int, g: int, b: int, flood: int, level: int) -> str:
    """The colour of a pixel of the reference's blurred outer shadow whose alpha is ``level``
    (of 255), the shadow's colour ``r, g, b`` (flooded: :func:`_flooded`) at alpha ``flood``:
    its filter works in 8-bit premultiplied linearRGB, the flood's channels multiplied by its
    alpha, then by the blurred alpha, each rounded, so where the shadow is faint a dark
    channel's few levels round away (a faint rgba(37, 99, 235, 0.25) glow has no red left,
    and darkens the page's red 18 % more than the colour would). Gradient stops of that
    opacity take it; one colour all over drew such glows a few levels light over their whole
    tail (3.3 % of the ink of a card with one)."""
    return RGBA(*_faint_rgb(r, g, b, flood, level)).to_css()


@functools.lru_cache(maxsize=1024)
def _flood_shows(r: int, g: int, b: int, flood: int) -> bool:
    """Whether one colour ``r, g, b`` (flooded) at alpha ``flood`` (of 255) draws a blurred shadow
    a level or more off the reference's 8-bit linearRGB flood at some alpha (:func:`_faint_colour`):
    a dark or faint colour's channels round away (slate rgba(30, 41, 59, 0.18) keeps no red at
    any alpha); black's and white's do not."""
    return any(abs(c - f) * level >= 255
               for level in range(1, flood + 1)
               for c, f in zip((r, g, b), _faint_rgb(r, g, b, flood, level)))


def _stop_colour(color: RGBA, opacity: float) -> str:
    """The colour of a gradient stop of a blurred outer shadow drawn at ``opacity``."""
    flood, level = round(color.a * 255), round(opacity * 255)
    if flood <= 0 or level <= 0:
        return RGBA(color.r, color.g, color.b).to_css()
    return _faint_colour(round(color.r), round(color.g), round(color.b), flood, min(level, flood))


def _flooded(shadow: Shadow) -> Shadow:
    """``shadow`` in the colour the reference's filter leaves: its flood (linearRGB, the
    default) takes the channels to 8-bit linear values and back, and rounds the alpha to 8
    bits (half up); the alpha written to 4 decimals (within 0.02 of a level). Ours run in
    sRGB (see the module's docstring), so the colour is converted once here."""
    c = shadow.color
    r, g, b = (_ROUND_TRIP[min(max(round(v), 0), 255)] for v in (c.r, c.g, c.b))
    a = round(math.floor(c.a * 255 + 0.5) / 255, 4)
    if (r, g, b, a) == (c.r, c.g, c.b, c.a):
        return shadow
    return Shadow(shadow.offset_x, shadow.offset_y, shadow.blur, RGBA(r, g, b, a), shadow.spread, shadow.inset)


def _count_region(width: int, height: int) -> None:
    active().count_region(width, height, what="The region of the box shadow", prop="boxShadow")


def _count(width: int, height: int, counted: list[tuple[int, int]]) -> None:
    _count_region(width, height)
    counted.append((width, height))


def _region(shadow: Shadow, spread: float, box: tuple[float, float, float, float],
            canvas: tuple[float, float] | None, transform: str | None, counted: list[tuple[int, int]]
            ) -> dict[str, Any]:
    """The filter region: the reference's, cut to ``canvas`` grown by the blur's reach
    when the shadow is drawn in the image's own coordinates (``canvas`` given). A region
    filtered is counted against the limits, and added to ``counted``."""
    x, y, width, height = box
    filtered = shadow.blur > 0 or shadow.inset or spread < 0  # drawn through the filter
    # No farther than the blur reaches (the same pixels; resvg allocates the region).
    grow = min(shadow.blur * shadow.blur / 4, blur_reach(shadow.blur)) + spread
    dx, dy = (shadow.offset_x, shadow.offset_y) if shadow.inset else (0.0, 0.0)
    left = min(-grow - dx, 0.0)
    right = max(grow + width - dx, width)
    top = min(-grow - dy, 0.0)
    bottom = max(grow + height - dy, height)
    if canvas is not None:
        # In user space: the moved shape's box is the reference's unit. An outer
        # shadow's blur also ends its reach past the shape (and its spread).
        # Past a canvas side a blur has thinned to nothing (and resvg allocates the region).
        reach = min(blur_reach(shadow.blur), math.ceil(max(canvas)))
        bx, by = x + shadow.offset_x, y + shadow.offset_y
        x0, x1 = max(bx + left, -reach), min(bx + right, canvas[0] + reach)
        y0, y1 = max(by + top, -reach), min(by + bottom, canvas[1] + reach)
        if not shadow.inset:
            own = reach + max(spread, 0.0)
            x0, x1 = max(x0, bx - own), min(x1, bx + width + own)
            y0, y1 = max(y0, by - own), min(y1, by + height + own)
        x0, y0, x1, y1 = math.floor(x0), math.floor(y0), math.ceil(x1), math.ceil(y1)
        if filtered:
            _count(max(x1 - x0, 0), max(y1 - y0, 0), counted)
        return {"x": x0, "y": y0, "width": max(x1 - x0, 0), "height": max(y1 - y0, 0),
                "filterUnits": "userSpaceOnUse"}

    if filtered:
        sx, sy = matrix_stretch(transform)
        _count(math.ceil((right - left) * sx), math.ceil((bottom - top) * sy), counted)

    def pct(value: float, whole: float) -> str:
        return f"{round(value / whole * 100, 4):g}%"

    return {"x": pct(left, width), "y": pct(top, height), "width": pct(right - left, width),
            "height": pct(bottom - top, height)}


def _pieces(pieces: tuple[list[Band], list[Corner]], shape: SvgNode, bounds: Rect, region: Rect,
            shadow: Shadow, shadow_id: str,
            keep_off: Mapping[str, str | None]) -> tuple[list[SvgNode], list[SvgNode]]:
    """(defs, nodes) of an outer shadow drawn in pieces (:mod:`.shadow_split`): ``shape`` is the
    moved shape in the colour, ``bounds`` its box grown by the spread, ``region`` the one filter's,
    ``keep_off`` the clip path or mask that keeps it off the box."""
    defs: list[SvgNode] = []
    nodes: list[SvgNode] = []
    bands, corners = pieces
    alpha = shadow.color.a
    sigma = shadow.blur / 2
    for k, corner in enumerate(corners):
        (rx0, ry0, rx1, ry1), (kx0, ky0, kx1, ky1) = corner.region, corner.keep
        piece_id = f"{shadow_id}-c{k}"
        # The blur's subregion keeps the corner; the rest of the region is its input.
        defs.append(SvgNode("filter", {
            "id": piece_id, "x": rx0, "y": ry0, "width": rx1 - rx0, "height": ry1 - ry0,
            "filterUnits": "userSpaceOnUse", "color-interpolation-filters": "sRGB"}, [
            SvgNode("feGaussianBlur", {"x": kx0, "y": ky0, "width": kx1 - kx0, "height": ky1 - ky0,
                                       "stdDeviation": sigma})]))
        nodes.append(wrap_one(shape, {**keep_off, "filter": url(piece_id),
                                      "opacity": alpha if alpha < 1 else None}))
    for k, band in enumerate(bands):
        x0, y0, x1, y1 = band.rect
        piece_id = f"{shadow_id}-g{k}"
        axis = 1 if band.vertical else 0
        start, end, stops = profile_stops(band.rect[axis], band.rect[axis + 2], bounds[axis], bounds[axis + 2],
                                          sigma, alpha, (region[axis], region[axis + 2]))
        rect = SvgNode("rect", {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0})
        if start == end:  # one value all over
            rect.attrs.update({"fill": _stop_colour(shadow.color, stops[0][1]), "fill-opacity": stops[0][1]})
        else:
            ends = {"x1": 0, "y1": start, "x2": 0, "y2": end} if band.vertical else {
                "x1": start, "y1": 0, "x2": end, "y2": 0}
            defs.append(SvgNode("linearGradient", {"id": piece_id, "gradientUnits": "userSpaceOnUse", **ends}, [
                SvgNode("stop", {"offset": offset, "stop-color": _stop_colour(shadow.color, opacity),
                                 "stop-opacity": opacity})
                for offset, opacity in stops]))
            rect.attrs["fill"] = url(piece_id)
        nodes.append(rect)
    return defs, nodes


# The shadows drawn lately, by all their inputs (a box with replaced content, whose drawing
# rect.py does not keep, draws its shadows again in every render: 0.7-0.95 ms for a card's
# round avatar): bounded by entries and by the characters their nodes hold. An entry keeps the
# filter regions it counted, counted again when it is reused. Its nodes are shared between
# renders: nothing may change them in place (:mod:`.compose` copies).
_ShadowsEntry = tuple[tuple[SvgNode, ...], tuple[SvgNode, ...], tuple[SvgNode, ...], tuple[tuple[int, int], ...], int]
_DRAWN: BoundedCache[_ShadowsEntry] = BoundedCache(512, weigh=lambda entry: entry[4], max_weight=4_000_000)
_MAX_KEPT_WEIGHT = 128_000


def box_shadows(box: tuple[float, float, float, float], radii: Radii, shadows: tuple[Shadow, ...],
                viewport: tuple[float, float], *, id_prefix: str, transform: str | None = None,
                mask: str | None = None
                ) -> tuple[list[SvgNode], list[SvgNode], list[SvgNode]]:
    """(defs, outer shadows, inset shadows) of a box ``x, y, width, height``.

    ``transform`` is the box's SVG matrix, ``mask`` the id its shapes are
    masked with. Kept across renders (see ``_DRAWN``).
    """
    key = (box, radii, shadows, viewport, id_prefix, transform, mask)
    hit = _DRAWN.get(key)
    if hit is not None:
        for width, height in hit[3]:
            _count_region(width, height)
        return list(hit[0]), list(hit[1]), list(hit[2])
    counted: list[tuple[int, int]] = []
    defs, outer, inner = _box_shadows(box, radii, shadows, viewport, id_prefix, transform, mask, counted)
    weight = nodes_weight(defs) + nodes_weight(outer) + nodes_weight(inner)
    if weight <= _MAX_KEPT_WEIGHT:
        _DRAWN.put(key, (tuple(defs), tuple(outer), tuple(inner), tuple(counted), weight))
    return defs, outer, inner


def _box_shadows(box: tuple[float, float, float, float], radii: Radii, shadows: tuple[Shadow, ...],
                 viewport: tuple[float, float], id_prefix: str, transform: str | None,
                 mask: str | None, counted: list[tuple[int, int]]
                 ) -> tuple[list[SvgNode], list[SvgNode], list[SvgNode]]:
    """:func:`box_shadows` drawn; the filter regions counted are added to ``counted``."""
    x, y, width, height = box
    defs: list[SvgNode] = []
    outer: list[SvgNode] = []
    inner: list[SvgNode] = []
    if width <= 0 or height <= 0:
        return defs, outer, inner
    common = {"transform": transform, "mask": f"url(#{mask})" if mask else None}
    vw, vh = viewport
    for i in range(len(shadows) - 1, -1, -1):
        shadow = _flooded(shadows[i])
        spread = -shadow.spread if shadow.inset else shadow.spread
        shadow_id = f"{id_prefix}-s{i}"
        mask_id = f"{id_prefix}-ms{i}"
        stroke = {"stroke-width": spread * 2} if spread else {"stroke-width": 0}
        canvas = (vw, vh) if transform is None and vw and vh else None
        region = _region(shadow, spread, (x, y, width, height), canvas, transform, counted)
        # The mask: everything but the box (outer), or only the box (inset). In user space it
        # covers the filter's region only: the shadow draws nothing outside it, and resvg's
        # default mask region is 1.44 times the image.
        mask_region = {k: region[k] for k in ("x", "y", "width", "height")} if canvas else {}
        # A round box's blurred outer shadow: the blur's profile as a radial gradient (see shadow_round).
        stops = (_round_stops(shadow, spread, width, height, radii)
                 if canvas and not shadow.inset and not mask else None)
        if stops is not None:
            # Filled as the region less the box (even-odd) itself, without a clip path: no layer
            # for the clip, and the gradient drawn only where the shadow shows (within 2 levels).
            extent = stops[-1][0]
            defs.append(SvgNode("radialGradient", {
                "id": shadow_id, "gradientUnits": "userSpaceOnUse", "cx": x + shadow.offset_x + width / 2,
                "cy": y + shadow.offset_y + height / 2, "r": extent}, [
                SvgNode("stop", {"offset": round(d / extent, 4),
                                 "stop-color": _stop_colour(shadow.color, opacity), "stop-opacity": opacity})
                for d, opacity in stops]))
            outer.append(SvgNode("path", {
                "fill-rule": "evenodd", "fill": url(shadow_id),
                "d": rect_path(region["x"], region["y"], region["width"], region["height"])
                + rect_path(x, y, width, height, radii)}))
            continue
        if canvas and not shadow.inset and not mask:
            # As a clip path: the region less the box (even-odd), within a level of the
            # mask's pixels and without its luminance pass over the region.
            defs.append(SvgNode("clipPath", {"id": mask_id}, [SvgNode("path", {
                "clip-rule": "evenodd",
                "d": rect_path(region["x"], region["y"], region["width"], region["height"])
                + rect_path(x, y, width, height, radii)})]))
            keep_off = {"clip-path": url(mask_id)}
        else:
            defs.append(SvgNode("mask", {"id": mask_id, "maskUnits": "userSpaceOnUse", **mask_region}, [
                SvgNode("rect", {"x": 0, "y": 0, "width": vw or "100%", "height": vh or "100%",
                                 "fill": "#000" if shadow.inset else "#fff"}),
                _shape(x, y, width, height, radii, {"fill": "#fff" if shadow.inset else "#000", **stroke,
                                                    **common})]))
            keep_off = {"mask": url(mask_id)}
        # A blurred outer shadow blurs the shape in its colour (see below); the others
        # blur it white and flood the colour.
        solid = RGBA(shadow.color.r, shadow.color.g, shadow.color.b).to_css()
        ink = solid if shadow.blur > 0 and not shadow.inset else "#fff"
        moved = _shape(x + shadow.offset_x, y + shadow.offset_y, width, height, radii,
                       {"fill": ink, "stroke": ink, **stroke, **common})
        content = moved
        if spread < 0:
            # A negative spread: cut a band of the spread off the moved shape.
            defs.append(SvgNode("mask", {"id": f"{mask_id}-neg", "maskUnits": "userSpaceOnUse"}, [
                _shape(x + shadow.offset_x, y + shadow.offset_y, width, height, radii,
                       {"fill": "#fff", "stroke": "#000", "stroke-width": -spread * 2, **common})]))
            content = wrap_one(moved, {"mask": url(f"{mask_id}-neg")})
        if shadow.blur <= 0 and not shadow.inset and spread >= 0:
            # The filter would only paint the shape's alpha in the colour.
            colour = shadow.color
            moved.attrs.update({"fill": solid, "stroke": solid if spread else None,
                                "stroke-width": spread * 2 if spread else None,
                                "opacity": colour.a if colour.a < 1 else None})
            outer.append(wrap_one(moved, keep_off))
            continue
        colour = shadow.color
        # The reference's filter, in linearRGB, where its flood changes the colour: a faint
        # pixel's dark channels round away (a badge's faint glow, outer or inset, drew 5.8 % /
        # 14.7 % of its ink mass light in one colour; a white card's on a white page 7.4 %).
        # resvg's two linearRGB conversions (and, outer, the flood and the composite) cost a
        # fifth to a third more raster over the region (a 1200x630 card's 1256x472 one: 699 ->
        # 921 M instructions), still less than the reference's own region of blur^2 / 4.
        exact = _flood_shows(round(colour.r), round(colour.g), round(colour.b), round(colour.a * 255))
        # The reference floods the colour as written: in linearRGB resvg rounds it its own way.
        flood_colour = shadows[i].color.to_css() if exact else colour.to_css()
        if not exact:
            # Filters run in sRGB: the shadow's colour is only flooded or carried through, and
            # resvg's linearRGB round trip of every pixel of the region was a third of its time.
            region["color-interpolation-filters"] = "sRGB"
        if shadow.inset:
            defs.append(SvgNode("filter", {"id": shadow_id, **region}, [
                SvgNode("feGaussianBlur", {"stdDeviation": shadow.blur / 2, "result": "b"}),
                SvgNode("feFlood", {"flood-color": flood_colour, "in": "SourceGraphic", "result": "f"}),
                SvgNode("feComposite", {"in": "f", "in2": "b", "operator": "out"})]))
            inner.append(wrap_one(content, {"mask": url(mask_id), "filter": url(shadow_id)}))
            continue
        # Outer: the moved shape, drawn in the colour, is blurred, and the group takes the
        # colour's alpha: the pixels of a flood "in" the blurred alpha, without the flood
        # and the composite over the region.
        bounds = (x + shadow.offset_x - spread, y + shadow.offset_y - spread,
                  x + shadow.offset_x + width + spread, y + shadow.offset_y + height + spread)
        whole = ((region["x"], region["y"], region["x"] + region["width"], region["y"] + region["height"])
                 if canvas else (0, 0, 0, 0))
        # A large box's shadow in pieces (see shadow_split): only its corners are blurred.
        pieces = (split_shadow((x, y, x + width, y + height), radii, bounds, spread, blur_reach(shadow.blur), whole)
                  if canvas and not mask and shadow.blur >= _SPLIT_BLUR else None)
        if pieces is not None:
            piece_defs, nodes = _pieces(pieces, content, bounds, whole, shadow, shadow_id, keep_off)
            defs.extend(piece_defs)
            outer.extend(nodes)
            continue
        if exact:
            # The reference's filter: the white shape blurred, the colour flooded "in" it.
            moved.attrs.update({"fill": "#fff", "stroke": "#fff"})
            defs.append(SvgNode("filter", {"id": shadow_id, **region}, [
                SvgNode("feGaussianBlur", {"stdDeviation": shadow.blur / 2, "result": "b"}),
                SvgNode("feFlood", {"flood-color": flood_colour, "result": "f"}),
                SvgNode("feComposite", {"in": "f", "in2": "b", "operator": "in"})]))
            outer.append(wrap_one(content, {**keep_off, "filter": url(shadow_id)}))
            continue
        defs.append(SvgNode("filter", {"id": shadow_id, **region}, [
            SvgNode("feGaussianBlur", {"stdDeviation": shadow.blur / 2})]))
        outer.append(wrap_one(content, {**keep_off, "filter": url(shadow_id),
                                        "opacity": colour.a if colour.a < 1 else None}))
    return defs, outer, inner


def _round_stops(shadow: Shadow, spread: float, width: float, height: float,
                 radii: Radii) -> list[tuple[float, float]] | None:
    """The radial gradient's stops of a blurred outer shadow of a round box (:mod:`.shadow_round`),
    or None: only square boxes whose four corners are the same circular arc qualify."""
    radius = radii.tl[0]
    if (shadow.blur < _SPLIT_BLUR or width != height or radius + spread <= 0 or radii.shaped
            or any(corner != (radius, radius) for corner in radii.corners)):
        return None
    # A spread grows the box and its corners alike; a negative one (cut off the shape by a mask)
    # shrinks them, while a corner is left.
    return round_profile(width + 2 * spread, radius + spread, shadow.blur / 2, shadow.color.a)
