"""Painting replaced content: an ``<img>`` (or an inline ``<svg>``) as an SVG ``<image>``.

Mirrors the ``isImage`` branch of ``builder/rect.ts`` of Satori 0.63.2 with the
clip of ``builder/overflow.ts`` / ``builder/content-mask.ts``. The source was
loaded and sized before layout (:mod:`satori_py.images`); it comes with the render box.

Reference behaviour kept on purpose:

* ``objectFit``: ``contain``, ``cover`` and ``scale-down`` keep the ratio;
  ``fill`` *and* ``none`` (and anything else) stretch the image over the
  content box (the reference has no branch for ``none``).
* ``objectPosition`` (default ``center``) places the scaled image at
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
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..patterns import lazy_compile
from ..svg import SvgNode, fmt
from .box import border_widths
from .geometry import Radii, rect_path

if TYPE_CHECKING:
    from ..images.source import ImageSource

__all__ = ["fit_rect", "image_nodes", "object_position"]

SIDES = ("Top", "Right", "Bottom", "Left")
_FITS_WITH_RATIO = ("contain", "cover", "scale-down")
_KEYWORD_PERCENT = {"left": "0%", "center": "50%", "right": "100%", "top": "0%", "bottom": "100%"}
_LENGTH_UNITS = frozenset({"em", "ex", "ch", "rem", "vh", "vw", "vmin", "vmax", "px", "mm", "cm",
                           "in", "pt", "pc", "mozmm"})
_JS_FLOAT_PREFIX = lazy_compile(r"\s*([+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))")


def image_nodes(source: ImageSource, *, x: float, y: float, width: float, height: float,
                style: Any, radii: Radii, id_prefix: str,
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
        fit = str(style.get("objectFit") or "fill")
        rect = fit_rect(fit, style.get("objectPosition"), x, y, width, height, nat_w, nat_h)
        aspect = "none"
    # No area, nothing drawn (and librsvg would fail on it); a degenerate natural
    # size can scale to infinity, which no SVG renderer takes either.
    if not (rect[2] > 0 and rect[3] > 0) or not all(math.isfinite(v) for v in rect):
        return [], []

    pad = tuple(padding) if padding is not None else _edges(style, "padding{}")
    # The painter's border widths (a side whose style is none/hidden has none).
    bord = tuple(border) if border is not None else border_widths(style)
    if transformed is None:
        transformed = bool(style.get("transform"))
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


def fit_rect(fit: str, position: Any, cx: float, cy: float, cw: float, ch: float,
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
    px, py = object_position(position, cw, ch)
    # Kept in the reference's order of operations so the rounding agrees.
    ix = cx + px - iw * px / cw if cw else cx
    iy = cy + py - ih * py / ch if ch else cy
    return ix, iy, iw, ih


def object_position(value: Any, box_width: float, box_height: float) -> tuple[float, float]:
    """An ``objectPosition`` as px offsets ``(px, py)`` in a box (``parseObjectPosition``).

    Takes the CSS text (``"right 20%"``, ``"10px 5px"``), a number (px), or a
    pair whose items are keywords, numbers or percentages (objects with a
    ``value`` and a ``%`` unit, such as the style stage's ``Percent``).
    """
    parts = _position_words(value)
    if len(parts) == 1:
        word = parts[0]
        if word in ("left", "center", "right"):
            x_word, y_word = _KEYWORD_PERCENT[word], "50%"
        elif word in ("top", "bottom"):
            x_word, y_word = "50%", _KEYWORD_PERCENT[word]
        else:
            x_word, y_word = word, "50%"
    else:
        first, second = parts[0], parts[1]
        if first in ("top", "bottom"):
            y_word = _KEYWORD_PERCENT[first]
            # A length after a vertical keyword is dropped, not read as x.
            x_word = _KEYWORD_PERCENT[second] if second in ("left", "right", "center") else "50%"
        else:
            x_word, y_word = _KEYWORD_PERCENT.get(first, first), _KEYWORD_PERCENT.get(second, second)
    return _position_px(x_word, box_width), _position_px(y_word, box_height)


def _position_words(value: Any) -> list[str]:
    if value is None or value == "":
        return ["center"]
    if isinstance(value, (list, tuple)):
        words = [_position_word(item) for item in value]
    else:
        words = _position_word(value).split()
    return words or ["center"]


def _position_word(item: Any) -> str:
    if isinstance(item, bool):
        return "0"
    if isinstance(item, (int, float)):
        return repr(float(item)) if not float(item).is_integer() else str(int(item))
    unit = getattr(item, "unit", None)
    number = getattr(item, "value", None)
    if isinstance(number, (int, float)):
        is_percent = unit == "%" or type(item).__name__ == "Percent"
        return f"{number}%" if is_percent else f"{number}"
    return str(item).lower().strip()


def _position_px(word: str, size: float) -> float:
    """A position word in px: ``%`` of ``size``, else the number of a length (0 when invalid)."""
    value = _js_parse_float(word) * size / 100.0 if word.endswith("%") else _css_dimension_number(word)
    return value if math.isfinite(value) else 0.0


def _js_parse_float(text: str) -> float:
    match = _JS_FLOAT_PREFIX.match(text)
    if match is None:
        return math.nan
    return float(match.group(1).replace("Infinity", "inf"))


def _css_dimension_number(word: str) -> float:
    """The number of a CSS length or number (``parse-css-dimension``); units are not applied."""
    if (re.search(r"\.\D?$", word) or re.match(r"[+-]{2}", word) or word.count(".") > 1):
        return 0.0
    unit_match = re.search(r"\D+$", word)
    unit = unit_match.group(0) if unit_match else ""
    if unit and unit not in _LENGTH_UNITS:  # angles, times... or an unknown unit
        return 0.0
    return _js_parse_float(word[: len(word) - len(unit)] if unit else word)


def _edges(style: Any, pattern: str) -> tuple[float, float, float, float]:
    out = []
    for side in SIDES:
        # Percentages resolve in layout: pass ``padding`` from the layout box for those.
        value = style.get(pattern.format(side))
        out.append(float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0)
    return out[0], out[1], out[2], out[3]


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
                  bord: Sequence[float], radii: Radii, style: Any) -> list[SvgNode]:
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


def _mask_runs(style: Any, pad: Sequence[float],
               bord: Sequence[float]) -> list[tuple[int, int, float]]:
    """The runs of sides the reference strokes in its content mask: (first side, count, inset).

    Sides are grouped in runs of equal border (width, style, colour), starting
    after a change; each run is stroked once, as wide as its border plus the
    padding of the run's last side (so ``paddingTop`` when all four match).
    """
    keys = [(style.get(f"border{s}Width"), style.get(f"border{s}Style"), style.get(f"border{s}Color"))
            for s in SIDES]
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
