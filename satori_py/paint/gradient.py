"""Linear and radial gradients (and their repeating forms) as SVG paint.

Mirrors ``builder/gradient/linear.ts`` and ``builder/gradient/radial.ts`` of
Satori 0.63.2; conic gradients are in :mod:`.conic`, stops in
:mod:`.gradient_stops`, the syntax (parsed at style time) in
:mod:`satori_py.style.gradients`. :func:`gradient_content` draws one parsed
gradient image of ``size`` px: the nodes that go in the background's tile
``<pattern>``.

The reference's geometry is kept, quirks included:

* A linear gradient is an ``objectBoundingBox`` ``<linearGradient>`` over the
  image, its end points from ``calcNormalPoint`` (the CSS gradient line for an
  angle, scaled to the box) or from the side/corner keywords (``to top right``
  is the box's diagonal, not CSS's "magic corners"). So the colour lines of an
  angle are perpendicular in the unit square, not in px, as in the reference.
* A repeating linear gradient's line is cut down to its first and last stops,
  and ``spreadMethod="repeat"`` repeats it; the cycle of a length last stop is
  its number whatever its unit.
* Radial positions of stops in px are fractions of the *element's* width (not
  of the ray); ``at top`` alone stays centred (the parser reads ``top`` as
  the x keyword, which moves y, then ``center`` for y resets it).
* A radial gradient is a ``userSpaceOnUse`` ``<radialGradient>`` (an ellipse is
  a circle scaled vertically); a zero radius fills with the last colour.
  A repeating one fills a circle/ellipse made large enough to cover the image.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

from ..cache import BoundedCache
from ..diagnostics import counting_reports
from ..js_numbers import js_div
from ..style.types import (
    ColorStop,
    ConicGradient,
    Gradient,
    LengthToken,
    LinearGradient,
    Offset,
    Percent,
    RadialGradient,
)
from ..svg import AttrValue, SvgNode, fmt
from .conic import conic_content
from .geometry import word_px
from .gradient_stops import Stop, normalize_stops, resolve_math_positions

__all__ = [
    "RadialGeometry",
    "gradient_content",
    "linear_points",
    "radial_geometry",
]

_EXTENTS = ("closest-corner", "closest-side", "farthest-corner", "farthest-side")
Points = tuple[float, float, float, float]


def num(value: float, decimals: int = 6) -> str:
    """Coordinates in fractions of a box need more decimals than px do."""
    return fmt(value, decimals) if math.isfinite(value) else "0"


# A repeating gradient's vector (or radius) sets the period of all its stripes (or rings), so its
# rounding adds up stripe after stripe: on a box 12,000 px wide (a stranger's long word in a
# striped row) six decimals moved the far stripes by px, where the reference writes the floats
# in full.
_REPEATING_DECIMALS = 10


def gradient_content(image: Gradient, size: tuple[float, float], box_width: float, id_base: str,
                     *, mask: bool = False) -> list[SvgNode]:
    """The nodes that draw the gradient ``image`` over ``(0, 0, *size)``.

    ``box_width`` is the element's width, which radial stops in px are
    relative to. Ids are ``{id_base}-g`` (and ``-m`` for conic masks).
    ``mask`` draws white with the gradient's alpha, for ``mask-image``.
    """
    if isinstance(image, ConicGradient):
        return conic_content(image, size, id_base, mask=mask)
    if isinstance(image, LinearGradient):
        return _linear(image, size, f"{id_base}-g", mask)
    return _radial(image, size, box_width, f"{id_base}-g", mask)


def _offset(value: float | None, percent: bool) -> str:
    value = value or 0.0
    return num(value * 100) + "%" if percent else num(value)


def _stop_nodes(stops: Sequence[Stop], percent: bool) -> list[SvgNode]:
    return [SvgNode("stop", {"offset": _offset(s.offset, percent), "stop-color": s.color}) for s in stops]


# --- linear --------------------------------------------------------------------------------

def linear_points(radians: float, w: float, h: float) -> tuple[Points, float]:
    """``calcNormalPoint``: the end points (in the unit box) and length in px of
    the gradient line of an angle over a ``w`` x ``h`` image."""
    r = (h / w) ** 2
    two_pi = math.pi * 2
    angle = math.fmod(math.fmod(radians, two_pi) + two_pi, two_pi)
    swap = angle >= math.pi
    if swap:
        angle -= math.pi
    if angle == 0:
        x1, y1, x2, y2, length = 0.0, h, 0.0, 0.0, h
    elif angle == math.pi / 2:
        x1, y1, x2, y2, length = 0.0, 0.0, w, 0.0, w
    elif angle < math.pi / 2:
        tan = math.tan(angle)
        x1 = (r * w / 2 / tan - h / 2) / (tan + r / tan)
        y1 = tan * x1 + h
        x2 = abs(w / 2 - x1) + w / 2
        y2 = h / 2 - abs(y1 - h / 2)
        a = (w / 2 / tan - h / 2) / (tan + 1 / tan)
        b = tan * a + h
        length = 2 * math.hypot(w / 2 - a, h / 2 - b)
    else:
        tan = math.tan(angle)
        x1 = (h / 2 + r * w / 2 / tan) / (tan + r / tan)
        y1 = tan * x1
        x2 = abs(w / 2 - x1) + w / 2
        y2 = h / 2 + abs(y1 - h / 2)
        a = (w / 2 / tan + h / 2) / (tan + 1 / tan)
        b = tan * a
        length = 2 * math.hypot(w / 2 - a, h / 2 - b)
    if swap:
        x1, y1, x2, y2 = x2, y2, x1, y1
    return (x1 / w, y1 / h, x2 / w, y2 / h), length


def _fraction_of(offset: Offset | None, default: float, length: float) -> float:
    if offset is None:
        return default
    if offset.unit == "%":
        return offset.number / 100
    return js_div(offset.px if offset.px is not None else math.nan, length)


# A linear gradient's end points and stops (offset, colour) per (gradient, size,
# mask). Cards repeat a gradient over many boxes (a chart's bars, a row of panels), and
# resolving it again for each was a fifth of such a card's front end. Only what was computed
# without a report is kept (a hit reports nothing); gradients of many stops are not kept.
LinearParts = tuple[bool, Points, tuple[tuple[str, str], ...]]
_LINEAR: BoundedCache[LinearParts] = BoundedCache(512)
_MAX_CACHED_STOPS = 200


def _linear(image: LinearGradient, size: tuple[float, float], gradient_id: str,
            mask: bool) -> list[SvgNode]:
    key = (image, size, mask)
    parts = _LINEAR.get(key)
    if parts is None:
        with counting_reports() as reports:
            parts = _linear_parts(image, size, mask)
        if not reports[0] and len(image.stops) <= _MAX_CACHED_STOPS:
            _LINEAR.put(key, parts)
    repeating, (x1, y1, x2, y2), stops = parts
    w, h = size
    decimals = _REPEATING_DECIMALS if repeating else 6
    return [
        SvgNode("linearGradient", {"id": gradient_id, "x1": num(x1, decimals), "y1": num(y1, decimals),
                                   "x2": num(x2, decimals), "y2": num(y2, decimals),
                                   "spreadMethod": "repeat" if repeating else "pad"},
                [SvgNode("stop", {"offset": offset, "stop-color": color}) for offset, color in stops]),
        SvgNode("rect", {"x": 0, "y": 0, "width": w, "height": h, "fill": f"url(#{gradient_id})"}),
    ]


def _linear_parts(image: LinearGradient, size: tuple[float, float], mask: bool) -> LinearParts:
    method, repeating = image.method, image.repeating
    w, h = size
    if image.points is not None:
        points = image.points
        length = math.hypot((points[2] - points[0]) * w, (points[3] - points[1]) * h)
    else:
        # deg / 180 * pi, not radians(): 90deg must be exactly pi / 2.
        points, length = linear_points(image.degrees / 180 * math.pi, w, h)
    stops = resolve_math_positions(image.stops, image.math, length)
    if repeating:
        # The line from the first stop to the last one, repeated.
        p1 = _fraction_of(stops[0].offset if stops else None, 0.0, length)
        p2 = _fraction_of(stops[-1].offset if stops else None, 1.0, length)
        x1, y1, x2, y2 = points
        points = ((x2 - x1) * p1 + x1, (y2 - y1) * p1 + y1, (x2 - x1) * p2 + x1, (y2 - y1) * p2 + y1)
        cycle = _repeating_cycle(stops[-1].offset if stops else None, length)
    resolved = normalize_stops(cycle if repeating else length, stops, repeating, mask, method)
    return repeating, points, tuple((_offset(s.offset, True), s.color) for s in resolved)


def _repeating_cycle(last: Offset | None, length: float) -> float:
    if last is None:
        return length
    if last.unit == "%":
        return last.number / 100 * length
    return last.number  # whatever its unit: the reference's quirk


# --- radial --------------------------------------------------------------------------------

class RadialGeometry:
    """The parsed and resolved shape of a radial gradient over an image."""

    __slots__ = ("cx", "cy", "r", "ratio", "repeating", "rx", "ry", "shape", "stops")

    def __init__(self, shape: str, cx: float, cy: float, repeating: bool, stops: Sequence[ColorStop]) -> None:
        self.shape, self.cx, self.cy, self.repeating, self.stops = shape, cx, cy, repeating, stops
        self.r = self.rx = self.ry = 0.0
        self.ratio = 1.0


def _axis(offset: Offset | None, base: float) -> float:
    if offset is None:
        px = None
    else:
        px = Percent(offset.number).px(base) if offset.unit == "%" else offset.px
    return base / 2 if px is None else px


def radial_geometry(image: RadialGradient, size: tuple[float, float], box_width: float) -> RadialGeometry:
    """Resolve the centre and ending shape of ``image`` over an image of ``size`` (``calcRadius``)."""
    w, h = size
    stops = resolve_math_positions(image.stops, image.math, box_width)

    # The centre: a keyword sets its own axis, whichever slot it is in.
    cx, cy = w / 2, h / 2
    keyword_axis = {"left": ("x", 0.0), "right": ("x", w), "top": ("y", 0.0), "bottom": ("y", h)}
    for slot, word in enumerate(image.position):
        if word == "center":
            if slot == 0:
                cx = w / 2
            else:
                cy = h / 2
        elif word in keyword_axis:
            axis, value = keyword_axis[word]
            if axis == "x":
                cx = value
            else:
                cy = value
        elif slot == 0:
            cx = _axis(image.position_offsets[0], w)
        else:
            cy = _axis(image.position_offsets[1], h)
    geometry = RadialGeometry(image.shape, cx, cy, image.repeating, stops)
    _ending_shape(geometry, image.sizes, w, h)
    return geometry


def _ending_shape(g: RadialGeometry, sizes: Sequence[str | LengthToken], w: float, h: float) -> None:
    cx, cy, circle = g.cx, g.cy, g.shape == "circle"
    far_x, far_y = max(abs(w - cx), abs(cx)), max(abs(h - cy), abs(cy))
    near_x, near_y = min(abs(w - cx), abs(cx)), min(abs(h - cy), abs(cy))
    if not any(s in _EXTENTS for s in sizes):
        # (A negative size is an error of the style stage.)
        def px(word: str | LengthToken, base: float) -> float:
            value = word_px(word, base)
            return math.nan if value is None else value

        if circle:
            g.r = px(sizes[0], w)
        else:
            g.rx = px(sizes[0], w)
            # The reference reads a second size that may not be there.
            g.ry = px(sizes[1], h) if len(sizes) > 1 else math.nan
    elif sizes[0] in ("farthest-side", "closest-side"):
        pick = max if sizes[0] == "farthest-side" else min
        if circle:
            g.r = pick(abs(w - cx), abs(cx), abs(h - cy), abs(cy))
        else:
            g.rx, g.ry = pick(abs(w - cx), abs(cx)), pick(abs(h - cy), abs(cy))
    else:
        fx, fy = (far_x, far_y) if sizes[0] == "farthest-corner" else \
            (near_x, near_y) if sizes[0] == "closest-corner" else (0.0, 0.0)
        if circle:
            g.r = math.hypot(fx, fy)
        else:
            g.rx, g.ry = _corner_ellipse(fx, fy)
    if g.repeating:
        # Large enough to cover the image; the stops are scaled by `ratio`.
        if circle:
            cover = math.hypot(far_x, far_y)
            g.ratio = js_div(cover, g.r)
            if g.ratio > 1:
                g.r = cover
        else:
            rx, ry = _corner_ellipse(far_x, far_y)
            g.ratio = max(js_div(rx, g.rx), js_div(ry, g.ry))
            if g.ratio > 1:
                g.rx *= g.ratio
                g.ry *= g.ratio


def _corner_ellipse(fx: float, fy: float) -> tuple[float, float]:
    """(rx, ry) of the ellipse through the corner (fx, fy) with the sides' ratio."""
    ratio = fx / fy if fy != 0 else 1.0
    if fx == 0:
        return 0.0, 0.0
    ry = math.sqrt(fx * fx + fy * fy * ratio * ratio) / ratio
    return ry * ratio, ry


