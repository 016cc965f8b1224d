"""Painting replaced content: an ``<img>`` (or an inline ``<svg>``) as an SVG ``<image>``.

Mirrors the ``isImage`` branch of ``builder/rect.ts`` of Satori 0.63.2 with the
clip of ``builder/overflow.ts`` / ``builder/content-mask.ts``. The source was
loaded and sized before layout (:mod:`satori_py.images`); it comes with the render box.

Reference behaviour kept on purpose:

* ``objectFit``: ``contain``, ``cover`` and ``scale-down`` keep the ratio;
  ``fill`` *and* ``none`` (and anything else) stretch the image over the
  content box (the reference has no branch for ``none``).
* ``objectPosition`` (default ``center``; read at style time, :mod:`satori_py.style.object_position`)
  places the scaled image at
  ``box + p - size * p / box`` per axis, where ``p`` is a percentage of the
  box or a length. For a percentage that is CSS's; for a length it is not
  (``10px`` puts the image at ``10 * (1 - size / box)``), and it is kept.
  Only the first two words count; lengths are px numbers (the style stage
  converts ``em`` and friends, as the reference's does).
* The image is clipped to the content box, with the corners of the outer
  border radius pulled in by border + padding, built as the reference does:
  a clip path of the outer rounded box and a mask of the content box less a
  stroke along that outline, twice (border + padding) wide. A run of sides
  with the same border is one stroke using the padding of its last side
  (``paddingTop`` when all four match), so uneven padding is only partly
  rounded, as in the reference.
* With a ``transform`` (its own or an ancestor's) the image is only clipped to its
  border box, rounded by the outer border radius.
* An image of no area is not drawn; ``preserveAspectRatio`` is ``none``
  except for inline SVGs, which keep their own (``ImageSource.aspect_ratio``).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..style.computed_types import GroupedStyle
from ..style.paint_types import ObjectPosition
from ..svg import SvgNode, fmt
from .box import border_widths
from .geometry import Radii, rect_path

if TYPE_CHECKING:
    from ..images.source import ImageSource

__all__ = ["fit_rect", "image_nodes"]

_FITS_WITH_RATIO = ("contain", "cover", "scale-down")


def image_nodes(source: ImageSource, *, x: float, y: float, width: float, height: float,
                style: GroupedStyle, radii: Radii, id_prefix: str,
                natural: tuple[float, float] | None = None,
                padding: Sequence[float] | None = None,
                border: Sequence[float] | None = None,
                transformed: bool | None = None) -> tuple[list[SvgNode], list[SvgNode]]:
    """The ``<image>`` of a replaced element and the clip paths it needs: ``(shapes, defs)``.

    ``x, y, width, height`` is the content box; ``radii`` are the element's
    outer (border-box) radii. ``padding`` and ``border`` are the edges as
    (top, right, bottom, left) px; by default padding is read from ``style``
    (numbers only: pass the layout box's for percentages) and border is
    :func:`.box.border_widths`. ``transformed`` defaults to whether the style
    has a ``transform``.
    ``natural`` overrides the source's size (an ``aspect-ratio`` that replaces
    the natural ratio does). The defs are the clip path ``{id_prefix}-clip``
    and, for rounded corners, the mask ``{id_prefix}-clip-mask``.
    """
    if not source.href:
        return [], []
    nat_w, nat_h = natural if natural is not None else (source.width, source.height)
    if source.aspect_ratio:  # an inline SVG's document, fitted by its preserveAspectRatio
        rect = (x, y, width, height)
        aspect = source.aspect_ratio
    else:
        fit = str(style.paint.object_fit or "fill")
        rect = fit_rect(fit, style.paint.object_position, x, y, width, height, nat_w, nat_h)
        aspect = "none"
    # No area, nothing drawn (and librsvg would fail on it); a degenerate natural
    # size can scale to infinity, which no SVG renderer takes either.
    if not (rect[2] > 0 and rect[3] > 0) or not all(math.isfinite(v) for v in rect):
        return [], []

    pad = tuple(padding) if padding is not None else _padding(style)
    # The painter's border widths (a side whose style is none/hidden has none).
    bord = tuple(border) if border is not None else border_widths(style)
    if transformed is None:
        transformed = bool(style.paint.transform)
    clip_id = f"{id_prefix}-clip"
    if transformed:
        defs = _transformed_clip(clip_id, rect, x, y, width, height, pad, bord, radii)
    else:
        defs = _content_clip(clip_id, x, y, width, height, pad, bord, radii, style)
    masked = any(d.tag == "mask" for d in defs)
    image = SvgNode("image", {
        "x": rect[0], "y": rect[1], "width": rect[2], "height": rect[3],
        "href": source.href, "preserveAspectRatio": aspect,
        "clip-path": f"url(#{clip_id})" if defs else None,
        "mask": f"url(#{clip_id}-mask)" if masked else None,
    })
    return [image], defs


def fit_rect(fit: str, position: ObjectPosition, cx: float, cy: float, cw: float, ch: float,
             natural_width: float, natural_height: float) -> tuple[float, float, float, float]:
    """Where the image is drawn in the content box ``cx, cy, cw, ch``: ``(x, y, w, h)``."""
    if fit not in _FITS_WITH_RATIO:
        return cx, cy, cw, ch
    # Without a natural size the reference falls back to the box's.
    nw, nh = natural_width or cw, natural_height or ch
    if nw <= 0 or nh <= 0:
        return cx, cy, 0.0, 0.0
    scale_x, scale_y = cw / nw, ch / nh
    if fit == "cover":
        scale = max(scale_x, scale_y)
    else:
        scale = min(scale_x, scale_y)
        if fit == "scale-down":
            scale = min(scale, 1.0)
    iw, ih = nw * scale, nh * scale
    px, py = position.px(cw, ch)
    # Kept in the reference's order of operations so the rounding agrees.
    ix = cx + px - iw * px / cw if cw else cx
    iy = cy + py - ih * py / ch if ch else cy
    return ix, iy, iw, ih


def _padding(style: GroupedStyle) -> tuple[float, float, float, float]:
    box = style.box
    # Percentages resolve in layout: pass ``padding`` from the layout box for those.
    return (_px(box.padding_top), _px(box.padding_right), _px(box.padding_bottom), _px(box.padding_left))


def _px(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def _outer_box(x: float, y: float, w: float, h: float, pad: Sequence[float],
               bord: Sequence[float]) -> tuple[float, float, float, float]:
    top, right, bottom, left = (p + b for p, b in zip(pad, bord, strict=True))
    return x - left, y - top, w + left + right, h + top + bottom


def _transformed_clip(clip_id: str, image: tuple[float, float, float, float], x: float, y: float,
                      w: float, h: float, pad: Sequence[float], bord: Sequence[float],
                      radii: Radii) -> list[SvgNode]:
    """The clip of an image under a transform: its border box, rounded (``satori_brc``).

    Left out when nothing would be cut: square corners and the image inside the box.
    """
    ox, oy, ow, oh = _outer_box(x, y, w, h, pad, bord)
    if not radii.any:
        ix, iy, iw, ih = image
        if ix >= ox and iy >= oy and ix + iw <= ox + ow and iy + ih <= oy + oh:
            return []
        return [SvgNode("clipPath", {"id": clip_id}, [SvgNode("rect", {"x": ox, "y": oy, "width": ow, "height": oh})])]
    return [SvgNode("clipPath", {"id": clip_id}, [SvgNode("path", {"d": rect_path(ox, oy, ow, oh, radii)})])]


def _content_clip(clip_id: str, x: float, y: float, w: float, h: float, pad: Sequence[float],
                  bord: Sequence[float], radii: Radii, style: GroupedStyle) -> list[SvgNode]:
    content = SvgNode("rect", {"x": x, "y": y, "width": w, "height": h})
    if not radii.any:
        return [SvgNode("clipPath", {"id": clip_id}, [content])]
    # As the reference: clip to the outer rounded box, and mask with the content
    # box less a stroke along that outline as wide as 2 x (border + padding).
    # The stroke's inner edge is the exact offset of elliptical corners, which
    # an inset rounded rectangle is not.
    ox, oy, ow, oh = _outer_box(x, y, w, h, pad, bord)
    mask = SvgNode("mask", {"id": f"{clip_id}-mask"}, [
        SvgNode("rect", {"x": x, "y": y, "width": w, "height": h, "fill": "#fff"})])
    for first, count, inset in _mask_runs(style, pad, bord):
        if inset > 0:
            mask.children.append(SvgNode("path", {
                "d": _outline(ox, oy, ow, oh, radii, first, count), "fill": "none",
                "stroke": "#000", "stroke-width": 2 * inset}))
    outer = SvgNode("path", {"d": rect_path(ox, oy, ow, oh, radii)})
    return [SvgNode("clipPath", {"id": clip_id}, [outer]), mask]


Point = tuple[float, float]


def _corner_points(ox: float, oy: float, ow: float, oh: float, radii: Radii,
                   corner: int) -> tuple[Point, Point, Point, Point]:
    """A corner's (start, middle, end, radii), clockwise; corners are TL, TR, BR, BL."""
    rx, ry = (radii.tl, radii.tr, radii.br, radii.bl)[corner]
    # The point of the arc at 45 degrees, where the reference splits corners.
    c = round(rx * ry / math.hypot(rx, ry), 3) if rx or ry else 0.0
    right, bottom = ox + ow, oy + oh
    if corner == 0:
        return (ox, oy + ry), (ox + rx - c, oy + ry - c), (ox + rx, oy), (rx, ry)
    if corner == 1:
        return (right - rx, oy), (right - rx + c, oy + ry - c), (right, oy + ry), (rx, ry)
    if corner == 2:
        return (right, bottom - ry), (right - rx + c, bottom - ry + c), (right - rx, bottom), (rx, ry)
    return (ox + rx, bottom), (ox + rx - c, bottom - ry + c), (ox, bottom - ry), (rx, ry)