def _radial(image: RadialGradient, size: tuple[float, float], box_width: float, gradient_id: str,
            mask: bool) -> list[SvgNode]:
    method = image.method
    g = radial_geometry(image, size, box_width)
    w, h = size
    total = box_width
    last = g.stops[-1].offset if g.stops else None
    if g.repeating and last is not None and last.unit != "%":
        total = last.px if last.px is not None else math.nan
    stops = _stop_nodes(normalize_stops(total, g.stops, g.repeating, mask, method), percent=False)
    circle = g.shape == "circle"
    if g.repeating:
        radius = (g.r if circle else g.rx) * 2
        shape_numbers = (g.cx, g.cy, g.r) if circle else (g.cx, g.cy, g.rx, g.ry)
        if not all(math.isfinite(v) for v in shape_numbers) or not radius > 0:
            return []  # the reference's shape has an invalid size: nothing is drawn
        if last is None or last.unit == "%":
            # The reference fails without a last position; 100% is what CSS means.
            percent = last.number if last is not None else 100.0
            r: AttrValue = num(percent * min(js_div(h, w), 1) / g.ratio, _REPEATING_DECIMALS) + "%"
        else:
            r = num(js_div(last.px if last.px is not None else math.nan, radius), _REPEATING_DECIMALS)
        attrs: dict[str, AttrValue] = {"cx": g.cx, "cy": g.cy}
        attrs.update({"r": g.r} if circle else {"rx": g.rx, "ry": g.ry})
        return [
            SvgNode("radialGradient", {"id": gradient_id, "spreadMethod": "repeat", "cx": "50%",
                                       "cy": "50%", "r": r}, stops),
            SvgNode(g.shape, {**attrs, "fill": f"url(#{gradient_id})"}),
        ]
    radius = g.r if circle else g.rx
    scale_y = 1.0 if circle else js_div(g.ry, g.rx)
    rect = {"x": 0, "y": 0, "width": w, "height": h}
    if not (radius > 0) or not (scale_y > 0) or not math.isfinite(scale_y):
        last_color = stops[-1].attrs["stop-color"] if stops else "transparent"
        return [SvgNode("rect", {**rect, "fill": last_color})]
    transform = None if scale_y == 1 else (
        f"translate({fmt(g.cx)} {fmt(g.cy)}) scale(1 {num(scale_y)}) translate({fmt(-g.cx)} {fmt(-g.cy)})")
    return [
        SvgNode("radialGradient", {"id": gradient_id, "gradientUnits": "userSpaceOnUse", "cx": g.cx,
                                   "cy": g.cy, "r": radius, "gradientTransform": transform,
                                   "spreadMethod": "pad"}, stops),
        SvgNode("rect", {**rect, "fill": f"url(#{gradient_id})"}),
    ]