def _outline(ox: float, oy: float, ow: float, oh: float, radii: Radii, first: int, count: int) -> str:
    """The outline of ``count`` sides from side ``first`` (T, R, B, L), from and to
    the middle of the corners at their ends, as the reference strokes a run of sides."""
    def arc(r: tuple[float, float], to: tuple[float, float]) -> str:
        return f"A{fmt(r[0])} {fmt(r[1])} 0 0 1 {fmt(to[0])} {fmt(to[1])}"

    _, mid, end, r = _corner_points(ox, oy, ow, oh, radii, first)
    parts = [f"M{fmt(mid[0])} {fmt(mid[1])}", arc(r, end)]
    for step in range(count):
        start, mid, end, r = _corner_points(ox, oy, ow, oh, radii, (first + step + 1) % 4)
        parts.append(f"L{fmt(start[0])} {fmt(start[1])}")
        parts.append(arc(r, end if step < count - 1 else mid))
    return "".join(parts)


def _mask_runs(style: GroupedStyle, pad: Sequence[float],
               bord: Sequence[float]) -> list[tuple[int, int, float]]:
    """The runs of sides the reference strokes in its content mask: (first side, count, inset).

    Sides are grouped in runs of equal border (width, style, colour), starting
    after a change; each run is stroked once, as wide as its border plus the
    padding of the run's last side (so ``paddingTop`` when all four match).
    """
    box, paint = style.box, style.paint
    keys = [(box.border_top_width, paint.border_top_style, paint.border_top_color),
            (box.border_right_width, paint.border_right_style, paint.border_right_color),
            (box.border_bottom_width, paint.border_bottom_style, paint.border_bottom_color),
            (box.border_left_width, paint.border_left_style, paint.border_left_color)]
    start = 0
    for _ in range(3):
        if keys[start] != keys[(start + 3) % 4]:
            break
        start = (start + 3) % 4
    runs: list[tuple[int, int, float]] = []
    first, count = start, 0
    for step in range(4):
        side = (start + step) % 4
        count += 1
        if step == 3 or keys[side] != keys[(side + 1) % 4]:
            # Four equal sides are one closed outline from the top-left corner.
            runs.append((0 if count == 4 else first, count, bord[side] + pad[side]))
            first, count = (side + 1) % 4, 0
    return runs
